package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A rebuilt jar does not take results from the cache that an earlier build of the same version wrote. */
class CacheStampIT {
    @TempDir
    Path dir;

    @Test
    void aRebuiltJarChecksEveryFileAgain() throws Exception {
        Path built = Path.of("target/memlint.jar");
        assumeTrue(Files.isRegularFile(built), "target/memlint.jar is not built: this test runs after `package`");
        Path jar = Files.copy(built, dir.resolve("memlint.jar"));
        Files.writeString(dir.resolve("a.py"), "def f(n):\n    for i in list(range(n)):\n        print(i)\n");

        assertEquals(1, parsed(jar), "cold");
        assertEquals(0, parsed(jar), "warm: the same jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        assertEquals(1, parsed(jar), "the jar was rebuilt (a new time)");
        assertEquals(0, parsed(jar), "warm again");
    }

    /** How many files a run of the jar parsed. */
    private int parsed(Path jar) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "check", "--stats", "--cache-dir", "cache", "a.py"))
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("stats: (\\d+) files parsed").matcher(err);
        assertTrue(m.find(), err);
        return Integer.parseInt(m.group(1));
    }
}
