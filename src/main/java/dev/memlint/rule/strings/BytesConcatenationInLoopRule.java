package dev.memlint.rule.strings;

import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Costs;
import dev.memlint.semantic.PyType;

/** MEM202: a bytes object grown by concatenation inside a loop; bytes are never resized in place. */
@RuleMeta(code = "MEM202", name = "bytes-concatenation-in-loop", severity = Severity.WARNING,
        summary = "A bytes object is built by repeated concatenation in a loop, copying it on every step.",
        tags = {"memory", "performance"})
public final class BytesConcatenationInLoopRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.AugAssign.class, this::check);
        init.on(Stmt.Assign.class, this::check);
    }

    private void check(RuleContext ctx, Stmt stmt) {
        ConcatenationInLoop.Match m = ConcatenationInLoop.match(ctx.model(), stmt, PyType.BYTES);
        if (m == null) return;
        Costs.Verdict verdict = Costs.quadratic(Costs.runsIn(ctx, ConcatenationInLoop.growingLoops(ctx.model(), m)), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        ctx.report(stmt, "bytes `" + ctx.text(m.target()) + "` grows by " + m.description() + " in a loop, "
                        + "copying the whole object on every iteration (quadratic); use a bytearray, "
                        + "b\"\".join() or io.BytesIO")
                .cost(verdict.cost())
                .loop(m.loop());
    }
}
