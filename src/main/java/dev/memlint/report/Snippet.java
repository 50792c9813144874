package dev.memlint.report;

import dev.memlint.parse.SourceText;

/**
 * One source line prepared for a terminal, with the caret line that underlines a span of it.
 * Tabs are expanded, control characters (which could drive the terminal) are made visible, and a
 * very long line is cut to a window around the span.
 */
final class Snippet {
    private static final int TAB_WIDTH = 4;
    private static final int MAX_WIDTH = 160;
    private static final int CONTEXT_BEFORE = 60;

    final String text;
    final int caretStart; // 0-based display column
    final int caretWidth;

    private Snippet(String text, int caretStart, int caretWidth) {
        this.text = text;
        this.caretStart = caretStart;
        this.caretWidth = caretWidth;
    }

    /**
     * Only the shown window of the line is read: many findings on one long line each cost the
     * window, not the line.
     *
     * @param line        1-based line of the source
     * @param startColumn 1-based code-point column where the span starts
     * @param endColumn   1-based code-point column where it ends (exclusive) on this line, or -1 when
     *                    the span runs past the end of the line
     */
    static Snippet of(SourceText source, int line, int startColumn, int endColumn) {
        int length = source.codePointLength(line);
        int start = Math.max(0, Math.min(startColumn - 1, length));
        int end = endColumn < 0 ? length : Math.max(start, Math.min(endColumn - 1, length));

        int from = 0;
        int to = length;
        if (length > MAX_WIDTH) {
            from = Math.max(0, Math.min(start - CONTEXT_BEFORE, length - MAX_WIDTH));
            to = Math.min(length, from + MAX_WIDTH);
        }
        int[] cps = source.text().substring(source.offset(line, from), source.offset(line, to)).codePoints().toArray();
        StringBuilder shown = new StringBuilder();
        if (from > 0) shown.append('…');
        int caretStart = -1;
        int caretEnd = -1;
        for (int i = from; i <= to; i++) {
            if (i == start) caretStart = width(shown);
            if (i == end) caretEnd = width(shown);
            if (i == to) break;
            appendVisible(shown, cps[i - from], width(shown));
        }
        if (caretStart < 0) caretStart = width(shown); // span starts beyond the cut window
        if (caretEnd < 0) caretEnd = width(shown);
        if (to < length) shown.append('…');
        return new Snippet(shown.toString(), caretStart, Math.max(1, caretEnd - caretStart));
    }

    private static int width(StringBuilder sb) {
        return sb.codePointCount(0, sb.length());
    }

    private static void appendVisible(StringBuilder out, int cp, int column) {
        if (cp == '\t') {
            out.append(" ".repeat(TAB_WIDTH - column % TAB_WIDTH));
        } else if (cp < 0x20) {
            out.appendCodePoint(0x2400 + cp); // the Control Pictures block: ␀ ␁ ...
        } else if (cp == 0x7f) {
            out.append('\u2421');
        } else if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029
                || Character.getType(cp) == Character.FORMAT) {
            out.append('\ufffd'); // C1 controls, line separators and bidi overrides
        } else {
            out.appendCodePoint(cp);
        }
    }
}
