package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
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

    @Test
    void fixtureFingerprintsAreDistinct() {
        List<Finding> findings = SarifFixture.findings();
        List<String> p = Fingerprints.of(findings, SarifFixture.sources(SarifFixture.root(), findings));
        assertEquals(findings.size(), new HashSet<>(p).size());
    }
}
