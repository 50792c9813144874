package dev.memlint.check;

import dev.memlint.rule.Cost;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Related;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The cache's entry format: what goes in comes out, and a damaged entry is no entry. */
class CachedResultTest {
    private static final TextRange RANGE = new TextRange(3, 5, 4, 1);
    private static final FileStamp STAMP = new FileStamp(true, 1234, 1_733_500_000_123_456_789L, -1, 2049, Long.MAX_VALUE);

    private static final CachedResult FULL = new CachedResult("key", "hash", STAMP, List.of(
            new Finding("MEM201", "pkg/a.py", RANGE, Severity.WARNING, "message with \ud800 a lone surrogate and \u00e9",
                    List.of(new Related(new TextRange(1, 1, 1, 9), "defined here")),
                    List.of(new FlowStep(new TextRange(2, 1, 2, 4), "step one"), new FlowStep(RANGE, "")),
                    new Fix("Remove list()", Fix.Applicability.UNSAFE, List.of(new Edit(RANGE, ""), new Edit(RANGE, "x".repeat(70_000)))),
                    new Cost("copies everything", "O(n²)", null, "unknown")),
            new Finding("MEM001", "pkg/a.py", RANGE, Severity.ERROR, "invalid syntax")), CachedResult.SourceKind.DECODED);

    @Test
    void everyPartOfAFindingComesBackAsItWent() {
        assertEquals(FULL, CachedResult.decode(FULL.encode()));
        CachedResult empty = new CachedResult("k", "h", null, List.of(), CachedResult.SourceKind.NONE);
        assertEquals(empty, CachedResult.decode(empty.encode()));
    }

    @Test
    void aTruncatedOrExtendedEntryIsNone() {
        byte[] bytes = FULL.encode();
        for (int length = 0; length < bytes.length; length += 1 + length / 50) {
            assertNull(CachedResult.decode(Arrays.copyOf(bytes, length)), "cut at " + length);
        }
        assertNull(CachedResult.decode(Arrays.copyOf(bytes, bytes.length + 1)), "a byte too many");
        byte[] badSource = bytes.clone();
        badSource[4 + (4 + 2 * 3) + (4 + 2 * 4) + (1 + 1 + 5 * 8)] = 9; // the source kind after key, hash and stamp
        assertNull(CachedResult.decode(badSource));
    }
}
