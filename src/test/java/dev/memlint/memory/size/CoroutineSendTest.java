package dev.memlint.memory.size;

import dev.memlint.ast.Module;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What send() gives back from a coroutine of the module: what its yield yields once the loop body has run on. */
class CoroutineSendTest {
    private static final SizeModel SIZES = SizeModel.of("3.12");

    private static long peak(String source, String function, Map<String, Double> bindings) {
        Module module = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.PY312).module();
        Estimates.Entry e = Estimates.of(module, "t.py", SIZES, CollectorMode.ON, bindings).stream()
                .filter(x -> x.qualname().equals(function)).findFirst().orElseThrow();
        assertNotNull(e.peakBytes(), e::toString);
        return e.peakBytes();
    }

    @Test
    void aRunningAverageSentValuesYieldsTheFloatItsLoopComputes() {
        // send() resumes after the yield: the loop body rebinds average to a float before yielding it again
        String src = """
                def _averager():
                    total = 0.0
                    count = 0
                    average = None
                    while True:
                        value = yield average
                        total += value
                        count += 1
                        average = total / count

                def averages(n):
                    averager = _averager()
                    next(averager)
                    out = []
                    for i in range(n):
                        out.append(averager.send(float(i)))
                    return out

                def floats(n):
                    out = []
                    for i in range(n):
                        out.append(float(i))
                    return out
                """;
        Map<String, Double> n = Map.of("n", 1000.0);
        long sent = peak(src, "averages", n), made = peak(src, "floats", n);
        assertTrue(Math.abs(sent - made) < 1000, () -> sent + " vs " + made);
    }
}
