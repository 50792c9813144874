package dev.memlint.rule.lifetime;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.rule.RuleContext;
import dev.memlint.semantic.SemanticModel;

/** Recognises functools.cache / functools.lru_cache decorators and whether their cache is bounded. */
final class CacheDecorators {
    private CacheDecorators() {}

    /** "functools.cache" or "functools.lru_cache" when d is one of them (called or not), else null. */
    static String cacheKind(SemanticModel model, Expr d) {
        Expr f = d instanceof Expr.Call c ? c.func() : d;
        String q = model.qualifiedName(f);
        return "functools.cache".equals(q) || "functools.lru_cache".equals(q) ? q : null;
    }

    /** Whether the decorator's cache has no size limit: @cache, @lru_cache(None), @lru_cache(maxsize=None). */
    static boolean isUnbounded(SemanticModel model, Expr d) {
        String kind = cacheKind(model, d);
        if (kind == null) return false;
        if (kind.equals("functools.cache")) return true;
        if (!(d instanceof Expr.Call c)) return false; // bare @lru_cache: 128 entries
        if (!c.args().isEmpty()) return isNone(c.args().get(0));
        for (Keyword k : c.keywords()) if ("maxsize".equals(k.arg())) return isNone(k.value());
        return false;
    }

    /** The size limit of a bounded cache decorator as written: "256", "128" for a bare @lru_cache, or the expression. */
    static String maxsizeText(RuleContext ctx, Expr d) {
        if (!(d instanceof Expr.Call c)) return "128";
        if (!c.args().isEmpty()) return ctx.text(c.args().get(0));
        for (Keyword k : c.keywords()) if ("maxsize".equals(k.arg())) return ctx.text(k.value());
        return "128";
    }

    private static boolean isNone(Expr e) {
        return e instanceof Expr.Constant c && c.value() == null;
    }
}
