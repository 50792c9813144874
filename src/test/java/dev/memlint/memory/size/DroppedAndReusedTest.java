package dev.memlint.memory.size;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.memlint.memory.size.Estimated.SIZES;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objects a call ends (cyclic garbage a raise leaves) and objects CPython's free lists hand out again. */
class DroppedAndReusedTest {
    @Test
    void anExceptionBuiltAsTheArgumentOfAHelperThatRaisesItIsCyclicGarbageOnceCaught() {
        // the helper's frame holds exc, exc's traceback holds the frame: each caught one is left in a cycle,
        // unless the helper drops its local in finally
        String src = """
                def _reraise(exc):
                    raise exc

                def _reraise_released(exc):
                    try:
                        raise exc
                    finally:
                        exc = None

                def convert(n):
                    out = []
                    for i in range(n):
                        try:
                            _reraise(ValueError(f"bad {i}"))
                        except ValueError:
                            out.append(0)
                    return out

                def convert_released(n):
                    out = []
                    for i in range(n):
                        try:
                            _reraise_released(ValueError(f"bad {i}"))
                        except ValueError:
                            out.append(0)
                    return out
                """;
        long kept = Estimated.peak(src, "convert", Map.of("n", 100.0)), released = Estimated.peak(src, "convert_released", Map.of("n", 100.0));
        assertTrue(kept - released >= 100 * SIZES.exception(), () -> kept + " vs " + released);
    }

    @Test
    void theDictsADeepCopyMakesComeFirstFromTheDictFreeList() {
        String src = """
                import copy

                def clone(records):
                    return copy.deepcopy(records)
                """;
        long memo = SIZES.library("deepcopyMemoPerObject");
        long copies = 50 * (SIZES.dictInserted(3, true) + memo) + memo;
        long reused = 50 * SIZES.dictWithTable(0, false);
        long bytes = Estimated.peak(src, "clone", Map.of("len(records)", 50.0, "nested(records)", 150.0, "containers(records)", 50.0));
        assertTrue(bytes >= copies - reused && bytes <= copies - reused + SIZES.listWithCapacity(64), () -> bytes + " vs " + (copies - reused));
    }
}
