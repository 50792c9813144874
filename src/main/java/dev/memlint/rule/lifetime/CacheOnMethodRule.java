package dev.memlint.rule.lifetime;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.SemanticModel;

/**
 * MEM602: functools.lru_cache or functools.cache on an instance method. The cache is global to the
 * class and keys on self, so every instance ever used stays alive as long as the cache does.
 */
@RuleMeta(code = "MEM602", name = "cache-on-method", severity = Severity.WARNING,
        summary = "functools.lru_cache/cache on a method keeps every instance it was called on alive.",
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
            ctx.report(d, "@" + kind.substring("functools.".length()) + " on method `" + f.name() + "` caches by "
                    + "`self`: every instance it is called on stays alive as long as the class-wide cache"
                    + (CacheDecorators.isUnbounded(model, d) ? ", which never evicts" : ""));
        }
    }
}
