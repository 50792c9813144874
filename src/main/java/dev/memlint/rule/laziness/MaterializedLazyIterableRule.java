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
import dev.memlint.rule.support.Costs;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MEM302: a lazy iterable (range, map, zip, filter, a dict view, a generator...) turned into a list
 * only to be iterated once by a for loop or a one-pass consumer. Copies made on purpose, so that the
 * loop may change the container they come from, are left alone.
 */
@RuleMeta(code = "MEM302", name = "materialized-lazy-iterable", severity = Severity.WARNING,
        summary = "A lazy iterable is copied into a list only to be iterated once.",
        tags = {"memory"})
public final class MaterializedLazyIterableRule implements Rule {
    private static final Set<String> LAZY_BUILTINS = Set.of("range", "map", "zip", "filter", "enumerate", "reversed");
    private static final Set<String> VIEWS = Set.of("keys", "values", "items");
    private static final Set<String> CONSUMERS = Set.of("sum", "min", "max", "any", "all", "set", "frozenset",
            "tuple", "sorted", "dict");

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.ForNode.class, (ctx, loop) -> check(ctx, loop.iter(), loop.body(), "a for loop"));
        init.on(Expr.Call.class, this::consumer);
        // The comprehension's own element and conditions play the loop body's part.
        init.on(Comprehension.class, (ctx, c) -> check(ctx, c.iter(), List.of(ctx.model().parent(c)), "a comprehension"));
    }

    private void consumer(RuleContext ctx, Expr.Call call) {
        if (call.args().size() != 1 || !(call.func() instanceof Expr.Name name) || !CONSUMERS.contains(name.id())
                || !ctx.model().isBuiltin(name, name.id())) return;
        check(ctx, call.args().get(0), List.of(), name.id() + "()");
    }

    private void check(RuleContext ctx, Expr iter, List<? extends Node> body, String consumer) {
        Expr lazy = materializedArgument(ctx.model(), iter);
        if (lazy == null) return;
        String kind = lazyKind(ctx.model(), lazy);
        if (kind == null || changedIn(body, lazy) || (!kind.equals("range") && suspends(body))) return;
        Costs.Size items = Costs.itemsOf(ctx, lazy);
        // range(4), a view of a dict written in the source: listing it costs a handful of slots.
        // sorted() makes a list of every item itself: the list() is a second one, not the only copy.
        boolean sorted = consumer.equals("sorted()");
        Costs.Verdict verdict = Costs.linear((sorted ? "holds a second list of all " : "holds all ") + items.label()
                + (sorted ? " items" : " items at once"), items, Costs.Unknown.SILENT);
        if (verdict.silent()) return;
        Fix.Applicability safety = kind.equals("range") ? Fix.Applicability.SAFE : Fix.Applicability.UNSAFE;
        ctx.report(iter, sorted
                        ? "the " + kind + " is copied into a list that sorted() copies again into a list of its own; "
                                + "pass the " + kind + " to sorted() directly"
                        : "the " + kind + " is copied into a list only to be iterated once by " + consumer
                                + "; iterate it directly")
                .severity(verdict.severity()).cost(verdict.cost())
                .fix("Iterate the " + kind + " directly", safety, ctx.replace(iter, ctx.text(lazy)));
    }

    /** X of list(X) or [*X]; null for anything else. */
    private static Expr materializedArgument(SemanticModel model, Expr e) {
        if (e instanceof Expr.Call c && model.isBuiltin(c.func(), "list") && c.args().size() == 1
                && c.keywords().isEmpty() && !(c.args().get(0) instanceof Expr.Starred)) return c.args().get(0);
        if (e instanceof Expr.ListExpr l && l.elts().size() == 1 && l.elts().get(0) instanceof Expr.Starred s) {
            return s.value();
        }
        return null;
    }

    /** What lazy iterable e is ("range", "map object", "dict view"...), or null when not known lazy. */
    private static String lazyKind(SemanticModel model, Expr e) {
        if (e instanceof Expr.GeneratorExp) return "generator expression";
        if (e instanceof Expr.Call c) {
            if (c.func() instanceof Expr.Name n && LAZY_BUILTINS.contains(n.id()) && model.isBuiltin(n, n.id())) {
                return n.id().equals("range") ? "range" : n.id() + " iterator";
            }
            if (c.func() instanceof Expr.Attribute a && VIEWS.contains(a.attr()) && c.args().isEmpty()
                    && c.keywords().isEmpty() && model.typeOf(a.value()) == PyType.DICT && isFunctionLocal(model, a.value())) {
                return "dict view";
            }
        }
        PyType t = model.typeOf(e);
        if (t == PyType.RANGE) return "range";
        if (t == PyType.GENERATOR) return "generator";
        return null;
    }

    /**
     * Copying a dict view is also how code guards against other threads (or callbacks) changing a
     * shared dict mid-iteration; only a function's own local dict, which no nested function can
     * reach, is known to be left alone.
     */
    private static boolean isFunctionLocal(SemanticModel model, Expr e) {
        if (!(e instanceof Expr.Name n)) return false;
        var sym = model.symbol(n);
        if (sym == null || !sym.scope().isFunctionLike() || sym.isReboundElsewhere()) return false;
        for (Expr.Name use : sym.uses()) {
            var scope = model.scopeOf(use);
            while (scope.kind() == dev.memlint.semantic.Scope.Kind.COMPREHENSION) scope = scope.parent();
            if (scope != sym.scope()) return false;
        }
        return true;
    }

    /** Whether the loop body changes a container or name the lazy iterable reads from. */
    private static boolean changedIn(List<? extends Node> body, Expr lazy) {
        List<Expr> sources = new ArrayList<>();
        NodeChildren.walk(lazy, n -> {
            if (n instanceof Expr.Name || n instanceof Expr.Attribute) sources.add((Expr) n);
        });
        for (Node s : body) {
            if (Mutations.mutates(s, e -> sources.stream().anyMatch(src -> Mutations.sameReference(src, e)))) return true;
        }
        return false;
    }

    /** A yield or await in the body lets other code run (and change the source) between items. */
    private static boolean suspends(List<? extends Node> body) {
        boolean[] found = {false};
        for (Node s : body) NodeChildren.walk(s, n -> {
            if (n instanceof Expr.Yield || n instanceof Expr.YieldFrom || n instanceof Expr.Await) found[0] = true;
        });
        return found[0];
    }
}
