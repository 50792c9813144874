package dev.memlint.parse;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.BinOp;
import dev.memlint.ast.Expr.Constant;
import dev.memlint.ast.Expr.TupleExpr;
import dev.memlint.ast.Expr.UnaryOp;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which expressions CPython 3.8 and 3.9 fold into one constant before the compiler counts its depth
 * (their AST optimizer had no depth limit, so `- - ... 1` is one node to the compiler): a unary
 * operator on a number (`not` on any constant), `+` and `-` on numbers, `+` on two strings, bytes or
 * tuples, `|`, `&`, `^` on ints, a tuple of constants. Other operators (`*`, `/`, `%`, `**`, shifts)
 * fold only within size limits or without a zero divisor: taken as not folding.
 * Results are kept per instance, so each node is evaluated once.
 */
final class ConstantFolding {
    private static final int NO = 0, INT = 1, FLOAT = 2, COMPLEX = 3, STR = 4, BYTES = 5, TUPLE = 6, OTHER = 7;

    private final Map<Expr, Integer> kinds = new IdentityHashMap<>();

    /** Whether e becomes a single constant. */
    boolean folds(Expr e) {
        return kind(e) != NO;
    }

    void clear() {
        kinds.clear();
    }

    /** Evaluated children first, without recursion (the operands may nest thousands deep). */
    private int kind(Expr root) {
        ArrayDeque<Expr> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Expr e = pending.peek();
            if (kinds.containsKey(e)) {
                pending.pop();
                continue;
            }
            Expr missing = firstUnevaluated(e);
            if (missing != null) {
                pending.push(missing);
                continue;
            }
            pending.pop();
            kinds.put(e, evaluate(e));
        }
        return kinds.get(root);
    }

    private Expr firstUnevaluated(Expr e) {
        if (e instanceof UnaryOp u) return kinds.containsKey(u.operand()) ? null : u.operand();
        if (e instanceof BinOp b) {
            // The right operand first: a chain of names fails at once, without walking down the left.
            if (!kinds.containsKey(b.right())) return b.right();
            if (kinds.get(b.right()) == NO) return null;
            return kinds.containsKey(b.left()) ? null : b.left();
        }
        if (e instanceof TupleExpr t && t.ctx() == Ctx.Load) {
            for (Expr x : t.elts()) {
                if (!kinds.containsKey(x)) return x;
                if (kinds.get(x) == NO) return null;
            }
        }
        return null;
    }

    private int evaluate(Expr e) {
        if (e instanceof Constant c) return constant(c.value());
        if (e instanceof UnaryOp u) {
            int k = kinds.get(u.operand());
            if (k == NO) return NO;
            return switch (u.op()) {
                case Not -> INT;
                case UAdd, USub -> isNumber(k) ? k : NO;
                case Invert -> k == INT ? INT : NO;
            };
        }
        if (e instanceof BinOp b) {
            int r = kinds.get(b.right());
            if (r == NO) return NO;
            int l = kinds.get(b.left());
            return switch (b.op()) {
                case Add -> isNumber(l) && isNumber(r) ? Math.max(l, r) : l == r && l >= STR && l <= TUPLE ? l : NO;
                case Sub -> isNumber(l) && isNumber(r) ? Math.max(l, r) : NO;
                case BitOr, BitAnd, BitXor -> l == INT && r == INT ? INT : NO;
                default -> NO;
            };
        }
        if (e instanceof TupleExpr t && t.ctx() == Ctx.Load) {
            for (Expr x : t.elts()) if (kinds.get(x) == NO) return NO;
            return TUPLE;
        }
        return NO;
    }

    private static boolean isNumber(int kind) {
        return kind == INT || kind == FLOAT || kind == COMPLEX;
    }

    private static int constant(Object v) {
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) return INT;
        if (v instanceof Double) return FLOAT;
        if (v instanceof Complex) return COMPLEX;
        if (v instanceof String) return STR;
        if (v instanceof Bytes) return BYTES;
        return OTHER;
    }
}
