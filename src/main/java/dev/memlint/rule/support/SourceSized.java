package dev.memlint.rule.support;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.List;
import java.util.Set;

/**
 * Whether an iterable's size is fixed, and small, in the source: a display ({@code (0, None, 1, 3)},
 * {@code [ZZ, QQ, RR]}), {@code range} of constants, or a name only ever bound to one of these and
 * never grown. Copying, listing or scanning such a value costs a few hundred bytes at most, so the
 * copy and laziness rules leave it alone (test tables and option lists are the usual case).
 */
public final class SourceSized {
    /** Above this many items a constant range is no longer "a handful": about 8 KB of list slots. */
    static final long MAX_RANGE = 1000;
    private static final Set<String> GROWING = Set.of("append", "extend", "insert", "add", "update", "__iadd__",
            "setdefault", "appendleft", "extendleft");

    private SourceSized() {}

    /** Whether e is a display, a constant range, a literal-only expression or a name bound only to those. */
    public static boolean isSmall(SemanticModel model, Expr e) {
        if (e == null) return false;
        if (isDisplayOrRange(model, e)) return true;
        if (e instanceof Expr.Name n) return isSmallName(model, n);
        return false;
    }

    /** Whether every iterable a comprehension loops over is source-sized (it then makes a handful of items). */
    public static boolean isSmallComprehension(SemanticModel model, List<Comprehension> generators) {
        for (Comprehension g : generators) if (!isSmall(model, g.iter())) return false;
        return !generators.isEmpty();
    }

    /**
     * Whether a loop runs a handful of times in all: a for loop or comprehension over source-sized
     * iterables that is not itself inside another loop.
     */
    public static boolean isBoundedLoop(SemanticModel model, Located loop) {
        boolean small;
        if (loop instanceof Stmt.ForNode f) small = isSmall(model, f.iter());
        else if (loop instanceof Expr.ListComp l) small = isSmallComprehension(model, l.generators());
        else if (loop instanceof Expr.SetComp s) small = isSmallComprehension(model, s.generators());
        else if (loop instanceof Expr.DictComp d) small = isSmallComprehension(model, d.generators());
        else small = loop instanceof Expr.GeneratorExp g && isSmallComprehension(model, g.generators());
        return small && model.enclosingLoop(loop) == null;
    }

    private static boolean isDisplayOrRange(SemanticModel model, Expr e) {
        if (e == null) return false;
        if (e instanceof Expr.ListExpr l) return noStarred(l.elts());
        if (e instanceof Expr.TupleExpr t) return noStarred(t.elts());
        if (e instanceof Expr.SetExpr s) return noStarred(s.elts());
        if (e instanceof Expr.DictExpr d) {
            for (Expr k : d.keys()) if (k == null) return false; // {**other}: a null key
            return true;
        }
        if (e instanceof Expr.Call c && model.isBuiltin(c.func(), "range")) return smallRange(model, c);
        // b"\x00" * 32, "abc" + "def": no name at all, so the size is written in the source.
        return !(e instanceof Expr.Call) && Trees.isLiteralSized(e);
    }

    private static boolean noStarred(List<Expr> elts) {
        for (Expr x : elts) if (x instanceof Expr.Starred) return false;
        return true;
    }

    private static boolean smallRange(SemanticModel model, Expr.Call c) {
        if (c.args().isEmpty() || c.args().size() > 3 || !c.keywords().isEmpty()) return false;
        long[] v = new long[c.args().size()];
        for (int i = 0; i < v.length; i++) {
            Long k = constantInt(model, c.args().get(i));
            if (k == null) return false;
            v[i] = k;
        }
        long start = v.length == 1 ? 0 : v[0];
        long stop = v.length == 1 ? v[0] : v[1];
        long step = v.length == 3 ? v[2] : 1;
        if (step == 0) return false;
        long count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        return count <= MAX_RANGE;
    }

    /** An int constant, or a name bound exactly once (never changed) to one: {@code n = 20}. */
    private static Long constantInt(SemanticModel model, Expr e) {
        Long k = Trees.intConstant(e);
        if (k != null || !(e instanceof Expr.Name n)) return k;
        Symbol s = model.symbol(n);
        if (s == null || s.bindings().size() != 1) return null;
        Binding b = s.bindings().get(0);
        return b.kind() == Binding.Kind.ASSIGNMENT ? Trees.intConstant(b.value()) : null;
    }

    private static boolean isSmallName(SemanticModel model, Expr.Name n) {
        Symbol s = model.symbol(n);
        if (s == null || s.bindings().isEmpty()) return false;
        for (Binding b : s.bindings()) {
            if (b.kind() != Binding.Kind.ASSIGNMENT || b.value() == null) return false; // unpacked, or annotated only
            if (!isDisplayOrRange(model, b.value())) return false;
        }
        for (Expr.Name use : s.uses()) if (grows(model, use)) return false;
        return true;
    }

    /** names.append(x), names += more, names[i:j] = more: the display is only where it starts. */
    private static boolean grows(SemanticModel model, Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Stmt.AugAssign a && a.target() == use) return true;
        if (parent instanceof Expr.Subscript s && s.value() == use && s.ctx() != dev.memlint.ast.Ctx.Load) return true;
        return parent instanceof Expr.Attribute a && a.value() == use && GROWING.contains(a.attr());
    }
}
