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
    private final LineColumns[] columns; // per line, made when first needed

    public SourceText(String text) {
        this.text = text;
        this.lineStarts = computeLineStarts(text);
        this.columns = new LineColumns[lineStarts.length];
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

    /** Number of code points on a 1-based line, its line terminator not counted; 0 past the end. */
    public int codePointLength(int line) {
        if (line < 1 || line > lineStarts.length) return 0;
        LineColumns c = columns(line);
        if (c != LineColumns.ASCII) return c.codePoints;
        int start = lineStarts[line - 1];
        int end = start + lineLength(line);
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return end - start;
    }

    /** Whether a 1-based line holds only ASCII, so that its code-point and UTF-8 columns agree. */
    public boolean isAsciiLine(int line) {
        return columns(line) == LineColumns.ASCII;
    }

    /** UTF-16 index in the whole text of a 1-based line and 0-based code-point column. */
    public int offset(int line, int codePointCol) {
        int l = Math.max(0, Math.min(line, lineStarts.length) - 1) + 1;
        LineColumns c = columns(l);
        int start = lineStarts[l - 1];
        if (c == LineColumns.ASCII) {
            if (codePointCol >= 0 && codePointCol <= lineLength(l)) return start + codePointCol;
            return text.offsetByCodePoints(start, codePointCol); // into other lines
        }
        int k = c.checkpointAtOrBefore(codePointCol);
        return text.offsetByCodePoints(start + c.utf16[k], codePointCol - k * LineColumns.STEP);
    }

    /** CPython's col_offset (UTF-8 bytes) for a 0-based code-point column of a 1-based line. */
    public int utf8Col(int line, int codePointCol) {
        LineColumns c = columns(line);
        if (c == LineColumns.ASCII && codePointCol >= 0 && codePointCol <= lineLength(line)) return codePointCol;
        int k = c == LineColumns.ASCII ? 0 : c.checkpointAtOrBefore(codePointCol);
        int bytes = k == 0 ? 0 : c.utf8[k];
        int i = lineStarts[line - 1] + (k == 0 ? 0 : c.utf16[k]);
        // Past the line's end the count goes on into the next lines.
        for (int cp = k * LineColumns.STEP; cp < codePointCol && i < text.length(); cp++) {
            int ch = text.codePointAt(i);
            bytes += utf8Length(ch);
            i += Character.charCount(ch);
        }
        return bytes;
    }

    /** 0-based code-point column for CPython's col_offset (UTF-8 bytes) on a 1-based line. */
    public int codePointCol(int line, int utf8Col) {
        if (line < 1 || line > lineStarts.length) return utf8Col;
        LineColumns c = columns(line);
        if (c == LineColumns.ASCII) return Math.max(0, utf8Col); // past the end too: one column per byte
        int k = c.checkpointAtOrBeforeBytes(utf8Col);
        int i = lineStarts[line - 1] + c.utf16[k];
        int end = lineStarts[line - 1] + lineLength(line);
        int bytes = c.utf8[k];
        int cps = k * LineColumns.STEP;
        while (bytes < utf8Col && i < end) {
            int ch = text.codePointAt(i);
            if (ch == '\n' || ch == '\r') break;
            bytes += utf8Length(ch);
            i += Character.charCount(ch);
            cps++;
        }
        return cps + Math.max(0, utf8Col - bytes);
    }

    /** Length of a 1-based line in UTF-16 units, with its line terminator. */
    private int lineLength(int line) {
        return (line < lineStarts.length ? lineStarts[line] : text.length()) - lineStarts[line - 1];
    }

    /**
     * The column index of a 1-based line, made when first asked for: each conversion then costs a
     * few dozen characters of scanning instead of the whole line up to the column, which made
     * long non-ASCII lines quadratic (one scan per token).
     */
    private LineColumns columns(int line) {
        LineColumns c = columns[line - 1];
        if (c == null) {
            c = LineColumns.of(text, lineStarts[line - 1], lineStarts[line - 1] + lineLength(line));
            columns[line - 1] = c; // a race makes the same index twice: harmless, its fields are final
        }
        return c;
    }

    /**
     * Where every {@link #STEP}-th code point of a line starts, counted from the line's start in
     * UTF-16 units and in UTF-8 bytes; or {@link #ASCII} when the two measures agree with the
     * code-point count throughout.
     */
    private static final class LineColumns {
        static final int STEP = 64;
        static final LineColumns ASCII = new LineColumns(null, null, 0);

        final int[] utf16;
        final int[] utf8;
        final int codePoints; // on the line, without its terminator

        private LineColumns(int[] utf16, int[] utf8, int codePoints) {
            this.utf16 = utf16;
            this.utf8 = utf8;
            this.codePoints = codePoints;
        }

        static LineColumns of(String text, int start, int end) {
            int i = start;
            while (i < end && text.charAt(i) < 0x80) i++;
            if (i == end) return ASCII;
            int[] utf16 = new int[16];
            int[] utf8 = new int[16];
            int count = 1; // checkpoint 0: the line's start
            int bytes = 0;
            int cp = 0;
            for (i = start; i < end; cp++) {
                int ch = text.codePointAt(i);
                if (ch == '\n' || ch == '\r') break;
                bytes += utf8Length(ch);
                i += Character.charCount(ch);
                if ((cp + 1) % STEP == 0) {
                    if (count == utf16.length) {
                        utf16 = Arrays.copyOf(utf16, count * 2);
                        utf8 = Arrays.copyOf(utf8, count * 2);
                    }
                    utf16[count] = i - start;
                    utf8[count] = bytes;
                    count++;
                }
            }
            return new LineColumns(Arrays.copyOf(utf16, count), Arrays.copyOf(utf8, count), cp);
        }

        /** The last checkpoint at or before a code-point column. */
        int checkpointAtOrBefore(int codePointCol) {
            return Math.max(0, Math.min(codePointCol / STEP, utf16.length - 1));
        }

        /** The last checkpoint at or before a UTF-8 column. */
        int checkpointAtOrBeforeBytes(int utf8Col) {
            int k = Arrays.binarySearch(utf8, utf8Col);
            return k >= 0 ? k : Math.max(0, -k - 2);
        }
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
