package dev.memlint.ast;

/**
 * Which family a node belongs to, looked up once per class. memlint runs on the C1 compiler, where
 * a type test against an interface that fails (is this statement an Expr?) scans the class's
 * interfaces in a slow stub every time: hot tree walks ask here, or test the record classes.
 */
public final class NodeKinds {
    private NodeKinds() {}

    private static final int EXPR = 1;
    private static final int STMT = 2;
    private static final int PATTERN = 3;
    private static final int TYPE_PARAM = 4;

    private static final ClassValue<Integer> FAMILY = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            return Expr.class.isAssignableFrom(c) ? EXPR : Stmt.class.isAssignableFrom(c) ? STMT
                    : Pattern.class.isAssignableFrom(c) ? PATTERN : TypeParam.class.isAssignableFrom(c) ? TYPE_PARAM : 0;
        }
    };

    public static boolean isExpr(Node n) {
        return FAMILY.get(n.getClass()) == EXPR;
    }

    public static boolean isStmt(Node n) {
        return FAMILY.get(n.getClass()) == STMT;
    }

    public static boolean isPattern(Node n) {
        return FAMILY.get(n.getClass()) == PATTERN;
    }

    public static boolean isTypeParam(Node n) {
        return FAMILY.get(n.getClass()) == TYPE_PARAM;
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
