package dev.memlint.memory.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raising the exception a local holds: the traceback refers to the raising frame and the frame to
 * the exception, a cycle unless the local is cleared first. The shapes the memory suite cannot score
 * (their peaks are out of the estimator's reach): a retry loop, a generator, an error stored on an
 * argument or on a new object, a class in a local, a local bound only on another path, a re-raise
 * in the handler, a catch in the same function, a caught exception kept and then cleared. Verdicts measured with CPython 3.11.7, 3.12.1 and
 * 3.13.0 (gc.DEBUG_SAVEALL after a second call, the arguments still alive); each function is checked
 * through the whole memory pass, its callees' cycles included.
 */
class RaisingLocalsTest {
    @ParameterizedTest
    @CsvSource({
            "send_with_retries, true", "send_with_retries_released, false", "read_until_error, true",
            "unwrap_outcomes, false", "unwrap_new_outcomes, true", "check_levels, false",
            "unbound_on_this_path, false", "reraise_in_handler, false", "raise_and_catch_here, true",
            "cancelled_results, true", "read_bad_configs, true", "kept_then_cleared, false",
            "fall_back_then_raise_saved, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/raising_locals.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }

    @Test
    void aNewExceptionOrTheOneAnAttributeHeldIsTheRaisingMethodsCycle() throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/raising_locals.py"));
        List<Cycle> cycles = HeapCycles.reported(source, "Task.result");
        assertFalse(cycles.isEmpty(), "Task.result raises the exception its local holds");
        assertTrue(cycles.get(0).describe().contains("local exc"), cycles.get(0).describe());
    }

    @Test
    void aCallerOfAFunctionWhoseCycleHasTwoWaysRoundLeavesOnlyTheCalleesCycle() throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/raising_locals.py"));
        assertFalse(HeapCycles.reported(source, "Parser._read").isEmpty());
        List<Cycle> cycles = HeapCycles.reported(source, "Parser.read_lines");
        assertFalse(cycles.isEmpty());
        for (Cycle c : cycles) {
            assertTrue(c.sites().stream().allMatch(Site::leftByCallee), c.describe());
        }
    }
}
