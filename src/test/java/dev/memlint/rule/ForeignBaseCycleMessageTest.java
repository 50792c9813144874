package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MEM601 and MEM607 on a self cycle: a base class from another module is not analysed and may take
 * the link apart (asyncio's Task and the Future in futures.py), so the finding says so instead of
 * claiming the collector is the only way out; a builtin or module base changes nothing.
 */
class ForeignBaseCycleMessageTest {
    private static final String SOURCE = """
            import abc
            from concurrent import futures


            class Step(futures.Future):
                def start(self):
                    self._callback = self._done

                def _done(self):
                    return 0

                def __del__(self):
                    pass


            class Plain(Exception, abc.ABC):
                def start(self):
                    self._callback = self._done

                def _done(self):
                    return 0
            """;

    @Test
    void foreignBaseIsNamedAndBuiltinBaseIsNot() {
        List<Finding> all = Linting.lint("steps.py", SOURCE);
        List<Finding> cycles = all.stream().filter(f -> f.code().equals("MEM601")).toList();
        assertEquals(2, cycles.size(), all.toString());
        assertTrue(cycles.get(0).message().endsWith("so each one is freed only by the cyclic garbage collector, unless "
                + "a method of its base `futures.Future`, not analysed here, takes the link apart"), cycles.get(0).message());
        assertTrue(cycles.get(1).message().endsWith("so each one is freed only by the cyclic garbage collector"),
                cycles.get(1).message());
        List<Finding> finalizers = Linting.lint("steps.py", SOURCE).stream()
                .filter(f -> f.code().equals("MEM607")).toList();
        assertEquals(1, finalizers.size(), finalizers.toString());
        assertTrue(finalizers.get(0).message().endsWith(", unless a method of its base `futures.Future`, not analysed "
                + "here, takes the link apart"), finalizers.get(0).message());
    }
}
