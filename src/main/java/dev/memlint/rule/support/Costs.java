package dev.memlint.rule.support;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.provenance.Provenance;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.Cost;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.Severity;

import java.util.List;

/**
 * What a finding costs, from the size provenance of its data, and whether it is worth reporting:
 * data that is constant or capped by a small constant (or, like the command line, small in
 * practice) makes a finding not worth a change, so the rule stays silent; input-driven data is
 * reported with its growth; unknown sizes are left to each rule ({@link Unknown}). Quadratic costs
 * in input-driven data are warnings, linear savings notes.
 */
public final class Costs {
    /** What a rule does when a size it depends on is unknown, as its doc says under "When it reports". */
    public enum Unknown { REPORT, SILENT }

    /** Stay silent, or report with this cost; severity is null where the rule's own one stands. */
    public record Verdict(boolean silent, Cost cost, Severity severity) {
        static final Verdict SILENCE = new Verdict(true, null, null);
    }

    /** A size and how a message names it ("len(buf)", "n"). */
    public record Size(Provenance provenance, String label) {}

    private Costs() {}

    /** The size of a value, named len(text) (or its text, for a number). */
    public static Size sizeOf(RuleContext ctx, Expr e) {
        return new Size(SizeProvenance.of(ctx.model()).size(e), lengthLabel(ctx, e));
    }

    /** How many times a node runs per call (its loops' trips multiplied), named after its innermost loop. */
    public static Size runsOf(RuleContext ctx, Node node) {
        Located loop = ctx.model().enclosingLoop(node);
        return new Size(SizeProvenance.of(ctx.model()).timesRun(node), loop == null ? "1" : tripsLabel(ctx, loop));
    }

    /** How many times a node runs in all the given loops (innermost first), named after the innermost. */
    public static Size runsIn(RuleContext ctx, List<Located> loops) {
        Provenance p = Provenance.constant(1);
        for (Located l : loops) p = p.times(SizeProvenance.of(ctx.model()).trips(l));
        return new Size(p, loops.isEmpty() ? "1" : tripsLabel(ctx, loops.get(0)));
    }

    /** How many items a value holds, named after its loop for a comprehension: len(xs) for [f(x) for x in xs]. */
    public static Size itemsOf(RuleContext ctx, Expr e) {
        Provenance p = SizeProvenance.of(ctx.model()).size(e);
        boolean comprehension = e instanceof Expr.ListComp || e instanceof Expr.SetComp || e instanceof Expr.DictComp
                || e instanceof Expr.GeneratorExp;
        return new Size(p, comprehension ? tripsLabel(ctx, (Located) e) : lengthLabel(ctx, e));
    }

    /**
     * Work done on data on every run of a node in a loop ({@code "copies up to %s items"}): data
     * times runs. Silent when either is small.
     */
    public static Verdict perIteration(String action, Size data, Size runs, Unknown unknown) {
        if (negligible(data.provenance()) || negligible(runs.provenance())) return Verdict.SILENCE;
        String what = String.format(action, data.label()) + " on every iteration";
        if (!known(data.provenance()) || !known(runs.provenance())) {
            return unknown == Unknown.SILENT ? Verdict.SILENCE
                    : new Verdict(false, unknownCost(what, data, runs), null);
        }
        String growth;
        String size;
        Provenance d = data.provenance();
        Provenance r = runs.provenance();
        if (sameInput(d, r)) {
            growth = power(d.degree() + r.degree());
            size = data.label();
        } else {
            growth = "O(n·m)";
            size = "n = " + data.label() + ", m = " + runs.label();
        }
        String text = what + ": " + growth + (sameInput(d, r) ? " in " + size : " for " + size);
        return new Verdict(false, new Cost(text, growth, size, describe(d, r)), Severity.WARNING);
    }

    /**
     * A cost quadratic in one size, for a message that already says what is repeated: the cost
     * text is the growth alone ("O(n²) in len(data)"). Silent when the size is small.
     */
    public static Verdict quadratic(Size n, Unknown unknown) {
        Provenance p = n.provenance();
        if (negligible(p)) return Verdict.SILENCE;
        if (!known(p)) {
            return unknown == Unknown.SILENT ? Verdict.SILENCE
                    : new Verdict(false, new Cost("how large " + n.label() + " gets is not known", null,
                            n.label(), p.describe()), null);
        }
        return new Verdict(false, new Cost("O(n²) in " + n.label(), "O(n²)", n.label(),
                p.describe()), Severity.WARNING);
    }

    /** A saving linear in one size ({@code "holds all len(xs) items at once"}): a note, silent when small. */
    public static Verdict linear(String what, Size n, Unknown unknown) {
        Provenance p = n.provenance();
        if (negligible(p)) return Verdict.SILENCE;
        if (!known(p)) {
            return unknown == Unknown.SILENT ? Verdict.SILENCE
                    : new Verdict(false, new Cost(what + "; how large " + n.label() + " gets is not known", null,
                            n.label(), p.describe()), Severity.NOTE);
        }
        return new Verdict(false, new Cost(what + ": O(n) in " + n.label(), "O(n)", n.label(),
                p.describe()), Severity.NOTE);
    }

    /** Input the program reads (a file, socket, request, query...), not only a parameter it is given. */
    public static boolean isRead(Size s) {
        return s.provenance().isLarge() && s.provenance().origin() != Provenance.Origin.PARAMETER;
    }

    /** Small in the source (constant or capped by a small constant) or small in practice (the command line). */
    private static boolean negligible(Provenance p) {
        return p.isSmall() || p.kind() == Provenance.Kind.INPUT && !p.isLarge();
    }

    /** Input-driven, or capped by a large constant: a size a growth can be stated in. */
    private static boolean known(Provenance p) {
        return p.kind() == Provenance.Kind.INPUT || p.isCapped();
    }

    private static boolean sameInput(Provenance a, Provenance b) {
        return a.kind() == Provenance.Kind.INPUT && b.kind() == Provenance.Kind.INPUT
                && a.origin() == b.origin() && java.util.Objects.equals(a.source(), b.source());
    }

    private static String power(int degree) {
        return switch (degree) {
            case 0 -> "O(1)";
            case 1 -> "O(n)";
            case 2 -> "O(n²)";
            case 3 -> "O(n³)";
            default -> "O(n^" + degree + ")";
        };
    }

    private static String describe(Provenance data, Provenance runs) {
        if (data.equals(runs)) return data.describe();
        return data.describe() + "; iterations " + runs.describe();
    }

    private static Cost unknownCost(String what, Size data, Size runs) {
        String which = !known(data.provenance()) ? data.label() : "the number of iterations";
        return new Cost(what + "; how large " + which + " gets is not known", null, data.label(),
                describe(data.provenance(), runs.provenance()));
    }

    /** len(x) for a sequence, its own text for a number, shortened when long. */
    static String lengthLabel(RuleContext ctx, Expr e) {
        if (e instanceof Expr.Call c && c.args().size() == 1 && ctx.model().isBuiltin(c.func(), "range")) {
            Expr n = c.args().get(0); // range(n): n items; range(len(xs)): len(xs)
            return n instanceof Expr.Call len && ctx.model().isBuiltin(len.func(), "len") && len.args().size() == 1
                    ? lengthLabel(ctx, len.args().get(0)) : shortText(ctx, n);
        }
        return "len(" + shortText(ctx, e) + ")";
    }

    /** What a loop's trip count is called: len(xs) for {@code for x in xs}, n for {@code range(n)}. */
    static String tripsLabel(RuleContext ctx, Located loop) {
        Expr iter = null;
        if (loop instanceof Stmt.ForNode f) iter = f.iter();
        else if (loop instanceof Stmt.While) return "the number of iterations";
        else {
            List<Comprehension> gens = loop instanceof Expr.ListComp l ? l.generators()
                    : loop instanceof Expr.SetComp s ? s.generators()
                    : loop instanceof Expr.DictComp d ? d.generators()
                    : loop instanceof Expr.GeneratorExp g ? g.generators() : List.of();
            if (!gens.isEmpty()) iter = gens.get(0).iter();
        }
        if (iter == null) return "the number of iterations";
        if (iter instanceof Expr.Call c && !c.args().isEmpty()
                && (ctx.model().isBuiltin(c.func(), "enumerate") || ctx.model().isBuiltin(c.func(), "zip"))) {
            return lengthLabel(ctx, c.args().get(0));
        }
        return lengthLabel(ctx, iter);
    }

    private static String shortText(RuleContext ctx, Expr e) {
        String t = ctx.text(e).replaceAll("\\s+", " ");
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
