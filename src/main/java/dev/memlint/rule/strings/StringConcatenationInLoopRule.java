package dev.memlint.rule.strings;

import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Costs;
import dev.memlint.semantic.PyType;

/**
 * MEM201: a str grown by concatenation inside a loop. A warning where every step copies the whole
 * string; a note for {@code s += x} on a plain local, which CPython (only) resizes in place.
 */
@RuleMeta(code = "MEM201", name = "string-concatenation-in-loop", severity = Severity.WARNING,
        summary = "A str is built by repeated concatenation in a loop, copying it on every step.",
        tags = {"memory", "performance"})
public final class StringConcatenationInLoopRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.AugAssign.class, this::check);
        init.on(Stmt.Assign.class, this::check);
    }

    private void check(RuleContext ctx, Stmt stmt) {
        ConcatenationInLoop.Match m = ConcatenationInLoop.match(ctx.model(), stmt, PyType.STR);
        if (m == null) return;
        String name = ctx.text(m.target());
        Costs.Size runs = Costs.runsIn(ctx, ConcatenationInLoop.growingLoops(ctx.model(), m));
        if (m.shape() == ConcatenationInLoop.Shape.IN_PLACE_LOCAL) {
            // Linear on CPython: worth a note only where the loop runs over data the program reads
            // (a file, a socket, a request); a parameter is mostly a short name, path or line.
            Costs.Verdict verdict = Costs.quadratic(runs, Costs.Unknown.SILENT);
            if (verdict.silent() || !Costs.isRead(runs)) return;
            ctx.report(stmt, "str `" + name + "` grows by " + m.description() + " in a loop; CPython resizes "
                            + "this local in place, other interpreters copy it on every iteration")
                    .severity(Severity.NOTE).cost(verdict.cost()).loop(m.loop());
        } else {
            Costs.Verdict verdict = Costs.quadratic(runs, Costs.Unknown.REPORT);
            if (verdict.silent()) return;
            ctx.report(stmt, "str `" + name + "` grows by " + m.description() + " in a loop, copying the whole "
                    + "string on every iteration (quadratic); collect the parts in a list and join them once")
                    .cost(verdict.cost()).loop(m.loop());
        }
    }
}
