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
 * container it holds, or call a method of it (which may clear links of its self), in a body that
 * cannot skip them (no break, continue, return or raise).
 */
final class LoopClearing {
    private LoopClearing() {}

    /** The clearing expressions: {@code x.attr} (set or deleted), {@code x.attr.clear()} or {@code x.method(...)}. */
    static List<Expr> clearedLinks(Stmt.ForNode loop) {
        if (!(loop.target() instanceof Expr.Name var) || mayLeaveEarly(loop.body())) {
            return List.of();
        }
        List<Expr> out = new ArrayList<>();
        for (Stmt st : loop.body()) {
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
