package dev.memlint.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memlint.ast.Module;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checked-against-CPython suite: every function of testdata/memory/*.py listed in its MEASURE
 * table is run under the local interpreter (measure_suite.py) at several sizes, and memlint's
 * estimate is scored against what was measured: "leaves cyclic garbage" (precision and recall),
 * peak within a factor of 2 and within ±25%, and the growth class.
 */
class MemorySuiteTest {
    private static final Path SUITE = Path.of("testdata/memory");

    private record Measured(String function, int line, String symbol, double value, long peak, int cyclicObjects) {}

    @ParameterizedTest
    @ValueSource(strings = {"3.11", "3.12", "3.13"})
    void estimatesMatchTheInterpreter(String version) throws Exception {
        String only = System.getProperty("memlint.suite.python");
        assumeTrue(only == null || only.equals(version), "only CPython " + only + " asked for");
        Optional<Path> python = LocalPython.find(version);
        assumeTrue(python.isPresent(), "CPython " + LocalPython.PINNED.get(version) + " not installed (pyenv); skipped");
        SizeModel sizes = SizeModel.of(version);
        Path script = Path.of(getClass().getResource("/memory/measure_suite.py").toURI());
        int tp = 0, fp = 0, fn = 0, tn = 0, pairs = 0, within2x = 0, within25 = 0, growthRight = 0, functions = 0;
        List<String> misses = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(SUITE)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        for (Path file : files) {
            Module module = CPythonAst.parseFile(file);
            Map<String, Estimates.Entry> byName = new HashMap<>();
            for (Estimates.Entry e : Estimates.of(module, file.toString(), sizes, Map.of())) {
                byName.put(e.qualname(), e);
            }
            Map<String, List<Measured>> runs = new LinkedHashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : LocalPython.run(python.get(), script, file.toString()).strip().split("\n")) {
                JsonNode m = json.readTree(line);
                runs.computeIfAbsent(m.get("function").asText(), k -> new ArrayList<>()).add(new Measured(
                        m.get("function").asText(), m.get("line").asInt(), m.get("symbol").asText(),
                        m.get("value").asDouble(), m.get("peak").asLong(), m.get("cyclicObjects").asInt()));
            }
            for (var run : runs.entrySet()) {
                String name = run.getKey();
                Estimates.Entry base = byName.get(name);
                assertTrue(base != null, "no estimate for " + name);
                functions++;
                boolean measuredCycle = run.getValue().get(0).cyclicObjects() > 0;
                boolean estimatedCycle = Boolean.TRUE.equals(base.cyclicGarbage());
                if (measuredCycle && estimatedCycle) tp++;
                else if (estimatedCycle) { fp++; misses.add(name + ": cycle reported, none measured"); }
                else if (measuredCycle) { fn++; misses.add(name + ": cycle measured, none reported"); }
                else tn++;
                List<Double> estimated = new ArrayList<>();
                for (Measured m : run.getValue()) {
                    Estimates.Entry e = Estimates.of(module, file.toString(), sizes, Map.of(m.symbol(), m.value()))
                            .stream().filter(x -> x.qualname().equals(name)).findFirst().orElseThrow();
                    pairs++;
                    double est = e.peakBytes() == null ? -1 : e.peakBytes();
                    double ratio = est <= 0 || m.peak() <= 0 ? Double.POSITIVE_INFINITY : est / m.peak();
                    if (ratio >= 0.5 && ratio <= 2) within2x++;
                    if (ratio >= 0.75 && ratio <= 1.25) within25++;
                    if (ratio < 0.5 || ratio > 2) {
                        misses.add(String.format(Locale.ROOT, "%s(%s=%.0f): estimated %s = %.0f, measured %d",
                                name, m.symbol(), m.value(), e.peakFormula(), est, m.peak()));
                    }
                }
                String measuredGrowth = growth(run.getValue());
                String estimatedGrowth = base.growth() == null ? "?" : degreeOf(base.growth());
                if (measuredGrowth.equals(estimatedGrowth)) growthRight++;
                else misses.add(name + ": growth estimated " + base.growth() + ", measured degree " + measuredGrowth);
            }
        }
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        String scores = String.format(Locale.ROOT,
                "CPython %s: %d functions, %d (function, size) pairs; cycles precision %.2f recall %.2f "
                        + "(tp %d fp %d fn %d tn %d); peak within 2x %.0f%%, within 25%% %.0f%%; growth right %.0f%%",
                version, functions, pairs, precision, recall, tp, fp, fn, tn, 100.0 * within2x / pairs,
                100.0 * within25 / pairs, 100.0 * growthRight / functions);
        System.out.println(scores);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertTrue(functions >= 150, "the suite needs at least 150 functions: " + functions);
        String report = scores + "\n" + String.join("\n", misses);
        Floor floor = Floor.of(version);
        assertTrue(precision >= floor.precision() && recall >= floor.recall(), "below the floor " + floor + ": " + report);
        assertTrue(within2x >= floor.within2x() * pairs && within25 >= floor.within25() * pairs,
                "below the floor " + floor + ": " + report);
        assertTrue(growthRight >= floor.growth() * functions, "below the floor " + floor + ": " + report);
    }

    /**
     * What the build requires: the goals' failure floor (precision and recall 0.90, peaks within 2x
     * for 90% and within 25% for 70% of pairs, growth right for 90% of functions), or, while the
     * analysis is below it, the best scores measured so far (suite-floor.properties: a ratchet,
     * raised as the analysis improves, so that no change makes it worse).
     */
    private record Floor(double precision, double recall, double within2x, double within25, double growth) {
        static Floor of(String version) throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = MemorySuiteTest.class.getResourceAsStream("/memory/suite-floor.properties")) {
                p.load(in);
            }
            return new Floor(at(p, version, "precision", 0.90), at(p, version, "recall", 0.90),
                    at(p, version, "within2x", 0.90), at(p, version, "within25", 0.70), at(p, version, "growth", 0.90));
        }

        private static double at(java.util.Properties p, String version, String key, double goal) {
            return Math.min(goal, Double.parseDouble(p.getProperty(version + "." + key, Double.toString(goal))));
        }
    }

    /** The measured degree from the two largest sizes: log(peak ratio) / log(size ratio), rounded. */
    private static String growth(List<Measured> runs) {
        if (runs.size() < 2) return "0";
        Measured a = runs.get(runs.size() - 2), b = runs.get(runs.size() - 1);
        if (a.value() == b.value() || a.peak() <= 0) return "0";
        double d = Math.log((double) b.peak() / a.peak()) / Math.log(b.value() / a.value());
        return Long.toString(Math.max(0, Math.round(d)));
    }

    private static String degreeOf(String growth) {
        if (growth.equals("O(1)")) return "0";
        int caret = growth.lastIndexOf('^');
        return caret < 0 ? "1" : growth.substring(caret + 1, growth.length() - 1);
    }
}
