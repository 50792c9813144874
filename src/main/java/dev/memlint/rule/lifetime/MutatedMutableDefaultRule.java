package dev.memlint.rule.lifetime;

import dev.memlint.ast.Arg;
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

import java.util.Set;

/**
 * MEM604: a mutable default argument ([] / {} / set() ...) that the function adds to. The default is
 * created once, at def time, so whatever one call adds is still there in the next: it grows for the
 * life of the function.
 */
@RuleMeta(code = "MEM604", name = "mutated-mutable-default", severity = Severity.WARNING,
        summary = "A function adds to its mutable default argument, which is shared by every call and grows across them.",
        tags = {"memory", "correctness"})
public final class MutatedMutableDefaultRule implements Rule {
    private static final Set<String> GROWING = Set.of("append", "extend", "insert", "add", "update", "setdefault",
            "appendleft", "extendleft", "__setitem__");
    private static final Set<String> SHRINKING = Set.of("pop", "popitem", "remove", "discard", "clear", "popleft");
    private static final Set<PyType> MUTABLE = Set.of(PyType.LIST, PyType.DICT, PyType.SET, PyType.BYTEARRAY,
            PyType.DEQUE);

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.FunctionNode.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.FunctionNode f) {
        SemanticModel model = ctx.model();
        // A def inside a function is executed on every outer call, so its defaults are fresh each time.
        if (model.enclosingFunction(f) != null) return;
        Scope scope = model.scopeCreatedBy(f);
        for (Symbol sym : scope.symbols()) {
            if (sym.bindings().isEmpty() || sym.bindings().get(0).kind() != Binding.Kind.PARAMETER) continue;
            Binding param = sym.bindings().get(0);
            Expr def = param.value();
            if (def == null || def instanceof Expr.Name || def instanceof Expr.Attribute
                    || !MUTABLE.contains(model.typeOf(def))) continue;
            if (sym.bindings().stream().anyMatch(b -> b != param && b.kind() != Binding.Kind.AUG_ASSIGNMENT)) continue;
            if (deliberatelyShared(sym.name()) || shrinks(model, sym)) continue;
            Located growth = firstGrowth(model, sym, model.typeOf(def) == PyType.DICT);
            if (growth == null) continue;
            ctx.report(def, "default of `" + ((Arg) param.node()).arg() + "` is created once and shared by every call; "
                    + "`" + f.name() + "` adds to it, so it keeps growing across calls (use None and create it in the body)")
                    .related(growth, "added to here");
        }
    }

    /**
     * {@code _cache={}}, {@code memo={}}, {@code _seen=set()}: a private or cache-named parameter is a
     * memo shared on purpose (callers never pass it); whether it is bounded is MEM603's question.
     */
    private static boolean deliberatelyShared(String param) {
        String p = param.toLowerCase();
        return p.startsWith("_") || p.contains("cache") || p.contains("memo");
    }

    /** Whether the function also takes items out (a stack pushed and popped): it need not grow. */
    private static boolean shrinks(SemanticModel model, Symbol sym) {
        for (Expr.Name use : sym.uses()) {
            Node parent = model.parent(use);
            if (parent instanceof Expr.Attribute a && a.value() == use && SHRINKING.contains(a.attr())) return true;
            if (parent instanceof Expr.Subscript s && s.value() == use && s.ctx() == Ctx.Del) return true;
        }
        return false;
    }

    /** The first use that adds to the default; item assignment only grows a dict (x[0] += 1 on a list does not). */
    private static Located firstGrowth(SemanticModel model, Symbol sym, boolean isDict) {
        for (Expr.Name use : sym.uses()) {
            Node parent = model.parent(use);
            if (parent instanceof Stmt.AugAssign a && a.target() == use) return a;
            if (isDict && parent instanceof Expr.Subscript s && s.value() == use && s.ctx() == Ctx.Store) return s;
            if (parent instanceof Expr.Attribute a && a.value() == use && GROWING.contains(a.attr())
                    && model.parent(a) instanceof Expr.Call c && c.func() == a) return c;
        }
        return null;
    }
}
