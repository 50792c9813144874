package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.List;

/**
 * The links a for loop clears on every item it visits: statements at the top of its body that set
 * an attribute of the loop variable to a constant or an empty display, delete it, clear the
 * container it holds, call a method of it (which may clear links of its self), or loop the same way
 * over the items of one of its attributes, in a body that cannot skip them (no break, continue,
 * return or raise).
 */
final class LoopClearing {
    private LoopClearing() {}

    /**
     * The clearing expressions: {@code x.attr} (set or deleted), {@code x.attr.clear()} or
     * {@code x.method(...)}; or a loop over {@code x.attr} that clears links of its own items.
     */
    static List<Node> clearedLinks(Stmt.ForNode loop) {
        if (!(loop.target() instanceof Expr.Name var) || mayLeaveEarly(loop.body())) {
            return List.of();
        }
        return clearings(loop.body(), var);
    }

    /**
     * A while loop that pops every item off one container and clears links of each item it pops:
     * {@code while xs: x = xs.pop(); x.parent = None}, or {@code while xs: xs.pop().parent = None}.
     * Once it ends, the container is empty and every item it held is cleared.
     */
    record Drain(Expr container, List<Node> cleared) {}

    /** The drain a while loop is, or null. */
    static Drain drain(Stmt.While loop) {
        Expr xs = loop.test();
        if (!isReference(xs) || !loop.orelse().isEmpty() || loop.body().isEmpty() || mayLeaveEarly(loop.body())) {
            return null;
        }
        Stmt first = loop.body().get(0);
        if (!(first instanceof Stmt.Assign a) || a.targets().size() != 1) {
            return null;
        }
        if (a.targets().get(0) instanceof Expr.Name var && popsFrom(a.value(), xs)) {
            List<Node> cleared = clearings(loop.body().subList(1, loop.body().size()), var);
            return cleared.isEmpty() ? null : new Drain(xs, cleared);
        }
        if (loop.body().size() == 1 && a.targets().get(0) instanceof Expr.Attribute t && popsFrom(t.value(), xs)
                && clears(a.value())) {
            return new Drain(xs, List.of(t));
        }
        return null;
    }

    private static boolean popsFrom(Expr e, Expr xs) {
        return e instanceof Expr.Call c && c.args().isEmpty() && c.func() instanceof Expr.Attribute m
                && (m.attr().equals("pop") || m.attr().equals("popleft")) && sameReference(m.value(), xs);
    }

    private static boolean isReference(Expr e) {
        return e instanceof Expr.Name || (e instanceof Expr.Attribute a && isReference(a.value()));
    }

    private static boolean sameReference(Expr a, Expr b) {
        if (a instanceof Expr.Name x && b instanceof Expr.Name y) {
            return x.id().equals(y.id());
        }
        return a instanceof Expr.Attribute x && b instanceof Expr.Attribute y && x.attr().equals(y.attr())
                && sameReference(x.value(), y.value());
    }

    /** The statements of a body (run for every item bound to var) that clear links of var. */
    private static List<Node> clearings(List<Stmt> body, Expr.Name var) {
        List<Node> out = new ArrayList<>();
        for (Stmt st : body) {
            if (st instanceof Stmt.ForNode inner && isLinkOf(inner.iter(), var) && !clearedLinks(inner).isEmpty()) {
                out.add(inner); // for leaf in branch.children: del leaf.parent -- on every item's items
                continue;
            }
            if (st instanceof Stmt.While inner && !mayLeaveEarly(inner.body())) {
                Drain d = drain(inner);
                if (d != null && isLinkOf(d.container(), var)) {
                    out.add(inner); // while branch.children: branch.children.pop().parent = None
                }
                continue;
            }
            if (st instanceof Stmt.Assign a && clears(a.value())) {
                for (Expr t : a.targets()) {
                    if (isLinkOf(t, var)) {
                        out.add(t);
                    }
                }
            } else if (st instanceof Stmt.Delete d) {
                for (Expr t : d.targets()) {
                    if (isLinkOf(t, var)) {
                        out.add(t);
                    }
                }
            } else if (st instanceof Stmt.ExprStmt x && x.value() instanceof Expr.Call c && c.args().isEmpty()
                    && c.func() instanceof Expr.Attribute m && m.attr().equals("clear") && isLinkOf(m.value(), var)) {
                out.add(c);
            } else if (st instanceof Stmt.ExprStmt x && x.value() instanceof Expr.Call c
                    && c.func() instanceof Expr.Attribute m && m.value() instanceof Expr.Name n && n.id().equals(var.id())) {
                out.add(c); // worker.shutdown(): the links the method clears on self
            }
        }
        return List.copyOf(out);
    }

    private static boolean isLinkOf(Expr e, Expr.Name var) {
        return e instanceof Expr.Attribute a && a.value() instanceof Expr.Name n && n.id().equals(var.id());
    }

    /** None, a constant or an empty list, dict or set: nothing the old link held is kept. */
    private static boolean clears(Expr value) {
        return value instanceof Expr.Constant
                || (value instanceof Expr.ListExpr l && l.elts().isEmpty())
                || (value instanceof Expr.DictExpr d && d.keys().isEmpty())
                || (value instanceof Expr.Call c && c.args().isEmpty() && c.keywords().isEmpty()
                    && c.func() instanceof Expr.Name n && (n.id().equals("list") || n.id().equals("dict") || n.id().equals("set")));
    }

    private static boolean mayLeaveEarly(Object node) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                if (mayLeaveEarly(o)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Stmt.Break || node instanceof Stmt.Continue || node instanceof Stmt.Return
                || node instanceof Stmt.Raise || node instanceof Stmt.Try || node instanceof Stmt.TryStar) {
            return true;
        }
        if (node instanceof Node n && !NodeKinds.isFunction(n) && !(n instanceof Stmt.ClassDef) && NodeKinds.isStmt(n)) {
            for (Stmt inner : NodeChildren.childStatements((Stmt) n)) {
                if (mayLeaveEarly(inner)) {
                    return true;
                }
            }
        }
        return false;
    }
}
