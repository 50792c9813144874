package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two objects linked both ways by two statements in a row, {@code a.next = b} then
 * {@code b.prev = a}: whatever a and b stand for (the items of a list walked pairwise, objects made
 * in earlier iterations), the second store closes a cycle of the two objects the names hold. The
 * heap keeps one abstract object for many, so without this a doubly linked list built in a loop
 * looks like a chain.
 */
final class MutualLinks {
    private MutualLinks() {}

    /** The second store of each such pair in a function body (nested functions left out), with the first's label. */
    static Map<Expr.Attribute, String> of(List<Stmt> body) {
        Map<Expr.Attribute, String> out = new IdentityHashMap<>();
        collect(body, out);
        return out;
    }

    private static void collect(List<Stmt> statements, Map<Expr.Attribute, String> out) {
        for (int i = 0; i < statements.size(); i++) {
            Stmt st = statements.get(i);
            if (i + 1 < statements.size()) {
                Expr.Attribute first = nameLink(st);
                Expr.Attribute second = nameLink(statements.get(i + 1));
                if (first != null && second != null && sameName(first.value(), value(statements.get(i + 1)))
                        && sameName(second.value(), value(st)) && !sameName(first.value(), second.value())) {
                    out.put(second, first.attr());
                }
            }
            collectBodies(st, out);
        }
    }

    /** The statement lists directly inside a compound statement, each walked in order. */
    private static void collectBodies(Stmt st, Map<Expr.Attribute, String> out) {
        if (st instanceof Stmt.ForNode f) {
            collect(f.body(), out);
            collect(f.orelse(), out);
        } else if (st instanceof Stmt.While w) {
            collect(w.body(), out);
            collect(w.orelse(), out);
        } else if (st instanceof Stmt.If f) {
            collect(f.body(), out);
            collect(f.orelse(), out);
        } else if (st instanceof Stmt.WithNode w) {
            collect(w.body(), out);
        } else if (st instanceof Stmt.Try t) {
            collect(t.body(), out);
            t.handlers().forEach(h -> collect(h.body(), out));
            collect(t.orelse(), out);
            collect(t.finalbody(), out);
        }
    }

    /** The target of {@code name.attr = other_name}, else null. */
    private static Expr.Attribute nameLink(Stmt st) {
        return st instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Attribute t
                && t.value() instanceof Expr.Name && a.value() instanceof Expr.Name ? t : null;
    }

    private static Expr value(Stmt st) {
        return ((Stmt.Assign) st).value();
    }

    private static boolean sameName(Expr a, Expr b) {
        return a instanceof Expr.Name x && b instanceof Expr.Name y && x.id().equals(y.id());
    }
}
