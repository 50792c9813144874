package dev.memlint.server;

import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

import java.util.List;
import java.util.Map;

/**
 * On a function's `def` line, what `memlint estimate` prints for it (peak formula, growth,
 * retained bytes, cycles), as Markdown: the same entry and the same text, in a code block.
 */
final class EstimateHover {
    private EstimateHover() {}

    /** The hover for a 0-based line, or null when no function is defined on it. */
    static Hover of(OpenDocument document, Analysis analysis, int line) {
        String name = document.path().getFileName().toString();
        List<Estimates.Entry> hits = analysis.estimates(name).stream().filter(e -> e.line() == line + 1).toList();
        if (hits.isEmpty()) return null;
        String text = Estimates.text(new Estimates.Output(Analysis.ESTIMATE_PYTHON, CollectorMode.DEFAULT.text(),
                Map.of(), hits));
        String markdown = "**memlint estimate** for `" + hits.get(0).qualname() + "`\n\n```text\n" + text + "```\n";
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown));
    }
}
