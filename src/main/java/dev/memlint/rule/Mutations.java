package dev.memlint.rule;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.Set;
import java.util.function.Predicate;

/** Syntactic helpers rules share: does a region change a container, are two references the same. */
public final class Mutations {
    /** Methods of list, dict, set, bytearray and deque that change the receiver. */
    public static final Set<String> MUTATING_METHODS = Set.of("append", "extend", "insert", "remove", "pop",
            "clear", "update", "add", "discard", "setdefault", "popitem", "sort", "reverse", "difference_update",
            "intersection_update", "symmetric_difference_update", "appendleft", "extendleft", "popleft",
            "rotate", "__setitem__", "__delitem__", "__iadd__");

    private Mutations() {}

    /**
     * Whether region changes or rebinds a reference isTarget recognises: a mutating method call on it,
     * an item or slice assignment or deletion, an augmented assignment, a plain (re)assignment or del.
     */
    public static boolean mutates(Node region, Predicate<Expr> isTarget) {
        boolean[] found = {false};
        NodeChildren.walk(region, n -> {
            if (found[0]) return;
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                    && MUTATING_METHODS.contains(a.attr()) && isTarget.test(a.value())) found[0] = true;
            else if (n instanceof Expr.Subscript s && s.ctx() != Ctx.Load && isTarget.test(s.value())) found[0] = true;
            else if (n instanceof Stmt.AugAssign a && isTarget.test(a.target())) found[0] = true;
            else if (n instanceof Expr.Name name && name.ctx() != Ctx.Load && isTarget.test(name)) found[0] = true;
            else if (n instanceof Expr.Attribute at && at.ctx() != Ctx.Load && isTarget.test(at)) found[0] = true;
        });
        return found[0];
    }

    /** Whether a and b are the same name or the same attribute chain (self.items and self.items). */
    public static boolean sameReference(Expr a, Expr b) {
        if (a instanceof Expr.Name x && b instanceof Expr.Name y) return x.id().equals(y.id());
        if (a instanceof Expr.Attribute x && b instanceof Expr.Attribute y) {
            return x.attr().equals(y.attr()) && sameReference(x.value(), y.value());
        }
        return false;
    }
}
