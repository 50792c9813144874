package dev.memlint.rule.support;

import dev.memlint.ast.Stmt;
import dev.memlint.semantic.SemanticModel;

/**
 * Whether a module is test code: it imports unittest, pytest or CPython's test package at its top.
 * Tests collect garbage on purpose and make a handful of objects, so some memory rules skip them.
 */
public final class TestModules {
    private TestModules() {}

    public static boolean isTestModule(SemanticModel model) {
        for (Stmt s : model.module().body()) {
            if (s instanceof Stmt.Import i && i.names().stream().anyMatch(a -> isTestFramework(a.name()))) return true;
            if (s instanceof Stmt.ImportFrom f && f.level() == 0 && f.module() != null && isTestFramework(f.module()))
                return true;
        }
        return false;
    }

    private static boolean isTestFramework(String name) {
        return name.equals("unittest") || name.startsWith("unittest.") || name.equals("pytest")
                || name.equals("test") || name.startsWith("test.");
    }
}
