package dev.memlint.memory.size;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What send() gives back from a coroutine of the module: what its yield yields once the loop body has run on. */
class CoroutineSendTest {
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
        long sent = Estimated.peak(src, "averages", n), made = Estimated.peak(src, "floats", n);
        assertTrue(Math.abs(sent - made) < 1000, () -> sent + " vs " + made);
    }
}
