package dev.memlint.parse;

import java.util.Arrays;

/**
 * The decoded text of a source file with its line table. Converts between the three column
 * measures in play: UTF-16 indexes (Java strings), code points (ANTLR tokens, reports) and UTF-8
 * bytes (CPython's col_offset).
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts; // UTF-16 index where each line begins; line 1 at index 0

    public SourceText(String text) {
        this.text = text;
        this.lineStarts = computeLineStarts(text);
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        boolean lfOnly = text.indexOf('\r') < 0; // decoded sources are; indexOf is much faster than charAt
        int n = text.length();
        for (int i = lfOnly ? text.indexOf('\n') : 0; i >= 0 && i < n; i = lfOnly ? text.indexOf('\n', i + 1) : i + 1) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    public String text() { return text; }

    public int lineCount() { return lineStarts.length; }

    /** The text of a 1-based line without its line terminator; "" past the end. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return text.substring(start, end);
    }

    /** Whether a 1-based line holds only ASCII, so that its code-point and UTF-8 columns agree. */
    public boolean isAsciiLine(int line) {
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        for (int i = lineStarts[line - 1]; i < end; i++) if (text.charAt(i) >= 0x80) return false;
        return true;
    }

    /** UTF-16 index in the whole text of a 1-based line and 0-based code-point column. */
    public int offset(int line, int codePointCol) {
        int start = lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
        return text.offsetByCodePoints(start, codePointCol);
    }

    /** CPython's col_offset (UTF-8 bytes) for a 0-based code-point column of a 1-based line. */
    public int utf8Col(int line, int codePointCol) {
        int start = lineStarts[line - 1];
        int bytes = 0;
        int i = start;
        for (int cp = 0; cp < codePointCol && i < text.length(); cp++) {
            int c = text.codePointAt(i);
            bytes += utf8Length(c);
            i += Character.charCount(c);
        }
        return bytes;
    }

    /** 0-based code-point column for CPython's col_offset (UTF-8 bytes) on a 1-based line. */
    public int codePointCol(int line, int utf8Col) {
        if (line < 1 || line > lineStarts.length) return utf8Col;
        int i = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        int bytes = 0;
        int cps = 0;
        while (bytes < utf8Col && i < end) {
            int c = text.codePointAt(i);
            if (c == '\n' || c == '\r') break;
            bytes += utf8Length(c);
            i += Character.charCount(c);
            cps++;
        }
        return cps + Math.max(0, utf8Col - bytes);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
