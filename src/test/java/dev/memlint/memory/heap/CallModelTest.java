package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calls that keep nothing (logging, str methods), methods of module-level instances followed like
 * any other, a callable stored in an attribute called without handing it its holder, and unknown
 * methods that may keep what they are given; a callable stored on self called by a method; a method
 * called on an argument of no known class run by the caller that knows the receiver (the listener
 * subscribing its own bound method to the bus it is given); a callable taken from an argument and
 * called with it (a future running its done-callbacks) left to the caller, which knows the callable
 * is a lambda or def that ignores that argument. An event loop's call_later (call_at, call_soon)
 * hands back a handle that keeps the callback until cancelled, and holds it only until it has run;
 * a future of no known class keeps a done-callback only until it is done: a closure that reaches
 * its own handle is in a cycle once the timer fires (as_completed's two callbacks, through the
 * handle of its timeout). Verdicts measured with CPython 3.12 and a real event loop.
 */
class CallModelTest {
    @ParameterizedTest
    @CsvSource({"logged_cycle, true", "registered, false", "callback_call, true", "kept_by_unknown_method, false",
            "split_and_stripped, true", "clicked_own_method, true", "subscribed_listener, true",
            "subscribed_to_outside_bus, false", "subscribed_plain_function, false",
            "callback_closing_over_future, true", "callback_def_closing_over_future, true",
            "callback_given_future, false", "callback_handing_future_on, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/calls.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }

    @ParameterizedTest
    @CsvSource({"timer_closing_over_its_handle, true", "timer_cancelled, false", "timer_not_kept, false",
            "completions_through_a_timer, true", "completion_without_timer, false"})
    void loopHandlesAndDoneCallbacks(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/handles.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
