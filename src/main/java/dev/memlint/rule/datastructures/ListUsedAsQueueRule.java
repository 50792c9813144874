package dev.memlint.rule.datastructures;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Blocks;
import dev.memlint.rule.support.Costs;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

import java.math.BigInteger;
import java.util.List;

/**
 * MEM501: {@code a.pop(0)} or {@code a.insert(0, x)} on a list inside a loop. Each call moves every
 * other element one slot, so draining or filling the list this way is quadratic; a deque does it in
 * constant time at both ends.
 */
@RuleMeta(code = "MEM501", name = "list-used-as-queue", severity = Severity.WARNING,
        summary = "A list is used as a queue (pop(0) or insert(0, x) in a loop); collections.deque does this in constant time.",
        tags = {"performance", "memory"})
public final class ListUsedAsQueueRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Call call) {
        if (!(call.func() instanceof Expr.Attribute a) || !call.keywords().isEmpty()) return;
        boolean front = switch (a.attr()) {
            case "pop" -> call.args().size() == 1 && isZero(call.args().get(0));
            case "insert" -> call.args().size() == 2 && isZero(call.args().get(0));
            default -> false;
        };
        if (!front || ctx.model().typeOf(a.value()) != PyType.LIST) return;
        var loop = ctx.model().enclosingLoop(call);
        if (loop == null || leavesLoopAfter(ctx.model(), call)
                || usedAtOtherPositions(ctx, a.value()) || freshEachIteration(ctx.model(), a.value(), loop)) return;
        // pop(0) on the command-line arguments, a loop over three items: a handful of shifts.
        Costs.Verdict verdict = Costs.perIteration("shifts up to %s items", Costs.sizeOf(ctx, a.value()),
                Costs.runsOf(ctx, call), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        String list = ctx.text(a.value());
        boolean insert = a.attr().equals("insert");
        // The caller gets the list: a deque would change what the function returns.
        String advice = insert && returned(ctx.model(), a.value())
                ? "the function returns the list, so append to it and reverse it once after the loop ("
                        + list + ".reverse())"
                : "use collections.deque (" + (insert ? "appendleft()" : "popleft()") + ")";
        ctx.report(call, "`" + list + "." + a.attr() + "(0" + (insert ? ", ...)" : ")")
                        + "` in a loop shifts every element of the list each time; " + advice)
                .cost(verdict.cost())
                .loop(loop);
    }

    /** Whether the function returns the list itself ({@code return parts}). */
    private static boolean returned(SemanticModel model, Expr list) {
        if (!(list instanceof Expr.Name n)) return false;
        Stmt.FunctionNode f = model.enclosingFunction(list);
        if (f == null) return false;
        return dev.memlint.semantic.NodeChildren.anyMatch(f.body(), x -> x instanceof Stmt.Return r
                && r.value() instanceof Expr.Name v && v.id().equals(n.id()) && model.enclosingFunction(r) == f);
    }

    /** libs = [] inside the loop: each iteration has a new list, which sees one front insert. */
    private static boolean freshEachIteration(SemanticModel model, Expr list, Located loop) {
        if (!(list instanceof Expr.Name n) || model.symbol(n) == null) return false;
        for (var b : model.symbol(n).bindings()) {
            if (b.kind() == dev.memlint.semantic.Binding.Kind.ASSIGNMENT && Trees.isWithin(model, b.node(), loop)) return true;
        }
        return false;
    }

    /** tail.insert(0, x); return ...: the call runs once, on the way out of the loop. */
    private static boolean leavesLoopAfter(SemanticModel model, Expr.Call call) {
        Stmt stmt = model.statementOf(call);
        for (List<Stmt> block : Blocks.of(model.parent(stmt))) {
            int i = Blocks.indexOf(block, stmt);
            if (i < 0) continue;
            for (Stmt s : block.subList(i + 1, block.size())) {
                if (s instanceof Stmt.Break || s instanceof Stmt.Return || s instanceof Stmt.Raise) return true;
            }
        }
        return false;
    }

    /**
     * Whether the same list is also popped or inserted at other positions ({@code args.pop(j)}):
     * a deque makes only its ends cheap, so it is no better there.
     */
    private static boolean usedAtOtherPositions(RuleContext ctx, Expr list) {
        return Trees.any(List.of(ctx.model().module()), n -> n instanceof Expr.Call c
                && c.func() instanceof Expr.Attribute a && Mutations.sameReference(a.value(), list)
                && (a.attr().equals("pop") && c.args().size() == 1 && !isEnd(c.args().get(0))
                    || a.attr().equals("insert") && c.args().size() == 2 && !isEnd(c.args().get(0))));
    }

    /** 0 or -1: an end of the list. */
    private static boolean isEnd(Expr e) {
        Long k = Trees.intConstant(e);
        return k != null && (k == 0 || k == -1);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && BigInteger.ZERO.equals(c.value());
    }
}
