package dev.memlint.memory.heap;

import dev.memlint.ast.CmpOp;
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
 * container it holds, call a method of it (which may clear links of its self), pass it to a method
 * (which may clear links of that parameter: {@code playlist.remove(track)}), or loop the same way
 * over the items of one of its attributes, in a body that cannot skip them (no break, continue,
 * return or raise). The clearings are syntax nodes, or {@link PassedOn} for a method given the item.
 */
final class LoopClearing {
    private LoopClearing() {}

    /**
     * The clearing expressions: {@code x.attr} (set or deleted), {@code x.attr.clear()} or
     * {@code x.method(...)}; or a loop over {@code x.attr} that clears links of its own items.
     */
    static List<Object> clearedLinks(Stmt.ForNode loop) {
        if (!(loop.target() instanceof Expr.Name var) || mayLeaveEarly(loop.body())) {
            return List.of();
        }
        return clearings(loop.body(), var);
    }

    /** A method call given the item at an argument position: the method may clear links of that parameter. */
    record PassedOn(Expr.Call call, int position) {}

    /**
     * A while loop that pops every item off one container and clears links of each item it pops:
     * {@code while xs: x = xs.pop(); x.parent = None}, or {@code while xs: xs.pop().parent = None}.
     * Once it ends, the container is empty and every item it held is cleared. Or (byLink) one that
     * takes the item a link holds until the link is None, clearing each: {@code while list.head is
     * not None: node = list.head; list.remove(node)}; once it ends, every object the link held is cleared.
     */
    record Drain(Expr container, List<Object> cleared, boolean byLink) {}

    /** The drain a while loop is, or null. */
    static Drain drain(Stmt.While loop) {
        Expr xs = loop.test();
        Expr link = linkTested(xs);
        if ((!isReference(xs) && link == null) || !loop.orelse().isEmpty() || loop.body().isEmpty()
                || mayLeaveEarly(loop.body())) {
            return null;
        }
        Stmt first = loop.body().get(0);
        if (!(first instanceof Stmt.Assign a) || a.targets().size() != 1) {
            return null;
        }
        if (link instanceof Expr.Attribute && a.targets().get(0) instanceof Expr.Name var
                && sameReference(a.value(), link)) {
            List<Object> cleared = clearings(loop.body().subList(1, loop.body().size()), var);
            return cleared.isEmpty() ? null : new Drain(link, cleared, true);
        }
        if (!isReference(xs)) {
            return null;
        }
        if (a.targets().get(0) instanceof Expr.Name var && popsFrom(a.value(), xs)) {
            List<Object> cleared = clearings(loop.body().subList(1, loop.body().size()), var);
            return cleared.isEmpty() ? null : new Drain(xs, cleared, false);
        }
        if (loop.body().size() == 1 && a.targets().get(0) instanceof Expr.Attribute t && popsFrom(t.value(), xs)
                && clears(a.value())) {
            return new Drain(xs, List.of(t), false);
        }
        return null;
    }

    /** The link a test checks ({@code x.head is not None}), else null. */
    private static Expr linkTested(Expr test) {
        return test instanceof Expr.Compare c && c.ops().size() == 1 && c.ops().get(0) == CmpOp.IsNot
                && c.comparators().get(0) instanceof Expr.Constant k && k.value() == null && isReference(c.left())
                ? c.left() : null;
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
    private static List<Object> clearings(List<Stmt> body, Expr.Name var) {
        List<Object> out = new ArrayList<>();
        for (Stmt st : body) {
            if (st instanceof Stmt.ForNode inner && isLinkOf(inner.iter(), var) && !clearedLinks(inner).isEmpty()) {
                out.add(inner); // for leaf in branch.children: del leaf.parent -- on every item's items
                continue;
            }
            if (st instanceof Stmt.While inner && !mayLeaveEarly(inner.body())) {
                Drain d = drain(inner);
                if (d != null && !d.byLink() && isLinkOf(d.container(), var)) {
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
            } else if (st instanceof Stmt.ExprStmt x && x.value() instanceof Expr.Call c
                    && c.func() instanceof Expr.Attribute m && isReference(m.value())) {
                for (int i = 0; i < c.args().size(); i++) {
                    if (c.args().get(i) instanceof Expr.Name n && n.id().equals(var.id())) {
                        out.add(new PassedOn(c, i)); // playlist.remove(track): the links it clears on track
                    }
                }
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
