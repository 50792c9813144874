package dev.memlint.rule.datastructures;

import dev.memlint.ast.Expr;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.PyType;

import java.math.BigInteger;

/**
 * MEM501: {@code a.pop(0)} or {@code a.insert(0, x)} on a list inside a loop. Each call moves every
 * other element one slot, so draining or filling the list this way is quadratic; a deque does it in
 * constant time at both ends.
 */
@RuleMeta(code = "MEM501", name = "list-used-as-queue", severity = Severity.WARNING,
        summary = "A list is used as a queue (pop(0) or insert(0, x) in a loop); collections.deque does this in constant time.",
        tags = {"performance", "memory"})
public final class ListUsedAsQueueRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Call call) {
        if (!(call.func() instanceof Expr.Attribute a) || !call.keywords().isEmpty()) return;
        boolean front = switch (a.attr()) {
            case "pop" -> call.args().size() == 1 && isZero(call.args().get(0));
            case "insert" -> call.args().size() == 2 && isZero(call.args().get(0));
            default -> false;
        };
        if (!front || ctx.model().typeOf(a.value()) != PyType.LIST) return;
        var loop = ctx.model().enclosingLoop(call);
        if (loop == null) return;
        String list = ctx.text(a.value());
        ctx.report(call, "`" + list + "." + a.attr() + "(0" + (a.attr().equals("insert") ? ", ...)" : ")")
                        + "` in a loop shifts every element of the list each time; use collections.deque ("
                        + (a.attr().equals("pop") ? "popleft()" : "appendleft()") + ")")
                .related(loop, "the loop");
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Constant c && BigInteger.ZERO.equals(c.value());
    }
}
