package dev.memlint.ast;

/**
 * Which family a node belongs to, as the node says ({@link Node#family()}). memlint runs on the C1
 * compiler, where a type test against an interface that fails (is this statement an Expr?) scans
 * the class's interfaces in a slow stub every time: hot tree walks ask here, or test the record classes.
 */
public final class NodeKinds {
    private NodeKinds() {}

    static final int OTHER = 0;
    static final int EXPR = 1;
    static final int STMT = 2;
    static final int PATTERN = 3;
    static final int TYPE_PARAM = 4;

    public static boolean isExpr(Node n) {
        return n.family() == EXPR;
    }

    public static boolean isStmt(Node n) {
        return n.family() == STMT;
    }

    public static boolean isPattern(Node n) {
        return n.family() == PATTERN;
    }

    public static boolean isTypeParam(Node n) {
        return n.family() == TYPE_PARAM;
    }

    public static boolean isFunction(Node n) {
        return n instanceof Stmt.FunctionDef || n instanceof Stmt.AsyncFunctionDef;
    }

    public static boolean isFor(Node n) {
        return n instanceof Stmt.For || n instanceof Stmt.AsyncFor;
    }

    public static boolean isWith(Node n) {
        return n instanceof Stmt.With || n instanceof Stmt.AsyncWith;
    }
}
