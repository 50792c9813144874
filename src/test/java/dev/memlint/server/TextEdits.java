package dev.memlint.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies LSP text edits (0-based lines, UTF-16 columns, all relative to the original text) as an editor does. */
final class TextEdits {
    private TextEdits() {}

    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> offset(text, e.getRange().getStart())).reversed());
        StringBuilder b = new StringBuilder(text);
        for (TextEdit e : sorted) {
            b.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
        }
        return b.toString();
    }

    private static int offset(String text, Position p) {
        int index = 0;
        for (int line = 0; line < p.getLine(); line++) index = text.indexOf('\n', index) + 1;
        return index + p.getCharacter();
    }
}
