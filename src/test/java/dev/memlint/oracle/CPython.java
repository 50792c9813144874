package dev.memlint.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A CPython interpreter installed by pyenv, as an {@link AstOracle}. */
public final class CPython implements AstOracle {
    static final Path AST_DUMP = Path.of("src", "test", "python", "ast_dump.py");

    private final String version;
    private final Path executable;

    private CPython(String version, Path executable) {
        this.version = version;
        this.executable = executable;
    }

    /** pyenv's interpreter for a full version ("3.13.0"), or null when it is not installed. */
    public static CPython find(String version) {
        dev.memlint.Oracles.assumeEnabled("CPython " + version + " from pyenv");
        String root = System.getenv("PYENV_ROOT");
        Path versions = (root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), ".pyenv"))
                .resolve("versions");
        String[] parts = version.split("\\.");
        Path exe = versions.resolve(version).resolve("bin").resolve("python" + parts[0] + "." + parts[1]);
        return Files.isExecutable(exe) ? new CPython(version, exe) : null;
    }

    public String version() { return version; }

    @Override public String label() { return "CPython " + version; }

    @Override public List<String> command() {
        return List.of(executable.toString(), AST_DUMP.toString());
    }

    @Override public String cacheKey() { return executable + "\n" + Dumps.hashFile(AST_DUMP); }

    @Override public String compileError(Path file) {
        try {
            String out = run("-W", "ignore", "-c", "import sys\ntry:\n compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')\n"
                    + "except SyntaxError as e:\n print('%s: %s' % (e.lineno, e.msg))", file.toString());
            return out.isEmpty() ? null : out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The interpreter's standard library folder (sysconfig's "stdlib"). */
    public Path stdlib() throws IOException, InterruptedException {
        return Path.of(run("-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"));
    }

    /** Runs the interpreter with arguments; its output, stripped. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(label() + ": " + out);
        return out;
    }

    /** ast_dump.py's lines for a few sources (written to temporary files). */
    public List<String> dumpSources(List<byte[]> sources) throws IOException {
        Path dir = Files.createTempDirectory("memlint-ast-dump");
        try {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                Path f = dir.resolve("snippet" + i + ".py");
                Files.write(f, sources.get(i));
                files.add(f);
            }
            List<String> lines = new ArrayList<>();
            try (Dumps.Lines dump = Dumps.run(this, files)) {
                for (int i = 0; i < files.size(); i++) lines.add(dump.next());
            }
            return lines;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
