package dev.memlint.rule.memory;

import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.ModuleIndex;
import dev.memlint.memory.heap.Unlinks;
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
            String method = sc.method().name();
            report(ctx, sc.owner(), sc.cycle(), "its own `" + method + "` puts each one in a cycle", reported,
                    CycleSteps.unlessForeignBase(ctx, memory.index(), sc.owner()));
            report(ctx, memory.index(), sc.cycle(), "`" + sc.owner().name() + "." + method + "` puts one in a cycle", reported);
        }
        for (ModuleMemory.SelfCycle sc : memory.argumentCycles()) {
            if (Unlinks.byAMethod(memory.index(), sc.owner(), sc.cycle(), sc.method())) continue;
            report(ctx, sc.owner(), sc.cycle(), "its own `__init__` links each one in a cycle with an object passed to it", reported);
        }
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            for (Cycle c : r.cycles()) {
                report(ctx, memory.index(), c, "`" + r.qualname() + "` puts one in a cycle", reported);
            }
        }
    }

    private void report(RuleContext ctx, ModuleIndex index, Cycle c, String where, Set<String> reported) {
        for (var site : c.instancesOf(index)) {
            report(ctx, index.classNamed(site.className()), c, where, reported);
        }
    }

    /** The instance in a self cycle is __init__'s self parameter, not an instance site: named by its class. */
    private void report(RuleContext ctx, ModuleIndex.ClassInfo cls, Cycle c, String where, Set<String> reported) {
        report(ctx, cls, c, where, reported, "");
    }

    private void report(RuleContext ctx, ModuleIndex.ClassInfo cls, Cycle c, String where, Set<String> reported,
                        String unless) {
        if (cls.hasFinalizer() && reported.add(cls.name())) {
            var del = cls.methods().get("__del__");
            FindingBuilder f = ctx.report(del, "`" + cls.name() + ".__del__` runs only when the cyclic garbage "
                    + "collector frees its instance: " + where + " (" + c.describe() + ")" + unless);
            CycleSteps.addSteps(f, c);
        }
    }
}
