package dev.memlint.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSelectionTest {
    @Test
    void longestMatchDecidesAndIgnoreWinsTies() {
        assertEquals(4, RuleSelection.matchLength(List.of("MEM2", "ALL"), "MEM201"));
        assertEquals(0, RuleSelection.matchLength(List.of("ALL"), "MEM201"));
        assertEquals(-1, RuleSelection.matchLength(List.of("MEM3"), "MEM201"));
        assertTrue(new RuleSelection(null, null, null).isEnabled("MEM001"));
        assertFalse(new RuleSelection(null, null, List.of("MEM0")).isEnabled("MEM001"));
        assertTrue(new RuleSelection(List.of("MEM001"), null, List.of("MEM0")).isEnabled("MEM001"));
        assertFalse(new RuleSelection(List.of("ALL"), null, List.of("ALL")).isEnabled("MEM001"));
        assertFalse(new RuleSelection(null, null, null).isEnabled("MEM999"));
    }

    @Test
    void selectorsMustNameKnownCodesOrPrefixes() {
        assertTrue(RuleSelection.isValidSelector("ALL"));
        assertTrue(RuleSelection.isValidSelector("MEM"));
        assertTrue(RuleSelection.isValidSelector("MEM0"));
        assertFalse(RuleSelection.isValidSelector("MEM9"));
        assertFalse(RuleSelection.isValidSelector("E501"));
    }
}
