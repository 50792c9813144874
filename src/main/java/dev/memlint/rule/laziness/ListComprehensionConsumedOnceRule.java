package dev.memlint.rule.laziness;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ContainerUses;
import dev.memlint.rule.support.OnePassConsumers;
import dev.memlint.rule.support.Costs;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MEM301: a list comprehension whose list is only iterated once by a consumer that keeps none of
 * its items (sum, min, max, any, all; enumerate and zip when a for loop, a comprehension or one of
 * those reads them) or by a for loop. Consumers that keep every item (tuple, set, sorted, dict,
 * str.join, sum with a list start, ...) are left alone: a generator would save no memory there and
 * is slower (see {@link OnePassConsumers}).
 */
@RuleMeta(code = "MEM301", name = "list-comprehension-consumed-once", severity = Severity.WARNING,
        summary = "A list comprehension is built only to be iterated once, where a generator expression holds one item at a time.",
        tags = {"memory"})
public final class ListComprehensionConsumedOnceRule implements Rule {
    /**
     * Consumers and whether switching to a generator is safe: those that stop early (any, all) or hand
     * items out lazily (enumerate, zip) would no longer evaluate every element.
     */
    private static final Map<String, Fix.Applicability> CONSUMERS = Map.ofEntries(
            Map.entry("sum", Fix.Applicability.SAFE), Map.entry("min", Fix.Applicability.SAFE),
            Map.entry("max", Fix.Applicability.SAFE), Map.entry("any", Fix.Applicability.UNSAFE),
            Map.entry("all", Fix.Applicability.UNSAFE), Map.entry("enumerate", Fix.Applicability.UNSAFE),
            Map.entry("zip", Fix.Applicability.UNSAFE));

    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::call);
        init.on(Stmt.ForNode.class, this::forLoop);
    }

    private void call(RuleContext ctx, Expr.Call call) {
        if (!(call.func() instanceof Expr.Name name) || !CONSUMERS.containsKey(name.id())
                || !ctx.model().isBuiltin(name, name.id())) return;
        // sum(parts, []) keeps every item (MEM203 reports it); zip(...) into list() or dict() too.
        if (OnePassConsumers.keepsEveryItem(ctx.model(), call)) return;
        if ((name.id().equals("zip") || name.id().equals("enumerate")) && !readOnce(ctx.model(), call)) return;
        for (int i = 0; i < call.args().size(); i++) {
            if (!(call.args().get(i) instanceof Expr.ListComp comp)) continue;
            if (i > 0 && !name.id().equals("zip")) continue; // sum(xs, start) etc.: only the iterable counts
            if (isAsync(comp)) continue;
            Costs.Verdict verdict = heldAtOnce(ctx, comp);
            if (verdict.silent()) continue;
            boolean sole = call.args().size() == 1 && call.keywords().isEmpty();
            String inner = innerText(ctx, comp);
            ctx.report(comp, "list comprehension passed to " + name.id() + "() is built in full and then "
                            + "iterated once; a generator expression holds one item at a time")
                    .severity(verdict.severity()).cost(verdict.cost())
                    .fix("Use a generator expression", CONSUMERS.get(name.id()),
                            ctx.replace(comp, sole ? inner : "(" + inner + ")"));
        }
    }

    private void forLoop(RuleContext ctx, Stmt.ForNode loop) {
        if (!(loop.iter() instanceof Expr.ListComp comp) || isAsync(comp)) return;
        // for k in [k for k in d if ...]: del d[k] — the list is a snapshot of what the body changes.
        if (bodyChangesSources(ctx.model(), loop, comp)) return;
        Costs.Verdict verdict = heldAtOnce(ctx, comp);
        if (verdict.silent()) return;
        ctx.report(comp, "list comprehension iterated once by a for loop is built in full first; "
                        + "a generator expression holds one item at a time")
                .severity(verdict.severity()).cost(verdict.cost())
                .fix("Use a generator expression", Fix.Applicability.UNSAFE,
                        ctx.replace(comp, "(" + innerText(ctx, comp) + ")"));
    }

    /** A linear saving: worth a note only when the items come from input (a parameter, a file...). */
    private static Costs.Verdict heldAtOnce(RuleContext ctx, Expr.ListComp comp) {
        Costs.Size items = Costs.itemsOf(ctx, comp);
        return Costs.linear("holds all " + items.label() + " items at once", items, Costs.Unknown.SILENT);
    }

    /** Whether the items of a lazy call are read once and dropped: by a for loop, a comprehension, or a reducing call. */
    private static boolean readOnce(SemanticModel model, Expr.Call lazy) {
        Node parent = model.parent(lazy);
        if (parent instanceof Stmt.ForNode f) return f.iter() == lazy;
        if (parent instanceof Comprehension c) return c.iter() == lazy;
        return parent instanceof Expr.Call outer && OnePassConsumers.reduces(model, outer);
    }

    /** Whether the loop changes what the comprehension read, directly or through a call (self.discard(k)). */
    private static boolean bodyChangesSources(SemanticModel model, Stmt.ForNode loop, Expr.ListComp comp) {
        List<Expr> sources = new ArrayList<>();
        List<Expr> iters = new ArrayList<>();
        for (Comprehension g : comp.generators()) {
            iters.add(g.iter());
            NodeChildren.walk(g.iter(), n -> {
                if (n instanceof Expr.Name || n instanceof Expr.Attribute) sources.add((Expr) n);
            });
        }
        for (Stmt s : loop.body()) {
            if (Mutations.mutates(s, e -> sources.stream().anyMatch(src -> Mutations.sameReference(src, e)))) return true;
        }
        return ContainerUses.mayChangeThroughCalls(model, loop.body(), ContainerUses.containerRoots(model, iters));
    }

    /** The comprehension without its brackets. */
    private static String innerText(RuleContext ctx, Expr.ListComp comp) {
        String text = ctx.text(comp);
        return text.substring(1, text.length() - 1);
    }

    /** Async comprehensions and awaits have no plain generator-expression equivalent for these consumers. */
    private static boolean isAsync(Expr.ListComp comp) {
        for (Comprehension g : comp.generators()) if (g.isAsync() != 0) return true;
        boolean[] await = {false};
        NodeChildren.walk(comp, n -> { if (n instanceof Expr.Await) await[0] = true; });
        return await[0];
    }
}
