package dev.memlint.rule.support;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Subtree walks and ancestry questions the rules of this package share. */
public final class Trees {
    private Trees() {}

    /** Every node of the subtree under root (root included), pre-order; iterative, so deep trees are fine. */
    public static void walk(Node root, Consumer<Node> visitor) {
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        List<Node> children = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            visitor.accept(n);
            children.clear();
            NodeChildren.forEach(n, children::add);
            for (int i = children.size() - 1; i >= 0; i--) stack.add(children.get(i));
        }
    }

    public static void walk(List<? extends Node> roots, Consumer<Node> visitor) {
        for (Node r : roots) walk(r, visitor);
    }

    /** Whether some node of the subtrees satisfies the test. */
    public static boolean any(List<? extends Node> roots, Predicate<Node> test) {
        boolean[] found = {false};
        walk(roots, n -> found[0] |= test.test(n));
        return found[0];
    }

    /** Whether ancestor is node itself or one of its syntactic ancestors. */
    public static boolean isWithin(SemanticModel model, Node node, Node ancestor) {
        for (Node n = node; n != null; n = model.parent(n)) if (n == ancestor) return true;
        return false;
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
