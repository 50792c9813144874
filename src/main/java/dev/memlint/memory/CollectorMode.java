package dev.memlint.memory;

/**
 * Whether a peak estimate assumes CPython's cyclic garbage collector runs during the call. With it
 * on (the default, what programs meet), cyclic garbage made per loop iteration piles up only until
 * the youngest generation's allocation count passes its threshold; with it off (gc.disable(), or a
 * gc.freeze()-style service), it stays until the call returns.
 */
public enum CollectorMode {
    ON, OFF;

    public static final CollectorMode DEFAULT = ON;

    /** "on" or "off", as the command line and the JSON output spell it. */
    public String text() {
        return this == ON ? "on" : "off";
    }

    public static CollectorMode parse(String text) {
        return switch (text) {
            case "on" -> ON;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("--gc must be on or off, got '" + text + "'");
        };
    }
}
