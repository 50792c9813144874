package dev.memlint.rule.laziness;

import dev.memlint.memory.provenance.Provenance;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.support.Costs;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.FindingBuilder;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.rule.support.ContainerUses;
import dev.memlint.rule.support.OnePassConsumers;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MEM304: a private function (a leading underscore, or nested in another function, so no other
 * module calls it) that builds a list, by appends or a comprehension, and returns it, where every
 * call in the module only iterates the result once. As a generator it would hold one item at a time.
 */
@RuleMeta(code = "MEM304", name = "list-returned-for-one-pass", severity = Severity.NOTE,
        summary = "A function builds and returns a list that every caller only iterates once.",
        tags = {"memory"})
public final class ListReturnedForOnePassRule implements Rule {

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.FunctionDef.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.FunctionDef f) {
        SemanticModel model = ctx.model();
        boolean nested = model.enclosingFunction(f) != null;
        boolean privateName = f.name().startsWith("_") && !f.name().endsWith("__");
        if (!nested && !(privateName && model.parent(f) instanceof Module)) return;
        if (!f.decoratorList().isEmpty() || !buildsAndReturnsList(model, f)) return;
        Symbol s = model.scopeOf(f).symbol(f.name());
        if (s == null || s.bindings().size() != 1 || s.bindings().get(0).kind() != Binding.Kind.FUNCTION) return;
        List<Expr.Call> calls = new ArrayList<>();
        for (Expr.Name use : s.uses()) {
            if (!(model.parent(use) instanceof Expr.Call c) || c.func() != use || !iteratedOnce(model, c)) return;
            calls.add(c);
        }
        if (calls.isEmpty()) return;
        Costs.Size items = new Costs.Size(returnedSize(model, f), "len(" + f.name() + "(...))");
        Costs.Verdict verdict = Costs.linear("holds all " + items.label() + " items at once", items, Costs.Unknown.SILENT);
        if (verdict.silent()) return;
        FindingBuilder finding = ctx.report(header(f), "`" + f.name() + "` builds and returns a list, and every call "
                + "here only iterates over it once; as a generator (`yield`) it would hold one item at a time")
                .severity(verdict.severity()).cost(verdict.cost());
        for (Expr.Call c : calls) finding.related(c, "iterated once here");
    }

    /** The largest list any return statement of f returns. */
    private static Provenance returnedSize(SemanticModel model, Stmt.FunctionDef f) {
        Provenance[] size = {Provenance.constant(0)};
        for (Stmt st : f.body()) NodeChildren.walk(st, n -> {
            if (n instanceof Stmt.Return r && r.value() != null && model.enclosingFunction(r) == f) {
                size[0] = size[0].join(SizeProvenance.of(model).size(r.value()));
            }
        });
        return size[0];
    }

    /** Every return returns a comprehension, or a local made as [] that the function only appends to. */
    private static boolean buildsAndReturnsList(SemanticModel model, Stmt.FunctionDef f) {
        List<Stmt.Return> returns = new ArrayList<>();
        boolean[] generator = {false};
        for (Stmt st : f.body()) NodeChildren.walk(st, n -> {
            if (n instanceof Stmt.Return r && model.enclosingFunction(r) == f) returns.add(r);
            if ((n instanceof Expr.Yield || n instanceof Expr.YieldFrom || n instanceof Expr.Await)
                    && model.scopeOf(n) == model.scopeCreatedBy(f)) generator[0] = true;
        });
        if (returns.isEmpty() || generator[0]) return false;
        for (Stmt.Return r : returns) {
            if (r.value() instanceof Expr.ListComp) continue;
            if (!(r.value() instanceof Expr.Name n) || !isAppendOnlyLocal(model, n, f)) return false;
        }
        return true;
    }

    private static boolean isAppendOnlyLocal(SemanticModel model, Expr.Name n, Stmt.FunctionDef f) {
        Symbol s = model.symbol(n);
        if (s == null || s.scope() != model.scopeCreatedBy(f) || s.bindings().size() != 1) return false;
        Binding b = s.bindings().get(0);
        if (!(b.value() instanceof Expr.ListExpr l) || !l.elts().isEmpty()) return false;
        for (Expr.Name use : s.uses()) {
            Node p = model.parent(use);
            if (p instanceof Stmt.Return) continue;
            if (p instanceof Expr.Attribute a && a.attr().equals("append") && model.parent(a) instanceof Expr.Call c
                    && c.func() == a && model.parent(c) instanceof Stmt.ExprStmt) continue;
            return false;
        }
        return true;
    }

    private static boolean iteratedOnce(SemanticModel model, Expr.Call call) {
        Node p = model.parent(call);
        if (p instanceof Stmt.ForNode f && f.iter() == call) return !changesArguments(model, f, call);
        if (p instanceof Comprehension c && c.iter() == call) return true;
        if (p instanceof Expr.Call outer && outer.args().size() == 1 && outer.args().get(0) == call
                && outer.keywords().isEmpty()) {
            if (OnePassConsumers.reduces(model, outer)) return true; // not tuple(), sorted(): they keep every item
            return model.isBuiltin(outer.func(), "enumerate") && model.parent(outer) instanceof Stmt.ForNode f
                    && f.iter() == outer;
        }
        return false;
    }

    /**
     * Whether the loop over the call's result changes what the call was given
     * ({@code for p in _entries(cache): del cache[p]}): the list is then a snapshot, and a generator
     * would read the container while the loop changes it.
     */
    private static boolean changesArguments(SemanticModel model, Stmt.ForNode loop, Expr.Call call) {
        List<Expr> args = new ArrayList<>(call.args());
        for (Keyword k : call.keywords()) args.add(k.value());
        Set<String> roots = ContainerUses.containerRoots(model, args);
        if (roots.isEmpty()) return false;
        for (Stmt st : loop.body()) {
            if (Mutations.mutates(st, e -> roots.contains(ContainerUses.rootName(e)))) return true;
        }
        return ContainerUses.mayChangeThroughCalls(model, loop.body(), roots);
    }

    /** "def name": the def's first line up to the end of its name. */
    private static Located header(Stmt.FunctionDef f) {
        Pos p = f.pos();
        int end = p.col() + "def ".length() + f.name().getBytes(StandardCharsets.UTF_8).length;
        Pos header = new Pos(p.line(), p.col(), p.line(), end);
        return () -> header;
    }
}
