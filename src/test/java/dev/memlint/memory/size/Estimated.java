package dev.memlint.memory.size;

import dev.memlint.ast.Module;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The estimator's entry for one function of a source, on CPython 3.12's sizes with the collector on: what the estimator tests read. */
final class Estimated {
    static final SizeModel SIZES = SizeModel.of("3.12");

    private Estimated() {}

    static Estimates.Entry entry(String source, String function, Map<String, Double> bindings) {
        Module module = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.PY312).module();
        return Estimates.of(module, "t.py", SIZES, CollectorMode.ON, bindings).stream()
                .filter(e -> e.qualname().equals(function)).findFirst().orElseThrow();
    }

    static Estimates.Entry entry(String source, String function) {
        return entry(source, function, Map.of());
    }

    /** The peak in bytes, which must be known at these bindings. */
    static long peak(String source, String function, Map<String, Double> bindings) {
        Estimates.Entry e = entry(source, function, bindings);
        assertNotNull(e.peakBytes(), e::toString);
        return e.peakBytes();
    }
}
