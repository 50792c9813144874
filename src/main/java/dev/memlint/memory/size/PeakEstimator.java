package dev.memlint.memory.size;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates, per function, the largest number of bytes it holds at once (its peak above what it was
 * given), as a formula of its parameters and their lengths, and the bytes still held by what it
 * returns. It walks the body in order: a loop's body is walked once and its effect on containers
 * that outlive an iteration is multiplied by the loop's trip count (from range(...), len of an
 * argument, a literal), while what one iteration makes and drops counts once. Branches take the
 * larger side. Rebinding a list, tuple or bytes to a longer copy of itself inside a loop is
 * quadratic churn: the bytes allocated grow with the square of the trip count.
 */
public final class PeakEstimator {

    /** The estimate of one function; limits lists what the estimate could not follow. */
    public record Estimate(Sym peak, Sym retained, boolean quadraticChurn, String churnSymbol, List<String> limits) {}

    /** An open text file: the TextIOWrapper, its BufferedReader and decoder (measured, about 5 KB on 3.11-3.13). */
    private static final long FILE_OBJECT = 5000;
    /** Iterating a file reads ahead one 8 KB chunk. */
    private static final long FILE_READ_AHEAD = 8192;
    /** Frame slots assumed for the frame a caught exception's traceback keeps (locals and stack). */
    private static final long CAUGHT_FRAME_SLOTS = 8;

    private final SizeModel model;
    private final ModuleIndex index;

    public PeakEstimator(SizeModel model, ModuleIndex index) {
        this.model = model;
        this.index = index;
    }

    public Estimate estimate(Stmt.FunctionNode fn) {
        Walker w = new Walker(fn);
        w.block(fn.body());
        w.observe(Sym.ZERO);
        Sym peak = w.peak();
        Sym retained = w.returned == null ? Sym.ZERO : w.returned.bytes(model);
        return new Estimate(peak, retained, w.quadratic, w.churnSymbol, List.copyOf(w.limits));
    }

    private record Delta(Sym count, Sym owned) {}

    private final class Walker {
        final Map<String, Obj> env = new LinkedHashMap<>();
        final Set<String> paramNames = new LinkedHashSet<>();
        final List<Sym> candidates = new ArrayList<>();
        final Deque<Map<Obj, Delta>> loops = new ArrayDeque<>();
        /** Objects that outlive the loop being walked (not counted while walking one iteration). */
        final Set<Obj> external = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<String> limits = new LinkedHashSet<>();
        /** Synthetic markers at the start of except clauses, standing for the exception they catch. */
        final Map<Stmt, ExceptHandler> caught = new IdentityHashMap<>();
        /** Bytes the enclosing loops hold while their bodies run: unnamed iterables and their iterators. */
        Sym loopHeld = Sym.ZERO;
        Obj returned;
        boolean quadratic;
        String churnSymbol;

        Walker(Stmt.FunctionNode fn) {
            var a = fn.args();
            List<dev.memlint.ast.Arg> all = new ArrayList<>(a.posonlyargs());
            all.addAll(a.args());
            all.addAll(a.kwonlyargs());
            for (var p : all) {
                paramNames.add(p.arg());
                Obj param = new Obj(Obj.Shape.UNKNOWN, Sym.var("len(" + p.arg() + ")"), Sym.ZERO, false);
                env.put(p.arg(), param);
            }
        }

        // ---- live bytes and the peak ----

        Sym live() {
            Sym total = Sym.ZERO;
            Set<Obj> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Obj o : env.values()) {
                if (o != null && seen.add(o) && !external.contains(o) && (o.owner == null || !env.containsValue(o.owner))) {
                    total = Sym.add(total, o.bytes(model));
                }
            }
            return total;
        }

        void observe(Sym extra) {
            candidates.add(Sym.add(Sym.add(live(), extra), loopHeld));
        }

        Sym peak() {
            return largest(candidates);
        }

        /** The candidates that are largest at small or at large sizes (the others never are the peak). */
        Sym largest(List<Sym> syms) {
            Sym best = Sym.ZERO;
            Sym bestSmall = null, bestLarge = null;
            double small = -1, large = -1;
            for (Sym s : syms) {
                Double a = sample(s, 10), b = sample(s, 100_000);
                if (a == null || b == null) continue;
                if (a > small) { small = a; bestSmall = s; }
                if (b > large) { large = b; bestLarge = s; }
            }
            if (bestLarge != null) best = bestLarge;
            if (bestSmall != null && bestSmall != bestLarge) best = Sym.max(bestLarge, bestSmall);
            return best;
        }

        Double sample(Sym s, double v) {
            Map<String, Double> b = new HashMap<>();
            for (String name : s.symbols()) b.put(name, v);
            return s.eval(b, model);
        }

        // ---- statements ----

        void block(List<Stmt> body) {
            for (Stmt s : body) {
                statement(s);
            }
        }

        void statement(Stmt s) {
            if (s instanceof Stmt.Assign a) {
                Obj v = eval(a.value());
                for (Expr t : a.targets()) bind(t, v);
                observe(Sym.ZERO);
            } else if (s instanceof Stmt.AnnAssign a && a.value() != null) {
                bind(a.target(), eval(a.value()));
            } else if (s instanceof Stmt.AugAssign a) {
                augAssign(a);
            } else if (s instanceof Stmt.ExprStmt x) {
                Obj v = eval(x.value());
                observe(v == null ? Sym.ZERO : temporary(v));
            } else if (s instanceof Stmt.Return r) {
                Obj v = r.value() == null ? null : eval(r.value());
                observe(v == null || env.containsValue(v) ? Sym.ZERO : v.bytes(model));
                if (returned == null && v != null) returned = v;
            } else if (s instanceof Stmt.Delete d) {
                for (Expr t : d.targets()) if (t instanceof Expr.Name n) env.remove(n.id());
            } else if (s instanceof Stmt.If i) {
                eval(i.test());
                branches(List.of(i.body(), i.orelse()));
            } else if (s instanceof Stmt.ForNode f) {
                forLoop(f);
            } else if (s instanceof Stmt.While w) {
                limits.add("while loop at line " + w.pos().line() + ": iterations unknown");
                loop(Sym.var("iterations_L" + w.pos().line()), () -> {
                    eval(w.test());
                    block(w.body());
                });
                block(w.orelse());
            } else if (s instanceof Stmt.Try t) {
                List<List<Stmt>> paths = new ArrayList<>();
                paths.add(concat(t.body(), t.orelse()));
                for (ExceptHandler h : t.handlers()) {
                    // a caught exception: the exception, its args, its traceback and the frame it keeps
                    List<Stmt> body = new ArrayList<>();
                    body.add(new Stmt.Pass(h.pos()));
                    body.addAll(h.body());
                    caught.put(body.get(0), h);
                    paths.add(body);
                }
                branches(paths);
                block(t.finalbody());
            } else if (s instanceof Stmt.WithNode w) {
                for (var item : w.items()) {
                    Obj cm = eval(item.contextExpr());
                    if (item.optionalVars() != null) bind(item.optionalVars(), cm);
                }
                block(w.body());
            } else if (s instanceof Stmt.FunctionNode f) {
                env.put(f.name(), Obj.fixed(model.function()));
            } else if (s instanceof Stmt.Pass && caught.containsKey(s)) {
                ExceptHandler h = caught.get(s);
                Obj exc = Obj.fixed(model.exception() + model.tuple(1) + model.traceback() + model.frame(CAUGHT_FRAME_SLOTS));
                if (h.name() != null) env.put(h.name(), exc);
                else observe(exc.bytes(model));
            }
        }

        List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
            List<Stmt> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        /** Walks each path from the same start and keeps, per name, the larger outcome. */
        void branches(List<List<Stmt>> paths) {
            Map<String, Obj> start = new LinkedHashMap<>(env);
            Map<String, Obj> merged = new LinkedHashMap<>();
            for (List<Stmt> path : paths) {
                env.clear();
                env.putAll(start);
                block(path);
                for (var e : env.entrySet()) {
                    Obj before = merged.get(e.getKey());
                    if (before == null || larger(e.getValue(), before)) merged.put(e.getKey(), e.getValue());
                }
            }
            env.clear();
            env.putAll(merged);
        }

        boolean larger(Obj a, Obj b) {
            if (a == null || b == null) return a != null;
            Double x = sample(a.bytes(model), 1000), y = sample(b.bytes(model), 1000);
            return x != null && y != null && x > y;
        }

        void forLoop(Stmt.ForNode f) {
            Obj iterable = eval(f.iter());
            Sym trips = tripCount(f.iter(), iterable);
            Sym held = Sym.add(temporary(iterable), Sym.of(iteratorBytes(f.iter(), iterable)));
            observe(held);
            Sym outerHeld = loopHeld;
            loopHeld = Sym.add(loopHeld, held); // alive until the loop ends
            loop(trips, () -> {
                bind(f.target(), iterable == null ? null : iterable.item);
                block(f.body());
            });
            loopHeld = outerHeld;
            block(f.orelse());
        }

        /** The iterator a for loop makes over its iterable (a file reads ahead one chunk). */
        long iteratorBytes(Expr iter, Obj iterable) {
            if (iterable != null && iterable.isFile) return FILE_READ_AHEAD;
            if (isRange(iter)) return model.rangeIterator();
            return iterable != null && (iterable.isSequence() || iterable.shape == Obj.Shape.UNKNOWN) ? model.sequenceIterator() : 0;
        }

        /** Walks one iteration and scales what it added to outer containers by the trip count. */
        void loop(Sym trips, Runnable body) {
            Map<String, Obj> before = new LinkedHashMap<>(env);
            Set<Obj> outer = Collections.newSetFromMap(new IdentityHashMap<>());
            outer.addAll(env.values());
            outer.remove(null);
            Set<Obj> addedExternal = new LinkedHashSet<>();
            for (Obj o : outer) if (external.add(o)) addedExternal.add(o);
            int mark = candidates.size();
            loops.push(new IdentityHashMap<>());
            body.run();
            Map<Obj, Delta> deltas = loops.pop();
            List<Sym> iteration = new ArrayList<>(candidates.subList(mark, candidates.size()));
            candidates.subList(mark, candidates.size()).clear();
            external.removeAll(addedExternal);
            Sym perIteration = largest(iteration);
            for (var e : deltas.entrySet()) {
                Obj o = e.getKey();
                Sym dc = Sym.mul(trips, e.getValue().count());
                Sym dOwned = Sym.mul(trips, e.getValue().owned());
                o.count = Sym.add(o.count, dc);
                o.owned = Sym.add(o.owned, dOwned);
                if (!loops.isEmpty()) record(o, dc, dOwned);
            }
            // Names rebound to a longer copy of what they held: quadratic churn, and the final size.
            for (var e : before.entrySet()) {
                Obj now = env.get(e.getKey());
                Obj old = e.getValue();
                if (now != null && old != null && now != old && now.fresh && now.concatenation && now.count != null && old.count != null
                        && (now.isSequence() || now.shape == Obj.Shape.BYTES)) {
                    Sym growth = difference(now.count, old.count);
                    if (growth != null) {
                        Sym ownedGrowth = difference(now.owned, old.owned);
                        now.count = Sym.add(old.count, Sym.mul(trips, growth));
                        if (ownedGrowth != null) now.owned = Sym.add(old.owned, Sym.mul(trips, ownedGrowth));
                        quadratic = true;
                        churnSymbol = trips.symbols().isEmpty() ? null : String.join(", ", trips.symbols());
                        // the last copy and the one before it are alive together; their items once
                        observe(new Obj(now.shape, now.count, now.fixed, true).bytes(model));
                    }
                }
            }
            for (var e : env.entrySet()) {
                Obj o = e.getValue();
                if (o != null && !outer.contains(o) && before.containsKey(e.getKey())) {
                    continue; // rebound each iteration: one at a time, counted in the iteration's peak
                }
            }
            candidates.add(Sym.add(live(), perIteration));
        }

        /** new - old when new is old plus some terms, else null. */
        Sym difference(Sym now, Sym old) {
            List<Sym> terms = now instanceof Sym.Add a ? new ArrayList<>(a.terms()) : new ArrayList<>(List.of(now));
            List<Sym> remove = old instanceof Sym.Add b ? b.terms() : List.of(old);
            for (Sym r : remove) {
                if (r instanceof Sym.Const c) {
                    boolean found = false;
                    for (int i = 0; i < terms.size(); i++) {
                        if (terms.get(i) instanceof Sym.Const d) {
                            terms.set(i, Sym.of(d.value() - c.value()));
                            found = true;
                            break;
                        }
                    }
                    if (!found) return null;
                } else if (!terms.remove(r)) {
                    return null;
                }
            }
            Sym out = Sym.ZERO;
            for (Sym t : terms) out = Sym.add(out, t);
            return out instanceof Sym.Const c && c.value() == 0 ? null : out;
        }

        void record(Obj o, Sym count, Sym owned) {
            Map<Obj, Delta> top = loops.peek();
            if (top == null) return;
            Delta d = top.getOrDefault(o, new Delta(Sym.ZERO, Sym.ZERO));
            top.put(o, new Delta(Sym.add(d.count(), count), Sym.add(d.owned(), owned)));
        }

        /** Adds items to a container: at once outside loops, per iteration inside. */
        void grow(Obj container, Sym count, Obj item) {
            Sym owned = Sym.ZERO;
            if (item != null && item.fresh && item.owner == null) {
                owned = item.bytes(model); // counted in the container from now on (live() skips owned objects)
                item.owner = container;
            }
            if (container.shape == Obj.Shape.LIST_EXACT || container.shape == Obj.Shape.LIST_SIZED) {
                container.shape = Obj.Shape.LIST_APPENDED; // from its first append it over-allocates
            }
            if (loops.isEmpty()) {
                container.count = Sym.add(container.count, count);
                container.owned = Sym.add(container.owned, owned);
            } else {
                record(container, count, owned);
            }
        }

        void augAssign(Stmt.AugAssign a) {
            Obj target = eval(a.target());
            Obj value = eval(a.value());
            if (target != null && target.isList() && a.op() == Operator.Add) {
                grow(target, value == null || value.count == null ? Sym.var("len(" + text(a.value()) + ")") : value.count,
                        null);
                if (value != null) value.owner = target;
                return;
            }
            if (a.target() instanceof Expr.Name n && target != null && target.count != null && value != null
                    && value.count != null && (target.shape == Obj.Shape.STR || target.shape == Obj.Shape.BYTES
                    || target.isSequence()) && a.op() == Operator.Add) {
                Obj grown = new Obj(target.shape, Sym.add(target.count, value.count), target.fixed, true);
                grown.concatenation = true;
                env.put(n.id(), grown);
                observe(grown.bytes(model));
            } else if (a.target() instanceof Expr.Name n && (isIntLike(target) || isIntLike(value))) {
                Obj sum = anInt(); // the new int exists while the name still holds the old one
                observe(Sym.add(temporary(value), sum.bytes(model)));
                env.put(n.id(), sum);
            }
        }

        // ---- binding ----

        void bind(Expr target, Obj v) {
            if (target instanceof Expr.Name n) {
                env.put(n.id(), v);
            } else if (target instanceof Expr.Subscript sub) {
                Obj container = eval(sub.value());
                Obj key = eval(sub.slice());
                if (container != null && (container.shape == Obj.Shape.DICT || container.shape == Obj.Shape.DICT_STR)) {
                    grow(container, Sym.of(1), v);
                    if (key != null && key.fresh) grow(container, Sym.ZERO, key);
                }
            } else if (target instanceof Expr.TupleExpr t) {
                for (Expr e : t.elts()) bind(e, v == null ? null : v.item);
            } else if (target instanceof Expr.ListExpr l) {
                for (Expr e : l.elts()) bind(e, v == null ? null : v.item);
            }
        }

        // ---- expressions ----

        Sym temporary(Obj v) {
            return v == null || env.containsValue(v) || v.owner != null ? Sym.ZERO : v.bytes(model);
        }

        Sym tripCount(Expr iter, Obj iterable) {
            if (iterable != null && iterable.count != null) return iterable.count;
            limits.add("loop at line " + iter.pos().line() + ": iterations unknown");
            return Sym.var("iterations_L" + iter.pos().line());
        }

        Obj eval(Expr e) {
            if (e == null) return null;
            if (e instanceof Expr.Name n) return env.get(n.id());
            if (e instanceof Expr.Constant c) return constant(c);
            if (e instanceof Expr.ListExpr l) return display(Obj.Shape.LIST_EXACT, l.elts());
            if (e instanceof Expr.TupleExpr t) {
                if (t.elts().stream().allMatch(x -> x instanceof Expr.Constant)) {
                    return new Obj(Obj.Shape.TUPLE, Sym.of(t.elts().size()), Sym.ZERO, false);
                }
                return display(Obj.Shape.TUPLE, t.elts());
            }
            if (e instanceof Expr.SetExpr st) return display(Obj.Shape.SET, st.elts());
            if (e instanceof Expr.DictExpr d) {
                boolean strKeys = d.keys().stream().allMatch(k -> k instanceof Expr.Constant c && c.value() instanceof String);
                Obj dict = new Obj(strKeys ? Obj.Shape.DICT_STR : Obj.Shape.DICT, Sym.of(d.keys().size()), Sym.ZERO, true);
                for (Expr v : d.values()) {
                    Obj item = eval(v);
                    if (item != null && item.fresh && item.owner == null) {
                        dict.owned = Sym.add(dict.owned, item.bytes(model));
                        item.owner = dict;
                    }
                }
                return dict;
            }
            if (e instanceof Expr.ListComp c) return comprehension(c.generators(), c.elt(), null, Obj.Shape.LIST_APPENDED);
            if (e instanceof Expr.SetComp c) return comprehension(c.generators(), c.elt(), null, Obj.Shape.SET);
            if (e instanceof Expr.DictComp c) return comprehension(c.generators(), c.key(), c.value(), Obj.Shape.DICT);
            if (e instanceof Expr.GeneratorExp g) {
                Obj gen = Obj.fixed(model.generator(6) + model.function());
                Obj source = eval(g.generators().get(0).iter());
                gen.count = source == null ? null : source.count;
                gen.item = null;
                return gen;
            }
            if (e instanceof Expr.BinOp b) return binOp(b);
            if (e instanceof Expr.Call c) return call(c);
            if (e instanceof Expr.JoinedStr j) {
                return new Obj(Obj.Shape.STR, Sym.of(approxLength(j)), Sym.of(1), true);
            }
            if (e instanceof Expr.IfExp i) {
                eval(i.test());
                Obj a = eval(i.body()), b = eval(i.orelse());
                return larger(a, b) ? a : b;
            }
            if (e instanceof Expr.NamedExpr n) {
                Obj v = eval(n.value());
                bind(n.target(), v);
                return v;
            }
            if (e instanceof Expr.Subscript s) {
                Obj container = eval(s.value());
                eval(s.slice());
                if (container != null && s.slice() instanceof Expr.Slice && container.count != null
                        && (container.isSequence() || container.shape == Obj.Shape.UNKNOWN)) {
                    Obj copy = new Obj(Obj.Shape.LIST_EXACT, container.count, Sym.ZERO, true);
                    return copy;
                }
                return container == null ? null : container.item;
            }
            if (e instanceof Expr.Attribute a) {
                eval(a.value());
                return null;
            }
            if (e instanceof Expr.Lambda l) {
                return Obj.fixed(model.function());
            }
            return null;
        }

        int approxLength(Expr.JoinedStr j) {
            int n = 0;
            for (Expr part : j.values()) {
                n += part instanceof Expr.Constant c && c.value() instanceof String s ? s.length() : 8;
            }
            return n;
        }

        Obj constant(Expr.Constant c) {
            Object v = c.value();
            if (v instanceof String s) {
                Obj o = new Obj(Obj.Shape.STR, Sym.of(s.length()), Sym.of(width(s)), false);
                return o;
            }
            if (v instanceof dev.memlint.ast.Bytes b) {
                return new Obj(Obj.Shape.BYTES, Sym.of(b.data().length), Sym.ZERO, false);
            }
            if (v instanceof BigInteger i) {
                Obj o = new Obj(Obj.Shape.FIXED, Sym.of(i.doubleValue()), Sym.ZERO, false);
                return o;
            }
            return null;
        }

        int width(String s) {
            int max = s.codePoints().max().orElse(0);
            return max < 256 ? 1 : max < 65536 ? 2 : 4;
        }

        Obj display(Obj.Shape shape, List<Expr> elts) {
            Obj o = new Obj(shape, Sym.ZERO, Sym.ZERO, true);
            Sym count = Sym.ZERO;
            for (Expr x : elts) {
                Obj item = eval(x instanceof Expr.Starred st ? st.value() : x);
                if (x instanceof Expr.Starred) {
                    count = Sym.add(count, item == null || item.count == null ? Sym.var("len(" + text(x) + ")") : item.count);
                    continue;
                }
                count = Sym.add(count, Sym.of(1));
                if (item != null && item.fresh && item.owner == null) {
                    o.owned = Sym.add(o.owned, item.bytes(model));
                    item.owner = o;
                }
                o.item = item;
            }
            o.count = count;
            return o;
        }

        Obj comprehension(List<Comprehension> gens, Expr elt, Expr value, Obj.Shape shape) {
            Sym trips = Sym.of(1);
            Map<String, Obj> saved = new LinkedHashMap<>(env);
            for (Comprehension g : gens) {
                Obj src = eval(g.iter());
                trips = Sym.mul(trips, tripCount(g.iter(), src));
                bind(g.target(), src == null ? null : src.item);
            }
            Obj item = eval(elt);
            Obj val = value == null ? null : eval(value);
            env.clear();
            env.putAll(saved);
            if (item != null && env.containsValue(item)) item = null; // already held: the items share it
            if (val != null && env.containsValue(val)) val = null;
            boolean strKeys = elt instanceof Expr.Constant c && c.value() instanceof String;
            Obj.Shape s = shape == Obj.Shape.DICT && strKeys ? Obj.Shape.DICT_STR : shape;
            Obj o = new Obj(s, trips, Sym.ZERO, true);
            Sym per = Sym.ZERO;
            if (item != null && item.fresh) per = Sym.add(per, item.bytes(model));
            if (val != null && val.fresh) per = Sym.add(per, val.bytes(model));
            o.owned = Sym.mul(trips, per);
            o.item = item;
            return o;
        }

        Obj binOp(Expr.BinOp b) {
            Obj l = eval(b.left());
            Obj r = eval(b.right());
            if (b.op() == Operator.Mult) {
                Obj seq = l != null && (l.isSequence() || l.shape == Obj.Shape.STR || l.shape == Obj.Shape.BYTES) ? l : r;
                Obj times = seq == l ? r : l;
                Expr timesExpr = seq == l ? b.right() : b.left();
                if (seq != null && seq.count != null && (seq.isSequence() || seq.shape == Obj.Shape.STR || seq.shape == Obj.Shape.BYTES)) {
                    Sym n = scalar(timesExpr, times);
                    Obj.Shape shape = seq.isList() ? Obj.Shape.LIST_EXACT : seq.shape;
                    Obj out = new Obj(shape, Sym.mul(seq.count, n), seq.fixed, true);
                    out.item = seq.item;
                    return out;
                }
            }
            if (b.op() == Operator.Add && l != null && r != null && l.count != null && r.count != null
                    && l.shape == r.shape && (l.isSequence() || l.shape == Obj.Shape.STR || l.shape == Obj.Shape.BYTES)) {
                Obj.Shape shape = l.isList() ? Obj.Shape.LIST_EXACT : l.shape;
                Obj joined = new Obj(shape, Sym.add(l.count, r.count), l.fixed, true);
                joined.concatenation = true;
                joined.owned = Sym.add(l.owned, r.owned); // the items of the operands, now shared with the result
                return joined;
            }
            if (b.op() == Operator.Add && l != null && r != null && l.isList() && r.isList()) {
                Obj joined = new Obj(Obj.Shape.LIST_EXACT, Sym.add(l.count, r.count), Sym.ZERO, true);
                joined.concatenation = true;
                return joined;
            }
            if (isIntLike(l) || isIntLike(r)) {
                return anInt(); // + - * of ints: a new int, cached only when small
            }
            return null;
        }

        /** The value of an int expression as a symbol: a parameter name, len(x), a literal, a product. */
        Sym scalar(Expr e, Obj v) {
            if (e instanceof Expr.Constant c && c.value() instanceof BigInteger i) return Sym.of(i.doubleValue());
            if (e instanceof Expr.Name n && paramNames.contains(n.id())) return Sym.var(n.id());
            if (e instanceof Expr.Name n && v != null && v.shape == Obj.Shape.FIXED && !v.fresh && v.count != null) return v.count;
            if (e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("len") && c.args().size() == 1) {
                Obj x = eval(c.args().get(0));
                if (x != null && x.count != null) return x.count;
            }
            if (e instanceof Expr.BinOp b) {
                Sym l = scalar(b.left(), eval(b.left())), r = scalar(b.right(), eval(b.right()));
                if (b.op() == Operator.Mult) return Sym.mul(l, r);
                if (b.op() == Operator.Add) return Sym.add(l, r);
                if (b.op() == Operator.FloorDiv && r instanceof Sym.Const c && c.value() != 0) return Sym.mul(Sym.of(1 / c.value()), l);
            }
            return Sym.var(text(e));
        }

        Obj call(Expr.Call c) {
            List<Obj> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(eval(a));
            for (Keyword k : c.keywords()) eval(k.value());
            if (c.func() instanceof Expr.Name f && !env.containsKey(f.id())) {
                String name = f.id();
                Obj first = args.isEmpty() ? null : args.get(0);
                switch (name) {
                    case "range": {
                        Obj r = Obj.fixed(model.range());
                        Sym trips;
                        if (c.args().size() == 1) trips = scalar(c.args().get(0), first);
                        else if (c.args().size() >= 2) trips = Sym.add(scalar(c.args().get(1), args.get(1)),
                                Sym.mul(Sym.of(-1), scalar(c.args().get(0), first)));
                        else trips = null;
                        r.count = trips;
                        r.item = anInt();
                        return r;
                    }
                    case "list": case "sorted": case "tuple": {
                        if (first == null || first.count == null) {
                            return new Obj(Obj.Shape.LIST_SIZED, Sym.var("len(" + (c.args().isEmpty() ? "" : text(c.args().get(0))) + ")"), Sym.ZERO, true);
                        }
                        Obj out = new Obj(name.equals("tuple") ? Obj.Shape.TUPLE : Obj.Shape.LIST_SIZED, first.count, Sym.ZERO, true);
                        if (isRange(c.args().get(0))) out.owned = new Sym.Growth(Sym.Kind.RANGE_INTS, first.count);
                        else if (first.fresh && first.owned != null) out.owned = first.owned;
                        out.item = first.item;
                        return out;
                    }
                    case "set": case "frozenset": {
                        if (first == null) return new Obj(Obj.Shape.SET, Sym.ZERO, Sym.ZERO, true);
                        Obj out = new Obj(Obj.Shape.SET, first.count == null ? Sym.var("len(" + text(c.args().get(0)) + ")") : first.count, Sym.ZERO, true);
                        if (isRange(c.args().get(0))) out.owned = new Sym.Growth(Sym.Kind.RANGE_INTS, first.count);
                        return out;
                    }
                    case "dict":
                        return c.args().isEmpty() && c.keywords().isEmpty() ? new Obj(Obj.Shape.DICT, Sym.ZERO, Sym.ZERO, true) : null;
                    case "len": case "sum": case "min": case "max": case "any": case "all": case "print": case "isinstance":
                        observeArgs(args);
                        return null;
                    case "enumerate": case "iter": case "reversed": case "zip": case "map": case "filter": {
                        Obj it = Obj.fixed(model.sequenceIterator() + 64);
                        Obj src = name.equals("map") || name.equals("filter") ? (args.size() > 1 ? args.get(1) : null) : first;
                        it.count = src == null ? null : src.count;
                        it.item = src == null ? null : src.item;
                        return it;
                    }
                    case "open": {
                        Obj file = Obj.fixed(FILE_OBJECT);
                        file.count = Sym.var("lines(" + (c.args().isEmpty() ? "" : text(c.args().get(0))) + ")");
                        file.item = new Obj(Obj.Shape.STR, Sym.of(80), Sym.of(1), true);
                        file.isFile = true;
                        return file;
                    }
                    case "bytearray": case "bytes": {
                        if (c.args().isEmpty()) return null;
                        Sym n = scalar(c.args().get(0), first);
                        Obj buffer = new Obj(Obj.Shape.BYTES, n, Sym.ZERO, true);
                        return name.equals("bytearray") ? Obj.fixed(model.bytearray(0)).withCount(n, Sym.add(n, Sym.of(1))) : buffer;
                    }
                    case "str": case "repr":
                        return new Obj(Obj.Shape.STR, Sym.of(8), Sym.of(1), true);
                    default:
                        break;
                }
                ModuleIndex.ClassInfo cls = index.classNamed(name);
                if (cls != null) {
                    return instance(cls);
                }
                limits.add("call of " + name + " at line " + c.pos().line() + " not followed");
                observeArgs(args);
                return null;
            }
            if (c.func() instanceof Expr.Attribute a) {
                Obj recv = eval(a.value());
                Obj arg = args.isEmpty() ? null : args.get(args.size() - 1);
                switch (a.attr()) {
                    case "append": case "add": case "appendleft":
                        if (recv != null && recv.fresh) {
                            if (recv.shape == Obj.Shape.LIST_EXACT || recv.shape == Obj.Shape.LIST_SIZED) {
                                Obj grownShape = recv; // keeps its identity; from now on it grows by appends
                            }
                            grow(recv, Sym.of(1), arg);
                            if (recv.item == null) recv.item = arg;
                        }
                        return null;
                    case "extend": case "update":
                        if (recv != null && recv.fresh) {
                            grow(recv, arg == null || arg.count == null ? Sym.var("len(" + text(c.args().get(0)) + ")") : arg.count, null);
                        }
                        return null;
                    case "join":
                        if (arg != null && arg.count != null) {
                            Sym per = arg.item != null && arg.item.count != null && arg.item.shape == Obj.Shape.STR ? arg.item.count : Sym.of(8);
                            return new Obj(Obj.Shape.STR, Sym.mul(arg.count, per), Sym.of(1), true);
                        }
                        return new Obj(Obj.Shape.STR, Sym.var("len(" + text(c) + ")"), Sym.of(1), true);
                    case "read": {
                        Sym size = Sym.var("size(" + text(a.value()) + ")");
                        Obj raw = new Obj(Obj.Shape.BYTES, size, Sym.ZERO, true);
                        observe(raw.bytes(model)); // the bytes read, alive while they are decoded
                        return new Obj(Obj.Shape.STR, size, Sym.of(1), true);
                    }
                    case "copy":
                        if (recv != null && recv.count != null) {
                            return new Obj(recv.isList() ? Obj.Shape.LIST_EXACT : recv.shape, recv.count, recv.fixed, true);
                        }
                        return null;
                    case "split": case "splitlines": case "readlines": {
                        Obj parts = new Obj(Obj.Shape.LIST_APPENDED, Sym.var("parts(" + text(a.value()) + ")"), Sym.ZERO, true);
                        return parts;
                    }
                    default:
                        observeArgs(args);
                        return null;
                }
            }
            observeArgs(args);
            return null;
        }

        /** An int the code computes: 32 bytes unless small and cached, which we cannot tell apart. */
        Obj anInt() {
            Obj i = Obj.fixed(model.intObject(BigInteger.valueOf(1000)));
            i.isInt = true;
            return i;
        }

        boolean isIntLike(Obj o) {
            return o != null && (o.isInt || (o.shape == Obj.Shape.FIXED && !o.fresh));
        }

        boolean isRange(Expr e) {
            return e instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("range");
        }

        void observeArgs(List<Obj> args) {
            Sym extra = Sym.ZERO;
            for (Obj a : args) extra = Sym.add(extra, temporary(a));
            observe(extra);
        }

        /** An instance of a module class: its attributes as __init__ assigns them, and what it makes for them. */
        Obj instance(ModuleIndex.ClassInfo cls) {
            Set<String> attrs = new LinkedHashSet<>();
            Sym made = Sym.ZERO;
            var init = index.method(cls.name(), "__init__");
            boolean slots = false;
            for (Stmt s : cls.node().body()) {
                if (s instanceof Stmt.Assign a && a.targets().get(0) instanceof Expr.Name n && n.id().equals("__slots__")) {
                    slots = true;
                }
            }
            if (init != null) {
                for (Stmt s : init.body()) {
                    if (s instanceof Stmt.Assign a) {
                        for (Expr t : a.targets()) {
                            if (t instanceof Expr.Attribute at && at.value() instanceof Expr.Name self
                                    && self.id().equals(init.args().args().isEmpty() ? "self" : init.args().args().get(0).arg())) {
                                attrs.add(at.attr());
                                Obj v = new Walker(init).eval(a.value());
                                if (v != null && v.fresh) made = Sym.add(made, v.bytes(model));
                                if (a.value() instanceof Expr.Attribute m && m.value() instanceof Expr.Name owner
                                        && owner.id().equals(self.id()) && index.method(cls.name(), m.attr()) != null) {
                                    made = Sym.add(made, Sym.of(model.boundMethod())); // self.cb = self.method
                                }
                            }
                        }
                    }
                }
            }
            long own = slots ? model.slotsInstance(attrs.size()) : model.instance(attrs.size());
            Obj o = Obj.fixed(own);
            o.owned = made;
            return o;
        }

        String text(Expr e) {
            if (e instanceof Expr.Name n) return n.id();
            if (e instanceof Expr.Attribute a) return text(a.value()) + "." + a.attr();
            if (e instanceof Expr.Call c) return text(c.func()) + "()";
            if (e instanceof Expr.Constant c) return String.valueOf(c.value());
            return "expr@" + e.pos().line();
        }
    }
}
