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
import java.util.Arrays;
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
        Stacks stacks = STACKS.get();
        Collector stack = stacks.borrow();
        try {
            stack.add(root);
            preorder(stack, visit);
        } finally {
            stacks.release(stack);
        }
    }

    /** Visits every node of the statements, pre-order. */
    public static void walkAll(List<? extends Node> roots, Consumer<Node> visit) {
        Stacks stacks = STACKS.get();
        Collector stack = stacks.borrow();
        try {
            for (int i = roots.size() - 1; i >= 0; i--) stack.add(roots.get(i)); // the first root on top
            preorder(stack, visit);
        } finally {
            stacks.release(stack);
        }
    }

    /**
     * Pops and visits until the stack is empty. A node's children go straight onto the stack and are
     * then reversed in place, so that the first is visited first: no child list to fill and copy.
     */
    private static void preorder(Collector stack, Consumer<Node> visit) {
        while (stack.size > 0) {
            Node n = stack.pop();
            visit.accept(n);
            int from = stack.size;
            children(n, stack);
            stack.reverseFrom(from);
        }
    }

    /**
     * A list of nodes to collect children into, reused by hot walks: a plain array, as ArrayList's
     * add and get (modCount, the index check) were a good share of every walk under C1, which
     * memlint runs with. A final class, so that calls of its add are direct.
     */
    public static final class Collector {
        private Node[] items = new Node[8];
        private int size;

        public void add(Node n) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            items[size++] = n;
        }

        /** The i-th node added, for 0 <= i < size(). */
        public Node get(int i) {
            return items[i];
        }

        public int size() {
            return size;
        }

        /** Empties the list, dropping its references (a reused list must not keep an old tree alive). */
        public void clear() {
            Arrays.fill(items, 0, size, null);
            size = 0;
        }

        /** Removes and returns the last node: the list as a stack. */
        public Node pop() {
            Node n = items[--size];
            items[size] = null;
            return n;
        }

        /** Reverses the nodes from index from on. */
        private void reverseFrom(int from) {
            for (int i = from, j = size - 1; i < j; i++, j--) {
                Node t = items[i];
                items[i] = items[j];
                items[j] = t;
            }
        }
    }

    /**
     * Each thread's walk stacks, one per nesting level (a visitor may start a walk of its own): a
     * walk borrows one instead of growing a new list from nothing.
     */
    private static final class Stacks {
        private Collector[] stacks = new Collector[4];
        private int depth;

        Collector borrow() {
            if (depth == stacks.length) stacks = Arrays.copyOf(stacks, depth * 2);
            Collector c = stacks[depth];
            if (c == null) {
                c = new Collector();
                stacks[depth] = c;
            }
            depth++;
            return c;
        }

        /** Gives back the stack last borrowed, emptied (a walk that stops early leaves nodes on it). */
        void release(Collector c) {
            c.clear();
            depth--;
        }
    }

    private static final ThreadLocal<Stacks> STACKS = ThreadLocal.withInitial(Stacks::new);

    /** Whether some node of the subtrees passes the test; the walk stops at the first one. */
    public static boolean anyMatch(List<? extends Node> roots, Predicate<Node> test) {
        Stacks stacks = STACKS.get();
        Collector stack = stacks.borrow();
        try {
            for (int i = 0, size = roots.size(); i < size; i++) stack.add(roots.get(i));
            while (stack.size > 0) {
                Node n = stack.pop();
                if (test.test(n)) return true;
                children(n, stack); // any order finds a match: no reversing
            }
            return false;
        } finally {
            stacks.release(stack);
        }
    }

    /** Hands each direct child of node to out. */
    public static void forEach(Node node, Consumer<Node> out) {
        Stacks stacks = STACKS.get();
        Collector children = stacks.borrow();
        try {
            children(node, children);
            for (int i = 0, size = children.size; i < size; i++) out.accept(children.items[i]);
        } finally {
            stacks.release(children);
        }
    }

    /**
     * The statements in a statement's own blocks: its bodies, and those of its except handlers and
     * match cases, without listing the expressions. A statement with one block hands out that block
     * itself, not a copy (most have one): read it, do not change it.
     */
    public static List<Stmt> childStatements(Stmt s) {
        if (s instanceof Stmt.ExprStmt || s instanceof Stmt.Assign || s instanceof Stmt.Return) {
            return List.of(); // the commonest statements, which have no block: no list to make
        }
        if (s instanceof Stmt.If i) return joined(i.body(), i.orelse());
        if (NodeKinds.isFor(s)) return joined(((Stmt.ForNode) s).body(), ((Stmt.ForNode) s).orelse());
        if (s instanceof Stmt.While w) return joined(w.body(), w.orelse());
        if (NodeKinds.isWith(s)) return ((Stmt.WithNode) s).body();
        if (NodeKinds.isFunction(s)) return ((Stmt.FunctionNode) s).body();
        if (s instanceof Stmt.ClassDef c) return c.body();
        List<Stmt> out = new ArrayList<>();
        if (s instanceof Stmt.Try t) {
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
        }
        return out;
    }

    /** A body and its else block: the body itself when there is no else. */
    private static List<Stmt> joined(List<Stmt> body, List<Stmt> orelse) {
        if (orelse.isEmpty()) return body;
        List<Stmt> out = new ArrayList<>(body.size() + orelse.size());
        out.addAll(body);
        out.addAll(orelse);
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
