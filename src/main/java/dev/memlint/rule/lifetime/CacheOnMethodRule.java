package dev.memlint.rule.lifetime;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Instantiations;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;

/**
 * MEM602: functools.lru_cache or functools.cache on an instance method. The cache belongs to the
 * function and keys on self. Without a size limit it keeps every instance ever used alive as long
 * as the class. With one it keeps at most maxsize of them, which matters only when instances are
 * many and short-lived: the rule then wants evidence, a call of the class in a loop of this module
 * whose instance dies with its iteration (so the cache is what keeps it).
 */
@RuleMeta(code = "MEM602", name = "cache-on-method", severity = Severity.WARNING,
        summary = "functools.lru_cache/cache on a method keeps instances it was called on alive.",
        tags = {"memory", "leak"})
public final class CacheOnMethodRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.FunctionNode.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.FunctionNode f) {
        SemanticModel model = ctx.model();
        if (!(model.parent(f) instanceof Stmt.ClassDef cls) || !SemanticModel.contains(cls.body(), f)) return;
        if (f.args().posonlyargs().isEmpty() && f.args().args().isEmpty()) return;
        if (f.name().equals("__new__") || f.name().equals("__init_subclass__") || f.name().equals("__class_getitem__"))
            return; // implicitly static or class methods: the cache is keyed by the class, which lives anyway
        for (Expr d : f.decoratorList()) {
            if (model.isBuiltin(d, "staticmethod") || model.isBuiltin(d, "classmethod")) return;
        }
        for (Expr d : f.decoratorList()) {
            String kind = CacheDecorators.cacheKind(model, d);
            if (kind == null) continue;
            String name = "@" + kind.substring("functools.".length());
            if (CacheDecorators.isUnbounded(model, d)) {
                if (isModuleSingleton(model, cls)) continue; // the one instance lives as long as the class anyway
                ctx.report(d, name + " on method `" + f.name() + "` caches by `self` and never evicts: every "
                        + "instance it is called on stays alive as long as the class");
                continue;
            }
            String maxsize = CacheDecorators.maxsizeText(ctx, d);
            if (maxsize.equals("0")) continue; // caches nothing
            Expr.Call site = shortLivedInstanceInLoop(model, cls);
            if (site == null) continue; // a bounded memo on long-lived or few instances: a design choice
            ctx.report(d, name + " on method `" + f.name() + "` caches by `self`: `" + cls.name()
                            + "` is instantiated in a loop, and the cache keeps up to "
                            + (maxsize.matches("[0-9_]+") ? maxsize : "`" + maxsize + "`")
                            + " of these instances alive after their last use")
                    .related(site, "a new `" + cls.name() + "` for each iteration, dropped after it");
        }
    }

    /**
     * The module makes its one instance at its top level ({@code MANAGER = Manager()}) and calls the
     * class nowhere else: that instance lives as long as the module, cache or not.
     */
    private static boolean isModuleSingleton(SemanticModel model, Stmt.ClassDef cls) {
        if (model.parent(cls) != model.module()) return false;
        Symbol s = model.moduleScope().symbol(cls.name());
        if (s == null) return false;
        int calls = 0;
        for (Expr.Name use : s.uses()) {
            if (!(model.parent(use) instanceof Expr.Call c) || c.func() != use) continue;
            Node statement = model.parent(c);
            if (!(statement instanceof Stmt.Assign || statement instanceof Stmt.AnnAssign)
                    || model.parent(statement) != model.module()) return false;
            calls++;
        }
        return calls == 1;
    }

    /** A call of the class in a loop of this module whose instance does not outlive its iteration. */
    private static Expr.Call shortLivedInstanceInLoop(SemanticModel model, Stmt.ClassDef cls) {
        List<Expr.Call> sites = Instantiations.inLoops(model, cls);
        if (sites == null) return null;
        for (Expr.Call c : sites) if (!Instantiations.outlivesIteration(model, c)) return c;
        return null;
    }
}
