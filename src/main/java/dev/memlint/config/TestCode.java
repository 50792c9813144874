package dev.memlint.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which files are test code (tests, fixtures, documentation examples) and what runs on them. Such
 * code never runs on a program's real data, so the rules about wasted copies and laziness have
 * nothing to save there; what still matters is what a test suite keeps alive across tests (reference
 * cycles, caches, kept exceptions: the MEM6 family).
 *
 * @param mode  what runs on test code
 * @param globs what counts as test code: the defaults plus test-code-globs
 */
public record TestCode(Mode mode, List<String> globs) {

    /** The value of the test-code setting. */
    public enum Mode {
        /** Only the lifetime and cycle rules (MEM6), the default. */
        LIFETIME_ONLY("lifetime-only"),
        /** Every selected rule, as on other code. */
        ALL("all"),
        /** Test code is not checked at all. */
        SKIP("skip");

        private final String label;

        Mode(String label) { this.label = label; }

        public String label() { return label; }

        /** The mode a setting names, or null. */
        public static Mode parse(String text) {
            for (Mode m : values()) if (m.label.equals(text.trim().toLowerCase(Locale.ROOT))) return m;
            return null;
        }

        public static List<String> labels() {
            return List.of(LIFETIME_ONLY.label, ALL.label, SKIP.label);
        }
    }

    /**
     * A glob without '/' matches a file or directory name anywhere below the configuration's
     * directory; one with '/' a path relative to it (so a package's own docs module, such as
     * boto3/docs, is code, while a project's top-level docs folder is not).
     */
    public static final List<String> DEFAULT_GLOBS = List.of(
            "test_*.py", "*_test.py", "conftest.py",           // pytest's and unittest's file names
            "test", "tests", "testing", "fixtures", "testdata", "test_data",
            "docs/**", "doc/**", "examples/**");

    /** The rule family that still runs on test code in lifetime-only mode. */
    static final String LIFETIME_FAMILY = "MEM6";

    public static TestCode defaults() {
        return new TestCode(Mode.LIFETIME_ONLY, DEFAULT_GLOBS);
    }

    /** The defaults extended by the user's globs. */
    public static TestCode of(Mode mode, List<String> extraGlobs) {
        List<String> all = new ArrayList<>(DEFAULT_GLOBS);
        for (String g : extraGlobs) if (!all.contains(g)) all.add(g);
        return new TestCode(mode, List.copyOf(all));
    }

    public TestCode withMode(Mode newMode) {
        return new TestCode(newMode, globs);
    }

    /** Whether a rule runs on a file that is test code. */
    public boolean runsOnTestCode(String code) {
        return switch (mode) {
            case ALL -> true;
            case SKIP -> false;
            case LIFETIME_ONLY -> code.startsWith(LIFETIME_FAMILY);
        };
    }
}
