package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What builtins, the methods of builtin types and common standard library functions allocate and
 * return, for the size estimator: copies share their source's items, producers (map, zip, filter,
 * enumerate, files, struct.iter_unpack) yield items one by one, io buffers grow with what is
 * written, json and traceback allocate what CPython was measured to. A call with no model is listed
 * in the estimate's limits.
 */
final class Library {
    private static final Set<String> BUILTIN_METHODS = Set.of("append", "extend", "insert", "pop", "remove", "clear",
            "sort", "reverse", "copy", "index", "count", "get", "setdefault", "update", "keys", "values", "items",
            "popitem", "add", "discard", "union", "intersection", "difference", "split", "rsplit", "splitlines",
            "strip", "lstrip", "rstrip", "lower", "upper", "join", "replace", "format", "encode", "decode",
            "startswith", "endswith", "find", "read", "readline", "readlines", "write", "close", "send", "appendleft",
            "popleft", "title", "partition", "hex");
    /** Methods that read a value and allocate nothing the walk needs to follow (the value is scalar). */
    private static final Set<String> SCALAR_METHODS = Set.of("index", "count", "find", "rfind", "rindex",
            "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isidentifier",
            "isnumeric", "isdecimal", "istitle", "isascii", "__len__", "__contains__", "tell", "seek", "flush",
            "fileno", "isatty", "readable", "writable", "seekable", "bit_length", "is_integer", "total_seconds",
            "timestamp", "acquire", "release", "locked", "is_set", "set", "wait", "notify", "notify_all",
            "debug", "info", "warning", "error", "exception", "critical", "log", "isEnabledFor", "setLevel",
            "getEffectiveLevel", "hasHandlers", "issubset", "issuperset", "isdisjoint", "__eq__", "__hash__");
    private static final Set<String> SAME_LENGTH = Set.of("strip", "lstrip", "rstrip", "lower", "upper", "title",
            "capitalize", "casefold", "swapcase", "replace", "removeprefix", "removesuffix", "expandtabs", "translate",
            "center", "ljust", "rjust", "zfill", "format_map");

    /** Iterating a file reads ahead one 8 KiB chunk. */
    private static final long FILE_READ_AHEAD = 8192;

    private final Interpreter in;
    private final SizeModel model;

    Library(Interpreter in) {
        this.in = in;
        this.model = in.model;
    }

    private static final Set<String> BUILTIN_CALLABLES = Set.of("list", "dict", "set", "frozenset", "tuple", "str",
            "int", "float", "bool", "bytes", "bytearray", "sorted", "len", "repr", "abs", "min", "max", "sum", "object",
            "reversed", "enumerate", "zip", "map", "filter", "iter", "next", "print", "round", "hash", "id", "ord", "chr");

    /** Builtins the walk can call when they are passed around as values. */
    static boolean isBuiltinCallable(String name) {
        return BUILTIN_CALLABLES.contains(name);
    }

    static boolean isBuiltinMethodName(String name) {
        return BUILTIN_METHODS.contains(name) || SCALAR_METHODS.contains(name) || SAME_LENGTH.contains(name);
    }

    private void notFollowed(String what, Expr where) {
        in.limit("call of " + what + " at line " + where.pos().line() + " not followed");
    }

    private static Obj arg(List<Obj> args, int i) {
        return i < args.size() ? args.get(i) : null;
    }

    private Sym countOf(Obj o, String fallback) {
        if (o != null && o.count != null) return o.count;
        return Sym.var("len(" + (o != null && o.path != null ? o.path : fallback) + ")");
    }

    // ---- builtins ----

    Obj builtin(String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call c) {
        Obj first = arg(args, 0);
        Expr firstExpr = c.args().isEmpty() ? null : c.args().get(0);
        switch (name) {
            case "range": return range(args, c);
            case "len": {
                Obj n = in.constantInt(first == null ? null : first.count != null ? first.count
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
                return in.fixed(Obj.Kind.OPAQUE, model.complexObject());
            case "divmod":
                return in.tuple(List.of(in.computedInt(null), in.computedInt(null)));
            case "print": case "setattr": case "delattr": case "exec": case "breakpoint":
                if (name.equals("setattr") && args.size() == 3 && c.args().get(1) instanceof Expr.Constant k
                        && k.value() instanceof String attr) {
                    in.bindings.setAttr(first, attr, args.get(2));
                }
                return in.none();
            case "getattr": {
                if (args.size() >= 2 && c.args().get(1) instanceof Expr.Constant k && k.value() instanceof String attr) {
                    Obj v = in.expressions.attribute(first, attr, c);
                    return v != null ? v : arg(args, 2);
                }
                return arg(args, 2);
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
                return name.equals("sum") ? in.computedInt(null) : first;
            }
            case "sorted": case "list": case "tuple": case "set": case "frozenset":
                return copy(name, first, firstExpr, kwargs, c);
            case "dict":
                return dict(first, firstExpr, kwargs);
            case "str": case "repr": case "ascii": case "format":
                if (name.equals("str") && first != null && first.kind == Obj.Kind.STR) return first;
                return in.str(first == null ? Sym.ZERO : formattedLength(first, null));
            case "chr":
                return in.constantStr(1);
            case "bytes": case "bytearray": {
                Obj.Kind kind = name.equals("bytes") ? Obj.Kind.BYTES : Obj.Kind.BYTEARRAY;
                if (first == null) return in.make(kind, Sym.ZERO);
                Sym n = first.kind == Obj.Kind.INT || first.value != null ? first.value : countOf(first, "?");
                if (n == null) n = Sym.var(Interpreter.text(firstExpr));
                return in.make(kind, n);
            }
            case "enumerate": case "zip": case "map": case "filter": case "reversed": case "iter":
                return iterator(name, args, c);
            case "next": {
                Obj v = next(first, c);
                return v != null ? v : arg(args, 1);
            }
            case "open":
                return open(c);
            case "object":
                return in.fixed(Obj.Kind.OPAQUE, model.bareObject());
            case "type": {
                if (args.size() == 3) {
                    Obj cls = in.fixed(Obj.Kind.CLASS, model.library("classObject"));
                    cls.cyclic = true;
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
                return in.fixed(Obj.Kind.OPAQUE, model.slice());
            case "NotImplementedError": case "ValueError": case "TypeError": case "KeyError": case "RuntimeError":
            case "Exception": case "OSError": case "IndexError": case "AttributeError": case "StopIteration":
            case "ZeroDivisionError": case "LookupError": case "ArithmeticError": case "IOError": case "EOFError":
            case "TimeoutError": case "ConnectionError": case "PermissionError": case "FileNotFoundError":
            case "AssertionError": case "UnicodeDecodeError": case "UnicodeEncodeError": case "BaseException":
                return exception(first);
            default:
                notFollowed(name, c);
                return null;
        }
    }

    /** Whether the value yields its items by running code: a generator, an iterator, a file, an object with __iter__. */
    private boolean consumable(Obj o) {
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
        if (stop == null && !c.args().isEmpty()) stop = Sym.var(Interpreter.text(c.args().get(args.size() == 1 ? 0 : 1)));
        Sym trips = null;
        if (stop != null && start != null && step instanceof Sym.Const k && k.value() != 0) {
            Sym span = k.value() > 0 ? Sym.add(stop, Sym.mul(Sym.of(-1), start)) : Sym.add(start, Sym.mul(Sym.of(-1), stop));
            trips = Sym.mul(Sym.of(1 / Math.abs(k.value())), span);
            if (trips instanceof Sym.Const t) trips = Sym.of(Math.max(0, Math.ceil(t.value())));
        }
        if (trips == null) trips = Sym.var("iterations_L" + c.pos().line());
        Obj r = in.fixed(Obj.Kind.ITERATOR, model.range());
        r.producer = "range";
        r.count = trips;
        r.value = start;
        r.fixed2 = step;
        return r;
    }

    /** list(x), tuple(x), sorted(x), set(x): a new container holding x's items (shared, not copied). */
    private Obj copy(String name, Obj src, Expr srcExpr, Map<String, Obj> kwargs, Expr.Call c) {
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
        out.count = countOf(src, Interpreter.text(srcExpr));
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
        if (name.equals("sorted")) in.observe(Sym.mul(Sym.of(4), out.count)); // merge sort's temporary array
        return out;
    }

    private Obj dict(Obj src, Expr srcExpr, Map<String, Obj> kwargs) {
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
                out.count = countOf(src, Interpreter.text(srcExpr));
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
            case "enumerate" -> model.enumerate() + model.sequenceIterator() + model.tuple(2);
            case "map" -> model.map() + model.sequenceIterator() + model.tuple(1);
            case "filter" -> model.filter() + model.sequenceIterator();
            case "zip" -> 72 + model.tuple(args.size()) + model.sequenceIterator() * args.size();
            default -> model.sequenceIterator();
        };
        Obj it = in.fixed(Obj.Kind.ITERATOR, bytes);
        it.producer = name;
        List<Obj> sources = new ArrayList<>();
        if (name.equals("map") || name.equals("filter")) {
            it.partialOf = arg(args, 0);
            for (int i = 1; i < args.size(); i++) sources.add(args.get(i));
        } else {
            sources.addAll(args);
        }
        if (name.equals("iter") && args.size() == 2) {
            it.producer = "call";
            it.partialOf = arg(args, 0);
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

    private Obj open(Expr.Call c) {
        String mode = c.args().size() > 1 ? constantText(c.args().get(1)) : null;
        for (var k : c.keywords()) if ("mode".equals(k.arg())) mode = constantText(k.value());
        boolean binary = mode != null && mode.contains("b");
        Obj file = in.fixed(Obj.Kind.FILE, model.library(binary ? "binaryFile" : "textFile"));
        file.producer = binary ? "binary" : "text";
        return file;
    }

    /** The text of a str constant, else null. */
    static String constantText(Expr e) {
        return e instanceof Expr.Constant c && c.value() instanceof String s ? s : null;
    }

    // ---- exceptions ----

    Obj exception(Obj message) {
        Obj e = in.make(Obj.Kind.EXCEPTION, null);
        e.fixed = Sym.of(model.exception());
        Obj msg = message != null ? message : in.str(Sym.of(24));
        e.attrs.put("args", in.tuple(List.of(msg)));
        return e;
    }

    boolean isExceptionClass(ModuleIndex.ClassInfo cls) {
        for (int depth = 0; cls != null && depth < 16; depth++) {
            for (String b : cls.baseNames()) {
                if (in.index.classNamed(b) == null && (b.endsWith("Error") || b.endsWith("Exception")
                        || b.endsWith("Warning") || b.equals("BaseException") || b.equals("Exception"))) {
                    return true;
                }
            }
            cls = cls.baseNames().isEmpty() ? null : in.index.classNamed(cls.baseNames().get(0));
        }
        return false;
    }

    void initException(Obj inst, List<Obj> args) {
        inst.fixed = Sym.of(model.exception());
        inst.attrs.put("args", in.tuple(new ArrayList<>(args)));
    }

    /**
     * The exception an except clause binds: the one raised in the try body (by a followed call or a
     * raise), with the traceback entries and the frames they keep from the raise to this frame.
     */
    Obj caught(Obj raised, int raisedDepth, int depth, Stmt.FunctionNode here) {
        Obj exc = raised != null ? raised : exception(null);
        if (exc.attrs.containsKey("__traceback__")) return exc;
        int entries = Math.max(1, raisedDepth - depth + 1);
        long slots = here == null ? 8 : in.syntax.slots(here);
        Obj tb = in.fixed(Obj.Kind.OPAQUE, entries * (model.traceback() + model.frame(slots)));
        in.touch(exc);
        exc.attrs.put("__traceback__", tb);
        return exc;
    }

    // ---- classes ----

    /** A class statement run in a function: a class object, its dict and functions (measured: about 110 bytes a member). */
    long classObjectBytes(int members) {
        return model.library("classObject") + 420 + 110L * members;
    }

    /** A value assigned in the class body (a class attribute), as made when the module ran. */
    Obj classAttribute(String cls, String attr) {
        ModuleIndex.ClassInfo c = in.index.classNamed(cls);
        for (int depth = 0; c != null && depth < 16; depth++) {
            for (Stmt s : c.node().body()) {
                if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n
                        && n.id().equals(attr)) {
                    return classValue(a.value());
                }
                if (s instanceof Stmt.AnnAssign a && a.value() != null && a.target() instanceof Expr.Name n && n.id().equals(attr)) {
                    return classValue(a.value());
                }
            }
            c = c.baseNames().isEmpty() ? null : in.index.classNamed(c.baseNames().get(0));
        }
        return null;
    }

    private Obj classValue(Expr value) {
        if (value instanceof Expr.Name n) return in.scopes.global(n.id());
        if (value instanceof Expr.Constant) return in.expressions.eval(value) == null ? in.none() : givenCopy(in.expressions.eval(value));
        Obj v = in.given(Obj.Kind.UNKNOWN, "class attribute");
        v.count = Sym.ZERO;
        v.baseCount = v.count;
        return v;
    }

    private Obj givenCopy(Obj v) {
        return v;
    }

    boolean isDataclass(ModuleIndex.ClassInfo cls) {
        return cls.node().decoratorList().stream().anyMatch(d -> Syntax.decoratorName(d).equals("dataclass"));
    }

    void initDataclass(Obj inst, ModuleIndex.ClassInfo cls, List<Obj> args, Map<String, Obj> kwargs) {
        int i = 0;
        for (Stmt s : cls.node().body()) {
            if (s instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n && a.simple() == 1
                    && !(a.annotation() != null && Interpreter.text(a.annotation()).contains("ClassVar"))) {
                Obj v = i < args.size() ? args.get(i) : kwargs.containsKey(n.id()) ? kwargs.get(n.id())
                        : a.value() == null ? null : defaultField(a.value());
                i++;
                inst.attrs.put(n.id(), v == null ? in.none() : v);
            }
        }
        Stmt.FunctionNode post = in.index.method(cls.name(), "__post_init__");
        if (post != null) in.calls.inline(post, inst, List.of(), Map.of(), cls.node().decoratorList().get(0));
    }

    /** field(default_factory=list) makes a new value per instance; a constant default is shared. */
    private Obj defaultField(Expr value) {
        if (value instanceof Expr.Call c && Interpreter.text(c.func()).endsWith("field")) {
            for (var k : c.keywords()) {
                if ("default_factory".equals(k.arg())) {
                    Obj factory = in.expressions.eval(k.value());
                    if (k.value() instanceof Expr.Name n && (n.id().equals("list") || n.id().equals("dict") || n.id().equals("set"))) {
                        return in.make(n.id().equals("list") ? Obj.Kind.LIST : n.id().equals("dict") ? Obj.Kind.DICT : Obj.Kind.SET, Sym.ZERO);
                    }
                    return factory == null ? null : in.calls.callObject(factory, List.of(), Map.of(), value);
                }
            }
            return null;
        }
        return value instanceof Expr.Constant ? in.expressions.eval(value) : null;
    }

    /** An instance of a class made at run time: a namedtuple's is a tuple of its fields. */
    Obj instanceOfRuntimeClass(Obj cls, List<Obj> args) {
        if ("namedtuple".equals(cls.producer)) return in.tuple(new ArrayList<>(args));
        Obj inst = in.make(Obj.Kind.INSTANCE, null);
        inst.fixed = Sym.of(model.instance(args.size()) + model.dictInserted(args.size(), true));
        for (int i = 0; i < args.size(); i++) if (args.get(i) != null) inst.attrs.put("_" + i, args.get(i));
        return inst;
    }

    Obj attributeOf(Obj o, String attr) {
        if (o.kind == Obj.Kind.EXCEPTION && attr.equals("args")) return in.tuple(List.of());
        return null;
    }

    /** Leaving a with block of a library object: a file closes and frees its buffers. */
    void exit(Obj cm) {
        if (cm != null && cm.kind == Obj.Kind.FILE && cm.fresh) {
            in.touch(cm);
            cm.fixed = Sym.of(model.library("contextManager"));
        }
    }

    /** The characters a value takes when formatted (str(), an f-string field). */
    Sym formattedLength(Obj v, Expr spec) {
        if (v == null) return Sym.of(8);
        return switch (v.kind) {
            case STR -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : v.count;
            case INT -> v.value instanceof Sym.Const c ? Sym.of(Long.toString((long) c.value()).length()) : Sym.of(5);
            case FLOAT -> spec != null ? Sym.of(8) : Sym.of(17);
            case BOOL -> Sym.of(5);
            case NONE -> Sym.of(4);
            case LIST, TUPLE, SET, DICT -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : Sym.mul(Sym.of(8), v.count);
            default -> Sym.of(Interpreter.ITEM_CHARS);
        };
    }

    // ---- the standard library ----

    Obj stdlib(String name, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        Obj first = arg(args, 0);
        switch (name) {
            case "io.StringIO": {
                Obj b = in.fixed(Obj.Kind.TEXT_BUFFER, model.library("stringIO"));
                b.count = first == null || first.count == null ? Sym.ZERO : first.count;
                return b;
            }
            case "io.BytesIO": {
                Obj b = in.fixed(Obj.Kind.BYTES_BUFFER, model.library("bytesIO"));
                b.count = first == null || first.count == null ? Sym.ZERO : first.count;
                return b;
            }
            case "struct.pack":
                return in.make(Obj.Kind.BYTES, Sym.of(structSize(where, 0)));
            case "struct.Struct": {
                Obj s = in.fixed(Obj.Kind.OPAQUE, model.library("struct"));
                s.producer = "struct";
                s.value = Sym.of(structSize(where, 0));
                s.value2 = in.constantInt(Sym.of(fieldCount(where, 0)));
                return s;
            }
            case "struct.calcsize":
                return in.constantInt(Sym.of(structSize(where, 0)));
            case "struct.unpack": case "struct.unpack_from":
                return fields(fieldCount(where, 0));
            case "json.dumps": case "json.dump": {
                Sym length = jsonLength(first, 0);
                Obj text = in.str(length);
                in.observe(Sym.add(Sym.mul(Sym.of(model.library("jsonDumpsTempPerKiloChar") / 1000.0), length),
                        name.endsWith("dump") ? in.footprint.own(text) : Sym.ZERO));
                return name.equals("json.dumps") ? text : in.none();
            }
            case "json.loads": case "json.load": {
                Sym chars = first == null ? Sym.var("len(?)") : first.kind == Obj.Kind.FILE ? fileSize(first)
                        : countOf(first, "?");
                Obj doc = in.make(Obj.Kind.DICT, null);
                doc.bulk = Sym.mul(Sym.of(model.library("jsonLoadsPerKiloChar") / 1000.0), chars);
                return doc;
            }
            case "traceback.format_exc": case "traceback.format_exception": case "traceback.format_tb":
            case "traceback.print_exc": case "traceback.format_exception_only": case "traceback.extract_tb": {
                in.observe(Sym.of(model.library("formatExcTemp")));
                return name.endsWith("print_exc") ? in.none() : in.str(Sym.of(300));
            }
            case "copy.copy": return shallowCopy(first);
            case "copy.deepcopy": return deepCopy(first, where);
            case "collections.deque": {
                Obj d = copy("list", first, where instanceof Expr.Call c && !c.args().isEmpty() ? c.args().get(0) : null,
                        Map.of(), (Expr.Call) where);
                d.producer = "deque";
                return d;
            }
            case "collections.defaultdict": {
                Obj d = in.make(Obj.Kind.DICT, Sym.ZERO);
                d.defaultFactory = first;
                return d;
            }
            case "collections.OrderedDict": case "collections.Counter": case "collections.ChainMap":
                return dict(first, where instanceof Expr.Call c && !c.args().isEmpty() ? c.args().get(0) : null, kwargs);
            case "collections.namedtuple": case "typing.NamedTuple":
                return runtimeClass("namedtupleClass", "namedtuplePeak", "namedtuple");
            case "dataclasses.make_dataclass":
                return runtimeClass("dataclassClass", "dataclassPeak", null);
            case "types.new_class":
                return runtimeClass("classObject", "classObject", null);
            case "enum.Enum": case "enum.IntEnum": case "enum.Flag": case "enum.StrEnum": {
                Obj members = arg(args, 1);
                Sym n = members == null || members.count == null ? Sym.of(4) : members.count;
                Sym bytes = Sym.add(Sym.of(model.library("enumClass")), Sym.mul(Sym.of(model.library("enumPerMember")), n));
                Obj cls = in.make(Obj.Kind.CLASS, null);
                cls.fixed = bytes;
                cls.cyclic = true;
                in.observe(Sym.mul(Sym.of(0.75), bytes)); // the members and maps being built
                return cls;
            }
            case "traceback.TracebackException": case "traceback.TracebackException.from_exception": {
                in.observe(Sym.of(model.library("tracebackExceptionPeak")));
                return in.fixed(Obj.Kind.OPAQUE, model.library("tracebackException"));
            }
            case "types.SimpleNamespace": {
                Obj ns = in.make(Obj.Kind.INSTANCE, null);
                ns.fixed = Sym.of(model.bareObject() + 32 + model.dictInserted(kwargs.size(), true));
                ns.attrs.putAll(kwargs);
                return ns;
            }
            case "functools.partial": {
                Obj p = in.fixed(Obj.Kind.OPAQUE, model.library("partial"));
                p.partialOf = first;
                p.sources = args.size() > 1 ? new ArrayList<>(args.subList(1, args.size())) : new ArrayList<>();
                p.sources.removeIf(java.util.Objects::isNull);
                return p;
            }
            case "functools.reduce": {
                Obj[] acc = {arg(args, 2)};
                Obj f = first;
                in.iterables.produce(arg(args, 1), x -> acc[0] = in.calls.callObject(f, java.util.Arrays.asList(acc[0], x), Map.of(), where), where);
                return acc[0];
            }
            case "itertools.count": case "itertools.cycle": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 48);
                it.producer = "count";
                return it;
            }
            case "itertools.islice": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 56);
                it.producer = "islice";
                it.sources = first == null ? List.of() : List.of(first);
                Obj stop = args.size() >= 3 ? args.get(2) : arg(args, 1);
                Obj start = args.size() >= 3 ? args.get(1) : null;
                Sym n = stop == null ? null : stop.value;
                if (n != null && start != null && start.value != null) n = Sym.add(n, Sym.mul(Sym.of(-1), start.value));
                it.count = n;
                return it;
            }
            case "itertools.chain": case "itertools.zip_longest": case "itertools.product": case "itertools.repeat":
            case "itertools.accumulate": case "itertools.pairwise": case "itertools.starmap": case "itertools.takewhile":
            case "itertools.dropwhile": case "itertools.compress": case "itertools.chain.from_iterable": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 64);
                it.producer = name.substring("itertools.".length());
                it.sources = new ArrayList<>(args);
                it.sources.removeIf(java.util.Objects::isNull);
                if (name.equals("itertools.repeat")) it.count = args.size() > 1 && args.get(1) != null ? args.get(1).value : null;
                return it;
            }
            case "weakref.ref": case "weakref.proxy": case "weakref.WeakMethod":
                return in.fixed(Obj.Kind.OPAQUE, model.library("weakref"));
            case "weakref.WeakSet": {
                Obj w = in.fixed(Obj.Kind.OPAQUE, model.library("weakSet"));
                w.producer = "weakset";
                w.count = Sym.ZERO;
                return w;
            }
            case "weakref.WeakValueDictionary": case "weakref.WeakKeyDictionary": {
                Obj w = in.fixed(Obj.Kind.OPAQUE, model.library("weakValueDictionary"));
                w.producer = "weakdict";
                w.count = Sym.ZERO;
                return w;
            }
            case "weakref.finalize": {
                Obj f = in.fixed(Obj.Kind.OPAQUE, model.library("weakref") + model.library("partial"));
                List<Obj> kept = new ArrayList<>(args.size() > 1 ? args.subList(1, args.size()) : List.of());
                kept.removeIf(java.util.Objects::isNull);
                f.sources = kept;
                return f;
            }
            case "contextlib.suppress": case "contextlib.ExitStack": case "contextlib.redirect_stdout":
            case "contextlib.redirect_stderr": case "contextlib.nullcontext": case "threading.Lock": case "threading.RLock":
            case "threading.Event": case "threading.Condition":
                return in.fixed(Obj.Kind.OPAQUE, model.library("contextManager"));
            case "contextlib.closing":
                return first;
            case "re.compile": case "logging.getLogger": case "re.escape":
                return in.given(Obj.Kind.OPAQUE, name);
            case "re.match": case "re.search": case "re.fullmatch":
                return in.fixed(Obj.Kind.OPAQUE, 200);
            case "re.findall": case "re.split": {
                Obj text = arg(args, 1);
                return parts(text == null ? null : text.count, Interpreter.WORD_CHARS);
            }
            case "re.sub": {
                Obj text = arg(args, 2);
                return in.str(text == null || text.count == null ? Sym.of(Interpreter.ITEM_CHARS) : text.count);
            }
            case "textwrap.wrap": {
                Obj width = arg(args, 1) != null ? arg(args, 1) : kwargs.get("width");
                long w = width != null && width.value instanceof Sym.Const c ? (long) c.value() : 70;
                return parts(first == null ? null : first.count, w);
            }
            case "textwrap.fill": case "textwrap.dedent": case "textwrap.indent": case "os.path.join":
            case "os.path.basename": case "os.path.dirname": case "os.path.abspath": case "os.fspath":
            case "os.path.normpath": case "os.path.splitext": case "os.getcwd": case "sys.intern":
                return in.str(first == null || first.count == null ? Sym.of(40) : first.count);
            case "sys.getsizeof": case "time.time": case "time.perf_counter": case "time.monotonic":
            case "random.random": case "random.randint": case "random.uniform": case "math.sqrt": case "math.floor":
            case "math.ceil": case "math.log": case "math.exp": case "math.fsum": case "math.isclose": case "time.sleep":
            case "random.seed": case "os.getpid": case "math.pow": case "operator.itemgetter": case "operator.attrgetter":
            case "time.time_ns": case "time.perf_counter_ns": case "os.path.exists": case "os.path.isfile": case "os.path.isdir":
            case "os.path.getsize": case "gc.collect": case "gc.disable": case "gc.enable": case "gc.isenabled":
                return in.computedInt(null);
            case "random.choice":
                return in.expressions.elementOf(first);
            case "sys._getframe": case "inspect.currentframe": {
                Obj frame = in.fixed(Obj.Kind.OPAQUE, model.frame(in.frame().function == null ? 8 : in.syntax.slots(in.frame().function)));
                frame.cyclic = true;
                return frame;
            }
            case "sys.exc_info": {
                Obj exc = in.lastRaised != null ? in.lastRaised : exception(null);
                return in.tuple(List.of(in.given(Obj.Kind.CLASS, "type"), exc, in.none()));
            }
            case "csv.reader": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 200);
                it.producer = "csv";
                it.sources = first == null ? List.of() : List.of(first);
                it.count = first == null ? null : first.kind == Obj.Kind.FILE || first.kind == Obj.Kind.TEXT_BUFFER
                        ? Sym.mul(Sym.of(1.0 / Interpreter.LINE_CHARS), fileSize(first)) : first.count;
                return it;
            }
            case "csv.writer": {
                Obj w = in.fixed(Obj.Kind.OPAQUE, 200);
                w.producer = "csvwriter";
                w.sources = first == null ? List.of() : List.of(first);
                return w;
            }
            case "base64.b64encode": case "base64.b64decode": case "binascii.hexlify": case "zlib.compress":
            case "zlib.decompress": case "hashlib.sha256": case "hashlib.md5": case "hashlib.sha1":
                return in.make(Obj.Kind.BYTES, first == null || first.count == null ? Sym.of(64) : first.count);
            default:
                notFollowed(name, where);
                return null;
        }
    }

    /** A class made at run time, with what making it allocates at its peak. */
    private Obj runtimeClass(String size, String peak, String producer) {
        Obj cls = in.fixed(Obj.Kind.CLASS, model.library(size));
        cls.producer = producer;
        cls.cyclic = true;
        in.observe(Sym.of(Math.max(0, model.library(peak) - model.library(size))));
        return cls;
    }

    private Sym fileSize(Obj file) {
        if (file.fileSize != null) return file.fileSize;
        return Sym.var("size(" + (file.path != null ? file.path : "f") + ")");
    }

    private Obj fields(long n) {
        List<Obj> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(in.computedInt(null));
        return in.tuple(parts);
    }

    /** A list of count / each parts, each a str of that many characters. */
    private Obj parts(Sym count, long each) {
        Sym n = count == null ? Sym.of(3) : Sym.add(Sym.mul(Sym.of(1.0 / each), count), Sym.of(1));
        Obj list = in.make(Obj.Kind.LIST, n);
        list.layout = Obj.Layout.APPENDED;
        Obj part = in.str(Sym.of(each));
        list.groups.add(new Obj.Group(n, part));
        list.item = part;
        return list;
    }

    /** The format of struct.pack/Struct: its byte size (standard sizes, "<IdH" = 14). */
    private long structSize(Expr where, int arg) {
        String fmt = where instanceof Expr.Call c && c.args().size() > arg ? constantText(c.args().get(arg)) : null;
        if (fmt == null) return 16;
        long size = 0, repeat = 0;
        for (char ch : fmt.toCharArray()) {
            if (Character.isDigit(ch)) {
                repeat = repeat * 10 + (ch - '0');
                continue;
            }
            long n = repeat == 0 ? 1 : repeat;
            repeat = 0;
            size += n * switch (ch) {
                case 'x', 'c', 'b', 'B', '?', 's', 'p' -> 1;
                case 'h', 'H', 'e' -> 2;
                case 'i', 'I', 'l', 'L', 'f' -> 4;
                case 'q', 'Q', 'd', 'n', 'N', 'P' -> 8;
                default -> 0;
            };
        }
        return size;
    }

    private long fieldCount(Expr where, int arg) {
        String fmt = where instanceof Expr.Call c && c.args().size() > arg ? constantText(c.args().get(arg)) : null;
        if (fmt == null) return 2;
        long n = 0;
        for (char ch : fmt.toCharArray()) if (Character.isLetter(ch) && ch != 'x') n++;
        return n;
    }

    /** The characters json.dumps writes for a value, from its shape. */
    private Sym jsonLength(Obj v, int depth) {
        if (v == null || depth > 6) return Sym.of(Interpreter.ITEM_CHARS);
        return switch (v.kind) {
            case STR -> Sym.add(v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : v.count, Sym.of(2));
            case INT -> v.value instanceof Sym.Const c ? Sym.of(Long.toString((long) c.value()).length()) : Sym.of(5);
            case FLOAT -> Sym.of(17);
            case BOOL -> Sym.of(5);
            case NONE -> Sym.of(4);
            case LIST, TUPLE, SET -> {
                Sym total = Sym.of(2);
                for (Obj.Group g : v.groups) total = Sym.add(total, Sym.mul(g.count(), Sym.add(jsonLength(g.item(), depth + 1), Sym.of(2))));
                yield total;
            }
            case DICT -> {
                Sym total = Sym.of(2);
                if (v.count != null) total = Sym.add(total, Sym.mul(Sym.of(12), v.count));
                for (Obj.Group g : v.groups) total = Sym.add(total, Sym.mul(g.count(), jsonLength(g.item(), depth + 1)));
                yield total;
            }
            default -> v.count != null ? Sym.mul(Sym.of(8), v.count) : Sym.of(Interpreter.ITEM_CHARS);
        };
    }

    private Obj shallowCopy(Obj src) {
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

    private Obj deepCopy(Obj src, Expr where) {
        if (src == null) return null;
        if (!src.fresh) {
            in.limit("copy.deepcopy at line " + where.pos().line() + ": the size of what it copies is not known");
            return in.given(Obj.Kind.UNKNOWN, "deepcopy");
        }
        Obj out = in.make(Obj.Kind.OPAQUE, null);
        out.bulk = in.footprint.of(List.of(src), x -> false);
        out.kind = src.kind == Obj.Kind.LIST || src.kind == Obj.Kind.DICT ? Obj.Kind.OPAQUE : Obj.Kind.OPAQUE;
        out.count = src.count;
        return out;
    }

    // ---- methods of builtin types ----

    Obj method(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call where) {
        Obj first = arg(args, 0);
        Expr firstExpr = where.args().isEmpty() ? null : where.args().get(0);
        if (recv.superProxy) {
            Obj self = recv.attrs.get("__self__");
            Stmt.FunctionNode m = recv.cls == null ? null : in.index.method(recv.cls, name);
            if (m != null) return in.calls.inline(m, self, args, kwargs, where);
            if (name.equals("__init__") && self != null && self.kind == Obj.Kind.EXCEPTION) {
                initException(self, args);
                return in.none();
            }
            return in.none(); // object.__init__ and the like
        }
        if (SCALAR_METHODS.contains(name)) return in.computedInt(null);
        Obj.Kind kind = recv.kind;
        if (kind == Obj.Kind.UNKNOWN) kind = guessKind(name);
        switch (kind) {
            case LIST: case TUPLE: case SET: case DICT: case BYTEARRAY:
                return container(recv, name, args, kwargs, firstExpr, where);
            case STR: case BYTES:
                return text(recv, name, args, kwargs, firstExpr, where);
            case TEXT_BUFFER: case BYTES_BUFFER:
                return buffer(recv, name, first, where);
            case FILE:
                return file(recv, name, first, where);
            case GENERATOR: case ITERATOR:
                if (name.equals("__next__")) {
                    Obj v = next(recv, where);
                    return v != null ? v : in.computedInt(null);
                }
                if (name.equals("send")) {
                    return in.computedInt(null); // what a coroutine yields back: taken as a number
                }
                if (name.equals("close") || name.equals("throw")) return in.none();
                break;
            case EXCEPTION:
                if (name.equals("with_traceback")) return recv;
                if (name.equals("add_note")) return in.none();
                break;
            case OPAQUE:
                return opaque(recv, name, args, where);
            case INT: case FLOAT: case BOOL:
                if (name.equals("to_bytes")) return in.make(Obj.Kind.BYTES, first == null ? Sym.of(8) : first.value);
                return kind == Obj.Kind.FLOAT ? in.aFloat() : in.computedInt(null);
            case NONE:
                return null;
            case MODULE:
                return stdlib(recv.path + "." + name, args, kwargs, where);
            default:
                break;
        }
        notFollowed(Interpreter.text(where.func()), where);
        return null;
    }

    /** What an object the call was given probably is, from the method called on it. */
    private static Obj.Kind guessKind(String name) {
        return switch (name) {
            case "append", "extend", "insert", "pop", "remove", "sort", "reverse", "appendleft", "popleft" -> Obj.Kind.LIST;
            case "get", "setdefault", "keys", "values", "items", "update", "popitem" -> Obj.Kind.DICT;
            case "add", "discard", "union", "intersection", "difference" -> Obj.Kind.SET;
            case "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper", "join", "replace",
                    "format", "encode", "title", "partition", "removeprefix", "removesuffix", "casefold",
                    "capitalize", "center", "ljust", "rjust", "zfill", "expandtabs", "translate", "decode", "hex" -> Obj.Kind.STR;
            case "read", "readline", "readlines", "write", "close" -> Obj.Kind.FILE;
            case "send" -> Obj.Kind.GENERATOR;
            default -> Obj.Kind.UNKNOWN;
        };
    }

    private Obj container(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr firstExpr, Expr.Call where) {
        Obj first = arg(args, 0);
        switch (name) {
            case "append": case "appendleft":
                in.containers.grow(recv, Sym.of(1), first);
                return in.none();
            case "add": {
                List<Obj.Group> groups = new ArrayList<>();
                if (first != null) groups.add(new Obj.Group(Sym.of(1), first));
                in.containers.addKey(recv, first, firstExpr, groups);
                return in.none();
            }
            case "insert":
                in.containers.grow(recv, Sym.of(1), arg(args, 1));
                return in.none();
            case "extend": case "extendleft": case "update":
                if (first != null) in.containers.extend(recv, first, firstExpr);
                for (var e : kwargs.entrySet()) in.containers.grow(recv, Sym.of(1), e.getValue());
                return in.none();
            case "pop": case "popleft": case "popitem": {
                Obj item = recv.kind == Obj.Kind.DICT ? recv.value2 != null ? recv.value2 : in.expressions.elementOf(recv) : in.expressions.elementOf(recv);
                if (recv.kind == Obj.Kind.DICT && arg(args, 1) != null && item == null) item = arg(args, 1);
                in.containers.grow(recv, Sym.of(-1), null);
                if (name.equals("popitem")) return in.tuple(java.util.Arrays.asList(recv.item, item));
                return item;
            }
            case "remove": case "discard":
                in.containers.grow(recv, Sym.of(-1), null);
                return in.none();
            case "clear":
                in.touch(recv);
                if (recv.count != null) recv.count = Sym.ZERO;
                recv.groups = new ArrayList<>();
                recv.bulk = Sym.ZERO;
                return in.none();
            case "sort": {
                Sym n = countOf(recv, "?");
                in.observe(Sym.mul(Sym.of(kwargs.containsKey("key") ? 8 + 32 : 4), n)); // keys and the merge area
                return in.none();
            }
            case "reverse":
                return in.none();
            case "copy": {
                Obj out = shallowCopy(recv);
                if (out != null && !recv.fresh && out.count != null) {
                    Obj item = in.expressions.elementOf(recv);
                    if (item != null && out.groups.isEmpty()) out.groups.add(new Obj.Group(out.count, item));
                }
                return out;
            }
            case "get": {
                Obj v = recv.value2 != null ? recv.value2 : recv.kind == Obj.Kind.DICT && recv.fresh ? null : in.expressions.elementOf(recv);
                return v != null ? v : arg(args, 1) != null ? arg(args, 1) : in.none();
            }
            case "setdefault": {
                Obj v = recv.value2;
                Obj dflt = arg(args, 1);
                boolean constantKey = firstExpr instanceof Expr.Constant;
                List<Obj.Group> groups = new ArrayList<>();
                if (dflt != null) groups.add(new Obj.Group(Sym.of(1), dflt));
                if (first != null && first.fresh && !constantKey) groups.add(new Obj.Group(Sym.of(1), first));
                in.touch(recv);
                if (recv.value2 == null) recv.value2 = dflt;
                in.containers.addKey(recv, first, firstExpr, groups, false);
                if (recv.item == null) recv.item = first;
                return v != null ? v : dflt;
            }
            case "keys": case "values": case "items": {
                Obj view = in.fixed(Obj.Kind.ITERATOR, 48);
                view.producer = name;
                view.sources = List.of(recv);
                view.count = recv.count != null ? recv.count : Sym.var("len(" + (recv.path != null ? recv.path : "?") + ")");
                return view;
            }
            case "union": case "intersection": case "difference": case "symmetric_difference": {
                Obj out = shallowCopy(recv);
                if (name.equals("union") && first != null && first.count != null && out.count != null) {
                    out.count = Sym.add(out.count, first.count);
                }
                return out;
            }
            case "index": case "count":
                return in.computedInt(null);
            case "decode":
                return in.str(countOf(recv, "?"));
            default:
                notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    private Obj text(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr firstExpr, Expr.Call where) {
        Obj first = arg(args, 0);
        Sym n = recv.count != null ? recv.count : Sym.var("len(" + (recv.path != null ? recv.path : "?") + ")");
        boolean bytes = recv.kind == Obj.Kind.BYTES;
        if (SAME_LENGTH.contains(name)) {
            Obj out = bytes ? in.make(Obj.Kind.BYTES, n) : in.str(n);
            if (!bytes) out.fixed = recv.fixed;
            return out;
        }
        switch (name) {
            case "split": case "rsplit": {
                Obj max = args.size() > 1 ? args.get(1) : kwargs.get("maxsplit");
                if (max != null && max.value instanceof Sym.Const k && k.value() >= 0) {
                    Obj list = in.make(Obj.Kind.LIST, Sym.of(k.value() + 1));
                    list.layout = Obj.Layout.APPENDED;
                    Obj part = in.str(Sym.mul(Sym.of(1 / (k.value() + 1)), n));
                    list.groups.add(new Obj.Group(list.count, part));
                    list.item = part;
                    return list;
                }
                String sep = firstExpr == null ? null : constantText(firstExpr);
                return parts(n, sep != null && sep.equals("\n") ? Interpreter.LINE_CHARS : Interpreter.WORD_CHARS);
            }
            case "splitlines":
                return parts(n, Interpreter.LINE_CHARS);
            case "partition": case "rpartition":
                return in.tuple(List.of(in.str(n), in.constantStr(1), in.str(Sym.of(Interpreter.WORD_CHARS))));
            case "join": {
                if (first == null) return in.str(Sym.var("len(" + Interpreter.text(where) + ")"));
                Obj items = first;
                if (consumable(first)) {
                    Obj list = in.make(Obj.Kind.LIST, Sym.ZERO);
                    list.layout = Obj.Layout.APPENDED;
                    in.temps.add(list);
                    try {
                        in.iterables.produce(first, x -> in.containers.grow(list, Sym.of(1), x), firstExpr);
                    } finally {
                        in.temps.remove(list);
                    }
                    items = list;
                    in.temps.add(list);
                }
                Sym length = Sym.ZERO;
                Sym count = countOf(items, Interpreter.text(firstExpr));
                if (!items.groups.isEmpty()) {
                    for (Obj.Group g : items.groups) {
                        Obj it = g.item();
                        Sym each = it != null && it.count != null && it.isText() ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                        length = Sym.add(length, Sym.mul(g.count(), each));
                    }
                } else {
                    Obj it = in.expressions.elementOf(items);
                    Sym each = it != null && it.count != null ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                    length = Sym.mul(count, each);
                }
                length = Sym.add(length, Sym.mul(count, n));
                Obj out = bytes ? in.make(Obj.Kind.BYTES, length) : in.str(length);
                in.observe(in.footprint.own(out));
                if (items != first) in.temps.remove(items);
                return out;
            }
            case "format": {
                Sym length = n;
                for (Obj a : args) length = Sym.add(length, formattedLength(a, null));
                for (Obj a : kwargs.values()) length = Sym.add(length, formattedLength(a, null));
                return in.str(length);
            }
            case "encode":
                return in.make(Obj.Kind.BYTES, n);
            case "decode":
                return in.str(n);
            case "hex":
                return in.str(Sym.mul(Sym.of(2), n));
            case "count": case "index": case "find":
                return in.computedInt(null);
            default:
                notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    private Obj buffer(Obj recv, String name, Obj first, Expr.Call where) {
        boolean text = recv.kind == Obj.Kind.TEXT_BUFFER;
        switch (name) {
            case "write": case "writelines":
                if (first != null) {
                    Sym n = first.count != null ? first.count : Sym.of(Interpreter.ITEM_CHARS);
                    in.containers.growBy(recv, n, List.of(), text
                            ? Sym.mul(Sym.of(model.library("stringIOPerKiloChar") / 1000.0), n) : n);
                }
                return in.computedInt(null);
            case "getvalue": case "read": {
                Sym n = recv.count != null ? recv.count : Sym.var("len(" + recv.path + ")");
                if (text) return in.str(n);
                Obj out = in.make(Obj.Kind.BYTES, n);
                if (recv.fresh && name.equals("getvalue")) { // the bytes object shares the buffer
                    in.touch(recv);
                    recv.bulk = Sym.ZERO;
                }
                return out;
            }
            case "seek": case "truncate": case "tell": case "close": case "flush":
                return in.computedInt(null);
            default:
                notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    private Obj file(Obj recv, String name, Obj first, Expr.Call where) {
        boolean binary = "binary".equals(recv.producer);
        Sym size = fileSize(recv);
        switch (name) {
            case "read": {
                Sym n = first != null && first.value != null ? first.value : size;
                Obj raw = in.make(Obj.Kind.BYTES, n);
                if (binary) return raw;
                in.observe(in.footprint.own(raw)); // the bytes read, alive while they are decoded
                return in.str(n);
            }
            case "readline":
                return binary ? in.make(Obj.Kind.BYTES, Sym.of(Interpreter.LINE_CHARS)) : in.str(Sym.of(Interpreter.LINE_CHARS));
            case "readlines": {
                in.observe(in.footprint.own(in.str(size)));
                return parts(size, Interpreter.LINE_CHARS);
            }
            case "write": case "writelines": case "flush": case "seek": case "tell": case "truncate":
                return in.computedInt(null);
            case "close":
                exit(recv);
                return in.none();
            case "__enter__":
                return recv;
            default:
                notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    private Obj opaque(Obj recv, String name, List<Obj> args, Expr.Call where) {
        Obj first = arg(args, 0);
        if ("struct".equals(recv.producer)) {
            long fields = recv.value2 != null && recv.value2.value instanceof Sym.Const c ? (long) c.value() : 2;
            switch (name) {
                case "pack": return in.make(Obj.Kind.BYTES, recv.value);
                case "unpack": case "unpack_from": return fields(fields);
                case "iter_unpack": {
                    Obj it = in.fixed(Obj.Kind.ITERATOR, 64);
                    it.producer = "chunks";
                    it.count = first == null || first.count == null ? null : Sym.mul(Sym.of(1 / ((Sym.Const) recv.value).value()), first.count);
                    it.value2 = fields(fields);
                    it.sources = first == null ? List.of() : List.of(first);
                    return it;
                }
                default: break;
            }
        }
        if ("weakset".equals(recv.producer) && (name.equals("add") || name.equals("discard"))) {
            in.containers.growBy(recv, Sym.of(name.equals("add") ? 1 : -1), List.of(),
                    name.equals("add") ? Sym.of(model.library("weakref") + 32) : Sym.ZERO);
            return in.none();
        }
        if ("csvwriter".equals(recv.producer) && (name.equals("writerow") || name.equals("writerows"))) {
            Obj target = recv.sources.isEmpty() ? null : recv.sources.get(0);
            Sym n = first == null || first.count == null ? Sym.of(Interpreter.ITEM_CHARS) : Sym.mul(Sym.of(Interpreter.WORD_CHARS), first.count);
            if (target != null && target.kind == Obj.Kind.TEXT_BUFFER) {
                in.containers.growBy(target, n, List.of(), Sym.mul(Sym.of(model.library("stringIOPerKiloChar") / 1000.0), n));
            }
            return in.none();
        }
        if (recv.path != null && !recv.fresh) return null; // a logger, a compiled pattern: reads, keeps nothing new
        notFollowed(Interpreter.text(where.func()), where);
        return null;
    }

    // ---- producers ----

    /** Runs body for each item an iterator made by a builtin yields. */
    void produceIterator(Obj it, Consumer<Obj> body, Expr where, Set<String> carried) {
        int line = where.pos().line();
        Obj src = it.sources.isEmpty() ? null : it.sources.get(0);
        switch (it.producer == null ? "" : it.producer) {
            case "range" -> {
                String var = "i@" + line + ":" + in.clock;
                Sym value = Sym.add(it.value == null ? Sym.ZERO : it.value,
                        Sym.mul(it.fixed2 == null ? Sym.of(1) : it.fixed2, Sym.var(var)));
                in.looping.loop(it.count, var, null, carried, line, () -> body.accept(in.computedInt(value)), null);
            }
            case "map" -> in.iterables.produce(src, x -> {
                List<Obj> args = new ArrayList<>();
                args.add(x);
                for (int i = 1; i < it.sources.size(); i++) args.add(in.expressions.elementOf(it.sources.get(i)));
                Obj f = it.partialOf;
                body.accept(f == null ? null : in.calls.callObject(f, args, Map.of(), where));
            }, where, carried);
            case "filter" -> in.iterables.produce(src, x -> {
                if (it.partialOf != null && it.partialOf.kind != Obj.Kind.NONE) in.calls.callObject(it.partialOf, java.util.Arrays.asList(x), Map.of(), where);
                body.accept(x);
            }, where, carried);
            case "zip", "zip_longest" -> in.iterables.produce(src, x -> {
                List<Obj> parts = new ArrayList<>();
                parts.add(x);
                for (int i = 1; i < it.sources.size(); i++) parts.add(in.expressions.elementOf(it.sources.get(i)));
                body.accept(in.tuple(parts));
            }, where, carried);
            case "enumerate" -> in.iterables.produce(src, x -> body.accept(in.tuple(java.util.Arrays.asList(in.computedInt(null), x))), where, carried);
            case "iter", "reversed", "takewhile", "dropwhile", "accumulate", "compress" -> in.iterables.produce(src, body, where, carried);
            case "chain" -> {
                for (Obj s : it.sources) in.iterables.produce(s, body, where, carried);
            }
            case "from_iterable" -> in.iterables.produce(src, x -> in.iterables.produce(x, body, where), where, carried);
            case "product" -> in.iterables.produce(src, x -> {
                Obj other = it.sources.size() > 1 ? it.sources.get(1) : null;
                in.iterables.produce(other, y -> body.accept(in.tuple(java.util.Arrays.asList(x, y))), where);
            }, where, carried);
            case "pairwise" -> in.iterables.produce(src, x -> body.accept(in.tuple(java.util.Arrays.asList(x, x))), where, carried);
            case "starmap" -> in.iterables.produce(arg(it.sources, 1), x -> body.accept(in.calls.callObject(src, in.bindings.partsOf(x, 2), Map.of(), where)), where, carried);
            case "keys", "values", "items" -> {
                Obj dict = src;
                Obj key = dict == null ? null : dict.item != null ? dict.item : in.expressions.elementOf(dict);
                Obj value = dict == null ? null : dict.value2 != null ? dict.value2 : key;
                Obj item = switch (it.producer) {
                    case "keys" -> key;
                    case "values" -> value;
                    default -> null;
                };
                in.looping.loop(it.count, null, dict != null && !dict.fresh ? item : null, carried, line,
                        () -> body.accept(it.producer.equals("items") ? in.tuple(java.util.Arrays.asList(key, value)) : item), null);
            }
            case "islice", "repeat" -> {
                Obj item = it.producer.equals("repeat") ? src : next(src, where);
                if (it.count == null) {
                    in.iterables.produce(null, body, where, carried);
                } else {
                    in.looping.loop(it.count, null, null, carried, line, () -> body.accept(item), null);
                }
            }
            case "chunks" -> in.looping.loop(it.count == null ? Sym.var("iterations_L" + line) : it.count, null, null, carried, line,
                    () -> body.accept(fields(it.value2.count instanceof Sym.Const c ? (long) c.value() : 2)), null);
            case "csv" -> in.looping.loop(it.count == null ? Sym.var("iterations_L" + line) : it.count, null, null, carried, line,
                    () -> body.accept(parts(Sym.of(Interpreter.LINE_CHARS), Interpreter.WORD_CHARS)), null);
            case "call" -> in.looping.loop(Sym.var("iterations_L" + line), null, null, carried, line,
                    () -> body.accept(in.calls.callObject(it.partialOf, List.of(), Map.of(), where)),
                    "loop at line " + line + ": iterations unknown");
            default -> in.iterables.produce(null, body, where, carried);
        }
    }

    /** Lines of a text file or buffer: size / LINE_CHARS of them, each a new str; the file reads ahead. */
    void produceLines(Obj file, Consumer<Obj> body, int line, Set<String> carried) {
        Sym size = file.kind == Obj.Kind.FILE ? fileSize(file) : file.count == null ? Sym.var("len(?)") : file.count;
        Sym trips = Sym.mul(Sym.of(1.0 / Interpreter.LINE_CHARS), size);
        if (file.kind == Obj.Kind.FILE && file.fresh) {
            in.touch(file);
            file.fixed = Sym.add(file.fixed, Sym.of(FILE_READ_AHEAD)); // iterating reads ahead a chunk, kept until closed
        }
        in.looping.loop(trips, null, null, carried, line, () -> body.accept(in.str(Sym.of(Interpreter.LINE_CHARS))), null);
    }
}
