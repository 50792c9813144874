package dev.memlint.memory.heap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects made in loops: a cycle one iteration closes is found (the recent object of each site is
 * one concrete object), a chain where each object points only at the one before is not.
 * Each verdict was checked with CPython 3.11 (gc.DEBUG_SAVEALL after the call).
 */
class LoopCyclesTest {
    private static final String CLASSES = """
            class Node:
                def __init__(self, parent=None):
                    self.parent = parent
                    self.children = []
                    if parent is not None:
                        parent.children.append(self)

            class Link:
                def __init__(self, prev):
                    self.prev = prev
                    self.next = None
            """;

    private static List<Cycle> cyclesOf(String body, String function) throws Exception {
        return HeapCycles.of(CLASSES + body, function);
    }

    @Test
    void childrenRegisteredWithTheirParentInALoop() throws Exception {
        List<Cycle> cycles = cyclesOf("""
                def build(n):
                    root = Node()
                    for i in range(n):
                        Node(root)
                    return 0
                """, "build");
        assertEquals(1, cycles.size());
        assertEquals("Node instance -parent-> Node instance -children-> list -item-> Node instance",
                cycles.get(0).describe(), "each step once");
    }

    @Test
    void singlyLinkedChainIsNoCycle() throws Exception {
        assertTrue(cyclesOf("""
                def chain(n):
                    prev = None
                    for i in range(n):
                        prev = Link(prev)
                    return 0
                """, "chain").isEmpty());
    }

    @Test
    void doublyLinkedChainIsACycle() throws Exception {
        List<Cycle> cycles = cyclesOf("""
                def doubly(n):
                    prev = None
                    for i in range(n):
                        node = Link(prev)
                        if prev is not None:
                            prev.next = node
                        prev = node
                    return 0
                """, "doubly");
        assertEquals(1, cycles.size());
        assertEquals(2, cycles.get(0).edges().size(), cycles.get(0).describe());
    }

    @Test
    void twoRecordsOfOneIterationPointingAtEachOther() throws Exception {
        assertEquals(1, cyclesOf("""
                def pairs(rows):
                    for row in rows:
                        a = {"row": row}
                        b = {"peer": a}
                        a["peer"] = b
                    return 0
                """, "pairs").size());
    }

    @Test
    void recordsPointingAtTheFirstOneOnlyAreNoCycle() throws Exception {
        assertTrue(cyclesOf("""
                def fan(rows):
                    first = None
                    for row in rows:
                        rec = {"row": row, "first": first}
                        if first is None:
                            first = rec
                    return 0
                """, "fan").isEmpty());
    }

    @Test
    void exceptionKeptFromARetryLoop() throws Exception {
        List<Cycle> cycles = cyclesOf("""
                def retry(attempts):
                    last_error = None
                    for i in range(attempts):
                        try:
                            return int("x")
                        except ValueError as e:
                            last_error = e
                    return None
                """, "retry");
        assertEquals(1, cycles.size());
        assertTrue(cycles.get(0).describe().contains("caught exception -__traceback__-> frame"), cycles.get(0).describe());
    }

    @Test
    void storingIntoNoneStoresNothing() throws Exception {
        assertTrue(cyclesOf("""
                def maybe(items):
                    holder = None
                    node = Node()
                    holder.node = node
                    return 0
                """, "maybe").isEmpty());
    }

    private static final String WORKERS = """
            class Worker:
                def __init__(self):
                    self.handler = self.process
                    self.done = 0
                def process(self):
                    self.done += 1
                def shutdown(self):
                    self.handler = None
                def pause(self):
                    self.done = 0
            """;

    @Test
    void aMethodCalledOnEveryItemClearsItsLinkOnEach() throws Exception {
        assertTrue(HeapCycles.reported(WORKERS + """
                def shut_down(n):
                    workers = [Worker() for i in range(n)]
                    for w in workers:
                        w.shutdown()
                    return 0
                """, "shut_down").isEmpty());
    }

    @Test
    void aMethodThatClearsNoLinkLeavesTheCycles() throws Exception {
        assertEquals(1, HeapCycles.reported(WORKERS + """
                def paused(n):
                    workers = [Worker() for i in range(n)]
                    for w in workers:
                        w.pause()
                    return 0
                """, "paused").size());
    }
}
