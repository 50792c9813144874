package dev.memlint.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a source file's bytes wrap its decoded text: a UTF-8 byte order mark or not, and one kind of
 * line ending. A fixed text is written back the same way, so that --fix changes only what a fix
 * changes. Files that cannot be rebuilt from their text byte for byte (mixed line endings, another
 * encoding) are not rewritten; reason() says why.
 */
record SourceLayout(boolean bom, String lineEnding, String reason) {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The layout of content, whose decoded text (BOM dropped, line endings made \n) is text. */
    static SourceLayout of(byte[] content, String text) {
        boolean bom = content.length >= 3 && Arrays.equals(content, 0, 3, BOM, 0, 3);
        int crlf = 0, lf = 0, cr = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r') {
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    crlf++;
                    i++;
                } else {
                    cr++;
                }
            } else if (content[i] == '\n') {
                lf++;
            }
        }
        int kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
        if (kinds > 1) return new SourceLayout(bom, null, "mixed line endings");
        String ending = crlf > 0 ? "\r\n" : cr > 0 ? "\r" : "\n";
        SourceLayout layout = new SourceLayout(bom, ending, null);
        if (!Arrays.equals(layout.encode(text), content)) {
            return new SourceLayout(bom, null, "not UTF-8 (a coding declaration names another encoding)");
        }
        return layout;
    }

    boolean writable() {
        return reason == null;
    }

    /** The bytes of a (fixed) text in this layout. */
    byte[] encode(String text) {
        String body = lineEnding.equals("\n") ? text : text.replace("\n", lineEnding);
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        if (!bom) return utf8;
        byte[] out = new byte[utf8.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(utf8, 0, out, 3, utf8.length);
        return out;
    }
}
