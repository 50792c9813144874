package dev.memlint.rule.laziness;

import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.support.Costs;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Blocks;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.PyType;

import java.util.List;

/**
 * MEM305: {@code for line in f.readlines()} or {@code for line in f.read().splitlines()}: the whole
 * file is read into memory, while the file object itself yields one line at a time.
 */
@RuleMeta(code = "MEM305", name = "readlines-iterated", severity = Severity.WARNING,
        summary = "A whole file is read into a list of lines only to be iterated once; iterate the file object.",
        tags = {"memory"})
public final class ReadlinesIteratedRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.ForNode.class, (ctx, loop) -> check(ctx, loop.iter(), loop.body()));
        init.on(Comprehension.class, (ctx, c) -> check(ctx, c.iter(), List.of(ctx.model().parent(c))));
    }

    private void check(RuleContext ctx, Expr iter, List<? extends Node> body) {
        if (iter instanceof Expr.Name n) {
            linesReadJustBefore(ctx, n);
            return;
        }
        if (!(iter instanceof Expr.Call call) || !(call.func() instanceof Expr.Attribute m)
                || !call.args().isEmpty() || !call.keywords().isEmpty()) return;
        if (m.attr().equals("readlines") && ctx.model().typeOf(m.value()) == PyType.FILE) {
            Expr file = m.value();
            boolean usesFile = body.stream().anyMatch(b -> mentions(b, file));
            Costs.Verdict verdict = wholeFile(ctx, iter);
            if (verdict.silent()) return;
            ctx.report(iter, "readlines() reads the whole file into a list first; iterating the file object "
                            + "yields the same lines one at a time")
                    .severity(verdict.severity()).cost(verdict.cost())
                    .fix("Iterate the file object", usesFile ? Fix.Applicability.UNSAFE : Fix.Applicability.SAFE,
                            ctx.replace(iter, ctx.text(file)));
        } else if (m.attr().equals("splitlines") && m.value() instanceof Expr.Call read
                && read.func() instanceof Expr.Attribute r && r.attr().equals("read") && read.args().isEmpty()
                && ctx.model().typeOf(r.value()) == PyType.FILE) {
            Costs.Verdict verdict = wholeFile(ctx, iter);
            if (verdict.silent()) return;
            ctx.report(iter, "read().splitlines() holds the whole file and a list of all its lines; iterating "
                    + "the file object yields one line at a time (strip the newline with rstrip(\"\\n\"))")
                    .severity(verdict.severity()).cost(verdict.cost());
        }
    }

    /**
     * {@code lines = f.readlines()} followed at once by {@code for line in lines:}, with lines used
     * nowhere else: the list only feeds the loop, which could read the still open file itself.
     */
    private void linesReadJustBefore(RuleContext ctx, Expr.Name iter) {
        var sym = ctx.model().symbol(iter);
        if (sym == null || sym.bindings().size() != 1 || sym.uses().size() != 1 || !sym.scope().isFunctionLike()
                || !(sym.bindings().get(0).node() instanceof Stmt.Assign a) || a.targets().size() != 1
                || !(a.value() instanceof Expr.Call call) || !call.args().isEmpty() || !call.keywords().isEmpty()
                || !(call.func() instanceof Expr.Attribute m) || !m.attr().equals("readlines")
                || ctx.model().typeOf(m.value()) != PyType.FILE) return;
        Node loop = ctx.model().parent(iter);
        List<Stmt> block = Blocks.containing(ctx.model().parent(a), a);
        int at = block == null ? -1 : Blocks.indexOf(block, a);
        if (!(loop instanceof Stmt.ForNode) || at < 0 || at + 1 >= block.size() || block.get(at + 1) != loop) return;
        Costs.Verdict verdict = wholeFile(ctx, a.value());
        if (verdict.silent()) return;
        ctx.report(a.value(), "readlines() reads the whole file into `" + iter.id() + "` only for the next loop to "
                        + "iterate it once; iterate the file object, which yields the same lines one at a time")
                .severity(verdict.severity()).cost(verdict.cost());
    }

    /** A whole file read is input-driven by nature (unless the read is sized: f.read(64)). */
    private static Costs.Verdict wholeFile(RuleContext ctx, Expr iter) {
        return Costs.linear("holds every line of the file at once", new Costs.Size(
                SizeProvenance.of(ctx.model()).size(iter), "the file's size"), Costs.Unknown.REPORT);
    }

    private static boolean mentions(Node region, Expr file) {
        boolean[] found = {false};
        NodeChildren.walk(region, n -> {
            if (n instanceof Expr e && Mutations.sameReference(e, file)) found[0] = true;
        });
        return found[0];
    }
}
