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

    /** MEM603 and MEM701 are off by default: a prefix leaves them off, their code or ALL turns them on. */
    @Test
    void optInRulesRunWhenTheirCodeTheirFamilyOrAllIsSelected() {
        for (String off : List.of("MEM603", "MEM701")) {
            assertFalse(new RuleSelection(null, null, null).isEnabled(off), off);
            assertTrue(new RuleSelection(List.of("MEM"), null, null).isEnabled(off), off);
            assertTrue(new RuleSelection(null, List.of(off.substring(0, 4)), null).isEnabled(off), off);
            assertTrue(new RuleSelection(List.of("ALL"), null, null).isEnabled(off), off);
            assertTrue(new RuleSelection(null, List.of("ALL"), null).isEnabled(off), off);
            assertTrue(new RuleSelection(null, List.of(off), null).isEnabled(off), off);
            assertFalse(new RuleSelection(List.of("ALL"), null, List.of(off.substring(0, 4))).isEnabled(off), off);
        }
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
