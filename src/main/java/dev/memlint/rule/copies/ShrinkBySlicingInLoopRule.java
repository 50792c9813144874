package dev.memlint.rule.copies;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ModuleImports;
import dev.memlint.semantic.Blocks;
import dev.memlint.rule.support.Costs;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;

/**
 * MEM103: a sequence consumed from one end by re-slicing it in a loop ({@code a = a[1:]},
 * {@code self.buf = self.buf[n:]}, {@code s = s[:-1]}): every step copies what is left, O(n²) in all.
 */
@RuleMeta(code = "MEM103", name = "sequence-shrunk-by-slicing", severity = Severity.WARNING,
        summary = "A sequence is shortened in a loop by re-slicing it, copying the rest on every step.",
        tags = {"memory", "performance"})
public final class ShrinkBySlicingInLoopRule implements Rule {

    @Override
    public void init(RuleInit init) {
        init.on(Stmt.Assign.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.Assign assign) {
        if (!isSelfSlice(ctx, assign)) return;
        SemanticModel model = ctx.model();
        // A while loop whose progress is the shrinking; a for loop over something else (prefixes,
        // extensions) shrinks a bounded number of times, and a jump right after the slice makes it once.
        Node loop = model.enclosingLoop(assign);
        if (!(loop instanceof Stmt.While w) || leavesLoopAfter(model, assign) || stripLoop(ctx, w, assign)) return;
        Expr target = assign.targets().get(0);
        boolean fromFront = ((Expr.Slice) ((Expr.Subscript) assign.value()).slice()).upper() == null;
        if (target instanceof Expr.Name name) {
            Symbol s = model.symbol(name);
            if (s == null || !carriedAcrossIterations(ctx, s, loop)) return;
            PyType type = typeIgnoringSelfSlices(ctx, s);
            // Text cut from its end is a "shorten until it fits" loop over a short string; lists,
            // tuples and buffers drained from the end are the ones that get long.
            if (!fromFront && (type == PyType.STR || !type.isKnown())) return;
            if (type.isKnown() ? !type.isCopyingSequence() : viewsPossible(model, s)) return;
        } else {
            if (!fromFront || reassignedInLoop(ctx, target, loop) || ModuleImports.of(model).arrayLibrary()) return;
        }
        Costs.Verdict verdict = Costs.quadratic(Costs.sizeOf(ctx, target),
                Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        ctx.report(assign, "`" + ctx.text(assign) + "` copies the rest of the sequence on every iteration "
                        + "(O(n²) in all); " + (fromFront
                        ? "keep a start index instead (for bytes: a memoryview, or `del buf[:n]` on a bytearray)"
                        : "keep an end index instead (or `del a[-n:]` / `pop()` on a list or bytearray)"))
                .cost(verdict.cost())
                .loop((Located) loop);
    }

    /**
     * {@code while s[:1] == "<": s = s[1:]}: the loop strips a run of marker characters from the end
     * it tests, one constant step at a time; it runs as often as the run is long, which is short.
     */
    private static boolean stripLoop(RuleContext ctx, Stmt.While loop, Stmt.Assign assign) {
        Expr.Slice step = (Expr.Slice) ((Expr.Subscript) assign.value()).slice();
        Expr bound = step.lower() != null ? step.lower() : step.upper();
        if (Trees.intConstant(bound) == null) return false;
        String target = ctx.text(assign.targets().get(0));
        return Trees.any(List.of(loop.test()), n -> n instanceof Expr.Compare c && comparesEndWithText(ctx, c, target)
                || n instanceof Expr.Attribute a && ctx.text(a.value()).equals(target)
                        && (a.attr().equals("startswith") || a.attr().equals("endswith")));
    }

    private static boolean comparesEndWithText(RuleContext ctx, Expr.Compare c, String target) {
        if (c.comparators().size() != 1) return false;
        Expr left = c.left();
        Expr right = c.comparators().get(0);
        return isEnd(ctx, left, target) && isText(right) || isEnd(ctx, right, target) && isText(left);
    }

    private static boolean isEnd(RuleContext ctx, Expr e, String target) {
        return e instanceof Expr.Subscript s && ctx.text(s.value()).equals(target) && endItem(s.slice());
    }

    private static boolean isText(Expr e) {
        return e instanceof Expr.Constant k && (k.value() instanceof String || k.value() instanceof dev.memlint.ast.Bytes);
    }

    /** s[0], s[-1], s[:1], s[-1:]: one item at an end. */
    private static boolean endItem(Expr index) {
        if (Trees.intConstant(index) != null) return true;
        return index instanceof Expr.Slice sl && sl.step() == null
                && (sl.lower() == null ? Trees.intConstant(sl.upper()) != null
                    : sl.upper() == null && Trees.intConstant(sl.lower()) != null);
    }

    /** Whether a break, return or raise follows the assignment in its own block. */
    private static boolean leavesLoopAfter(SemanticModel model, Stmt.Assign assign) {
        for (List<Stmt> block : Blocks.of(model.parent(assign))) {
            int i = block.indexOf(assign);
            if (i < 0) continue;
            for (Stmt s : block.subList(i + 1, block.size())) {
                if (s instanceof Stmt.Break || s instanceof Stmt.Return || s instanceof Stmt.Raise) return true;
            }
        }
        return false;
    }

    /** target = target[k:] or target = target[:k], one target, target a name or a dotted attribute. */
    private static boolean isSelfSlice(RuleContext ctx, Stmt.Assign assign) {
        if (assign.targets().size() != 1 || !(assign.value() instanceof Expr.Subscript s)) return false;
        if (!(s.slice() instanceof Expr.Slice sl) || sl.step() != null || (sl.lower() == null) == (sl.upper() == null))
            return false;
        Expr target = assign.targets().get(0);
        if (!isDotted(target) || !isDotted(s.value())) return false;
        return ctx.text(target).equals(ctx.text(s.value()));
    }

    private static boolean isDotted(Expr e) {
        return e instanceof Expr.Name || e instanceof Expr.Attribute a && isDotted(a.value());
    }

    /** No binding inside the loop gives the name a fresh value (the for target, another assignment). */
    private static boolean carriedAcrossIterations(RuleContext ctx, Symbol s, Node loop) {
        for (Binding b : s.bindings()) {
            if (!Trees.isWithin(ctx.model(), b.node(), loop)) continue;
            if (b.kind() == Binding.Kind.AUG_ASSIGNMENT) continue;
            if (b.node() instanceof Stmt.Assign a && isSelfSlice(ctx, a)) continue;
            return false;
        }
        return true;
    }

    private static boolean reassignedInLoop(RuleContext ctx, Expr target, Node loop) {
        String text = ctx.text(target);
        return Trees.any(List.of(loop), n -> n instanceof Stmt.Assign a && !isSelfSlice(ctx, a)
                && a.targets().stream().anyMatch(t -> t instanceof Expr.Attribute && ctx.text(t).equals(text))
                || n instanceof Stmt.ForNode f && f.target() instanceof Expr.Attribute && ctx.text(f.target()).equals(text));
    }

    /** The type every binding but the self-slices gives the name (they keep the type). */
    private static PyType typeIgnoringSelfSlices(RuleContext ctx, Symbol s) {
        PyType result = null;
        for (Binding b : s.bindings()) {
            PyType t;
            if (b.kind() == Binding.Kind.AUG_ASSIGNMENT) continue;
            if (b.node() instanceof Stmt.Assign a && isSelfSlice(ctx, a)) continue;
            if (b.kind() == Binding.Kind.PARAMETER) t = ctx.model().annotationType(((Arg) b.node()).annotation());
            else if (b.kind() == Binding.Kind.ASSIGNMENT && b.node() instanceof Stmt.AnnAssign an)
                t = ctx.model().annotationType(an.annotation());
            else if (b.kind() == Binding.Kind.ASSIGNMENT) t = ctx.model().typeOf(b.value());
            else t = PyType.UNKNOWN;
            if (result != null && result != t) return PyType.UNKNOWN;
            result = t;
        }
        return result == null ? PyType.UNKNOWN : result;
    }

    /** Unknown type: a view is possible when an array library is imported or an unread annotation exists. */
    private boolean viewsPossible(SemanticModel model, Symbol s) {
        if (ModuleImports.of(model).arrayLibrary()) return true;
        return s.bindings().stream().anyMatch(b -> b.kind() == Binding.Kind.PARAMETER
                && ((Arg) b.node()).annotation() != null
                || b.node() instanceof Stmt.AnnAssign);
    }

}
