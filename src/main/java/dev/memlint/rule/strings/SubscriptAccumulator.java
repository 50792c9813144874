package dev.memlint.rule.strings;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.Objects;

/**
 * An accumulator kept in a container slot, {@code parts["body"] += line}: never resized in place
 * (the container holds a second reference), so every step copies. Recognised only where the key
 * stays the same through the loop and the function shows the slot holds a str or bytes: a dict
 * display giving that key one, {@code defaultdict(str)}, or a plain store of one into the slot.
 */
final class SubscriptAccumulator {
    private SubscriptAccumulator() {}

    /** Whether target is a slot with a fixed key in the loop whose value the function shows is of type wanted. */
    static boolean matches(SemanticModel model, Expr.Subscript target, Node loop, PyType wanted) {
        if (!(target.value() instanceof Expr.Name container) || model.symbol(container) == null) return false;
        if (!keyFixedIn(model, target.slice(), loop) || !keyFixedIn(model, container, loop)) return false; // d1 = {...} per item: a new slot each time
        Symbol sym = model.symbol(container);
        for (Binding b : sym.bindings()) {
            if (b.value() != null && holds(model, b.value(), target.slice(), wanted)) return true;
        }
        Stmt.FunctionNode f = model.enclosingFunction(target);
        boolean[] stored = {false};
        if (f != null) {
            NodeChildren.walk(f, n -> {
                if (n instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Subscript s
                        && sameSlot(model, s, target) && model.typeOf(a.value()) == wanted) stored[0] = true;
            });
        }
        return stored[0];
    }

    /** Whether a and b name the same slot: one container symbol, the same key text. */
    static boolean sameSlot(SemanticModel model, Expr.Subscript a, Expr.Subscript b) {
        return a.value() instanceof Expr.Name an && b.value() instanceof Expr.Name bn && model.symbol(an) != null
                && model.symbol(an) == model.symbol(bn) && sameKey(model, a.slice(), b.slice());
    }

    private static boolean sameKey(SemanticModel model, Expr a, Expr b) {
        if (a instanceof Expr.Constant ca && b instanceof Expr.Constant cb) return Objects.equals(ca.value(), cb.value());
        return a instanceof Expr.Name na && b instanceof Expr.Name nb && model.symbol(na) != null
                && model.symbol(na) == model.symbol(nb);
    }

    /** A constant key, or a name the loop never rebinds (also asked of the container). */
    private static boolean keyFixedIn(SemanticModel model, Expr key, Node loop) {
        if (key instanceof Expr.Constant) return true;
        if (!(key instanceof Expr.Name n) || model.symbol(n) == null) return false;
        for (Binding b : model.symbol(n).bindings()) {
            dev.memlint.ast.Located at = b.target() != null ? b.target() : b.node();
            if (at == null || model.isWithin(at, loop)) return false;
        }
        return true;
    }

    private static boolean holds(SemanticModel model, Expr value, Expr key, PyType wanted) {
        if (value instanceof Expr.DictExpr d && key instanceof Expr.Constant k) {
            for (int i = 0; i < d.keys().size(); i++) {
                if (d.keys().get(i) instanceof Expr.Constant c && Objects.equals(c.value(), k.value())) {
                    return model.typeOf(d.values().get(i)) == wanted;
                }
            }
            return false;
        }
        return value instanceof Expr.Call c && "collections.defaultdict".equals(model.qualifiedName(c.func()))
                && c.args().size() == 1 && c.keywords().isEmpty()
                && ("builtins." + (wanted == PyType.STR ? "str" : "bytes")).equals(model.qualifiedName(c.args().get(0)));
    }
}
