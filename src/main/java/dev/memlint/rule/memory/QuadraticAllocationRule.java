package dev.memlint.rule.memory;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.size.PeakEstimator;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MEM702: a function whose allocation grows with the square of an input: a list, tuple or bytes
 * rebuilt as a longer copy of itself on every iteration, or a peak quadratic in one size that the
 * function does not keep (all pairs built only to be counted).
 */
@RuleMeta(code = "MEM702", name = "quadratic-allocation", severity = Severity.WARNING,
        summary = "Allocation grows quadratically with an input (repeated copies in a loop).",
        precision = "medium", tags = {"memory", "estimate"})
public final class QuadraticAllocationRule implements Rule {
    private PythonVersion target;
    @Override
    public void init(RuleInit init) {
        target = init.targetVersion();
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        SizeModel sizes = SizeModel.forTarget(target);
        ModuleMemory memory = ModuleMemory.of(ctx.model().module());
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            if (!concatenatesInLoop(ctx.model(), r.function().body())) {
                checkPeak(ctx, memory, sizes, r);
                continue; // churn needs a `+` in a loop: skip estimating the rest
            }
            PeakEstimator.Estimate e = memory.churn(r, sizes).orElse(null);
            // only when the loop's trip count is an input (n, len(a)), not a loop of unknown length
            if (e != null && e.quadraticChurn() && e.churnSymbol() != null && !e.churnSymbol().contains("iterations_")) {
                Stmt growing = growingStatement(ctx.model(), r.function());
                String growth = isInputSize(e.churnSymbol())
                        ? "the bytes it allocates grow as O(" + e.churnSymbol() + "^2)"
                        : "the bytes it allocates grow with the square of the number of iterations";
                if (growing != null) {
                    ctx.report(growing, "`" + ctx.text(growingTarget(growing)) + "` is rebuilt as a longer copy of "
                            + "itself on every iteration in `" + r.qualname() + "`: " + growth)
                            .related(header(r.function()), "the function");
                } else {
                    ctx.report(header(r.function()), "`" + r.qualname() + "` copies a growing sequence on every "
                            + "iteration: " + growth);
                }
            }
        }
    }

    /**
     * A peak that the estimator finds quadratic in an input (a list of all pairs) while what the
     * function keeps is not: the n² items are built only to be counted, summed or filtered, so
     * computing that while iterating saves them all. A quadratic result the function returns is
     * what its caller asked for and is not reported.
     */
    private void checkPeak(RuleContext ctx, ModuleMemory memory, SizeModel sizes, ModuleMemory.FunctionReport r) {
        Stmt building = PairwiseBuilds.first(ctx.model(), r.function());
        // a collection kept, returned or handed on is not garbage; both syntactic checks come before
        // the estimate, the costly part
        if (building == null || !PairwiseBuilds.onlyReduced(ctx.model(), building)) return;
        PeakEstimator.Estimate e = memory.estimate(r, sizes, CollectorMode.DEFAULT).orElse(null);
        if (e == null || e.notEstimated() != null || e.peak().degree(sizes) < 2 || e.retained().degree(sizes) >= 2) return;
        java.util.Set<String> symbols = e.peak().symbols();
        if (symbols.size() != 1 || symbols.iterator().next().contains("iterations_") || !isInputSize(symbols.iterator().next())) return;
        String n = symbols.iterator().next();
        ctx.report(building, "`" + r.qualname() + "` collects a quadratic number of items here and keeps none of "
                        + "them: count, sum or filter while iterating instead of collecting first")
                .cost(new Cost("holds O(" + n + "²) bytes at its peak, none of them kept", "O(n²)", n, "estimated from the function"))
                .related(header(r.function()), "the function");
    }

    /** A name or attribute path (n, seq, expr.rank), or len() of one: a size the reader can find in the code. */
    private static final Pattern INPUT_SIZE = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*|len\\([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*\\)");

    /**
     * Whether the estimate's trip count names an input a reader recognises. Others are the
     * estimator's own terms: parts(r) counts the pieces r.split() makes of a string, not r itself
     * (a regex, a separator); expr@1409, len(ordered()) or "i, j" are no size of anything in the code.
     */
    private static boolean isInputSize(String symbol) {
        return INPUT_SIZE.matcher(symbol).matches();
    }

    /**
     * The statement that rebinds a name to a longer copy of itself in a loop of the function
     * (acc = acc + [x], acc = [x] + acc, acc += (x,)), the first in source order; null when none
     * is recognised. A list's += extends in place and is no copy.
     */
    private static Stmt growingStatement(SemanticModel model, Stmt.FunctionNode f) {
        Stmt[] found = {null};
        NodeChildren.walkAll(f.body(), n -> {
            if (found[0] != null || !(n instanceof Stmt s) || model.enclosingFunction(s) != f
                    || model.enclosingLoop(s) == null) return;
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && a.value() instanceof Expr.BinOp op && op.op() == Operator.Add && mentions(op, t.id())
                    && (isSequence(model, t) || addsSequence(model, op))) found[0] = s;
            if (s instanceof Stmt.AugAssign a && a.op() == Operator.Add && a.target() instanceof Expr.Name t
                    && model.typeOf(t) != PyType.LIST // a list's += extends in place
                    && (isSequence(model, t) || isSequence(model, a.value()))) found[0] = s;
        });
        return found[0];
    }

    /** A tuple, list or bytes: a display, a comprehension, or a value of that type. */
    private static boolean isSequence(SemanticModel model, Expr e) {
        if (e instanceof Expr.TupleExpr || e instanceof Expr.ListExpr || e instanceof Expr.ListComp) return true;
        PyType t = model.typeOf(e);
        return t == PyType.TUPLE || t == PyType.LIST || t == PyType.BYTES;
    }

    /** Whether an operand of the + chain is a sequence (so the chain concatenates, not adds numbers or terms). */
    private static boolean addsSequence(SemanticModel model, Expr e) {
        if (e instanceof Expr.BinOp b && b.op() == Operator.Add) return addsSequence(model, b.left()) || addsSequence(model, b.right());
        return isSequence(model, e);
    }

    /** Whether an operand of the + chain is the name itself. */
    private static boolean mentions(Expr e, String name) {
        if (e instanceof Expr.BinOp b && b.op() == Operator.Add) return mentions(b.left(), name) || mentions(b.right(), name);
        return e instanceof Expr.Name n && n.id().equals(name);
    }

    private static Expr growingTarget(Stmt s) {
        return s instanceof Stmt.Assign a ? a.targets().get(0) : ((Stmt.AugAssign) s).target();
    }

    /** "def name": the def's first line up to the end of its name, not its whole body. */
    private static Located header(Stmt.FunctionNode f) {
        Pos p = f.pos();
        int start = p.col() + (f instanceof Stmt.AsyncFunctionDef ? "async def ".length() : "def ".length());
        Pos header = new Pos(p.line(), p.col(), p.line(), start + f.name().getBytes(StandardCharsets.UTF_8).length);
        return () -> header;
    }

    /**
     * Whether a for or while loop of the statements (nested functions and classes aside) rebinds a
     * name to what may be a sequence concatenation: `x += y`, or `x = a + b` (either branch of an
     * `if else` too) where a or b names something the loop assigns. The estimate finds churn only
     * where a loop rebinds a name to a list, tuple or bytes concatenation of what it held
     * ({@code acc = acc + [i]}, or through another name); a `+` inside a larger expression
     * ({@code (a * k + q) // n}, {@code f(a + b)}) binds no concatenation. A `+` with an operand
     * known to be a number or a str makes a number or a str (most of them, in real loops), so it
     * needs no estimate.
     */
    private static boolean concatenatesInLoop(SemanticModel model, List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.ForNode || s instanceof Stmt.While) {
                Set<String> assigned = new HashSet<>();
                NodeChildren.walkAll(List.of(s), n -> {
                    if (n instanceof Stmt.Assign a) {
                        a.targets().forEach(t -> NodeChildren.walkAll(List.of(t), x -> {
                            if (x instanceof Expr.Name name) assigned.add(name.id());
                        }));
                    }
                });
                if (NodeChildren.anyMatch(List.of(s), n -> isConcatenation(model, n, assigned))) {
                    return true;
                }
            } else if (!(s instanceof Stmt.FunctionNode) && !(s instanceof Stmt.ClassDef)) {
                if (concatenatesInLoop(model, NodeChildren.childStatements(s))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConcatenation(SemanticModel model, Node n, Set<String> assigned) {
        return n instanceof Stmt.AugAssign a && a.op() == Operator.Add && a.target() instanceof Expr.Name
                && mayBeSequence(model, a.target()) && mayBeSequence(model, a.value())
                || n instanceof Stmt.Assign assign && bindsConcatenation(model, assign.value(), assigned);
    }

    private static boolean bindsConcatenation(SemanticModel model, Expr value, Set<String> assigned) {
        if (value instanceof Expr.IfExp e) {
            return bindsConcatenation(model, e.body(), assigned) || bindsConcatenation(model, e.orelse(), assigned);
        }
        return value instanceof Expr.BinOp b && b.op() == Operator.Add && mayBeSequence(model, b.left())
                && mayBeSequence(model, b.right())
                && NodeChildren.anyMatch(List.of(b), x -> x instanceof Expr.Name name && assigned.contains(name.id()));
    }

    /** Whether e is not known to be a number or a str (a number literal is typed too). */
    private static boolean mayBeSequence(SemanticModel model, Expr e) {
        PyType t = model.typeOf(e);
        return t != PyType.STR && t != PyType.INT && t != PyType.FLOAT && t != PyType.BOOL && t != PyType.COMPLEX;
    }
}
