package dev.memlint.rule.laziness;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.Blocks;
import dev.memlint.rule.support.ContainerUses;
import dev.memlint.rule.support.OnePassConsumers;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.support.Costs;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MEM303: a function-local list, filled by a comprehension or by appends in a loop, whose only
 * other use iterates it once ({@code for}, a comprehension, sum/min/max/any/all) or
 * only counts it ({@code len}). A generator (or a counter) would hold one item at a time.
 * Lists whose consuming loop changes what they were built from are left alone: there the list is
 * a snapshot on purpose.
 */
@RuleMeta(code = "MEM303", name = "local-list-iterated-once", severity = Severity.WARNING,
        summary = "A local list is built only to be iterated once or counted.",
        tags = {"memory"})
public final class LocalListIteratedOnceRule implements Rule {

    @Override
    public void init(RuleInit init) {
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        SemanticModel model = ctx.model();
        for (Scope scope : model.scopes()) {
            if (scope.kind() != Scope.Kind.FUNCTION) continue;
            for (Symbol s : scope.symbols()) checkSymbol(ctx, s);
        }
    }

    private void checkSymbol(RuleContext ctx, Symbol s) {
        SemanticModel model = ctx.model();
        if (s.bindings().size() != 1 || s.scope().declaresGlobal(s.name()) || s.scope().declaresNonlocal(s.name())) return;
        Binding b = s.bindings().get(0);
        if (b.kind() != Binding.Kind.ASSIGNMENT || !(b.node() instanceof Stmt.Assign assign)
                || assign.targets().size() != 1 || !(assign.targets().get(0) instanceof Expr.Name)) return;
        boolean comprehension = assign.value() instanceof Expr.ListComp;
        boolean empty = assign.value() instanceof Expr.ListExpr l && l.elts().isEmpty();
        if (!comprehension && !empty) return;
        if (comprehension && !lazyComprehensionPossible(model, (Expr.ListComp) assign.value())) return;
        List<Expr.Name> others = new ArrayList<>();
        List<Node> sources = new ArrayList<>();
        List<Stmt.ForNode> fillingLoops = new ArrayList<>();
        if (comprehension) sources.add(assign.value());
        for (Expr.Name use : s.uses()) {
            Stmt.ForNode fillingLoop = empty ? appendInLoop(model, use, assign) : null;
            if (fillingLoop != null) {
                if (!fillsOnly(model, fillingLoop, s)) return;
                fillingLoops.add(fillingLoop);
                sources.add(fillingLoop);
            } else others.add(use);
        }
        if (others.size() != 1 || (empty && sources.isEmpty())) return;
        Expr.Name use = others.get(0);
        if (model.scopeOf(use) != s.scope() || model.enclosingLoop(use) != model.enclosingLoop(assign)) return;
        String how = consumer(ctx, use, sources);
        if (how == null) return;
        List<Node> builders = new ArrayList<>(fillingLoops);
        builders.add(assign);
        for (Node built : builders) if (snapshotOfResource(model, built, use)) return;
        if (changedBeforeUse(model, assign, use, sources, s.name())) return;
        String fix = how.equals("counted")
                ? "count the items instead (`sum(1 for ...)` or a counter)"
                : "a generator (or doing the work where the items are made) holds one item at a time";
        Costs.Size items = new Costs.Size(SizeProvenance.of(model).ofSymbol(s), "len(" + s.name() + ")");
        Costs.Verdict verdict = Costs.linear("holds all " + items.label() + " items at once", items, Costs.Unknown.SILENT);
        if (verdict.silent()) return;
        ctx.report(assign, "list `" + s.name() + "` is built only to be " + how + " once; " + fix)
                .severity(verdict.severity()).cost(verdict.cost())
                .related(use, how.equals("counted") ? "counted here" : "iterated here");
    }

    /**
     * A comprehension that a generator could replace: not async (its consumer would have to be too)
     * and not over a handful of items written in the source (nothing to save).
     */
    private static boolean lazyComprehensionPossible(SemanticModel model, Expr.ListComp comp) {
        for (Comprehension g : comp.generators()) if (g.isAsync() != 0) return false;
        if (Trees.any(List.of(comp), n -> n instanceof Expr.Await)) return false;
        return true;
    }

    /**
     * Whether the loop that appends to the list does nothing else a generator could not repeat:
     * it is not async, not over a handful of items, fills no other container and sets no name read
     * after it (a loop that also fills other lists or updates a mask must run to the end first).
     */
    private static boolean fillsOnly(SemanticModel model, Stmt.ForNode loop, Symbol list) {
        if (loop instanceof Stmt.AsyncFor) return false;
        boolean[] other = {false};
        for (Stmt st : loop.body()) NodeChildren.walk(st, n -> {
            if (other[0]) return;
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                    && Mutations.MUTATING_METHODS.contains(a.attr())
                    && !(a.value() instanceof Expr.Name r && model.symbol(r) == list)) other[0] = true;
            else if (n instanceof Expr.Name name && name.ctx() != dev.memlint.ast.Ctx.Load
                    && readAfter(model, model.symbol(name), loop)) other[0] = true;
            else if (n instanceof Stmt.AugAssign a && a.target() instanceof Expr.Name name
                    && readAfter(model, model.symbol(name), loop)) other[0] = true;
        });
        return !other[0];
    }

    private static boolean readAfter(SemanticModel model, Symbol sym, Stmt.ForNode loop) {
        if (sym == null) return false;
        for (Expr.Name u : sym.uses()) if (!Trees.isWithin(model, u, loop)) return true;
        return false;
    }

    /**
     * Whether the list is built inside a with block or a try that does not hold its use: it is
     * read while the file, archive or lock is open, and a generator would run after it closes.
     */
    private static boolean snapshotOfResource(SemanticModel model, Node built, Expr.Name use) {
        Node child = built;
        for (Node p = model.parent(built); p != null && !(p instanceof Stmt.FunctionNode); child = p, p = model.parent(p)) {
            boolean guarded = p instanceof Stmt.WithNode
                    || p instanceof Stmt.Try t && SemanticModel.contains(t.body(), child)
                    || p instanceof Stmt.TryStar ts && SemanticModel.contains(ts.body(), child);
            if (guarded && !Trees.isWithin(model, use, p)) return true;
        }
        return false;
    }

    /** The for loop (over a plain iterable) whose body runs name.append(x); null for other uses. */
    /**
     * The outermost for loop (below the list's assignment) whose body runs name.append(x), so that
     * everything the filling does is seen; null for other uses.
     */
    private static Stmt.ForNode appendInLoop(SemanticModel model, Expr.Name use, Stmt.Assign assign) {
        if (!(model.parent(use) instanceof Expr.Attribute a) || !a.attr().equals("append")) return null;
        if (!(model.parent(a) instanceof Expr.Call c) || c.func() != a) return null;
        if (!(model.parent(c) instanceof Stmt.ExprStmt)) return null;
        Located loop = model.enclosingLoop(use);
        if (!(loop instanceof Stmt.ForNode)) return null;
        Stmt.ForNode outer = (Stmt.ForNode) loop;
        for (Located l = model.enclosingLoop(outer); l instanceof Stmt.ForNode f && !Trees.isWithin(model, assign, f);
             l = model.enclosingLoop(f)) outer = f;
        return outer;
    }

    /**
     * "iterated" or "counted" when the single use reads the list in one pass and keeps no item;
     * null otherwise. tuple(), set(), sorted() and "".join() of the list are left alone: they keep
     * every item anyway, so a generator saves nothing and is slower.
     */
    private static String consumer(RuleContext ctx, Expr.Name use, List<Node> sources) {
        SemanticModel model = ctx.model();
        Node parent = model.parent(use);
        if (parent instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0) == use && c.keywords().isEmpty()) {
            if (model.isBuiltin(c.func(), "len")) return "counted";
            if (OnePassConsumers.reduces(model, c)) return "iterated";
            if (model.isBuiltin(c.func(), "enumerate")) {
                parent = model.parent(c);
                if (!(parent instanceof Stmt.ForNode f && f.iter() == c)) return null;
                return changesSources(model, f.body(), sources) ? null : "iterated";
            }
            return null;
        }
        if (parent instanceof Stmt.ForNode f && f.iter() == use) {
            return changesSources(model, f.body(), sources) ? null : "iterated";
        }
        if (parent instanceof Comprehension c && c.iter() == use) return "iterated";
        return null;
    }

    /**
     * Whether the consuming loop changes a name the list was built from, or may change what it
     * iterated through a call ({@code for k in keys: self.discard(k)}): the list is then a snapshot.
     */
    private static boolean changesSources(SemanticModel model, List<Stmt> body, List<Node> sources) {
        Set<String> names = sourceNames(sources);
        for (Stmt st : body) if (changes(st, names)) return true;
        return ContainerUses.mayChangeThroughCalls(model, body, iteratedRoots(model, sources));
    }

    /** The names the sources iterate from: d for [k for k in d.keys()], self for a loop over self.items. */
    private static Set<String> iteratedRoots(SemanticModel model, List<Node> sources) {
        List<Expr> iters = new ArrayList<>();
        for (Node src : sources) {
            if (src instanceof Expr.ListComp c) for (Comprehension g : c.generators()) iters.add(g.iter());
            if (src instanceof Stmt.ForNode f) iters.add(f.iter());
        }
        return ContainerUses.containerRoots(model, iters);
    }

    /**
     * Whether a statement between the list's assignment and its use changes what it was built
     * from ({@code wrs = [ref(s) for s in nodes]; del nodes; gc.collect()}): the list holds values
     * taken before, which a generator would take after.
     */
    private static boolean changedBeforeUse(SemanticModel model, Stmt.Assign assign, Expr.Name use, List<Node> sources,
                                            String list) {
        Set<String> names = sourceNames(sources);
        names.remove(list);
        for (List<Stmt> block : Blocks.of(model.parent(assign))) {
            int i = Blocks.indexOf(block, assign);
            if (i < 0) continue;
            for (Stmt st : block.subList(i + 1, block.size())) {
                if (Trees.isWithin(model, use, st)) return false;
                if (sources.stream().anyMatch(src -> Trees.isWithin(model, src, st))) continue; // the filling loop
                if (changes(st, names) || Trees.any(List.of(st), n -> n instanceof Stmt.Delete)) return true;
            }
        }
        return false;
    }

    private static Set<String> sourceNames(List<Node> sources) {
        Set<String> names = new HashSet<>();
        for (Node src : sources) NodeChildren.walk(src, n -> {
            if (n instanceof Expr.Name name) names.add(name.id());
        });
        return names;
    }

    /** A mutation of one of the names (or something reached from it), or setattr/delattr on it. */
    private static boolean changes(Stmt st, Set<String> names) {
        if (Mutations.mutates(st, e -> rootName(e) != null && names.contains(rootName(e)))) return true;
        return Trees.any(List.of(st), n -> n instanceof Expr.Call c && c.func() instanceof Expr.Name f
                && (f.id().equals("setattr") || f.id().equals("delattr")) && !c.args().isEmpty()
                && rootName(c.args().get(0)) != null && names.contains(rootName(c.args().get(0))));
    }

    private static String rootName(Expr e) {
        while (e instanceof Expr.Attribute a) e = a.value();
        while (e instanceof Expr.Subscript s) e = s.value();
        return e instanceof Expr.Name n ? n.id() : null;
    }
}
