package dev.memlint.memory.provenance;

import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.ast.Node;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;

/**
 * How many times a loop's body runs. A for loop or comprehension runs once per item of what it
 * iterates (a product over a comprehension's clauses); a while loop as often as the size its test
 * compares against ({@code while i < len(data)}, {@code while queue}, {@code while n > 0}); a
 * {@code while True} or a test on anything else runs an unknown number of times.
 */
final class LoopTrips {
    private final SemanticModel model;
    private final SizeProvenance sizes;

    LoopTrips(SemanticModel model, SizeProvenance sizes) {
        this.model = model;
        this.sizes = sizes;
    }

    Provenance of(Located loop) {
        if (loop instanceof Stmt.ForNode f) return sizes.size(f.iter());
        if (loop instanceof Stmt.While w) return whileTrips(w.test(), w);
        if (loop instanceof Expr.ListComp l) return clauses(l.generators());
        if (loop instanceof Expr.SetComp s) return clauses(s.generators());
        if (loop instanceof Expr.DictComp d) return clauses(d.generators());
        if (loop instanceof Expr.GeneratorExp g) return clauses(g.generators());
        return Provenance.UNKNOWN;
    }

    private Provenance clauses(List<Comprehension> generators) {
        Provenance p = Provenance.constant(1);
        for (Comprehension g : generators) p = p.times(sizes.size(g.iter()));
        return p;
    }

    /** The size a while loop's test measures progress against. */
    private Provenance whileTrips(Expr test, Stmt.While loop) {
        if (test instanceof Expr.Constant) return Provenance.UNKNOWN; // while True: until a break
        if (test instanceof Expr.BoolOp b) {
            Provenance p = null;
            for (Expr v : b.values()) {
                Provenance t = whileTrips(v, loop);
                if (p == null || t.kind().ordinal() < p.kind().ordinal()) p = t; // the tighter condition
            }
            return p;
        }
        if (test instanceof Expr.UnaryOp u && u.op() == UnaryOperator.Not) return Provenance.UNKNOWN;
        if (test instanceof Expr.Name n) return reboundIn(n, loop) ? Provenance.UNKNOWN : sizes.size(n); // while queue:
        if (test instanceof Expr.Attribute) return sizes.size(test);
        if (test instanceof Expr.Compare c && c.comparators().size() == 1) {
            CmpOp op = c.ops().get(0);
            if (op == CmpOp.Lt || op == CmpOp.LtE || op == CmpOp.Gt || op == CmpOp.GtE || op == CmpOp.NotEq) {
                return sizes.size(c.left()).join(sizes.size(c.comparators().get(0)));
            }
        }
        if (test instanceof Expr.Call c && model.isBuiltin(c.func(), "len")) return sizes.size(c);
        return Provenance.UNKNOWN;
    }

    /** while chunk: chunk = read(...): the test sees a new value each time, not one that shrinks. */
    private boolean reboundIn(Expr.Name n, Stmt.While loop) {
        Symbol s = model.symbol(n);
        if (s == null) return true;
        for (Binding b : s.bindings()) {
            if (b.kind() == Binding.Kind.ASSIGNMENT && isWithin(b.node(), loop)) return true;
        }
        return false;
    }

    private boolean isWithin(Node node, Node ancestor) {
        for (Node p = node; p != null; p = model.parent(p)) if (p == ancestor) return true;
        return false;
    }
}
