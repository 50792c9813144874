package dev.memlint.memory.provenance;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.Blocks;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The size provenance of the values of one module (see {@link Provenance}): for an expression, how
 * large the value it makes can be, followed through names (every binding of a name, and what the
 * function appends to it in loops), parameters ({@link ParameterSizes}), the module's own functions
 * (what they return or yield) and input reads ({@link InputSources}). Flow-insensitive: a name is as
 * large as the largest value any of its bindings gives it. Answers are computed on demand and kept.
 */
public final class SizeProvenance {
    /** Builtins whose result has as many items as their (only) argument. */
    private static final Set<String> SAME_SIZE_BUILTINS = Set.of("list", "tuple", "set", "frozenset", "sorted",
            "reversed", "iter", "enumerate", "dict", "len", "repr", "ascii", "bytes", "bytearray", "memoryview", "str",
            "map");
    /** Methods whose result is no larger than the receiver (str, bytes, list and dict methods). */
    private static final Set<String> SAME_SIZE_METHODS = Set.of("strip", "lstrip", "rstrip", "lower", "upper",
            "casefold", "title", "capitalize", "swapcase", "encode", "decode", "replace", "expandtabs", "copy",
            "keys", "values", "items", "splitlines", "translate", "removeprefix", "removesuffix", "hex", "tobytes",
            "tolist", "ljust", "rjust", "center", "zfill");
    /** Methods of a container that add to it: {@code out.append(x)} grows out by one per call. */
    private static final Set<String> ADDING_METHODS = Set.of("append", "add", "insert", "appendleft", "setdefault");
    private static final Set<String> EXTENDING_METHODS = Set.of("extend", "update", "extendleft", "write");

    /** The module this thread checks last: every rule of one file asks about the same one. */
    private static final ThreadLocal<SizeProvenance> LAST = new ThreadLocal<>();

    private final SemanticModel model;
    private final ParameterSizes parameters;
    private final LoopTrips loops;
    /** One table per question (sizes, trips, elements): a comprehension has both a size and trips. */
    private final Question sizes = new Question();
    private final Question trips = new Question();
    private final Question elements = new Question();
    private final Question symbols = new Question();
    private final Question functions = new Question();
    /** How many questions are being worked out now, across the tables. */
    private int depth;
    /** How many times an answer in progress was guessed (see {@link #guarded}). */
    private int guesses;
    /** Chains of names deeper than this are not followed (they are unknown): the stack stays small. */
    private static final int MAX_DEPTH = 100;

    private SizeProvenance(SemanticModel model) {
        this.model = model;
        this.parameters = new ParameterSizes(model, this);
        this.loops = new LoopTrips(model, this);
    }

    public static SizeProvenance of(SemanticModel model) {
        SizeProvenance last = LAST.get();
        if (last == null || last.model != model) {
            last = new SizeProvenance(model);
            LAST.set(last);
        }
        return last;
    }

    /** Drops this thread's cached answers, which hold their model: call when done with the file. */
    public static void forgetLast() {
        LAST.remove();
    }

    /** How large the value of e can be: its item count, length, or (for an int) magnitude. */
    public Provenance size(Expr e) {
        if (e == null) return Provenance.constant(0);
        return guarded(sizes, e, () -> computeSize(e));
    }

    /** How many times a loop's body runs per run of the loop (for, while, or comprehension). */
    public Provenance trips(Located loop) {
        return guarded(trips, loop, () -> loops.of(loop));
    }

    /**
     * How many times the node runs per call of its function: the product of its enclosing loops'
     * trips, except a loop the node leaves right after running (a break, return or raise follows
     * it in its block): that loop runs it once.
     */
    public Provenance timesRun(Node node) {
        Provenance total = Provenance.constant(1);
        for (Located loop = model.enclosingLoop(node); loop != null; loop = model.enclosingLoop(loop)) {
            if (!leavesAfter(node, loop)) total = total.times(trips(loop));
            node = loop;
        }
        return total;
    }

    /** Whether a break, return or raise follows the node's statement in some block between it and the loop. */
    private boolean leavesAfter(Node node, Located loop) {
        if (!(loop instanceof Stmt)) return false; // nothing leaves a comprehension early
        Stmt stmt = model.statementOf(node);
        for (Node child = stmt; child != null && child != loop; child = model.parent(child)) {
            Node parent = model.parent(child);
            if (!(child instanceof Stmt s)) continue;
            for (java.util.List<Stmt> block : Blocks.of(parent)) {
                int i = indexOf(block, s);
                if (i < 0) continue;
                for (Stmt after : block.subList(i + 1, block.size())) {
                    if (after instanceof Stmt.Break || after instanceof Stmt.Return || after instanceof Stmt.Raise) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int indexOf(java.util.List<Stmt> block, Stmt s) {
        for (int i = 0; i < block.size(); i++) if (block.get(i) == s) return i;
        return -1;
    }

    /** How large one item of an iterable can be. */
    public Provenance element(Expr iterable) {
        if (iterable instanceof Expr.ListExpr || iterable instanceof Expr.TupleExpr || iterable instanceof Expr.SetExpr) {
            Provenance p = Provenance.constant(0);
            java.util.List<Node> items = new java.util.ArrayList<>();
            NodeChildren.forEach(iterable, items::add);
            for (Node x : items) {
                if (x instanceof Expr item) p = p.join(item instanceof Expr.Starred s ? element(s.value()) : size(item));
            }
            return p;
        }
        if (iterable instanceof Expr.Call c && model.isBuiltin(c.func(), "range")) return size(c);
        if (iterable instanceof Expr.ListComp l) return size(l.elt());
        if (iterable instanceof Expr.GeneratorExp g) return size(g.elt());
        if (iterable instanceof Expr.SetComp s) return size(s.elt());
        if (iterable instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                && Set.of("split", "rsplit", "splitlines", "partition", "rpartition").contains(a.attr())) {
            return size(a.value()).atMost();
        }
        if (iterable instanceof Expr.Call c && c.args().size() == 1 && c.func() instanceof Expr.Name n
                && Set.of("sorted", "list", "tuple", "reversed", "set", "frozenset", "iter").contains(n.id())
                && model.isBuiltin(n, n.id())) {
            return element(c.args().get(0));
        }
        if (iterable instanceof Expr.Name n && model.symbol(n) != null) {
            Symbol s = model.symbol(n);
            return guarded(elements, s, () -> elementOfSymbol(s));
        }
        Provenance whole = size(iterable);
        return whole.kind() == Provenance.Kind.INPUT ? whole : Provenance.UNKNOWN;
    }

    private Provenance elementOfSymbol(Symbol s) {
        Provenance p = Provenance.constant(0);
        boolean any = false;
        for (Binding b : s.bindings()) {
            if (b.kind() == Binding.Kind.ASSIGNMENT && b.value() != null) {
                p = p.join(element(b.value()));
                any = true;
            } else if (b.kind() != Binding.Kind.ANNOTATION && b.kind() != Binding.Kind.DELETION) {
                Provenance whole = ofSymbol(s);
                return whole.kind() == Provenance.Kind.INPUT ? whole : Provenance.UNKNOWN;
            }
        }
        for (Expr.Name use : s.uses()) {
            if (model.parent(use) instanceof Expr.Attribute a && ADDING_METHODS.contains(a.attr())
                    && model.parent(a) instanceof Expr.Call c && c.func() == a && !c.args().isEmpty()) {
                p = p.join(size(c.args().get(c.args().size() - 1)));
            }
        }
        return any ? p : Provenance.UNKNOWN;
    }

    /** How large a name's value can be: the join of its bindings plus what loops add to it. */
    public Provenance ofSymbol(Symbol s) {
        if (s == null) return Provenance.UNKNOWN;
        return guarded(symbols, s, () -> computeSymbol(s));
    }

    /**
     * Computes once what key stands for. A key met again while it is being computed answers the
     * least size (0): a name that grows from itself is as large as what is added to it. Answers
     * that relied on such a guess are kept only once the outermost question is answered.
     */
    private Provenance guarded(Question q, Object key, java.util.function.Supplier<Provenance> compute) {
        Provenance p = q.known.get(key);
        if (p != null) return p;
        if (q.inProgress.containsKey(key)) {
            guesses++;
            return Provenance.constant(0);
        }
        if (depth > MAX_DEPTH) return Provenance.UNKNOWN;
        int before = guesses;
        q.inProgress.put(key, Boolean.TRUE);
        depth++;
        try {
            p = compute.get();
        } finally {
            q.inProgress.remove(key);
            depth--;
        }
        if (guesses == before || depth == 0) q.known.put(key, p);
        return p;
    }

    /** The answers to one kind of question, by node or symbol identity. */
    private static final class Question {
        final Map<Object, Provenance> known = new IdentityHashMap<>();
        final Map<Object, Boolean> inProgress = new IdentityHashMap<>();
    }

    private Provenance computeSymbol(Symbol s) {
        Provenance p = Provenance.constant(0);
        for (Binding b : s.bindings()) p = p.join(ofBinding(b));
        for (Expr.Name use : s.uses()) {
            Provenance added = addedBy(use);
            if (added != null) p = p.plus(added.times(timesRun(use)));
        }
        return p;
    }

    /** What one use adds to the name's container ({@code names.append(x)}: one item), or null. */
    private Provenance addedBy(Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Expr.Attribute a && a.value() == use && model.parent(a) instanceof Expr.Call c
                && c.func() == a) {
            if (ADDING_METHODS.contains(a.attr())) return Provenance.constant(1);
            if (EXTENDING_METHODS.contains(a.attr()) && !c.args().isEmpty()) return size(c.args().get(0));
        }
        if (parent instanceof Expr.Subscript sub && sub.value() == use && sub.ctx() == dev.memlint.ast.Ctx.Store) {
            return Provenance.constant(1);
        }
        return null;
    }

    private Provenance ofBinding(Binding b) {
        return switch (b.kind()) {
            case ASSIGNMENT, NAMED_EXPR -> b.value() != null ? size(b.value()) : unpacked(b);
            case AUG_ASSIGNMENT -> b.value() == null ? Provenance.UNKNOWN : size(b.value()).times(timesRun(b.node()));
            case PARAMETER -> parameters.of(b);
            case LOOP_TARGET, COMPREHENSION_TARGET -> loopTarget(b);
            case WITH_TARGET -> b.value() != null ? size(b.value()) : Provenance.UNKNOWN;
            case ANNOTATION, DELETION, FUNCTION, CLASS -> Provenance.constant(0);
            default -> Provenance.UNKNOWN;
        };
    }

    /** a, b = value: each name is at most one item of the value. */
    private Provenance unpacked(Binding b) {
        if (b.node() instanceof Stmt.Assign a) return element(a.value());
        if (b.node() instanceof Stmt.AnnAssign a && a.value() != null) return size(a.value());
        return Provenance.UNKNOWN;
    }

    /** A for or comprehension target: an item of the iterable, or the part of one it unpacks. */
    private Provenance loopTarget(Binding b) {
        Expr target;
        Expr iter;
        if (b.node() instanceof Stmt.ForNode f) {
            target = f.target();
            iter = f.iter();
        } else {
            Comprehension g = generatorBinding(b);
            if (g == null) return Provenance.UNKNOWN;
            target = g.target();
            iter = g.iter();
        }
        if (target == b.target()) return element(iter);
        if (target instanceof Expr.TupleExpr t && iter instanceof Expr.Call c) {
            int i = indexOf(t, b.target());
            if (i >= 0 && model.isBuiltin(c.func(), "enumerate") && !c.args().isEmpty()) {
                return i == 0 ? size(c.args().get(0)) : element(c.args().get(0));
            }
            if (i >= 0 && model.isBuiltin(c.func(), "zip") && i < c.args().size()) return element(c.args().get(i));
        }
        return element(iter);
    }

    private Comprehension generatorBinding(Binding b) {
        Comprehension[] found = {null};
        NodeChildren.forEach(b.node(), child -> {
            if (child instanceof Comprehension g && contains(g.target(), b.target())) found[0] = g;
        });
        return found[0];
    }

    private static boolean contains(Node root, Node wanted) {
        boolean[] found = {false};
        NodeChildren.walk(root, n -> { if (n == wanted) found[0] = true; });
        return found[0];
    }

    private static int indexOf(Expr.TupleExpr t, Located x) {
        for (int i = 0; i < t.elts().size(); i++) if (t.elts().get(i) == x) return i;
        return -1;
    }

    private Provenance computeSize(Expr e) {
        Provenance input = InputSources.of(model, e);
        if (input != null) return input;
        if (e instanceof Expr.Constant k) return constantSize(k);
        if (e instanceof Expr.JoinedStr j) return sum(j.values());
        if (e instanceof Expr.FormattedValue f) return size(f.value());
        if (e instanceof Expr.ListExpr l) return display(l.elts());
        if (e instanceof Expr.TupleExpr t) return display(t.elts());
        if (e instanceof Expr.SetExpr s) return display(s.elts());
        if (e instanceof Expr.DictExpr d) return dictDisplay(d);
        if (e instanceof Expr.ListComp l) return comprehension(l.generators());
        if (e instanceof Expr.SetComp s) return comprehension(s.generators());
        if (e instanceof Expr.DictComp d) return comprehension(d.generators());
        if (e instanceof Expr.GeneratorExp g) return comprehension(g.generators());
        if (e instanceof Expr.Name n) return ofSymbol(model.symbol(n));
        if (e instanceof Expr.NamedExpr n) return size(n.value());
        if (e instanceof Expr.Starred s) return size(s.value());
        if (e instanceof Expr.UnaryOp u) return size(u.operand());
        if (e instanceof Expr.BoolOp b) return joinAll(b.values());
        if (e instanceof Expr.IfExp i) return size(i.body()).join(size(i.orelse()));
        if (e instanceof Expr.BinOp b) return binOp(b);
        if (e instanceof Expr.Subscript s) return subscript(s);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Compare || e instanceof Expr.Lambda) return Provenance.constant(1);
        return Provenance.UNKNOWN;
    }

    private static Provenance constantSize(Expr.Constant k) {
        Object v = k.value();
        if (v instanceof String s) return Provenance.constant(s.codePointCount(0, s.length()));
        if (v instanceof dev.memlint.ast.Bytes b) return Provenance.constant(b.length());
        if (v instanceof java.math.BigInteger i) {
            return Provenance.constant(i.bitLength() < 63 ? i.abs().longValue() : Long.MAX_VALUE);
        }
        return Provenance.constant(1);
    }

    private Provenance sum(java.util.List<Expr> parts) {
        Provenance p = Provenance.constant(0);
        for (Expr x : parts) p = p.plus(size(x));
        return p;
    }

    private Provenance joinAll(java.util.List<Expr> parts) {
        Provenance p = Provenance.constant(0);
        for (Expr x : parts) p = p.join(size(x));
        return p;
    }

    /** [a, b, c] has three items; [*xs, y] as many as xs plus one. */
    private Provenance display(java.util.List<Expr> elts) {
        Provenance p = Provenance.constant(0);
        for (Expr x : elts) p = p.plus(x instanceof Expr.Starred s ? size(s.value()) : Provenance.constant(1));
        return p;
    }

    private Provenance dictDisplay(Expr.DictExpr d) {
        Provenance p = Provenance.constant(0);
        for (int i = 0; i < d.keys().size(); i++) {
            p = p.plus(d.keys().get(i) == null ? size(d.values().get(i)) : Provenance.constant(1));
        }
        return p;
    }

    /** As many items as the product of its loops' trips (fewer when filtered). */
    private Provenance comprehension(java.util.List<Comprehension> generators) {
        Provenance p = Provenance.constant(1);
        for (Comprehension g : generators) {
            Provenance n = size(g.iter());
            p = p.times(g.ifs().isEmpty() ? n : n.atMost());
        }
        return p;
    }

    private Provenance binOp(Expr.BinOp b) {
        Provenance left = size(b.left());
        Provenance right = size(b.right());
        return switch (b.op()) {
            case Add -> left.plus(right);
            case Mult -> left.times(right);
            // x % 8, x & 0xFF: no larger than the constant, whatever x is.
            case Mod, BitAnd -> right.isCapped() ? Provenance.bounded(right.bound()) : left.join(right);
            case FloorDiv, Div, RShift, Sub -> left.atMost();
            default -> left.join(right);
        };
    }

    private Provenance subscript(Expr.Subscript s) {
        if (s.slice() instanceof Expr.Slice sl) {
            if (sl.lower() != null && sl.upper() instanceof Expr.BinOp b && b.op() == Operator.Add
                    && sameName(b.left(), sl.lower()) && InputSources.constantInt(model, b.right()) == null) {
                return size(b.right()).atMost(); // data[i:i + size]: size items
            }
            Long width = sliceWidth(sl);
            Provenance whole = size(s.value());
            if (width != null && width >= 0) {
                Provenance cap = Provenance.bounded(width);
                return whole.isCapped() && whole.bound() < width ? whole.atMost() : cap;
            }
            return whole.atMost();
        }
        return element(s.value());
    }

    /** How many items a slice takes at most when its bounds say so: [:10], [-3:], [2:5], [i:i+4]. */
    private Long sliceWidth(Expr.Slice sl) {
        Long lo = sl.lower() == null ? null : InputSources.constantInt(model, sl.lower());
        Long hi = sl.upper() == null ? null : InputSources.constantInt(model, sl.upper());
        if (sl.lower() == null && hi != null && hi >= 0) return hi;
        if (sl.upper() == null && lo != null && lo < 0) return -lo;
        if (lo != null && hi != null && lo >= 0 && hi >= lo) return hi - lo;
        if (lo != null && hi != null && lo < 0 && hi <= 0 && hi >= lo) return hi - lo;
        if (sl.lower() != null && sl.upper() instanceof Expr.BinOp b && b.op() == Operator.Add
                && sameName(b.left(), sl.lower())) {
            return InputSources.constantInt(model, b.right());
        }
        return null;
    }

    /** i and i, self.pos and self.pos: the same name written twice (positions differ). */
    static boolean sameName(Expr a, Expr b) {
        if (a instanceof Expr.Name x && b instanceof Expr.Name y) return x.id().equals(y.id());
        return a instanceof Expr.Attribute x && b instanceof Expr.Attribute y && x.attr().equals(y.attr())
                && sameName(x.value(), y.value());
    }

    private Provenance call(Expr.Call c) {
        if (c.func() instanceof Expr.Name n && model.isBuiltin(n, n.id())) return builtinCall(n.id(), c);
        if (c.func() instanceof Expr.Attribute a) return methodCall(a, c);
        if (c.func() instanceof Expr.Name n) return moduleFunctionCall(n);
        return Provenance.UNKNOWN;
    }

    private Provenance builtinCall(String name, Expr.Call c) {
        if (name.equals("range")) return range(c);
        if (c.args().isEmpty()) return c.keywords().isEmpty() ? Provenance.constant(0) : Provenance.UNKNOWN;
        Expr first = c.args().get(0);
        if (name.equals("filter") && c.args().size() == 2) return size(c.args().get(1)).atMost();
        if (name.equals("map") && c.args().size() >= 2) return smallest(c.args().subList(1, c.args().size()));
        if (name.equals("zip")) return smallest(c.args());
        if (name.equals("min")) return c.args().size() == 1 ? element(first) : smallest(c.args());
        if (name.equals("max")) return c.args().size() == 1 ? element(first) : joinAll(c.args());
        if (name.equals("abs") || name.equals("round")) return size(first);
        if (name.equals("int") || name.equals("float")) {
            Provenance p = size(first);
            return p.kind() == Provenance.Kind.INPUT ? p : Provenance.UNKNOWN;
        }
        if (SAME_SIZE_BUILTINS.contains(name) && c.args().size() == 1) return size(first);
        return Provenance.UNKNOWN;
    }

    /** zip(a, b), min(n, 10): no larger than the smallest capped argument, else any of them. */
    private Provenance smallest(java.util.List<Expr> args) {
        Provenance capped = null;
        Provenance all = Provenance.constant(0);
        for (Expr a : args) {
            Provenance p = size(a);
            if (p.isCapped() && (capped == null || p.bound() < capped.bound())) capped = p;
            all = all.join(p);
        }
        return capped != null ? capped.atMost() : all;
    }

    private Provenance range(Expr.Call c) {
        if (c.args().isEmpty() || c.args().size() > 3) return Provenance.UNKNOWN;
        Long[] v = new Long[c.args().size()];
        for (int i = 0; i < v.length; i++) v[i] = InputSources.constantInt(model, c.args().get(i));
        if (java.util.Arrays.stream(v).allMatch(java.util.Objects::nonNull)) {
            long start = v.length == 1 ? 0 : v[0];
            long stop = v.length == 1 ? v[0] : v[1];
            long step = v.length == 3 ? v[2] : 1;
            if (step == 0) return Provenance.constant(0);
            long count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
            return Provenance.constant(Math.max(0, count));
        }
        // range(a, b): b - a items, as large as the larger bound can be.
        Expr stop = c.args().size() == 1 ? c.args().get(0) : c.args().get(1);
        Provenance p = size(stop);
        if (c.args().size() >= 2 && stop instanceof Expr.BinOp b && b.op() == Operator.Add
                && sameName(b.left(), c.args().get(0))) {
            p = size(b.right()); // range(i, i + 8): eight items
        }
        return p;
    }

    private Provenance methodCall(Expr.Attribute a, Expr.Call c) {
        String m = a.attr();
        if (m.equals("split") || m.equals("rsplit")) {
            Expr max = c.args().size() >= 2 ? c.args().get(1) : keyword(c, "maxsplit");
            Long k = max == null ? null : InputSources.constantInt(model, max);
            return k != null && k >= 0 ? Provenance.constant(k + 1).atMost() : size(a.value()).atMost();
        }
        if (m.equals("partition") || m.equals("rpartition")) return Provenance.constant(3);
        if (m.equals("join") && c.args().size() == 1) {
            Provenance parts = size(c.args().get(0));
            return parts.times(element(c.args().get(0))).join(parts);
        }
        if (m.equals("most_common") && c.args().size() == 1) return size(c.args().get(0)).atMost();
        if (SAME_SIZE_METHODS.contains(m)) return size(a.value());
        if (m.equals("format")) {
            Provenance p = size(a.value());
            for (Expr x : c.args()) p = p.plus(size(x));
            for (Keyword k : c.keywords()) p = p.plus(size(k.value()));
            return p;
        }
        if (m.equals("get") || m.equals("pop") || m.equals("popleft")) {
            Provenance whole = size(a.value());
            return whole.kind() == Provenance.Kind.INPUT ? whole : Provenance.UNKNOWN;
        }
        return Provenance.UNKNOWN;
    }

    private static Expr keyword(Expr.Call c, String name) {
        for (Keyword k : c.keywords()) if (name.equals(k.arg())) return k.value();
        return null;
    }

    /**
     * A call of one of the module's functions: as large as what it returns, or for a generator
     * function, as many items as its yields run.
     */
    private Provenance moduleFunctionCall(Expr.Name n) {
        Symbol s = model.symbol(n);
        if (s == null || s.bindings().size() != 1 || s.bindings().get(0).kind() != Binding.Kind.FUNCTION) {
            return Provenance.UNKNOWN;
        }
        Stmt.FunctionNode f = (Stmt.FunctionNode) s.bindings().get(0).node();
        return guarded(functions, f, () -> returned(f));
    }

    private Provenance returned(Stmt.FunctionNode f) {
        Provenance[] yielded = {null};
        Provenance[] returned = {Provenance.constant(0)};
        for (Stmt st : f.body()) NodeChildren.walk(st, node -> {
            if (model.enclosingFunction(node) != f || isNestedScope(node, f)) return;
            Provenance items = yielded[0] == null ? Provenance.constant(0) : yielded[0];
            if (node instanceof Expr.Yield y) yielded[0] = items.plus(timesRun(y));
            else if (node instanceof Expr.YieldFrom y) yielded[0] = items.plus(size(y.value()).times(timesRun(y)));
            else if (node instanceof Stmt.Return r && r.value() != null) returned[0] = returned[0].join(size(r.value()));
        });
        return yielded[0] != null ? yielded[0] : returned[0];
    }

    /** Whether a node sits in a lambda or comprehension of f rather than in f's own code. */
    private boolean isNestedScope(Node node, Stmt.FunctionNode f) {
        return model.scopeOf(node) != model.scopeCreatedBy(f);
    }
}
