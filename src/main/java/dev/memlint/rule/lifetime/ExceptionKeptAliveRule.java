package dev.memlint.rule.lifetime;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

/**
 * MEM605: inside an except handler, the caught exception or its traceback stored where it outlives
 * the handler: on an attribute ({@code self.error = e}, {@code self.errors.append(e)}), in a
 * module global, or ({@code sys.exc_info()}, {@code e.__traceback__}, or {@code e} itself) in a
 * function local that is never cleared, which makes a cycle through the function's own frame.
 */
@RuleMeta(code = "MEM605", name = "exception-kept-beyond-handler", severity = Severity.WARNING,
        summary = "A caught exception or traceback is stored where it outlives its handler, keeping frames alive.",
        tags = {"memory"})
public final class ExceptionKeptAliveRule implements Rule {
    @Override
    public void init(RuleInit init) {
        init.on(Stmt.Assign.class, this::assign);
        init.on(Expr.Call.class, this::append);
    }

    private void assign(RuleContext ctx, Stmt.Assign a) {
        SemanticModel model = ctx.model();
        ExceptHandler handler = enclosingHandler(model, a);
        if (handler == null) return;
        String what = exceptionValue(model, a.value(), handler);
        if (what == null) return;
        for (Expr t : a.targets()) {
            Expr target = t instanceof Expr.TupleExpr tuple && tuple.elts().size() == 3 && isExcInfo(model, a.value())
                    ? tuple.elts().get(2) : t;
            String where = where(ctx, target);
            if (where != null) {
                // A local only lives as long as its frame plus the cycle through it: a note. Attributes
                // and globals keep the frames for as long as their owner lives: a warning.
                ctx.report(a, what + " stored " + where + " outlives the handler and keeps the traceback's frames, "
                        + "with all their locals, alive" + advice(where))
                        .severity(where.startsWith("in local") ? Severity.NOTE : Severity.WARNING);
                return;
            }
        }
    }

    /** self.errors.append(e) and module_list.append(e) inside a handler. */
    private void append(RuleContext ctx, Expr.Call call) {
        if (!(call.func() instanceof Expr.Attribute a) || !a.attr().equals("append") || call.args().size() != 1) return;
        SemanticModel model = ctx.model();
        ExceptHandler handler = enclosingHandler(model, call);
        if (handler == null || handler.name() == null || !(call.args().get(0) instanceof Expr.Name n)
                || !n.id().equals(handler.name()) || clearsTraceback(handler)) return;
        String where = a.value() instanceof Expr.Attribute ? "in a list on an attribute"
                : a.value() instanceof Expr.Name g && isGlobal(model, g) ? "in a module-level list" : null;
        if (where == null) return;
        ctx.report(call, "the exception `" + n.id() + "` stored " + where + " outlives the handler and keeps the "
                + "traceback's frames, with all their locals, alive" + advice(where));
    }

    private static String advice(String where) {
        return where.startsWith("in local")
                ? "; it forms a cycle with this function's frame that only the cyclic garbage collector frees: "
                        + "`del` it (or set it to None) in a `finally`"
                : "; keep what you need (`str(e)`, or `e.with_traceback(None)`)";
    }

    /** A description of the value when it is the handler's exception or a traceback; null otherwise. */
    private static String exceptionValue(SemanticModel model, Expr v, ExceptHandler handler) {
        if (v instanceof Expr.Name n && n.id().equals(handler.name()) && !clearsTraceback(handler))
            return "the exception `" + n.id() + "`";
        if (isExcInfo(model, v)) return "`sys.exc_info()`";
        if (v instanceof Expr.Subscript s && isExcInfo(model, s.value())) return "the traceback of `sys.exc_info()`";
        if (v instanceof Expr.Attribute a && a.attr().equals("__traceback__")) return "a traceback";
        return null;
    }

    private static boolean isExcInfo(SemanticModel model, Expr e) {
        return e instanceof Expr.Call c && c.args().isEmpty() && "sys.exc_info".equals(model.qualifiedName(c.func()));
    }

    /** Where a target keeps its value beyond the handler, or null when it does not (or is cleared). */
    private static String where(RuleContext ctx, Expr target) {
        SemanticModel model = ctx.model();
        if (target instanceof Expr.Attribute) return "on an attribute";
        if (!(target instanceof Expr.Name n)) return null;
        if (isGlobal(model, n)) return "in a module global";
        Symbol s = model.symbol(n);
        if (s == null || !s.scope().isFunctionLike()) return null;
        for (Binding b : s.bindings()) {
            if (b.kind() == Binding.Kind.DELETION) return null;
            if (b.value() instanceof Expr.Constant c && c.value() == null) return null; // err = None clears it
        }
        return "in local `" + n.id() + "`";
    }

    private static boolean isGlobal(SemanticModel model, Expr.Name n) {
        Symbol s = model.symbol(n);
        return s != null && s.scope().kind() == Scope.Kind.MODULE;
    }

    /** The except handler whose body runs the node, within the same function. */
    private static ExceptHandler enclosingHandler(SemanticModel model, Node node) {
        for (Node n = model.parent(node); n != null; n = model.parent(n)) {
            if (n instanceof ExceptHandler h) return h;
            if (n instanceof Stmt.FunctionNode || n instanceof Expr.Lambda || n instanceof Stmt.ClassDef) return null;
        }
        return null;
    }

    /** e.__traceback__ = None or e.with_traceback(None) in the handler: the frames are let go. */
    private static boolean clearsTraceback(ExceptHandler h) {
        boolean[] found = {false};
        NodeChildren.walkAll(h.body(), n -> {
            if (n instanceof Expr.Attribute a && a.attr().equals("__traceback__") && a.ctx() == Ctx.Store)
                found[0] = true;
            if (n instanceof Expr.Attribute a && a.attr().equals("with_traceback")) found[0] = true;
        });
        return found[0];
    }
}
