package dev.memlint.memory.heap;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.Arrays;
import java.util.List;

/**
 * Every node of one function's tree (the def itself, its decorators, arguments and body, nested
 * functions and classes too) in one array, made by one walk: the reference-count pass has several
 * walkers of each function's syntax, and reading an array is much cheaper than finding each node's
 * children again. The order is the pre-order that visits a node's children last to first, the one
 * popping a stack of nodes gives when each node's children are pushed in source order; a
 * subtree is the slice from its root to {@link #end}, so a walker skips one by jumping there.
 * Each node's rough kind is kept too, so that a walker passes over the nodes it has no use for
 * without reading them: reading every node from memory again was most of a walk's cost.
 */
final class FunctionNodes {
    /** The kinds of {@link #kinds}. */
    static final byte OTHER = 0;
    static final byte CONSTANT = 1;
    static final byte NAME_LOAD = 2;
    /** A name stored or deleted. */
    static final byte NAME_BOUND = 3;
    static final byte CALL = 4;
    static final byte ATTRIBUTE_LOAD = 5;
    /** An expression of another kind, or an attribute stored or deleted. */
    static final byte EXPR = 6;
    /** A def or a class: a scope of its own. */
    static final byte SCOPE = 7;
    /** A global or nonlocal statement. */
    static final byte DECLARATION = 8;

    private final Node[] nodes;
    private final int[] ends;
    private final byte[] kinds;
    /** The function's body: from the last statement's root to the end of the first statement's subtree. */
    private final int bodyFrom;
    private final int bodyTo;

    private FunctionNodes(Node[] nodes, int[] ends, byte[] kinds, Stmt.FunctionNode f) {
        this.nodes = nodes;
        this.ends = ends;
        this.kinds = kinds;
        List<Stmt> body = f.body();
        bodyFrom = child(0, body.get(body.size() - 1));
        bodyTo = ends[child(0, body.get(0))];
    }

    static FunctionNodes of(Stmt.FunctionNode f) {
        Node[] nodes = new Node[64];
        int[] ends = new int[64];
        byte[] kinds = new byte[64];
        int count = 0;
        // The nodes whose subtree is still open, with the stack height their pop left: a node's
        // descendants are all popped before anything from lower in the stack.
        int[] open = new int[16];
        int[] openHeight = new int[16];
        int opened = 0;
        NodeChildren.Collector stack = new NodeChildren.Collector();
        stack.add(f);
        while (stack.size() > 0) {
            Node n = stack.pop();
            int height = stack.size();
            while (opened > 0 && openHeight[opened - 1] > height) {
                ends[open[--opened]] = count;
            }
            if (count == nodes.length) {
                nodes = Arrays.copyOf(nodes, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                kinds = Arrays.copyOf(kinds, count * 2);
            }
            if (opened == open.length) {
                open = Arrays.copyOf(open, opened * 2);
                openHeight = Arrays.copyOf(openHeight, opened * 2);
            }
            byte kind = kindOf(n);
            nodes[count] = n;
            kinds[count] = kind;
            open[opened] = count;
            openHeight[opened++] = height;
            count++;
            if (kind != NAME_LOAD && kind != NAME_BOUND && kind != CONSTANT) {
                NodeChildren.children(n, stack); // a name or constant has none: half of all nodes
            }
        }
        while (opened > 0) {
            ends[open[--opened]] = count;
        }
        // Trimmed: the arrays live as long as the module's pass, and doubling leaves up to half unused.
        return new FunctionNodes(Arrays.copyOf(nodes, count), Arrays.copyOf(ends, count), Arrays.copyOf(kinds, count), f);
    }

    private static byte kindOf(Node n) {
        if (n instanceof Expr.Name name) {
            return name.ctx() == Ctx.Load ? NAME_LOAD : NAME_BOUND;
        }
        if (n instanceof Expr.Constant) {
            return CONSTANT;
        }
        if (n instanceof Expr.Call) {
            return CALL;
        }
        if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Load) {
            return ATTRIBUTE_LOAD;
        }
        if (NodeKinds.isExpr(n)) {
            return EXPR;
        }
        if (NodeKinds.isFunction(n) || n instanceof Stmt.ClassDef) {
            return SCOPE;
        }
        return n instanceof Stmt.Global || n instanceof Stmt.Nonlocal ? DECLARATION : OTHER;
    }

    /** The nodes; read those from {@link #bodyFrom()} to {@link #bodyTo()}, or a subtree's slice. */
    Node[] nodes() {
        return nodes;
    }

    /** Where the function's body starts: its last statement, as children come last to first. */
    int bodyFrom() {
        return bodyFrom;
    }

    /** Where the function's body ends (exclusive). */
    int bodyTo() {
        return bodyTo;
    }

    /** The kind of each node (one of the constants above), where {@link #nodes} has it. */
    byte[] kinds() {
        return kinds;
    }

    /** The end (exclusive) of the subtree whose root is at i. */
    int end(int i) {
        return ends[i];
    }

    /**
     * Where the decorators of the def at i start; from there to the def's end come only they
     * (NodeChildren lists a def's decorators first, so they come last here). The def's end when it
     * has none.
     */
    int decoratorsFrom(int i) {
        List<Expr> decorators = ((Stmt.FunctionNode) nodes[i]).decoratorList();
        return decorators.isEmpty() ? ends[i] : child(i, decorators.get(decorators.size() - 1));
    }

    /** Whether a name loaded, stored or deleted among the nodes from {@code from} to {@code to} is the one given. */
    boolean names(int from, int to, String name) {
        for (int i = from; i < to; i++) {
            if ((kinds[i] == NAME_LOAD || kinds[i] == NAME_BOUND) && ((Expr.Name) nodes[i]).id().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The position of a direct child of the node at parent. */
    int child(int parent, Node child) {
        int j = parent + 1;
        while (nodes[j] != child) {
            j = ends[j];
        }
        return j;
    }
}
