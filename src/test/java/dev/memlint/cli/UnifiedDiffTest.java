package dev.memlint.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** UnifiedDiff against GNU diff -u on seeded random edits of texts whose lines are all different. */
class UnifiedDiffTest {
    @TempDir
    Path dir;

    @Test
    void agreesWithGnuDiff() throws Exception {
        Path diff = Path.of("/usr/bin/diff");
        Assumptions.assumeTrue(Files.isExecutable(diff), "GNU diff (/usr/bin/diff) is not installed");
        Random random = new Random(20261206);
        int fresh = 0;
        for (int round = 0; round < 200; round++) {
            List<String> before = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) before.add("line " + i);
            List<String> after = new ArrayList<>(before);
            int edits = 1 + random.nextInt(5);
            for (int e = 0; e < edits; e++) {
                int at = after.isEmpty() ? 0 : random.nextInt(after.size() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> after.add(at, "new " + fresh++);
                    case 1 -> { if (at < after.size()) after.remove(at); }
                    default -> { if (at < after.size()) after.set(at, "changed " + fresh++); }
                }
            }
            String a = text(before, random.nextInt(8) > 0), b = text(after, random.nextInt(8) > 0);
            Path fa = dir.resolve("a"), fb = dir.resolve("b");
            Files.writeString(fa, a);
            Files.writeString(fb, b);
            Process p = new ProcessBuilder(diff.toString(), "-u", "--label", "a/x.py", "--label", "b/x.py",
                    fa.toString(), fb.toString()).redirectErrorStream(true).start();
            String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            assertEquals(expected, UnifiedDiff.of("x.py", a, b), "before:\n" + a + "\nafter:\n" + b);
        }
    }

    private static String text(List<String> lines, boolean finalNewline) {
        if (lines.isEmpty()) return "";
        return String.join("\n", lines) + (finalNewline ? "\n" : "");
    }
}
