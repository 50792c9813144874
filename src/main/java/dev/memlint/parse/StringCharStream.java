package dev.memlint.parse;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.misc.Interval;

import java.nio.charset.StandardCharsets;

/**
 * The lexer's input: a decoded source as an array of its code points (what ANTLR counts), bytes for
 * Latin-1 text (nearly every file), ints otherwise. ANTLR's CharStreams.fromString copies the text
 * twice through NIO buffers and each token's text comes back as a new String of a copy; here a
 * Latin-1 token's text is a substring. Being the only CharStream the lexer ever meets also lets the
 * C1 compiler call LA and consume directly: with two kinds of stream loaded each was a dispatch.
 */
final class StringCharStream implements CharStream {
    private final String text;
    private final byte[] latin1;     // the text when every char fits in a byte, else null
    private final int[] codePoints;  // the text otherwise
    private final int length;
    private int position;

    private StringCharStream(String text, byte[] latin1, int[] codePoints) {
        this.text = text;
        this.latin1 = latin1;
        this.codePoints = codePoints;
        this.length = latin1 != null ? latin1.length : codePoints.length;
    }

    static StringCharStream of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        // Equal exactly when every char fit in a byte; for the usual Latin-1 text the copy and the
        // comparison are array copies, and other text compares unequal at once.
        if (text.equals(new String(bytes, StandardCharsets.ISO_8859_1))) return new StringCharStream(text, bytes, null);
        int[] codePoints = new int[text.codePointCount(0, text.length())];
        for (int i = 0, j = 0; i < codePoints.length; i++) {
            codePoints[i] = text.codePointAt(j);
            j += Character.charCount(codePoints[i]);
        }
        return new StringCharStream(text, null, codePoints);
    }

    @Override
    public int LA(int i) {
        int at = i > 0 ? position + i - 1 : position + i;
        if (i == 0) return 0; // undefined, as in ANTLR's streams
        if (at < 0 || at >= length) return EOF;
        return latin1 != null ? latin1[at] & 0xFF : codePoints[at];
    }

    /** The code point at an index, EOF past the end (what LA(1) says there, without the arithmetic). */
    int at(int index) {
        if (index >= length) return EOF;
        return latin1 != null ? latin1[index] & 0xFF : codePoints[index];
    }

    /** The text from start to end (exclusive), in code point indexes. */
    String getText(int start, int end) {
        return latin1 != null ? text.substring(start, end) : new String(codePoints, start, end - start);
    }

    @Override
    public void consume() {
        if (position >= length) throw new IllegalStateException("cannot consume EOF");
        position++;
    }

    @Override
    public int mark() { return -1; }

    @Override
    public void release(int marker) { }

    @Override
    public int index() { return position; }

    @Override
    public void seek(int index) { position = index; }

    @Override
    public int size() { return length; }

    @Override
    public String getSourceName() { return UNKNOWN_SOURCE_NAME; }

    @Override
    public String getText(Interval interval) {
        int start = Math.min(interval.a, length);
        int end = Math.min(interval.b + 1, length);
        return end <= start ? "" : getText(start, end);
    }

    @Override
    public String toString() { return text; }
}
