package dev.memlint.memory.provenance;

/**
 * Where the size of a value comes from: written in the source ({@link Kind#CONSTANT}), capped by a
 * constant ({@link Kind#BOUNDED}), growing with what the program reads or is given
 * ({@link Kind#INPUT}), or not known ({@link Kind#UNKNOWN}). "Size" is a container's item count, a
 * string's length, or an int's magnitude (what {@code range(n)} or a slice bound makes of it).
 *
 * @param kind   the class of the size
 * @param bound  for CONSTANT and BOUNDED, the largest the size can be (saturating); otherwise -1
 * @param degree for INPUT, the polynomial degree of the size in the inputs (2 for a product of two
 *               input-driven loops); 0 otherwise
 * @param origin for INPUT, what kind of input it is; NONE otherwise
 * @param source for INPUT, the source text of the input (a parameter's name, {@code sys.argv},
 *               {@code f.read()}); null otherwise
 */
public record Provenance(Kind kind, long bound, int degree, Origin origin, String source) {

    /** Ordered from most to least certain to be small: a join takes the later one. */
    public enum Kind { CONSTANT, BOUNDED, UNKNOWN, INPUT }

    /** What an input-driven size was read from. */
    public enum Origin {
        NONE("", true),
        PARAMETER("parameter", true),
        FILE("file read", true),
        STDIN("standard input", true),
        NETWORK("network read", true),
        REQUEST("request body", true),
        DATABASE("database query", true),
        DIRECTORY("directory listing", true),
        PROCESS("subprocess output", true),
        /** sys.argv: a handful of tokens in practice, though no constant bounds them. */
        COMMAND_LINE("command line", false),
        /** os.environ: a few dozen short strings in practice. */
        ENVIRONMENT("environment", false),
        /** *args and **kwargs: as many as a call writes out, a handful in practice. */
        ARGUMENTS("packed arguments", false);

        private final String label;
        private final boolean large;

        Origin(String label, boolean large) {
            this.label = label;
            this.large = large;
        }

        public String label() { return label; }

        /** Whether data from here can realistically be large (a command line or the environment cannot). */
        public boolean canBeLarge() { return large; }
    }

    /** Sizes up to this are "a handful": about 8 KB of list slots, nothing a change would save. */
    public static final long SMALL = 1000;

    public static final Provenance UNKNOWN = new Provenance(Kind.UNKNOWN, -1, 0, Origin.NONE, null);

    public static Provenance constant(long size) {
        return new Provenance(Kind.CONSTANT, Math.max(0, size), 0, Origin.NONE, null);
    }

    public static Provenance bounded(long bound) {
        return new Provenance(Kind.BOUNDED, Math.max(0, bound), 0, Origin.NONE, null);
    }

    public static Provenance input(Origin origin, String source) {
        return new Provenance(Kind.INPUT, -1, 1, origin, source);
    }

    /** The size of a value that is one or the other (two branches, two bindings of a name). */
    public Provenance join(Provenance other) {
        if (other.kind != kind) return other.kind.ordinal() > kind.ordinal() ? other : this;
        return switch (kind) {
            case CONSTANT, BOUNDED -> bound >= other.bound ? this : other;
            case INPUT -> other.degree > degree ? other : this;
            case UNKNOWN -> this;
        };
    }

    /** A value both sizes add to ({@code a + b}): bounds add; otherwise as a join. */
    public Provenance plus(Provenance other) {
        if (isCapped() && other.isCapped()) {
            Kind k = kind == Kind.CONSTANT && other.kind == Kind.CONSTANT ? Kind.CONSTANT : Kind.BOUNDED;
            return new Provenance(k, saturatingAdd(bound, other.bound), 0, Origin.NONE, null);
        }
        return join(other);
    }

    /** A value of one size per item of the other ({@code a * k}, nested loops): bounds and degrees multiply. */
    public Provenance times(Provenance other) {
        if (isCapped() && other.isCapped()) {
            Kind k = kind == Kind.CONSTANT && other.kind == Kind.CONSTANT ? Kind.CONSTANT : Kind.BOUNDED;
            return new Provenance(k, saturatingMultiply(bound, other.bound), 0, Origin.NONE, null);
        }
        if (kind == Kind.INPUT && other.kind == Kind.INPUT) {
            return new Provenance(Kind.INPUT, -1, degree + other.degree, origin, source);
        }
        if (isCapped() && other.bound == 0 || other.isCapped() && bound == 0) return constant(0);
        return join(other);
    }

    /** The same size, no longer known exactly: what a filter or an early exit leaves of it. */
    public Provenance atMost() {
        return kind == Kind.CONSTANT ? bounded(bound) : this;
    }

    /** Whether a constant caps the size (CONSTANT or BOUNDED). */
    public boolean isCapped() {
        return kind == Kind.CONSTANT || kind == Kind.BOUNDED;
    }

    /** Capped by {@link #SMALL}: too small for any rewrite to matter. */
    public boolean isSmall() {
        return isCapped() && bound <= SMALL;
    }

    /** Input-driven from something that can be large (not the command line or the environment). */
    public boolean isLarge() {
        return kind == Kind.INPUT && origin.canBeLarge();
    }

    /** "constant (3)", "bounded by 10", "input-driven (parameter `buf`)", "unknown". */
    public String describe() {
        return switch (kind) {
            case CONSTANT -> "constant (" + bound + ")";
            case BOUNDED -> "bounded by " + bound;
            case INPUT -> "input-driven (" + origin.label() + (source == null ? "" : " `" + source + "`") + ")";
            case UNKNOWN -> "unknown";
        };
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        if (a == 0 || b == 0) return 0;
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
