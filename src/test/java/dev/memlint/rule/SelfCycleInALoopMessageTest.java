package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MEM601 on a self cycle that __init__ closes inside a loop (urllib.request.ProxyHandler's lambda
 * per configured proxy, keeping self.proxy_open as a default): only the instances on which the loop
 * runs are in it, so the finding names the loop. CPython 3.12: gc.collect() after dropping a
 * Handler({"http": "p"}) collects it, after Handler({}) nothing.
 */
class SelfCycleInALoopMessageTest {
    private static final String SOURCE = """
            class Handler:
                def __init__(self, proxies):
                    self.proxies = proxies
                    for kind, url in proxies.items():
                        setattr(self, kind + "_open", lambda r, proxy=url, meth=self.proxy_open: meth(r, proxy))

                def proxy_open(self, request, proxy):
                    return proxy


            class Always:
                def __init__(self):
                    self.handler = self.handle

                def handle(self):
                    return 0
            """;

    @Test
    void aCycleClosedInALoopNamesTheLoop() {
        List<Finding> all = Linting.lint("handlers.py", SOURCE);
        List<Finding> cycles = all.stream().filter(f -> f.code().equals("MEM601")).toList();
        assertEquals(2, cycles.size(), all.toString());
        assertTrue(cycles.get(0).message().startsWith("every `Handler` instance refers to itself if the loop at line 4 runs ("),
                cycles.get(0).message());
        assertTrue(cycles.get(1).message().startsWith("every `Always` instance refers to itself ("), cycles.get(1).message());
    }
}
