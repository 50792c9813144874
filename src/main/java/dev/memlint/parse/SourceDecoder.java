package dev.memlint.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the bytes of a source file into text the way CPython reads a module (PEP 263, PEP 3120):
 * UTF-8 unless a coding cookie on line 1 or 2 says otherwise, a UTF-8 BOM is dropped, and line
 * breaks (CRLF, CR) become '\n' as CPython's tokenizer translates them.
 *
 * <p>Errors use the messages of {@code compile(source_bytes)} (what {@code import} does). CPython
 * decodes UTF-8 lazily, token by token, so undecodable bytes inside a comment are accepted there; this
 * decoder accepts them too (they become U+FFFD) and reports them elsewhere at the string literal or
 * character where CPython does. Where CPython gives no position (null bytes, codec errors of a
 * declared encoding) the position of the offending byte is reported.
 */
public final class SourceDecoder {
    private static final String NULL_BYTES = "source code cannot contain null bytes";

    /** Python codec names that Java spells differently (after Python's name normalisation). */
    private static final Map<String, String> PYTHON_ALIASES = Map.ofEntries(
            Map.entry("utf_8", "UTF-8"), Map.entry("utf8", "UTF-8"), Map.entry("u8", "UTF-8"),
            Map.entry("utf", "UTF-8"), Map.entry("cp65001", "UTF-8"),
            Map.entry("latin_1", "ISO-8859-1"), Map.entry("latin1", "ISO-8859-1"), Map.entry("l1", "ISO-8859-1"),
            Map.entry("iso_8859_1", "ISO-8859-1"), Map.entry("iso8859_1", "ISO-8859-1"),
            Map.entry("8859", "ISO-8859-1"), Map.entry("cp819", "ISO-8859-1"), Map.entry("latin", "ISO-8859-1"),
            Map.entry("ascii", "US-ASCII"), Map.entry("us_ascii", "US-ASCII"), Map.entry("646", "US-ASCII"),
            Map.entry("cp1252", "windows-1252"), Map.entry("windows_1252", "windows-1252"),
            Map.entry("latin_9", "ISO-8859-15"), Map.entry("latin9", "ISO-8859-15"), Map.entry("iso8859_15", "ISO-8859-15"),
            Map.entry("utf_16", "UTF-16"), Map.entry("utf16", "UTF-16"),
            Map.entry("utf_16_le", "UTF-16LE"), Map.entry("utf_16_be", "UTF-16BE"),
            Map.entry("euc_jp", "EUC-JP"), Map.entry("shift_jis", "Shift_JIS"), Map.entry("sjis", "Shift_JIS"),
            Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"), Map.entry("gb18030", "GB18030"),
            Map.entry("big5", "Big5"), Map.entry("koi8_r", "KOI8-R"), Map.entry("koi8_u", "KOI8-U"),
            Map.entry("euc_kr", "EUC-KR"), Map.entry("mac_roman", "x-MacRoman"), Map.entry("macroman", "x-MacRoman"));

    private SourceDecoder() {}

    /** Decodes a whole source file; throws {@link PythonSyntaxError} where CPython refuses it. */
    public static String decode(byte[] bytes) {
        int start = 0;
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        if (bom) {
            start = 3;
        }
        checkNullBytes(bytes, start);
        String cookie = codingCookie(bytes, start);
        String text;
        if (cookie == null || cookie.equals("utf-8")) {
            text = decodeUtf8(bytes, start);
        } else {
            if (bom) {
                throw new PythonSyntaxError("SyntaxError", "encoding problem: " + cookie + " with BOM", 1, 1, 1, 1);
            }
            Charset charset = charsetFor(cookie);
            if (charset.equals(StandardCharsets.UTF_8)) {
                text = decodeUtf8(bytes, start);
            } else {
                text = decodeStrict(bytes, start, charset, cookie);
            }
        }
        return normaliseNewlines(text);
    }

    /**
     * The bytes of a file holding this already-decoded text (an editor's buffer): in the charset its
     * coding cookie names, since that is how the editor read it and how {@link #decode} reads it
     * back; UTF-8 without a cookie, or when the text does not fit the named charset (decode then
     * reports what CPython would for such a file).
     */
    public static byte[] encodeAsDeclared(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String cookie = codingCookie(utf8, 0);
        if (cookie == null || cookie.equals("utf-8")) return utf8;
        Charset charset;
        try {
            charset = charsetFor(cookie);
        } catch (PythonSyntaxError e) {
            return utf8; // an unknown encoding: decode says so
        }
        return charset.newEncoder().canEncode(text) ? text.getBytes(charset) : utf8;
    }

    // ------------------------------------------------------------------ coding cookie

    /**
     * The encoding named by a PEP 263 comment on line 1, or on line 2 when line 1 holds only a comment
     * or blanks; CPython's own scan (get_coding_spec), with its normalisation of utf-8 and latin-1 names.
     */
    static String codingCookie(byte[] bytes, int start) {
        int lineStart = start;
        for (int lineNumber = 1; lineNumber <= 2 && lineStart < bytes.length; lineNumber++) {
            int lineEnd = lineStart;
            while (lineEnd < bytes.length && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            String spec = cookieOnLine(bytes, lineStart, lineEnd);
            if (spec != null) {
                return normalName(spec);
            }
            if (!isBlankOrComment(bytes, lineStart, lineEnd)) {
                return null;
            }
            lineStart = lineEnd;
            if (lineStart < bytes.length && bytes[lineStart] == '\r') lineStart++;
            if (lineStart < bytes.length && bytes[lineStart] == '\n') lineStart++;
        }
        return null;
    }

    private static String cookieOnLine(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\f')) {
            i++;
        }
        if (i >= to || b[i] != '#') {
            return null;
        }
        for (; i + 6 < to; i++) {
            if (b[i] == 'c' && b[i + 1] == 'o' && b[i + 2] == 'd' && b[i + 3] == 'i' && b[i + 4] == 'n' && b[i + 5] == 'g'
                    && (b[i + 6] == ':' || b[i + 6] == '=')) {
                int j = i + 7;
                while (j < to && (b[j] == ' ' || b[j] == '\t')) {
                    j++;
                }
                int nameStart = j;
                while (j < to && (Character.isLetterOrDigit(b[j]) && b[j] > 0 || b[j] == '-' || b[j] == '_' || b[j] == '.')) {
                    j++;
                }
                if (j > nameStart) {
                    return new String(b, nameStart, j - nameStart, StandardCharsets.US_ASCII);
                }
            }
        }
        return null;
    }

    private static boolean isBlankOrComment(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '#') {
                return true;
            }
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\f') {
                return false;
            }
        }
        return true;
    }

    /** CPython's get_normal_name: spellings of utf-8 and latin-1 become "utf-8" and "iso-8859-1". */
    private static String normalName(String spec) {
        String s = spec.length() > 12 ? spec.substring(0, 12) : spec;
        s = s.replace('_', '-').toLowerCase(Locale.ROOT);
        if (s.equals("utf-8") || s.startsWith("utf-8-")) {
            return "utf-8";
        }
        if (s.equals("latin-1") || s.equals("iso-8859-1") || s.equals("iso-latin-1")
                || s.startsWith("latin-1-") || s.startsWith("iso-8859-1-") || s.startsWith("iso-latin-1-")) {
            return "iso-8859-1";
        }
        return spec;
    }

    /** The Java charset for a Python codec name, or "unknown encoding". */
    static Charset charsetFor(String name) {
        String python = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_");
        String alias = PYTHON_ALIASES.get(python);
        try {
            if (alias != null) {
                return Charset.forName(alias);
            }
            for (String candidate : new String[] {name, python, python.replace('_', '-')}) {
                if (Charset.isSupported(candidate)) {
                    return Charset.forName(candidate);
                }
            }
        } catch (IllegalArgumentException e) {
            // an illegal charset name is an unknown encoding too
        }
        throw new PythonSyntaxError("SyntaxError", "unknown encoding: " + name, 1, 1, 1, 1);
    }

    // ------------------------------------------------------------------ decoding

    private static void checkNullBytes(byte[] bytes, int start) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                int column = columnOf(bytes, lineStart, i) + 1;
                throw new PythonSyntaxError("SyntaxError", NULL_BYTES, line, column, line, column);
            }
            if (b == '\n' || b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
    }

    /**
     * UTF-8 as CPython reads it: undecodable bytes in a comment are tolerated; elsewhere they are an
     * error at the string literal that holds them, or at the character itself.
     */
    private static String decodeUtf8(byte[] bytes, int start) {
        // Fast path: the JDK's own decoder is several times quicker than a CharsetDecoder; it turns
        // bad bytes into U+FFFD, so only text without U+FFFD is known to have been valid.
        String fast = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) return fast;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        for (;;) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            int bad = in.position();
            Utf8Problem problem = locate(bytes, start, bad);
            if (!problem.inComment()) {
                throw problem.error();
            }
            out.put('\uFFFD');
            in.position(bad + result.length());
        }
        out.flip();
        return out.toString();
    }

    /** Where an undecodable byte sits, as CPython's tokenizer would meet it. */
    private static Utf8Problem locate(byte[] bytes, int start, int bad) {
        int lineStart = bad;
        while (lineStart > start && bytes[lineStart - 1] != '\n' && bytes[lineStart - 1] != '\r') {
            lineStart--;
        }
        int line = 1;
        for (int i = start; i < lineStart; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        // Scan the line up to the bad byte for a comment or an open string (single-line view).
        int quote = 0;
        int quoteStart = -1;
        int bodyStart = -1;
        int lineEnd = bad;
        for (int i = lineStart; i < bad; i++) {
            byte b = bytes[i];
            if (quote != 0) {
                if (b == '\\') {
                    i++;
                } else if (b == quote) {
                    quote = 0;
                }
            } else if (b == '#') {
                return new Utf8Problem(true, null);
            } else if (b == '\'' || b == '"') {
                quote = b;
                quoteStart = i;
                while (quoteStart > lineStart && Character.isLetter(bytes[quoteStart - 1])) {
                    quoteStart--;
                }
                bodyStart = i + 1;
            }
        }
        while (lineEnd < bytes.length && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
            lineEnd++;
        }
        if (quote != 0) {
            int bodyEnd = bodyStart;
            while (bodyEnd < lineEnd && bytes[bodyEnd] != quote) {
                bodyEnd += bytes[bodyEnd] == '\\' ? 2 : 1;
            }
            int column = columnOf(bytes, lineStart, quoteStart) + 1;
            String message = utf8Message(bytes, bad, Math.min(bodyEnd, lineEnd), bad - bodyStart);
            return new Utf8Problem(false, new PythonSyntaxError("SyntaxError", message, line, column, line, column));
        }
        int column = columnOf(bytes, lineStart, bad) + 1;
        String message = utf8Message(bytes, bad, lineEnd, 0);
        return new Utf8Problem(false, new PythonSyntaxError("SyntaxError", message, line, column, line, column));
    }

    private static int columnOf(byte[] bytes, int lineStart, int index) {
        String prefix = new String(bytes, lineStart, index - lineStart, StandardCharsets.UTF_8);
        return prefix.codePointCount(0, prefix.length());
    }

    /** Python's UTF-8 codec error text for the bad sequence at {@code bad}, decoding up to {@code end}. */
    private static String utf8Message(byte[] bytes, int bad, int end, int position) {
        int first = bytes[bad] & 0xFF;
        String reason;
        int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
        if (first < 0xC2 || first > 0xF4) {
            reason = "invalid start byte";
        } else {
            reason = "unexpected end of data";
            for (int i = 1; i < length; i++) {
                if (bad + i >= end) {
                    break;
                }
                int next = bytes[bad + i] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    reason = "invalid continuation byte";
                    break;
                }
                if (i == length - 1) {
                    reason = "invalid continuation byte";
                }
            }
        }
        return String.format("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s", first, position, reason);
    }

    private static String decodeStrict(byte[] bytes, int start, Charset charset, String name) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = firstUndecodable(bytes, start, charset);
            String codec = charset.equals(StandardCharsets.US_ASCII) ? "ascii" : charset.name().startsWith("windows-") ? "charmap" : name;
            String reason = charset.equals(StandardCharsets.US_ASCII) ? "ordinal not in range(128)"
                    : codec.equals("charmap") ? "character maps to <undefined>" : "illegal multibyte sequence";
            int line = 1;
            int lineStart = start;
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = bad - lineStart + 1;
            throw new PythonSyntaxError("SyntaxError", String.format("'%s' codec can't decode byte 0x%02x in position %d: %s",
                    codec, bytes[bad] & 0xFF, bad - start, reason), line, column, line, column);
        }
    }

    private static int firstUndecodable(byte[] bytes, int start, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    /** CRLF and lone CR become LF, as CPython's universal-newline reading does. */
    static String normaliseNewlines(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An undecodable byte: tolerated in a comment, otherwise the error CPython raises for it. */
    private record Utf8Problem(boolean inComment, PythonSyntaxError error) {}
}
