package dev.memlint.rule.lifetime;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.ModuleImports;
import dev.memlint.semantic.Blocks;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;

import java.math.BigInteger;
import java.util.List;

/**
 * MEM606: the cyclic garbage collector switched off or overused: {@code gc.disable()} not undone by
 * {@code gc.enable()} in a finally block, {@code gc.set_threshold(0)}, {@code gc.collect()} in a loop.
 */
@RuleMeta(code = "MEM606", name = "garbage-collector-misuse", severity = Severity.WARNING,
        summary = "The garbage collector is disabled without a guaranteed re-enable, or collected on every loop iteration.",
        tags = {"memory", "performance"})
public final class GarbageCollectorMisuseRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Call call) {
        SemanticModel model = ctx.model();
        String q = model.qualifiedName(call.func());
        if (q == null) return;
        switch (q) {
            case "gc.disable" -> {
                if (reEnabledLater(model, call) && !reEnabledInFinally(model, call) && !restoresState(model, call)) {
                    ctx.report(call, "gc.disable() is not undone by gc.enable() in a finally block: if anything "
                            + "raises, reference cycles are never collected again");
                }
            }
            case "gc.set_threshold" -> {
                if (!call.args().isEmpty() && call.args().get(0) instanceof Expr.Constant c
                        && BigInteger.ZERO.equals(c.value())) {
                    ctx.report(call, "gc.set_threshold(0) turns automatic collection off: reference cycles "
                            + "accumulate until gc.collect() is called");
                }
            }
            case "gc.collect" -> {
                var loop = model.enclosingLoop(call);
                if (loop != null && !deliberateCollection(model, call, loop)) {
                    ctx.report(call, "gc.collect() in a loop runs a full collection on every iteration")
                            .loop(loop);
                }
            }
            default -> { }
        }
    }

    /**
     * Whether the disable is followed by (or sits in the body of) a try whose finally block calls
     * gc.enable(): {@code gc.disable(); try: ... finally: gc.enable()}.
     */
    private static boolean reEnabledInFinally(SemanticModel model, Expr.Call call) {
        Stmt stmt = model.statementOf(call);
        Node child = stmt;
        for (Node p = model.parent(stmt); p != null; child = p, p = model.parent(p)) {
            if (p instanceof Stmt.Try t && SemanticModel.contains(t.body(), child) && enables(model, t.finalbody())) return true;
            List<Stmt> siblings = Blocks.containing(p, child);
            if (siblings != null) {
                int i = Blocks.indexOf(siblings, child);
                for (int j = i + 1; j < siblings.size(); j++) {
                    if (siblings.get(j) instanceof Stmt.Try t && enables(model, t.finalbody())) return true;
                }
            }
            if (p instanceof Stmt.FunctionNode || p instanceof Stmt.ClassDef) break;
        }
        return false;
    }

    /**
     * Whether gc.enable() is called after the disable in the same function (or module code): then
     * the code means a disabled region, and an exception between the two would leave it open. A
     * disable with no enable at all is state set on purpose (setUp, a helper setting the mode).
     * A gc.enable that is handed over rather than called ({@code self.addCleanup(gc.enable)}) is
     * a guaranteed re-enable.
     */
    private static boolean reEnabledLater(SemanticModel model, Expr.Call disable) {
        Node scope = model.enclosingFunction(disable);
        boolean[] later = {false};
        boolean[] handedOver = {false};
        NodeChildren.walk(scope == null ? model.module() : scope, n -> {
            if (!(n instanceof Expr.Attribute || n instanceof Expr.Name) || !"gc.enable".equals(model.qualifiedName((Expr) n))) return;
            if (model.parent(n) instanceof Expr.Call c && c.func() == n) {
                if (c.pos().line() > disable.pos().line()) later[0] = true;
            } else handedOver[0] = true;
        });
        return later[0] && !handedOver[0];
    }

    /**
     * Collections that are the point of the loop: a test module checking that objects die, a loop
     * that only collects (collect harder), or one that reads what was collected.
     */
    private static boolean deliberateCollection(SemanticModel model, Expr.Call call, Node loop) {
        if (!(model.parent(call) instanceof Stmt.ExprStmt)) return true; // if gc.collect() == 0: break
        if (loop instanceof Stmt.ForNode f && f.body().size() == 1) return true;
        if (loop instanceof Stmt.While w && w.body().size() == 1) return true;
        return ModuleImports.of(model).testModule();
    }

    /**
     * A disable in a finally block or under a test of the previous state ({@code if not was_enabled:})
     * puts back what the caller had; it is not the start of a disabled region.
     */
    private static boolean restoresState(SemanticModel model, Expr.Call call) {
        Node child = call;
        for (Node p = model.parent(call); p != null; child = p, p = model.parent(p)) {
            if (p instanceof Stmt.Try t && SemanticModel.contains(t.finalbody(), child)) return true;
            if (p instanceof Stmt.If i && SemanticModel.contains(i.body(), child)) {
                boolean[] mentions = {false};
                NodeChildren.walk(i.test(), n -> {
                    if (n instanceof Expr.Name name && name.id().toLowerCase().contains("enabled")) mentions[0] = true;
                    if (n instanceof Expr.Attribute a && a.attr().equals("isenabled")) mentions[0] = true;
                });
                if (mentions[0]) return true;
            }
            if (p instanceof Stmt.FunctionNode) break;
        }
        return false;
    }

    private static boolean enables(SemanticModel model, List<Stmt> block) {
        boolean[] found = {false};
        for (Stmt s : block) NodeChildren.walk(s, n -> {
            if (n instanceof Expr.Call c && "gc.enable".equals(model.qualifiedName(c.func()))) found[0] = true;
        });
        return found[0];
    }

}
