package dev.memlint.memory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test that reads Python through CPython's own parser when CPython 3.11 is not installed. */
public final class LocalPythonAssumption {
    private LocalPythonAssumption() {}

    public static void assumeCPython311() {
        assumeTrue(LocalPython.find("3.11").isPresent(), "CPython 3.11.7 not installed (pyenv); skipped");
    }
}
