package dev.memlint.semantic;

import dev.memlint.ast.Alias;
import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Pattern;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.TypeParam;
import dev.memlint.ast.WithItem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The direct children of every node kind, in source order (decorators before the def, a
 * comprehension's element after its clauses is the one exception: CPython's evaluation order
 * puts the clauses first, and so do we). Null children are skipped.
 */
public final class NodeChildren {
    private NodeChildren() {}

    /** Visits root and every node below it, pre-order, without recursion. */
    public static void walk(Node root, Consumer<Node> visit) {
        List<Node> stack = new ArrayList<>();
        Collector children = new Collector();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            visit.accept(n);
            children.clear();
            children(n, children);
            for (int i = children.size() - 1; i >= 0; i--) stack.add(children.get(i));
        }
    }

    /**
     * A list to collect children into, reused by hot walks. A final class, so that the C1 compiler
     * memlint runs with calls its add directly: through Consumer, every child cost an interface dispatch.
     */
    public static final class Collector extends ArrayList<Node> {
        public Collector() { super(8); }
    }

    /** Whether some node of the subtrees passes the test; the walk stops at the first one. */
    public static boolean anyMatch(List<? extends Node> roots, Predicate<Node> test) {
        List<Node> stack = new ArrayList<>(roots);
        Collector children = new Collector();
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (test.test(n)) return true;
            children.clear();
            children(n, children);
            stack.addAll(children);
        }
        return false;
    }

    /** Visits every node of the statements, pre-order. */
    public static void walkAll(List<? extends Node> roots, Consumer<Node> visit) {
        for (Node r : roots) walk(r, visit);
    }

    /** Hands each direct child of node to out. */
    public static void forEach(Node node, Consumer<Node> out) {
        Collector children = new Collector();
        children(node, children);
        for (int i = 0, size = children.size(); i < size; i++) out.accept(children.get(i));
    }

    /**
     * The statements in a statement's own blocks: its bodies, and those of its except handlers and
     * match cases, without listing the expressions.
     */
    public static List<Stmt> childStatements(Stmt s) {
        if (s instanceof Stmt.ExprStmt || s instanceof Stmt.Assign || s instanceof Stmt.Return) {
            return List.of(); // the commonest statements, which have no block: no list to make
        }
        List<Stmt> out = new ArrayList<>();
        if (s instanceof Stmt.If i) {
            out.addAll(i.body());
            out.addAll(i.orelse());
        } else if (NodeKinds.isFor(s)) {
            out.addAll(((Stmt.ForNode) s).body());
            out.addAll(((Stmt.ForNode) s).orelse());
        } else if (s instanceof Stmt.While w) {
            out.addAll(w.body());
            out.addAll(w.orelse());
        } else if (NodeKinds.isWith(s)) {
            out.addAll(((Stmt.WithNode) s).body());
        } else if (s instanceof Stmt.Try t) {
            out.addAll(t.body());
            for (ExceptHandler h : t.handlers()) out.addAll(h.body());
            out.addAll(t.orelse());
            out.addAll(t.finalbody());
        } else if (s instanceof Stmt.TryStar t) {
            out.addAll(t.body());
            for (ExceptHandler h : t.handlers()) out.addAll(h.body());
            out.addAll(t.orelse());
            out.addAll(t.finalbody());
        } else if (s instanceof Stmt.Match m) {
            for (MatchCase c : m.cases()) out.addAll(c.body());
        } else if (NodeKinds.isFunction(s)) {
            out.addAll(((Stmt.FunctionNode) s).body());
        } else if (s instanceof Stmt.ClassDef c) {
            out.addAll(c.body());
        }
        return out;
    }

    /** Adds the direct children of node to out. */
    public static void children(Node node, Collector out) {
        // Names and constants are half of all nodes: leave before the chain of type tests.
        if (node instanceof Expr.Name || node instanceof Expr.Constant) return;
        if (NodeKinds.isExpr(node)) expr(node, out); // the commonest kind first
        else if (NodeKinds.isStmt(node)) stmt(node, out);
        else if (node instanceof Arg a) one(a.annotation(), out); // records: cheap exact-class tests
        else if (node instanceof Arguments a) arguments(a, out);
        else if (node instanceof Keyword k) one(k.value(), out);
        else if (node instanceof Module m) all(m.body(), out);
        else if (node instanceof Comprehension c) {
            one(c.target(), out);
            one(c.iter(), out);
            all(c.ifs(), out);
        } else if (node instanceof ExceptHandler h) {
            one(h.type(), out);
            all(h.body(), out);
        } else if (node instanceof WithItem w) {
            one(w.contextExpr(), out);
            one(w.optionalVars(), out);
        } else if (node instanceof MatchCase c) {
            one(c.pattern(), out);
            one(c.guard(), out);
            all(c.body(), out);
        } else if (node instanceof TypeParam.TypeVar t) {
            one(t.bound(), out);
            one(t.defaultValue(), out);
        } else if (node instanceof TypeParam.ParamSpec t) one(t.defaultValue(), out);
        else if (node instanceof TypeParam.TypeVarTuple t) one(t.defaultValue(), out);
        else if (NodeKinds.isPattern(node)) pattern((Pattern) node, out);
        else if (!(node instanceof Alias)) throw new IllegalArgumentException("unknown node " + node.getClass());
    }

    private static void stmt(Node s, Collector out) {
        // The commonest kinds first (stdlib: 158k expression statements, 123k assignments, 57k defs...).
        if (s instanceof Stmt.ExprStmt e) one(e.value(), out);
        else if (s instanceof Stmt.Assign a) {
            all(a.targets(), out);
            one(a.value(), out);
        } else if (NodeKinds.isFunction(s)) {
            Stmt.FunctionNode f = (Stmt.FunctionNode) s;
            all(f.decoratorList(), out);
            all(f.typeParams(), out);
            one(f.args(), out);
            one(f.returns(), out);
            all(f.body(), out);
        } else if (s instanceof Stmt.If i) {
            one(i.test(), out);
            all(i.body(), out);
            all(i.orelse(), out);
        } else if (s instanceof Stmt.Return r) one(r.value(), out);
        else if (s instanceof Stmt.ClassDef c) {
            all(c.decoratorList(), out);
            all(c.typeParams(), out);
            all(c.bases(), out);
            all(c.keywords(), out);
            all(c.body(), out);
        } else if (NodeKinds.isWith(s)) {
            Stmt.WithNode w = (Stmt.WithNode) s;
            all(w.items(), out);
            all(w.body(), out);
        } else if (NodeKinds.isFor(s)) {
            Stmt.ForNode f = (Stmt.ForNode) s;
            one(f.target(), out);
            one(f.iter(), out);
            all(f.body(), out);
            all(f.orelse(), out);
        } else if (s instanceof Stmt.Import i) all(i.names(), out);
        else if (s instanceof Stmt.Try t) {
            all(t.body(), out);
            all(t.handlers(), out);
            all(t.orelse(), out);
            all(t.finalbody(), out);
        } else if (s instanceof Stmt.Raise r) {
            one(r.exc(), out);
            one(r.cause(), out);
        } else if (s instanceof Stmt.ImportFrom i) all(i.names(), out);
        else if (s instanceof Stmt.AugAssign a) {
            one(a.target(), out);
            one(a.value(), out);
        } else if (s instanceof Stmt.While w) {
            one(w.test(), out);
            all(w.body(), out);
            all(w.orelse(), out);
        } else if (s instanceof Stmt.Assert a) {
            one(a.test(), out);
            one(a.msg(), out);
        } else if (s instanceof Stmt.AnnAssign a) {
            one(a.target(), out);
            one(a.annotation(), out);
            one(a.value(), out);
        } else if (s instanceof Stmt.Delete d) all(d.targets(), out);
        else if (s instanceof Stmt.Match m) {
            one(m.subject(), out);
            all(m.cases(), out);
        } else if (s instanceof Stmt.TryStar t) {
            all(t.body(), out);
            all(t.handlers(), out);
            all(t.orelse(), out);
            all(t.finalbody(), out);
        } else if (s instanceof Stmt.TypeAlias t) {
            one(t.name(), out);
            all(t.typeParams(), out);
            one(t.value(), out);
        }
        // Global, Nonlocal, Pass, Break, Continue have no child nodes.
    }

    private static void expr(Node e, Collector out) {
        // The commonest kinds first (stdlib: 375k attributes, 327k calls, 45k tuples, 32k binary operations...).
        if (e instanceof Expr.Attribute a) one(a.value(), out);
        else if (e instanceof Expr.Call c) {
            one(c.func(), out);
            all(c.args(), out);
            all(c.keywords(), out);
        } else if (e instanceof Expr.TupleExpr t) all(t.elts(), out);
        else if (e instanceof Expr.BinOp b) {
            one(b.left(), out);
            one(b.right(), out);
        } else if (e instanceof Expr.Subscript s) {
            one(s.value(), out);
            one(s.slice(), out);
        } else if (e instanceof Expr.Compare c) {
            one(c.left(), out);
            all(c.comparators(), out);
        } else if (e instanceof Expr.ListExpr l) all(l.elts(), out);
        else if (e instanceof Expr.UnaryOp u) one(u.operand(), out);
        else if (e instanceof Expr.DictExpr d) {
            for (int i = 0; i < d.values().size(); i++) {
                one(d.keys().get(i), out);
                one(d.values().get(i), out);
            }
        } else if (e instanceof Expr.BoolOp b) all(b.values(), out);
        else if (e instanceof Expr.Slice s) {
            one(s.lower(), out);
            one(s.upper(), out);
            one(s.step(), out);
        } else if (e instanceof Expr.FormattedValue f) {
            one(f.value(), out);
            one(f.formatSpec(), out);
        } else if (e instanceof Expr.JoinedStr j) all(j.values(), out);
        else if (e instanceof Expr.Starred s) one(s.value(), out);
        else if (e instanceof Expr.IfExp i) {
            one(i.test(), out);
            one(i.body(), out);
            one(i.orelse(), out);
        } else if (e instanceof Expr.Lambda l) {
            one(l.args(), out);
            one(l.body(), out);
        } else if (e instanceof Expr.ListComp c) {
            all(c.generators(), out);
            one(c.elt(), out);
        } else if (e instanceof Expr.GeneratorExp c) {
            all(c.generators(), out);
            one(c.elt(), out);
        } else if (e instanceof Expr.SetExpr s) all(s.elts(), out);
        else if (e instanceof Expr.SetComp c) {
            all(c.generators(), out);
            one(c.elt(), out);
        } else if (e instanceof Expr.DictComp c) {
            all(c.generators(), out);
            one(c.key(), out);
            one(c.value(), out);
        } else if (e instanceof Expr.NamedExpr n) {
            one(n.target(), out);
            one(n.value(), out);
        } else if (e instanceof Expr.Await a) one(a.value(), out);
        else if (e instanceof Expr.Yield y) one(y.value(), out);
        else if (e instanceof Expr.YieldFrom y) one(y.value(), out);
        else if (e instanceof Expr.Interpolation i) {
            one(i.value(), out);
            one(i.formatSpec(), out);
        } else if (e instanceof Expr.TemplateStr t) all(t.values(), out);
        // Constant and Name have no child nodes.
    }

    private static void pattern(Pattern p, Collector out) {
        if (p instanceof Pattern.MatchValue v) one(v.value(), out);
        else if (p instanceof Pattern.MatchSequence s) all(s.patterns(), out);
        else if (p instanceof Pattern.MatchMapping m) {
            all(m.keys(), out);
            all(m.patterns(), out);
        } else if (p instanceof Pattern.MatchClass c) {
            one(c.cls(), out);
            all(c.patterns(), out);
            all(c.kwdPatterns(), out);
        } else if (p instanceof Pattern.MatchAs a) one(a.pattern(), out);
        else if (p instanceof Pattern.MatchOr o) all(o.patterns(), out);
    }

    private static void arguments(Arguments a, Collector out) {
        all(a.posonlyargs(), out);
        all(a.args(), out);
        one(a.vararg(), out);
        all(a.kwonlyargs(), out);
        one(a.kwarg(), out);
        all(a.defaults(), out);
        all(a.kwDefaults(), out);
    }

    private static void one(Node n, Collector out) {
        if (n != null) out.add(n);
    }

    private static void all(List<? extends Node> nodes, Collector out) {
        if (nodes == null) return;
        // Indexed: an iterator per list was a measurable share of every tree walk under C1.
        for (int i = 0, size = nodes.size(); i < size; i++) {
            Node n = nodes.get(i);
            if (n != null) out.add(n);
        }
    }
}
