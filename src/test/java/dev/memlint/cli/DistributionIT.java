package dev.memlint.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Installs the wheel with pip into a fresh virtual environment, and unpacks the tarball, as users
 * do, then runs them where no Java can be found (no java on PATH, no JAVA_HOME): every output must
 * be the jar's, byte for byte, and the bundled AOT cache must be the one in use.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard: pip installs 70 MB
class DistributionIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path DIST = PROJECT.resolve("target/dist");
    private static final List<String> PYTHONS = List.of("/root/.pyenv/versions/3.12.1/bin/python3", "/usr/bin/python3");

    /** Each exercises another part of the runtime: TOML and JSON (Jackson), XML (java.xml), git lookups. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("check", "."),
            List.of("check", "--extend-select", "ALL", "--format", "json", "."),
            List.of("check", "--format", "sarif", "."),
            List.of("check", "--format", "junit", "."),
            List.of("estimate", "report.py"),
            List.of("estimate", "--format", "json", "report.py"),
            List.of("check", "--target-version", "9.9", "report.py"));

    @TempDir
    Path temp;
    private Path project;
    /** Links to commands outside: not in the @TempDir, whose clean-up warns about each one. */
    private Path pathMirrors;

    @AfterEach
    void deleteMirrors() throws IOException {
        if (pathMirrors == null) return;
        try (Stream<Path> files = Files.walk(pathMirrors)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file); // a link, not its target
        }
    }

    @BeforeEach
    void sampleProject() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("pyproject.toml"), """
                [project]
                requires-python = ">=3.10"

                [tool.memlint]
                extend-select = ["MEM2"]
                """);
        Files.writeString(project.resolve("report.py"), """
                def render(rows):
                    out = ""
                    for row in rows:
                        out = out + f"{row}" + "\\n"
                    return out


                def totals(rows):
                    return sum([len(row) for row in rows])
                """);
        Files.writeString(project.resolve("broken.py"), "def load(path)\n    return path\n");
    }

    @Test
    void wheelInstalledWithPipRunsWithoutJava() throws Exception {
        Path wheel = onlyFile("memlint-*-py3-none-*.whl");
        Path python = pythonWithVenvAndPip();
        Path venv = temp.resolve("venv");
        MemlintProcess created = run(List.of(python.toString(), "-m", "venv", venv.toString()), temp, Map.of());
        assertEquals(0, created.exitCode(), created.toString());
        MemlintProcess installed = run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--no-index",
                "--no-cache-dir", "--disable-pip-version-check", "--quiet", wheel.toString()), temp, Map.of());
        assertEquals(0, installed.exitCode(), installed.toString());

        assertSameAsJar(venv.resolve("bin/memlint"));
    }

    @Test
    void tarballRunsWithoutJava() throws Exception {
        Path tarball = onlyFile("memlint-*-linux-*.tar.gz");
        Path unpacked = Files.createDirectories(temp.resolve("opt"));
        MemlintProcess untar = run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), temp, Map.of());
        assertEquals(0, untar.exitCode(), untar.toString());
        Path launcher;
        try (Stream<Path> tops = Files.list(unpacked)) {
            launcher = tops.findFirst().orElseThrow().resolve("bin/memlint");
        }
        // Called by name through a link on PATH, as the tarball's README says.
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("memlint"), launcher);
        assertSameAsJar(bin.resolve("memlint"));
    }

    private void assertSameAsJar(Path memlint) throws Exception {
        Map<String, String> noJava = environmentWithoutJava(memlint.getParent());
        MemlintProcess which = run(List.of("bash", "-c", "command -v java"), project, noJava);
        assertNotEquals(0, which.exitCode(), "java is still found: " + which);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = PROJECT.resolve("target/memlint.jar").toString();
        for (List<String> args : COMMANDS) {
            MemlintProcess expected = run(concat(List.of(java, "-jar", jar), args), project, Map.of());
            MemlintProcess actual = run(concat(List.of(memlint.toString()), args), project, noJava);
            assertEquals(expected.toString(), actual.toString(), "memlint " + String.join(" ", args));
        }
        // AOTMode=on refuses to start without the cache: the installed one is found and usable.
        Map<String, String> aotOn = new HashMap<>(noJava);
        aotOn.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
        MemlintProcess version = run(List.of(memlint.toString(), "--version"), project, aotOn);
        assertEquals(0, version.exitCode(), "the AOT cache is not used: " + version);
        assertTrue(version.out().startsWith("memlint "), version.toString());
        // The server starts with flags of its own (the full compiler, a small heap), still with the cache.
        String session = lsp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}")
                + lsp("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}")
                + lsp("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}")
                + lsp("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        MemlintProcess server = run(List.of(memlint.toString(), "server"), project, aotOn, session);
        assertEquals(0, server.exitCode(), server.toString());
        assertTrue(server.out().contains("\"capabilities\"") && server.out().contains("\"id\":2"), server.toString());
    }

    /** One Language Server Protocol message: its header and its JSON body. */
    private static String lsp(String json) {
        return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    /**
     * PATH with the memlint command's folder first and no Java: a folder that holds a java (/usr/bin
     * does) is replaced by a folder of links to its other commands, less those that are a JDK's
     * (java, javac, jlink, ...). JAVA_HOME and the JVM's option variables are unset.
     */
    private Map<String, String> environmentWithoutJava(Path first) throws IOException {
        List<String> path = new ArrayList<>(List.of(first.toString()));
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty() || !Files.isDirectory(Path.of(dir))) continue;
            path.add(Files.isExecutable(Path.of(dir, "java")) ? withoutJdkCommands(Path.of(dir)).toString() : dir);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", String.join(File.pathSeparator, path));
        env.put("JAVA_HOME", null);
        env.put("JAVA_TOOL_OPTIONS", null);
        env.put("JDK_JAVA_OPTIONS", null);
        return env;
    }

    private Path withoutJdkCommands(Path dir) throws IOException {
        if (pathMirrors == null) pathMirrors = Files.createTempDirectory("memlint-path");
        Path mirror = Files.createDirectories(pathMirrors.resolve(dir.toString().replace('/', '_')));
        try (Stream<Path> commands = Files.list(dir)) {
            for (Path command : commands.toList()) {
                Path real;
                try {
                    real = command.toRealPath();
                } catch (IOException dangling) {
                    continue;
                }
                boolean jdk = Files.isRegularFile(real.getParent().resolveSibling("release")); // <jdk>/bin/<command>
                if (!jdk && !Files.exists(mirror.resolve(command.getFileName()))) {
                    Files.createSymbolicLink(mirror.resolve(command.getFileName()), real);
                }
            }
        }
        return mirror;
    }

    private static Path onlyFile(String glob) throws IOException {
        assumeTrue(Files.isDirectory(DIST), "target/dist is not built (was the build run with -Dmemlint.dist.skip?)");
        List<Path> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(DIST, glob)) {
            files.forEach(found::add);
        }
        assumeTrue(found.size() == 1, "target/dist should hold one " + glob + ", found " + found);
        assumeTrue(Files.getLastModifiedTime(found.get(0)).compareTo(
                        Files.getLastModifiedTime(PROJECT.resolve("target/memlint.jar"))) >= 0,
                found.get(0) + " is older than target/memlint.jar (was the jar rebuilt with -Dmemlint.dist.skip?)");
        return found.get(0);
    }

    /** The first local CPython that can make a virtual environment with pip in it. */
    private Path pythonWithVenvAndPip() throws Exception {
        for (String candidate : PYTHONS) {
            Path python = Path.of(candidate);
            if (Files.isExecutable(python)
                    && run(List.of(candidate, "-c", "import venv, ensurepip"), temp, Map.of()).exitCode() == 0) {
                return python;
            }
        }
        assumeTrue(false, "no CPython with venv and ensurepip among " + PYTHONS + ": the wheel test is skipped");
        throw new AssertionError("unreachable");
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    /** Runs command in dir with input on stdin; env entries override the inherited environment (a null value removes one). */
    private MemlintProcess run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, dir, env, "");
    }

    private MemlintProcess run(List<String> command, Path dir, Map<String, String> env, String input)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("TMPDIR", Files.createDirectories(temp.resolve("tmp")).toString());
        env.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        return MemlintProcess.of(builder, input.getBytes(StandardCharsets.UTF_8));
    }
}
