package dev.memlint.parse;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Converts the text of NUMBER, STRING and FSTRING_MIDDLE/TSTRING_MIDDLE tokens into the values
 * CPython's parser puts into {@code Constant} nodes, with CPython's error messages.
 *
 * <p>String decoding follows CPython's: newlines are normalised first (its tokenizer turns
 * {@code \r\n} and {@code \r} into {@code \n}); a str body is then rewritten the way CPython feeds
 * it to the 'unicodeescape' codec (every non-ASCII character as a {@code \U........} escape, a
 * backslash before one as {@code \u005c}), so that "position a-b" in error messages counts what
 * CPython counts.
 */
public final class Literals {
    private Literals() {}

    // ---------------------------------------------------------------- numbers

    /**
     * CPython's limit on the digits of a decimal int literal (sys.int_info.default_max_str_digits,
     * in every release from 3.8.14 / 3.9.14 / 3.10.7 / 3.11 on): a longer one is a SyntaxError.
     * Literals in a power-of-two base have no limit.
     */
    public static final int MAX_DECIMAL_DIGITS = 4300;

    /** A decimal int literal with more than {@link #MAX_DECIMAL_DIGITS} digits (not counting underscores). */
    public static final class TooManyDigits extends RuntimeException {
        private final int digits;

        TooManyDigits(int digits) {
            super(null, null, false, false);
            this.digits = digits;
        }

        public int digits() { return digits; }
    }

    /**
     * The value of a NUMBER token: BigInteger (int in any base), Double (float, correctly rounded
     * like CPython's; too large gives infinity) or {@link Complex} (imaginary literal). Takes time
     * linear in the length of the literal.
     *
     * @throws TooManyDigits for a decimal int literal over CPython's limit
     */
    public static Object number(String tokenText) {
        String t = tokenText.replace("_", "");
        char last = t.charAt(t.length() - 1);
        if (last == 'j' || last == 'J') {
            return new Complex(0.0, Double.parseDouble(t.substring(0, t.length() - 1)));
        }
        if (t.length() > 1 && t.charAt(0) == '0') {
            switch (Character.toLowerCase(t.charAt(1))) {
                case 'x': return powerOfTwoBase(t, 4);
                case 'o': return powerOfTwoBase(t, 3);
                case 'b': return powerOfTwoBase(t, 1);
                default: break;
            }
        }
        if (t.indexOf('.') >= 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            return Double.parseDouble(t);
        }
        int leadingZeros = 0;
        while (leadingZeros < t.length() && t.charAt(leadingZeros) == '0') leadingZeros++;
        // Only 0, 00... may start with 0; CPython reads those without counting digits.
        int digits = t.length() - leadingZeros;
        if (digits > MAX_DECIMAL_DIGITS) throw new TooManyDigits(digits);
        if (digits <= 3) {
            int value = digits == 0 ? 0 : Integer.parseInt(t, leadingZeros, t.length(), 10);
            if (value < SMALL_INTS.length) return SMALL_INTS[value];
        }
        return new BigInteger(t);
    }

    /** 0 to 255, shared: the commonest literals, each a BigInteger and an array otherwise. */
    private static final BigInteger[] SMALL_INTS = new BigInteger[256];

    static {
        for (int i = 0; i < SMALL_INTS.length; i++) SMALL_INTS[i] = BigInteger.valueOf(i);
    }

    /**
     * The int whose digits follow the 2-character prefix of {@code literal}, each digit worth
     * {@code bitsPerDigit} bits: the magnitude's bytes are filled from the last digit on, in one
     * pass (BigInteger's string constructor takes quadratic time on long literals).
     */
    private static BigInteger powerOfTwoBase(String literal, int bitsPerDigit) {
        int first = 2;
        long bits = (long) (literal.length() - first) * bitsPerDigit;
        byte[] magnitude = new byte[(int) ((bits + 7) / 8)];
        int next = magnitude.length; // fills downwards: big-endian
        int pending = 0;
        int pendingBits = 0;
        for (int i = literal.length() - 1; i >= first; i--) {
            pending |= hexDigitValue(literal.charAt(i)) << pendingBits;
            pendingBits += bitsPerDigit;
            if (pendingBits >= 8) {
                magnitude[--next] = (byte) pending;
                pending >>>= 8;
                pendingBits -= 8;
            }
        }
        if (pendingBits > 0) magnitude[--next] = (byte) pending;
        return new BigInteger(1, magnitude);
    }

    /** The value of an ASCII digit of base 2, 8 or 16 (the lexer let only those through). */
    private static int hexDigitValue(char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    // ---------------------------------------------------------------- strings

    /** The prefix letters of a STRING / FSTRING_START token text ("rb", "u", "" ...). */
    public static String prefix(String tokenText) {
        int i = 0;
        while (i < tokenText.length() && tokenText.charAt(i) != '\'' && tokenText.charAt(i) != '"') i++;
        return tokenText.substring(0, i);
    }

    public static boolean isRaw(String prefix) {
        return prefix.indexOf('r') >= 0 || prefix.indexOf('R') >= 0;
    }

    public static boolean isBytes(String prefix) {
        return prefix.indexOf('b') >= 0 || prefix.indexOf('B') >= 0;
    }

    /** The Constant kind of a STRING token: "u" for u-prefixed strings, otherwise null. */
    public static String kind(String tokenText) {
        String p = prefix(tokenText);
        return p.indexOf('u') >= 0 || p.indexOf('U') >= 0 ? "u" : null;
    }

    /**
     * The value of a STRING token (prefix, quotes and body as in the source): a String, or
     * {@link Bytes} for a bytes literal.
     *
     * @param line   1-based line of the token, for errors
     * @param column 1-based column (code points) of the token start, for errors
     */
    public static Object string(String tokenText, int line, int column) {
        String prefix = prefix(tokenText);
        String rest = tokenText.substring(prefix.length());
        int quoteLen = rest.length() >= 6 && (rest.startsWith("'''") || rest.startsWith("\"\"\"")) ? 3 : 1;
        String body = normaliseNewlines(rest.substring(quoteLen, rest.length() - quoteLen));
        boolean raw = isRaw(prefix);
        if (isBytes(prefix)) {
            return new Bytes(decodeBytes(body, raw, line, column));
        }
        return raw ? body : decodeStr(body, line, column);
    }

    /**
     * The text of an f-string or t-string literal part (an FSTRING_MIDDLE / TSTRING_MIDDLE token:
     * the source slice, with {@code {{} and {@code }}} still doubled and escapes undecoded).
     * Like CPython, each doubled brace ends a piece that is decoded on its own.
     *
     * @param raw whether the string's prefix has r/R
     */
    public static String fstringMiddle(String text, boolean raw, int line, int column) {
        String src = normaliseNewlines(text);
        StringBuilder out = new StringBuilder(src.length());
        StringBuilder piece = new StringBuilder();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < n && src.charAt(i + 1) == c) {
                piece.append(c);
                out.append(raw ? piece : decodeStr(piece.toString(), line, column));
                piece.setLength(0);
                i += 2;
            } else if (c == '\\' && !raw && i + 2 < n && src.charAt(i + 1) == 'N' && src.charAt(i + 2) == '{') {
                // A named escape's braces are not replacement-field braces.
                int close = src.indexOf('}', i + 3);
                int end = close < 0 ? n : close + 1;
                piece.append(src, i, end);
                i = end;
            } else if (c == '\\' && i + 1 < n && src.charAt(i + 1) != '{' && src.charAt(i + 1) != '}') {
                piece.append(src, i, i + 2);
                i += 2;
            } else {
                piece.append(c);
                i++;
            }
        }
        out.append(raw ? piece : decodeStr(piece.toString(), line, column));
        return out.toString();
    }

    private static String normaliseNewlines(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** CPython's str escape decoding ('unicodeescape' over its ASCII rewrite of the body). */
    private static String decodeStr(String body, int line, int column) {
        if (body.indexOf('\\') < 0) return body;
        String s = asciiRewrite(body);
        StringBuilder out = new StringBuilder(body.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++; // past the backslash; the rewrite guarantees a character follows
            char e = s.charAt(i++);
            switch (e) {
                case '\n': break;
                case '\\': out.append('\\'); break;
                case '\'': out.append('\''); break;
                case '"': out.append('"'); break;
                case 'a': out.append('\u0007'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'v': out.append('\u000b'); break;
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < n && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                        v = v * 8 + (s.charAt(i++) - '0');
                    }
                    out.append((char) v);
                    break;
                }
                case 'x': case 'u': case 'U': {
                    int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    String what = e == 'x' ? "truncated \\xXX escape"
                            : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                    int v = 0;
                    for (int k = 0; k < count; k++) {
                        int d = i < n ? Character.digit(s.charAt(i), 16) : -1;
                        if (d < 0) throw unicodeError(start, i, what, line, column);
                        v = v * 16 + d;
                        i++;
                    }
                    if (v > Character.MAX_CODE_POINT || v < 0) {
                        throw unicodeError(start, i, "illegal Unicode character", line, column);
                    }
                    out.appendCodePoint(v);
                    break;
                }
                case 'N': {
                    String malformed = "malformed \\N character escape";
                    if (i >= n || s.charAt(i) != '{') throw unicodeError(start, i, malformed, line, column);
                    int close = s.indexOf('}', i + 1);
                    if (close < 0) throw unicodeError(start, n, malformed, line, column);
                    if (close == i + 1) throw unicodeError(start, close, malformed, line, column);
                    int cp = lookupName(s.substring(i + 1, close));
                    i = close + 1;
                    if (cp < 0) throw unicodeError(start, i, "unknown Unicode character name", line, column);
                    out.appendCodePoint(cp);
                    break;
                }
                default:
                    out.append('\\').append(e); // unknown escapes keep their backslash
            }
        }
        return out.toString();
    }

    /** Non-ASCII as \U........; a backslash before non-ASCII or at the end as \u005c (CPython's rewrite). */
    private static String asciiRewrite(String body) {
        StringBuilder b = new StringBuilder(body.length() + 16);
        int i = 0;
        int n = body.length();
        while (i < n) {
            int cp = body.codePointAt(i);
            if (cp == '\\') {
                b.append('\\');
                i++;
                if (i >= n || body.charAt(i) >= 0x80) b.append("u005c");
                else b.append(body.charAt(i++));
            } else if (cp >= 0x80) {
                b.append(String.format(Locale.ROOT, "\\U%08x", cp));
                i += Character.charCount(cp);
            } else {
                b.append((char) cp);
                i++;
            }
        }
        return b.toString();
    }

    private static PythonSyntaxError unicodeError(int start, int end, String what, int line, int column) {
        return new PythonSyntaxError("(unicode error) 'unicodeescape' codec can't decode bytes in position "
                + start + "-" + (end - 1) + ": " + what, line, column);
    }

    /** CPython's bytes escape decoding; the body must be ASCII. */
    private static byte[] decodeBytes(String body, boolean raw, int line, int column) {
        for (int k = 0; k < body.length(); k++) {
            if (body.charAt(k) >= 0x80) {
                throw new PythonSyntaxError("bytes can only contain ASCII literal characters", line, column);
            }
        }
        int n = body.length();
        if (raw || body.indexOf('\\') < 0) {
            return body.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 0;
        while (i < n) {
            char c = body.charAt(i++);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i >= n) { // unreachable for a STRING token; keep the backslash
                out.write('\\');
                break;
            }
            char e = body.charAt(i++);
            switch (e) {
                case '\n': break;
                case '\\': case '\'': case '"': out.write(e); break;
                case 'a': out.write(7); break;
                case 'b': out.write(8); break;
                case 'f': out.write(12); break;
                case 'n': out.write(10); break;
                case 'r': out.write(13); break;
                case 't': out.write(9); break;
                case 'v': out.write(11); break;
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < n && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
                        v = v * 8 + (body.charAt(i++) - '0');
                    }
                    out.write(v & 0xFF);
                    break;
                }
                case 'x': {
                    int d1 = i < n ? Character.digit(body.charAt(i), 16) : -1;
                    int d2 = i + 1 < n ? Character.digit(body.charAt(i + 1), 16) : -1;
                    if (d1 < 0 || d2 < 0) {
                        throw new PythonSyntaxError("(value error) invalid \\x escape at position " + (i - 2),
                                line, column);
                    }
                    out.write(d1 * 16 + d2);
                    i += 2;
                    break;
                }
                default:
                    out.write('\\');
                    out.write(e);
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- \N{...} names

    private static final String[] JAMO_L = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J",
        "JJ", "C", "K", "T", "P", "H"};
    private static final String[] JAMO_V = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
        "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
    private static final String[] JAMO_T = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
        "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};
    private static final String HANGUL = "HANGUL SYLLABLE ";
    private static final String CJK = "CJK UNIFIED IDEOGRAPH-";

    /** Names that Java's Character.codePointOf does not know: aliases and Hangul syllables. */
    private static final class Tables {
        static final Map<String, Integer> EXTRA = load();

        private static Map<String, Integer> load() {
            Map<String, Integer> map = new HashMap<>();
            try (InputStream in = Literals.class.getResourceAsStream("unicode-name-aliases.txt");
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    int semi = l.indexOf(';');
                    map.put(l.substring(semi + 1), Integer.parseInt(l.substring(0, semi), 16));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int cp = 0xAC00;
            for (String l : JAMO_L) {
                for (String v : JAMO_V) {
                    for (String t : JAMO_T) map.put(HANGUL + l + v + t, cp++);
                }
            }
            return map;
        }
    }

    /** The code point CPython's {@code \N{name}} gives (names match case-insensitively), or -1. */
    static int lookupName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        Integer extra = Tables.EXTRA.get(upper);
        if (extra != null) return extra;
        if (upper.startsWith(CJK) && upper.length() <= CJK.length() + 5) {
            try {
                int cp = Integer.parseInt(upper.substring(CJK.length()), 16);
                String javaName = Character.isValidCodePoint(cp) ? Character.getName(cp) : null;
                return javaName != null && javaName.startsWith("CJK UNIFIED IDEOGRAPHS") ? cp : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (!upper.equals(upper.strip()) || upper.isEmpty()) return -1;
        int cp;
        try {
            cp = Character.codePointOf(upper);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        // Java also names controls (Unicode 1.0 names) and unnamed range members ("BLOCK 4E00"): CPython does not.
        if (Character.getType(cp) == Character.CONTROL || !upper.equals(Character.getName(cp))) return -1;
        if (upper.endsWith(" " + Integer.toHexString(cp).toUpperCase(Locale.ROOT))) return -1;
        return cp;
    }
}
