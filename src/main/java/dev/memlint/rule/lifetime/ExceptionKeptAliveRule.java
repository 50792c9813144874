package dev.memlint.rule.lifetime;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.Set;

/**
 * MEM605: inside an except handler, the caught exception or its traceback stored where it outlives
 * the handler: on an attribute ({@code self.error = e}, {@code self.errors.append(e)}), in a
 * module global, or ({@code sys.exc_info()}, {@code e.__traceback__}, or {@code e} itself) in a
 * function local that is not cleared after the store, which makes a cycle through the function's
 * own frame. Kept on purpose is not reported: an exception the handler re-raises, returns or passes
 * on, a local that is later raised, returned or passed on, an attribute a public method returns
 * (an {@code exception()} API) or a method raises later, and an object carrying it that the
 * function hands over.
 */
@RuleMeta(code = "MEM605", name = "exception-kept-beyond-handler", severity = Severity.WARNING,
        summary = "A caught exception or traceback is stored where it outlives its handler, keeping frames alive.",
        tags = {"memory"})
public final class ExceptionKeptAliveRule implements Rule {
    /** Calls that only look at an exception (format, log, test its type): they do not take it over. */
    private static final Set<String> INSPECTING_BUILTINS = Set.of("str", "repr", "type", "isinstance", "print",
            "format", "getattr", "hasattr", "id", "len", "bool", "vars", "dir");
    private static final Set<String> LOGGING_METHODS = Set.of("debug", "info", "warning", "warn", "error",
            "exception", "critical", "log", "fatal");
    private static final Set<String> INSPECTING_MODULES = Set.of("logging", "traceback", "warnings");
    /** Container methods: putting the exception in a list is storing it, not handing it over. */
    private static final Set<String> STORING_METHODS = Set.of("append", "add", "insert", "extend", "appendleft",
            "setdefault");

    /** Where a stored value lives on. */
    private enum Place { LOCAL, ATTRIBUTE, GLOBAL }

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
        Expr target = null;
        Place place = null;
        for (Expr t : a.targets()) {
            Expr candidate = t instanceof Expr.TupleExpr tuple && tuple.elts().size() == 3 && isExcInfo(model, a.value())
                    ? tuple.elts().get(2) : t;
            Place where = place(model, candidate);
            if (where == null || where == Place.LOCAL && !frameOutlivesTheStore(model, a, (Expr.Name) candidate)
                    || where == Place.GLOBAL && clearedAfter(model, (Expr.Name) candidate, a)) continue;
            if (keptOnPurpose(model, handler, a, candidate, where)) return; // (tb, info) = ...: any target handed over
            if (target == null) {
                target = candidate;
                place = where;
            }
        }
        if (target == null) return;
        // A local only lives as long as its frame plus the cycle through it: a note. Attributes
        // and globals keep the frames for as long as their owner lives: a warning.
        String where = switch (place) {
            case LOCAL -> "in local `" + ((Expr.Name) target).id() + "`";
            case ATTRIBUTE -> "on an attribute";
            case GLOBAL -> "in a module global";
        };
        ctx.report(a, what + " stored " + where + " outlives the handler and keeps the traceback's frames, "
                + "with all their locals, alive" + advice(place, a.value(), handler))
                .severity(place == Place.LOCAL ? Severity.NOTE : Severity.WARNING);
    }

    /**
     * A local matters only where its frame lives on after the handler: the store runs in a loop
     * (the cycle, and every frame below, stays until the name is bound again or the collector
     * runs) or in a generator or coroutine (its frame outlives each resumption). It does not when
     * the local is deleted or set to None after the store.
     */
    private static boolean frameOutlivesTheStore(SemanticModel model, Stmt.Assign store, Expr.Name local) {
        if (clearedAfter(model, local, store)) return false;
        if (model.enclosingLoop(store) != null) return true;
        Stmt.FunctionNode f = model.enclosingFunction(store);
        if (f == null) return false;
        if (f instanceof Stmt.AsyncFunctionDef) return true;
        return Trees.any(f.body(), n -> (n instanceof Expr.Yield || n instanceof Expr.YieldFrom)
                && model.enclosingFunction(n) == f);
    }

    /** self.errors.append(e) and module_list.append(e) inside a handler. */
    private void append(RuleContext ctx, Expr.Call call) {
        if (!(call.func() instanceof Expr.Attribute a) || !a.attr().equals("append") || call.args().size() != 1) return;
        SemanticModel model = ctx.model();
        ExceptHandler handler = enclosingHandler(model, call);
        if (handler == null || handler.name() == null || !(call.args().get(0) instanceof Expr.Name n)
                || !n.id().equals(handler.name()) || clearsTraceback(handler)) return;
        Place place = a.value() instanceof Expr.Attribute ? Place.ATTRIBUTE
                : a.value() instanceof Expr.Name g && isGlobal(model, g) ? Place.GLOBAL : null;
        if (place == null || keptOnPurpose(model, handler, call, a.value(), place)) return;
        ctx.report(call, "the exception `" + n.id() + "` stored "
                + (place == Place.ATTRIBUTE ? "in a list on an attribute" : "in a module-level list")
                + " outlives the handler and keeps the traceback's frames, with all their locals, alive"
                + advice(place, n, handler));
    }

    /** What to do instead, naming only names that exist: the handler's, or none. */
    private static String advice(Place place, Expr value, ExceptHandler handler) {
        if (place == Place.LOCAL) {
            return "; it forms a cycle with this function's frame that only the cyclic garbage collector frees: "
                    + "`del` it (or set it to None) in a `finally`";
        }
        if (value instanceof Expr.Name n && n.id().equals(handler.name())) {
            return "; keep what you need (`str(" + n.id() + ")`, or `" + n.id() + ".with_traceback(None)`)";
        }
        return "; keep what you need (the message, or the exception without its traceback)";
    }

    /** A description of the value when it is the handler's exception or a traceback; null otherwise. */
    private static String exceptionValue(SemanticModel model, Expr v, ExceptHandler handler) {
        if (v instanceof Expr.Name n && n.id().equals(handler.name()) && !clearsTraceback(handler))
            return "the exception `" + n.id() + "`";
        if (isExcInfo(model, v)) return "`sys.exc_info()`";
        if (v instanceof Expr.Subscript s && isExcInfo(model, s.value())) {
            Long index = Trees.intConstant(s.slice());
            if (index == null) return "`sys.exc_info()`";
            if (index == 1 || index == -2) return "the exception of `sys.exc_info()`";
            if (index == 2 || index == -1) return "the traceback of `sys.exc_info()`";
            return null; // [0]: the exception's type, which keeps no frame
        }
        if (v instanceof Expr.Attribute a && a.attr().equals("__traceback__")) return "a traceback";
        return null;
    }

    private static boolean isExcInfo(SemanticModel model, Expr e) {
        return e instanceof Expr.Call c && c.args().isEmpty() && "sys.exc_info".equals(model.qualifiedName(c.func()));
    }

    /** Where a target keeps its value beyond the handler, or null when it does not. */
    private static Place place(SemanticModel model, Expr target) {
        if (target instanceof Expr.Attribute) return Place.ATTRIBUTE;
        if (!(target instanceof Expr.Name n)) return null;
        if (isGlobal(model, n)) return Place.GLOBAL;
        Symbol s = model.symbol(n);
        return s != null && s.scope().isFunctionLike() ? Place.LOCAL : null;
    }

    /**
     * `del err` or `err = None` after the store, in the same function (a clearing before it, at the
     * start of a loop's body or in another function does not count).
     */
    private static boolean clearedAfter(SemanticModel model, Expr.Name name, Located store) {
        Symbol s = model.symbol(name);
        if (s == null) return false;
        Stmt.FunctionNode function = model.enclosingFunction((Node) store);
        for (Binding b : s.bindings()) {
            boolean clears = b.kind() == Binding.Kind.DELETION
                    || (b.value() instanceof Expr.Constant c && c.value() == null);
            if (clears && after(b.node(), store) && model.enclosingFunction(b.node()) == function) return true;
        }
        return false;
    }

    /**
     * Whether the store is part of a deliberate hand-over: the handler re-raises, returns or passes
     * on the exception; a local holding it is read after the handler (raised, returned, wrapped,
     * reported there); it is stored on an object other than self (handed to that object, whose
     * class decides); or the attribute of self or the global is handed over elsewhere: returned by
     * a public method or property (an API such as {@code Future.exception()}), raised, or passed on
     * ({@code raise ExceptionGroup(msg, self.errors)}).
     */
    private static boolean keptOnPurpose(SemanticModel model, ExceptHandler handler, Located store, Expr target,
                                         Place place) {
        if (handlerHandsOver(model, handler, store)) return true;
        if (target instanceof Expr.Name local && place == Place.LOCAL) return readAfterHandler(model, local, store, handler);
        if (target instanceof Expr.Attribute a) {
            Expr owner = a.value();
            while (owner instanceof Expr.Attribute inner) owner = inner.value(); // self.errors, self.state.error
            Stmt.ClassDef cls = owner instanceof Expr.Name self ? model.selfClass(self) : null;
            if (cls == null) return !(owner instanceof Expr.Name g && isGlobal(model, g)); // result.error = e
            return handedOverByClass(model, cls, attributePath(a));
        }
        if (target instanceof Expr.Name global && place == Place.GLOBAL) return handedOverByModule(model, global);
        return false;
    }

    /** A bare raise, or the handler's name raised, returned, yielded or passed to a call that takes it over. */
    private static boolean handlerHandsOver(SemanticModel model, ExceptHandler handler, Located store) {
        boolean[] found = {false};
        NodeChildren.walkAll(handler.body(), n -> {
            if (n instanceof Stmt.Raise r && r.exc() == null) found[0] = true;
            if (n instanceof Expr.Name name && name.id().equals(handler.name()) && name.ctx() == Ctx.Load
                    && model.parent(name) != store && handsOver(model, name)) found[0] = true;
        });
        return found[0];
    }

    /** A read of the local after the store and outside the handler: the exception is kept to be used there. */
    private static boolean readAfterHandler(SemanticModel model, Expr.Name name, Located store, ExceptHandler handler) {
        Symbol s = model.symbol(name);
        if (s == null) return false;
        for (Expr.Name use : s.uses()) {
            if (!after(use, store)) continue;
            if (!Trees.isWithin(model, use, handler) || handsOver(model, use)) return true;
            if (model.parent(use) instanceof Stmt.Assign copy && copy.value() == use) return true; // kept under another name
        }
        return false;
    }

    /** Whether this use gives the value away: raise x, raise ... from x, return x (or in a tuple), yield x, f(x). */
    private static boolean handsOver(SemanticModel model, Expr use) {
        Node parent = model.parent(use);
        while (parent instanceof Expr.Subscript sub && sub.value() == use) { // raise errors[0]
            use = sub;
            parent = model.parent(sub);
        }
        if (parent instanceof Expr.TupleExpr || parent instanceof Expr.ListExpr) {
            if (model.parent(parent) instanceof Stmt.Return) return true;
        }
        if (parent instanceof Stmt.Raise || parent instanceof Stmt.Return) return true;
        if (parent instanceof Expr.Yield || parent instanceof Expr.YieldFrom) return true;
        if (parent instanceof Keyword || parent instanceof Expr.Starred) parent = model.parent(parent);
        if (parent instanceof Expr.Call c && c.func() != use) return !inspects(model, c) && !stores(c);
        return false;
    }

    private static boolean stores(Expr.Call c) {
        return c.func() instanceof Expr.Attribute a && STORING_METHODS.contains(a.attr());
    }

    /** str(e), logger.error(..., e), traceback.format_exception(e): the call only looks at it. */
    private static boolean inspects(SemanticModel model, Expr.Call c) {
        for (String b : INSPECTING_BUILTINS) if (model.isBuiltin(c.func(), b)) return true;
        if (c.func() instanceof Expr.Attribute a && LOGGING_METHODS.contains(a.attr())) return true;
        String q = model.qualifiedName(c.func());
        return q != null && INSPECTING_MODULES.contains(q.split("\\.", 2)[0]);
    }

    /** "errors" for self.errors, "state.error" for self.state.error. */
    private static String attributePath(Expr.Attribute a) {
        return a.value() instanceof Expr.Attribute inner ? attributePath(inner) + "." + a.attr() : a.attr();
    }

    /**
     * Some method of the class hands the attribute over: returns it from a public method or a
     * property, raises it, yields it, passes it to a call ({@code raise Group(msg, self.errors)}) or
     * copies it out ({@code errors = self.errors}); or the module reads it through another reference
     * than self ({@code thread.exc}): an attribute the module's own code uses as an API.
     */
    private static boolean handedOverByClass(SemanticModel model, Stmt.ClassDef cls, String path) {
        String root = path.split("\\.", 2)[0];
        for (Stmt s : cls.body()) {
            if (!(s instanceof Stmt.FunctionNode f)) continue;
            boolean api = !f.name().startsWith("_") || isProperty(model, f)
                    || (f.name().startsWith("__") && f.name().endsWith("__"));
            boolean[] found = {false};
            NodeChildren.walkAll(f.body(), n -> {
                if (!(n instanceof Expr.Attribute a) || a.ctx() != Ctx.Load || !isSelfAttribute(model, a, cls, root)) return;
                Node parent = model.parent(a);
                if (parent instanceof Stmt.Return) found[0] |= api;
                else if (parent instanceof Expr.TupleExpr && model.parent(parent) instanceof Stmt.Return) found[0] |= api;
                else found[0] |= handsOver(model, a) || parent instanceof Stmt.Assign copy && copy.value() == a;
            });
            if (found[0]) return true;
        }
        for (Node n : model.nodes()) {
            if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Load && a.attr().equals(root)
                    && !(a.value() instanceof Expr.Name self && model.selfClass(self) != null)
                    && !(model.parent(a) instanceof Expr.Call c && c.func() == a)) return true; // log.error(...) is no read
        }
        return false;
    }

    /** Some code of the module (any function or method) returns the global from a public function, raises it or passes it on. */
    private static boolean handedOverByModule(SemanticModel model, Expr.Name global) {
        Symbol s = model.symbol(global);
        if (s == null) return false;
        for (Expr.Name use : s.uses()) {
            Stmt.FunctionNode f = model.enclosingFunction(use);
            boolean api = f != null && !f.name().startsWith("_");
            if (model.parent(use) instanceof Stmt.Return ? api : handsOver(model, use)) return true;
        }
        return false;
    }

    /** self.root: the attribute named root read on an instance of the class. */
    private static boolean isSelfAttribute(SemanticModel model, Expr.Attribute a, Stmt.ClassDef cls, String root) {
        return a.attr().equals(root) && a.value() instanceof Expr.Name self && model.selfClass(self) == cls;
    }

    private static boolean isProperty(SemanticModel model, Stmt.FunctionNode f) {
        for (Expr d : f.decoratorList()) {
            if (model.isBuiltin(d, "property") || "functools.cached_property".equals(model.qualifiedName(d))) return true;
        }
        return false;
    }

    /** Whether node starts after the end of store. */
    private static boolean after(Located node, Located store) {
        Pos n = node.pos();
        Pos s = store.pos();
        return n.line() > s.endLine() || (n.line() == s.endLine() && n.col() >= s.endCol());
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
