package dev.memlint.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real editor against the built jar: headless Neovim's own LSP client starts
 * `java -jar target/memlint.jar server`, opens a sample, waits for the diagnostics, applies the quick
 * fix on its line, and writes down what it saw (src/test/resources/nvim/memlint-lsp-test.lua).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NeovimIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void neovimSeesDiagnosticsAndAppliesTheQuickFix() throws Exception {
        Path nvim = onPath("nvim");
        assumeTrue(nvim != null, "nvim is not installed (apt-get install neovim): the Neovim client test is skipped");
        Path jar = PROJECT.resolve("target/memlint.jar");
        assumeTrue(Files.isRegularFile(jar), "target/memlint.jar is not built: the Neovim test runs after `package`");
        Files.writeString(temp.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM\"]\n");
        Path sample = temp.resolve("sample.py");
        Files.writeString(sample, LanguageServerTest.SAMPLE);
        Path script = Path.of(Objects.requireNonNull(NeovimIT.class.getResource("/nvim/memlint-lsp-test.lua")).toURI());
        Path seen = temp.resolve("seen.txt");

        ProcessBuilder pb = new ProcessBuilder(nvim.toString(), "--headless", "--clean", "-n", "-c", "luafile " + script)
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("nvim.log").toFile());
        pb.environment().put("MEMLINT_SAMPLE", sample.toString());
        pb.environment().put("MEMLINT_JAR", jar.toString());
        pb.environment().put("MEMLINT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("MEMLINT_NVIM_OUT", seen.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(150, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "nvim did not finish: " + Files.readString(temp.resolve("nvim.log")));
        assertTrue(Files.exists(seen), "nvim wrote nothing: " + Files.readString(temp.resolve("nvim.log")));

        String fixed = LanguageServerTest.SAMPLE.replace("sum([x * x for x in xs])", "sum(x * x for x in xs)");
        String expected = "diagnostics:\nMEM201 8\nMEM301 2\n"
                + "action: MEM301: Use a generator expression\n"
                + "buffer:\n" + fixed
                + "diagnostics after the fix:\nMEM201 8\n";
        assertEquals(expected, Files.readString(seen));
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
