package dev.memlint.rule.lifetime;

import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * MEM603: caches that only grow. {@code @functools.cache} / {@code @lru_cache(maxsize=None)} on a
 * module-level function, and a module-level dict or set that a function uses as a memo (looks a key
 * up and stores it) while nothing ever removes entries.
 */
// Off by default: whether a cache is a leak depends on how many distinct keys its callers pass, which
// the source rarely shows; on the 3.11 stdlib and site-packages about a third of the caches it finds
// have a handful of keys (classes, names, versions).
@RuleMeta(code = "MEM603", name = "unbounded-cache", severity = Severity.NOTE, defaultEnabled = false,
        precision = "medium",
        summary = "A cache without a size limit or eviction keeps every entry for the life of the process.",
        tags = {"memory", "leak"})
public final class UnboundedCacheRule implements Rule {
    /** Lookups; setdefault is left out: registries use it to add without ever looking anything up. */
    private static final Set<String> READS = Set.of("get", "__contains__", "__getitem__");
    private static final Set<String> ADDS = Set.of("setdefault", "add", "update", "__setitem__");
    private static final Set<String> HARMLESS = Set.of("keys", "values", "items", "copy", "get", "__contains__",
            "__getitem__");

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.FunctionNode.class, this::decorated);
        init.onFileEnd(this::moduleCaches);
    }

    private void decorated(RuleContext ctx, Stmt.FunctionNode f) {
        if (ctx.model().scopeOf(f).kind() != Scope.Kind.MODULE) return; // methods: MEM602; nested: die with the call
        if (takesNoArguments(f)) return; // one entry at most
        for (Expr d : f.decoratorList()) {
            if (!CacheDecorators.isUnbounded(ctx.model(), d)) continue;
            ctx.report(d, "`" + f.name() + "` caches every distinct argument tuple for the life of the process "
                    + "(no maxsize); use lru_cache(maxsize=N) unless the arguments are few");
        }
    }

    private void moduleCaches(RuleContext ctx) {
        SemanticModel model = ctx.model();
        for (Symbol sym : model.moduleScope().symbols()) {
            if (sym.bindings().size() != 1) continue;
            Binding b = sym.bindings().get(0);
            if (b.kind() != Binding.Kind.ASSIGNMENT || b.scope() != model.moduleScope() || !isEmptyContainer(model, b.value())) continue;
            boolean set = model.typeOf(b.value()) == PyType.SET;
            if (bounded(model, sym, set)) continue;
            Located memo = memoUse(model, sym);
            if (memo == null) continue;
            ctx.report(b.target(), "module-level " + (model.typeOf(b.value()) == PyType.SET ? "set" : "dict") + " `"
                            + sym.name() + "` is used as a cache that is never pruned: it grows with every new key; bound it "
                            + "(functools.lru_cache, a size check) unless its keys are few")
                    .related(memo, "entries are added here");
        }
    }

    private static boolean takesNoArguments(Stmt.FunctionNode f) {
        var a = f.args();
        return a.posonlyargs().isEmpty() && a.args().isEmpty() && a.kwonlyargs().isEmpty()
                && a.vararg() == null && a.kwarg() == null;
    }

    /**
     * A set that is not named as a cache is usually a "seen" or "warned once" record, bounded by the
     * events it records; a dict or set is bounded when a len() check guards it or its keys take few values.
     */
    private static boolean bounded(SemanticModel model, Symbol sym, boolean set) {
        String name = sym.name().toLowerCase();
        if (set && !name.contains("cache") && !name.contains("memo")) return true;
        for (Expr.Name use : sym.uses()) {
            Node parent = model.parent(use);
            if (parent instanceof Expr.Call c && model.isBuiltin(c.func(), "len") && model.parent(c) instanceof Expr.Compare)
                return true; // if len(_cache) < 100: _cache.add(...)
        }
        return false;
    }

    /** The key an addition stores, or null when it is not one key (update() of many). */
    private static Expr addedKey(SemanticModel model, Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Expr.Subscript s && s.value() == use) return s.slice();
        if (parent instanceof Expr.Attribute a && model.parent(a) instanceof Expr.Call c && c.func() == a
                && (a.attr().equals("add") || a.attr().equals("setdefault")) && !c.args().isEmpty()) return c.args().get(0);
        return null;
    }

    /** _localedirs[domain] = localedir: the caller hands the value in, so this is a registry, not a memo. */
    private static boolean storesAParameter(SemanticModel model, Expr.Name use) {
        if (!(model.parent(use) instanceof Expr.Subscript s) || !(model.parent(s) instanceof Stmt.Assign a)
                || !(a.value() instanceof Expr.Name v)) return false;
        Symbol value = model.symbol(v);
        return value != null && value.bindings().size() == 1 && value.bindings().get(0).kind() == Binding.Kind.PARAMETER;
    }

    private static boolean isEmptyContainer(SemanticModel model, Expr v) {
        if (v instanceof Expr.DictExpr d) return d.keys().isEmpty();
        if (v instanceof Expr.Call c && c.args().isEmpty() && c.keywords().isEmpty()) {
            return model.isBuiltin(c.func(), "dict") || model.isBuiltin(c.func(), "set");
        }
        return false;
    }

    /**
     * Where a function both looks the container up and adds to it, when every use of it anywhere is a
     * lookup, an addition, an iteration or len(); null otherwise (removal or escape: not a leak we know).
     */
    private static Located memoUse(SemanticModel model, Symbol sym) {
        Map<Stmt.FunctionNode, Located> adds = new HashMap<>();
        Map<Stmt.FunctionNode, Boolean> reads = new HashMap<>();
        for (Expr.Name use : sym.uses()) {
            String op = operation(model, use);
            if (op == null) return null;
            Stmt.FunctionNode f = model.enclosingFunction(use);
            if (f == null) continue;
            if (ADDS.contains(op)) {
                Expr key = addedKey(model, use);
                if (key == null || CacheKeys.fewValues(model, key) || CacheKeys.rangeChecked(model, use, key)
                        || storesAParameter(model, use)) continue;
                adds.putIfAbsent(f, (Located) model.parent(use));
            }
            if (READS.contains(op)) reads.put(f, true);
        }
        for (Map.Entry<Stmt.FunctionNode, Located> e : adds.entrySet()) {
            if (reads.containsKey(e.getKey())) return e.getValue();
        }
        return null;
    }

    /** What a use does to the container, named like the dunder or method; null when unknown or removing. */
    private static String operation(SemanticModel model, Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Expr.Subscript s && s.value() == use) {
            return s.ctx() == Ctx.Load ? "__getitem__" : s.ctx() == Ctx.Store ? "__setitem__" : null;
        }
        if (parent instanceof Expr.Attribute a && a.value() == use && model.parent(a) instanceof Expr.Call c
                && c.func() == a) {
            return ADDS.contains(a.attr()) || HARMLESS.contains(a.attr()) ? a.attr() : null;
        }
        if (parent instanceof Expr.Compare c && c.comparators().size() == 1 && c.comparators().get(0) == use
                && (c.ops().get(0) == CmpOp.In || c.ops().get(0) == CmpOp.NotIn)) return "__contains__";
        if (parent instanceof Stmt.ForNode f && f.iter() == use) return "__iter__";
        if (parent instanceof Expr.Call c && model.isBuiltin(c.func(), "len") && c.args().size() == 1) return "__len__";
        return null;
    }
}
