package dev.memlint.memory.heap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calling a bound method of a module class (a callback kept and called later, or one held in a
 * local) runs the method on the object it is bound to, instead of handing the arguments to unknown
 * code. Verdicts measured with CPython 3.11.7, 3.12.1 and 3.13.0 (gc.DEBUG_SAVEALL after a call of
 * each with n=5): run_failing leaves every task in a cycle with its caught exception and the worker,
 * register_all the registry with its nodes, register_copies nothing.
 */
class BoundMethodCallsTest {
    private static final String SOURCE = """
            class Task:
                def __init__(self, fn):
                    self.fn = fn
                    self.exception = None
                    self._callbacks = []

                def add_done_callback(self, callback):
                    self._callbacks.append(callback)

                def run(self):
                    try:
                        self.fn()
                    except Exception as exc:
                        self.exception = exc
                    for callback in self._callbacks:
                        callback(self)


            class Worker:
                def __init__(self):
                    self.failed = []

                def on_done(self, task):
                    if task.exception is not None:
                        self.failed.append(task.fn)


            def fail():
                raise ValueError("no")


            def run_failing(n):
                worker = Worker()
                for i in range(n):
                    task = Task(fail)
                    task.add_done_callback(worker.on_done)
                    task.run()
                return len(worker.failed)


            class Registry:
                def __init__(self):
                    self.items = []

                def keep(self, item):
                    self.items.append(item)


            class Node:
                def __init__(self, registry):
                    self.registry = registry


            def register_all(n):
                registry = Registry()
                keep = registry.keep
                for i in range(n):
                    keep(Node(registry))
                return len(registry.items)


            def register_copies(n):
                registry = Registry()
                keep = Registry().keep
                for i in range(n):
                    keep(Node(registry))
                return len(registry.items)
            """;

    @Test
    void aCallbackCalledWithItsTaskKeepsTheTaskWhoseExceptionHoldsTheFrame() throws Exception {
        // before: the callback was unknown code that might keep the task, so no cycle was garbage
        assertEquals(1, HeapCycles.reported(SOURCE, "run_failing").size());
    }

    @Test
    void aBoundMethodInALocalStoresIntoItsOwnObject() throws Exception {
        assertEquals(1, HeapCycles.reported(SOURCE, "register_all").size());
        assertTrue(HeapCycles.reported(SOURCE, "register_copies").isEmpty());
    }
}
