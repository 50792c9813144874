package dev.memlint.rule.copies;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.rule.support.Trees;

/**
 * How much of a sequence a slice copies, judged from its bounds: only suffixes ({@code a[i:]},
 * {@code a[1:]}) and prefixes ({@code a[:i]}, {@code a[:-1]}) grow with the sequence; {@code a[-3:]},
 * {@code a[:4]} and {@code a[i:j]} usually copy a few items and are left alone.
 */
enum SliceShape {
    FULL, SUFFIX, PREFIX, OTHER;

    /** The shape of a loaded, step-less slice subscript; OTHER for anything else. */
    static SliceShape of(Expr.Subscript s) {
        if (s.ctx() != Ctx.Load || !(s.slice() instanceof Expr.Slice sl) || sl.step() != null) return OTHER;
        if (sl.lower() == null && sl.upper() == null) return FULL;
        if (sl.upper() == null) {
            Long lo = Trees.intConstant(sl.lower());
            return lo != null && lo < 0 ? OTHER : SUFFIX;
        }
        if (sl.lower() == null) {
            Long hi = Trees.intConstant(sl.upper());
            return hi != null && hi >= 0 ? OTHER : PREFIX;
        }
        return OTHER;
    }

    boolean grows() { return this == SUFFIX || this == PREFIX; }
}
