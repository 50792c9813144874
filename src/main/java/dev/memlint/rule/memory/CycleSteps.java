package dev.memlint.rule.memory;

import dev.memlint.ast.Located;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.Edge;
import dev.memlint.rule.FindingBuilder;

import java.util.ArrayList;
import java.util.List;

/** Turns the references of a cycle into the flow steps of a finding. */
final class CycleSteps {
    private CycleSteps() {}

    static void addSteps(FindingBuilder finding, Cycle cycle) {
        List<Located> done = new ArrayList<>();
        for (Edge e : cycle.edges()) {
            if (e.origin() == null || done.contains(e.origin())) {
                continue;
            }
            done.add(e.origin());
            finding.step(e.origin(), e.from().describe() + " refers to " + e.to().describe() + " (" + e.label() + ")");
        }
    }

    /** The statement that closes the cycle (the last of its references in source order). */
    static Located closing(Cycle cycle, Located fallback) {
        Located last = null;
        for (Edge e : cycle.edges()) {
            Located o = e.origin();
            if (o != null && (last == null || o.pos().line() > last.pos().line()
                    || (o.pos().line() == last.pos().line() && o.pos().col() > last.pos().col()))) {
                last = o;
            }
        }
        return last != null ? last : fallback;
    }
}
