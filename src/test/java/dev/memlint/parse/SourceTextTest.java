package dev.memlint.parse;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SourceText's column conversions, which jump to a checkpoint every 64 code points of a line,
 * against the plain scan from the line's start that they replace.
 */
class SourceTextTest {
    private static final String[] PIECES = {"a", "bc", " ", "é", "€", "\uD83D\uDE00", "\t", "x = 1; ", "\n", "\r\n",
        "ü", "#"};

    @Test
    void knownColumns() {
        SourceText s = new SourceText("é = '€'\nx\n");
        assertEquals(2, s.utf8Col(1, 1));
        assertEquals(10, s.utf8Col(1, 7)); // the whole line: é and € take 2 and 3 bytes
        assertEquals(5, s.codePointCol(1, 6)); // the byte after €
        assertEquals(8, s.offset(2, 0));
        assertEquals(7, s.codePointLength(1));
        assertEquals(1, s.codePointLength(2));
        assertEquals(true, s.isAsciiLine(2));
        assertEquals(false, s.isAsciiLine(1));
    }

    @Test
    void sameAsScanningFromTheLineStart() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(round < 20 ? 40 : 600);
            for (int i = 0; i < pieces; i++) {
                // Some texts are all ASCII, some have long lines with a few non-ASCII characters.
                String p = PIECES[random.nextInt(round % 3 == 0 ? 3 : PIECES.length)];
                b.append(p.equals("\n") && random.nextInt(4) > 0 ? "aa" : p);
            }
            String text = b.toString();
            SourceText s = new SourceText(text);
            for (int line = 1; line <= s.lineCount(); line++) {
                int lineCps = s.line(line).codePointCount(0, s.line(line).length());
                assertEquals(lineCps, s.codePointLength(line), "text " + round + " line " + line);
                for (int col = -2; col <= lineCps + 3; col++) {
                    String where = "text " + round + " line " + line + " column " + col;
                    assertEquals(Naive.utf8Col(s, line, col), s.utf8Col(line, col), where);
                    assertEquals(Naive.codePointCol(s, line, col), s.codePointCol(line, col), where);
                    if (col >= 0 && col <= lineCps) assertEquals(Naive.offset(s, line, col), s.offset(line, col), where);
                }
            }
        }
    }

    /** The conversions as they were: each a scan from the start of the line. */
    private static final class Naive {
        static int lineStart(SourceText s, int line) {
            int start = 0;
            for (int l = 1; l < line; l++) {
                int nl = s.text().indexOf('\n', start);
                int cr = s.text().indexOf('\r', start);
                int brk = cr >= 0 && (nl < 0 || cr < nl) ? cr : nl;
                start = brk + (s.text().startsWith("\r\n", brk) ? 2 : 1);
            }
            return start;
        }

        static int utf8Col(SourceText s, int line, int codePointCol) {
            String text = s.text();
            int bytes = 0;
            int i = lineStart(s, line);
            for (int cp = 0; cp < codePointCol && i < text.length(); cp++) {
                int c = text.codePointAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                i += Character.charCount(c);
            }
            return bytes;
        }

        static int codePointCol(SourceText s, int line, int utf8Col) {
            String text = s.text();
            int i = lineStart(s, line);
            int end = line < s.lineCount() ? lineStart(s, line + 1) : text.length();
            int bytes = 0;
            int cps = 0;
            while (bytes < utf8Col && i < end) {
                int c = text.codePointAt(i);
                if (c == '\n' || c == '\r') break;
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                i += Character.charCount(c);
                cps++;
            }
            return cps + Math.max(0, utf8Col - bytes);
        }

        static int offset(SourceText s, int line, int codePointCol) {
            return s.text().offsetByCodePoints(lineStart(s, line), codePointCol);
        }
    }
}
