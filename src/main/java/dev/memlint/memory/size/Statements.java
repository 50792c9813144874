package dev.memlint.memory.size;

import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;
import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Region;
import dev.memlint.memory.flow.RegionTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The statements of a walked function: what each one does to the frame, the objects and the peak. */
final class Statements implements RegionTransfer {
    private final Interpreter in;

    Statements(Interpreter in) {
        this.in = in;
    }

    /**
     * What a compound statement does, walked in a span that goes on to {@code to}. Returns whether
     * it took the rest of the span as well: what follows an isinstance test whose branch returns
     * runs on the other items only, so it is the test's else.
     */
    @Override
    public boolean compound(Region r, Block to) {
        in.step();
        if (r instanceof Region.If i) {
            Stmt.If s = i.stmt();
            if (i.after() != to && s.orelse().isEmpty() && leaves(s.body()) && in.conditions.containerTest(s.test()) != null) {
                ifStatement(s, i.body(), new Region.Span(i.after(), to));
                return true;
            }
            ifStatement(s, i.body(), i.orelse());
        } else if (r instanceof Region.Loop l && l.stmt() instanceof Stmt.ForNode) {
            forLoop(l);
        } else if (r instanceof Region.Loop l) {
            whileLoop(l);
        } else if (r instanceof Region.Try t) {
            tryStatement(() -> in.walker.tryBody(t), t.handlers(), t.orelse(), t.finalbody());
        } else if (r instanceof Region.With w) {
            withStatement(w, 0);
        } else if (r instanceof Region.Match m) {
            match(m);
        }
        return false;
    }

    /** Whether a block ends by leaving the function (return or raise). */
    private static boolean leaves(List<Stmt> body) {
        return !body.isEmpty() && (body.get(body.size() - 1) instanceof Stmt.Return || body.get(body.size() - 1) instanceof Stmt.Raise);
    }

    @Override
    public boolean goesOn() {
        return in.frame().flow == Interpreter.Flow.NORMAL;
    }

    /** What a statement without a body of its own does. */
    @Override
    public void simple(Stmt s) {
        in.step();
        Interpreter.Frame f = in.frame();
        if (s instanceof Stmt.Assign a) {
            Obj v = in.expressions.eval(a.value());
            in.temps.add(v);
            for (Expr t : a.targets()) in.bindings.bind(t, v);
            in.temps.remove(in.temps.size() - 1);
            in.observe(Sym.ZERO);
        } else if (s instanceof Stmt.AnnAssign a) {
            if (a.value() != null) {
                in.bindings.bind(a.target(), in.expressions.eval(a.value()));
                in.observe(Sym.ZERO);
            }
        } else if (s instanceof Stmt.AugAssign a) {
            augAssign(a);
        } else if (s instanceof Stmt.ExprStmt x) {
            Obj v = in.expressions.eval(x.value());
            in.observeHolding(v);
        } else if (s instanceof Stmt.Return r) {
            Obj v = r.value() == null ? in.none() : in.expressions.eval(r.value());
            in.observeHolding(v);
            if (f.returned == null || in.weight(v) > in.weight(f.returned)) f.returned = v;
            f.flow = Interpreter.Flow.RETURN;
        } else if (s instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) delete(t);
        } else if (s instanceof Stmt.FunctionNode fn) {
            f.env.put(fn.name(), in.scopes.decorate(in.scopes.function(fn), fn));
        } else if (s instanceof Stmt.ClassDef c) {
            Obj cls = in.fixed(Obj.Kind.CLASS, in.model.classStatement(c.body().size()));
            cls.cyclic = true;
            cls.path = c.name();
            f.env.put(c.name(), cls);
        } else if (s instanceof Stmt.Raise r) {
            Obj exc = r.exc() == null ? in.lastRaised : in.expressions.eval(r.exc());
            if (exc != null && exc.kind == Obj.Kind.CLASS) exc = in.calls.callObject(exc, List.of(), Map.of(), r.exc());
            if (exc == null || exc.kind != Obj.Kind.EXCEPTION && exc.kind != Obj.Kind.INSTANCE) exc = in.exceptions.exception(null);
            in.lastRaised = exc;
            in.lastRaisedDepth = in.frames.size();
            in.lastRaisedFrames = new ArrayList<>(in.frames); // innermost first
            Obj handled = in.handling.peek();
            if (handled != null && handled != exc && !exc.attrs.containsKey("__context__")) {
                in.touch(exc);
                exc.attrs.put("__context__", handled); // raised while handling: kept even when raised "from None"
            }
            in.raisedShare = 1;
            f.flow = Interpreter.Flow.RAISE;
            atRaise();
        } else if (s instanceof Stmt.Break) {
            f.flow = Interpreter.Flow.BREAK;
        } else if (s instanceof Stmt.Continue) {
            f.flow = Interpreter.Flow.CONTINUE;
        } else if (s instanceof Stmt.Global g) {
            f.globalNames.addAll(g.names());
        } else if (s instanceof Stmt.Nonlocal nl) {
            f.nonlocalNames.addAll(nl.names());
        } else if (s instanceof Stmt.Assert a) {
            in.expressions.eval(a.test());
        } else if (s instanceof Stmt.Import imp) {
            for (var alias : imp.names()) {
                String name = alias.asname() != null ? alias.asname() : alias.name().split("\\.")[0];
                Obj module = in.given(Obj.Kind.MODULE, alias.asname() != null ? alias.name() : name);
                f.env.put(name, module);
            }
        } else if (s instanceof Stmt.ImportFrom imp) {
            for (var alias : imp.names()) {
                Obj value = in.given(Obj.Kind.MODULE, imp.module() + "." + alias.name());
                f.env.put(alias.asname() != null ? alias.asname() : alias.name(), value);
            }
        }
    }

    private void ifStatement(Stmt.If i, Region.Span body, Region.Span orelse) {
        Boolean truth = in.conditions.test(i.test());
        if (truth == null) {
            Double share = Conditions.share(i.test());
            Conditions.ContainerTest t = in.conditions.containerTest(i.test());
            if (t == null) {
                in.branches.walk(List.of(() -> raisingOn(share, body), () -> raisingOn(share == null ? null : 1 - share, orelse)));
            } else {
                // on an item of nested data: the branch for containers runs on their share of the iterations,
                // on the containers, which hold the nested items the others lack
                Sym others = Sym.add(Sym.of(1), Sym.mul(Sym.of(-1), t.share()));
                Runnable containers = () -> onContainer(t, t.negated() ? orelse : body);
                Runnable rest = () -> raisingOn(null, t.negated() ? body : orelse);
                in.branches.walk(t.negated() ? List.of(rest, containers) : List.of(containers, rest),
                        t.negated() ? new Sym[] {others, t.share()} : new Sym[] {t.share(), others});
            }
        } else {
            in.walker.span(truth ? body : orelse);
        }
    }

    private void match(Region.Match m) {
        Obj subject = in.expressions.eval(m.stmt().subject());
        in.temps.add(subject);
        List<Runnable> paths = new ArrayList<>();
        for (Region.Case c : m.cases()) paths.add(() -> in.walker.span(c.body()));
        paths.add(() -> { });
        in.branches.walk(paths);
        in.temps.remove(in.temps.size() - 1);
    }

    /** Walks the branch an isinstance test takes on a container: the item holds the nested items of the share it stands for. */
    private void onContainer(Conditions.ContainerTest t, Region.Span branch) {
        Obj item = t.item();
        Sym nodes = item.nodes;
        if (nodes != null) item.nodes = Sym.div(nodes, t.share());
        try {
            raisingOn(null, branch);
        } finally {
            item.nodes = nodes;
        }
    }

    /** Walks a branch taken on a share of the runs (null: not known); a raise in it is as rare as the branch. */
    private void raisingOn(Double share, Region.Span branch) {
        in.walker.span(branch);
        if (in.frame().flow == Interpreter.Flow.RAISE) in.raisedShare = share == null ? Double.NaN : share * in.raisedShare;
    }

    /**
     * Shares of the paths after a block that may raise: the path where it does not, then the paths
     * that handle the raise; null (equal shares) when no condition around the raise tells how rare it is.
     */
    private double[] sharesAfterRaise(Obj raised, double share, int handling) {
        // a raise no condition makes rare (share 1) may still be rare: the walk's constants hold for one run only
        if (raised == null || Double.isNaN(share) || share >= 1 || handling == 0) return null;
        double[] shares = new double[handling + 1];
        shares[0] = 1 - share;
        for (int h = 1; h <= handling; h++) shares[h] = share / handling;
        return shares;
    }

    private void delete(Expr t) {
        if (t instanceof Expr.Name n) {
            in.frame().env.remove(n.id());
        } else if (t instanceof Expr.Attribute a) {
            Obj o = in.expressions.eval(a.value());
            if (o != null) {
                in.touch(o);
                o.attrs.remove(a.attr());
            }
        } else if (t instanceof Expr.Subscript sub) {
            Obj o = in.expressions.eval(sub.value());
            in.expressions.eval(sub.slice());
            String entry = Containers.constantEntry(sub.slice());
            if (o != null && o.kind == Obj.Kind.DICT && entry != null && o.attrs.containsKey(entry)) {
                in.touch(o);
                o.attrs.remove(entry);
            }
            if (o != null && o.count != null && !(sub.slice() instanceof Expr.Slice)) in.containers.grow(o, Sym.of(-1), null);
            else if (o != null && sub.slice() instanceof Expr.Slice) {
                in.touch(o); // a slice deleted: what is left is not known; keep the size (an upper bound)
            }
        } else if (t instanceof Expr.TupleExpr tu) {
            tu.elts().forEach(this::delete);
        }
    }

    /** Notes, for the try whose body raises, the state its handlers start from. */
    private void atRaise() {
        Interpreter.TryBody t = in.tryBodies.peek();
        if (t == null) return;
        if (in.loops.peek() != t.loop) { // raised in a loop of the body: its growth so far is not known
            t.states = null;
            return;
        }
        t.states = new java.util.IdentityHashMap<>();
        for (Obj o : t.log.before.keySet()) t.states.put(o, o.save());
        t.env = new java.util.LinkedHashMap<>(t.frame.env);
        t.deltas = t.loop == null ? null : new java.util.LinkedHashMap<>(t.loop.deltas);
        t.once = t.loop == null ? null : new java.util.LinkedHashMap<>(t.loop.once);
    }

    /**
     * Puts back the state the body had when it raised: what the statement that raised and the ones
     * after it did is not done when a handler runs (try: values.append(fetch()) except ...: the
     * append does not happen when fetch raises).
     */
    private void backToRaise(Interpreter.TryBody t) {
        if (t.states == null) return;
        for (var e : t.log.before.entrySet()) {
            Obj o = e.getKey();
            in.touchToPutBack(o);
            o.restore(t.states.getOrDefault(o, e.getValue()));
        }
        t.frame.env = new java.util.LinkedHashMap<>(t.env);
        if (t.loop != null) {
            t.loop.deltas = new java.util.LinkedHashMap<>(t.deltas);
            t.loop.once = new java.util.LinkedHashMap<>(t.once);
        }
    }

    private void tryStatement(Runnable body, List<Region.Handler> handlers, Region.Span orelse, Region.Span finalbody) {
        Interpreter.Frame f = in.frame();
        Obj raisedBefore = in.lastRaised;
        in.lastRaised = null;
        in.raisedShare = Double.NaN;
        Interpreter.Loop loop = in.loops.peek();
        Map<Obj, Interpreter.Delta> beforeBody = loop == null ? null : new java.util.LinkedHashMap<>(loop.deltas);
        // only a try that handles: a raise in the body of one that does not goes on to the handlers around it
        Interpreter.TryBody tryBody = new Interpreter.TryBody(new Interpreter.Log(in.clock), f, loop);
        if (!handlers.isEmpty()) {
            in.logs.push(tryBody.log);
            in.tryBodies.push(tryBody);
        }
        try {
            body.run();
        } finally {
            if (!handlers.isEmpty()) {
                in.tryBodies.pop();
                in.logs.remove(tryBody.log);
            }
        }
        Obj raised = in.lastRaised;
        double share = in.raisedShare;
        int raisedDepth = in.lastRaisedDepth;
        List<Interpreter.Frame> raisedFrames = in.lastRaisedFrames;
        Interpreter.Flow bodyFlow = f.flow;
        List<Runnable> paths = new ArrayList<>();
        paths.add(() -> {
            if (f.flow == Interpreter.Flow.RAISE) f.flow = Interpreter.Flow.NORMAL; // a raise the handlers catch
            // the body ran to its end on this path: what it did after the raise (a with block's
            // __exit__ storing into a table) is this path's change, which a handler's undoing must not win over
            if (raised != null && tryBody.states != null) tryBody.log.before.keySet().forEach(in::touch);
            in.walker.span(orelse);
        });
        for (Region.Handler handler : handlers) {
            ExceptHandler h = handler.handler();
            paths.add(() -> {
                if (raised != null) backToRaise(tryBody);
                f.flow = Interpreter.Flow.NORMAL;
                Obj exc = in.exceptions.caught(raised, f, raised == null ? List.of()
                        : raisedFrames.subList(0, Math.max(0, Math.min(raisedFrames.size(), raisedDepth - in.frames.size()))));
                if (h.name() != null) {
                    f.env.put(h.name(), exc);
                } else {
                    in.temps.add(exc);
                }
                in.handling.push(exc);
                try {
                    in.walker.span(handler.body());
                } finally {
                    in.handling.pop();
                }
                if (h.name() != null) f.env.remove(h.name()); // CPython deletes the name at the end
                else in.temps.remove(exc);
            });
        }
        if (bodyFlow == Interpreter.Flow.RAISE && handlers.isEmpty()) paths.remove(0);
        if (!paths.isEmpty()) { // none when the body raises and nothing catches: the exception goes on (through finally)
            boolean averaged = raised != null || bodyFlow == Interpreter.Flow.RAISE || !handlers.isEmpty();
            double[] shares = paths.size() == handlers.size() + 1 ? sharesAfterRaise(raised, share, handlers.size()) : null;
            if (averaged && shares != null) in.branches.walk(paths, shares, beforeBody);
            else in.branches.walk(paths, averaged, beforeBody);
        }
        if (in.lastRaised == null) in.lastRaised = raised != null ? raised : raisedBefore;
        if (!finalbody.isEmpty()) {
            Interpreter.Flow after = f.flow;
            f.flow = Interpreter.Flow.NORMAL;
            in.walker.span(finalbody);
            if (f.flow == Interpreter.Flow.NORMAL) f.flow = after;
        }
    }

    /** Enters the with statement's context managers from item i on, walks its body, and leaves them. */
    private void withStatement(Region.With w, int i) {
        List<WithItem> items = w.stmt().items();
        if (i == items.size()) {
            in.walker.span(w.body());
            return;
        }
        WithItem item = items.get(i);
        Obj cm = in.expressions.eval(item.contextExpr());
        in.temps.add(cm);
        try {
            if (cm != null && cm.kind == Obj.Kind.GENERATOR && cm.function != null) {
                // a @contextmanager function: its body up to the yield, the block, and the rest
                in.iterables.produce(cm, v -> {
                    if (item.optionalVars() != null) in.bindings.bind(item.optionalVars(), v);
                    withStatement(w, i + 1);
                }, item.contextExpr());
                return;
            }
            if (cm != null && "suppress".equals(cm.producer)) {
                // contextlib.suppress: as try: ... except the exceptions: pass
                ExceptHandler all = new ExceptHandler(null, null, List.of(), item.contextExpr().pos());
                tryStatement(() -> withStatement(w, i + 1), List.of(new Region.Handler(all, Region.Span.EMPTY)),
                        Region.Span.EMPTY, Region.Span.EMPTY);
                return;
            }
            Obj entered = cm;
            if (cm != null && cm.kind == Obj.Kind.INSTANCE && cm.cls != null) {
                Stmt.FunctionNode enter = in.index.method(cm.cls, "__enter__");
                if (enter != null) entered = in.calls.inline(enter, cm, List.of(), Map.of(), item.contextExpr());
            }
            if (item.optionalVars() != null) in.bindings.bind(item.optionalVars(), entered);
            Obj stdout = in.stdout, raisedBefore = in.lastRaised;
            if (cm != null && "redirect".equals(cm.producer) && !cm.sources.isEmpty()) in.stdout = cm.sources.get(0);
            in.lastRaised = null;
            in.raisedShare = Double.NaN;
            try {
                withStatement(w, i + 1);
            } finally {
                in.stdout = stdout;
            }
            Obj raised = in.lastRaised;
            double share = in.raisedShare;
            Interpreter.Flow flow = in.frame().flow;
            in.frame().flow = Interpreter.Flow.NORMAL;
            if (cm != null && cm.kind == Obj.Kind.INSTANCE && cm.cls != null) {
                Stmt.FunctionNode exit = in.index.method(cm.cls, "__exit__");
                if (exit != null) {
                    Runnable clean = () -> in.calls.inline(exit, cm, List.of(in.none(), in.none(), in.none()), Map.of(), item.contextExpr());
                    if (raised == null) {
                        clean.run();
                    } else {
                        // the block may raise: __exit__ runs with the exception on some iterations (a recorder keeping failures)
                        // the exception's class: there already (no bytes), and not None, which __exit__ tests it for
                        Obj type = in.fixed(Obj.Kind.CLASS, 0);
                        type.cls = raised.cls;
                        Runnable failed = () -> in.calls.inline(exit, cm, List.of(type, raised, in.none()), Map.of(), item.contextExpr());
                        if (!in.tryBodies.isEmpty() && !Syntax.mayReturnTrue(exit)) {
                            // the exception goes on to the handlers around: they start from what __exit__ left
                            // (a rollback), and what follows the block runs where it did not raise (a commit)
                            in.branches.aside(() -> {
                                failed.run();
                                atRaise();
                            });
                            clean.run();
                        } else {
                            List<Runnable> paths = List.of(clean, failed);
                            double[] shares = sharesAfterRaise(raised, share, 1);
                            if (shares != null) in.branches.walk(paths, shares, null);
                            else in.branches.walk(paths, true);
                        }
                    }
                }
            } else {
                in.files.exit(cm);
            }
            if (in.frame().flow == Interpreter.Flow.NORMAL) in.frame().flow = flow;
            if (in.lastRaised == null) in.lastRaised = raised != null ? raised : raisedBefore;
        } finally {
            in.temps.remove(cm);
        }
    }

    private void forLoop(Region.Loop loop) {
        Stmt.ForNode fo = (Stmt.ForNode) loop.stmt();
        Obj iterable = in.expressions.eval(fo.iter());
        in.temps.add(iterable);
        try {
            Interpreter.Frame f = in.frame();
            Set<String> carried = carried(fo.body());
            java.util.function.Consumer<Obj> each = item -> {
                in.bindings.bind(fo.target(), item);
                in.walker.span(loop.body());
                if (f.flow != Interpreter.Flow.RETURN && f.flow != Interpreter.Flow.RAISE) f.flow = Interpreter.Flow.NORMAL;
            };
            // item by item only without a break: the walk keeps one path, and would lose a path that breaks
            if (in.syntax.breaksOut(fo.body()) || !in.iterables.eachKnown(iterable, each)) {
                in.iterables.produce(iterable, each, fo.iter(), carried);
            }
            if (f.flow != Interpreter.Flow.RAISE) f.flow = Interpreter.Flow.NORMAL;
        } finally {
            in.temps.remove(in.temps.size() - 1);
        }
        in.walker.span(loop.orelse());
    }

    /**
     * The loop's carried names and, as name.attr, the attributes of an instance the call made that
     * the body rebinds, itself or in a method it calls on the instance (playlist.append(track)
     * setting self.tail): each iteration sees what the one before left there. Only those holding
     * None or an instance, the links a chain is made of.
     */
    private Set<String> carried(List<Stmt> body) {
        Set<String> names = in.syntax.carried(body);
        Set<String> out = names;
        for (var e : in.frame().env.entrySet()) {
            Obj o = e.getValue();
            if (o == null || !o.fresh || o.kind != Obj.Kind.INSTANCE || o.cls == null) continue;
            Set<String> attrs = new java.util.LinkedHashSet<>(Syntax.storedAttributes(body, e.getKey()));
            for (String m : Syntax.methodsCalledOn(body, e.getKey())) {
                Stmt.FunctionNode fn = in.index.method(o.cls, m);
                List<String> params = fn == null ? List.of() : fn.args().names();
                if (!params.isEmpty()) attrs.addAll(Syntax.storedAttributes(fn.body(), params.get(0)));
            }
            for (String a : attrs) {
                Obj v = o.attrs.get(a);
                if (v == null || v.kind != Obj.Kind.NONE && v.kind != Obj.Kind.INSTANCE) continue;
                if (out == names) out = new java.util.LinkedHashSet<>(names);
                out.add(e.getKey() + "." + a);
            }
        }
        return out;
    }

    private void whileLoop(Region.Loop loop) {
        Stmt.While w = (Stmt.While) loop.stmt();
        Interpreter.Frame f = in.frame();
        TripCounts.Trips trips = in.tripCounts.whileTrips(w);
        Set<String> carried = carried(w.body());
        in.looping.worklist = trips.worklist();
        in.looping.cursor = trips.cursor();
        in.looping.loop(trips.count(), null, null, carried, w.pos().line(), () -> {
            in.conditions.test(w.test());
            in.walker.span(loop.body());
            if (f.flow != Interpreter.Flow.RETURN && f.flow != Interpreter.Flow.RAISE) f.flow = Interpreter.Flow.NORMAL;
        }, trips.note());
        if (f.flow != Interpreter.Flow.RAISE) f.flow = Interpreter.Flow.NORMAL;
        in.walker.span(loop.orelse());
    }

    private void augAssign(Stmt.AugAssign a) {
        Obj target = in.expressions.eval(a.target());
        in.temps.add(target);
        Obj value;
        try {
            value = in.expressions.eval(a.value());
        } finally {
            in.temps.remove(in.temps.size() - 1);
        }
        if (target != null && target.kind == Obj.Kind.LIST && a.op() == Operator.Add) {
            in.containers.extend(target, value, a.value());
            in.observe(Sym.ZERO);
            return;
        }
        if (target != null && (target.kind == Obj.Kind.SET || target.kind == Obj.Kind.DICT) && a.op() == Operator.BitOr) {
            in.containers.extend(target, value, a.value());
            return;
        }
        if (target != null && target.kind == Obj.Kind.TEXT_BUFFER) return;
        Obj result;
        if (a.target() instanceof Expr.Name && target != null && target.count != null && value != null
                && value.count != null && (target.isText() || target.isSequence()) && a.op() == Operator.Add) {
            result = in.make(target.kind, Sym.add(target.count, value.count));
            result.fixed = target.isText() ? Operators.maxWidth(target.fixed, value.fixed) : target.fixed;
            result.concatenation = true;
            result.groups.addAll(target.groups);
            result.groups.addAll(value.groups);
            result.item = target.item;
        } else if (Operators.isNumber(target) || Operators.isNumber(value)) {
            Sym tv = in.operators.scalarOf(a.target(), target), vv = in.operators.scalarOf(a.value(), value);
            Sym sum = tv != null && vv != null && a.op() == Operator.Add ? Sym.add(tv, vv) : null;
            result = in.computedInt(sum);
        } else if (target != null && target.kind == Obj.Kind.FLOAT || value != null && value.kind == Obj.Kind.FLOAT) {
            result = in.aFloat();
        } else {
            result = target;
        }
        in.temps.add(result);
        in.observeHolding(value);
        in.temps.remove(in.temps.size() - 1);
        in.bindings.bind(a.target(), result);
    }
}
