package dev.memlint.memory.size;

import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/** How often a while loop runs: a counter stepped to a bound, a container popped empty, a file read in chunks. */
final class TripCounts {
    private final Interpreter in;

    TripCounts(Interpreter in) {
        this.in = in;
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
    Trips whileTrips(Stmt.While w) {
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
        // while i < n: ... i += k (or self.pos < len(self.text): ... self.pos += k, itself or in a method of self it calls)
        if (t instanceof Expr.Compare c && c.comparators().size() == 1
                && (c.left() instanceof Expr.Name || c.left() instanceof Expr.Attribute a && a.value() instanceof Expr.Name)) {
            Expr i = c.left();
            Sym step = counterStep(w.body(), Interpreter.text(i));
            if (step == null && i instanceof Expr.Attribute a) step = stepInMethod(w.body(), a);
            if (step != null) {
                Obj start = evalQuiet(i), bound = evalQuiet(c.comparators().get(0));
                Sym from = start == null ? null : start.value, to = in.operators.scalarOf(c.comparators().get(0), bound);
                if (to == null) to = lengthOf(c.comparators().get(0), w.body());
                CmpOp op = c.ops().get(0);
                if (from != null && to != null && (op == CmpOp.Lt || op == CmpOp.LtE || op == CmpOp.NotEq)) {
                    return new Trips(Sym.mul(Sym.of(1 / ((Sym.Const) step).value()), Sym.add(to, Sym.mul(Sym.of(-1), from))), null);
                }
            }
        }
        // while node is not None: ... node = node.parent
        Sym links = chainLength(t, w.body());
        if (links != null) return new Trips(links, null);
        // while True: chunk = f.read(k); if not chunk: break
        Trips chunks = chunkedRead(w.body());
        if (chunks != null) return chunks;
        // while True: batch = list(islice(it, k)); if not batch: return
        Sym taken = takenUntilEmpty(w.body());
        if (taken != null) return new Trips(taken, null);
        String symbol = "iterations_L" + w.pos().line();
        return new Trips(Sym.var(symbol), "while loop at line " + w.pos().line() + ": iterations unknown");
    }

    /** The collection of the frame with the most items (at the middle size), or null. */
    private Obj largestCollection() {
        Obj best = null;
        double most = 0;
        Interpreter.Frame f = in.frame();
        for (var e : f.env.entrySet()) {
            Obj o = e.getValue();
            if (o == null || o.count == null || !(o.isContainer() || o.kind == Obj.Kind.UNKNOWN)) continue;
            if (o.kind == Obj.Kind.UNKNOWN && o.value != null
                    && !(f.function != null && in.syntax.collection(f.function, e.getKey()))) {
                continue; // a parameter used as a number, not a collection
            }
            Double n = in.sample(o.count, Interpreter.MIDDLE);
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

    /**
     * A loop that takes the next k items of an iterator (batch = list(islice(it, k)), or one,
     * item = next(it, None)) and leaves, by break or return, when it got none (if not batch:, if item
     * is None:) as its first test after that: it runs once per k items of what the iterator yields,
     * and once more for the empty take. Null when no statement of the body takes so, or nothing ends
     * the loop at the empty take, or the iterator's items are not known.
     */
    private Sym takenUntilEmpty(List<Stmt> body) {
        for (int i = 0; i + 1 < body.size(); i++) {
            if (!(body.get(i) instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name name
                    && a.value() instanceof Expr.Call c)) {
                continue;
            }
            Expr source = null;
            Sym each = null;
            boolean one = false;
            if (c.func() instanceof Expr.Name f && (f.id().equals("list") || f.id().equals("tuple")) && c.args().size() == 1
                    && c.args().get(0) instanceof Expr.Call slice && c.keywords().isEmpty()
                    && "itertools.islice".equals(in.index.importedName(slice.func())) && slice.args().size() == 2) {
                source = slice.args().get(0);
                Obj k = evalQuiet(slice.args().get(1));
                each = k == null ? null : k.value;
            } else if (c.func() instanceof Expr.Name f && f.id().equals("next") && c.args().size() == 2
                    && c.args().get(1) instanceof Expr.Constant d && d.value() == null) {
                source = c.args().get(0);
                each = Sym.of(1);
                one = true;
            }
            if (source == null || each == null || !endsWhenEmpty(body.get(i + 1), name.id(), one)) continue;
            Sym items = in.iterables.itemsOf(evalQuiet(source));
            if (items == null) return null;
            return Sym.add(Sym.div(items, each), Sym.of(1));
        }
        return null;
    }

    /** Whether s is if not name: (if name is None: for one item) whose body ends in break or return. */
    private static boolean endsWhenEmpty(Stmt s, String name, boolean one) {
        if (!(s instanceof Stmt.If f) || f.body().isEmpty()) return false;
        Stmt last = f.body().get(f.body().size() - 1);
        if (!(last instanceof Stmt.Break || last instanceof Stmt.Return)) return false;
        Expr t = f.test();
        if (one) {
            return t instanceof Expr.Compare c && c.left() instanceof Expr.Name n && n.id().equals(name) && c.ops().size() == 1
                    && c.ops().get(0) == CmpOp.Is && c.comparators().get(0) instanceof Expr.Constant k && k.value() == null;
        }
        return t instanceof Expr.UnaryOp u && u.op() == dev.memlint.ast.UnaryOperator.Not && u.operand() instanceof Expr.Name n
                && n.id().equals(name);
    }

    /**
     * The length len(x) stands for, x a name or an attribute path: a container's or text's count; null
     * when the loop body adds to x (a queue walked by index as it grows) or x is not known.
     */
    private Sym lengthOf(Expr e, List<Stmt> body) {
        if (!(e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("len") && c.args().size() == 1
                && c.keywords().isEmpty()) || adds(body, c.args().get(0))) {
            return null;
        }
        Obj x = evalQuiet(c.args().get(0));
        return x == null ? null : x.count;
    }

    /**
     * k when a statement of the body calls a method on the owner of the counter (self.advance()) that
     * steps the counter by a constant k (self.pos += k) as a statement of its own body, else null.
     */
    private Sym stepInMethod(List<Stmt> body, Expr.Attribute counter) {
        Obj owner = evalQuiet(counter.value());
        if (owner == null || owner.cls == null) return null;
        String receiver = Interpreter.text(counter.value());
        for (Stmt s : body) {
            if (!(s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute m
                    && Interpreter.text(m.value()).equals(receiver))) {
                continue;
            }
            Stmt.FunctionNode fn = in.index.method(owner.cls, m.attr());
            List<String> params = fn == null ? List.of() : fn.args().names();
            if (params.isEmpty()) continue;
            Sym step = counterStep(fn.body(), params.get(0) + "." + counter.attr());
            if (step != null) return step;
        }
        return null;
    }

    /** k when the body steps the counter (name or name.attr) by a constant k (name += k), else null. */
    private static Sym counterStep(List<Stmt> body, String name) {
        for (Stmt s : body) {
            if (s instanceof Stmt.AugAssign a && (a.target() instanceof Expr.Name || a.target() instanceof Expr.Attribute)
                    && Interpreter.text(a.target()).equals(name)
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
        String text = Interpreter.text(receiver);
        boolean[] found = {false};
        dev.memlint.semantic.NodeChildren.walkAll(body, n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && methods.contains(a.attr())
                    && Interpreter.text(a.value()).equals(text)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Evaluates a name or attribute path without side effects worth noting. */
    /** Links a chain walk follows at most before it is taken as unknown. */
    private static final int MAX_CHAIN = 64;

    /**
     * A walk along links (while node / while node is not None, the body stepping node = node.attr):
     * the length of the chain the walk knows, when it ends in None; null otherwise.
     */
    private Sym chainLength(Expr test, List<Stmt> body) {
        Expr subject = test;
        if (test instanceof Expr.Compare c && c.comparators().size() == 1 && c.ops().get(0) == CmpOp.IsNot
                && c.comparators().get(0) instanceof Expr.Constant k && k.value() == null) {
            subject = c.left();
        }
        if (!(subject instanceof Expr.Name n)) return null;
        String attr = null;
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && t.id().equals(n.id()) && a.value() instanceof Expr.Attribute at
                    && at.value() instanceof Expr.Name from && from.id().equals(n.id())) {
                attr = at.attr();
            }
        }
        if (attr == null) return null;
        Obj node = in.scopes.lookupLocal(n.id());
        for (int links = 0; links < MAX_CHAIN; links++) {
            if (node == null || node.kind == Obj.Kind.UNKNOWN) return null; // the chain goes on into data not known
            if (node.kind == Obj.Kind.NONE) return Sym.of(links);
            node = node.attrs.get(attr);
        }
        return null;
    }

    private Obj evalQuiet(Expr e) {
        if (e instanceof Expr.Name || e instanceof Expr.Attribute || e instanceof Expr.Constant) return in.expressions.eval(e);
        return null;
    }
}
