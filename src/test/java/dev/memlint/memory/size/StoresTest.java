package dev.memlint.memory.size;

import dev.memlint.memory.Estimates;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stores into containers made before a loop, on the paths service code takes: a buffer filled,
 * flushed into a table and cleared on each trip, a with block whose __exit__ commits what the
 * block queued unless it raised, and a try whose handler runs on the iterations that raised.
 * Each is compared with the same stores written directly, which the estimator already gets right.
 */
class StoresTest {
    private static long retained(String source, String function, String symbol, double value) {
        Long bytes = Estimated.entry(source, function, Map.of(symbol, value)).retainedBytes();
        assertNotNull(bytes, () -> function + ": " + Estimated.entry(source, function, Map.of()));
        return bytes;
    }

    private static long peak(String source, String function, String symbol, double value) {
        Long bytes = Estimated.entry(source, function, Map.of(symbol, value)).peakBytes();
        assertNotNull(bytes, () -> function + ": " + Estimated.entry(source, function, Map.of()));
        return bytes;
    }

    @Test
    void aBufferFlushedAndClearedOnEachTripHoldsOneBatchAndFillsTheTable() {
        String src = """
                def buffered(n):
                    pending = []
                    table = {}
                    for i in range(n):
                        pending.append((i, {"t": i}))
                        for k, v in pending:
                            table[k] = v
                        pending.clear()
                    return table

                def direct(n):
                    table = {}
                    for i in range(n):
                        pair = (i, {"t": i})
                        table[pair[0]] = pair[1]
                    return table
                """;
        assertEquals("O(n)", Estimated.entry(src, "buffered", Map.of()).growth());
        // the table holds every item; the buffer, emptied each trip, holds none of them at the end
        assertEquals(retained(src, "direct", "n", 10_000), retained(src, "buffered", "n", 10_000));
        long buffered = peak(src, "buffered", "n", 10_000), direct = peak(src, "direct", "n", 10_000);
        assertTrue(buffered >= direct * 0.95 && buffered <= direct * 1.05, () -> buffered + " vs " + direct);
    }

    @Test
    void aBufferClearedOnEachTripDoesNotPileUpItsBatches() {
        String src = """
                def measure(kept, make):
                    kept.append([make() for _ in range(300)])
                    kept.clear()

                def measure_all(n):
                    kept = []
                    for i in range(n):
                        measure(kept, lambda: [0])
                    return kept
                """;
        // one batch of 300 at a time, whatever the number of trips (the counter's int aside)
        assertEquals("O(1)", Estimated.entry(src, "measure_all", Map.of()).growth());
        long few = peak(src, "measure_all", "n", 10), many = peak(src, "measure_all", "n", 1000);
        assertTrue(few > 300 * 56 && many - few <= 32, () -> few + " vs " + many);
    }

    @Test
    void aTryWhoseHandlerRunsOnSomeIterationsKeepsWhatTheOthersStored() {
        String src = """
                def check(row):
                    if not row["name"]:
                        raise ValueError("no name")

                def checked(rows):
                    tables = {}
                    failed = 0
                    for i, row in enumerate(rows):
                        try:
                            check(row)
                            tables.setdefault("rows", {})[i] = row
                        except ValueError:
                            failed += 1
                    return tables, failed

                def unchecked(rows):
                    tables = {}
                    for i, row in enumerate(rows):
                        tables.setdefault("rows", {})[i] = row
                    return tables, 0
                """;
        assertEquals("O(len(rows))", Estimated.entry(src, "checked", Map.of()).growth());
        long checked = retained(src, "checked", "len(rows)", 10_000), all = retained(src, "unchecked", "len(rows)", 10_000);
        // stored on the iterations that did not raise: a share of what storing on all of them keeps
        assertTrue(checked > all / 4 && checked < all, () -> checked + " vs " + all);
    }

    @Test
    void aWithBlocksExitCommitsWhereTheBlockDidNotRaiseAsAPlainTryDoes() {
        String src = """
                def check(row):
                    if not row["name"]:
                        raise ValueError("no name")

                class Batch:
                    def __init__(self, tables):
                        self.tables = tables
                        self.pending = []

                    def __enter__(self):
                        return self

                    def __exit__(self, exc_type, exc, tb):
                        try:
                            if exc_type is None:
                                for key, value in self.pending:
                                    self.tables.setdefault("rows", {})[key] = value
                        finally:
                            self.pending.clear()
                        return False

                def committed(rows):
                    tables = {}
                    failed = 0
                    for i, row in enumerate(rows):
                        try:
                            with Batch(tables) as batch:
                                batch.pending.append((i, row))
                                check(row)
                        except ValueError:
                            failed += 1
                    return tables, failed

                def checked(rows):
                    tables = {}
                    failed = 0
                    for i, row in enumerate(rows):
                        try:
                            check(row)
                            tables.setdefault("rows", {})[i] = row
                        except ValueError:
                            failed += 1
                    return tables, failed
                """;
        assertEquals("O(len(rows))", Estimated.entry(src, "committed", Map.of()).growth());
        assertEquals(retained(src, "checked", "len(rows)", 10_000), retained(src, "committed", "len(rows)", 10_000));
    }

    @Test
    void exitGivenTheBlocksExceptionSeesATypeThatIsNotNone() {
        String src = """
                def check(row):
                    if not row["name"]:
                        raise ValueError("no name")

                class Commit:
                    def __init__(self, done, value):
                        self.done = done
                        self.value = value

                    def __enter__(self):
                        return self

                    def __exit__(self, exc_type, exc, tb):
                        if exc_type is None:
                            self.done.append(self.value)

                def may_fail(rows):
                    done = []
                    for row in rows:
                        with Commit(done, [row]):
                            check(row)
                    return done

                def never_fails(rows):
                    done = []
                    for row in rows:
                        with Commit(done, [row]):
                            pass
                    return done
                """;
        long some = retained(src, "may_fail", "len(rows)", 10_000), all = retained(src, "never_fails", "len(rows)", 10_000);
        assertTrue(some > all / 4 && some < all, () -> some + " vs " + all);
    }
    @Test
    void aCounterOfAFieldOfTheObjectsItCountsHoldsTheEntriesTheWalkTellsApartAndSaysSo() {
        String src = """
                import collections

                def module_counts(records):
                    return collections.Counter(r["module"] for r in records)

                def status_counts(n):
                    counts = collections.Counter()
                    for i in range(n):
                        if i % 3:
                            response = Response(200)
                        else:
                            response = Response(404)
                        counts[response.status] += 1
                    return counts

                class Response:
                    def __init__(self, status):
                        self.status = status

                def word_counts(words):
                    return collections.Counter(w for w in words)
                """;
        Estimates.Entry modules = Estimated.entry(src, "module_counts", Map.of());
        assertEquals("O(1)", modules.growth(), modules::toString);
        assertTrue(modules.limits().stream().anyMatch(l -> l.startsWith("Counter keyed by r['module'] at line 4: ")), modules::toString);
        Estimates.Entry statuses = Estimated.entry(src, "status_counts", Map.of());
        assertEquals("O(1)", statuses.growth(), statuses::toString);
        assertTrue(statuses.limits().stream().anyMatch(l -> l.startsWith("Counter keyed by response.status at line 13: ")), statuses::toString);
        // the items themselves, not a field of them: one entry each, as before
        Estimates.Entry words = Estimated.entry(src, "word_counts", Map.of());
        assertEquals("O(len(words))", words.growth(), words::toString);
        assertTrue(words.limits().stream().noneMatch(l -> l.startsWith("Counter keyed by")), words::toString);
    }
}
