package dev.memlint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle switch: -Doracles (Maven sets it to "true") turns them on, -Doracles=false off. */
class OraclesTest {
    private final String before = System.getProperty("oracles");

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty("oracles");
        else System.setProperty("oracles", before);
    }

    @Test
    void thePropertyDecides() {
        System.setProperty("oracles", "true");
        assertTrue(Oracles.enabled());
        assertDoesNotThrow(() -> Oracles.assumeEnabled("nothing"));
        System.setProperty("oracles", "false");
        assertFalse(Oracles.enabled());
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> Oracles.assumeEnabled("CPython 9.9"));
        assertTrue(skipped.getMessage().contains("it needs CPython 9.9; run the oracle tests with `mvn -B verify -Doracles`"),
                skipped.getMessage());
    }
}
