package dev.memlint.rule.datastructures;

import dev.memlint.rule.support.Costs;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ContainerUses;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.Set;

/**
 * MEM502: {@code x in names} inside a loop where {@code names} is a list made before the loop and
 * not changed in it. Each test scans the list; a set built once answers in constant time. Only
 * lists that can be long (built by a comprehension, a call, appends, or a display of at least
 * {@link #LONG_DISPLAY} items) whose items are known to be hashable are reported.
 */
@RuleMeta(code = "MEM502", name = "list-membership-in-loop", severity = Severity.WARNING,
        summary = "A loop tests membership in a list that it never changes; a set would not scan it.",
        tags = {"performance"})
public final class ListMembershipInLoopRule implements Rule {
    private static final Set<PyType> HASHABLE = Set.of(PyType.STR, PyType.BYTES, PyType.INT, PyType.FLOAT, PyType.BOOL);
    private static final int LONG_DISPLAY = 8;

    @Override
    public void init(RuleInit init) {
        init.on(Expr.Compare.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Compare cmp) {
        for (int i = 0; i < cmp.ops().size(); i++) {
            CmpOp op = cmp.ops().get(i);
            Expr left = i == 0 ? cmp.left() : cmp.comparators().get(i - 1);
            if ((op == CmpOp.In || op == CmpOp.NotIn) && cmp.comparators().get(i) instanceof Expr.Name list) {
                checkTest(ctx, cmp, left, list);
            } else if ((op == CmpOp.In || op == CmpOp.NotIn) && cmp.comparators().get(i) instanceof Expr.Attribute attr) {
                checkAttributeTest(ctx, cmp, left, attr);
            }
        }
    }

    private void checkTest(RuleContext ctx, Expr.Compare cmp, Expr left, Expr.Name list) {
        SemanticModel model = ctx.model();
        Symbol s = model.symbol(list);
        if (s == null || model.typeOf(list) != PyType.LIST) return;
        Located loop = model.enclosingLoop(cmp);
        if (loop == null) return;
        boolean mayBeLong = false;
        boolean hashable = HASHABLE.contains(model.typeOf(left));
        for (Binding b : s.bindings()) {
            if (Trees.isWithin(model, b.node(), loop) || b.value() == null) return;
            Expr v = b.value();
            mayBeLong |= writtenSize(v) >= LONG_DISPLAY;
            hashable |= hashableItems(model, v);
        }
        for (Expr.Name use : s.uses()) {
            boolean inLoop = Trees.isWithin(model, use, loop);
            if (ContainerUses.isReadOnly(model, use)) continue;
            if (!inLoop && isFilling(model, use) && model.scopeOf(use) == s.scope()) {
                mayBeLong = true;
                Expr.Call fill = (Expr.Call) model.parent(model.parent(use));
                hashable |= fill.args().size() == 1 && HASHABLE.contains(model.typeOf(fill.args().get(0)));
                continue;
            }
            return; // changed in the loop, or handed to code that might change it
        }
        if (!mayBeLong || !hashable) return;
        report(ctx, cmp, left, list, s.name(), loop);
    }

    /**
     * {@code x in self.names} in a loop, where the class assigns self.names once, in __init__, and
     * every other use of it anywhere in the module only reads it: a list fixed for the instance's life.
     */
    private void checkAttributeTest(RuleContext ctx, Expr.Compare cmp, Expr left, Expr.Attribute list) {
        SemanticModel model = ctx.model();
        Stmt.ClassDef cls = model.selfClass(list.value());
        Located loop = model.enclosingLoop(cmp);
        if (cls == null || loop == null || model.attributeType(list) != PyType.LIST) return;
        Expr value = null;
        for (dev.memlint.ast.Node n : model.nodes()) {
            if (!(n instanceof Expr.Attribute a) || !a.attr().equals(list.attr()) || a == list) continue;
            Stmt.ClassDef owner = model.selfClass(a.value());
            if (owner == null) return; // obj.names elsewhere: may be changed from outside
            if (owner != cls) continue; // another class's own attribute of that name
            Stmt.FunctionNode method = model.enclosingFunction(a);
            if (a.ctx() == dev.memlint.ast.Ctx.Store && value == null && method != null && method.name().equals("__init__")
                    && model.parent(a) instanceof Stmt.Assign as && as.targets().size() == 1 && model.enclosingLoop(a) == null) {
                value = as.value();
            } else if (a.ctx() != dev.memlint.ast.Ctx.Load || !ContainerUses.isReadOnly(model, a)) {
                return;
            }
        }
        if (value == null || writtenSize(value) < LONG_DISPLAY
                || !(hashableItems(model, value) || HASHABLE.contains(model.typeOf(left)))) return;
        report(ctx, cmp, left, list, "self." + list.attr(), loop);
    }

    private void report(RuleContext ctx, Expr.Compare cmp, Expr left, Expr list, String name, Located loop) {
        Costs.Verdict verdict = Costs.perIteration("scans up to %s items", Costs.sizeOf(ctx, list),
                Costs.runsOf(ctx, cmp), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        String advice = left instanceof Expr.Constant
                ? "; its answer is the same every time: test once before the loop" // hoisting beats any set
                : "; build a set from it once before the loop";
        ctx.report(cmp, "`" + ctx.text(cmp) + "` scans the list `" + name + "` on every iteration, and the loop "
                        + "never changes it" + advice)
                .cost(verdict.cost())
                .loop(loop);
    }

    /**
     * How many items a value has when the source spells them out: a display, or a constant string
     * split on whitespace ({@code '1 2 3 4'.split()}); MAX_VALUE when it can be long.
     */
    private static int writtenSize(Expr v) {
        if (v instanceof Expr.ListExpr l) return l.elts().size();
        if (v instanceof Expr.Call c && c.args().isEmpty() && c.keywords().isEmpty()
                && c.func() instanceof Expr.Attribute a && a.attr().equals("split")
                && a.value() instanceof Expr.Constant k && k.value() instanceof String text) {
            String t = text.strip();
            return t.isEmpty() ? 0 : t.split("\\s+").length;
        }
        return Integer.MAX_VALUE;
    }

    /** names.append(x) / names.extend(xs) as a statement. */
    private static boolean isFilling(SemanticModel model, Expr.Name use) {
        return model.parent(use) instanceof Expr.Attribute a && (a.attr().equals("append") || a.attr().equals("extend"))
                && model.parent(a) instanceof Expr.Call c && c.func() == a;
    }

    /** A display of constants, a comprehension of str/int/… items, or str.split() and friends. */
    private static boolean hashableItems(SemanticModel model, Expr v) {
        if (v instanceof Expr.ListExpr l) return !l.elts().isEmpty() && l.elts().stream().allMatch(e -> e instanceof Expr.Constant);
        if (v instanceof Expr.ListComp c) return HASHABLE.contains(model.typeOf(c.elt()));
        if (v instanceof Expr.Call c && c.func() instanceof Expr.Attribute a) {
            PyType receiver = model.typeOf(a.value());
            return (receiver == PyType.STR || receiver == PyType.BYTES)
                    && (a.attr().equals("split") || a.attr().equals("rsplit") || a.attr().equals("splitlines"));
        }
        return false;
    }
}
