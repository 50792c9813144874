package dev.memlint.rule.support;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

import java.util.Set;

/**
 * What a builtin consumer does with the items of an iterable it reads once: reduce them to one value
 * (sum, min, max, any, all), or keep every one of them (tuple, list, set, frozenset, sorted, dict,
 * str.join, bytes.join, sum with a list start). Only the first kind profits from a generator: the
 * second holds all items at the end anyway, so a generator saves no more than the list's slots
 * while making the consumer slower (tuple() of a generator is about three times slower than of a
 * list comprehension on CPython 3.12: it cannot size the result in advance).
 */
public final class OnePassConsumers {
    private static final Set<String> REDUCING = Set.of("sum", "min", "max", "any", "all");
    private static final Set<String> KEEPING = Set.of("tuple", "list", "set", "frozenset", "sorted", "dict",
            "bytes", "bytearray");

    private OnePassConsumers() {}

    /** Whether func names sum, min, max, any or all (not shadowed). */
    public static boolean isReducing(SemanticModel model, Expr func) {
        for (String b : REDUCING) if (model.isBuiltin(func, b)) return true;
        return false;
    }

    /**
     * Whether the call reduces its iterable to one value and keeps no item: sum (without a list or
     * tuple start, which would concatenate), min, max, any, all.
     */
    public static boolean reduces(SemanticModel model, Expr.Call call) {
        return isReducing(model, call.func()) && !concatenates(model, call);
    }

    /** Whether the call keeps every item of its iterable argument. */
    public static boolean keepsEveryItem(SemanticModel model, Expr.Call call) {
        for (String b : KEEPING) if (model.isBuiltin(call.func(), b)) return true;
        if (call.func() instanceof Expr.Attribute a && a.attr().equals("join")) return true; // "".join, b"".join, sep.join
        return concatenates(model, call);
    }

    /** sum(parts, []) or sum(parts, start=()): every item ends up in the result. */
    private static boolean concatenates(SemanticModel model, Expr.Call call) {
        if (!model.isBuiltin(call.func(), "sum")) return false;
        Expr start = call.args().size() == 2 ? call.args().get(1) : null;
        for (Keyword k : call.keywords()) if ("start".equals(k.arg())) start = k.value();
        if (start == null) return false;
        PyType type = model.typeOf(start);
        return type == PyType.LIST || type == PyType.TUPLE;
    }
}
