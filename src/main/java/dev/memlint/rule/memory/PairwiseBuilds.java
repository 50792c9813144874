package dev.memlint.rule.memory;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;
import java.util.Set;

/**
 * The statement of a function that collects items pairwise, where a quadratic peak is built: a
 * comprehension over two generators or with a comprehension as its element, or a call that stores
 * into a container ({@code out.append(x)}) inside a loop nested in another loop of the function.
 */
final class PairwiseBuilds {
    private static final Set<String> REDUCING = Set.of("len", "sum", "any", "all", "min", "max");
    private static final Set<String> STORING = Set.of("append", "add", "extend", "insert", "appendleft");

    private PairwiseBuilds() {}

    /** The first such statement in source order, or null. */
    static Stmt first(SemanticModel model, Stmt.FunctionNode f) {
        return first(model, f, f.body());
    }

    /**
     * The first such statement of the block or the blocks nested in it, in source order, f's own:
     * the bodies of the functions it defines are theirs (a class body's statements are f's). Only
     * statements are walked: the expressions are looked into by statement.
     */
    private static Stmt first(SemanticModel model, Stmt.FunctionNode f, List<Stmt> block) {
        for (Stmt s : block) {
            if (s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                    && STORING.contains(a.attr()) && loopDepth(model, s, f) >= 2) {
                return s;
            }
            if (!(s instanceof Stmt.FunctionNode) && !(s instanceof Stmt.ClassDef)
                    && NodeChildren.anyMatch(directExpressions(s), PairwiseBuilds::isPairwiseComprehension)) {
                return s;
            }
            if (!(s instanceof Stmt.FunctionNode)) {
                Stmt found = first(model, f, NodeChildren.childStatements(s));
                if (found != null) return found;
            }
        }
        return null;
    }

    /**
     * Whether the collection the statement builds is a local that is only reduced afterwards: every
     * other use of it is len(x), or an argument of sum, any, all, min or max, directly or as the
     * iterable of a generator expression passed to one. Anything else may keep it.
     */
    static boolean onlyReduced(SemanticModel model, Stmt building) {
        Expr.Name collected = null;
        if (building instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n) collected = n;
        if (building instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute at
                && at.value() instanceof Expr.Name n) collected = n;
        Symbol local = collected == null ? null : model.symbol(collected);
        if (local == null || !local.scope().isFunctionLike() || local.bindings().size() != 1) return false;
        boolean reduced = false;
        for (Expr.Name use : local.uses()) {
            if (use == collected || model.isWithin(use, building)) continue;
            if (!isReduced(model, use)) return false;
            reduced = true;
        }
        return reduced;
    }

    private static boolean isReduced(SemanticModel model, Expr use) {
        Node parent = model.parent(use);
        if (parent instanceof Comprehension c && c.iter() == use && model.parent(c) instanceof Expr.GeneratorExp g) {
            use = g;
            parent = model.parent(g);
        }
        return parent instanceof Expr.Call call && call.args().size() == 1 && call.args().get(0) == use
                && REDUCING.stream().anyMatch(f -> model.isBuiltin(call.func(), f));
    }

    private static int loopDepth(SemanticModel model, Node n, Stmt.FunctionNode f) {
        int depth = 0;
        for (Node loop = model.enclosingLoop(n); loop != null && model.enclosingFunction(loop) == f; loop = model.enclosingLoop(loop)) {
            depth++;
        }
        return depth;
    }

    /** The statement's own expressions, without the statements nested in it (those are visited themselves). */
    private static List<Node> directExpressions(Stmt s) {
        List<Node> own = new java.util.ArrayList<>();
        NodeChildren.forEach(s, c -> { if (c instanceof Expr) own.add(c); });
        return own;
    }

    private static boolean isPairwiseComprehension(Node n) {
        if (n instanceof Expr.ListComp c) return c.generators().size() >= 2 || isComprehension(c.elt());
        if (n instanceof Expr.SetComp c) return c.generators().size() >= 2 || isComprehension(c.elt());
        if (n instanceof Expr.DictComp c) return c.generators().size() >= 2 || isComprehension(c.value());
        return false;
    }

    private static boolean isComprehension(Expr e) {
        return e instanceof Expr.ListComp || e instanceof Expr.SetComp || e instanceof Expr.DictComp;
    }
}
