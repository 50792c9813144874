package dev.memlint.report;

/** ANSI terminal styling that is switched off entirely when colour is not wanted. */
final class Ansi {
    static final String BOLD = "1";
    static final String RED = "31";
    static final String YELLOW = "33";
    static final String BLUE = "34";
    static final String CYAN = "36";

    private final boolean enabled;

    Ansi(boolean enabled) { this.enabled = enabled; }

    String style(String text, String... codes) {
        if (!enabled || codes.length == 0) return text;
        return "\u001b[" + String.join(";", codes) + "m" + text + "\u001b[0m";
    }
}
