package dev.memlint.rule.strings;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Costs;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

/**
 * MEM203: {@code sum(parts, [])} or {@code sum(parts, ())}: the builtin adds the sequences one at a
 * time, each addition copying everything gathered so far. (sum refuses a str start by itself.)
 */
@RuleMeta(code = "MEM203", name = "sum-of-sequences", severity = Severity.WARNING,
        summary = "sum() concatenates lists or tuples, copying the growing result for every item.",
        tags = {"memory", "performance"})
public final class SumOfSequencesRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Call call) {
        SemanticModel model = ctx.model();
        if (!model.isBuiltin(call.func(), "sum") || call.args().isEmpty()) return;
        Expr start = call.args().size() == 2 ? call.args().get(1) : null;
        for (Keyword k : call.keywords()) if ("start".equals(k.arg())) start = k.value();
        if (start == null) return;
        PyType type = model.typeOf(start);
        if (type != PyType.LIST && type != PyType.TUPLE) return;
        Costs.Verdict verdict = Costs.quadratic(Costs.itemsOf(ctx, call.args().get(0)), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        String kind = type == PyType.LIST ? "lists" : "tuples";
        var finding = ctx.report(call, "`sum()` with a " + type.name().toLowerCase() + " start concatenates " + kind
                + " one at a time, copying the growing result for every item (quadratic); use "
                + "`itertools.chain.from_iterable` or a nested comprehension").cost(verdict.cost());
        Expr parts = call.args().get(0);
        String text = ctx.text(parts);
        if (isEmptyDisplay(start) && !text.contains("part") && !text.contains("item") && call.args().size() <= 2) {
            String comprehension = "item for part in " + text + " for item in part";
            String replacement = type == PyType.LIST ? "[" + comprehension + "]" : "tuple(" + comprehension + ")";
            // Unsafe: a sequence type with its own __add__ (or a mix of lists and tuples) behaves differently.
            finding.fix("Flatten with a nested comprehension", Fix.Applicability.UNSAFE, ctx.replace(call, replacement));
        }
    }

    private static boolean isEmptyDisplay(Expr e) {
        return e instanceof Expr.ListExpr l && l.elts().isEmpty() || e instanceof Expr.TupleExpr t && t.elts().isEmpty();
    }
}
