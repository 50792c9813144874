package dev.memlint.rule.memory;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.Edge;
import dev.memlint.memory.heap.ModuleIndex;
import dev.memlint.rule.RuleContext;
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

    /**
     * ", unless ..." naming the first base of the class (or of its module bases) that is defined
     * elsewhere and not a builtin: its methods are not analysed and may take the link apart (asyncio's
     * Task stores the cancellation error, and the base Future in futures.py clears it); "" when none.
     */
    static String unlessForeignBase(RuleContext ctx, ModuleIndex index, ModuleIndex.ClassInfo cls) {
        ModuleIndex.ClassInfo c = cls;
        for (int depth = 0; c != null && depth < 16; depth++) {
            ModuleIndex.ClassInfo next = null;
            for (Expr base : c.node().bases()) {
                Expr b = base instanceof Expr.Subscript x ? x.value() : base; // Generic[T]
                if (holdsNoState(ctx.model().qualifiedName(b))) continue;
                String name = b instanceof Expr.Name n ? n.id() : null;
                if (name != null && index.classNamed(name) != null) {
                    next = next == null ? index.classNamed(name) : next;
                } else if (name == null || ctx.model().symbol((Expr.Name) b) != null) { // unbound here: a builtin
                    return ", unless a method of its base `" + ctx.text(base) + "`, not analysed here, takes the link apart";
                }
            }
            c = next;
        }
        return "";
    }

    /** abc, typing and collections.abc bases (ABC, Generic, MutableMapping) set no attributes of their own. */
    private static boolean holdsNoState(String qualifiedName) {
        return qualifiedName != null && (qualifiedName.startsWith("abc.") || qualifiedName.startsWith("typing.")
                || qualifiedName.startsWith("typing_extensions.") || qualifiedName.startsWith("collections.abc."));
    }

    /** The statement that closes the cycle (the last of its references in source order). */
    static Located closing(Cycle cycle, Located fallback) {
        Located last = lastReference(cycle, o -> true);
        return last != null ? last : fallback;
    }

    /** The last in source order of the statements that made the cycle's references and pass the test; null when none. */
    static Located lastReference(Cycle cycle, java.util.function.Predicate<Located> where) {
        Located last = null;
        for (Edge e : cycle.edges()) {
            Located o = e.origin();
            if (o != null && where.test(o) && (last == null || o.pos().line() > last.pos().line()
                    || (o.pos().line() == last.pos().line() && o.pos().col() > last.pos().col()))) {
                last = o;
            }
        }
        return last;
    }
}
