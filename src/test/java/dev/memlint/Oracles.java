package dev.memlint;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The switch for the oracle tests: those that compare memlint with real interpreters and tools
 * (pyenv's CPythons, pyodide, the SARIF Multitool). They need installs a newcomer does not have and
 * take minutes, so `mvn -B verify` runs them only when asked: `-Doracles` (Maven passes it on to
 * the tests) or MEMLINT_ORACLES=1 in the environment, which .ci/run sets.
 */
public final class Oracles {
    private Oracles() {}

    public static boolean enabled() {
        String property = System.getProperty("oracles");
        if (property != null) return !property.equals("false");
        return "1".equals(System.getenv("MEMLINT_ORACLES"));
    }

    /** Skips the calling test, saying what it needs and how to run it, unless the oracles are on. */
    public static void assumeEnabled(String needs) {
        if (!enabled()) announce();
        assumeTrue(enabled(), () -> skipMessage(needs));
    }

    /** Says once per test JVM, on the console, that the oracle tests are off and how to turn them on. */
    public static void announce() {
        if (!announced.getAndSet(true)) {
            System.out.println("memlint: the oracle tests are off (they need pyenv's CPythons, pyodide and the SARIF"
                    + " Multitool, and take minutes): `mvn -B verify -Doracles` or MEMLINT_ORACLES=1 runs them;"
                    + " each skipped one says what it needs in target/surefire-reports");
        }
    }

    private static final AtomicBoolean announced = new AtomicBoolean(); // once per test JVM

    public static String skipMessage(String needs) {
        return "oracle test, off by default: it needs " + needs
                + "; run the oracle tests with `mvn -B verify -Doracles` or MEMLINT_ORACLES=1 (.ci/run does)";
    }
}
