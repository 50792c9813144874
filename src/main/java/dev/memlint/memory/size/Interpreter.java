package dev.memlint.memory.size;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
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
    static final double SMALL = 10, LARGE = 100_000, MIDDLE = 1000;

    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
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
        /** The frame object CPython makes for this call once a traceback names it (null: none yet). */
        Obj frameObject;
        /** A recursive call on a part of the data this loop walks: the loop counts its iterations (see Loops). */
        Loop countedBy;
        /** The cells of its names that functions made in it read (CPython's closure cells), by name. */
        final Map<String, Obj> cells = new LinkedHashMap<>();

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
        Map<Obj, Delta> deltas = new LinkedHashMap<>();
        /** What paths that leave the loop by break add to older objects: once per run of the loop, not per trip. */
        Map<Obj, Delta> once = new LinkedHashMap<>();
        final Set<Obj> local = Footprint.identitySet();
        /** Whence the element's own parts were made (see Loops.loop); MIN_VALUE with no element. */
        long partsSince = Long.MIN_VALUE;
        final List<Sym> candidates = new ArrayList<>();
        /** Cyclic garbage one iteration leaves (uncapped), the collector's cap on it, tracked objects it keeps. */
        Sym garbage = Sym.ZERO;
        Sym cap;
        double tracked;
        Sym held = Sym.ZERO;
        /** A container the loop pops as it pushes: what one iteration adds is all it holds at once. */
        Obj worklist;
        /** The attribute a while loop steps to its bound (null: none): a loop inside it on the same cursor shares its steps. */
        TripCounts.Cursor cursor;
        /** The given data the loop walks (null: none, or made by the call). */
        Obj data;
        /** Its body calls back into the recursion on an item: it runs once per node of data, at every level. */
        boolean walksNodes;
        /** It walks a part of data an outer recursive loop counts all nodes of: no iterations of its own. */
        boolean counted;

        Loop(long stamp, String var) {
            this.stamp = stamp;
            this.var = var;
        }
    }

    /**
     * A try statement whose body is being walked: what the objects it touched, its frame's names and
     * its loop's growth were when the body last raised, which is where its handlers start.
     */
    static final class TryBody {
        final Log log;
        final Frame frame;
        final Loop loop;
        /** At the last raise (null: none yet, or one inside a loop of the body, which the handlers cannot start in). */
        Map<Obj, Obj.State> states;
        Map<String, Obj> env;
        Map<Obj, Delta> deltas, once;

        TryBody(Log log, Frame frame, Loop loop) {
            this.log = log;
            this.frame = frame;
            this.loop = loop;
        }
    }

    /** States of the objects a branch touched, as they were before it. */
    static final class Log {
        final long stamp;
        final Map<Obj, Obj.State> before = new LinkedHashMap<>();
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
    final Map<String, Obj> globals = new HashMap<>();
    final Map<String, Expr> moduleValues;
    /** Those of the module's containers that code run at import fills (see ImportTimeFills). */
    final Set<String> filledAtImport;
    /** Those of them only decorators fill, and module objects set up by calls of their methods: what import runs for them. */
    final Map<String, List<Stmt>> filledByDecorators;

    /** The parts of the walk, one concept each. */
    final Statements statements;
    final RegionWalker walker;
    final Branches branches;
    final TripCounts tripCounts;
    final Iterables iterables;
    final Loops looping;
    final Containers containers;
    final Bindings bindings;
    final Scopes scopes;
    final Expressions expressions;
    final Operators operators;
    final Conditions conditions;
    final Calls calls;
    /** The models of the library, one kind of object or function each. */
    final Builtins builtins;
    final Exceptions exceptions;
    final Classes classes;
    final Stdlib stdlib;
    final Methods methods;
    final Texts texts;
    final Patterns patterns;
    final Files files;
    final Producers producers;
    final Documents documents;

    /** The state of the walk. */
    long clock;
    /** Where print writes while a with block redirects stdout (contextlib.redirect_stdout); null: not traced. */
    Obj stdout;
    int steps;
    final Deque<Frame> frames = new ArrayDeque<>();
    final Deque<Loop> loops = new ArrayDeque<>();
    final List<Obj> temps = new ArrayList<>();
    final Deque<Log> logs = new ArrayDeque<>();
    /** The try bodies being walked, innermost first. */
    final Deque<TryBody> tryBodies = new ArrayDeque<>();
    final List<Sym> candidates = new ArrayList<>();
    /** Objects in a cycle made on the paths the walk keeps, bound to a name or not (a temporary is garbage too). */
    final List<Obj> cyclicMade = new ArrayList<>();
    /** Cyclic garbage outside any loop, and the collector's cap on it. */
    Sym garbage = Sym.ZERO;
    Sym garbageCap;
    final Set<String> limits = new LinkedHashSet<>();
    /** False when only quadratic churn is asked for (MEM702): no peak is computed. */
    boolean peaks = true;
    boolean quadratic;
    String churnSymbol;
    Obj lastRaised;
    int lastRaisedDepth;
    /** The frames lastRaised went through, from the raise outwards. */
    List<Frame> lastRaisedFrames = List.of();
    /** The exceptions the except clauses being walked handle, innermost first: a raise there chains to it. */
    final Deque<Obj> handling = new ArrayDeque<>();
    /** On what share of the runs lastRaised is raised, where the conditions around the raise tell (NaN: not known). */
    double raisedShare = Double.NaN;

    Interpreter(SizeModel model, ModuleIndex index, CollectorMode mode, Set<Object> cyclicNodes,
                Map<Stmt.FunctionNode, String> ownerClass, Map<String, Expr> moduleValues, Set<String> filledAtImport,
                Map<String, List<Stmt>> filledByDecorators, Syntax syntax) {
        this.filledByDecorators = filledByDecorators;
        this.syntax = syntax;
        this.moduleValues = moduleValues;
        this.filledAtImport = filledAtImport;
        this.model = model;
        this.index = index;
        this.mode = mode;
        this.cyclicNodes = cyclicNodes;
        this.ownerClass = ownerClass;
        this.footprint = new Footprint(model, index);
        this.library = new Library(this);
        this.statements = new Statements(this);
        this.walker = new RegionWalker(this);
        this.branches = new Branches(this);
        this.tripCounts = new TripCounts(this);
        this.iterables = new Iterables(this);
        this.looping = new Loops(this);
        this.containers = new Containers(this);
        this.bindings = new Bindings(this);
        this.scopes = new Scopes(this);
        this.expressions = new Expressions(this);
        this.operators = new Operators(this);
        this.conditions = new Conditions(this);
        this.calls = new Calls(this);
        this.builtins = new Builtins(this);
        this.exceptions = new Exceptions(this);
        this.classes = new Classes(this);
        this.stdlib = new Stdlib(this);
        this.methods = new Methods(this);
        this.texts = new Texts(this);
        this.patterns = new Patterns(this);
        this.files = new Files(this);
        this.producers = new Producers(this);
        this.documents = new Documents(this);
    }

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
                param.nodes = Sym.var("nested(" + p + ")"); // an object's items are all in its attributes
            } else {
                param = defaultObject(fn, p);
                if (param == null && textParameter(fn, p)) {
                    param = given(Obj.Kind.STR, p);
                    param.count = Sym.var("len(" + p + ")");
                    param.baseCount = param.count;
                    param.fixed = Sym.of(1);
                    limit("parameter " + p + ": taken as a str (its " + (TEXT_NAMES.contains(p) ? "name" : "annotation") + ")");
                }
                if (param == null) {
                    param = given(Obj.Kind.UNKNOWN, p);
                    param.count = Sym.var("len(" + p + ")");
                    param.baseCount = param.count;
                    param.value = Sym.var(p);
                    param.nodes = nestedData(param.count, p);
                    param.containerShare = Sym.div(Sym.var("containers(" + p + ")"), param.nodes);
                }
            }
            env.put(p, param);
        }
        Frame frame = new Frame(fn, env, null, clock);
        frames.push(frame);
        walker.function(fn); // for a generator: what iterating it to the end holds
        frames.pop();
        observeAt(candidates, Sym.ZERO, null);
        Sym retained = frame.returned == null ? Sym.ZERO
                : footprint.of(List.of(frame.returned), o -> false);
        return new Result(largest(candidates), retained, quadratic, churnSymbol, List.copyOf(limits));
    }

    /** Parameter names that say the argument is one text (its items are characters, not words or lines). */
    private static final Set<String> TEXT_NAMES = Set.of("text", "line", "word", "string");

    /** A parameter annotated str, or named as one text is: iterated, sliced and indexed as a str is. */
    private static boolean textParameter(Stmt.FunctionNode fn, String name) {
        List<Arg> all = new ArrayList<>(fn.args().posonlyargs());
        all.addAll(fn.args().args());
        all.addAll(fn.args().kwonlyargs());
        for (Arg a : all) {
            if (a.arg().equals(name)) {
                if (a.annotation() != null) return a.annotation() instanceof Expr.Name n && n.id().equals("str");
                return TEXT_NAMES.contains(name);
            }
        }
        return false;
    }

    /**
     * Given data's items at every level: its own count of them, and those nested in them at every
     * level below, nested(path), a symbol of its own (a flat list has none).
     */
    static Sym nestedData(Sym count, String path) {
        return Sym.add(count, Sym.var("nested(" + path + ")"));
    }

    /**
     * A parameter whose default is a module class or function, or an int (a batch size, a limit):
     * the estimate assumes the default.
     */
    private Obj defaultObject(Stmt.FunctionNode fn, String name) {
        var a = fn.args();
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        int firstDefault = positional.size() - a.defaults().size();
        for (int i = firstDefault; i < positional.size(); i++) {
            if (positional.get(i).arg().equals(name)) return assumedDefault(a.defaults().get(i - firstDefault));
        }
        for (int i = 0; i < a.kwonlyargs().size(); i++) {
            if (a.kwonlyargs().get(i).arg().equals(name) && a.kwDefaults().get(i) != null) return assumedDefault(a.kwDefaults().get(i));
        }
        return null;
    }

    private Obj assumedDefault(Expr d) {
        if (d instanceof Expr.Name n && (index.classNamed(n.id()) != null || index.functionNamed(n.id()) != null)) {
            return scopes.global(n.id());
        }
        if (d instanceof Expr.Constant c && c.value() instanceof BigInteger) return expressions.constant(c);
        return null;
    }

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

    /**
     * Records an object's state before the walk puts back one it had earlier (a handler starting
     * where the try's body raised): undone after the path, but not the path's own change, so the
     * state another path leaves the object in (the body run to its end) is kept over it.
     */
    void touchToPutBack(Obj o) {
        if (o == null) return;
        for (Log l : logs) if (o.born < l.stamp && !l.before.containsKey(o)) l.before.put(o, o.save());
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

    Frame frame() {
        return frames.peek();
    }

    List<Obj> roots() {
        List<Obj> roots = new ArrayList<>();
        for (Frame f : frames) {
            roots.addAll(f.env.values());
            // a running call's frame object, once made (f_back, a traceback), lives until the call returns
            if (f.frameObject != null) roots.add(f.frameObject);
        }
        roots.addAll(temps);
        return roots;
    }

    /** Whether o existed before the innermost loop's iteration (and is not the element it walks). */
    boolean external(Obj o) {
        Loop l = loops.peek();
        return l != null && o.born < l.stamp && o.made < l.stamp && !l.local.contains(o);
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

    void observeAt(List<Sym> into, Sym extra, Loop l) {
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

    /** As weight, leaving out what the call already holds: a parameter or a name's value adds nothing. */
    double addedWeight(Obj o) {
        if (o == null || !peaks) return 0;
        Set<Obj> held = footprint.reachable(roots(), x -> false);
        Double w = sample(footprint.of(List.of(o), held::contains), MIDDLE);
        return w == null ? 0 : w;
    }

    /** A peak candidate with v alive too (a value made by the statement, not yet dropped). */
    void observeHolding(Obj v) {
        observeHolding(v, Sym.ZERO);
    }

    /** A peak candidate with v alive and extra bytes allocated on top (what making v allocated and let go). */
    void observeHolding(Obj v, Sym extra) {
        if (!peaks || v == null) {
            observe(extra);
            return;
        }
        temps.add(v);
        try {
            observe(extra);
        } finally {
            temps.remove(temps.size() - 1);
        }
    }

    int recursion(Stmt.FunctionNode fn) {
        int n = 0;
        for (Frame f : frames) if (f.function == fn) n++;
        return n;
    }

    Obj constantBool() {
        return new Obj(Obj.Kind.BOOL, null, false, -1);
    }

    Obj constantStr(long length) {
        Obj s = new Obj(Obj.Kind.STR, Sym.of(length), false, clock++);
        s.fixed = Sym.of(1);
        return s;
    }

    String pathOf(Obj o) {
        return o.path != null ? o.path : "?";
    }

    /** A short name for an expression, in limits and symbols; "item" for a value no expression names (map(list, rows)). */
    static String text(Expr e) {
        if (e == null) return "item";
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
