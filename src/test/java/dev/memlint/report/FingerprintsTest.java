package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintsTest {
    private static final String CODE = """
            def spread(a, b):
                return sum(list(a)), max(list(b))
            """;

    private static List<String> prints(String text, List<Finding> findings) {
        return Fingerprints.of(findings, Map.of("m.py", new SourceText(text)));
    }

    private static Finding at(int line, int column, int endColumn) {
        return new Finding("MEM991", "m.py", new TextRange(line, column, line, endColumn), Severity.NOTE, "list built");
    }

    @Test
    void twoFindingsOnOneLineGetTwoFingerprints() {
        List<String> p = prints(CODE, List.of(at(2, 16, 23), at(2, 30, 37)));
        assertNotEquals(p.get(0), p.get(1));
        assertTrue(p.get(0).matches("[0-9a-f]{16}:1"), p.get(0));
    }

    @Test
    void insertingLinesAboveKeepsTheFingerprints() {
        List<String> before = prints(CODE, List.of(at(2, 16, 23), at(2, 30, 37)));
        String moved = "import os\n\n\n# a comment\n" + CODE;
        assertEquals(before, prints(moved, List.of(at(6, 16, 23), at(6, 30, 37))));
    }

    @Test
    void reindentingKeepsAndEditingTheLineChangesTheFingerprint() {
        List<String> before = prints(CODE, List.of(at(2, 16, 23)));
        String nested = "def spread(a, b):\n    if a:\n        return sum(list(a)),   max(list(b))\n";
        assertEquals(before, prints(nested, List.of(at(3, 20, 27))));
        String edited = "def spread(a, b):\n    return sum(list(a)), min(list(b))\n";
        assertNotEquals(before, prints(edited, List.of(at(2, 16, 23))));
    }

    @Test
    void identicalLinesAreNumberedInFileOrder() {
        String twice = "x = sum(list(a))\ny = 1\nx = sum(list(a))\n";
        List<String> p = prints(twice, List.of(at(3, 9, 16), at(1, 9, 16)));
        assertTrue(p.get(1).endsWith(":1"), p.get(1));
        assertTrue(p.get(0).endsWith(":2"), p.get(0));
        assertEquals(p.get(0).split(":")[0], p.get(1).split(":")[0]);
    }

    @Test
    void theRuleIsPartOfTheFingerprint() {
        Finding other = new Finding("MEM990", "m.py", new TextRange(2, 16, 2, 23), Severity.NOTE, "x");
        List<String> p = prints(CODE, List.of(at(2, 16, 23), other));
        assertEquals(2, new HashSet<>(p).size());
    }

    /** The recipe of the class comment, computed from the key string, for findings of two rules on one long line. */
    @Test
    void manyFindingsOnOneLineHashTheRecipesKey() throws Exception {
        String line = "x = ['é', 1];  ".repeat(500);
        String text = "import os\n" + line + "\n";
        List<Finding> findings = new ArrayList<>();
        for (int k = 0; k < 500; k += 7) {
            String code = k % 2 == 0 ? "MEM991" : "MEM990";
            findings.add(new Finding(code, "m.py", new TextRange(2, 15 * k + 5, 2, 15 * k + 13), Severity.NOTE, "x"));
        }
        findings.add(new Finding("MEM991", "m.py", new TextRange(2, 7400, 3, 1), Severity.NOTE, "to the end"));
        List<String> p = prints(text, findings);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            int[] cps = line.codePoints().toArray();
            int end = f.range().endLine() > 2 ? cps.length : f.range().endColumn() - 1;
            String range = new String(cps, f.range().column() - 1, end - f.range().column() + 1);
            String key = f.code() + "\n" + Fingerprints.normalise(line) + "\n" + Fingerprints.normalise(range);
            byte[] sha = MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(sha, 0, 8);
            assertEquals(hash + ":" + seen.merge(hash, 1, Integer::sum), p.get(i), "finding " + i);
        }
    }

    @Test
    void fixtureFingerprintsAreDistinct() {
        List<Finding> findings = SarifFixture.findings();
        List<String> p = Fingerprints.of(findings, SarifFixture.sources(SarifFixture.root(), findings));
        assertEquals(findings.size(), new HashSet<>(p).size());
    }
}
