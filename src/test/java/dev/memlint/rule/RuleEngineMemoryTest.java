package dev.memlint.rule;

import dev.memlint.ast.Module;
import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Once a file is checked, nothing the rules cached keeps its tree alive. */
class RuleEngineMemoryTest {
    // Classes with __init__ and imports: the memory pass and the import summary both run and cache.
    private static final String SOURCE = """
            import numpy
            import weakref

            class Node:
                def __init__(self, parent):
                    self.parent = parent
                    self.me = self

            def f(items):
                out = []
                for i in range(len(items)):
                    out = out + [items[i]]
                return out
            """;

    @Test
    void theCheckedTreeCanBeCollected() throws Exception {
        WeakReference<Module> tree = checkAndForget();
        for (int i = 0; i < 20 && tree.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(tree.get(), "the tree of a checked file is still reachable");
    }

    private static WeakReference<Module> checkAndForget() throws Exception {
        ParsedFile parsed = PythonSourceParser.parse(SOURCE.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST);
        List<Finding> findings = new RuleEngine(RuleRegistry.ruleClasses(), Map.of()).check("m.py", parsed);
        assertFalse(findings.isEmpty(), "the sample exercises the rules");
        return new WeakReference<>(parsed.module());
    }
}
