package dev.memlint.rule.indexing;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.math.BigInteger;

/**
 * MEM401: {@code for i in range(len(a))} where i is only ever used as {@code a[i]}: iterating a
 * itself does the same work without the index arithmetic and lookups.
 */
@RuleMeta(code = "MEM401", name = "range-len-index-only", severity = Severity.NOTE,
        summary = "A loop over range(len(a)) uses its index only to read a[i]; iterate over a directly.",
        tags = {"performance", "readability"})
public final class RangeLenIndexOnlyRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.ForNode.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.ForNode loop) {
        SemanticModel model = ctx.model();
        if (!(loop.target() instanceof Expr.Name index)) return;
        Expr seq = rangeLenArgument(model, loop.iter());
        if (seq == null || model.typeOf(seq) == PyType.DICT) return;
        // for i in range(len(self)): yield self[i] — often how the class defines iteration itself.
        if (model.selfClass(seq) != null) return;
        Symbol sym = model.symbol(index);
        if (sym == null || sym.bindings().size() != 1) return; // i reused elsewhere: keep quiet
        int reads = 0;
        for (Expr.Name use : sym.uses()) {
            if (!isIndexOf(model, use, seq) || !insideBody(model, use, loop)) return;
            reads++;
        }
        if (reads == 0) return;
        for (Stmt s : loop.body()) if (Mutations.mutates(s, e -> Mutations.sameReference(e, seq))) return;
        String a = ctx.text(seq);
        ctx.report(loop.iter(), "`" + index.id() + "` only indexes `" + a + "`; iterate over `" + a
                + "` directly (`for item in " + a + ":`)");
    }

    /** a of range(len(a)) or range(0, len(a)), when a is a name or attribute chain. */
    private static Expr rangeLenArgument(SemanticModel model, Expr iter) {
        if (!(iter instanceof Expr.Call r) || !model.isBuiltin(r.func(), "range") || !r.keywords().isEmpty()) return null;
        Expr len;
        if (r.args().size() == 1) len = r.args().get(0);
        else if (r.args().size() == 2 && r.args().get(0) instanceof Expr.Constant c
                && BigInteger.ZERO.equals(c.value())) len = r.args().get(1);
        else return null;
        if (!(len instanceof Expr.Call l) || !model.isBuiltin(l.func(), "len") || l.args().size() != 1) return null;
        Expr a = l.args().get(0);
        return a instanceof Expr.Name || a instanceof Expr.Attribute ? a : null;
    }

    private static boolean isIndexOf(SemanticModel model, Expr.Name use, Expr seq) {
        return model.parent(use) instanceof Expr.Subscript s && s.slice() == use && s.ctx() == Ctx.Load
                && Mutations.sameReference(s.value(), seq);
    }

    private static boolean insideBody(SemanticModel model, Node use, Stmt.ForNode loop) {
        Node child = use;
        for (Node p = model.parent(use); p != null; child = p, p = model.parent(p)) {
            if (p == loop) return SemanticModel.contains(loop.body(), child);
        }
        return false;
    }
}
