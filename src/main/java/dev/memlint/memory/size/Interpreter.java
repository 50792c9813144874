package dev.memlint.memory.size;

import dev.memlint.ast.Arg;
import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.ast.WithItem;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a function abstractly, in source order, to find the most bytes it holds at once. Calls of
 * the module's own functions, methods and constructors are followed into the callee with its
 * parameters bound to the caller's objects, so what a callee returns and stores, and its peak, are
 * expressed in the caller's arguments. A loop body is walked once: what it adds to objects made
 * before the loop is multiplied by the trip count, what one iteration makes and drops counts once,
 * and what it leaves as cyclic garbage piles up as the collector mode says. Of the branches of an
 * if or try, the one holding most is kept. Loops over generators walk the generator's body, each
 * yield running the loop body.
 */
final class Interpreter {
    /** Frames of followed calls, and how often one function may be on them (recursion). */
    static final int MAX_DEPTH = 10, MAX_RECURSION = 5;
    /** Steps of the walk per estimate before it gives up; past half of them calls are no longer followed. */
    static final int BUDGET = 60_000;
    /** Assumed for what the call cannot see: items of an argument, parts of a split string. */
    static final long ITEM_CHARS = 16, WORD_CHARS = 8, LINE_CHARS = 40;
    /** Values every symbol takes when comparing candidate formulas. */
    private static final double SMALL = 10, LARGE = 100_000, MIDDLE = 1000;

    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** Thrown by a consumer to stop a generator at its first yield (next()). */
    private static final class FirstItem extends RuntimeException {
        final Obj item;

        FirstItem(Obj item) {
            super(null, null, false, false);
            this.item = item;
        }
    }

    enum Flow { NORMAL, RETURN, BREAK, CONTINUE, RAISE }

    static final class Frame {
        final Stmt.FunctionNode function;
        Map<String, Obj> env;
        final Frame closure;
        final Set<String> globalNames = new LinkedHashSet<>();
        final Set<String> nonlocalNames = new LinkedHashSet<>();
        final long stamp;
        Obj returned;
        Flow flow = Flow.NORMAL;
        Consumer<Obj> onYield;

        Frame(Stmt.FunctionNode function, Map<String, Obj> env, Frame closure, long stamp) {
            this.function = function;
            this.env = env;
            this.closure = closure;
            this.stamp = stamp;
        }
    }

    record Delta(Sym count, List<Obj.Group> groups, Sym bulk) {}

    static final class Loop {
        final long stamp;
        final String var;
        Map<Obj, Delta> deltas = new IdentityHashMap<>();
        final Set<Obj> local = Footprint.identitySet();
        final List<Sym> candidates = new ArrayList<>();
        /** Cyclic garbage one iteration leaves (uncapped), the collector's cap on it, tracked objects it keeps. */
        Sym garbage = Sym.ZERO;
        Sym cap;
        double tracked;
        Sym held = Sym.ZERO;
        /** A container the loop pops as it pushes: what one iteration adds is all it holds at once. */
        Obj worklist;

        Loop(long stamp, String var) {
            this.stamp = stamp;
            this.var = var;
        }
    }

    /** States of the objects a branch touched, as they were before it. */
    static final class Log {
        final long stamp;
        final Map<Obj, Obj.State> before = new IdentityHashMap<>();
        /** Objects the path being walked changed. */
        Set<Obj> touchedNow = Footprint.identitySet();

        Log(long stamp) {
            this.stamp = stamp;
        }
    }

    final SizeModel model;
    final ModuleIndex index;
    final CollectorMode mode;
    final Set<Object> cyclicNodes;
    final Footprint footprint;
    final Library library;
    final Syntax syntax;
    private final Map<Stmt.FunctionNode, String> ownerClass;
    private final Map<String, Obj> globals = new HashMap<>();
    private final Map<String, Expr> moduleValues;

    long clock;
    private int steps;
    final Deque<Frame> frames = new ArrayDeque<>();
    final Deque<Loop> loops = new ArrayDeque<>();
    final List<Obj> temps = new ArrayList<>();
    private final Deque<Log> logs = new ArrayDeque<>();
    private final List<Sym> candidates = new ArrayList<>();
    /** Cyclic garbage outside any loop, and the collector's cap on it. */
    private Sym garbage = Sym.ZERO;
    private Sym garbageCap;
    final Set<String> limits = new LinkedHashSet<>();
    /** False when only quadratic churn is asked for (MEM702): no peak is computed. */
    boolean peaks = true;
    boolean quadratic;
    String churnSymbol;
    Obj lastRaised;
    int lastRaisedDepth;
    private int loopCounter;
    /** The worklist of the while loop about to be walked. */
    private Obj worklist;

    Interpreter(SizeModel model, ModuleIndex index, CollectorMode mode, Set<Object> cyclicNodes,
                Map<Stmt.FunctionNode, String> ownerClass, Map<String, Expr> moduleValues, Syntax syntax) {
        this.syntax = syntax;
        this.moduleValues = moduleValues;
        this.model = model;
        this.index = index;
        this.mode = mode;
        this.cyclicNodes = cyclicNodes;
        this.ownerClass = ownerClass;
        this.footprint = new Footprint(model, index);
        this.library = new Library(this);
    }

    // ---- the estimate ----

    record Result(Sym peak, Sym retained, boolean quadratic, String churnSymbol, List<String> limits) {}

    Result run(Stmt.FunctionNode fn) {
        Map<String, Obj> env = new LinkedHashMap<>();
        String owner = ownerClass.get(fn);
        List<String> names = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        Syntax.params(fn.args(), all);
        names.addAll(all);
        ModuleIndex.MethodKind kind = owner == null ? null : ModuleIndex.kindOf(fn);
        for (int i = 0; i < names.size(); i++) {
            String p = names.get(i);
            Obj param;
            if (i == 0 && owner != null && kind != ModuleIndex.MethodKind.STATIC) {
                param = given(kind == ModuleIndex.MethodKind.CLASS ? Obj.Kind.CLASS : Obj.Kind.INSTANCE, p);
                param.cls = owner;
            } else {
                param = defaultObject(fn, p);
                if (param == null) {
                    param = given(Obj.Kind.UNKNOWN, p);
                    param.count = Sym.var("len(" + p + ")");
                    param.baseCount = param.count;
                    param.value = Sym.var(p);
                }
            }
            env.put(p, param);
        }
        Frame frame = new Frame(fn, env, null, clock);
        frames.push(frame);
        if (syntax.isGenerator(fn)) {
            // a generator: what iterating it to the end holds
            block(fn.body());
        } else {
            block(fn.body());
        }
        frames.pop();
        observeAt(candidates, Sym.ZERO, null);
        Sym retained = frame.returned == null ? Sym.ZERO
                : footprint.of(List.of(frame.returned), o -> false);
        return new Result(largest(candidates), retained, quadratic, churnSymbol, List.copyOf(limits));
    }

    /** A parameter whose default is a module class or function: the estimate assumes the default. */
    private Obj defaultObject(Stmt.FunctionNode fn, String name) {
        var a = fn.args();
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        int firstDefault = positional.size() - a.defaults().size();
        for (int i = firstDefault; i < positional.size(); i++) {
            if (positional.get(i).arg().equals(name) && a.defaults().get(i - firstDefault) instanceof Expr.Name d
                    && (index.classNamed(d.id()) != null || index.functionNamed(d.id()) != null)) {
                return global(d.id());
            }
        }
        return null;
    }

    // ---- objects ----

    Obj make(Obj.Kind kind, Sym count) {
        step();
        return new Obj(kind, count, true, clock++);
    }

    Obj given(Obj.Kind kind, String path) {
        Obj o = new Obj(kind, null, false, -1);
        o.path = path;
        return o;
    }

    Obj fixed(Obj.Kind kind, long bytes) {
        Obj o = make(kind, null);
        o.fixed = Sym.of(bytes);
        return o;
    }

    Obj none() {
        return new Obj(Obj.Kind.NONE, null, false, -1);
    }

    Obj str(Sym length) {
        Obj s = make(Obj.Kind.STR, length);
        s.fixed = Sym.of(1);
        return s;
    }

    /** An int the code computes: 32 bytes unless small and cached, which the walk cannot tell. */
    Obj computedInt(Sym value) {
        Obj i = make(Obj.Kind.INT, null);
        i.fixed = value == null ? Sym.of(model.intObject(BigInteger.valueOf(1000)))
                : value instanceof Sym.Const c ? Sym.of(model.intObject(BigInteger.valueOf((long) Math.rint(c.value()))))
                : new Sym.Growth(Sym.Kind.INT_OBJECT, value);
        i.value = value;
        return i;
    }

    Obj constantInt(Sym value) {
        Obj i = new Obj(Obj.Kind.INT, null, false, clock++);
        i.value = value;
        return i;
    }

    Obj aFloat() {
        return fixed(Obj.Kind.FLOAT, model.floatObject());
    }

    Obj tuple(List<Obj> parts) {
        Obj t = make(Obj.Kind.TUPLE, Sym.of(parts.size()));
        for (Obj p : parts) t.groups.add(new Obj.Group(Sym.of(1), p));
        return t;
    }

    /** Records an object's state before a mutation, for each branch being walked. */
    void touch(Obj o) {
        if (o == null || logs.isEmpty()) return;
        for (Log l : logs) {
            if (o.born < l.stamp) {
                if (!l.before.containsKey(o)) l.before.put(o, o.save());
                l.touchedNow.add(o);
            }
        }
    }

    void step() {
        if (++steps > BUDGET) throw new OverBudget();
    }

    boolean canFollow() {
        // churn alone is about the function's own loops: its calls are not followed
        return peaks && steps < BUDGET / 2 && frames.size() < MAX_DEPTH;
    }

    void limit(String text) {
        limits.add(text);
    }

    // ---- live bytes and the peak ----

    Frame frame() {
        return frames.peek();
    }

    private List<Obj> roots() {
        List<Obj> roots = new ArrayList<>();
        for (Frame f : frames) roots.addAll(f.env.values());
        roots.addAll(temps);
        return roots;
    }

    /** Whether o existed before the innermost loop's iteration (and is not the element it walks). */
    boolean external(Obj o) {
        Loop l = loops.peek();
        return l != null && o.born < l.stamp && !l.local.contains(o);
    }

    Sym live() {
        Loop l = loops.peek();
        return footprint.live(roots(), l == null ? o -> false : this::external);
    }

    void observe(Sym extra) {
        if (!peaks) return;
        Loop l = loops.peek();
        observeAt(l == null ? candidates : l.candidates, extra, l);
    }

    private void observeAt(List<Sym> into, Sym extra, Loop l) {
        if (!peaks) return;
        Sym g = l == null ? alive(garbage, garbageCap) : alive(l.garbage, l.cap);
        Sym held = l == null ? Sym.ZERO : l.held;
        into.add(Sym.add(Sym.add(live(), extra), Sym.add(g, held)));
    }

    private static Sym alive(Sym garbage, Sym cap) {
        return cap == null ? garbage : Sym.min(garbage, cap);
    }

    /** The candidates that are largest at small or at large sizes (the others never are the peak). */
    Sym largest(List<Sym> syms) {
        Sym bestSmall = null, bestLarge = null;
        double small = -1, large = -1;
        for (Sym s : syms) {
            Double a = sample(s, SMALL), b = sample(s, LARGE);
            if (a == null || b == null || a.isNaN() || b.isNaN()) continue;
            if (a > small) { small = a; bestSmall = s; }
            if (b > large) { large = b; bestLarge = s; }
        }
        if (bestLarge == null) return Sym.ZERO;
        return bestSmall == null || bestSmall == bestLarge ? bestLarge : Sym.max(bestLarge, bestSmall);
    }

    Double sample(Sym s, double v) {
        Map<String, Double> b = new HashMap<>();
        for (String name : s.symbols()) b.put(name, v);
        return s.eval(b, model);
    }

    double weight(Obj o) {
        if (o == null || !peaks) return 0;
        Double w = sample(footprint.of(List.of(o), x -> false), MIDDLE);
        return w == null ? 0 : w;
    }

    // ---- statements ----

    void block(List<Stmt> body) {
        for (Stmt s : body) {
            if (frame().flow != Flow.NORMAL) return;
            statement(s);
        }
    }

    private void statement(Stmt s) {
        step();
        Frame f = frame();
        if (s instanceof Stmt.Assign a) {
            Obj v = eval(a.value());
            temps.add(v);
            for (Expr t : a.targets()) bind(t, v);
            temps.remove(temps.size() - 1);
            observe(Sym.ZERO);
        } else if (s instanceof Stmt.AnnAssign a) {
            if (a.value() != null) {
                bind(a.target(), eval(a.value()));
                observe(Sym.ZERO);
            }
        } else if (s instanceof Stmt.AugAssign a) {
            augAssign(a);
        } else if (s instanceof Stmt.ExprStmt x) {
            Obj v = eval(x.value());
            observeHolding(v);
        } else if (s instanceof Stmt.Return r) {
            Obj v = r.value() == null ? none() : eval(r.value());
            observeHolding(v);
            if (f.returned == null || weight(v) > weight(f.returned)) f.returned = v;
            f.flow = Flow.RETURN;
        } else if (s instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) delete(t);
        } else if (s instanceof Stmt.If i) {
            Boolean truth = test(i.test());
            if (truth == null) branches(List.of(() -> block(i.body()), () -> block(i.orelse())));
            else block(truth ? i.body() : i.orelse());
        } else if (s instanceof Stmt.ForNode fo) {
            forLoop(fo);
        } else if (s instanceof Stmt.While w) {
            whileLoop(w);
        } else if (s instanceof Stmt.Try t) {
            tryStatement(t.body(), t.handlers(), t.orelse(), t.finalbody());
        } else if (s instanceof Stmt.TryStar t) {
            tryStatement(t.body(), t.handlers(), t.orelse(), t.finalbody());
        } else if (s instanceof Stmt.WithNode w) {
            withStatement(w.items(), 0, w.body());
        } else if (s instanceof Stmt.FunctionNode fn) {
            f.env.put(fn.name(), decorate(function(fn), fn));
        } else if (s instanceof Stmt.ClassDef c) {
            Obj cls = fixed(Obj.Kind.CLASS, library.classObjectBytes(c.body().size()));
            cls.cyclic = true;
            cls.path = c.name();
            f.env.put(c.name(), cls);
        } else if (s instanceof Stmt.Raise r) {
            Obj exc = r.exc() == null ? lastRaised : eval(r.exc());
            if (exc != null && exc.kind == Obj.Kind.CLASS) exc = callObject(exc, List.of(), Map.of(), r.exc());
            if (exc == null || exc.kind != Obj.Kind.EXCEPTION && exc.kind != Obj.Kind.INSTANCE) exc = library.exception(null);
            lastRaised = exc;
            lastRaisedDepth = frames.size();
            f.flow = Flow.RAISE;
        } else if (s instanceof Stmt.Break) {
            f.flow = Flow.BREAK;
        } else if (s instanceof Stmt.Continue) {
            f.flow = Flow.CONTINUE;
        } else if (s instanceof Stmt.Global g) {
            f.globalNames.addAll(g.names());
        } else if (s instanceof Stmt.Nonlocal nl) {
            f.nonlocalNames.addAll(nl.names());
        } else if (s instanceof Stmt.Assert a) {
            eval(a.test());
        } else if (s instanceof Stmt.Match m) {
            Obj subject = eval(m.subject());
            temps.add(subject);
            List<Runnable> paths = new ArrayList<>();
            for (MatchCase c : m.cases()) paths.add(() -> block(c.body()));
            paths.add(() -> { });
            branches(paths);
            temps.remove(temps.size() - 1);
        } else if (s instanceof Stmt.Import imp) {
            for (var alias : imp.names()) {
                String name = alias.asname() != null ? alias.asname() : alias.name().split("\\.")[0];
                Obj module = given(Obj.Kind.MODULE, alias.asname() != null ? alias.name() : name);
                f.env.put(name, module);
            }
        } else if (s instanceof Stmt.ImportFrom imp) {
            for (var alias : imp.names()) {
                Obj value = given(Obj.Kind.MODULE, imp.module() + "." + alias.name());
                f.env.put(alias.asname() != null ? alias.asname() : alias.name(), value);
            }
        }
    }

    /** A peak candidate with v alive too (a value made by the statement, not yet dropped). */
    void observeHolding(Obj v) {
        if (!peaks || v == null) {
            observe(Sym.ZERO);
            return;
        }
        temps.add(v);
        try {
            observe(Sym.ZERO);
        } finally {
            temps.remove(temps.size() - 1);
        }
    }

    private void delete(Expr t) {
        if (t instanceof Expr.Name n) {
            frame().env.remove(n.id());
        } else if (t instanceof Expr.Attribute a) {
            Obj o = eval(a.value());
            if (o != null) {
                touch(o);
                o.attrs.remove(a.attr());
            }
        } else if (t instanceof Expr.Subscript sub) {
            Obj o = eval(sub.value());
            eval(sub.slice());
            if (o != null && o.count != null && !(sub.slice() instanceof Expr.Slice)) grow(o, Sym.of(-1), null);
            else if (o != null && sub.slice() instanceof Expr.Slice) {
                touch(o); // a slice deleted: what is left is not known; keep the size (an upper bound)
            }
        } else if (t instanceof Expr.TupleExpr tu) {
            tu.elts().forEach(this::delete);
        }
    }

    // ---- branches ----

    private record LoopState(Map<Obj, Delta> deltas, Sym garbage, Sym cap, double tracked) {}

    private LoopState saveLoopState() {
        Loop l = loops.peek();
        if (l == null) return new LoopState(null, garbage, garbageCap, 0);
        return new LoopState(new IdentityHashMap<>(l.deltas), l.garbage, l.cap, l.tracked);
    }

    private void restoreLoopState(LoopState s) {
        Loop l = loops.peek();
        if (l == null) {
            garbage = s.garbage();
            garbageCap = s.cap();
        } else {
            l.deltas = new IdentityHashMap<>(s.deltas());
            l.garbage = s.garbage();
            l.cap = s.cap();
            l.tracked = s.tracked();
        }
    }

    private record Outcome(Map<String, Obj> env, Flow flow, Map<Obj, Obj.State> after, LoopState loop, double weight,
                           int steps) {}

    /**
     * Walks each path from the same state and keeps the state of the one that holds most, preferring
     * paths that go on to the next statement over those that return, break or raise.
     */
    void branches(List<Runnable> paths) {
        branches(paths, false);
    }

    /**
     * As above. What the paths change in different objects is all kept; in one object, the kept
     * path's change wins. With averaged, the growth a loop iteration makes is the mean of the paths'
     * (an except clause runs on some iterations, not on all).
     */
    void branches(List<Runnable> paths, boolean averaged) {
        Frame f = frame();
        Log log = new Log(clock);
        logs.push(log);
        Map<String, Obj> env0 = new LinkedHashMap<>(f.env);
        Flow flow0 = f.flow;
        LoopState loop0 = saveLoopState();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Runnable path : paths) {
                for (var e : log.before.entrySet()) e.getKey().restore(e.getValue());
                log.touchedNow = Footprint.identitySet();
                f.env = new LinkedHashMap<>(env0);
                f.flow = flow0;
                restoreLoopState(loop0);
                int before = steps;
                path.run();
                int walked = steps - before;
                Map<Obj, Obj.State> after = new IdentityHashMap<>();
                for (Obj o : log.touchedNow) after.put(o, o.save());
                LoopState ls = saveLoopState();
                outcomes.add(new Outcome(new LinkedHashMap<>(f.env), f.flow, after, ls, branchWeight(ls), walked));
            }
        } finally {
            logs.pop();
        }
        for (var e : log.before.entrySet()) e.getKey().restore(e.getValue());
        Outcome best = null;
        for (Outcome o : outcomes) {
            boolean goesOn = o.flow() == Flow.NORMAL, bestGoesOn = best != null && best.flow() == Flow.NORMAL;
            // the heavier path; of two as heavy, the one that does more (it may link what the other leaves apart)
            if (best == null || goesOn && !bestGoesOn || goesOn == bestGoesOn && (o.weight() > best.weight()
                    || o.weight() == best.weight() && o.steps() > best.steps())) {
                best = o;
            }
        }
        for (Outcome o : outcomes) {
            if (o != best) for (var e : o.after().entrySet()) e.getKey().restore(e.getValue());
        }
        for (var e : best.after().entrySet()) e.getKey().restore(e.getValue());
        for (Log outer : logs) outer.touchedNow.addAll(log.before.keySet());
        f.env = best.env();
        f.flow = best.flow();
        restoreLoopState(averaged && best.loop().deltas() != null ? mean(outcomes) : best.loop());
    }

    /** The loop state of paths equally likely: each one's growth and garbage, times its share. */
    private LoopState mean(List<Outcome> outcomes) {
        Sym share = Sym.of(1.0 / outcomes.size());
        Map<Obj, Delta> deltas = new IdentityHashMap<>();
        Sym garbageSum = Sym.ZERO;
        Sym cap = null;
        double tracked = 0;
        for (Outcome o : outcomes) {
            LoopState ls = o.loop();
            for (var e : ls.deltas().entrySet()) {
                Delta d = e.getValue(), sum = deltas.get(e.getKey());
                List<Obj.Group> groups = new ArrayList<>(sum == null ? List.of() : sum.groups());
                for (Obj.Group g : d.groups()) groups.add(new Obj.Group(Sym.mul(share, g.count()), g.item(), g.stamp()));
                deltas.put(e.getKey(), new Delta(Sym.add(sum == null ? Sym.ZERO : sum.count(), Sym.mul(share, d.count())),
                        groups, Sym.add(sum == null ? Sym.ZERO : sum.bulk(), Sym.mul(share, d.bulk()))));
            }
            garbageSum = Sym.add(garbageSum, Sym.mul(share, ls.garbage()));
            if (ls.cap() != null) cap = cap == null ? ls.cap() : Sym.max(cap, ls.cap());
            tracked = Math.max(tracked, ls.tracked());
        }
        return new LoopState(deltas, garbageSum, cap, tracked);
    }

    private double branchWeight(LoopState ls) {
        if (!peaks) return 0; // only churn asked for: paths are told apart by what they do
        Sym total = Sym.add(live(), ls.garbage());
        if (ls.deltas() != null) {
            for (var e : ls.deltas().entrySet()) {
                for (Obj.Group g : e.getValue().groups()) {
                    if (g.item() != null) total = Sym.add(total, Sym.mul(g.count(), footprint.of(List.of(g.item()), x -> false)));
                }
                total = Sym.add(total, Sym.add(e.getValue().bulk(), Sym.mul(Sym.of(8), e.getValue().count())));
            }
        }
        Double w = sample(total, MIDDLE);
        return w == null ? 0 : w;
    }

    private void tryStatement(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody) {
        Frame f = frame();
        Obj raisedBefore = lastRaised;
        lastRaised = null;
        block(body);
        Obj raised = lastRaised;
        int raisedDepth = lastRaisedDepth;
        Flow bodyFlow = f.flow;
        List<Runnable> paths = new ArrayList<>();
        paths.add(() -> {
            if (f.flow == Flow.RAISE) f.flow = Flow.NORMAL; // a raise the handlers catch
            block(orelse);
        });
        for (ExceptHandler h : handlers) {
            paths.add(() -> {
                f.flow = Flow.NORMAL;
                Obj exc = library.caught(raised, raisedDepth, frames.size(), f.function);
                if (h.name() != null) {
                    f.env.put(h.name(), exc);
                } else {
                    temps.add(exc);
                }
                block(h.body());
                if (h.name() != null) f.env.remove(h.name()); // CPython deletes the name at the end
                else temps.remove(exc);
            });
        }
        if (bodyFlow == Flow.RAISE && handlers.isEmpty()) paths.remove(0);
        branches(paths, raised != null || bodyFlow == Flow.RAISE ? true : !handlers.isEmpty());
        if (lastRaised == null) lastRaised = raised != null ? raised : raisedBefore;
        if (!finalbody.isEmpty()) {
            Flow after = f.flow;
            f.flow = Flow.NORMAL;
            block(finalbody);
            if (f.flow == Flow.NORMAL) f.flow = after;
        }
    }

    private void withStatement(List<WithItem> items, int i, List<Stmt> body) {
        if (i == items.size()) {
            block(body);
            return;
        }
        WithItem item = items.get(i);
        Obj cm = eval(item.contextExpr());
        temps.add(cm);
        try {
            if (cm != null && cm.kind == Obj.Kind.GENERATOR && cm.function != null) {
                // a @contextmanager function: its body up to the yield, the block, and the rest
                produce(cm, v -> {
                    if (item.optionalVars() != null) bind(item.optionalVars(), v);
                    withStatement(items, i + 1, body);
                }, item.contextExpr());
                return;
            }
            Obj entered = cm;
            if (cm != null && cm.kind == Obj.Kind.INSTANCE && cm.cls != null) {
                Stmt.FunctionNode enter = index.method(cm.cls, "__enter__");
                if (enter != null) entered = inline(enter, cm, List.of(), Map.of(), item.contextExpr());
            }
            if (item.optionalVars() != null) bind(item.optionalVars(), entered);
            withStatement(items, i + 1, body);
            Flow flow = frame().flow;
            frame().flow = Flow.NORMAL;
            if (cm != null && cm.kind == Obj.Kind.INSTANCE && cm.cls != null) {
                Stmt.FunctionNode exit = index.method(cm.cls, "__exit__");
                if (exit != null) {
                    inline(exit, cm, List.of(none(), none(), none()), Map.of(), item.contextExpr());
                }
            } else {
                library.exit(cm);
            }
            if (frame().flow == Flow.NORMAL) frame().flow = flow;
        } finally {
            temps.remove(cm);
        }
    }

    // ---- loops ----

    private void forLoop(Stmt.ForNode fo) {
        Obj iterable = eval(fo.iter());
        temps.add(iterable);
        try {
            Frame f = frame();
            Set<String> carried = syntax.carried(fo.body());
            produce(iterable, item -> {
                bind(fo.target(), item);
                block(fo.body());
                if (f.flow != Flow.RETURN && f.flow != Flow.RAISE) f.flow = Flow.NORMAL;
            }, fo.iter(), carried);
            if (f.flow != Flow.RAISE) f.flow = Flow.NORMAL;
        } finally {
            temps.remove(temps.size() - 1);
        }
        block(fo.orelse());
    }

    private void whileLoop(Stmt.While w) {
        Frame f = frame();
        Trips trips = whileTrips(w);
        Set<String> carried = syntax.carried(w.body());
        worklist = trips.worklist();
        loop(trips.count(), null, null, carried, w.pos().line(), () -> {
            test(w.test());
            block(w.body());
            if (f.flow != Flow.RETURN && f.flow != Flow.RAISE) f.flow = Flow.NORMAL;
        }, trips.note());
        if (f.flow != Flow.RAISE) f.flow = Flow.NORMAL;
        block(w.orelse());
    }

    /** A while loop's trip count, what it notes in limits, and the worklist it pops and pushes (or null). */
    record Trips(Sym count, String note, Obj worklist) {
        Trips(Sym count, String note) {
            this(count, note, null);
        }
    }

    /**
     * A while loop's trip count: a counter stepped towards a bound, a container popped until empty,
     * a file read in fixed chunks; otherwise unknown.
     */
    private Trips whileTrips(Stmt.While w) {
        Expr t = w.test();
        // while queue / while len(queue) / while queue and ...: a container the body pops from
        Expr container = t;
        if (t instanceof Expr.BoolOp b && b.op() == BoolOperator.And) container = b.values().get(0);
        if (container instanceof Expr.Compare c && c.comparators().size() == 1) container = c.left();
        if (container instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("len") && c.args().size() == 1) {
            container = c.args().get(0);
        }
        if ((container instanceof Expr.Name || container instanceof Expr.Attribute) && pops(w.body(), container)) {
            Obj o = evalQuiet(container);
            if (o != null && o.count != null && !adds(w.body(), container)) return new Trips(o.count, null);
            if (o != null && adds(w.body(), container)) {
                // a worklist: each item of the structure it walks is pushed and popped about once
                Obj largest = largestCollection();
                if (largest != null) {
                    return new Trips(largest.count, "while loop at line " + w.pos().line()
                            + ": a worklist, iterations taken as the size of " + (largest.path != null ? largest.path : "the largest collection"),
                            o);
                }
            }
        }
        // while i < n: ... i += k
        if (t instanceof Expr.Compare c && c.comparators().size() == 1 && c.left() instanceof Expr.Name i) {
            Sym step = counterStep(w.body(), i.id());
            if (step != null) {
                Obj start = evalQuiet(i), bound = evalQuiet(c.comparators().get(0));
                Sym from = start == null ? null : start.value, to = scalarOf(c.comparators().get(0), bound);
                CmpOp op = c.ops().get(0);
                if (from != null && to != null && (op == CmpOp.Lt || op == CmpOp.LtE || op == CmpOp.NotEq)) {
                    return new Trips(Sym.mul(Sym.of(1 / ((Sym.Const) step).value()), Sym.add(to, Sym.mul(Sym.of(-1), from))), null);
                }
            }
        }
        // while True: chunk = f.read(k); if not chunk: break
        Trips chunks = chunkedRead(w.body());
        if (chunks != null) return chunks;
        String symbol = "iterations_L" + w.pos().line();
        return new Trips(Sym.var(symbol), "while loop at line " + w.pos().line() + ": iterations unknown");
    }

    /** The collection of the frame with the most items (at the middle size), or null. */
    private Obj largestCollection() {
        Obj best = null;
        double most = 0;
        Frame f = frame();
        for (var e : f.env.entrySet()) {
            Obj o = e.getValue();
            if (o == null || o.count == null || !(o.isContainer() || o.kind == Obj.Kind.UNKNOWN)) continue;
            if (o.kind == Obj.Kind.UNKNOWN && o.value != null
                    && !(f.function != null && syntax.collection(f.function, e.getKey()))) {
                continue; // a parameter used as a number, not a collection
            }
            Double n = sample(o.count, MIDDLE);
            if (n != null && n > most) {
                most = n;
                best = o;
            }
        }
        return best;
    }

    private Trips chunkedRead(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute at
                    && at.attr().equals("read") && c.args().size() == 1 && c.args().get(0) instanceof Expr.Constant k
                    && k.value() instanceof BigInteger size) {
                Obj file = evalQuiet(at.value());
                if (file != null && file.kind == Obj.Kind.FILE && file.fileSize != null) {
                    return new Trips(Sym.add(Sym.mul(Sym.of(1.0 / size.doubleValue()), file.fileSize), Sym.of(1)), null);
                }
            }
        }
        return null;
    }

    /** k when the body steps name by a constant k (name += k), else null. */
    private static Sym counterStep(List<Stmt> body, String name) {
        for (Stmt s : body) {
            if (s instanceof Stmt.AugAssign a && a.target() instanceof Expr.Name n && n.id().equals(name)
                    && a.op() == Operator.Add && a.value() instanceof Expr.Constant c && c.value() instanceof BigInteger k
                    && k.signum() > 0) {
                return Sym.of(k.doubleValue());
            }
        }
        return null;
    }

    private static boolean pops(List<Stmt> body, Expr container) {
        return calls(body, container, Set.of("pop", "popleft", "popitem"));
    }

    private static boolean adds(List<Stmt> body, Expr container) {
        return calls(body, container, Set.of("append", "appendleft", "extend", "add", "insert", "update"));
    }

    private static boolean calls(List<Stmt> body, Expr receiver, Set<String> methods) {
        String text = text(receiver);
        boolean[] found = {false};
        dev.memlint.semantic.NodeChildren.walkAll(body, n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && methods.contains(a.attr())
                    && text(a.value()).equals(text)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Evaluates a name or attribute path without side effects worth noting. */
    private Obj evalQuiet(Expr e) {
        if (e instanceof Expr.Name || e instanceof Expr.Attribute || e instanceof Expr.Constant) return eval(e);
        return null;
    }

    /**
     * Runs body once per item the iterable yields: a container's items, a range's ints, a
     * generator's yields (its body walked with each yield running the loop body).
     */
    void produce(Obj src, Consumer<Obj> body, Expr where) {
        produce(src, body, where, Set.of());
    }

    void produce(Obj src, Consumer<Obj> body, Expr where, Set<String> carried) {
        int line = where.pos().line();
        if (src == null) {
            unknownLoop(line, body, carried);
            return;
        }
        step();
        switch (src.kind) {
            case GENERATOR -> {
                if (src.genexp != null) {
                    // the expression's own scope, reading the names of the frame that made it
                    Frame consumer = frame();
                    frames.push(new Frame(null, new LinkedHashMap<>(), src.closureFrame, clock));
                    try {
                        produceComprehension(src.genexp.generators(), 0, src.sources.isEmpty() ? null : src.sources.get(0), () -> {
                            Obj v = eval(src.genexp.elt());
                            frames.push(consumer);
                            try {
                                body.accept(v);
                            } finally {
                                frames.pop();
                            }
                        }, Set.of());
                    } finally {
                        frames.pop();
                    }
                } else if (src.function != null) {
                    runGenerator(src, body, where);
                } else {
                    unknownLoop(line, body, carried);
                }
            }
            case ITERATOR -> library.produceIterator(src, body, where, carried);
            case LIST, TUPLE, SET, DICT -> {
                if (src.count == null) {
                    unknownLoop(line, body, carried);
                } else {
                    Obj element = elementOf(src);
                    loop(src.count, null, element, carried, line, () -> body.accept(element), null);
                }
            }
            case STR -> loop(src.count == null ? Sym.var("len(" + pathOf(src) + ")") : src.count, null, null, carried,
                    line, () -> body.accept(constantStr(1)), null);
            case BYTES, BYTEARRAY -> loop(src.count == null ? Sym.var("len(" + pathOf(src) + ")") : src.count, null, null,
                    carried, line, () -> body.accept(constantInt(Sym.of(128))), null);
            case FILE, TEXT_BUFFER -> library.produceLines(src, body, line, carried);
            case INSTANCE -> {
                Stmt.FunctionNode iter = src.cls == null ? null : index.method(src.cls, "__iter__");
                if (iter != null && canFollow()) {
                    Obj it = inline(iter, src, List.of(), Map.of(), where);
                    produce(it == src ? null : it, body, where, carried);
                } else {
                    unknownLoop(line, body, carried);
                }
            }
            case UNKNOWN -> {
                Sym n = src.count != null ? src.count : Sym.var("len(" + pathOf(src) + ")");
                Obj element = elementOf(src);
                loop(n, null, element, carried, line, () -> body.accept(element), null);
            }
            default -> unknownLoop(line, body, carried);
        }
    }

    /** Runs an iterator up to the first item it yields (next()); what it did until then is kept. */
    void produceFirst(Obj it, Consumer<Obj> found, Expr where) {
        if (it.kind != Obj.Kind.GENERATOR && it.kind != Obj.Kind.ITERATOR) {
            found.accept(elementOf(it));
            return;
        }
        try {
            produce(it, x -> {
                found.accept(x);
                throw new FirstItem(x);
            }, where);
        } catch (FirstItem stop) {
            // the rest of the iterator runs on a later next()
        }
    }

    private void unknownLoop(int line, Consumer<Obj> body, Set<String> carried) {
        loop(Sym.var("iterations_L" + line), null, null, carried, line, () -> body.accept(null),
                "loop at line " + line + ": iterations unknown");
    }

    void produceComprehension(List<Comprehension> gens, int i, Obj first, Runnable atElement, Set<String> carried) {
        if (i == gens.size()) {
            atElement.run();
            return;
        }
        Comprehension g = gens.get(i);
        Obj src = i == 0 && first != null ? first : eval(g.iter());
        produce(src, x -> {
            bind(g.target(), x);
            for (Expr cond : g.ifs()) test(cond);
            produceComprehension(gens, i + 1, first, atElement, Set.of());
        }, g.iter(), carried);
    }

    private void runGenerator(Obj gen, Consumer<Obj> body, Expr where) {
        if (!canFollow() || recursion(gen.function) >= MAX_RECURSION
                || recursion(gen.function) > 0 && !progresses(gen.frame.values())) {
            limit("generator " + gen.function.name() + " at line " + where.pos().line() + " not followed");
            unknownLoop(where.pos().line(), body, Set.of());
            return;
        }
        Frame consumer = frame();
        Frame g = new Frame(gen.function, gen.frame, null, clock);
        g.onYield = item -> {
            frames.push(consumer);
            Flow saved = consumer.flow;
            try {
                body.accept(item);
            } finally {
                frames.pop();
                consumer.flow = saved;
            }
        };
        frames.push(g);
        try {
            block(gen.function.body());
        } finally {
            frames.pop();
        }
    }

    /**
     * Whether a recursive call works on what this call made or on a known count (a depth that
     * reaches its base case); otherwise it walks data it was given, to a depth the walk cannot know.
     */
    private static boolean progresses(Collection<Obj> args) {
        for (Obj a : args) {
            if (a != null && (a.fresh && (a.isContainer() || a.kind == Obj.Kind.INSTANCE)
                    || a.kind == Obj.Kind.INT && a.value instanceof Sym.Const)) {
                return true;
            }
        }
        return false;
    }

    int recursion(Stmt.FunctionNode fn) {
        int n = 0;
        for (Frame f : frames) if (f.function == fn) n++;
        return n;
    }

    /**
     * One iteration walked: what it added to objects made before the loop is multiplied by the
     * trip count, names carried from one iteration to the next that chain the objects they make
     * keep every iteration's, and the cyclic garbage it leaves piles up as the collector allows.
     */
    void loop(Sym trips, String var, Obj element, Set<String> carried, int line, Runnable iteration, String unknownNote) {
        if (trips instanceof Sym.Const c && c.value() <= 0) return;
        FirstItem stopped = walkLoop(trips, var, element, carried, iteration, unknownNote);
        if (stopped != null) throw stopped;
    }

    /** The loop, or, when next() stopped it at its first item, that one iteration (returned to rethrow). */
    private FirstItem walkLoop(Sym trips, String var, Obj element, Set<String> carried, Runnable iteration,
                               String unknownNote) {
        Frame f = frame();
        Loop outer = loops.peek();
        Loop l = new Loop(clock, var);
        l.worklist = worklist;
        worklist = null;
        if (element != null && !element.fresh) l.local.addAll(footprint.reachable(List.of(element), o -> o.fresh && o.born < clock));
        else if (element != null) l.local.add(element);
        Map<String, Obj> before = new LinkedHashMap<>(f.env);
        Map<String, Obj> placeholders = new LinkedHashMap<>();
        for (String name : carried) {
            Obj v = f.env.get(name);
            if (v != null) {
                Obj p = new Obj(v.kind, v.count, false, clock - 1);
                p.value = v.value;
                p.cls = v.cls;
                p.attrs = new LinkedHashMap<>(v.attrs);
                p.groups = new ArrayList<>(v.groups);
                p.item = v.item;
                p.fixed = v.fixed;
                p.path = v.path;
                p.baseCount = v.count;
                p.carriedFrom = v;
                placeholders.put(name, p);
                f.env.put(name, p);
            }
        }
        clock++;
        loops.push(l);
        FirstItem stopped = null;
        try {
            iteration.run();
        } catch (FirstItem e) {
            stopped = e;
            trips = Sym.of(1); // next() ran one iteration, up to its yield
        } finally {
            loops.pop();
        }
        boolean used = !l.deltas.isEmpty() || !isZero(l.garbage);
        if (!peaks) {
            // only churn asked for: growth and copies matter, garbage, chains and peaks do not
            scale(l, trips, var);
            churn(before, trips, l);
            for (var e : placeholders.entrySet()) {
                if (f.env.get(e.getKey()) == e.getValue()) f.env.put(e.getKey(), e.getValue().carriedFrom);
            }
            if (used && unknownNote != null) limit(unknownNote);
            return stopped;
        }
        // names rebound each iteration to an object linked to the one before: a chain of all of them
        Set<Obj> chains = Footprint.identitySet();
        for (var e : placeholders.entrySet()) {
            Obj now = f.env.get(e.getKey());
            if (now == e.getValue() || now == null) {
                if (now == e.getValue()) f.env.put(e.getKey(), e.getValue().carriedFrom);
                continue;
            }
            Obj p = e.getValue();
            if (now.fresh && now.born >= l.stamp && linked(now, p)) {
                Sym each = footprint.of(List.of(now), o -> o == p || o.born < l.stamp);
                touch(now);
                now.bulk = Sym.add(now.bulk, Sym.mul(Sym.add(trips, Sym.of(-1)), each));
                chains.addAll(footprint.reachable(List.of(now), o -> o.born < l.stamp));
                used = true;
            }
        }
        // cyclic garbage the iteration left: what it made, in a cycle, that nothing older holds
        List<Obj> keepers = new ArrayList<>();
        for (Frame fr : frames) {
            for (Obj o : fr.env.values()) if (o != null && o.born < l.stamp && !l.local.contains(o)) keepers.add(o);
        }
        keepers.addAll(temps);
        keepers.addAll(l.local);
        for (Delta d : l.deltas.values()) for (Obj.Group g : d.groups()) keepers.add(g.item()); // appended to older objects
        for (Loop o : loops) for (Delta d : o.deltas.values()) for (Obj.Group g : d.groups()) keepers.add(g.item());
        Set<Obj> kept = footprint.reachable(keepers, o -> false);
        kept.addAll(chains);
        List<Obj> dropped = new ArrayList<>();
        double tracked = l.tracked;
        for (Frame fr : frames) {
            for (Obj o : fr.env.values()) collectDropped(o, l.stamp, kept, dropped);
        }
        for (Obj o : kept) if (o.fresh && o.born >= l.stamp && o.gcTracked()) tracked++;
        Sym g = l.garbage;
        if (!dropped.isEmpty()) {
            g = Sym.add(g, footprint.of(dropped, kept::contains));
            for (Obj o : footprint.reachable(dropped, kept::contains)) if (o.gcTracked()) tracked++;
            used = true;
        }
        if (used && unknownNote != null) limit(unknownNote);
        scale(l, trips, var);
        List<Obj> copies = churn(before, trips, l);
        if (var != null) averageCounter(l, trips, var);
        for (Obj now : copies) observe(footprint.own(now)); // the last copy and the one before it, together
        // the garbage of all iterations, as the collector mode allows
        Sym allGarbage = total(g, trips, var);
        Sym cap = l.cap;
        if (mode == CollectorMode.ON && !isZero(g)) {
            double perIteration = Math.max(1, tracked);
            Sym own = Sym.mul(Sym.of(model.gcThreshold() / perIteration), maxOver(g, trips, var));
            cap = cap == null ? own : Sym.max(cap, own);
        }
        if (outer == null) {
            garbage = Sym.add(garbage, allGarbage);
            if (cap != null) garbageCap = garbageCap == null ? cap : Sym.max(garbageCap, cap);
        } else {
            outer.garbage = Sym.add(outer.garbage, allGarbage);
            if (cap != null) outer.cap = outer.cap == null ? cap : Sym.max(outer.cap, cap);
            Double n = sample(trips, MIDDLE);
            outer.tracked += tracked * (n == null ? 1 : n);
        }
        List<Sym> iterationPeaks = new ArrayList<>();
        for (Sym c : l.candidates) iterationPeaks.add(maxOver(c, trips, var));
        Sym perIteration = largest(iterationPeaks);
        Loop now = loops.peek();
        observeAt(now == null ? candidates : now.candidates, perIteration, now);
        return stopped;
    }

    /**
     * After a counting loop: what its iterations made no longer depends on the counter. Items kept
     * take the counter's mean, an int made from it the mean of what it costs (nothing while cached);
     * what a name still holds takes the last value.
     */
    private void averageCounter(Loop l, Sym trips, String var) {
        Sym mean = Sym.mul(Sym.of(0.5), Sym.add(trips, Sym.of(-1))), last = Sym.add(trips, Sym.of(-1));
        Set<Obj> named = Footprint.identitySet();
        for (Frame f : frames) for (Obj o : f.env.values()) if (o != null && o.born >= l.stamp) named.add(o);
        Set<Obj> reached = footprint.reachable(roots(), x -> false);
        List<Obj> groupItems = new ArrayList<>(); // standing for many: their cost is averaged over the iterations
        for (Obj o : reached) {
            for (Obj.Group g : o.groups) if (!(g.count() instanceof Sym.Const c && c.value() == 1)) groupItems.add(g.item());
        }
        Set<Obj> items = footprint.reachable(groupItems, x -> x.born < l.stamp);
        for (Obj o : reached) {
            if (o.born < l.stamp) continue;
            touch(o);
            boolean many = items.contains(o);
            Sym at = named.contains(o) && !many ? last : mean;
            o.count = averaged(o.count, var, trips, at, many);
            o.value = o.value == null ? null : o.value.subst(var, at);
            o.fixed = averaged(o.fixed, var, trips, at, many);
            o.bulk = averaged(o.bulk, var, trips, at, many);
            List<Obj.Group> groups = new ArrayList<>();
            for (Obj.Group g : o.groups) groups.add(new Obj.Group(averaged(g.count(), var, trips, at, many), g.item(), g.stamp()));
            o.groups = groups;
        }
    }

    /** s with the counter var replaced: by its mean, or, for an int made from it, by its mean cost. */
    private Sym averaged(Sym s, String var, Sym trips, Sym at, boolean many) {
        if (s == null || !s.mentions(var)) return s;
        if (s instanceof Sym.Growth g && g.kind() == Sym.Kind.INT_OBJECT) {
            if (!many) return Sym.of(model.intObject(BigInteger.valueOf(1000))); // one int: at most its object
            Sym sum = total(s, trips, var);
            if (!sum.mentions(var)) return Sym.div(sum, trips);
        }
        if (s instanceof Sym.Add a) {
            Sym out = Sym.ZERO;
            for (Sym t : a.terms()) out = Sym.add(out, averaged(t, var, trips, at, many));
            return out;
        }
        return s.subst(var, at);
    }

    /** Growth of older objects in one iteration, times the trip count, put where it belongs now. */
    private void scale(Loop l, Sym trips, String var) {
        for (var e : l.deltas.entrySet()) {
            Obj o = e.getKey();
            Delta d = e.getValue();
            if (o == l.worklist) {
                growBy(o, d.count(), d.groups(), d.bulk()); // consumed as it grows: about one iteration's worth at a time
                continue;
            }
            Sym count = total(d.count(), trips, var);
            List<Obj.Group> groups = new ArrayList<>();
            for (Obj.Group gr : d.groups()) {
                Obj item = gr.item();
                boolean one = item != null && item.born < l.stamp && !l.local.contains(item); // the same object each time
                Sym n = total(gr.count(), trips, var);
                if (o.keyCap != null && item != null && item.distinct != null) n = Sym.min(n, o.keyCap); // keys seen again replace
                groups.add(one ? gr : new Obj.Group(n, item, Math.max(l.stamp, gr.stamp())));
            }
            growBy(o, count, groups, total(d.bulk(), trips, var));
        }
    }

    private static boolean isZero(Sym s) {
        return s instanceof Sym.Const c && c.value() == 0;
    }

    /** Whether a and b refer to one another, directly or through the objects a made. */
    private boolean linked(Obj now, Obj previous) {
        if (footprint.reachable(List.of(now), o -> false).contains(previous)) return true;
        return footprint.reachable(List.of(previous), o -> false).contains(now);
    }

    private void collectDropped(Obj o, long stamp, Set<Obj> kept, List<Obj> out) {
        if (o == null) return;
        for (Obj x : footprint.reachable(List.of(o), y -> y.born < stamp || kept.contains(y))) {
            if (x.cyclic && x.fresh && !x.garbage && !out.contains(x)) {
                out.add(x);
                x.garbage = true;
            }
        }
    }

    /**
     * The sum over the iterations of what one adds: trips times it, with the loop counter at its
     * mean; an int made from the counter counts only for the iterations where it is not cached.
     */
    private Sym total(Sym perIteration, Sym trips, String var) {
        if (var == null || !perIteration.mentions(var)) return Sym.mul(trips, perIteration);
        if (perIteration instanceof Sym.Add a) {
            Sym out = Sym.ZERO;
            for (Sym t : a.terms()) out = Sym.add(out, total(t, trips, var));
            return out;
        }
        if (perIteration instanceof Sym.Mul m && m.left() instanceof Sym.Const) {
            return Sym.mul(m.left(), total(m.right(), trips, var));
        }
        if (perIteration instanceof Sym.Growth g && g.kind() == Sym.Kind.INT_OBJECT && g.count().symbols().equals(Set.of(var))) {
            // the counter's ints are cached up to 256: count the iterations whose value is past that
            long firstUncached = -1;
            for (long v = 0; v <= 4 * (model.smallIntMax() + 1) && firstUncached < 0; v++) {
                Double x = g.count().eval(Map.of(var, (double) v), model);
                if (x == null) break;
                if (x > model.smallIntMax() || x < -5) firstUncached = v;
            }
            if (firstUncached >= 0) {
                Sym uncached = firstUncached == 0 ? trips
                        : trips instanceof Sym.Const t ? Sym.of(Math.max(0, t.value() - firstUncached))
                        : new Sym.Max(Sym.ZERO, Sym.add(trips, Sym.of(-firstUncached)));
                return Sym.mul(Sym.of(model.intObject(BigInteger.valueOf(1000))), uncached);
            }
        }
        return Sym.mul(trips, perIteration.subst(var, Sym.mul(Sym.of(0.5), Sym.add(trips, Sym.of(-1)))));
    }

    /** What one iteration holds at most: the loop counter at its last value. */
    private static Sym maxOver(Sym perIteration, Sym trips, String var) {
        if (var != null && perIteration.mentions(var)) return perIteration.subst(var, Sym.add(trips, Sym.of(-1)));
        return perIteration;
    }

    /** Names rebound to a longer copy of what they held: quadratic churn, and the final size. */
    private List<Obj> churn(Map<String, Obj> before, Sym trips, Loop l) {
        Frame f = frame();
        List<Obj> copies = new ArrayList<>();
        for (var e : before.entrySet()) {
            Obj now = f.env.get(e.getKey());
            Obj old = e.getValue();
            if (now != null && old != null && now != old && now.fresh && now.concatenation && now.count != null
                    && old.count != null && (now.isSequence() || now.kind == Obj.Kind.BYTES || now.kind == Obj.Kind.STR)) {
                Sym growth = Footprint.difference(now.count, old.count);
                if (growth == null) continue;
                touch(now);
                now.count = Sym.add(old.count, Sym.mul(trips, growth));
                List<Obj.Group> kept = new ArrayList<>();
                for (Obj.Group g : now.groups) {
                    boolean old1 = old.groups.contains(g);
                    kept.add(old1 || g.item() != null && g.item().born < l.stamp ? g
                            : new Obj.Group(total(g.count(), trips, l.var), g.item(), l.stamp)); // what each copy added
                }
                now.groups = kept;
                if (now.kind != Obj.Kind.STR && frames.size() == 1) {
                    quadratic = true;
                    churnSymbol = trips.symbols().isEmpty() ? null : String.join(", ", trips.symbols());
                }
                copies.add(now);
            }
        }
        return copies;
    }

    /** Adds items to a container: at once when this iteration made it, else per iteration of the loop. */
    void grow(Obj container, Sym count, Obj item) {
        if (container == null) return;
        List<Obj.Group> groups = new ArrayList<>();
        if (item != null) groups.add(new Obj.Group(Sym.of(1), item));
        growBy(container, count, groups, Sym.ZERO);
    }

    void growBy(Obj container, Sym count, List<Obj.Group> groups, Sym bulk) {
        growAt(container, loops.peek(), count, groups, bulk);
    }

    /**
     * Adds to a container in a loop level (null: the call): per iteration of that loop when the
     * container is older than its iteration, else at once.
     */
    void growAt(Obj o, Loop level, Sym count, List<Obj.Group> groups, Sym bulk) {
        if (o == null) return;
        if (level != null && o.born < level.stamp && !level.local.contains(o)) {
            Delta d = level.deltas.get(o);
            List<Obj.Group> all = new ArrayList<>(d == null ? List.of() : d.groups());
            all.addAll(groups);
            level.deltas.put(o, new Delta(Sym.add(d == null ? Sym.ZERO : d.count(), count), all,
                    Sym.add(d == null ? Sym.ZERO : d.bulk(), bulk)));
            return;
        }
        touch(o);
        if (o.kind == Obj.Kind.LIST && o.layout != Obj.Layout.APPENDED && !isZero(count)) {
            o.layout = Obj.Layout.APPENDED; // from its first append it over-allocates
        }
        if (o.count != null) {
            o.count = Sym.add(o.count, count);
            if (o.count instanceof Sym.Const c && c.value() <= 0) {
                o.count = Sym.ZERO;
                o.groups = new ArrayList<>();
            }
        }
        for (Obj.Group g : groups) addGroup(o, g);
        o.bulk = Sym.add(o.bulk, bulk);
    }

    /**
     * Puts a key (with groups: its value, the key if new) into a dict or set. A key it holds already
     * replaces; a key made before the innermost loop is one key for all its iterations, added once
     * per iteration of the loop that made it.
     */
    void addKey(Obj container, Obj key, Expr keyExpr, List<Obj.Group> groups) {
        addKey(container, key, keyExpr, groups, true);
    }

    /** As above; when the key is there already and the value does not replace (setdefault), nothing is added. */
    void addKey(Obj container, Obj key, Expr keyExpr, List<Obj.Group> groups, boolean replaces) {
        if (container == null) return;
        Object constant = keyExpr instanceof Expr.Constant c ? c.value() : null;
        touch(container);
        if (key != null && key.kind == Obj.Kind.STR && key.count instanceof Sym.Const c && c.value() == 1) {
            container.keyCap = Sym.of(128); // keyed by characters: at most the distinct ones of the text
        }
        if (key != null && key.distinct != null && constant == null) {
            container.keyCap = container.keyCap == null ? key.distinct : Sym.min(container.keyCap, key.distinct);
        }
        if (constant != null) {
            boolean present = container.constantKeys.contains(constant);
            container.constantKeys.add(constant);
            growAt(container, null, present ? Sym.ZERO : Sym.of(1), present && !replaces ? List.of() : groups, Sym.ZERO);
            return;
        }
        boolean present = key != null && holds(container, key);
        growAt(container, key == null ? loops.peek() : levelOf(key), present ? Sym.ZERO : Sym.of(1),
                present && !replaces ? List.of() : groups, Sym.ZERO);
    }

    /** The innermost loop whose iteration made o (or walks it as its element); null when o is older than all. */
    private Loop levelOf(Obj o) {
        for (Loop l : loops) {
            if (o.born >= l.stamp || l.local.contains(o)) return l;
        }
        return null;
    }

    private boolean holds(Obj container, Obj key) {
        if (container.item == key) return true;
        for (Obj.Group g : container.groups) if (g.item() == key) return true;
        for (Loop l : loops) {
            Delta d = l.deltas.get(container);
            if (d != null) for (Obj.Group g : d.groups()) if (g.item() == key) return true;
        }
        return false;
    }

    private void addGroup(Obj o, Obj.Group g) {
        for (int i = 0; i < o.groups.size(); i++) {
            if (o.groups.get(i).item() == g.item()) {
                o.groups.set(i, new Obj.Group(Sym.add(o.groups.get(i).count(), g.count()), g.item()));
                return;
            }
        }
        o.groups.add(g);
    }

    // ---- binding ----

    void bind(Expr target, Obj v) {
        if (target instanceof Expr.Name n) {
            Frame f = frame();
            if (v != null && v.kind == Obj.Kind.FILE && v.fileSize == null && v.fresh) {
                touch(v);
                v.fileSize = Sym.var("size(" + n.id() + ")");
            }
            if (f.globalNames.contains(n.id())) {
                globals.put(n.id(), v);
            } else if (f.nonlocalNames.contains(n.id())) {
                Frame owner = f.closure;
                while (owner != null && !owner.env.containsKey(n.id())) owner = owner.closure;
                (owner != null ? owner : f).env.put(n.id(), v);
            } else {
                f.env.put(n.id(), v);
            }
        } else if (target instanceof Expr.Attribute a) {
            Obj o = eval(a.value());
            setAttr(o, a.attr(), v);
        } else if (target instanceof Expr.Subscript sub) {
            Obj container = eval(sub.value());
            Obj key = eval(sub.slice());
            setItem(container, key, sub.slice(), v);
        } else if (target instanceof Expr.TupleExpr t) {
            unpack(t.elts(), v);
        } else if (target instanceof Expr.ListExpr l) {
            unpack(l.elts(), v);
        } else if (target instanceof Expr.Starred s) {
            bind(s.value(), v);
        }
    }

    void setAttr(Obj o, String attr, Obj v) {
        if (o == null || o.kind == Obj.Kind.NONE && o.carriedFrom == null) return;
        Stmt.FunctionNode setter = o.cls == null || o.kind == Obj.Kind.CLASS ? null : propertySetter(o.cls, attr);
        if (setter != null) {
            inline(setter, o, java.util.Arrays.asList(v), Map.of(), setter.decoratorList().get(0));
            return;
        }
        touch(o);
        o.attrs.put(attr, v == null ? none() : v);
    }

    /** The {@code @name.setter} method of a module class (or its bases) for a property, or null. */
    private Stmt.FunctionNode propertySetter(String cls, String attr) {
        ModuleIndex.ClassInfo c = index.classNamed(cls);
        for (int depth = 0; c != null && depth < 16; depth++) {
            for (Stmt s : c.node().body()) {
                if (s instanceof Stmt.FunctionNode f && f.name().equals(attr)) {
                    for (Expr d : f.decoratorList()) {
                        if (d instanceof Expr.Attribute a && a.attr().equals("setter") && a.value() instanceof Expr.Name n
                                && n.id().equals(attr)) {
                            return f;
                        }
                    }
                }
            }
            c = c.baseNames().isEmpty() ? null : index.classNamed(c.baseNames().get(0));
        }
        return null;
    }

    void setItem(Obj container, Obj key, Expr slice, Obj v) {
        if (container == null) return;
        if (container.kind == Obj.Kind.DICT || container.kind == Obj.Kind.UNKNOWN && container.value2 != null) {
            boolean constantKey = slice instanceof Expr.Constant;
            List<Obj.Group> groups = new ArrayList<>();
            if (v != null) groups.add(new Obj.Group(Sym.of(1), v));
            if (key != null && key.fresh && !constantKey) groups.add(new Obj.Group(Sym.of(1), key));
            touch(container);
            if (container.value2 == null) container.value2 = v;
            if (!(key != null && key.kind == Obj.Kind.STR || slice instanceof Expr.Constant c && c.value() instanceof String)) {
                container.strKeys = false;
            }
            addKey(container, key, slice, groups);
            if (container.item == null) container.item = key;
        } else if (container.kind == Obj.Kind.LIST || container.kind == Obj.Kind.BYTEARRAY || container.kind == Obj.Kind.UNKNOWN) {
            if (slice instanceof Expr.Slice) {
                touch(container); // slice assignment: the length may change; kept as it was
                return;
            }
            if (v != null && v.fresh) growBy(container, Sym.ZERO, List.of(new Obj.Group(Sym.of(1), v)), Sym.ZERO);
        } else if (container.kind == Obj.Kind.INSTANCE && container.cls != null) {
            Stmt.FunctionNode set = index.method(container.cls, "__setitem__");
            if (set != null) inline(set, container, java.util.Arrays.asList(key, v), Map.of(), slice);
        }
    }

    private void unpack(List<Expr> targets, Obj v) {
        List<Obj> parts = partsOf(v, targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Expr t = targets.get(i);
            if (t instanceof Expr.Starred st) {
                Obj rest = make(Obj.Kind.LIST, v != null && v.count != null ? Sym.add(v.count, Sym.of(-(targets.size() - 1))) : null);
                bind(st.value(), rest);
            } else {
                bind(t, parts.get(i));
            }
        }
    }

    /** The n parts of a tuple or pair-like value (a display's items), or its item for each. */
    List<Obj> partsOf(Obj v, int n) {
        List<Obj> out = new ArrayList<>();
        if (v != null && v.kind == Obj.Kind.TUPLE && v.groups.size() == n
                && v.groups.stream().allMatch(g -> g.count() instanceof Sym.Const c && c.value() == 1)) {
            for (Obj.Group g : v.groups) out.add(g.item());
            return out;
        }
        Obj item = v == null ? null : elementOf(v);
        for (int i = 0; i < n; i++) out.add(item);
        return out;
    }

    // ---- expressions ----

    Obj eval(Expr e) {
        if (e == null) return null;
        step();
        Obj v = evalNode(e);
        if (v != null && v.fresh && !v.cyclic && cyclicNodes.contains(e)) {
            touch(v);
            v.cyclic = true;
        }
        return v;
    }

    private Obj evalNode(Expr e) {
        if (e instanceof Expr.Name n) return lookup(n.id());
        if (e instanceof Expr.Constant c) return constant(c);
        if (e instanceof Expr.ListExpr l) return display(Obj.Kind.LIST, l.elts());
        if (e instanceof Expr.TupleExpr t) {
            if (t.elts().stream().allMatch(x -> x instanceof Expr.Constant)) {
                Obj o = new Obj(Obj.Kind.TUPLE, Sym.of(t.elts().size()), false, clock++);
                for (Expr x : t.elts()) o.groups.add(new Obj.Group(Sym.of(1), constant((Expr.Constant) x)));
                return o;
            }
            return display(Obj.Kind.TUPLE, t.elts());
        }
        if (e instanceof Expr.SetExpr st) return display(Obj.Kind.SET, st.elts());
        if (e instanceof Expr.DictExpr d) return dictDisplay(d);
        if (e instanceof Expr.ListComp c) return comprehension(c.generators(), c.elt(), null, Obj.Kind.LIST);
        if (e instanceof Expr.SetComp c) return comprehension(c.generators(), c.elt(), null, Obj.Kind.SET);
        if (e instanceof Expr.DictComp c) return comprehension(c.generators(), c.key(), c.value(), Obj.Kind.DICT);
        if (e instanceof Expr.GeneratorExp g) {
            Obj gen = fixed(Obj.Kind.GENERATOR, model.generator(6));
            gen.genexp = g;
            gen.closureFrame = frame();
            Obj first = eval(g.generators().get(0).iter());
            gen.sources = first == null ? List.of() : List.of(first);
            return gen;
        }
        if (e instanceof Expr.BinOp b) return binOp(b);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.JoinedStr j) return joinedStr(j);
        if (e instanceof Expr.IfExp i) {
            Boolean truth = test(i.test());
            if (truth != null) return eval(truth ? i.body() : i.orelse());
            Obj a = eval(i.body()), b = eval(i.orelse());
            Obj chosen = weight(a) >= weight(b) && a != null ? a : b;
            if (chosen != null && a != null && b != null && distinctOf(a) != null && distinctOf(b) != null) {
                if (!chosen.fresh) { // a constant, shared: a copy that knows it is one of two
                    Obj copy = new Obj(chosen.kind, chosen.count, false, clock++);
                    copy.fixed = chosen.fixed;
                    copy.value = chosen.value;
                    chosen = copy;
                }
                touch(chosen);
                chosen.distinct = Sym.add(distinctOf(a), distinctOf(b));
            }
            return chosen;
        }
        if (e instanceof Expr.NamedExpr n) {
            Obj v = eval(n.value());
            bind(n.target(), v);
            return v;
        }
        if (e instanceof Expr.Subscript s) return subscript(s);
        if (e instanceof Expr.Attribute a) return attribute(eval(a.value()), a.attr(), a);
        if (e instanceof Expr.Lambda l) {
            Obj fn = fixed(Obj.Kind.FUNCTION, model.function());
            fn.lambda = l;
            fn.frame = null;
            fn.closureFrame = frame();
            return fn;
        }
        if (e instanceof Expr.BoolOp b) {
            Obj last = null;
            for (Expr x : b.values()) {
                Obj v = eval(x);
                if (last == null || weight(v) > weight(last)) last = v;
            }
            return last;
        }
        if (e instanceof Expr.Compare c) {
            eval(c.left());
            c.comparators().forEach(this::eval);
            return constantBool();
        }
        if (e instanceof Expr.UnaryOp u) {
            Obj v = eval(u.operand());
            if (u.op() == UnaryOperator.Not) return constantBool();
            if (v != null && v.kind == Obj.Kind.INT && v.value != null) return computedInt(Sym.mul(Sym.of(-1), v.value));
            return v;
        }
        if (e instanceof Expr.Yield y) {
            Obj v = y.value() == null ? none() : eval(y.value());
            Frame f = frame();
            if (f.onYield != null) f.onYield.accept(v);
            return null; // what send() passes in
        }
        if (e instanceof Expr.YieldFrom y) {
            Obj src = eval(y.value());
            Frame f = frame();
            if (f.onYield != null) {
                Consumer<Obj> target = f.onYield;
                produce(src, target::accept, y);
            }
            return null;
        }
        if (e instanceof Expr.Await a) return eval(a.value());
        if (e instanceof Expr.Starred s) return eval(s.value());
        if (e instanceof Expr.Slice s) {
            eval(s.lower());
            eval(s.upper());
            eval(s.step());
            return null;
        }
        if (e instanceof Expr.FormattedValue fv) return eval(fv.value());
        return null;
    }

    Obj constantBool() {
        return new Obj(Obj.Kind.BOOL, null, false, -1);
    }

    Obj constantStr(long length) {
        Obj s = new Obj(Obj.Kind.STR, Sym.of(length), false, clock++);
        s.fixed = Sym.of(1);
        return s;
    }

    private Obj constant(Expr.Constant c) {
        Object v = c.value();
        if (v instanceof String s) {
            Obj o = new Obj(Obj.Kind.STR, Sym.of(s.length()), false, clock++);
            int max = s.codePoints().max().orElse(0);
            o.fixed = Sym.of(max < 256 ? 1 : max < 65536 ? 2 : 4);
            return o;
        }
        if (v instanceof dev.memlint.ast.Bytes b) return new Obj(Obj.Kind.BYTES, Sym.of(b.data().length), false, clock++);
        if (v instanceof BigInteger i) return constantInt(Sym.of(i.doubleValue()));
        if (v instanceof Boolean b) {
            Obj o = constantBool();
            o.value = Sym.of(b ? 1 : 0);
            return o;
        }
        if (v == null) return none();
        if (v instanceof Double) return new Obj(Obj.Kind.FLOAT, null, false, clock++);
        return null;
    }

    /** A name: a local, a cell of an enclosing frame, a module global, or a builtin (null). */
    Obj lookup(String name) {
        Frame f = frame();
        if (!f.globalNames.contains(name)) {
            for (Frame x = f; x != null; x = x.closure) {
                if (x.env.containsKey(name) && !(x == f && f.nonlocalNames.contains(name))) return x.env.get(name);
            }
        }
        return global(name);
    }

    /** A module-level name: a class, a function, or a value the module assigns (evaluated once, as given). */
    Obj global(String name) {
        if (globals.containsKey(name)) return globals.get(name);
        Obj v = null;
        ModuleIndex.ClassInfo cls = index.classNamed(name);
        Stmt.FunctionNode fn = index.functionNamed(name);
        if (cls != null) {
            v = given(Obj.Kind.CLASS, name);
            v.cls = name;
        } else if (fn != null) {
            v = given(Obj.Kind.FUNCTION, name);
            v.function = fn;
            if (!fn.decoratorList().isEmpty()) {
                globals.put(name, v); // a decorator that refers to the function sees it undecorated
                v = decorateAtImport(v, fn);
            }
        } else if (index.isImported(name)) {
            v = given(Obj.Kind.MODULE, index.importedName(new Expr.Name(name, dev.memlint.ast.Ctx.Load, null)));
        } else if (moduleValues.containsKey(name)) {
            globals.put(name, null); // a value defined in terms of itself stays unknown
            v = moduleValue(name, moduleValues.get(name));
        } else if (Library.isBuiltinCallable(name)) {
            v = given(Obj.Kind.FUNCTION, name); // list, dict, str... passed as a value (defaultdict(list), map(str, xs))
            v.producer = "builtin";
        }
        globals.put(name, v);
        return v;
    }

    /** A module function's decorators, run as the module ran them: what they make is not the call's. */
    private Obj decorateAtImport(Obj fn, Stmt.FunctionNode def) {
        frames.push(new Frame(null, new LinkedHashMap<>(), null, clock));
        List<Sym> saved = new ArrayList<>(candidates);
        Deque<Loop> savedLoops = new ArrayDeque<>(loops);
        loops.clear();
        try {
            return asGiven(decorate(fn, def), def.name());
        } finally {
            frames.pop();
            candidates.clear();
            candidates.addAll(saved);
            loops.addAll(savedLoops);
        }
    }

    /** A module-level value, made once when the module ran: its bytes are not the call's. */
    private Obj moduleValue(String name, Expr value) {
        Obj v;
        Frame module = new Frame(null, new LinkedHashMap<>(), null, clock);
        frames.push(module);
        List<Sym> saved = new ArrayList<>(candidates);
        Deque<Loop> savedLoops = new ArrayDeque<>(loops);
        loops.clear();
        try {
            boolean simple = value instanceof Expr.Constant || value instanceof Expr.Call || value instanceof Expr.ListExpr
                    || value instanceof Expr.DictExpr || value instanceof Expr.TupleExpr || value instanceof Expr.SetExpr
                    || value instanceof Expr.Name || value instanceof Expr.Attribute;
            v = simple ? eval(value) : null;
        } catch (OverBudget e) {
            throw e;
        } catch (RuntimeException e) {
            v = null;
        } finally {
            frames.pop();
            candidates.clear();
            candidates.addAll(saved);
            loops.addAll(savedLoops);
        }
        if (v == null) {
            v = given(Obj.Kind.UNKNOWN, name);
            v.count = Sym.var("len(" + name + ")");
            v.baseCount = v.count;
        }
        return asGiven(v, name);
    }

    /** A copy of a module value that counts as made before the call (only its growth counts). */
    private Obj asGiven(Obj v, String name) {
        return asGiven(v, name, new IdentityHashMap<>());
    }

    private Obj asGiven(Obj v, String name, Map<Obj, Obj> done) {
        if (v == null || !v.fresh) return v;
        Obj known = done.get(v);
        if (known != null) return known;
        Obj g = new Obj(v.kind, v.count, false, -1);
        done.put(v, g);
        g.layout = v.layout;
        g.value = v.value;
        g.fixed = v.fixed;
        g.item = v.item;
        g.value2 = v.value2;
        g.cls = v.cls;
        g.function = v.function;
        g.lambda = v.lambda;
        g.genexp = v.genexp;
        g.frame = v.frame;
        g.producer = v.producer;
        g.path = name;
        g.baseCount = v.count;
        g.strKeys = v.strKeys;
        g.keyCap = v.keyCap;
        g.constantKeys = new java.util.HashSet<>(v.constantKeys);
        g.fileSize = v.fileSize;
        g.closureFrame = v.closureFrame;
        g.defaultFactory = v.defaultFactory;
        g.fixed2 = v.fixed2;
        g.partialOf = asGiven(v.partialOf, name, done);
        g.cyclic = v.cyclic;
        for (Obj.Group gr : v.groups) g.groups.add(new Obj.Group(gr.count(), asGiven(gr.item(), name, done)));
        for (var e : v.attrs.entrySet()) g.attrs.put(e.getKey(), asGiven(e.getValue(), name + "." + e.getKey(), done));
        List<Obj> sources = new ArrayList<>();
        for (Obj x : v.sources) sources.add(asGiven(x, name, done));
        g.sources = sources;
        return g;
    }

    private Obj display(Obj.Kind kind, List<Expr> elts) {
        Obj o = make(kind, Sym.ZERO);
        Sym count = Sym.ZERO;
        temps.add(o);
        try {
            for (Expr x : elts) {
                if (x instanceof Expr.Starred st) {
                    Obj src = eval(st.value());
                    Sym n = src == null || src.count == null ? Sym.var("len(" + text(st.value()) + ")") : src.count;
                    count = Sym.add(count, n);
                    if (src != null) for (Obj.Group g : src.groups) o.groups.add(g);
                    continue;
                }
                Obj item = eval(x);
                count = Sym.add(count, Sym.of(1));
                if (item != null) o.groups.add(new Obj.Group(Sym.of(1), item));
                if (o.item == null) o.item = item;
            }
        } finally {
            temps.remove(o);
        }
        o.count = count;
        if (kind == Obj.Kind.LIST) o.layout = Obj.Layout.EXACT;
        return o;
    }

    private Obj dictDisplay(Expr.DictExpr d) {
        Obj dict = make(Obj.Kind.DICT, Sym.ZERO);
        dict.strKeys = true;
        temps.add(dict);
        Sym count = Sym.ZERO;
        try {
            for (int i = 0; i < d.keys().size(); i++) {
                Expr k = d.keys().get(i);
                Obj value = eval(d.values().get(i));
                if (k == null) { // **other
                    if (value != null && value.count != null) count = Sym.add(count, value.count);
                    dict.strKeys = false;
                    continue;
                }
                Obj key = eval(k);
                if (!(k instanceof Expr.Constant c && c.value() instanceof String)) dict.strKeys = key != null && key.kind == Obj.Kind.STR && dict.strKeys;
                count = Sym.add(count, Sym.of(1));
                if (key != null && key.fresh) dict.groups.add(new Obj.Group(Sym.of(1), key));
                if (value != null) dict.groups.add(new Obj.Group(Sym.of(1), value));
                if (dict.item == null) dict.item = key;
                if (dict.value2 == null) dict.value2 = value;
            }
        } finally {
            temps.remove(dict);
        }
        dict.count = count;
        dict.layout = Obj.Layout.EXACT; // a display is presized
        return dict;
    }

    private Obj comprehension(List<Comprehension> gens, Expr elt, Expr value, Obj.Kind kind) {
        Obj out = make(kind, Sym.ZERO);
        out.layout = Obj.Layout.APPENDED;
        out.strKeys = kind == Obj.Kind.DICT;
        temps.add(out);
        Map<String, Obj> saved = new LinkedHashMap<>(frame().env);
        try {
            produceComprehension(gens, 0, null, () -> {
                Obj k = eval(elt);
                Obj v = value == null ? null : eval(value);
                List<Obj.Group> groups = new ArrayList<>();
                if (k != null && (kind != Obj.Kind.DICT || k.fresh)) groups.add(new Obj.Group(Sym.of(1), k));
                if (v != null) groups.add(new Obj.Group(Sym.of(1), v));
                touch(out);
                if (kind == Obj.Kind.DICT && !(k != null && k.kind == Obj.Kind.STR)) out.strKeys = false;
                if (out.item == null) out.item = k;
                if (out.value2 == null) out.value2 = v;
                growBy(out, Sym.of(1), groups, Sym.ZERO);
            }, Set.of());
        } finally {
            temps.remove(out);
            Frame f = frame();
            for (Comprehension g : gens) restoreTargets(g.target(), saved, f.env);
        }
        return out;
    }

    private static void restoreTargets(Expr target, Map<String, Obj> saved, Map<String, Obj> env) {
        dev.memlint.semantic.NodeChildren.walk(target, n -> {
            if (n instanceof Expr.Name name) {
                if (saved.containsKey(name.id())) env.put(name.id(), saved.get(name.id()));
                else env.remove(name.id());
            }
        });
    }

    private Obj joinedStr(Expr.JoinedStr j) {
        Sym length = Sym.ZERO;
        Sym distinct = Sym.of(1); // a text made of values from small sets is one of few texts
        for (Expr part : j.values()) {
            if (part instanceof Expr.Constant c && c.value() instanceof String s) {
                length = Sym.add(length, Sym.of(s.length()));
            } else if (part instanceof Expr.FormattedValue fv) {
                Obj v = eval(fv.value());
                if (fv.formatSpec() != null) eval(fv.formatSpec());
                length = Sym.add(length, library.formattedLength(v, fv.formatSpec()));
                distinct = distinct == null || v == null || distinctOf(v) == null ? null : Sym.mul(distinct, distinctOf(v));
            }
        }
        Obj text = str(length);
        text.distinct = distinct;
        return text;
    }

    /** How many different values o can have, when few: a constant, x % k, a choice of two. */
    static Sym distinctOf(Obj o) {
        if (o.distinct != null) return o.distinct;
        return !o.fresh && (o.kind == Obj.Kind.STR || o.kind == Obj.Kind.INT || o.kind == Obj.Kind.BOOL
                || o.kind == Obj.Kind.NONE) && o.path == null ? Sym.of(1) : null;
    }

    private Obj subscript(Expr.Subscript s) {
        Obj container = eval(s.value());
        temps.add(container);
        Obj key;
        try {
            key = eval(s.slice());
        } finally {
            temps.remove(temps.size() - 1);
        }
        if (container == null) return null;
        if (s.slice() instanceof Expr.Slice sl) {
            Sym n = sliceLength(sl, container);
            return switch (container.kind) {
                case STR -> {
                    Obj out = str(n);
                    out.fixed = container.fixed;
                    yield out;
                }
                case BYTES -> make(Obj.Kind.BYTES, n);
                case LIST, TUPLE, UNKNOWN -> {
                    Obj out = make(container.kind == Obj.Kind.TUPLE ? Obj.Kind.TUPLE : Obj.Kind.LIST, n);
                    Obj element = elementOf(container);
                    if (element != null) out.groups.add(new Obj.Group(n == null ? Sym.of(1) : n, element));
                    out.item = element;
                    yield out;
                }
                default -> null;
            };
        }
        if (container.kind == Obj.Kind.DICT) {
            if (container.value2 == null && container.defaultFactory != null) {
                Obj v = callObject(container.defaultFactory, List.of(), Map.of(), s);
                setItem(container, key, s.slice(), v);
                return v;
            }
            return container.value2 != null ? container.value2 : elementOf(container);
        }
        if (container.kind == Obj.Kind.TUPLE && s.slice() instanceof Expr.Constant c && c.value() instanceof BigInteger i) {
            int k = i.intValue();
            if (k < 0) k += container.groups.size();
            if (k >= 0 && k < container.groups.size()
                    && container.groups.stream().allMatch(g -> g.count() instanceof Sym.Const x && x.value() == 1)) {
                return container.groups.get(k).item();
            }
        }
        if (container.kind == Obj.Kind.STR) return constantStr(1);
        if (container.kind == Obj.Kind.INSTANCE && container.cls != null) {
            Stmt.FunctionNode get = index.method(container.cls, "__getitem__");
            if (get != null) return inline(get, container, java.util.Arrays.asList(key), Map.of(), s);
        }
        return elementOf(container);
    }

    private Sym sliceLength(Expr.Slice sl, Obj container) {
        Sym n = container.count;
        if (sl.upper() != null && sl.lower() != null) {
            Sym hi = scalarOf(sl.upper(), eval(sl.upper())), lo = scalarOf(sl.lower(), eval(sl.lower()));
            if (hi != null && lo != null) {
                Sym d = Footprint.difference(hi, lo);
                if (d != null) n = d;
                else if (hi instanceof Sym.Const a && lo instanceof Sym.Const b) n = Sym.of(Math.max(0, a.value() - b.value()));
            }
        } else if (sl.upper() != null && sl.lower() == null) {
            Sym hi = scalarOf(sl.upper(), eval(sl.upper()));
            if (hi instanceof Sym.Const c && c.value() >= 0) n = n == null ? hi : Sym.min(hi, n);
        } else if (sl.lower() != null) {
            Sym lo = scalarOf(sl.lower(), eval(sl.lower()));
            if (lo instanceof Sym.Const c && c.value() < 0) n = Sym.of(-c.value());
            else if (n != null && lo instanceof Sym.Const c) n = Sym.add(n, Sym.of(-c.value()));
        }
        if (sl.step() != null) {
            Sym k = scalarOf(sl.step(), eval(sl.step()));
            if (n != null && k instanceof Sym.Const c && c.value() > 1) n = Sym.mul(Sym.of(1 / c.value()), n);
        }
        return n;
    }

    /** The representative item of a container (made up, and kept, for one given to the call). */
    Obj elementOf(Obj container) {
        if (container == null) return null;
        if (container.item != null) return container.item;
        if (!container.groups.isEmpty()) return container.groups.get(container.groups.size() - 1).item();
        if (container.fresh || container.kind == Obj.Kind.NONE) return null;
        Obj item = given(Obj.Kind.UNKNOWN, pathOf(container) + "[]");
        item.count = Sym.of(ITEM_CHARS);
        item.baseCount = item.count;
        touch(container);
        container.item = item;
        // standing for every item: what the call adds to one it adds to each
        Sym n = container.count != null ? container.count : Sym.var("len(" + pathOf(container) + ")");
        container.groups.add(new Obj.Group(n, item));
        if (!pathOf(container).contains("[]")) {
            limit("items of " + pathOf(container) + ": sizes not known, each taken as " + ITEM_CHARS + " characters or items");
        }
        return item;
    }

    String pathOf(Obj o) {
        return o.path != null ? o.path : "?";
    }

    /**
     * An attribute read: what was stored there, a method bound to the object, a property's
     * value, or, on an object the call was given, a new unknown object standing for it.
     */
    Obj attribute(Obj o, String attr, Expr where) {
        if (o == null) return null;
        if (o.attrs.containsKey(attr)) return o.attrs.get(attr);
        if ((o.kind == Obj.Kind.INSTANCE || o.kind == Obj.Kind.CLASS || o.kind == Obj.Kind.EXCEPTION) && o.cls != null) {
            Stmt.FunctionNode m = index.method(o.cls, attr);
            if (m != null) {
                ModuleIndex.MethodKind kind = ModuleIndex.kindOf(m);
                switch (kind) {
                    case PROPERTY, CACHED_PROPERTY -> {
                        Obj v = canFollow() ? inline(m, o, List.of(), Map.of(), where) : null;
                        if (kind == ModuleIndex.MethodKind.CACHED_PROPERTY) setAttr(o, attr, v);
                        return v;
                    }
                    case STATIC -> {
                        Obj fn = given(Obj.Kind.FUNCTION, attr);
                        fn.function = m;
                        return fn;
                    }
                    default -> {
                        if (o.kind == Obj.Kind.CLASS && kind == ModuleIndex.MethodKind.INSTANCE) {
                            Obj fn = given(Obj.Kind.FUNCTION, attr);
                            fn.function = m;
                            return fn;
                        }
                        Obj bound = fixed(Obj.Kind.BOUND_METHOD, model.boundMethod());
                        bound.function = m;
                        bound.attrs.put("__self__", o);
                        return bound;
                    }
                }
            }
            Obj classValue = library.classAttribute(o.cls, attr);
            if (classValue != null) return classValue;
        }
        if (o.kind == Obj.Kind.MODULE) {
            Obj m = given(Obj.Kind.MODULE, pathOf(o) + "." + attr);
            return m;
        }
        if (!o.fresh && (o.kind == Obj.Kind.UNKNOWN || o.kind == Obj.Kind.INSTANCE || o.kind == Obj.Kind.CLASS)) {
            String path = pathOf(o) + "." + attr;
            Obj v = given(Obj.Kind.UNKNOWN, path);
            boolean ofItem = path.contains("[]"); // an item's attributes are sized as items are
            v.count = ofItem ? Sym.of(ITEM_CHARS) : Sym.var("len(" + path + ")");
            v.baseCount = v.count;
            v.value = ofItem ? null : Sym.var(path);
            touch(o);
            o.attrs.put(attr, v);
            return v;
        }
        return library.attributeOf(o, attr);
    }

    /**
     * A function as its decorators leave it: a module or nested decorator is called with it (a
     * wrapper comes back); lru_cache and cache give it a cache; the decorators of methods and the
     * wrapping helpers (functools.wraps) change nothing the walk needs.
     */
    Obj decorate(Obj fn, Stmt.FunctionNode def) {
        Obj result = fn;
        List<Expr> decorators = def.decoratorList();
        for (int i = decorators.size() - 1; i >= 0; i--) {
            Expr d = decorators.get(i);
            String name = Syntax.decoratorName(d);
            switch (name) {
                case "staticmethod", "classmethod", "property", "cached_property", "setter", "getter", "deleter",
                        "abstractmethod", "overload", "override", "wraps", "total_ordering", "dataclass",
                        "contextmanager", "asynccontextmanager", "final", "runtime_checkable", "singledispatch" -> { }
                case "lru_cache", "cache" -> {
                    Obj cache = fn.fresh ? make(Obj.Kind.DICT, Sym.ZERO) : given(Obj.Kind.DICT, def.name() + " cache");
                    if (!cache.fresh) {
                        cache.count = Sym.ZERO;
                        cache.baseCount = Sym.ZERO;
                    }
                    boolean bounded = !(d instanceof Expr.Call c && c.keywords().stream().anyMatch(
                            k -> "maxsize".equals(k.arg()) && k.value() instanceof Expr.Constant v && v.value() == null))
                            && !name.equals("cache");
                    result.attrs.put(bounded ? "__lru_cache__" : "__cache__", cache);
                }
                default -> {
                    Obj decorator = d instanceof Expr.Name n ? lookup(n.id()) : null;
                    Obj wrapped = decorator != null && (decorator.kind == Obj.Kind.FUNCTION || decorator.kind == Obj.Kind.CLASS)
                            && (decorator.function != null || decorator.cls != null) && canFollow()
                            ? callObject(decorator, List.of(result), Map.of(), d) : null;
                    if (wrapped != null) {
                        result = wrapped;
                    } else {
                        limit("decorator " + Interpreter.text(d) + " of " + def.name() + " at line " + d.pos().line()
                                + " not followed: calls go to the function as written");
                    }
                }
            }
        }
        return result;
    }

    private Obj function(Stmt.FunctionNode fn) {
        long free = syntax.free(fn).stream().filter(n -> lookupLocal(n) != null).count();
        Obj f = fixed(Obj.Kind.FUNCTION, model.closure(free));
        f.function = fn;
        f.closureFrame = frame();
        return f;
    }

    private Obj lookupLocal(String name) {
        for (Frame x = frame(); x != null; x = x.closure) {
            if (x.env.containsKey(name)) return x.env.get(name);
        }
        return null;
    }

    // ---- operators ----

    private Obj binOp(Expr.BinOp b) {
        Obj l = eval(b.left());
        temps.add(l);
        Obj r;
        try {
            r = eval(b.right());
        } finally {
            temps.remove(temps.size() - 1);
        }
        if (b.op() == Operator.Mult) {
            Obj seq = l != null && (l.isSequence() || l.isText()) ? l : r;
            Expr timesExpr = seq == l ? b.right() : b.left();
            Obj times = seq == l ? r : l;
            if (seq != null && seq.count != null && (seq.isSequence() || seq.isText())) {
                Sym n = scalarOf(timesExpr, times);
                if (n == null) n = Sym.var(text(timesExpr));
                Obj out = make(seq.kind == Obj.Kind.BYTEARRAY ? Obj.Kind.BYTEARRAY : seq.kind, Sym.mul(seq.count, n));
                out.fixed = seq.fixed;
                out.layout = Obj.Layout.EXACT;
                for (Obj.Group g : seq.groups) out.groups.add(g); // the same items, shared
                out.item = seq.item;
                return out;
            }
        }
        if (b.op() == Operator.Add && l != null && r != null && l.count != null && r.count != null
                && (l.kind == r.kind || l.isText() && r.isText()) && (l.isSequence() || l.isText())) {
            Obj joined = make(l.kind, Sym.add(l.count, r.count));
            joined.fixed = l.isText() ? maxWidth(l.fixed, r.fixed) : l.fixed;
            joined.concatenation = true;
            joined.groups.addAll(l.groups);
            joined.groups.addAll(r.groups);
            joined.item = l.item != null ? l.item : r.item;
            return joined;
        }
        if (b.op() == Operator.Add && l != null && r != null && (l.kind == Obj.Kind.UNKNOWN || r.kind == Obj.Kind.UNKNOWN)
                && (l.isSequence() || l.kind == Obj.Kind.UNKNOWN) && (r.isSequence() || r.kind == Obj.Kind.UNKNOWN)
                && l.count != null && r.count != null && collection(b.left(), l) && collection(b.right(), r)) {
            // two sequences given to the call (a list + a list): a new list holding the items of both
            Obj joined = make(Obj.Kind.LIST, Sym.add(l.count, r.count));
            joined.concatenation = true;
            Obj a = elementOf(l), c = elementOf(r);
            if (a != null) joined.groups.add(new Obj.Group(l.count, a));
            if (c != null && c != a) joined.groups.add(new Obj.Group(r.count, c));
            return joined;
        }
        if (b.op() == Operator.Mod && l != null && l.kind == Obj.Kind.STR) {
            return str(Sym.add(l.count == null ? Sym.of(ITEM_CHARS) : l.count, Sym.of(8)));
        }
        if (b.op() == Operator.Mod && r != null && scalarOf(b.right(), r) instanceof Sym.Const k && k.value() > 0
                && (isNumber(l) || l == null)) {
            Obj rest = k.value() <= model.smallIntMax() + 1 ? constantInt(null) : computedInt(null);
            rest.distinct = Sym.of(k.value()); // x % k takes at most k values
            return rest;
        }
        if (l != null && l.kind == Obj.Kind.FLOAT || r != null && r.kind == Obj.Kind.FLOAT || b.op() == Operator.Div) {
            return aFloat();
        }
        if (isNumber(l) || isNumber(r)) {
            Sym lv = scalarOf(b.left(), l), rv = scalarOf(b.right(), r);
            Sym value = null;
            if (lv != null && rv != null) {
                value = switch (b.op()) {
                    case Add -> Sym.add(lv, rv);
                    case Sub -> Sym.add(lv, Sym.mul(Sym.of(-1), rv));
                    case Mult -> Sym.mul(lv, rv);
                    case FloorDiv -> rv instanceof Sym.Const c && c.value() != 0 ? Sym.mul(Sym.of(1 / c.value()), lv) : null;
                    default -> null;
                };
            }
            if (value instanceof Sym.Const c && c.value() >= -5 && c.value() <= 256) return constantInt(value);
            return computedInt(value);
        }
        return null;
    }

    /** Whether a value the call was given is used as a collection here (len(x), for ... in x, x[i], x.method()). */
    private boolean collection(Expr e, Obj v) {
        if (v.kind != Obj.Kind.UNKNOWN) return v.isSequence();
        if (v.value == null) return true; // an item or attribute, never taken as a number
        Frame f = frame();
        return e instanceof Expr.Name n && f.function != null
                && (syntax.collection(f.function, n.id()) || !syntax.number(f.function, n.id()));
    }

    private static Sym maxWidth(Sym a, Sym b) {
        if (a instanceof Sym.Const x && b instanceof Sym.Const y) return Sym.of(Math.max(x.value(), y.value()));
        return a;
    }

    private static boolean isNumber(Obj o) {
        return o != null && (o.kind == Obj.Kind.INT || o.kind == Obj.Kind.BOOL || o.kind == Obj.Kind.UNKNOWN && o.value != null);
    }

    /** The value of an int expression as a formula: a parameter, len(x), a literal, a sum or product. */
    Sym scalarOf(Expr e, Obj v) {
        if (v != null && v.value != null) return v.value;
        if (e instanceof Expr.Constant c && c.value() instanceof BigInteger i) return Sym.of(i.doubleValue());
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.USub && u.operand() instanceof Expr.Constant c
                && c.value() instanceof BigInteger i) {
            return Sym.of(-i.doubleValue());
        }
        return null;
    }

    private void augAssign(Stmt.AugAssign a) {
        Obj target = eval(a.target());
        temps.add(target);
        Obj value;
        try {
            value = eval(a.value());
        } finally {
            temps.remove(temps.size() - 1);
        }
        if (target != null && target.kind == Obj.Kind.LIST && a.op() == Operator.Add) {
            extend(target, value, a.value());
            observe(Sym.ZERO);
            return;
        }
        if (target != null && (target.kind == Obj.Kind.SET || target.kind == Obj.Kind.DICT) && a.op() == Operator.BitOr) {
            extend(target, value, a.value());
            return;
        }
        if (target != null && target.kind == Obj.Kind.TEXT_BUFFER) return;
        Obj result;
        if (a.target() instanceof Expr.Name && target != null && target.count != null && value != null
                && value.count != null && (target.isText() || target.isSequence()) && a.op() == Operator.Add) {
            result = make(target.kind, Sym.add(target.count, value.count));
            result.fixed = target.isText() ? maxWidth(target.fixed, value.fixed) : target.fixed;
            result.concatenation = true;
            result.groups.addAll(target.groups);
            result.groups.addAll(value.groups);
            result.item = target.item;
        } else if (isNumber(target) || isNumber(value)) {
            Sym tv = scalarOf(a.target(), target), vv = scalarOf(a.value(), value);
            Sym sum = tv != null && vv != null && a.op() == Operator.Add ? Sym.add(tv, vv) : null;
            result = computedInt(sum);
        } else if (target != null && target.kind == Obj.Kind.FLOAT || value != null && value.kind == Obj.Kind.FLOAT) {
            result = aFloat();
        } else {
            result = target;
        }
        temps.add(result);
        observeHolding(value);
        temps.remove(temps.size() - 1);
        bind(a.target(), result);
    }

    /** Adds the items of value to a list, set or dict (extend, +=, update). */
    void extend(Obj target, Obj value, Expr valueExpr) {
        if (value != null && (value.kind == Obj.Kind.GENERATOR || value.kind == Obj.Kind.ITERATOR)) {
            produce(value, x -> grow(target, Sym.of(1), x), valueExpr);
            return;
        }
        Sym n = value == null || value.count == null ? Sym.var("len(" + text(valueExpr) + ")") : value.count;
        List<Obj.Group> groups = new ArrayList<>();
        if (value != null) groups.addAll(value.groups);
        growBy(target, n, groups, Sym.ZERO);
    }

    // ---- conditions ----

    /** Evaluates a condition; its truth when the walk knows it (None tests, constants, ints), else null. */
    Boolean test(Expr e) {
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.Not) {
            Boolean t = test(u.operand());
            return t == null ? null : !t;
        }
        if (e instanceof Expr.BoolOp b) {
            Boolean result = b.op() == BoolOperator.And;
            for (Expr x : b.values()) {
                Boolean t = test(x);
                if (b.op() == BoolOperator.And) {
                    if (Boolean.FALSE.equals(t)) return false;
                    if (t == null) result = null;
                } else {
                    if (Boolean.TRUE.equals(t)) return true;
                    if (t == null) result = null;
                }
            }
            return result;
        }
        if (e instanceof Expr.Compare c && c.comparators().size() == 1) {
            Obj l = eval(c.left());
            Obj r = eval(c.comparators().get(0));
            CmpOp op = c.ops().get(0);
            if (op == CmpOp.Is || op == CmpOp.IsNot) {
                Boolean same = null;
                if (r != null && r.kind == Obj.Kind.NONE && r.carriedFrom == null && l != null && l.carriedFrom == null) {
                    if (l.kind == Obj.Kind.NONE) same = true;
                    else if (l.fresh) same = false;
                }
                return same == null ? null : op == CmpOp.Is ? same : !same;
            }
            Sym a = scalarOf(c.left(), l), b = scalarOf(c.comparators().get(0), r);
            if (a instanceof Sym.Const x && b instanceof Sym.Const y && l != null && l.carriedFrom == null && r != null
                    && r.carriedFrom == null) {
                double p = x.value(), q = y.value();
                return switch (op) {
                    case Eq -> p == q;
                    case NotEq -> p != q;
                    case Lt -> p < q;
                    case LtE -> p <= q;
                    case Gt -> p > q;
                    case GtE -> p >= q;
                    default -> null;
                };
            }
            return null;
        }
        Obj v = eval(e);
        if (v == null || v.carriedFrom != null) return null;
        if (v.kind == Obj.Kind.NONE) return false;
        if (e instanceof Expr.Constant || v.kind == Obj.Kind.INT || v.kind == Obj.Kind.BOOL) {
            return v.value instanceof Sym.Const c ? c.value() != 0 : null;
        }
        if (v.fresh && (v.isContainer() || v.isText()) && v.count instanceof Sym.Const c && loops.isEmpty()) return c.value() > 0;
        if (v.fresh && (v.kind == Obj.Kind.INSTANCE && (v.cls == null || index.method(v.cls, "__len__") == null
                && index.method(v.cls, "__bool__") == null) || v.kind == Obj.Kind.FUNCTION || v.kind == Obj.Kind.CLASS)) {
            return true;
        }
        return null;
    }

    // ---- calls ----

    private Obj call(Expr.Call c) {
        Obj receiver = null;
        Obj callee;
        if (c.func() instanceof Expr.Attribute a) {
            receiver = eval(a.value());
            callee = null;
        } else {
            callee = eval(c.func());
        }
        temps.add(receiver);
        List<Obj> args = new ArrayList<>();
        Map<String, Obj> kwargs = new LinkedHashMap<>();
        int mark = temps.size();
        try {
            for (Expr x : c.args()) {
                Obj v = eval(x);
                if (x instanceof Expr.Starred && v != null) {
                    v = v.item != null ? v.item : elementOf(v);
                }
                args.add(v);
                temps.add(v);
            }
            for (Keyword k : c.keywords()) {
                Obj v = eval(k.value());
                if (k.arg() != null) kwargs.put(k.arg(), v);
                temps.add(v);
            }
            if (holdsTemporary(temps.subList(mark - 1, temps.size()))) {
                observe(Sym.ZERO); // arguments made for the call are alive while it runs
            }
            if (c.func() instanceof Expr.Attribute a) {
                return method(receiver, a.attr(), args, kwargs, c);
            }
            if (callee == null && c.func() instanceof Expr.Name n && lookupLocal(n.id()) == null
                    && index.classNamed(n.id()) == null && index.functionNamed(n.id()) == null && !index.isImported(n.id())) {
                return library.builtin(n.id(), args, kwargs, c);
            }
            return callObject(callee, args, kwargs, c);
        } finally {
            while (temps.size() > mark) temps.remove(temps.size() - 1);
            temps.remove(temps.size() - 1);
        }
    }

    /** Whether one of the values was made by the call and is held by no name (an argument built in place). */
    private boolean holdsTemporary(List<Obj> values) {
        for (Obj v : values) {
            if (v != null && v.fresh && (v.isContainer() || v.isText()) && !named(v)) return true;
        }
        return false;
    }

    private boolean named(Obj v) {
        for (Frame f : frames) if (f.env.containsValue(v)) return true;
        return false;
    }

    /** Calls a value: a function, bound method, class or lambda of the module, or a library callable. */
    Obj callObject(Obj callee, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        int line = where.pos().line();
        if (callee == null) {
            limit("call of " + text(where instanceof Expr.Call c ? c.func() : where) + " at line " + line + " not followed");
            return null;
        }
        switch (callee.kind) {
            case FUNCTION -> {
                if ("builtin".equals(callee.producer)) {
                    Expr.Call call = where instanceof Expr.Call c ? c : new Expr.Call(where, List.of(), List.of(), where.pos());
                    return library.builtin(pathOf(callee), args, kwargs, call.args().size() == args.size() ? call
                            : new Expr.Call(call.func(), List.of(), List.of(), where.pos()));
                }
                if (callee.lambda != null) return callLambda(callee, args, where);
                if (callee.function != null) {
                    Obj result = inline(callee.function, null, args, kwargs, where, callee.closureFrame);
                    if (result != null) remember(callee, args, result);
                    return result;
                }
            }
            case BOUND_METHOD -> {
                if (callee.function != null) return inline(callee.function, callee.attrs.get("__self__"), args, kwargs, where);
            }
            case CLASS -> {
                if (callee.cls != null && index.classNamed(callee.cls) != null) return construct(callee.cls, args, kwargs, where);
                return library.instanceOfRuntimeClass(callee, args);
            }
            case MODULE -> {
                return library.stdlib(pathOf(callee), args, kwargs, where);
            }
            case INSTANCE -> {
                Stmt.FunctionNode m = callee.cls == null ? null : index.method(callee.cls, "__call__");
                if (m != null) return inline(m, callee, args, kwargs, where);
            }
            default -> { }
        }
        if (callee.partialOf != null) {
            List<Obj> all = new ArrayList<>(callee.sources);
            all.addAll(args);
            return callObject(callee.partialOf, all, kwargs, where);
        }
        limit("call of " + text(where instanceof Expr.Call c ? c.func() : where) + " at line " + line + " not followed");
        return null;
    }

    /** A call of a function with a cache (lru_cache, cache) keeps its result under its arguments. */
    private void remember(Obj fn, List<Obj> args, Obj result) {
        Obj cache = fn.attrs.get("__cache__");
        boolean bounded = cache == null;
        if (bounded) cache = fn.attrs.get("__lru_cache__");
        if (cache == null) return;
        Obj key = args.size() == 1 && args.get(0) != null && (args.get(0).kind == Obj.Kind.INT || args.get(0).kind == Obj.Kind.STR)
                ? args.get(0) : tuple(new ArrayList<>(args));
        List<Obj.Group> groups = new ArrayList<>();
        groups.add(new Obj.Group(Sym.of(1), key));
        if (result != null) groups.add(new Obj.Group(Sym.of(1), result));
        if (bounded) groups.add(new Obj.Group(Sym.of(1), make(Obj.Kind.LIST, Sym.of(4)))); // the entry's link
        addKey(cache, key, null, groups);
    }

    private Obj callLambda(Obj fn, List<Obj> args, Expr where) {
        Expr.Lambda l = fn.lambda;
        Map<String, Obj> env = new LinkedHashMap<>();
        List<Arg> params = new ArrayList<>(l.args().posonlyargs());
        params.addAll(l.args().args());
        for (int i = 0; i < params.size(); i++) env.put(params.get(i).arg(), i < args.size() ? args.get(i) : null);
        Frame f = new Frame(null, env, fn.closureFrame, clock);
        frames.push(f);
        try {
            return eval(l.body());
        } finally {
            frames.pop();
        }
    }

    /** A method call: the module's classes' methods, then the library's models of builtin types. */
    Obj method(Obj receiver, String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call where) {
        if (receiver == null) {
            limit("call of " + text(where.func()) + " at line " + where.pos().line() + " not followed");
            return null;
        }
        if (receiver.attrs.containsKey(name)) {
            return callObject(receiver.attrs.get(name), args, kwargs, where);
        }
        if (receiver.kind == Obj.Kind.UNKNOWN && receiver.cls == null && !Library.isBuiltinMethodName(name)) {
            String cls = onlyClassWith(name);
            if (cls != null) {
                touch(receiver);
                receiver.cls = cls;
                limit("receiver of " + text(where.func()) + " at line " + where.pos().line() + " taken as a " + cls
                        + " (the only class with " + name + ")");
            }
        }
        if (receiver.cls != null && index.classNamed(receiver.cls) != null
                && (receiver.kind == Obj.Kind.INSTANCE || receiver.kind == Obj.Kind.CLASS || receiver.kind == Obj.Kind.UNKNOWN
                || receiver.kind == Obj.Kind.EXCEPTION)) {
            Stmt.FunctionNode m = index.method(receiver.cls, name);
            if (m != null) {
                ModuleIndex.MethodKind kind = ModuleIndex.kindOf(m);
                if (kind == ModuleIndex.MethodKind.STATIC) return inline(m, null, args, kwargs, where);
                if (receiver.kind == Obj.Kind.CLASS && kind == ModuleIndex.MethodKind.INSTANCE) {
                    List<Obj> all = new ArrayList<>(args);
                    Obj self = all.isEmpty() ? null : all.remove(0);
                    return inline(m, self, all, kwargs, where);
                }
                if (kind == ModuleIndex.MethodKind.CLASS) {
                    Obj cls = given(Obj.Kind.CLASS, receiver.cls);
                    cls.cls = receiver.cls;
                    return inline(m, cls, args, kwargs, where);
                }
                Obj attr = kind == ModuleIndex.MethodKind.PROPERTY ? attribute(receiver, name, where) : null;
                if (attr != null) return callObject(attr, args, kwargs, where);
                return inline(m, receiver, args, kwargs, where);
            }
            Obj classValue = library.classAttribute(receiver.cls, name);
            if (classValue != null) return callObject(classValue, args, kwargs, where);
        }
        if (receiver.kind == Obj.Kind.MODULE) {
            return library.stdlib(pathOf(receiver) + "." + name, args, kwargs, where);
        }
        return library.method(receiver, name, args, kwargs, where);
    }

    /** The one module class defining a method of that name, else null. */
    private String onlyClassWith(String name) {
        String found = null;
        for (ModuleIndex.ClassInfo c : index.classes().values()) {
            if (c.methods().containsKey(name)) {
                if (found != null) return null;
                found = c.name();
            }
        }
        return found;
    }

    /** An instance of a module class, made by its __init__ (or as a dataclass or exception). */
    Obj construct(String clsName, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        ModuleIndex.ClassInfo cls = index.classNamed(clsName);
        Obj inst = make(library.isExceptionClass(cls) ? Obj.Kind.EXCEPTION : Obj.Kind.INSTANCE, null);
        inst.cls = clsName;
        if (inst.kind == Obj.Kind.EXCEPTION) library.initException(inst, args);
        temps.add(inst);
        try {
            Stmt.FunctionNode init = index.method(clsName, "__init__");
            if (init != null) {
                inline(init, inst, args, kwargs, where);
            } else if (library.isDataclass(cls)) {
                library.initDataclass(inst, cls, args, kwargs);
            } else if (!cls.onlyKnownBases() && inst.kind != Obj.Kind.EXCEPTION) {
                limit("constructor of " + clsName + " at line " + where.pos().line() + " (a class of unknown bases) not followed");
            }
        } finally {
            temps.remove(inst);
        }
        return inst;
    }

    Obj inline(Stmt.FunctionNode fn, Obj self, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        return inline(fn, self, args, kwargs, where, null);
    }

    /**
     * Follows a call into a function of the module: its parameters bound to the caller's objects,
     * its body walked in a frame of its own; returns what it returns. A generator function returns
     * a generator holding its arguments, walked when something iterates it.
     */
    Obj inline(Stmt.FunctionNode fn, Obj self, List<Obj> args, Map<String, Obj> kwargs, Expr where, Frame closure) {
        String name = fn.name();
        if (!canFollow() || recursion(fn) >= MAX_RECURSION) {
            limit("call of " + name + " at line " + where.pos().line() + " not followed ("
                    + (recursion(fn) >= MAX_RECURSION ? "recursion" : "too deep") + ")");
            return null;
        }
        List<Obj> actual = new ArrayList<>(args);
        if (self != null) actual.add(self);
        actual.addAll(kwargs.values());
        if (recursion(fn) > 0 && !progresses(actual)) {
            limit("recursive call of " + name + " at line " + where.pos().line()
                    + " not followed: its depth depends on the data it is given");
            return null;
        }
        Map<String, Obj> env = bindParameters(fn, self, args, kwargs);
        boolean generator = syntax.isGenerator(fn) || fn instanceof Stmt.AsyncFunctionDef;
        if (generator) {
            Obj gen = fixed(Obj.Kind.GENERATOR, model.generator(syntax.slots(fn)));
            gen.function = fn;
            gen.frame = env;
            return gen;
        }
        Frame f = new Frame(fn, env, closure, clock);
        frames.push(f);
        Obj result;
        try {
            block(fn.body());
            result = f.returned == null ? none() : f.returned;
            if (f.flow == Flow.RAISE && f.returned == null) result = null;
        } finally {
            frames.pop();
        }
        dropCallGarbage(f, result);
        return result;
    }

    /** Objects the callee made that are in a cycle and that nothing alive holds: garbage from now on. */
    private void dropCallGarbage(Frame f, Obj result) {
        if (!peaks) return;
        boolean any = false;
        for (Obj o : f.env.values()) {
            if (o != null && o.cyclic && o.fresh && o.born >= f.stamp && !o.garbage) any = true;
        }
        if (!any) return;
        List<Obj> keepers = new ArrayList<>(roots());
        keepers.add(result);
        Set<Obj> kept = footprint.reachable(keepers, o -> false);
        List<Obj> dropped = new ArrayList<>();
        for (Obj o : f.env.values()) collectDropped(o, f.stamp, kept, dropped);
        if (dropped.isEmpty()) return;
        Sym bytes = footprint.of(dropped, kept::contains);
        Loop l = loops.peek();
        if (l == null) garbage = Sym.add(garbage, bytes);
        else l.garbage = Sym.add(l.garbage, bytes);
    }

    private Map<String, Obj> bindParameters(Stmt.FunctionNode fn, Obj self, List<Obj> args, Map<String, Obj> kwargs) {
        var a = fn.args();
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        List<Obj> actual = new ArrayList<>();
        if (self != null) actual.add(self);
        actual.addAll(args);
        Map<String, Obj> env = new LinkedHashMap<>();
        int firstDefault = positional.size() - a.defaults().size();
        for (int i = 0; i < positional.size(); i++) {
            String p = positional.get(i).arg();
            if (i < actual.size()) env.put(p, actual.get(i));
            else if (kwargs.containsKey(p)) env.put(p, kwargs.get(p));
            else if (i >= firstDefault) env.put(p, defaultValue(a.defaults().get(i - firstDefault)));
            else env.put(p, null);
        }
        if (a.vararg() != null) {
            List<Obj> rest = actual.size() > positional.size() ? actual.subList(positional.size(), actual.size()) : List.of();
            Obj tuple = tuple(new ArrayList<>(rest));
            env.put(a.vararg().arg(), tuple);
        }
        for (int i = 0; i < a.kwonlyargs().size(); i++) {
            String p = a.kwonlyargs().get(i).arg();
            Expr d = a.kwDefaults().get(i);
            env.put(p, kwargs.containsKey(p) ? kwargs.get(p) : d == null ? null : defaultValue(d));
        }
        if (a.kwarg() != null) {
            Obj dict = make(Obj.Kind.DICT, Sym.ZERO);
            dict.strKeys = true;
            for (var e : kwargs.entrySet()) {
                if (!env.containsKey(e.getKey())) {
                    dict.count = Sym.add(dict.count, Sym.of(1));
                    if (e.getValue() != null) dict.groups.add(new Obj.Group(Sym.of(1), e.getValue()));
                }
            }
            env.put(a.kwarg().arg(), dict);
        }
        return env;
    }

    /** A default value: evaluated once, with the module, so never the call's own bytes. */
    private Obj defaultValue(Expr d) {
        if (d instanceof Expr.Constant c) return constant(c);
        if (d instanceof Expr.Name n) return global(n.id());
        return null;
    }

    static String text(Expr e) {
        if (e instanceof Expr.Name n) return n.id();
        if (e instanceof Expr.Attribute a) return text(a.value()) + "." + a.attr();
        if (e instanceof Expr.Call c) return text(c.func()) + "()";
        if (e instanceof Expr.Subscript s) return text(s.value()) + "[]";
        if (e instanceof Expr.Constant c && c.value() instanceof String s) {
            return "'" + (s.length() > 12 ? s.substring(0, 12) + "…" : s).replace("\n", "\\n") + "'";
        }
        if (e instanceof Expr.Constant c) return String.valueOf(c.value());
        return "expression at line " + e.pos().line();
    }

    Collection<Obj> envValues() {
        return frame().env.values();
    }
}
