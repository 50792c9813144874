package dev.memlint.rule.memory;

import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.ModuleIndex;
import dev.memlint.rule.FindingBuilder;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MEM607: a class with __del__ whose instances end up in a reference cycle: the finalizer runs only
 * when the cyclic collector gets to it, at an unpredictable time, or never before shutdown.
 */
@RuleMeta(code = "MEM607", name = "finalizer-in-cycle", severity = Severity.WARNING,
        summary = "A class with __del__ has instances in a reference cycle; its finalizer runs late, if ever.",
        tags = {"memory", "gc"})
public final class FinalizerInCycleRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        ModuleMemory memory = ModuleMemory.of(ctx.model().module());
        Set<String> reported = new LinkedHashSet<>();
        for (ModuleMemory.SelfCycle sc : memory.selfCycles()) {
            report(ctx, memory.index(), sc.cycle(), "its own __init__", reported);
        }
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            for (Cycle c : r.cycles()) {
                report(ctx, memory.index(), c, "`" + r.qualname() + "`", reported);
            }
        }
    }

    private void report(RuleContext ctx, ModuleIndex index, Cycle c, String where, Set<String> reported) {
        for (var site : c.instancesOf(index)) {
            ModuleIndex.ClassInfo cls = index.classNamed(site.className());
            if (!reported.add(cls.name())) {
                continue;
            }
            var del = cls.methods().get("__del__");
            FindingBuilder f = ctx.report(del, "`" + cls.name() + ".__del__` runs only when the cyclic garbage "
                    + "collector frees its instance: " + where + " puts one in a cycle (" + c.describe() + ")");
            CycleSteps.addSteps(f, c);
        }
    }
}
