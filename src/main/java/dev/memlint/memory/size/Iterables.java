package dev.memlint.memory.size;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** What a for loop or comprehension walks: a container's items, a generator's yields, a library iterator. */
final class Iterables {
    private final Interpreter in;

    Iterables(Interpreter in) {
        this.in = in;
    }

    /** Thrown by a consumer to stop a generator at its first yield (next()). */
    static final class FirstItem extends RuntimeException {
        final Obj item;

        FirstItem(Obj item) {
            super(null, null, false, false);
            this.item = item;
        }
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
        in.step();
        switch (src.kind) {
            case GENERATOR -> {
                if (src.genexp != null) {
                    // the expression's own scope, reading the names of the frame that made it
                    Interpreter.Frame consumer = in.frame();
                    in.frames.push(new Interpreter.Frame(null, new LinkedHashMap<>(), src.closureFrame, in.clock));
                    try {
                        produceComprehension(src.genexp.generators(), 0, src.sources.isEmpty() ? null : src.sources.get(0), () -> {
                            Obj v = in.expressions.eval(src.genexp.elt());
                            in.frames.push(consumer);
                            try {
                                body.accept(v);
                            } finally {
                                in.frames.pop();
                            }
                        }, Set.of());
                    } finally {
                        in.frames.pop();
                    }
                } else if (src.function != null) {
                    runGenerator(src, body, where);
                } else {
                    unknownLoop(line, body, carried);
                }
            }
            case ITERATOR -> in.producers.produceIterator(src, body, where, carried);
            case LIST, TUPLE, SET, DICT -> {
                Sym n = in.containers.countNow(src);
                if (n == null) {
                    unknownLoop(line, body, carried);
                } else {
                    Obj element = in.expressions.elementOf(src);
                    if (!src.fresh) in.looping.over = src;
                    in.looping.loop(n, null, element, madeSince(src, element), carried, line, () -> body.accept(element), null);
                }
            }
            case STR -> in.looping.loop(src.count == null ? Sym.var("len(" + in.pathOf(src) + ")") : src.count, null, null, carried,
                    line, () -> body.accept(in.constantStr(1)), null);
            case BYTES, BYTEARRAY -> in.looping.loop(src.count == null ? Sym.var("len(" + in.pathOf(src) + ")") : src.count, null, null,
                    carried, line, () -> body.accept(in.constantInt(Sym.of(128))), null);
            case FILE, TEXT_BUFFER -> in.files.produceLines(src, body, line, carried);
            case INSTANCE -> {
                Stmt.FunctionNode iter = src.cls == null ? null : in.index.method(src.cls, "__iter__");
                if (iter != null && in.canFollow()) {
                    Obj it = in.calls.inline(iter, src, List.of(), Map.of(), where);
                    produce(it == src ? null : it, body, where, carried);
                } else {
                    unknownLoop(line, body, carried);
                }
            }
            case UNKNOWN -> {
                Sym n = src.count != null ? src.count : Sym.var("len(" + in.pathOf(src) + ")");
                Obj element = in.expressions.elementOf(src);
                in.looping.over = src;
                in.looping.loop(n, null, element, carried, line, () -> body.accept(element), null);
            }
            default -> unknownLoop(line, body, carried);
        }
    }

    /** Runs an iterator up to the first item it yields (next()); what it did until then is kept. */
    void produceFirst(Obj it, Consumer<Obj> found, Expr where) {
        if (it.kind != Obj.Kind.GENERATOR && it.kind != Obj.Kind.ITERATOR) {
            found.accept(in.expressions.elementOf(it));
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

    /**
     * What gen.send(sent) gives back for a coroutine of the module (see Syntax.resume): it runs on
     * from its yield, the yield's target bound to what was sent, through the rest of the loop body,
     * and yields its operand again, as it now stands (average = total / count: a float); null
     * where the generator has another shape.
     */
    Obj resumed(Obj gen, Obj sent, Expr where) {
        Syntax.Resume r = gen.function == null || gen.genexp != null ? null : Syntax.resume(gen.function);
        if (r == null) return null;
        Obj[] out = {null};
        try {
            produce(gen, x -> {
                // the consumer's frame is on top; the generator's is the one below it
                java.util.Iterator<Interpreter.Frame> frames = in.frames.iterator();
                frames.next();
                Interpreter.Frame g = frames.next();
                in.frames.push(g);
                try {
                    if (r.target() != null) g.env.put(r.target(), sent);
                    in.walker.restOfLoopBody(gen.function, r.loop(), r.at());
                    out[0] = r.yield().value() == null ? in.none() : in.expressions.eval(r.yield().value());
                } finally {
                    in.frames.pop();
                }
                throw new FirstItem(out[0]);
            }, where);
        } catch (FirstItem stop) {
            // the generator waits at its yield again
        }
        return out[0];
    }

    /** The most items a loop over items known one by one is walked item by item for. */
    static final int MAX_KNOWN_ITEMS = 8;

    /**
     * A loop over a tuple or list whose items the walk knows one by one (a display, (f"dir{i}",
     * f"file{i}")) runs its body once per item, in order, as CPython does: each item is itself, and
     * what one pass leaves in a name (node = node.add(part)) is what the next one starts from. False
     * when the items are not known so (then the loop is walked once for a representative item).
     */
    boolean eachKnown(Obj src, Consumer<Obj> body) {
        if (src == null || src.kind != Obj.Kind.TUPLE && src.kind != Obj.Kind.LIST || !(src.count instanceof Sym.Const c)
                || c.value() < 1 || c.value() > MAX_KNOWN_ITEMS || src.groups.size() != (int) c.value() || !Loops.isZero(src.bulk)) {
            return false;
        }
        List<Obj> items = new java.util.ArrayList<>();
        for (Obj.Group g : src.groups) {
            if (!(g.count() instanceof Sym.Const one && one.value() == 1) || g.item() == null) return false;
            items.add(g.item());
        }
        for (Obj item : items) {
            in.step();
            body.accept(item);
            Interpreter.Flow flow = in.frame().flow;
            if (flow == Interpreter.Flow.RETURN || flow == Interpreter.Flow.RAISE) break;
        }
        return true;
    }

    private void unknownLoop(int line, Consumer<Obj> body, Set<String> carried) {
        in.looping.loop(Sym.var("iterations_L" + line), null, null, carried, line, () -> body.accept(null),
                "loop at line " + line + ": iterations unknown");
    }

    void produceComprehension(List<Comprehension> gens, int i, Obj first, Runnable atElement, Set<String> carried) {
        if (i == gens.size()) {
            atElement.run();
            return;
        }
        Comprehension g = gens.get(i);
        Obj src = i == 0 && first != null ? first : in.expressions.eval(g.iter());
        Consumer<Obj> each = x -> {
            in.bindings.bind(g.target(), x);
            for (Expr cond : g.ifs()) in.conditions.test(cond);
            produceComprehension(gens, i + 1, first, atElement, Set.of());
        };
        if (!eachKnown(src, each)) produce(src, each, g.iter(), carried);
    }

    private void runGenerator(Obj gen, Consumer<Obj> body, Expr where) {
        if (!in.canFollow() || in.recursion(gen.function) >= Interpreter.MAX_RECURSION
                || in.calls.stopsRecursion(gen.function, gen.frame.values())) {
            in.limit("generator " + gen.function.name() + " at line " + where.pos().line() + " not followed");
            unknownLoop(where.pos().line(), body, Set.of());
            return;
        }
        Interpreter.Frame consumer = in.frame();
        Interpreter.Frame g = new Interpreter.Frame(gen.function, gen.frame, gen.closureFrame, in.clock);
        if (in.recursion(gen.function) > 0) g.countedBy = in.looping.recursiveWalk(gen.function, gen.frame.values());
        g.onYield = item -> {
            in.frames.push(consumer);
            Interpreter.Flow saved = consumer.flow;
            try {
                body.accept(item);
            } finally {
                in.frames.pop();
                consumer.flow = saved;
            }
        };
        in.frames.push(g);
        try {
            in.walker.function(gen.function);
        } finally {
            in.frames.pop();
        }
    }

    /** The items an iterator yields: a container's (through iter()), a generator function's yields; null when not known. */
    Sym itemsOf(Obj it) {
        if (it == null) return null;
        if (it.kind == Obj.Kind.ITERATOR && "iter".equals(it.producer) && it.count == null && it.sources.size() == 1) {
            return itemsOf(it.sources.get(0));
        }
        if (it.kind == Obj.Kind.GENERATOR) return it.function == null ? null : yields(it);
        return it.count;
    }

    /**
     * How many items a generator made by a generator function yields: each yield statement at the top
     * of its body once, one in a for loop there (not under an if, nor in a loop that may break or
     * return) once per item of what the loop walks, a range or a name evaluated in the generator's
     * frame. Null for any other yield, which the walk cannot count.
     */
    Sym yields(Obj gen) {
        Interpreter.Frame g = new Interpreter.Frame(gen.function, gen.frame, gen.closureFrame, in.clock);
        in.frames.push(g);
        try {
            return yields(gen.function.body());
        } finally {
            in.frames.pop();
        }
    }

    private Sym yields(List<Stmt> body) {
        Sym total = Sym.ZERO;
        for (Stmt s : body) {
            if (!Syntax.yields(s)) continue;
            if (s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Yield) {
                total = Sym.add(total, Sym.of(1));
            } else if (s instanceof Stmt.For f && !Syntax.yields(f.iter()) && !Syntax.yields(f.orelse()) && !Syntax.breaks(f.body())
                    && !returns(f.body()) && countable(f.iter())) {
                Obj src = in.expressions.eval(f.iter());
                Sym each = yields(f.body());
                if (src == null || src.count == null || each == null) return null;
                total = Sym.add(total, Sym.mul(src.count, each));
            } else {
                return null;
            }
        }
        return total;
    }

    /** An iterable evaluated without a call that could allocate: a name, an attribute, range() of such. */
    private static boolean countable(Expr e) {
        if (e instanceof Expr.Name || e instanceof Expr.Attribute || e instanceof Expr.Constant) return true;
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("range") && c.keywords().isEmpty()) {
            return c.args().stream().allMatch(a -> a instanceof Expr.Name || a instanceof Expr.Constant);
        }
        return false;
    }

    private static boolean returns(List<Stmt> body) {
        boolean[] found = {false};
        dev.memlint.semantic.NodeChildren.walkAll(body, n -> {
            if (n instanceof Stmt.Return) found[0] = true;
        });
        return found[0];
    }

    /** When the loop that filled src with element began (element's own birth when no loop did). */
    private static long madeSince(Obj src, Obj element) {
        for (Obj.Group g : src.groups) {
            if (g.item() == element && g.stamp() != Long.MIN_VALUE) return g.stamp();
        }
        return element == null ? Long.MIN_VALUE : element.born;
    }
}
