package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test modules (they import unittest, pytest or test.support) collect garbage on purpose and make a
 * handful of instances: MEM503 and MEM606's gc.collect() check stay silent there, and only there.
 */
class TestModuleSilenceTest {
    private static final String CODE = """
            import gc


            class Node:
                def __init__(self, value):
                    self.value = value


            def build(values):
                nodes = [Node(v) for v in values]
                for n in nodes:
                    n.value += 1
                    gc.collect()
                return nodes
            """;

    @Test
    void plainModuleIsReported() {
        assertEquals(List.of("MEM503", "MEM606"), codes(Linting.lint("app.py", CODE)));
    }

    @Test
    void unittestModuleIsNot() {
        assertEquals(List.of(), codes(Linting.lint("test_app.py", "import unittest\n" + CODE)));
    }

    @Test
    void pytestAndTestSupportModulesAreNot() {
        assertEquals(List.of(), codes(Linting.lint("test_app.py", "import pytest\n" + CODE)));
        assertEquals(List.of(), codes(Linting.lint("test_app.py", "from test import support\n" + CODE)));
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).filter(c -> c.equals("MEM503") || c.equals("MEM606")).sorted().toList();
    }
}
