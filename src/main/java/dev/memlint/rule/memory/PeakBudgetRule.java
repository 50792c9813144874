package dev.memlint.rule.memory;

import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.size.PeakEstimator;
import dev.memlint.memory.size.Sym;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;

import java.util.HashMap;
import java.util.Map;

/**
 * MEM701: a function's estimated peak, with every input size symbol bound to the configured size,
 * is above the configured budget.
 */
@RuleMeta(code = "MEM701", name = "peak-over-budget", severity = Severity.WARNING,
        summary = "The estimated peak memory of a function at the assumed input size exceeds the budget.",
        defaultEnabled = false, precision = "medium", tags = {"memory", "estimate"},
        options = {
                @RuleMeta.Option(name = "peak-budget", defaultValue = 1L << 30,
                        description = "bytes a function may hold at its peak"),
                @RuleMeta.Option(name = "assume", defaultValue = 1_000_000,
                        description = "value bound to every size symbol (n, len(a), ...)")
        })
public final class PeakBudgetRule implements Rule {
    private PythonVersion target;
    private long budget;
    private long assumed;

    @Override
    public void init(RuleInit init) {
        target = init.targetVersion();
        budget = init.option("peak-budget");
        assumed = init.option("assume");
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        SizeModel sizes = SizeModel.forTarget(target);
        ModuleMemory memory = ModuleMemory.of(ctx.model().module());
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            PeakEstimator.Estimate e = memory.estimate(r, sizes, CollectorMode.DEFAULT).orElse(null);
            if (e == null || e.peak().symbols().isEmpty()) {
                continue;
            }
            Sym peak = e.peak();
            Map<String, Double> bindings = new HashMap<>();
            peak.symbols().forEach(s -> bindings.put(s, (double) assumed));
            Double bytes = peak.eval(bindings, sizes);
            if (bytes != null && bytes > budget) {
                ctx.report(r.function(), String.format(java.util.Locale.ROOT,
                        "`%s` peaks at about %,.0f bytes (%s) with every size at %,d, over the budget of %,d bytes",
                        r.qualname(), bytes, peak.text(), assumed, budget));
            }
        }
    }
}
