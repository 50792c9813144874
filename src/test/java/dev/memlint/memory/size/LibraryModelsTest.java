package dev.memlint.memory.size;

import dev.memlint.memory.Estimates;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Library calls a report is written with: sorting by operator.itemgetter, grouping with
 * itertools.groupby, writing with csv.DictWriter. Each is followed, so the estimate is a number
 * in the data's size, and what it assumes (one group) is said in limits.
 */
class LibraryModelsTest {
    @Test
    void aReportGroupedWithGroupbyAndWrittenByADictWriterIsFollowedInTheRowsSize() {
        String src = """
                import csv, io, itertools, operator

                def report(rows):
                    out = io.StringIO()
                    writer = csv.DictWriter(out, fieldnames=["region", "product", "amount"])
                    writer.writeheader()
                    by_region = sorted(rows, key=operator.itemgetter("region"))
                    for region, sales in itertools.groupby(by_region, key=operator.itemgetter("region")):
                        sales = sorted(sales, key=operator.itemgetter("amount"), reverse=True)
                        writer.writerows(sales)
                    return out.getvalue()
                """;
        Estimates.Entry e = Estimated.entry(src, "report", Map.of("len(rows)", 1000.0));
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("not followed")), e::toString);
        assertTrue(e.limits().contains("groups of itertools.groupby at line 8: taken as one holding all the items; "
                + "each change of key starts another"), e::toString);
        assertEquals("O(len(rows))", e.growth(), e::toString);
        assertNotNull(e.peakBytes(), e::toString);
        // the text holds a line per row, a field per name in it: more than a line of one field per row
        long tenThousand = Estimated.entry(src, "report", Map.of("len(rows)", 10_000.0)).peakBytes();
        assertTrue(tenThousand - e.peakBytes() > 9000 * 3 * 8, () -> tenThousand + " vs " + e.peakBytes());
    }

    @Test
    void anAttrgetterReadsTheAttributeItNames() {
        String src = """
                import operator

                class Item:
                    def __init__(self, name):
                        self.name = name
                        self.tags = [name] * 10

                def tags_of(n):
                    items = [Item(str(i)) for i in range(n)]
                    get = operator.attrgetter("tags")
                    return [get(item) for item in items]
                """;
        Estimates.Entry e = Estimated.entry(src, "tags_of", Map.of());
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("not followed")), e::toString);
        assertEquals("O(n)", e.growth(), e::toString);
    }

    @Test
    void aRegistryFilledOnlyByClassDecoratorsHoldsWhatRunningThemStores() {
        String registry = """
                REGISTRY = {}

                def register(name):
                    def add(cls):
                        REGISTRY[name] = cls
                        return cls
                    return add

                @register("a")
                class A:
                    def run(self, n):
                        return [0] * n

                @register("b")
                class B:
                    def run(self, n):
                        return [0] * n

                def run_all(n):
                    sizes = {}
                    for key in sorted(REGISTRY):
                        sizes[key] = len(REGISTRY[key]().run(n))
                    return sizes
                """;
        Estimates.Entry e = Estimated.entry(registry, "run_all", Map.of("n", 1000.0));
        assertEquals("O(n)", e.growth(), e::toString);
        assertNotNull(e.peakBytes(), e::toString);
        assertTrue(e.peakBytes() > 8 * 1000, e::toString);
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("not followed") || l.contains("filled by code run at import")),
                e::toString);
        // a module statement fills it too, which the walk does not run: its size stays a symbol, said so
        Estimates.Entry more = Estimated.entry(registry + "\nREGISTRY[\"c\"] = A\n", "run_all", Map.of("n", 1000.0));
        assertTrue(more.limits().contains("REGISTRY is filled by code run at import: its size is taken as len(REGISTRY)"),
                more::toString);
    }

    @Test
    void aModuleObjectSetUpByCallsOfItsMethodsAtImportHoldsWhatTheyAdded() {
        String src = """
                class Pipeline:
                    def __init__(self):
                        self.steps = []
                        self.named = {}

                    def use(self, step):
                        self.steps.append(step)

                    def name(self, key):
                        def register(step):
                            self.named[key] = step
                            return step
                        return register

                def double(xs):
                    return [x * 2 for x in xs]

                pipeline = Pipeline()
                pipeline.use(double)

                @pipeline.name("copy")
                def copy(xs):
                    return list(xs)

                def run(n):
                    data = list(range(n))
                    for step in pipeline.steps:
                        data = step(data)
                    return pipeline.named["copy"](data)
                """;
        Estimates.Entry e = Estimated.entry(src, "run", Map.of("n", 1000.0));
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("not followed") || l.contains("sizes not known")), e::toString);
        assertEquals("O(n)", e.growth(), e::toString);
    }

    @Test
    void aBuiltinOrStdlibClassMappedOverItemsIsFollowed() {
        String src = """
                import collections

                def rows(lines):
                    return list(map(list, lines))

                def queues(groups):
                    it = map(collections.deque, groups)
                    return list(it)
                """;
        for (String function : new String[] {"rows", "queues"}) {
            Estimates.Entry e = Estimated.entry(src, function, Map.of("len(lines)", 100.0, "len(groups)", 100.0));
            assertEquals(null, e.notEstimated(), e::toString);
            assertEquals("O(len(" + (function.equals("rows") ? "lines" : "groups") + "))", e.growth(), e::toString);
        }
    }

    @Test
    void setOperatorsOnDictViewsMakeSetsAsLargeAsTheirOperandsAllow() {
        String src = """
                def added(old, new):
                    return sorted(new.keys() - old.keys())

                def every(old, new):
                    return old.keys() | new.keys()
                """;
        Map<String, Double> sizes = Map.of("len(old)", 1000.0, "len(new)", 3000.0);
        Estimates.Entry added = Estimated.entry(src, "added", sizes);
        assertEquals("O(len(new))", added.growth(), added::toString);
        assertTrue(added.peakBytes() >= 3000 * 8, added::toString); // the sorted list of new's keys, at most
        Estimates.Entry every = Estimated.entry(src, "every", sizes);
        assertTrue(every.peakFormula().contains("set(len(old) + len(new))"), every::toString);
    }

    @Test
    void aSetDifferenceIsNotKnownToBeEmptyOrNot() {
        // its count is only the most it can hold: the check must not be taken to raise on every call
        String src = """
                def checked(mode):
                    modes = set(mode)
                    if modes - set("rwb"):
                        raise ValueError(mode)
                    return [0] * 1000

                def opener():
                    return checked("rb")
                """;
        Estimates.Entry e = Estimated.entry(src, "opener");
        assertTrue(e.peakBytes() >= 1000 * 8, e::toString);
    }
}
