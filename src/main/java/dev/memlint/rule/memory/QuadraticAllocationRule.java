package dev.memlint.rule.memory;

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

import java.util.ArrayList;
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
            if (!hasLoop(r.function().body())) {
                continue; // churn needs a loop: skip estimating the rest
            }
            PeakEstimator.Estimate e = memory.estimate(r, sizes).orElse(null);
            // only when the loop's trip count is an input (n, len(a)), not a loop of unknown length
            if (e != null && e.quadraticChurn() && e.churnSymbol() != null && !e.churnSymbol().contains("iterations_")) {
                ctx.report(r.function(), "`" + r.qualname() + "` copies a growing sequence on every iteration: "
                        + "the bytes it allocates grow as O(" + e.churnSymbol() + "^2)");
            }
        }
    }

    /** Whether the statements hold a for or while loop (nested functions and classes aside). */
    private static boolean hasLoop(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.ForNode || s instanceof Stmt.While) {
                return true;
            }
            if (!(s instanceof Stmt.FunctionNode) && !(s instanceof Stmt.ClassDef)) {
                List<Stmt> inner = new ArrayList<>();
                NodeChildren.forEach(s, c -> {
                    if (c instanceof Stmt st) {
                        inner.add(st);
                    }
                });
                if (hasLoop(inner)) {
                    return true;
                }
            }
        }
        return false;
    }
}
