package dev.memlint.rule;

import dev.memlint.parse.SourceText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the fixes of findings to a text. Fixes whose edits overlap an already chosen one are left
 * for the next round (the caller re-checks the fixed text and applies again).
 */
public final class FixApplier {
    /** The new text and the codes of the findings whose fixes went into it. */
    public record Result(String text, List<String> codes) {
        public int applied() {
            return codes.size();
        }
    }

    private record Span(int start, int end, String replacement) {}

    private FixApplier() {}

    /** Applies every SAFE fix, and the UNSAFE ones too when unsafe is true. */
    public static Result apply(SourceText source, List<Finding> findings, boolean unsafe) {
        List<String> chosen = new ArrayList<>();
        List<Span> taken = new ArrayList<>();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding f) -> f.range().line()).thenComparingInt(f -> f.range().column()));
        for (Finding f : sorted) {
            Fix fix = f.fix();
            if (fix == null || fix.edits().isEmpty()) continue;
            if (fix.applicability() == Fix.Applicability.UNSAFE && !unsafe) continue;
            List<Span> spans = new ArrayList<>();
            for (Edit e : fix.edits()) {
                TextRange r = e.range();
                spans.add(new Span(source.offset(r.line(), r.column() - 1), source.offset(r.endLine(), r.endColumn() - 1),
                        e.replacement()));
            }
            if (spans.stream().anyMatch(s -> taken.stream().anyMatch(t -> s.start() < t.end() && t.start() < s.end()))) continue;
            taken.addAll(spans);
            chosen.add(f.code());
        }
        taken.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder text = new StringBuilder(source.text());
        for (Span s : taken) text.replace(s.start(), s.end(), s.replacement());
        return new Result(text.toString(), chosen);
    }
}
