package dev.memlint.memory.size;

import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How often a while loop runs: a counter stepped to a bound, a container popped empty, a file read in chunks. */
final class TripCounts {
    private final Interpreter in;

    TripCounts(Interpreter in) {
        this.in = in;
    }

    /** A while loop's trip count, what it notes in limits, and the worklist it pops and pushes (or null). */
    record Trips(Sym count, String note, Obj worklist, Cursor cursor) {
        Trips(Sym count, String note) {
            this(count, note, null, null);
        }
    }

    /** An attribute of an instance a while loop (at line) steps to a bound, by at least step on every iteration. */
    record Cursor(Obj owner, String attr, double step, int line) {}

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
                            o, null);
                }
            }
        }
        // while i < n: ... i += k (or self.pos < len(self.text): ... self.pos += k, itself or in a method of self it
        // calls; or self.peek() is not None, peek() giving None once self.pos reaches its bound)
        Expr.Compare bounded = peekBound(t);
        if (bounded == null && t instanceof Expr.Compare c) bounded = c;
        if (bounded != null && bounded.comparators().size() == 1
                && (bounded.left() instanceof Expr.Name || bounded.left() instanceof Expr.Attribute a && a.value() instanceof Expr.Name)) {
            Expr i = bounded.left();
            Sym step = counterStep(w.body(), Interpreter.text(i));
            if (step == null && i instanceof Expr.Attribute a) step = leastStep(w.body(), a);
            if (step != null) {
                Obj start = evalQuiet(i), bound = evalQuiet(bounded.comparators().get(0));
                Sym from = start == null ? null : start.value, to = in.operators.scalarOf(bounded.comparators().get(0), bound);
                String fromZero = null;
                if (to == null) {
                    to = lengthOf(bounded.comparators().get(0), w.body());
                    // an index into what len() measures starts at 0 or later: one the call is given (self.pos
                    // of a parser passed in) is taken as 0, an upper bound that no value of it can turn negative
                    if (to != null && from != null && !from.symbols().isEmpty()) {
                        from = Sym.ZERO;
                        fromZero = "while loop at line " + w.pos().line() + ": " + Interpreter.text(i)
                                + " as given taken to start at 0, an upper bound";
                    }
                }
                CmpOp op = bounded.ops().get(0);
                if (from != null && to != null && (op == CmpOp.Lt || op == CmpOp.LtE || op == CmpOp.NotEq)) {
                    double k = ((Sym.Const) step).value();
                    Sym count = Sym.mul(Sym.of(1 / k), Sym.add(to, Sym.mul(Sym.of(-1), from)));
                    if (!(i instanceof Expr.Attribute a)) return new Trips(count, fromZero);
                    Cursor cursor = new Cursor(evalQuiet(a.value()), a.attr(), k, w.pos().line());
                    Cursor outer = enclosing(cursor);
                    if (outer == null) return new Trips(count, fromZero, null, cursor);
                    // an enclosing loop runs once per outer.step steps of the same cursor at most: together,
                    // this loop's iterations take no more steps than there are, outer.step / k per outer iteration
                    // on average; what all of them keep is bounded so, what one run holds and drops may be more
                    return new Trips(Sym.of(outer.step() / k), "while loop at line " + w.pos().line() + " shares the cursor "
                            + Interpreter.text(i) + " with the loop at line " + outer.line() + ": its iterations taken as that loop's "
                            + "least step over its own, " + Sym.of(outer.step() / k).text() + " per iteration of that loop on average "
                            + "(one run may take more, and hold more at once)",
                            null, cursor);
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
     * The least the body steps an attribute counter (self.pos) by on every iteration, when it is more
     * than nothing: a constant step (self.pos += k) among the body's own statements is found by
     * counterStep; here, the steps of the methods of the counter's owner the body calls (self.advance(),
     * token = self.take(), at any depth through further methods), summed; else null.
     */
    private Sym leastStep(List<Stmt> body, Expr.Attribute counter) {
        Obj owner = evalQuiet(counter.value());
        if (owner == null || owner.cls == null || rewound(body, Interpreter.text(counter.value()), counter.attr(), owner.cls)) return null;
        double k = steps(body, Interpreter.text(counter.value()), counter.attr(), owner.cls, new HashMap<>(), true);
        return k > 0 ? Sym.of(k) : null;
    }

    /**
     * Whether the counter may move other than up by a constant: the loop body, or a method of its
     * owner's class other than __init__, assigns it (a backtracking parser's self.pos = saved) or
     * steps it by anything else; its steps then bound nothing.
     */
    private boolean rewound(List<Stmt> body, String receiver, String attr, String cls) {
        if (movesOtherwise(body, receiver + "." + attr)) return true;
        for (var c : in.index.lineage(cls)) {
            for (Stmt.FunctionNode fn : c.methods().values()) {
                List<String> params = fn.args().names();
                if (!fn.name().equals("__init__") && !params.isEmpty() && movesOtherwise(fn.body(), params.get(0) + "." + attr)) return true;
            }
        }
        return false;
    }

    private static boolean movesOtherwise(List<Stmt> body, String counter) {
        return dev.memlint.semantic.NodeChildren.anyMatch(body, n -> {
            if (n instanceof Stmt.AugAssign a && Interpreter.text(a.target()).equals(counter)) {
                return !(a.op() == Operator.Add && a.value() instanceof Expr.Constant c && c.value() instanceof BigInteger v && v.signum() > 0);
            }
            if (n instanceof Stmt.Assign a) return a.targets().stream().anyMatch(t -> binds(t, counter));
            if (n instanceof Stmt.AnnAssign a) return binds(a.target(), counter);
            return n instanceof Stmt.For f && binds(f.target(), counter);
        });
    }

    /** Whether an assignment target binds the counter, itself or as a part of a tuple or list unpacked. */
    private static boolean binds(Expr target, String counter) {
        if (target instanceof Expr.TupleExpr t) return t.elts().stream().anyMatch(e -> binds(e, counter));
        if (target instanceof Expr.ListExpr l) return l.elts().stream().anyMatch(e -> binds(e, counter));
        if (target instanceof Expr.Starred s) return binds(s.value(), counter);
        return target instanceof Expr.Attribute && Interpreter.text(target).equals(counter);
    }

    /**
     * The constant steps of receiver.attr every run of the statements to their end takes: at their top
     * level, and in the methods of cls they call on receiver outside branches and loops (a raise leaves
     * the loop as well); the sum stops at a statement that may end the run before the rest (a return in
     * a method, a continue in the loop body). A method called while its own steps are being summed
     * (recursion) adds nothing.
     */
    private double steps(List<Stmt> body, String receiver, String attr, String cls, Map<Stmt.FunctionNode, Double> known, boolean loopBody) {
        double k = 0;
        String counter = receiver + "." + attr;
        for (Stmt s : body) {
            if (s instanceof Stmt.AugAssign a && Interpreter.text(a.target()).equals(counter) && a.op() == Operator.Add
                    && a.value() instanceof Expr.Constant c && c.value() instanceof BigInteger v && v.signum() > 0) {
                k += v.doubleValue();
            }
            for (Expr.Call c : unconditionalCalls(s)) {
                if (!(c.func() instanceof Expr.Attribute m && Interpreter.text(m.value()).equals(receiver))) continue;
                Stmt.FunctionNode fn = in.index.method(cls, m.attr());
                List<String> params = fn == null ? List.of() : fn.args().names();
                if (params.isEmpty()) continue;
                Double each = known.get(fn);
                if (each == null) {
                    known.put(fn, 0.0);
                    each = steps(fn.body(), params.get(0), attr, cls, known, false);
                    known.put(fn, each);
                }
                k += each;
            }
            if (s instanceof Stmt.Return || mayEndEarly(s, loopBody)) break;
        }
        return k;
    }

    /** Whether a compound statement holds a return (a continue, in a loop body) that would skip the statements after it. */
    private static boolean mayEndEarly(Stmt s, boolean loopBody) {
        if (s instanceof Stmt.ExprStmt || s instanceof Stmt.Assign || s instanceof Stmt.AugAssign || s instanceof Stmt.AnnAssign) return false;
        return dev.memlint.semantic.NodeChildren.anyMatch(List.of(s), n -> loopBody ? n instanceof Stmt.Continue : n instanceof Stmt.Return);
    }

    /** The calls a statement makes whenever it runs: in its value or test, outside short-circuits, branches, lambdas and comprehensions. */
    private static List<Expr.Call> unconditionalCalls(Stmt s) {
        List<Expr.Call> out = new ArrayList<>();
        Expr e = s instanceof Stmt.ExprStmt x ? x.value() : s instanceof Stmt.Assign a ? a.value() : s instanceof Stmt.AugAssign a ? a.value()
                : s instanceof Stmt.AnnAssign a ? a.value() : s instanceof Stmt.Return r ? r.value() : s instanceof Stmt.If f ? f.test()
                : s instanceof Stmt.While w ? w.test() : s instanceof Stmt.For f ? f.iter() : null;
        if (e != null) unconditionalCalls(e, out);
        return out;
    }

    private static void unconditionalCalls(Expr e, List<Expr.Call> out) {
        if (e instanceof Expr.Call c) {
            unconditionalCalls(c.func(), out);
            for (Expr a : c.args()) unconditionalCalls(a, out);
            for (var kw : c.keywords()) unconditionalCalls(kw.value(), out);
            out.add(c);
        } else if (e instanceof Expr.Attribute a) {
            unconditionalCalls(a.value(), out);
        } else if (e instanceof Expr.Subscript s) {
            unconditionalCalls(s.value(), out);
            unconditionalCalls(s.slice(), out);
        } else if (e instanceof Expr.BinOp b) {
            unconditionalCalls(b.left(), out);
            unconditionalCalls(b.right(), out);
        } else if (e instanceof Expr.UnaryOp u) {
            unconditionalCalls(u.operand(), out);
        } else if (e instanceof Expr.BoolOp b) {
            unconditionalCalls(b.values().get(0), out);
        } else if (e instanceof Expr.IfExp x) {
            unconditionalCalls(x.test(), out);
        } else if (e instanceof Expr.Compare c) {
            unconditionalCalls(c.left(), out);
            unconditionalCalls(c.comparators().get(0), out);
        } else if (e instanceof Expr.TupleExpr t) {
            for (Expr x : t.elts()) unconditionalCalls(x, out);
        } else if (e instanceof Expr.ListExpr l) {
            for (Expr x : l.elts()) unconditionalCalls(x, out);
        } else if (e instanceof Expr.Starred s) {
            unconditionalCalls(s.value(), out);
        } else if (e instanceof Expr.NamedExpr n) {
            unconditionalCalls(n.value(), out);
        } else if (e instanceof Expr.FormattedValue f) {
            unconditionalCalls(f.value(), out);
        } else if (e instanceof Expr.JoinedStr j) {
            for (Expr x : j.values()) unconditionalCalls(x, out);
        }
    }

    /** The loop walking the same cursor that encloses this one (in this call or a caller), or null. */
    private Cursor enclosing(Cursor cursor) {
        if (cursor.owner() == null) return null;
        for (Interpreter.Loop l : in.loops) {
            if (l.cursor != null && l.cursor.owner() == cursor.owner() && l.cursor.attr().equals(cursor.attr())) return l.cursor;
        }
        return null;
    }

    /**
     * For while recv.m() is not None (or while recv.m():, first of an and), m a method of recv's class
     * that gives None once a counter self.c reaches a bound (return self.items[self.c] if self.c <
     * len(self.items) else None, or if self.c >= len(self.items): return None before its return): the
     * comparison that keeps the loop going, in recv's terms (recv.c < len(recv.items)); else null.
     */
    private Expr.Compare peekBound(Expr test) {
        Expr t = test instanceof Expr.BoolOp b && b.op() == BoolOperator.And ? b.values().get(0) : test;
        if (t instanceof Expr.Compare c && c.ops().size() == 1 && c.ops().get(0) == CmpOp.IsNot && isNone(c.comparators().get(0))) {
            t = c.left();
        }
        if (!(t instanceof Expr.Call call && call.func() instanceof Expr.Attribute m && call.args().isEmpty() && call.keywords().isEmpty())) {
            return null;
        }
        Obj owner = evalQuiet(m.value());
        Stmt.FunctionNode fn = owner == null || owner.cls == null ? null : in.index.method(owner.cls, m.attr());
        List<String> params = fn == null ? List.of() : fn.args().names();
        if (params.size() != 1) return null;
        Expr.Compare guard = guard(fn.body());
        if (guard == null || !(guard.left() instanceof Expr.Attribute c && c.value() instanceof Expr.Name self && self.id().equals(params.get(0)))) {
            return null;
        }
        Expr left = rebased(guard.left(), params.get(0), m.value()), right = rebased(guard.comparators().get(0), params.get(0), m.value());
        return left == null || right == null ? null : new Expr.Compare(left, guard.ops(), List.of(right), test.pos());
    }

    /** The comparison a method's result is not None under: return x if c else None, or if not c: return None first. */
    private static Expr.Compare guard(List<Stmt> body) {
        if (body.size() == 1 && body.get(0) instanceof Stmt.Return r && r.value() instanceof Expr.IfExp x && x.test() instanceof Expr.Compare c
                && c.ops().size() == 1) {
            if (isNone(x.orelse()) && !isNone(x.body())) return c;
            if (isNone(x.body()) && !isNone(x.orelse())) return negated(c);
        }
        if (body.size() >= 2 && body.get(0) instanceof Stmt.If f && f.orelse().isEmpty() && f.body().size() == 1
                && f.body().get(0) instanceof Stmt.Return r && (r.value() == null || isNone(r.value()))
                && f.test() instanceof Expr.Compare c && c.ops().size() == 1) {
            return negated(c);
        }
        return null;
    }

    /** a < b for a >= b and a <= b for a > b; null for another comparison. */
    private static Expr.Compare negated(Expr.Compare c) {
        CmpOp op = c.ops().get(0) == CmpOp.GtE ? CmpOp.Lt : c.ops().get(0) == CmpOp.Gt ? CmpOp.LtE : null;
        return op == null ? null : new Expr.Compare(c.left(), List.of(op), c.comparators(), c.pos());
    }

    private static boolean isNone(Expr e) {
        return e instanceof Expr.Constant k && k.value() == null;
    }

    /** e with the name self read as recv: names, attributes, constants and len() of them; null for anything else. */
    private static Expr rebased(Expr e, String self, Expr recv) {
        if (e instanceof Expr.Name n) return n.id().equals(self) ? recv : e;
        if (e instanceof Expr.Constant) return e;
        if (e instanceof Expr.Attribute a) {
            Expr v = rebased(a.value(), self, recv);
            return v == null ? null : new Expr.Attribute(v, a.attr(), a.ctx(), a.pos());
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("len") && c.args().size() == 1 && c.keywords().isEmpty()) {
            Expr v = rebased(c.args().get(0), self, recv);
            return v == null ? null : new Expr.Call(c.func(), List.of(v), c.keywords(), c.pos());
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
