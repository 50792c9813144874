package dev.memlint.config;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequiresPythonTest {
    @Test
    void theHighestLowerBoundOfTheClausesCounts() {
        assertEquals(PythonVersion.PY39, RequiresPython.lowest(">=3.9"));
        assertEquals(PythonVersion.PY310, RequiresPython.lowest(">=3.8, <4, !=3.9.*, >=3.10"));
        assertEquals(PythonVersion.PY310, RequiresPython.lowest("~=3.10"));
        assertEquals(PythonVersion.PY311, RequiresPython.lowest("==3.11.*"));
        assertEquals(PythonVersion.PY39, RequiresPython.lowest(">3.9"));
        assertEquals(PythonVersion.PY312, RequiresPython.lowest(" >= 3.12.1 "));
    }

    @Test
    void oldVersionsCountAsTheOldestMemlintKnows() {
        assertEquals(PythonVersion.PY38, RequiresPython.lowest(">=3.6"));
        assertEquals(PythonVersion.PY38, RequiresPython.lowest(">=2.7, >=3.5"));
        assertEquals(PythonVersion.LATEST, RequiresPython.lowest(">=3.20"));
    }

    @Test
    void noLowerBoundOrAnUnreadableSpecifierIsNull() {
        assertNull(RequiresPython.lowest("<3.13"));
        assertNull(RequiresPython.lowest(""));
        assertNull(RequiresPython.lowest("python 3"));
        assertNull(RequiresPython.lowest(">=4"));
        assertNull(RequiresPython.lowest(">=2.7"));
    }
}
