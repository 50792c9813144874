package dev.memlint.rule.memory;

import dev.memlint.ast.Located;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.rule.FindingBuilder;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;

/**
 * MEM601: a function leaves objects that point at one another and at nothing else alive: only the
 * cyclic garbage collector frees them, later, in a pause. Also a class whose __init__ makes every
 * instance refer to itself (a bound method or closure stored on it).
 */
@RuleMeta(code = "MEM601", name = "reference-cycle", severity = Severity.WARNING,
        summary = "Objects left in a reference cycle are freed only by the cyclic garbage collector.",
        tags = {"memory", "gc"})
public final class ReferenceCycleRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        ModuleMemory memory = ModuleMemory.of(ctx.model().module());
        for (ModuleMemory.SelfCycle sc : memory.selfCycles()) {
            Located at = CycleSteps.closing(sc.cycle(), sc.owner().node());
            FindingBuilder f = ctx.report(at, "every `" + sc.owner().name() + "` instance refers to itself ("
                    + sc.cycle().describe() + "), so each one is freed only by the cyclic garbage collector");
            CycleSteps.addSteps(f, sc.cycle());
        }
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            for (Cycle c : r.cycles()) {
                if (c.returned() || memory.isSelfCycleOfClass(c)) {
                    continue; // a returned structure is the caller's; a self-cyclic class is reported once
                }
                Stmt.FunctionNode fn = r.function();
                Located at = CycleSteps.closing(c, fn);
                if (!contains(fn, at)) {
                    at = lastSiteIn(fn, c); // the cycle was closed by a callee: point at the call here
                }
                FindingBuilder f = ctx.report(at, "`" + r.qualname() + "` leaves a reference cycle ("
                        + c.describe() + "): it is freed only by the cyclic garbage collector");
                CycleSteps.addSteps(f, c);
            }
        }
    }

    private static Located lastSiteIn(Stmt.FunctionNode fn, Cycle c) {
        Located best = fn;
        for (var site : c.sites()) {
            Located n = site.node();
            if (n != null && contains(fn, n) && (best == fn || n.pos().line() > best.pos().line())) {
                best = n;
            }
        }
        return best;
    }

    private static boolean contains(Stmt.FunctionNode fn, Located node) {
        var p = node.pos();
        var q = fn.pos();
        return p.line() >= q.line() && p.endLine() <= q.endLine();
    }
}
