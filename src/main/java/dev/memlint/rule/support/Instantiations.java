package dev.memlint.rule.support;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a module makes many instances of one of its classes: calls of the class in a loop or
 * comprehension that is not bounded by the source, and whether each new instance outlives its
 * iteration (many alive at once) or dies with it (short-lived).
 */
public final class Instantiations {
    /** Container methods that keep their argument. */
    private static final Set<String> STORING = Set.of("append", "add", "insert", "appendleft", "setdefault", "put");

    private Instantiations() {}

    /**
     * The calls of a class (bound once, by its class statement) that run once per iteration of a
     * loop not bounded by the source; null when the module subclasses it (the calls may then make
     * instances of another shape).
     */
    public static List<Expr.Call> inLoops(SemanticModel model, Stmt.ClassDef cls) {
        Symbol s = model.scopeOf(cls).symbol(cls.name());
        if (s == null || s.bindings().size() != 1 || s.bindings().get(0).kind() != Binding.Kind.CLASS) return null;
        List<Expr.Call> sites = new ArrayList<>();
        for (Expr.Name use : s.uses()) {
            Node parent = model.parent(use);
            if (parent instanceof Stmt.ClassDef sub && SemanticModel.contains(sub.bases(), use)) return null;
            if (parent instanceof Expr.Call c && c.func() == use && model.enclosingLoop(c) != null
                    && !SourceSized.isBoundedLoop(model, model.enclosingLoop(c))) sites.add(c);
        }
        return sites;
    }

    /**
     * Whether the new instance outlives its iteration, so that many are alive at once: it is an
     * element of a comprehension, appended or stored into a container, yielded, or bound to a name
     * that the loop then appends or stores. A context manager, a raised exception or a temporary
     * whose method is called right away lives for one iteration.
     */
    public static boolean outlivesIteration(SemanticModel model, Expr.Call instance) {
        Node value = instance;
        Node parent = model.parent(value);
        if (parent instanceof Expr.TupleExpr || parent instanceof Expr.ListExpr) {
            value = parent;
            parent = model.parent(value);
        }
        if (storedBy(value, parent)) return true;
        if (parent instanceof Stmt.Assign a && a.value() == value && a.targets().size() == 1
                && a.targets().get(0) instanceof Expr.Name n && model.symbol(n) != null) {
            Node loop = model.enclosingLoop(instance);
            for (Expr.Name use : model.symbol(n).uses()) {
                if (Trees.isWithin(model, use, loop) && storedBy(use, model.parent(use))) return true;
            }
        }
        return false;
    }

    private static boolean storedBy(Node value, Node parent) {
        if (parent instanceof Expr.ListComp c) return c.elt() == value;
        if (parent instanceof Expr.SetComp c) return c.elt() == value;
        if (parent instanceof Expr.GeneratorExp g) return g.elt() == value;
        if (parent instanceof Expr.DictComp d) return d.value() == value || d.key() == value;
        if (parent instanceof Expr.Yield) return true;
        if (parent instanceof Stmt.Assign a) {
            return a.value() == value && a.targets().stream().anyMatch(t -> t instanceof Expr.Subscript);
        }
        return parent instanceof Expr.Call c && SemanticModel.contains(c.args(), value)
                && c.func() instanceof Expr.Attribute m && STORING.contains(m.attr());
    }
}
