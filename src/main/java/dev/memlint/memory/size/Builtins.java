package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builtin functions: constructors and copies of containers, range, iter and next, open, super. */
final class Builtins {
    private final Interpreter in;

    Builtins(Interpreter in) {
        this.in = in;
    }

    Obj call(String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call c) {
        Obj first = Library.arg(args, 0);
        Expr firstExpr = c.args().isEmpty() ? null : c.args().get(0);
        switch (name) {
            case "range": return range(args, c);
            case "len": {
                Obj n = in.constantInt(first == null || first.countAtMost ? null : first.count != null ? first.count
                        : first.path != null ? Sym.var("len(" + first.path + ")") : null);
                if (first != null && first.kind == Obj.Kind.INSTANCE && first.cls != null
                        && in.index.method(first.cls, "__len__") != null) {
                    in.calls.inline(in.index.method(first.cls, "__len__"), first, List.of(), Map.of(), c);
                }
                return n;
            }
            case "isinstance": case "issubclass": case "callable": case "hasattr": case "bool":
                return in.constantBool();
            case "id": case "hash": case "ord":
                return in.computedInt(null);
            case "int": case "abs": case "round":
                return in.computedInt(first == null ? null : first.value);
            case "float":
                return in.aFloat();
            case "complex":
                return in.fixed(Obj.Kind.OPAQUE, in.model.complexObject());
            case "divmod":
                return in.tuple(List.of(in.computedInt(null), in.computedInt(null)));
            case "print": {
                // into a text buffer (file=buf, or stdout redirected to it): the line is written there
                Obj target = kwargs.containsKey("file") ? kwargs.get("file") : in.stdout;
                if (target != null && target.kind == Obj.Kind.TEXT_BUFFER) {
                    // each argument as text, then the separators and the end (one-character strings CPython shares)
                    for (Obj a : args) {
                        Sym chars = in.texts.formattedLength(a, null);
                        in.files.writeText(target, a != null && a.kind == Obj.Kind.STR ? a : in.str(chars), chars, Sym.of(1));
                    }
                    in.files.writeText(target, (Obj) null, Sym.of(Math.max(1, args.size())), Sym.of(Math.max(1, args.size())));
                }
                return in.none();
            }
            case "setattr": case "delattr": case "exec": case "breakpoint":
                if (name.equals("setattr") && args.size() == 3 && c.args().get(1) instanceof Expr.Constant k
                        && k.value() instanceof String attr) {
                    in.bindings.setAttr(first, attr, args.get(2));
                }
                return in.none();
            case "getattr": {
                if (args.size() >= 2 && c.args().get(1) instanceof Expr.Constant k && k.value() instanceof String attr) {
                    Obj v = in.expressions.attribute(first, attr, c);
                    return v != null ? v : Library.arg(args, 2);
                }
                return Library.arg(args, 2);
            }
            case "min": case "max": case "sum": case "any": case "all": {
                if (args.size() == 1 && first != null && consumable(first)) {
                    Obj[] last = {null};
                    Obj total = in.computedInt(null);
                    in.iterables.produce(first, x -> last[0] = x, firstExpr);
                    if (name.equals("any") || name.equals("all")) return in.constantBool();
                    if (name.equals("sum")) return last[0] != null && last[0].kind == Obj.Kind.FLOAT ? in.aFloat() : total;
                    return last[0];
                }
                if (args.size() == 1 && first != null) {
                    if (name.equals("any") || name.equals("all")) return in.constantBool();
                    Obj element = in.expressions.elementOf(first);
                    if (name.equals("sum")) return element != null && element.kind == Obj.Kind.FLOAT ? in.aFloat() : in.computedInt(null);
                    return element;
                }
                if (name.equals("min") || name.equals("max")) {
                    Sym bound = bound(name, args, c);
                    if (bound != null) return in.computedInt(bound);
                    // a cap (min(delay, 60.0)): the constant is what comes back once the cap is reached
                    for (int i = 0; i < args.size() && i < c.args().size(); i++) {
                        if (c.args().get(i) instanceof Expr.Constant && args.get(i) != null) return args.get(i);
                    }
                }
                return name.equals("sum") ? in.computedInt(null) : first;
            }
            case "sorted": case "list": case "tuple": case "set": case "frozenset":
                return copy(name, first, firstExpr, kwargs, c);
            case "dict":
                return dict(first, firstExpr, kwargs);
            case "str": case "repr": case "ascii": case "format":
                if (name.equals("str") && first != null && first.kind == Obj.Kind.STR) return first;
                return in.str(first == null ? Sym.ZERO : in.texts.formattedLength(first, null));
            case "chr":
                return in.constantStr(1);
            case "bytes": case "bytearray": {
                Obj.Kind kind = name.equals("bytes") ? Obj.Kind.BYTES : Obj.Kind.BYTEARRAY;
                if (first == null) return in.make(kind, Sym.ZERO);
                Sym n = first.kind == Obj.Kind.INT || first.value != null ? first.value : in.library.countOf(first, "?");
                if (n == null) n = in.operators.unknownCount(firstExpr);
                return in.make(kind, n);
            }
            case "enumerate": case "zip": case "map": case "filter": case "reversed": case "iter":
                return iterator(name, args, c);
            case "next": {
                Obj v = next(first, c);
                return v != null ? v : Library.arg(args, 1);
            }
            case "open":
                return in.files.open(c);
            case "object":
                return in.fixed(Obj.Kind.OPAQUE, in.model.bareObject());
            case "type": {
                if (args.size() == 3) {
                    Obj bases = args.get(1);
                    Obj base = bases != null && bases.kind == Obj.Kind.TUPLE && !bases.groups.isEmpty() ? bases.groups.get(0).item() : null;
                    // a subclass of an exception type has no __dict__ and __weakref__ descriptors of its own (measured)
                    Expr firstBase = c.args().size() > 1 && c.args().get(1) instanceof Expr.TupleExpr t && !t.elts().isEmpty()
                            ? t.elts().get(0) : null;
                    Obj cls = in.fixed(Obj.Kind.CLASS, in.model.library(isExceptionType(firstBase) ? "exceptionClassObject" : "classObject"));
                    cls.cyclic = true;
                    // its methods are looked up in its bases, in order (Calls.method)
                    if (bases != null && bases.kind == Obj.Kind.TUPLE) {
                        cls.attrs.put("__bases__", bases);
                        if (base != null && base.kind == Obj.Kind.CLASS && base.cls != null && in.index.classNamed(base.cls) != null) cls.cls = base.cls;
                    }
                    Obj namespace = args.get(2);
                    if (namespace != null && namespace.kind == Obj.Kind.DICT) {
                        cls.attrs.put("__dict__", shallowCopy(namespace)); // the class keeps a copy of the namespace
                    }
                    return cls;
                }
                if (first != null && first.cls != null) {
                    Obj cls = in.given(Obj.Kind.CLASS, first.cls);
                    cls.cls = first.cls;
                    return cls;
                }
                return in.given(Obj.Kind.CLASS, "type");
            }
            case "super":
                return superProxy();
            case "vars": case "globals": case "locals": case "dir":
                return in.given(Obj.Kind.UNKNOWN, name + "()");
            case "input":
                return in.str(Sym.of(Interpreter.LINE_CHARS));
            case "memoryview": case "slice": case "property": case "staticmethod": case "classmethod":
                return in.fixed(Obj.Kind.OPAQUE, in.model.slice());
            case "NotImplementedError": case "ValueError": case "TypeError": case "KeyError": case "RuntimeError":
            case "Exception": case "OSError": case "IndexError": case "AttributeError": case "StopIteration":
            case "ZeroDivisionError": case "LookupError": case "ArithmeticError": case "IOError": case "EOFError":
            case "TimeoutError": case "ConnectionError": case "PermissionError": case "FileNotFoundError":
            case "AssertionError": case "UnicodeDecodeError": case "UnicodeEncodeError": case "BaseException":
                return in.exceptions.exception(first);
            default:
                in.library.notFollowed(name, c);
                return null;
        }
    }

    /** Whether the value yields its items by running code: a generator, an iterator, a file, an object with __iter__. */
    boolean consumable(Obj o) {
        return o.kind == Obj.Kind.GENERATOR || o.kind == Obj.Kind.ITERATOR || o.kind == Obj.Kind.FILE
                || o.kind == Obj.Kind.INSTANCE && o.cls != null && in.index.method(o.cls, "__iter__") != null;
    }

    private Obj superProxy() {
        Interpreter.Frame f = in.frame();
        if (f.function == null || f.env.isEmpty()) return null;
        Obj self = f.env.values().iterator().next();
        String owner = null;
        for (ModuleIndex.ClassInfo c : in.index.classes().values()) {
            if (c.methods().containsValue(f.function)) owner = c.name();
        }
        if (owner == null || self == null) return null;
        ModuleIndex.ClassInfo c = in.index.classNamed(owner);
        String base = c.baseNames().isEmpty() ? null : c.baseNames().get(0);
        Obj proxy = in.given(Obj.Kind.INSTANCE, "super()");
        proxy.cls = base != null && in.index.classNamed(base) != null ? base : null;
        proxy.attrs.put("__self__", self);
        proxy.superProxy = true;
        proxy.superReachesLibrary = in.index.lineage(c).stream().anyMatch(x -> !x.onlyKnownBases());
        return proxy;
    }

    private Obj range(List<Obj> args, Expr.Call c) {
        Sym start = Sym.ZERO, stop, step = Sym.of(1);
        if (args.size() == 1) {
            stop = in.operators.scalarOf(c.args().get(0), args.get(0));
        } else if (args.size() >= 2) {
            start = in.operators.scalarOf(c.args().get(0), args.get(0));
            stop = in.operators.scalarOf(c.args().get(1), args.get(1));
            if (args.size() >= 3) step = in.operators.scalarOf(c.args().get(2), args.get(2));
        } else {
            stop = null;
        }
        if (stop == null && !c.args().isEmpty()) stop = in.operators.unknownCount(c.args().get(args.size() == 1 ? 0 : 1));
        Sym trips = null;
        if (stop != null && start != null && step instanceof Sym.Const k && k.value() != 0) {
            Sym span = k.value() > 0 ? Sym.add(stop, Sym.mul(Sym.of(-1), start)) : Sym.add(start, Sym.mul(Sym.of(-1), stop));
            trips = Sym.mul(Sym.of(1 / Math.abs(k.value())), span);
            if (trips instanceof Sym.Const t) trips = Sym.of(Math.max(0, Math.ceil(t.value())));
        }
        if (trips == null && args.size() >= 2 && step instanceof Sym.Const k && k.value() > 0) {
            Double span = offset(c.args().get(0), c.args().get(1)); // range(start, start + 10): ten, whatever start is
            if (span != null) trips = Sym.of(Math.max(0, Math.ceil(span / k.value())));
        }
        if (trips == null) trips = Sym.var("iterations_L" + c.pos().line());
        Obj r = in.fixed(Obj.Kind.ITERATOR, in.model.range());
        r.producer = "range";
        r.count = trips;
        r.value = start;
        r.fixed2 = step;
        return r;
    }

    /** How much stop exceeds start when it is written start + k or k + start (start a name, k a number); else null. */
    private static Double offset(Expr start, Expr stop) {
        if (!(start instanceof Expr.Name || start instanceof Expr.Attribute)
                || !(stop instanceof Expr.BinOp b) || b.op() != dev.memlint.ast.Operator.Add) return null;
        String from = Interpreter.text(start);
        if (Interpreter.text(b.left()).equals(from) && b.right() instanceof Expr.Constant k && k.value() instanceof Number n) {
            return n.doubleValue();
        }
        if (Interpreter.text(b.right()).equals(from) && b.left() instanceof Expr.Constant k && k.value() instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    /** list(x), tuple(x), sorted(x), set(x): a new container holding x's items (shared, not copied). */
    Obj copy(String name, Obj src, Expr srcExpr, Map<String, Obj> kwargs, Expr.Call c) {
        Obj.Kind kind = switch (name) {
            case "tuple" -> Obj.Kind.TUPLE;
            case "set", "frozenset" -> Obj.Kind.SET;
            default -> Obj.Kind.LIST;
        };
        Obj out = in.make(kind, Sym.ZERO);
        if (src == null) {
            if (srcExpr == null) return out;
            out.count = Sym.var("len(" + Interpreter.text(srcExpr) + ")");
            return out;
        }
        Obj key = kwargs.get("key");
        if (consumable(src) && !"range".equals(src.producer)) {
            out.layout = Obj.Layout.APPENDED;
            in.temps.add(out);
            try {
                in.iterables.produce(src, x -> {
                    if (key != null) in.calls.callObject(key, java.util.Arrays.asList(x), Map.of(), c);
                    in.containers.grow(out, Sym.of(1), x);
                }, srcExpr);
            } finally {
                in.temps.remove(out);
            }
            if (kind == Obj.Kind.TUPLE) in.observe(in.footprint.own(out)); // built as a list first
            return out;
        }
        out.layout = Obj.Layout.SIZED;
        if ("range".equals(src.producer)) {
            out.count = src.count;
            out.bulk = new Sym.Growth(Sym.Kind.RANGE_INTS, src.count);
            return out;
        }
        out.count = in.library.countOf(src, Interpreter.text(srcExpr));
        if (src.kind == Obj.Kind.DICT || src.kind == Obj.Kind.STR) {
            Obj item = src.kind == Obj.Kind.STR ? in.constantStr(1) : in.expressions.elementOf(src);
            if (item != null) out.groups.add(new Obj.Group(out.count, item));
            out.item = item;
        } else if (!src.groups.isEmpty()) {
            out.groups.addAll(src.groups);
            out.item = src.item;
        } else {
            Obj item = in.expressions.elementOf(src);
            if (item != null) out.groups.add(new Obj.Group(out.count, item));
            out.item = item;
        }
        if (key != null) {
            Obj item = out.item;
            in.looping.loop(out.count, null, null, Set.of(), c.pos().line(), () -> in.calls.callObject(key, java.util.Arrays.asList(item), Map.of(), c), null);
        }
        if (name.equals("sorted")) {
            // the new list and merge sort's temporary array (half as many pointers) are alive together
            in.temps.add(out);
            in.observe(Sym.mul(Sym.of(4), out.count));
            in.temps.remove(out);
        }
        return out;
    }

    Obj dict(Obj src, Expr srcExpr, Map<String, Obj> kwargs) {
        Obj out = in.make(Obj.Kind.DICT, Sym.ZERO);
        out.strKeys = true;
        if (src != null) {
            out.strKeys = false;
            if (consumable(src)) {
                in.temps.add(out);
                try {
                    in.iterables.produce(src, pair -> {
                        List<Obj> kv = in.bindings.partsOf(pair, 2);
                        List<Obj.Group> groups = new ArrayList<>();
                        for (Obj x : kv) if (x != null) groups.add(new Obj.Group(Sym.of(1), x));
                        in.containers.growBy(out, Sym.of(1), groups, Sym.ZERO);
                        if (out.value2 == null) out.value2 = kv.get(1);
                        if (out.item == null) out.item = kv.get(0);
                    }, srcExpr);
                } finally {
                    in.temps.remove(out);
                }
            } else {
                out.count = in.library.countOf(src, Interpreter.text(srcExpr));
                out.groups.addAll(src.groups);
                out.item = src.item;
                out.value2 = src.value2;
            }
        }
        for (var e : kwargs.entrySet()) {
            out.count = Sym.add(out.count, Sym.of(1));
            if (e.getValue() != null) out.groups.add(new Obj.Group(Sym.of(1), e.getValue()));
        }
        return out;
    }

    private Obj iterator(String name, List<Obj> args, Expr.Call c) {
        long bytes = switch (name) {
            case "enumerate" -> in.model.enumerate() + in.model.sequenceIterator() + in.model.tuple(2);
            case "map" -> in.model.map() + in.model.sequenceIterator() + in.model.tuple(1);
            case "filter" -> in.model.filter() + in.model.sequenceIterator();
            case "zip" -> 72 + in.model.tuple(args.size()) + in.model.sequenceIterator() * args.size();
            default -> in.model.sequenceIterator();
        };
        Obj it = in.fixed(Obj.Kind.ITERATOR, bytes);
        it.producer = name;
        List<Obj> sources = new ArrayList<>();
        if (name.equals("map") || name.equals("filter")) {
            it.partialOf = Library.arg(args, 0);
            for (int i = 1; i < args.size(); i++) sources.add(args.get(i));
        } else {
            sources.addAll(args);
        }
        if (name.equals("iter") && args.size() == 2) {
            it.producer = "call";
            it.partialOf = Library.arg(args, 0);
            sources.clear();
        }
        sources.removeIf(java.util.Objects::isNull);
        it.sources = sources;
        Obj first = sources.isEmpty() ? null : sources.get(0);
        it.count = first == null ? null : first.count;
        return it;
    }

    /** next(it): a generator is walked to its first yield; other iterators give their item. */
    Obj next(Obj it, Expr where) {
        if (it == null) return null;
        Obj[] found = {null};
        try {
            in.iterables.produceFirst(it, x -> found[0] = x, where);
        } catch (RuntimeException e) {
            if (e instanceof Interpreter.OverBudget) throw e;
        }
        return found[0];
    }

    /** The text of a str constant, else null. */
    static String constantText(Expr e) {
        return e instanceof Expr.Constant c && c.value() instanceof String s ? s : null;
    }

    /** A base named as an exception class (ValueError, errors.APIError), or a module class deriving from one. */
    private boolean isExceptionType(Expr base) {
        if (base == null) return false;
        ModuleIndex.ClassInfo own = base instanceof Expr.Name n ? in.index.classNamed(n.id()) : null;
        if (own != null) return in.exceptions.isExceptionClass(own);
        return Exceptions.namedAsException(Interpreter.text(base));
    }

    Obj shallowCopy(Obj src) {
        if (src == null) return null;
        Obj out = in.make(src.kind, src.count);
        out.layout = Obj.Layout.EXACT;
        out.groups.addAll(src.groups);
        out.attrs.putAll(src.attrs);
        out.cls = src.cls;
        out.fixed = src.fixed;
        out.item = src.item;
        out.value2 = src.value2;
        out.strKeys = src.strKeys;
        return out;
    }

    /** min(a, b, ...) or max(...) of numbers: a bound the sizes it limits can use (min(len(items), 50)). */
    private Sym bound(String name, List<Obj> args, Expr.Call c) {
        Sym out = null;
        for (int i = 0; i < args.size(); i++) {
            Sym v = i < c.args().size() ? in.operators.scalarOf(c.args().get(i), args.get(i)) : null;
            if (v == null) return null;
            out = out == null ? v : name.equals("min") ? Sym.min(out, v) : Sym.max(out, v);
        }
        return out;
    }

    /**
     * copy.deepcopy: a copy of every container it reaches, and while it copies, its memo (an id int,
     * a dict entry and a keep-alive reference per object copied). Of a container the call was given,
     * each item is taken as a flat record: a dict of four keys whose values are atomic (shared).
     */
    Obj deepCopy(Obj src, Expr where) {
        if (src == null) return null;
        long memo = in.model.library("deepcopyMemoPerObject");
        if (!src.fresh) {
            Sym n = src.count;
            if (n == null || src.kind != Obj.Kind.UNKNOWN && !src.isSequence()) {
                in.limit("copy.deepcopy at line " + where.pos().line() + ": the size of what it copies is not known");
                return in.given(Obj.Kind.UNKNOWN, "deepcopy");
            }
            // each item's copy a dict of str keys: new dicts, which CPython's dict free lists serve first
            Obj item = in.make(Obj.Kind.DICT, Sym.of(RECORD_KEYS));
            item.strKeys = true;
            Obj out = in.make(Obj.Kind.LIST, n);
            Sym copied = n; // containers copied below the top, each in the memo
            if (src.nodes != null && src.containerShare != null) {
                // nested data: every container in it, at every level, is copied, holding the items nested
                // below the top among them; each taken as a dict (as records are): one per item, the
                // containers past that in the list's bulk
                copied = src.containerShare instanceof Sym.Div d && d.right().equals(src.nodes) ? d.left()
                        : Sym.mul(src.containerShare, src.nodes);
                Sym nested = Sym.add(src.nodes, Sym.mul(Sym.of(-1), n));
                item.count = Sym.div(nested, copied);
                out.bulk = Sym.mul(Sym.add(copied, Sym.mul(Sym.of(-1), n)), new Sym.Growth(Sym.Kind.DICT_INSERTED_STR, item.count));
                in.limit("copy.deepcopy at line " + where.pos().line() + ": each container in " + in.pathOf(src)
                        + " taken as a dict with atomic values");
            } else {
                in.limit("copy.deepcopy at line " + where.pos().line() + ": each item of " + in.pathOf(src)
                        + " taken as a dict of " + RECORD_KEYS + " keys with atomic values");
            }
            out.layout = Obj.Layout.APPENDED;
            out.groups.add(new Obj.Group(n, item));
            out.item = item;
            in.observe(Sym.add(in.footprint.live(List.of(out), x -> false), Sym.mul(Sym.of(memo), Sym.add(copied, Sym.of(1)))));
            return out;
        }
        Obj out = in.make(Obj.Kind.OPAQUE, null);
        Sym[] instances = in.footprint.instanceCopies(List.of(src));
        out.bulk = Sym.add(in.footprint.of(List.of(src), x -> false), instances[0]);
        out.count = src.count;
        // the memo holds every container and instance copied, and each instance's copied state, until the copy is done
        Sym memoised = Sym.add(in.footprint.containers(List.of(src)), instances[2]);
        in.observe(Sym.add(Sym.add(out.bulk, instances[1]), Sym.mul(Sym.of(memo), memoised)));
        return out;
    }

    /** The keys of a record of the given data that deepcopy copies (see deepCopy). */
    private static final int RECORD_KEYS = 4;
}
