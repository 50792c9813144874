package dev.memlint.rule.support;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Subtree and ancestry questions the rules share. */
public final class Trees {
    private Trees() {}

    /** Whether some node of the subtrees satisfies the test. */
    public static boolean any(List<? extends Node> roots, Predicate<Node> test) {
        return NodeChildren.anyMatch(roots, test);
    }

    /** Whether ancestor is node itself or one of its syntactic ancestors. */
    public static boolean isWithin(SemanticModel model, Node node, Node ancestor) {
        return model.isWithin(node, ancestor);
    }

    /** Whether node lies inside one of the subtrees. */
    public static boolean isWithinAny(SemanticModel model, Node node, List<? extends Node> roots) {
        for (Node n = node; n != null; n = model.parent(n)) if (SemanticModel.contains(roots, n)) return true;
        return false;
    }

    /** The loads of a symbol that lie inside the given subtrees. */
    public static List<Expr.Name> usesWithin(SemanticModel model, Symbol symbol, List<? extends Node> roots) {
        List<Expr.Name> out = new ArrayList<>();
        for (Expr.Name use : symbol.uses()) if (isWithinAny(model, use, roots)) out.add(use);
        return out;
    }

    /** Whether an expression mentions no name at all (a literal, or arithmetic on literals): its size is fixed in the source. */
    public static boolean isLiteralSized(Expr e) {
        return !any(List.of(e), n -> n instanceof Expr.Name);
    }

    /** The symbol a Name expression refers to, or null for anything else. */
    public static Symbol symbolOf(SemanticModel model, Expr e) {
        return e instanceof Expr.Name n ? model.symbol(n) : null;
    }

    /** Whether e is a small int constant (the literal 0, 1, 2…), returning its value or null. */
    public static Long intConstant(Expr e) {
        if (e instanceof Expr.Constant c && c.value() instanceof java.math.BigInteger b && !(c.value() instanceof Boolean)
                && b.bitLength() < 63) return b.longValue();
        if (e instanceof Expr.UnaryOp u && u.op() == dev.memlint.ast.UnaryOperator.USub) {
            Long v = intConstant(u.operand());
            return v == null ? null : -v;
        }
        return null;
    }
}
