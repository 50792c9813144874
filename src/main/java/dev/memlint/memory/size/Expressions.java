package dev.memlint.memory.size;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.memory.heap.ModuleIndex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Expressions evaluated to the objects they make or read: displays, comprehensions, subscripts, attributes. */
final class Expressions {
    private final Interpreter in;

    Expressions(Interpreter in) {
        this.in = in;
    }

    Obj eval(Expr e) {
        if (e == null) return null;
        in.step();
        Obj v = evalNode(e);
        if (v != null && v.fresh && !v.cyclic && in.cyclicNodes.contains(e)) {
            in.touch(v);
            v.cyclic = true;
            // a generator's or an exception's cycle runs through a frame, which what holds it may keep alive
            if (v.kind != Obj.Kind.GENERATOR && v.kind != Obj.Kind.EXCEPTION) in.cyclicMade.add(v);
        }
        return v;
    }

    private Obj evalNode(Expr e) {
        if (e instanceof Expr.Name n) return in.scopes.lookup(n.id());
        if (e instanceof Expr.Constant c) return constant(c);
        if (e instanceof Expr.ListExpr l) return display(Obj.Kind.LIST, l.elts());
        if (e instanceof Expr.TupleExpr t) {
            if (t.elts().stream().allMatch(x -> x instanceof Expr.Constant)) {
                Obj o = new Obj(Obj.Kind.TUPLE, Sym.of(t.elts().size()), false, in.clock++);
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
            Obj gen = in.fixed(Obj.Kind.GENERATOR, in.model.generator(6));
            gen.genexp = g;
            gen.closureFrame = in.frame();
            // CPython runs the expression as a nested function called at once: the generator's frame
            // keeps that function (with its closure) alive, and the iterator of the source it was handed
            gen.attrs.put("f_func", in.scopes.closure(in.syntax.free(g)));
            Obj first = eval(g.generators().get(0).iter());
            if (first != null && !in.builtins.consumable(first)) {
                gen.attrs.put("f_iter", in.fixed(Obj.Kind.OPAQUE, in.model.sequenceIterator()));
            } else if (first != null && "range".equals(first.producer)) {
                gen.attrs.put("f_iter", in.fixed(Obj.Kind.OPAQUE, in.model.rangeIterator()));
            }
            gen.sources = first == null ? List.of() : List.of(first);
            return gen;
        }
        if (e instanceof Expr.BinOp b) return in.operators.binOp(b);
        if (e instanceof Expr.Call c) return in.calls.call(c);
        if (e instanceof Expr.JoinedStr j) return joinedStr(j);
        if (e instanceof Expr.IfExp i) {
            Boolean truth = in.conditions.test(i.test());
            if (truth != null) return eval(truth ? i.body() : i.orelse());
            Obj a = eval(i.body()), b = eval(i.orelse());
            // the one that holds more of its own: a name's value (k if k < 2 else f(k)) holds nothing new
            Obj chosen = in.addedWeight(a) >= in.addedWeight(b) && a != null ? a : b;
            if (chosen != null && a != null && b != null && distinctOf(a) != null && distinctOf(b) != null) {
                if (!chosen.fresh) { // a constant, shared: a copy that knows it is one of two
                    chosen = chosen.constantCopy(in.clock++);
                }
                in.touch(chosen);
                chosen.distinct = Sym.add(distinctOf(a), distinctOf(b));
            }
            return chosen;
        }
        if (e instanceof Expr.NamedExpr n) {
            Obj v = eval(n.value());
            in.bindings.bind(n.target(), v);
            return v;
        }
        if (e instanceof Expr.Subscript s) return subscript(s);
        if (e instanceof Expr.Attribute a) return attribute(eval(a.value()), a.attr(), a);
        if (e instanceof Expr.Lambda l) {
            Obj fn = in.scopes.closure(in.syntax.free(l));
            fn.lambda = l;
            return fn;
        }
        if (e instanceof Expr.BoolOp b) {
            Obj last = null;
            for (Expr x : b.values()) {
                Obj v = eval(x);
                if (last == null || in.weight(v) > in.weight(last)) last = v;
            }
            return last;
        }
        if (e instanceof Expr.Compare c) {
            eval(c.left());
            c.comparators().forEach(this::eval);
            return in.constantBool();
        }
        if (e instanceof Expr.UnaryOp u) {
            Obj v = eval(u.operand());
            if (u.op() == UnaryOperator.Not) return in.constantBool();
            if (v != null && v.kind == Obj.Kind.INT && v.value != null) return in.computedInt(Sym.mul(Sym.of(-1), v.value));
            return v;
        }
        if (e instanceof Expr.Yield y) {
            Obj v = y.value() == null ? in.none() : eval(y.value());
            Interpreter.Frame f = in.frame();
            if (f.onYield != null) f.onYield.accept(v);
            return null; // what send() passes in
        }
        if (e instanceof Expr.YieldFrom y) {
            Obj src = eval(y.value());
            Interpreter.Frame f = in.frame();
            if (f.onYield != null) {
                Consumer<Obj> target = f.onYield;
                in.iterables.produce(src, target::accept, y);
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

    Obj constant(Expr.Constant c) {
        Object v = c.value();
        if (v instanceof String s) {
            Obj o = new Obj(Obj.Kind.STR, Sym.of(s.length()), false, in.clock++);
            int max = s.codePoints().max().orElse(0);
            o.fixed = Sym.of(max < 256 ? 1 : max < 65536 ? 2 : 4);
            o.literal = s;
            return o;
        }
        if (v instanceof dev.memlint.ast.Bytes b) return new Obj(Obj.Kind.BYTES, Sym.of(b.data().length), false, in.clock++);
        if (v instanceof BigInteger i) return in.constantInt(Sym.of(i.doubleValue()));
        if (v instanceof Boolean b) {
            Obj o = in.constantBool();
            o.value = Sym.of(b ? 1 : 0);
            return o;
        }
        if (v == null) return in.none();
        if (v instanceof Double) return new Obj(Obj.Kind.FLOAT, null, false, in.clock++);
        return null;
    }

    private Obj display(Obj.Kind kind, List<Expr> elts) {
        Obj o = in.make(kind, Sym.ZERO);
        Sym count = Sym.ZERO;
        in.temps.add(o);
        try {
            for (Expr x : elts) {
                if (x instanceof Expr.Starred st) {
                    Obj src = eval(st.value());
                    Sym n = src == null || src.count == null ? Sym.var("len(" + Interpreter.text(st.value()) + ")") : src.count;
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
            in.temps.remove(o);
        }
        o.count = count;
        if (kind == Obj.Kind.LIST) o.layout = Obj.Layout.EXACT;
        return o;
    }

    private Obj dictDisplay(Expr.DictExpr d) {
        Obj dict = in.make(Obj.Kind.DICT, Sym.ZERO);
        dict.strKeys = true;
        in.temps.add(dict);
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
                String entry = Containers.constantEntry(k);
                if (entry != null && value != null) dict.attrs.put(entry, value);
            }
        } finally {
            in.temps.remove(dict);
        }
        dict.count = count;
        dict.layout = Obj.Layout.EXACT; // a display is presized
        return dict;
    }

    private Obj comprehension(List<Comprehension> gens, Expr elt, Expr value, Obj.Kind kind) {
        Obj out = in.make(kind, Sym.ZERO);
        out.layout = Obj.Layout.APPENDED;
        out.strKeys = kind == Obj.Kind.DICT;
        in.temps.add(out);
        Map<String, Obj> saved = new LinkedHashMap<>(in.frame().env);
        try {
            in.iterables.produceComprehension(gens, 0, null, () -> {
                Obj k = eval(elt);
                Obj v = value == null ? null : eval(value);
                List<Obj.Group> groups = new ArrayList<>();
                if (k != null && (kind != Obj.Kind.DICT || k.fresh)) groups.add(new Obj.Group(Sym.of(1), k));
                if (v != null) groups.add(new Obj.Group(Sym.of(1), v));
                in.touch(out);
                if (kind == Obj.Kind.DICT && !(k != null && k.kind == Obj.Kind.STR)) out.strKeys = false;
                if (out.item == null) out.item = k;
                if (out.value2 == null) out.value2 = v;
                // a set's or dict's keys that take few values (f"k{i % 50}") repeat: one entry per distinct one
                Sym distinct = kind != Obj.Kind.LIST && k != null && k.literal == null ? distinctOf(k) : null;
                if (distinct != null) Containers.capKeys(out, distinct);
                in.containers.growBy(out, Sym.of(1), groups, Sym.ZERO);
            }, Set.of());
        } finally {
            in.temps.remove(out);
            Interpreter.Frame f = in.frame();
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
        // the loop counters a field is made of, when it is an int computed from counters (f"key{i}")
        Set<String> loopVars = new HashSet<>();
        for (Interpreter.Loop l : in.loops) if (l.var != null) loopVars.add(l.var);
        List<Obj.Piece> pieces = new ArrayList<>();
        for (Expr part : j.values()) {
            if (part instanceof Expr.Constant c && c.value() instanceof String s) {
                pieces.add(Obj.Piece.literal(s));
            } else if (part instanceof Expr.FormattedValue fv) {
                Obj v = eval(fv.value());
                if (fv.formatSpec() != null) eval(fv.formatSpec());
                boolean counted = v != null && v.kind == Obj.Kind.INT && v.value != null
                        && !v.value.symbols().isEmpty() && loopVars.containsAll(v.value.symbols());
                pieces.add(new Obj.Piece(null, in.texts.formattedLength(v, fv.formatSpec()), v == null ? null : distinctOf(v),
                        counted ? v.value.symbols() : null, v != null && v.kind == Obj.Kind.INT && fv.formatSpec() == null));
            }
        }
        Obj text = in.texts.ofPieces(pieces);
        text.pieces = pieces;
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
        in.temps.add(container);
        Obj key;
        try {
            key = eval(s.slice());
        } finally {
            in.temps.remove(in.temps.size() - 1);
        }
        if (container == null) return null;
        if (s.slice() instanceof Expr.Slice sl) {
            Sym n = sliceLength(sl, container);
            return switch (container.kind) {
                case STR -> {
                    Obj out = in.str(n);
                    out.fixed = container.fixed;
                    yield out;
                }
                case BYTES -> in.make(Obj.Kind.BYTES, n);
                case LIST, TUPLE, UNKNOWN -> {
                    Obj out = in.make(container.kind == Obj.Kind.TUPLE ? Obj.Kind.TUPLE : Obj.Kind.LIST, n);
                    Obj element = elementOf(container);
                    if (element != null) out.groups.add(new Obj.Group(n == null ? Sym.of(1) : n, element));
                    out.item = element;
                    yield out;
                }
                default -> null;
            };
        }
        if (container.kind == Obj.Kind.DICT && container.cls != null && in.index.method(container.cls, "__getitem__") != null
                && in.canFollow()) {
            return in.calls.inline(in.index.method(container.cls, "__getitem__"), container, java.util.Arrays.asList(key), Map.of(), s);
        }
        if (container.kind == Obj.Kind.DICT) {
            String entry = Containers.constantEntry(s.slice());
            if (entry != null && container.attrs.containsKey(entry)) return container.attrs.get(entry);
            if (container.value2 == null && container.defaultFactory != null) {
                Obj v = in.calls.callObject(container.defaultFactory, List.of(), Map.of(), s);
                in.bindings.setItem(container, key, s.slice(), v);
                in.containers.sharedUnderRepeatedKey(v, key, s.slice());
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
        if (container.kind == Obj.Kind.STR) return in.constantStr(1);
        if (container.kind == Obj.Kind.INSTANCE && container.cls != null) {
            Stmt.FunctionNode get = in.index.method(container.cls, "__getitem__");
            if (get != null) return in.calls.inline(get, container, java.util.Arrays.asList(key), Map.of(), s);
        }
        return elementOf(container);
    }

    private Sym sliceLength(Expr.Slice sl, Obj container) {
        Sym n = container.count;
        if (sl.upper() != null && sl.lower() != null) {
            Sym hi = in.operators.scalarOf(sl.upper(), eval(sl.upper())), lo = in.operators.scalarOf(sl.lower(), eval(sl.lower()));
            if (hi != null && lo != null) {
                Sym d = Footprint.difference(hi, lo);
                if (d != null) n = d;
                else if (hi instanceof Sym.Const a && lo instanceof Sym.Const b) n = Sym.of(Math.max(0, a.value() - b.value()));
            }
        } else if (sl.upper() != null && sl.lower() == null) {
            Sym hi = in.operators.scalarOf(sl.upper(), eval(sl.upper()));
            if (hi instanceof Sym.Const c && c.value() >= 0 || hi != null && !(hi instanceof Sym.Const)) {
                n = n == null ? hi : Sym.min(hi, n); // a bound the code computed (min(len(items), 50)) counts too
            }
        } else if (sl.lower() != null) {
            Sym lo = in.operators.scalarOf(sl.lower(), eval(sl.lower()));
            if (lo instanceof Sym.Const c && c.value() < 0) n = Sym.of(-c.value());
            else if (n != null && lo instanceof Sym.Const c) n = Sym.add(n, Sym.of(-c.value()));
        }
        if (sl.step() != null) {
            Sym k = in.operators.scalarOf(sl.step(), eval(sl.step()));
            if (n != null && k instanceof Sym.Const c && c.value() > 1) n = Sym.mul(Sym.of(1 / c.value()), n);
        }
        return n;
    }

    /** The representative item of a container (made up, and kept, for one given to the call). */
    Obj elementOf(Obj container) {
        if (container == null) return null;
        if (container.item != null) return container.item;
        if (!container.groups.isEmpty()) return container.groups.get(container.groups.size() - 1).item();
        Obj added = in.containers.addedNow(container);
        if (added != null) return added;
        if (container.fresh || container.kind == Obj.Kind.NONE) return null;
        Obj item = in.given(Obj.Kind.UNKNOWN, in.pathOf(container) + "[]");
        item.count = Sym.of(Interpreter.ITEM_CHARS);
        item.baseCount = item.count;
        in.touch(container);
        container.item = item;
        // standing for every item: what the call adds to one it adds to each
        Sym n = container.count != null ? container.count : Sym.var("len(" + in.pathOf(container) + ")");
        container.groups.add(new Obj.Group(n, item));
        // the nodes below one item: those below the container, less its own items, shared out among them
        if (container.nodes != null) item.nodes = Sym.div(Sym.add(container.nodes, Sym.mul(Sym.of(-1), n)), n);
        item.containerShare = container.containerShare; // its items are as often containers as the others
        if (!in.pathOf(container).contains("[]")) {
            in.limit("items of " + in.pathOf(container) + ": sizes not known, each taken as " + Interpreter.ITEM_CHARS + " characters or items");
        }
        return item;
    }

    /**
     * An attribute read: what was stored there, a method bound to the object, a property's
     * value, or, on an object the call was given, a new unknown object standing for it.
     */
    Obj attribute(Obj o, String attr, Expr where) {
        if (o == null) return null;
        if (o.attrs.containsKey(attr)) return o.attrs.get(attr);
        if ((o.kind == Obj.Kind.INSTANCE || o.kind == Obj.Kind.CLASS || o.kind == Obj.Kind.EXCEPTION || o.kind == Obj.Kind.DICT)
                && o.cls != null) {
            Stmt.FunctionNode m = in.index.method(o.cls, attr);
            if (m != null) {
                ModuleIndex.MethodKind kind = ModuleIndex.kindOf(m);
                switch (kind) {
                    case PROPERTY, CACHED_PROPERTY -> {
                        Obj v = in.canFollow() ? in.calls.inline(m, o, List.of(), Map.of(), where) : null;
                        if (kind == ModuleIndex.MethodKind.CACHED_PROPERTY) in.bindings.setAttr(o, attr, v);
                        return v;
                    }
                    case STATIC -> {
                        Obj fn = in.given(Obj.Kind.FUNCTION, attr);
                        fn.function = m;
                        return fn;
                    }
                    default -> {
                        if (o.kind == Obj.Kind.CLASS && kind == ModuleIndex.MethodKind.INSTANCE) {
                            Obj fn = in.given(Obj.Kind.FUNCTION, attr);
                            fn.function = m;
                            return fn;
                        }
                        Obj bound = in.fixed(Obj.Kind.BOUND_METHOD, in.model.boundMethod());
                        bound.function = m;
                        bound.attrs.put("__self__", o);
                        return bound;
                    }
                }
            }
            Obj classValue = in.classes.classAttribute(o.cls, attr);
            if (classValue != null) return classValue;
            // one the metaclass set from the class body: an instance the call made is of exactly its class
            Obj fromMetaclass = o.fresh && o.kind == Obj.Kind.INSTANCE ? in.classes.metaclassAttribute(o.cls, attr) : null;
            if (fromMetaclass != null) return fromMetaclass;
        }
        if (o.kind == Obj.Kind.FUNCTION && "builtin".equals(o.producer) && Library.isBuiltinType(in.pathOf(o))) {
            // str.upper, dict.items...: an unbound method, called with its receiver first (map(str.upper, names))
            Obj fn = in.given(Obj.Kind.FUNCTION, in.pathOf(o) + "." + attr);
            fn.producer = "unbound";
            return fn;
        }
        if (o.kind == Obj.Kind.CLASS && o.cls != null && attr.equals("__name__")) {
            Obj name = in.given(Obj.Kind.STR, in.pathOf(o) + ".__name__"); // the class's own name: nothing new
            name.count = Sym.of(o.cls.length());
            return name;
        }
        if (o.kind == Obj.Kind.MODULE) {
            Obj m = in.given(Obj.Kind.MODULE, in.pathOf(o) + "." + attr);
            return m;
        }
        if (!o.fresh && (o.kind == Obj.Kind.UNKNOWN || o.kind == Obj.Kind.INSTANCE || o.kind == Obj.Kind.CLASS)) {
            String path = in.pathOf(o) + "." + attr;
            Obj v = in.given(Obj.Kind.UNKNOWN, path);
            boolean ofItem = path.contains("[]"); // an item's attributes are sized as items are
            v.count = ofItem ? Sym.of(Interpreter.ITEM_CHARS) : Sym.var("len(" + path + ")");
            v.baseCount = v.count;
            v.value = ofItem ? null : Sym.var(path);
            // what is nested below an item is nested in its attributes; a parameter's attribute is data of its own
            v.nodes = ofItem ? o.nodes : Interpreter.nestedData(v.count, path);
            if (ofItem) v.containerShare = o.containerShare;
            in.touch(o);
            o.attrs.put(attr, v);
            return v;
        }
        Obj ofFrame = o.frameOf != null ? frameAttribute(o, attr) : null;
        return ofFrame != null ? ofFrame : in.classes.attributeOf(o, attr);
    }

    /**
     * A frame object's caller (its frame object, made once per call) or its locals: on 3.11 and 3.12 a
     * dict of the names the call has bound, made on first access and kept by the frame object; from
     * 3.13 (PEP 667) a small proxy made on each access, reading the frame itself. Null for another
     * attribute, or the caller of the call the walk began with.
     */
    private Obj frameAttribute(Obj frame, String attr) {
        Interpreter.Frame of = frame.frameOf;
        if (attr.equals("f_back")) {
            Interpreter.Frame caller = null;
            for (java.util.Iterator<Interpreter.Frame> it = in.frames.iterator(); it.hasNext(); ) {
                if (it.next() == of && it.hasNext()) caller = it.next();
            }
            if (caller == null) return null;
            Obj back = in.exceptions.frameObject(caller);
            frame.attrs.put(attr, back);
            return back;
        }
        if (!attr.equals("f_locals")) return null;
        long bound = of.env.values().stream().filter(java.util.Objects::nonNull).count();
        long proxy = in.model.library("frameLocalsProxy");
        if (proxy > 0) {
            Obj p = in.fixed(Obj.Kind.OPAQUE, proxy);
            p.count = Sym.of(bound);
            p.item = in.constantStr(8);
            return p;
        }
        Obj locals = in.make(Obj.Kind.DICT, Sym.of(bound));
        locals.strKeys = true;
        in.touch(frame);
        frame.attrs.put(attr, locals);
        return locals;
    }
}
