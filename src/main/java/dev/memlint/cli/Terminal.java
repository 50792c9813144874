package dev.memlint.cli;

/** What memlint can tell about where its output goes. */
final class Terminal {
    private Terminal() {}

    /** A person is watching: stdin and stdout are a terminal (System.console()) and this is not CI. */
    static boolean isInteractive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** Colour in `auto` mode: a terminal that can show it and no NO_COLOR (https://no-color.org). */
    static boolean supportsColor() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty())
                && !"dumb".equals(System.getenv("TERM"));
    }
}
