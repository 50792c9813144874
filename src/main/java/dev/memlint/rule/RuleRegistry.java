package dev.memlint.rule;

import dev.memlint.rule.copies.BytesSliceInLoopRule;
import dev.memlint.rule.copies.IterationOverCopyRule;
import dev.memlint.rule.copies.RecursiveSliceArgumentRule;
import dev.memlint.rule.copies.ShrinkBySlicingInLoopRule;
import dev.memlint.rule.copies.SliceCopyInLoopRule;
import dev.memlint.rule.datastructures.ClassWithoutSlotsInLoopRule;
import dev.memlint.rule.datastructures.LargeNumberListRule;
import dev.memlint.rule.datastructures.ListMembershipInLoopRule;
import dev.memlint.rule.datastructures.ListUsedAsQueueRule;
import dev.memlint.rule.indexing.RangeLenIndexOnlyRule;
import dev.memlint.rule.laziness.ListComprehensionConsumedOnceRule;
import dev.memlint.rule.laziness.ListReturnedForOnePassRule;
import dev.memlint.rule.laziness.LocalListIteratedOnceRule;
import dev.memlint.rule.laziness.MaterializedLazyIterableRule;
import dev.memlint.rule.laziness.ReadlinesIteratedRule;
import dev.memlint.rule.lifetime.CacheOnMethodRule;
import dev.memlint.rule.lifetime.ExceptionKeptAliveRule;
import dev.memlint.rule.lifetime.GarbageCollectorMisuseRule;
import dev.memlint.rule.lifetime.MutatedMutableDefaultRule;
import dev.memlint.rule.lifetime.UnboundedCacheRule;
import dev.memlint.rule.memory.FinalizerInCycleRule;
import dev.memlint.rule.memory.PeakBudgetRule;
import dev.memlint.rule.memory.QuadraticAllocationRule;
import dev.memlint.rule.memory.ReferenceCycleRule;
import dev.memlint.rule.strings.BytesConcatenationInLoopRule;
import dev.memlint.rule.strings.StringConcatenationInLoopRule;
import dev.memlint.rule.strings.SumOfSequencesRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule memlint knows, sorted by code. Adding a rule = one line in {@link #RULE_CLASSES}
 * (kept sorted; ConventionsTest checks it).
 */
public final class RuleRegistry {
    /** Files that do not parse get exactly this finding, at the first error. */
    public static final RuleInfo SYNTAX_ERROR = new RuleInfo("MEM001", "syntax-error", Severity.ERROR,
            "The file is not valid Python for the target version, so nothing else in it is checked.",
            true, List.of("correctness"), "very-high");

    private static final List<Class<? extends Rule>> RULE_CLASSES = List.of(
            SliceCopyInLoopRule.class,               // MEM101
            RecursiveSliceArgumentRule.class,        // MEM102
            ShrinkBySlicingInLoopRule.class,         // MEM103
            IterationOverCopyRule.class,             // MEM104
            BytesSliceInLoopRule.class,              // MEM105
            StringConcatenationInLoopRule.class,     // MEM201
            BytesConcatenationInLoopRule.class,      // MEM202
            SumOfSequencesRule.class,                // MEM203
            ListComprehensionConsumedOnceRule.class, // MEM301
            MaterializedLazyIterableRule.class,      // MEM302
            LocalListIteratedOnceRule.class,         // MEM303
            ListReturnedForOnePassRule.class,        // MEM304
            ReadlinesIteratedRule.class,             // MEM305
            RangeLenIndexOnlyRule.class,             // MEM401
            ListUsedAsQueueRule.class,               // MEM501
            ListMembershipInLoopRule.class,          // MEM502
            ClassWithoutSlotsInLoopRule.class,       // MEM503
            LargeNumberListRule.class,               // MEM504
            ReferenceCycleRule.class,                // MEM601
            CacheOnMethodRule.class,                 // MEM602
            UnboundedCacheRule.class,                // MEM603
            MutatedMutableDefaultRule.class,         // MEM604
            ExceptionKeptAliveRule.class,            // MEM605
            GarbageCollectorMisuseRule.class,        // MEM606
            FinalizerInCycleRule.class,              // MEM607
            PeakBudgetRule.class,                    // MEM701
            QuadraticAllocationRule.class            // MEM702
    );

    private static final Map<String, Class<? extends Rule>> BY_CODE = byCode();
    private static final List<RuleInfo> ALL = allInfos();

    private RuleRegistry() {}

    /** MEM001 and every rule class, sorted by code. */
    public static List<RuleInfo> all() { return ALL; }

    /** The rule classes (everything but MEM001), sorted by code. */
    public static List<Class<? extends Rule>> ruleClasses() { return RULE_CLASSES; }

    /** The metadata of a code, or null when no rule has it. */
    public static RuleInfo info(String code) {
        for (RuleInfo i : ALL) if (i.code().equals(code)) return i;
        return null;
    }

    /** The class of a code, or null (MEM001 has none: the linter reports it). */
    public static Class<? extends Rule> ruleClass(String code) { return BY_CODE.get(code); }

    public static RuleMeta meta(Class<? extends Rule> rule) {
        RuleMeta m = rule.getAnnotation(RuleMeta.class);
        if (m == null) throw new IllegalStateException(rule.getName() + " lacks @RuleMeta");
        return m;
    }

    public static RuleInfo info(Class<? extends Rule> rule) {
        RuleMeta m = meta(rule);
        return new RuleInfo(m.code(), m.name(), m.severity(), m.summary(), m.defaultEnabled() && measuredWorth(m.code()),
                List.of(m.tags()), m.precision());
    }

    /** Whether the judged findings of a rule were worth acting on often enough to run it by default. */
    private static boolean measuredWorth(String code) {
        MeasuredPrecision p = MeasuredPrecision.of(code);
        return p == null || p.keepsRuleOn();
    }

    /** The options a code declares (empty for unknown codes). */
    public static List<RuleMeta.Option> options(String code) {
        Class<? extends Rule> c = BY_CODE.get(code);
        return c == null ? List.of() : Arrays.asList(meta(c).options());
    }

    private static Map<String, Class<? extends Rule>> byCode() {
        Map<String, Class<? extends Rule>> m = new LinkedHashMap<>();
        for (Class<? extends Rule> c : RULE_CLASSES) m.put(meta(c).code(), c);
        return m;
    }

    private static List<RuleInfo> allInfos() {
        List<RuleInfo> infos = new ArrayList<>();
        infos.add(SYNTAX_ERROR);
        for (Class<? extends Rule> c : RULE_CLASSES) infos.add(info(c));
        return Collections.unmodifiableList(infos);
    }
}
