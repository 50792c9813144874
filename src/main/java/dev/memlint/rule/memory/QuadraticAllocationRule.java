package dev.memlint.rule.memory;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.size.PeakEstimator;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.NodeChildren;

import java.util.List;

/**
 * MEM702: a function whose allocation grows with the square of an input: a list, tuple or bytes
 * rebuilt as a longer copy of itself on every iteration, or a peak quadratic in one size.
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
            if (!concatenatesInLoop(r.function().body())) {
                continue; // churn needs a `+` in a loop: skip estimating the rest
            }
            PeakEstimator.Estimate e = memory.churn(r, sizes).orElse(null);
            // only when the loop's trip count is an input (n, len(a)), not a loop of unknown length
            if (e != null && e.quadraticChurn() && e.churnSymbol() != null && !e.churnSymbol().contains("iterations_")) {
                ctx.report(r.function(), "`" + r.qualname() + "` copies a growing sequence on every iteration: "
                        + "the bytes it allocates grow as O(" + e.churnSymbol() + "^2)");
            }
        }
    }

    /**
     * Whether a for or while loop of the statements (nested functions and classes aside) holds a
     * `+` or `+=` that is not plain arithmetic on a number literal: the estimate finds churn only
     * where a loop rebinds a name to such a concatenation.
     */
    private static boolean concatenatesInLoop(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.ForNode || s instanceof Stmt.While) {
                if (NodeChildren.anyMatch(List.of(s), QuadraticAllocationRule::isConcatenation)) {
                    return true;
                }
            } else if (!(s instanceof Stmt.FunctionNode) && !(s instanceof Stmt.ClassDef)) {
                if (concatenatesInLoop(NodeChildren.childStatements(s))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConcatenation(Node n) {
        return n instanceof Stmt.AugAssign a && a.op() == Operator.Add && !isNumber(a.value())
                || n instanceof Expr.BinOp b && b.op() == Operator.Add && !isNumber(b.left()) && !isNumber(b.right());
    }

    private static boolean isNumber(Expr e) {
        return e instanceof Expr.Constant c && c.value() instanceof Number;
    }
}
