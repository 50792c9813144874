package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cycles made without a store the prefilter would see, and the ways code breaks cycles: closures
 * (late-bound cells), frames and tracebacks, class objects, generators holding self, with blocks
 * whose __exit__ clears, list.clear(), weak containers, library methods that make classes (an
 * EmailMessage given a header), obj[key] running __getitem__, an lru_cache keeping what it returns. Verdicts measured with CPython 3.12
 * (gc.DEBUG_SAVEALL after the call); each function is checked through the whole memory pass.
 */
class RuntimeObjectsTest {
    @ParameterizedTest
    @CsvSource({
            "with_clears, false", "without_with, true", "generator_on_self, true", "recursive_helper, true",
            "closure_reads_later, true", "closure_reads_earlier, false", "frame_kept, true", "frame_deleted, false",
            "exc_info_kept, true", "make_record_type, true", "class_in_function, true", "weak_values, false",
            "cleared_list, false", "finalizer_registered, false", "exc_info_of_callers_exception, false", "unlinked_in_a_loop, false", "unlinked_only_first, true", "raise_local, true", "raise_directly, false",
            "traced, true", "traced_two_up, false", "own_frame_by_number, true", "email_with_header, true",
            "email_payload_only, false", "exc_info_class_only, false", "exc_info_unpacked, true",
            "class_by_subscript, true", "class_from_cache, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/runtime_objects.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }

    @org.junit.jupiter.api.Test
    void theCycleOfAnUnpackedExcInfoNamesTheTracebackOrTheValueNotTheClass() throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/runtime_objects.py"));
        String path = HeapCycles.reported(source, "exc_info_unpacked").get(0).describe();
        org.junit.jupiter.api.Assertions.assertTrue(path.contains("local tb") || path.contains("local value"), path);
        org.junit.jupiter.api.Assertions.assertFalse(path.contains("local kind"), path);
    }
}
