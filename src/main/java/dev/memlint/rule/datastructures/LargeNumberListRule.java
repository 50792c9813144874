package dev.memlint.rule.datastructures;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ModuleImports;

import java.math.BigInteger;

/**
 * MEM504: a list of at least {@code threshold} numbers made from a constant, {@code [0] * n},
 * {@code n * [0.0]}, {@code [False] * n} or {@code [0 for _ in range(n)]}, with n a literal (or
 * arithmetic on literals, {@code 10 ** 6}). array.array or bytearray stores such numbers in 8 bytes
 * or fewer each, where the list needs an 8-byte slot plus an object per distinct value.
 */
@RuleMeta(code = "MEM504", name = "large-list-of-numbers", severity = Severity.NOTE,
        summary = "A large list of numbers is allocated where array.array or bytearray would store them compactly.",
        tags = {"memory"},
        options = @RuleMeta.Option(name = "threshold", defaultValue = 100_000,
                description = "Smallest literal length that is reported."))
public final class LargeNumberListRule implements Rule {
    private long threshold;

    @Override
    public void init(RuleInit init) {
        threshold = init.option("threshold");
        init.on(Expr.BinOp.class, this::repeated);
        init.on(Expr.ListComp.class, this::comprehension);
    }

    private void repeated(RuleContext ctx, Expr.BinOp b) {
        if (b.op() != Operator.Mult) return;
        Expr.Constant item = singleNumber(b.left());
        BigInteger n = fold(b.right());
        if (item == null) {
            item = singleNumber(b.right());
            n = fold(b.left());
        }
        if (item != null && n != null) check(ctx, b, item, n);
    }

    private void comprehension(RuleContext ctx, Expr.ListComp c) {
        if (c.generators().size() != 1 || !(c.elt() instanceof Expr.Constant item) || !isNumber(item)) return;
        Comprehension g = c.generators().get(0);
        if (!g.ifs().isEmpty() || !(g.iter() instanceof Expr.Call call) || !call.keywords().isEmpty()
                || !ctx.model().isBuiltin(call.func(), "range") || call.args().isEmpty() || call.args().size() > 2) return;
        BigInteger stop = fold(call.args().get(call.args().size() - 1));
        BigInteger start = call.args().size() == 2 ? fold(call.args().get(0)) : BigInteger.ZERO;
        if (stop != null && start != null) check(ctx, c, item, stop.subtract(start));
    }

    private void check(RuleContext ctx, Expr list, Expr.Constant item, BigInteger n) {
        if (n.compareTo(BigInteger.valueOf(threshold)) < 0) return;
        // np.array([0.0] * n): the list only feeds another container; an array library has its own fill.
        if (ctx.model().parent(list) instanceof Expr.Call || ModuleImports.of(ctx.model()).arrayLibrary()) return;
        String instead = item.value() instanceof Boolean ? "a `bytearray` (1 byte per item)"
                : item.value() instanceof Double ? "`array.array(\"d\")` (8 bytes per item, no float objects)"
                : "`array.array(\"q\")` (8 bytes per item, no int objects) or a `bytearray` for values 0–255";
        ctx.report(list, "a list of " + n + " numbers takes an 8-byte slot per item plus an object for every "
                + "distinct value stored later; " + instead + " stores them compactly");
    }


    private static Expr.Constant singleNumber(Expr e) {
        return e instanceof Expr.ListExpr l && l.elts().size() == 1 && l.elts().get(0) instanceof Expr.Constant c
                && isNumber(c) ? c : null;
    }

    private static boolean isNumber(Expr.Constant c) {
        return c.value() instanceof BigInteger || c.value() instanceof Double || c.value() instanceof Boolean;
    }

    /** The value of an int literal or of +, -, *, **, << on int literals; null otherwise. */
    private static BigInteger fold(Expr e) {
        if (e instanceof Expr.Constant c && c.value() instanceof BigInteger b) return b;
        if (!(e instanceof Expr.BinOp b)) return null;
        BigInteger l = fold(b.left());
        BigInteger r = fold(b.right());
        if (l == null || r == null) return null;
        return switch (b.op()) {
            case Add -> l.add(r);
            case Sub -> l.subtract(r);
            case Mult -> l.multiply(r);
            case Pow -> r.signum() >= 0 && r.bitLength() < 8 ? l.pow(r.intValue()) : null;
            case LShift -> r.signum() >= 0 && r.bitLength() < 8 ? l.shiftLeft(r.intValue()) : null;
            default -> null;
        };
    }
}
