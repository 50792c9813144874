package dev.memlint.rule.memory;

import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.SizeModel;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;

/**
 * MEM702: a function whose allocation grows with the square of an input: a list, tuple or bytes
 * rebuilt as a longer copy of itself on every iteration, or a peak quadratic in one size.
 */
@RuleMeta(code = "MEM702", name = "quadratic-allocation", severity = Severity.WARNING,
        summary = "Allocation grows quadratically with an input (repeated copies in a loop).",
        defaultEnabled = false, precision = "medium", tags = {"memory", "estimate"})
public final class QuadraticAllocationRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        SizeModel sizes = SizeModel.of("3.12");
        for (ModuleMemory.FunctionReport r : ModuleMemory.of(ctx.model().module(), sizes).functions()) {
            // only when the loop's trip count is an input (n, len(a)), not a loop of unknown length
            if (r.estimate() != null && r.estimate().quadraticChurn() && r.estimate().churnSymbol() != null
                    && !r.estimate().churnSymbol().contains("iterations_")) {
                ctx.report(r.function(), "`" + r.qualname() + "` copies a growing sequence on every iteration: "
                        + "the bytes it allocates grow as O(" + r.estimate().churnSymbol() + "^2)");
            }
        }
    }
}
