package dev.memlint.parse;

import java.util.Arrays;

/** The Python versions whose syntax memlint reads; the target decides which syntax is an error. */
public enum PythonVersion {
    PY38(8), PY39(9), PY310(10), PY311(11), PY312(12), PY313(13), PY314(14);

    public static final PythonVersion LATEST = PY314;

    private final int minor;

    PythonVersion(int minor) { this.minor = minor; }

    public int minor() { return minor; }

    public boolean atLeast(PythonVersion other) { return minor >= other.minor; }

    /** "3.12" */
    public String label() { return "3." + minor; }

    /** Parses "3.12" (or "py312"); null when it is not a supported version. */
    public static PythonVersion parse(String text) {
        String t = text.trim().toLowerCase();
        return Arrays.stream(values())
                .filter(v -> t.equals(v.label()) || t.equals("py3" + v.minor))
                .findFirst().orElse(null);
    }
}
