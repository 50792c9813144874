package dev.memlint.rule.copies;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ContainerUses;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;
import java.util.Set;

/**
 * MEM104: a loop over a full copy of a local container ({@code a[:]}, {@code list(a)},
 * {@code tuple(a)}, {@code a.copy()}) whose body never changes it. To be sure nothing else changes
 * it either, the container must be a function local made fresh in the function (not a parameter,
 * not an alias of another value) that is never handed out, stored or captured.
 */
@RuleMeta(code = "MEM104", name = "iteration-over-copy", severity = Severity.WARNING,
        summary = "A loop iterates over a full copy of a container that the loop never changes.",
        tags = {"memory", "performance"})
public final class IterationOverCopyRule implements Rule {
    private static final Set<PyType> CONVERTIBLE = Set.of(PyType.LIST, PyType.TUPLE, PyType.SET, PyType.FROZENSET,
            PyType.DICT, PyType.DEQUE);
    private static final Set<PyType> COPYABLE = Set.of(PyType.LIST, PyType.DICT, PyType.SET, PyType.DEQUE);

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.ForNode.class, (ctx, f) -> check(ctx, f.iter(), f.target(), f.body()));
        init.on(Expr.ListComp.class, (ctx, c) -> checkComprehension(ctx, c, c.generators()));
        init.on(Expr.SetComp.class, (ctx, c) -> checkComprehension(ctx, c, c.generators()));
        init.on(Expr.DictComp.class, (ctx, c) -> checkComprehension(ctx, c, c.generators()));
        init.on(Expr.GeneratorExp.class, (ctx, c) -> checkComprehension(ctx, c, c.generators()));
    }

    /**
     * A comprehension iterates while its whole statement runs (d.update({k: ... for k in list(d)})
     * changes d around it), and a generator expression for as long as it lives: the call that
     * consumes it (d.update(... for k in list(d))), or the whole function when it is stored or
     * returned. A change of the container anywhere there needs the copy.
     */
    private void checkComprehension(RuleContext ctx, Expr comp, List<Comprehension> gens) {
        SemanticModel model = ctx.model();
        Node reach = model.statementOf(comp);
        if (comp instanceof Expr.GeneratorExp && !(model.parent(comp) instanceof Expr.Call)) { // stored, returned, yielded
            Node function = model.enclosingFunction(comp);
            reach = function != null ? function : model.module();
        }
        Comprehension first = gens.get(0);
        check(ctx, first.iter(), first.target(), List.of(reach));
    }

    private void check(RuleContext ctx, Expr iter, Expr target, List<? extends Node> body) {
        SemanticModel model = ctx.model();
        Expr.Name source = copiedContainer(model, iter);
        if (source == null) return;
        Symbol s = model.symbol(source);
        if (s == null || !isPrivateFreshLocal(model, s, iter)) return;
        if (target instanceof Expr.Name t && t.id().equals(s.name())) return;
        for (Expr.Name use : Trees.usesWithin(model, s, body)) if (!ContainerUses.isReadOnly(model, use)) return;
        ctx.report(iter, "`" + ctx.text(iter) + "` copies `" + s.name() + "` only to iterate over it, and the loop "
                        + "never changes `" + s.name() + "`; iterate over `" + s.name() + "` itself")
                .fix("Iterate over `" + s.name() + "` directly", Fix.Applicability.SAFE, ctx.replace(iter, s.name()));
    }

    /** The name whose full copy iter is: a[:], list(a), tuple(a), a.copy(); null otherwise. */
    private static Expr.Name copiedContainer(SemanticModel model, Expr iter) {
        if (iter instanceof Expr.Subscript s && s.value() instanceof Expr.Name n
                && SliceShape.of(s) == SliceShape.FULL && model.typeOf(n) == PyType.LIST) return n;
        if (iter instanceof Expr.Call c && c.keywords().isEmpty()) {
            if (c.args().size() == 1 && c.args().get(0) instanceof Expr.Name n
                    && (model.isBuiltin(c.func(), "list") || model.isBuiltin(c.func(), "tuple"))
                    && CONVERTIBLE.contains(model.typeOf(n))) return n;
            if (c.args().isEmpty() && c.func() instanceof Expr.Attribute a && a.attr().equals("copy")
                    && a.value() instanceof Expr.Name n && COPYABLE.contains(model.typeOf(n))) return n;
        }
        return null;
    }

    /**
     * A function local bound only to fresh containers (displays, comprehensions, constructor calls),
     * every other use of which reads it in place or changes it in place: no alias can reach it.
     */
    private static boolean isPrivateFreshLocal(SemanticModel model, Symbol s, Expr copy) {
        if (!s.scope().isFunctionLike() || s.isReboundElsewhere()) return false;
        for (Binding b : s.bindings()) {
            if (b.kind() != Binding.Kind.ASSIGNMENT || b.value() == null) return false;
            Expr v = b.value();
            if (v instanceof Expr.Name || v instanceof Expr.Attribute || v instanceof Expr.Subscript
                    || v instanceof Expr.NamedExpr || v instanceof Expr.IfExp || v instanceof Expr.BoolOp) return false;
        }
        for (Expr.Name use : s.uses()) {
            if (Trees.isWithin(model, use, copy)) continue;
            Scope where = model.scopeOf(use);
            if (where != s.scope() && where.kind() != Scope.Kind.COMPREHENSION) return false;
            if (!ContainerUses.isReadOnly(model, use) && !isInPlaceChange(model, use)) return false;
        }
        return true;
    }

    /** a.append(x), a[i] = x, del a[i], a += b: changes that keep the object private. */
    private static boolean isInPlaceChange(SemanticModel model, Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Expr.Attribute a && model.parent(a) instanceof Expr.Call c && c.func() == a) {
            return dev.memlint.rule.Mutations.MUTATING_METHODS.contains(a.attr()) && !a.attr().equals("pop");
        }
        if (parent instanceof Expr.Subscript sub) return sub.value() == use;
        return parent instanceof Stmt.AugAssign;
    }
}
