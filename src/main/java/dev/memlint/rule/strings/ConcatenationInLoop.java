package dev.memlint.rule.strings;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

/**
 * Recognises a str/bytes accumulator grown inside a loop: {@code t += x}, {@code t = t + x (+ y)}
 * or {@code t = x + t}, where t is a name, a {@code self} attribute or a container slot with a fixed
 * key, of the wanted type, that the loop does not reset on each iteration.
 */
final class ConcatenationInLoop {
    /** How the accumulation is written. */
    enum Shape {
        /** {@code s += x} or {@code s = s + x} on a plain function local: CPython resizes it in place. */
        IN_PLACE_LOCAL,
        /** Every other shape: a new object and a full copy per step. */
        COPYING
    }

    record Match(Expr target, dev.memlint.ast.Located loop, Shape shape, String description) {}

    private ConcatenationInLoop() {}

    static Match match(SemanticModel model, Stmt stmt, PyType wanted) {
        Expr target;
        boolean singleAppend;
        String how;
        if (stmt instanceof Stmt.AugAssign a && a.op() == Operator.Add) {
            target = a.target();
            singleAppend = true;
            how = "+=";
        } else if (stmt instanceof Stmt.Assign a && a.targets().size() == 1 && a.value() instanceof Expr.BinOp op
                && op.op() == Operator.Add) {
            target = a.targets().get(0);
            if (same(model, op.left(), target)) {
                singleAppend = true;
                how = "concatenation";
            } else if (same(model, leftmost(op), target)) {
                singleAppend = false;
                how = "concatenation of several parts";
            } else if (same(model, op.right(), target)) {
                singleAppend = false;
                how = "prepending";
            } else return null;
        } else return null;

        dev.memlint.ast.Located loop = model.enclosingLoop(stmt);
        if (loop == null) return null;
        if (target instanceof Expr.Subscript slot) {
            if (!SubscriptAccumulator.matches(model, slot, loop, wanted)) return null;
        } else if (!(target instanceof Expr.Name) && !(target instanceof Expr.Attribute) || typeOf(model, target) != wanted) {
            return null;
        }
        if (resetInLoop(model, target, loop, stmt)) return null;
        Shape shape = singleAppend && target instanceof Expr.Name n && isPlainFastLocal(model, n)
                ? Shape.IN_PLACE_LOCAL : Shape.COPYING;
        return new Match(target, loop, shape, how);
    }

    /**
     * The loops whose iterations all add to one accumulator: from the innermost out to (not
     * including) a loop that sets the accumulator afresh, which starts a new one each time.
     */
    static java.util.List<dev.memlint.ast.Located> growingLoops(SemanticModel model, Match m) {
        java.util.List<dev.memlint.ast.Located> loops = new java.util.ArrayList<>();
        for (dev.memlint.ast.Located l = m.loop(); l != null; l = model.enclosingLoop(l)) {
            if (m.target() instanceof Expr.Name n && setsAfresh(model, n, l)) break;
            loops.add(l);
        }
        return loops;
    }

    private static boolean setsAfresh(SemanticModel model, Expr.Name n, Node loop) {
        for (Binding b : model.symbol(n).bindings()) {
            if (b.kind() == Binding.Kind.AUG_ASSIGNMENT) continue;
            if (b.node() instanceof Stmt.Assign a && isAccumulation(model, a, n)) continue;
            if (model.isWithin(b.node(), loop)) return true;
        }
        return false;
    }

    private static PyType typeOf(SemanticModel model, Expr target) {
        if (target instanceof Expr.Name n) {
            return model.typeOf(n); // the type the bindings that reach this statement give it
        }
        return model.attributeType((Expr.Attribute) target);
    }

    private static Expr leftmost(Expr.BinOp op) {
        Expr left = op.left();
        while (left instanceof Expr.BinOp l && l.op() == Operator.Add) left = l.left();
        return left;
    }

    /** Whether e denotes the accumulator target: the same symbol, or self.attr with the same attr. */
    private static boolean same(SemanticModel model, Expr e, Expr target) {
        if (e instanceof Expr.Name n && target instanceof Expr.Name t) {
            return n.id().equals(t.id()) && model.symbol(n) != null && model.symbol(n) == model.symbol(t);
        }
        if (e instanceof Expr.Attribute a && target instanceof Expr.Attribute t) {
            return a.attr().equals(t.attr()) && a.value() instanceof Expr.Name an && t.value() instanceof Expr.Name tn
                    && an.id().equals(tn.id()) && model.selfClass(an) != null;
        }
        if (e instanceof Expr.Subscript a && target instanceof Expr.Subscript t) {
            return SubscriptAccumulator.sameSlot(model, a, t);
        }
        return false;
    }

    /**
     * Whether the loop gives the target a fresh value on each iteration (a plain assignment in the
     * loop's body): then the += grows a per-iteration value, not one accumulator.
     */
    private static boolean resetInLoop(SemanticModel model, Expr target, Node loop, Stmt self) {
        if (target instanceof Expr.Name n) {
            for (Binding b : model.symbol(n).bindings()) {
                if (b.node() == self || b.kind() == Binding.Kind.AUG_ASSIGNMENT) continue;
                if (b.node() instanceof Stmt.Assign a && a.value() != null && isAccumulation(model, a, target)) continue;
                if (model.isWithin(b.node(), loop)) return true;
            }
            return false;
        }
        // self.attr or a slot: look for a plain assignment of the same one inside the loop.
        boolean[] reset = {false};
        dev.memlint.semantic.NodeChildren.walk(loop, node -> {
            if (node != self && node instanceof Stmt.Assign a && !isAccumulation(model, a, target)) {
                for (Expr t : a.targets()) if (same(model, t, target)) reset[0] = true;
            }
        });
        return reset[0];
    }

    private static boolean isAccumulation(SemanticModel model, Stmt.Assign a, Expr target) {
        return a.value() instanceof Expr.BinOp op && op.op() == Operator.Add
                && (same(model, leftmost(op), target) || same(model, op.right(), target));
    }

    /**
     * A name CPython stores with STORE_FAST: a function's local that no inner scope reads or binds
     * (that would make it a cell) and that is not declared global or nonlocal.
     */
    private static boolean isPlainFastLocal(SemanticModel model, Expr.Name n) {
        Symbol sym = model.symbol(n);
        Scope scope = sym.scope();
        if (scope.kind() != Scope.Kind.FUNCTION || model.scopeOf(n) != scope) return false;
        for (Binding b : sym.bindings()) if (b.scope() != scope) return false;
        for (Expr.Name use : sym.uses()) if (model.scopeOf(use) != scope) return false;
        return true;
    }
}
