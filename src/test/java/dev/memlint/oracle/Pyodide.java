package dev.memlint.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPython 3.14 running in pyodide under Node (npm package pyodide 314.0.7, installed by .ci/run into
 * ~/.cache/memlint-node; -Dmemlint.pyodide=DIR or MEMLINT_PYODIDE point elsewhere), as an
 * {@link AstOracle}. Its python_stdlib.zip is the 3.14 standard library corpus.
 */
public final class Pyodide implements AstOracle {
    static final String VERSION = "314.0.7";
    private static final Path SCRIPT = Path.of("src", "test", "node", "pyodide_ast_dump.mjs");
    private static final Path RUNNER = Path.of("src", "test", "node", "pyodide_run.mjs");

    private final Path dir;

    private Pyodide(Path dir) {
        this.dir = dir;
    }

    /** The installed pyodide, or null with the reason in {@code why[0]}. */
    public static Pyodide find(String[] why) {
        if (!dev.memlint.Oracles.enabled()) {
            dev.memlint.Oracles.announce();
            why[0] = dev.memlint.Oracles.skipMessage("pyodide " + VERSION + " from npm (CPython 3.14 under node)");
            return null;
        }
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("memlint.pyodide", System.getenv("MEMLINT_PYODIDE"));
        if (configured != null) candidates.add(Path.of(configured));
        candidates.add(Path.of(System.getProperty("user.home"), ".cache", "memlint-node", "node_modules", "pyodide"));
        candidates.add(Path.of("target", "node", "node_modules", "pyodide"));
        Path found = candidates.stream().filter(p -> Files.isRegularFile(p.resolve("pyodide.mjs"))).findFirst().orElse(null);
        if (found == null) {
            why[0] = "pyodide " + VERSION + " not installed in any of " + candidates
                    + " (npm install --prefix ~/.cache/memlint-node pyodide@" + VERSION + ")";
            return null;
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why[0] = "node does not run";
                return null;
            }
        } catch (IOException e) {
            why[0] = "node is not installed: " + e.getMessage();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why[0] = "interrupted";
            return null;
        }
        return new Pyodide(found.toAbsolutePath());
    }

    @Override public String label() { return "CPython 3.14 (pyodide " + VERSION + ")"; }

    @Override public List<String> command() {
        return List.of("node", SCRIPT.toString(), dir.toString());
    }

    @Override public String cacheKey() {
        return dir + "\n" + Dumps.hashFile(CPython.AST_DUMP) + "\n" + Dumps.hashFile(SCRIPT) + "\n"
                + Dumps.hashFile(dir.resolve("python_stdlib.zip"));
    }

    /** Runs a Python script on one input file (sys.argv[1]); its standard output. */
    public String run(Path script, Path input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", RUNNER.toString(), dir.toString(), script.toString(), input.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(label() + " failed on " + script);
        return out;
    }

    /** The .py files of pyodide's python_stdlib.zip, unpacked once into target/oracle/py314-stdlib. */
    List<Path> stdlibFiles() throws IOException {
        Path out = Path.of("target", "oracle", "py314-stdlib");
        Path done = out.resolve(".unpacked");
        if (!Files.exists(done)) {
            Corpus.unzip(dir.resolve("python_stdlib.zip"), out);
            Files.writeString(done, VERSION);
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.toString().endsWith(".py")).sorted().toList();
        }
    }
}
