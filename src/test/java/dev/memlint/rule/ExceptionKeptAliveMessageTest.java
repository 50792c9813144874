package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MEM605's advice names the handler's own exception name, and no name at all where there is none. */
class ExceptionKeptAliveMessageTest {
    @Test
    void theAdviceUsesTheHandlersName() {
        String m = message("""
                class Job:
                    def run(self, fn):
                        try:
                            fn()
                        except ValueError as failure:
                            self.error = failure
                """);
        assertTrue(m.contains("`str(failure)`") && m.contains("`failure.with_traceback(None)`"), m);
        assertFalse(m.contains("`e`") || m.contains("(e)") || m.contains("`e."), m);
    }

    @Test
    void aTracebackWithoutAHandlerNameGetsAdviceWithoutOne() {
        String m = message("""
                import sys


                class Job:
                    def run(self, fn):
                        try:
                            fn()
                        except ValueError:
                            self.trace = sys.exc_info()[2]
                """);
        assertFalse(m.contains("str(e)") || m.contains("e.with_traceback"), m);
        assertTrue(m.contains("the exception without its traceback"), m);
    }

    private static String message(String code) {
        List<Finding> found = Linting.lint("job.py", code).stream().filter(f -> f.code().equals("MEM605")).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0).message();
    }
}
