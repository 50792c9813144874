package dev.memlint.rule.support;

import dev.memlint.ast.Expr;
import dev.memlint.semantic.SemanticModel;

import java.util.Set;

/** Builtins that read an iterable argument exactly once, front to back, and keep no reference to it. */
public final class OnePassConsumers {
    private static final Set<String> BUILTINS = Set.of("sum", "min", "max", "any", "all", "set", "frozenset",
            "tuple", "sorted");

    /** The ones that keep no item: they reduce the iterable to one value. */
    private static final Set<String> REDUCING = Set.of("sum", "min", "max", "any", "all");

    private OnePassConsumers() {}

    /** Whether {@code func} names one of those builtins (not shadowed). */
    public static boolean isOnePassBuiltin(SemanticModel model, Expr func) {
        for (String b : BUILTINS) if (model.isBuiltin(func, b)) return true;
        return false;
    }

    /** Whether {@code func} names sum, min, max, any or all (not shadowed). */
    public static boolean isReducing(SemanticModel model, Expr func) {
        for (String b : REDUCING) if (model.isBuiltin(func, b)) return true;
        return false;
    }
}
