package dev.memlint.memory.size;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Calls: the module's functions, methods and constructors followed with their parameters bound to the caller's objects. */
final class Calls {
    private final Interpreter in;

    Calls(Interpreter in) {
        this.in = in;
    }

    /**
     * Whether a recursive call works on what the call made (a part of its data, a smaller copy) or
     * on a known count (a depth that reaches its base case); otherwise it walks data it was given,
     * to a depth the walk cannot know. An accumulator handed down unchanged (a parameter of the
     * calling frame passed on as it is) is no progress.
     */
    static boolean progresses(Collection<Obj> args, Interpreter.Frame caller) {
        Set<Obj> passedOn = Footprint.identitySet();
        if (caller != null && caller.function != null) {
            Set<String> params = new LinkedHashSet<>();
            Syntax.params(caller.function.args(), params);
            for (String p : params) if (caller.env.get(p) != null) passedOn.add(caller.env.get(p));
        }
        for (Obj a : args) {
            if (a != null && (a.fresh && !passedOn.contains(a) && (a.isContainer() || a.kind == Obj.Kind.INSTANCE)
                    || a.kind == Obj.Kind.INT && a.value instanceof Sym.Const)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call is handed a known count (a depth that reaches its base case). */
    private static boolean counted(Collection<Obj> args) {
        for (Obj a : args) if (a != null && a.kind == Obj.Kind.INT && a.value instanceof Sym.Const) return true;
        return false;
    }

    /** Whether a call of fn with these arguments is a recursion the walk does not follow (see inline). */
    boolean stopsRecursion(Stmt.FunctionNode fn, Collection<Obj> actual) {
        int levels = in.recursion(fn);
        return levels > 0 && !counted(actual)
                && (partOfGivenData(actual) ? levels > WALKED_LEVELS : !progresses(actual, in.frame()));
    }

    /** Levels of a recursive walk of given data that are followed below the first call. */
    static final int WALKED_LEVELS = 1;

    /** Whether a recursive call is handed a part of the data the call was given (a child node, a nested dict). */
    private static boolean partOfGivenData(Collection<Obj> args) {
        for (Obj a : args) {
            if (a != null && !a.fresh && a.kind == Obj.Kind.UNKNOWN && a.value == null && a.path != null && a.path.contains("[]")) {
                return true;
            }
        }
        return false;
    }

    Obj call(Expr.Call c) {
        Obj receiver = null;
        Obj callee;
        if (c.func() instanceof Expr.Attribute a) {
            receiver = in.expressions.eval(a.value());
            callee = null;
        } else {
            callee = in.expressions.eval(c.func());
        }
        in.temps.add(receiver);
        List<Obj> args = new ArrayList<>();
        Map<String, Obj> kwargs = new LinkedHashMap<>();
        int mark = in.temps.size();
        try {
            for (Expr x : c.args()) {
                Obj v = in.expressions.eval(x);
                if (x instanceof Expr.Starred && v != null) {
                    v = v.item != null ? v.item : in.expressions.elementOf(v);
                }
                args.add(v);
                in.temps.add(v);
            }
            for (Keyword k : c.keywords()) {
                Obj v = in.expressions.eval(k.value());
                if (k.arg() != null) kwargs.put(k.arg(), v);
                in.temps.add(v);
            }
            if (holdsTemporary(in.temps.subList(mark - 1, in.temps.size()))) {
                in.observe(Sym.ZERO); // arguments made for the call are alive while it runs
            }
            if (c.func() instanceof Expr.Attribute a) {
                return method(receiver, a.attr(), args, kwargs, c);
            }
            if (callee == null && c.func() instanceof Expr.Name n && in.scopes.lookupLocal(n.id()) == null
                    && in.index.classNamed(n.id()) == null && in.index.functionNamed(n.id()) == null && !in.index.isImported(n.id())) {
                return in.builtins.call(n.id(), args, kwargs, c);
            }
            return callObject(callee, args, kwargs, c);
        } finally {
            while (in.temps.size() > mark) in.temps.remove(in.temps.size() - 1);
            in.temps.remove(in.temps.size() - 1);
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
        for (Interpreter.Frame f : in.frames) if (f.env.containsValue(v)) return true;
        return false;
    }

    /** Calls a value: a function, bound method, class or lambda of the module, or a library callable. */
    Obj callObject(Obj callee, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        int line = where.pos().line();
        if (callee == null) {
            in.limit("call of " + Interpreter.text(where instanceof Expr.Call c ? c.func() : where) + " at line " + line + " not followed");
            return null;
        }
        switch (callee.kind) {
            case FUNCTION -> {
                if ("builtin".equals(callee.producer)) {
                    Expr.Call call = where instanceof Expr.Call c ? c : new Expr.Call(where, List.of(), List.of(), where.pos());
                    return in.builtins.call(in.pathOf(callee), args, kwargs, call.args().size() == args.size() ? call
                            : new Expr.Call(call.func(), List.of(), List.of(), where.pos()));
                }
                if ("cache decorator".equals(callee.producer) && args.size() == 1 && args.get(0) != null) {
                    return cached(args.get(0), callee.value);
                }
                if ("unbound".equals(callee.producer) && !args.isEmpty() && args.get(0) != null) {
                    String path = in.pathOf(callee);
                    return in.methods.call(args.get(0), path.substring(path.indexOf('.') + 1), args.subList(1, args.size()),
                            kwargs, new Expr.Call(where, List.of(), List.of(), where.pos()));
                }
                if (callee.lambda != null) return callLambda(callee, args, where);
                if (callee.function != null) {
                    Obj result = inline(callee.function, null, args, kwargs, where, callee.closureFrame);
                    if (result != null) remember(callee, args, result);
                    return result;
                }
            }
            case BOUND_METHOD -> {
                if (callee.function != null) {
                    Obj result = inline(callee.function, callee.attrs.get("__self__"), args, kwargs, where);
                    if (result != null) remember(callee, args, result);
                    return result;
                }
            }
            case CLASS -> {
                if (callee.attrs.containsKey("__bases__")) return constructRuntime(callee, args, kwargs, where);
                if (callee.cls != null && in.index.classNamed(callee.cls) != null) return construct(callee.cls, args, kwargs, where);
                return in.classes.instanceOfRuntimeClass(callee, args);
            }
            case MODULE -> {
                return in.stdlib.call(in.pathOf(callee), args, kwargs, where);
            }
            case INSTANCE -> {
                Stmt.FunctionNode m = callee.cls == null ? null : in.index.method(callee.cls, "__call__");
                if (m != null) return inline(m, callee, args, kwargs, where);
            }
            default -> { }
        }
        if ("itemgetter".equals(callee.producer) || "attrgetter".equals(callee.producer)) {
            return in.stdlib.getter(callee, args.isEmpty() ? null : args.get(0), where);
        }
        if (callee.partialOf != null) {
            List<Obj> all = new ArrayList<>(callee.sources);
            all.addAll(args);
            return callObject(callee.partialOf, all, kwargs, where);
        }
        in.limit("call of " + Interpreter.text(where instanceof Expr.Call c ? c.func() : where) + " at line " + line + " not followed");
        return null;
    }

    /** functools.lru_cache's maxsize when none is given. */
    static final long LRU_DEFAULT_MAXSIZE = 128;

    /**
     * A function or bound method wrapped at run time by lru_cache (maxsize entries; null: unbounded, as
     * functools.cache): calls go to it and keep their results.
     */
    Obj cached(Obj fn, Sym maxsize) {
        Obj wrapper = in.fixed(fn.kind, in.model.library("lruCacheWrapper"));
        wrapper.function = fn.function;
        wrapper.lambda = fn.lambda;
        wrapper.closureFrame = fn.closureFrame;
        wrapper.producer = fn.producer;
        wrapper.path = fn.path;
        wrapper.attrs.putAll(fn.attrs);
        Obj cache = in.make(Obj.Kind.DICT, Sym.ZERO);
        cache.keyCap = maxsize;
        wrapper.attrs.put(maxsize == null ? "__cache__" : "__lru_cache__", cache);
        return wrapper;
    }

    /** A call of a function with a cache (lru_cache, cache) keeps its result under its arguments. */
    private void remember(Obj fn, List<Obj> args, Obj result) {
        Obj cache = fn.attrs.get("__cache__");
        boolean bounded = cache == null;
        if (bounded) cache = fn.attrs.get("__lru_cache__");
        if (cache == null) return;
        Obj key = args.size() == 1 && args.get(0) != null && (args.get(0).kind == Obj.Kind.INT || args.get(0).kind == Obj.Kind.STR)
                ? args.get(0) : in.tuple(new ArrayList<>(args));
        List<Obj.Group> groups = new ArrayList<>();
        groups.add(new Obj.Group(Sym.of(1), key));
        if (result != null) groups.add(new Obj.Group(Sym.of(1), result));
        if (bounded) groups.add(new Obj.Group(Sym.of(1), in.fixed(Obj.Kind.OPAQUE, in.model.library("lruCacheLink")))); // the entry's link
        in.containers.addKey(cache, key, null, groups);
        // under a key that repeats across a loop's iterations the call is made once and its result comes back
        in.containers.sharedUnderRepeatedKey(result, key, null);
    }

    private Obj callLambda(Obj fn, List<Obj> args, Expr where) {
        Expr.Lambda l = fn.lambda;
        Map<String, Obj> env = new LinkedHashMap<>();
        List<Arg> params = new ArrayList<>(l.args().posonlyargs());
        params.addAll(l.args().args());
        for (int i = 0; i < params.size(); i++) env.put(params.get(i).arg(), i < args.size() ? args.get(i) : null);
        Interpreter.Frame f = new Interpreter.Frame(null, env, fn.closureFrame, in.clock);
        in.frames.push(f);
        try {
            return in.expressions.eval(l.body());
        } finally {
            in.frames.pop();
        }
    }

    /** A method call: the module's classes' methods, then the library's models of builtin types. */
    Obj method(Obj receiver, String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call where) {
        if (receiver == null) {
            in.limit("call of " + Interpreter.text(where.func()) + " at line " + where.pos().line() + " not followed");
            return null;
        }
        if (receiver.attrs.containsKey(name)) {
            return callObject(receiver.attrs.get(name), args, kwargs, where);
        }
        if (receiver.kind == Obj.Kind.UNKNOWN && receiver.cls == null && !Library.isBuiltinMethodName(name)) {
            String cls = onlyClassWith(name);
            if (cls != null) {
                in.touch(receiver);
                receiver.cls = cls;
                in.limit("receiver of " + Interpreter.text(where.func()) + " at line " + where.pos().line() + " taken as a " + cls
                        + " (the only class with " + name + ")");
            }
        }
        if (receiver.cls != null && in.index.classNamed(receiver.cls) != null
                && (receiver.kind == Obj.Kind.INSTANCE || receiver.kind == Obj.Kind.CLASS || receiver.kind == Obj.Kind.UNKNOWN
                || receiver.kind == Obj.Kind.EXCEPTION || receiver.kind == Obj.Kind.DICT)) {
            Stmt.FunctionNode m = in.index.method(receiver.cls, name);
            if (m == null) m = baseMethod(receiver, name);
            if (m != null) {
                ModuleIndex.MethodKind kind = ModuleIndex.kindOf(m);
                if (kind == ModuleIndex.MethodKind.STATIC) return inline(m, null, args, kwargs, where);
                if (receiver.kind == Obj.Kind.CLASS && kind == ModuleIndex.MethodKind.INSTANCE) {
                    List<Obj> all = new ArrayList<>(args);
                    Obj self = all.isEmpty() ? null : all.remove(0);
                    return inline(m, self, all, kwargs, where);
                }
                if (kind == ModuleIndex.MethodKind.CLASS) {
                    // called on a class, cls is that class (one made at run time included); on an instance, its class
                    Obj cls = receiver;
                    if (receiver.kind != Obj.Kind.CLASS) {
                        cls = in.given(Obj.Kind.CLASS, receiver.cls);
                        cls.cls = receiver.cls;
                    }
                    return inline(m, cls, args, kwargs, where);
                }
                Obj attr = kind == ModuleIndex.MethodKind.PROPERTY ? in.expressions.attribute(receiver, name, where) : null;
                if (attr != null) return callObject(attr, args, kwargs, where);
                return inline(m, receiver, args, kwargs, where);
            }
            if (name.equals("__new__") && receiver.kind == Obj.Kind.CLASS) {
                // object.__new__ through the class: a bare instance, which keeps a class made at run time alive
                Obj inst = in.make(Obj.Kind.INSTANCE, null);
                inst.cls = receiver.cls;
                if (receiver.fresh) inst.attrs.put("__class__", receiver);
                return inst;
            }
            Obj classValue = in.classes.classAttribute(receiver.cls, name);
            if (classValue != null) return callObject(classValue, args, kwargs, where);
            // a class nested in the class body, reached through the class or an instance (self._Section(...))
            ModuleIndex.ClassInfo nested = in.index.nestedClass(receiver.cls, name);
            if (nested != null) return construct(nested.name(), args, kwargs, where);
        }
        if (receiver.kind == Obj.Kind.MODULE) {
            return in.stdlib.call(in.pathOf(receiver) + "." + name, args, kwargs, where);
        }
        if (receiver.kind == Obj.Kind.FUNCTION && "builtin".equals(receiver.producer) && Library.isBuiltinType(in.pathOf(receiver))
                && name.startsWith("__") && !args.isEmpty() && args.get(0) != null) {
            // dict.__getitem__(self, key) in a subclass: the builtin's own method on the instance, not the override
            return in.methods.call(args.get(0), name, args.subList(1, args.size()), kwargs,
                    new Expr.Call(where.func(), where.args().isEmpty() ? List.of() : where.args().subList(1, where.args().size()),
                            where.keywords(), where.pos()));
        }
        return in.methods.call(receiver, name, args, kwargs, where);
    }

    /** An instance of a class type() made: its bases' __init__ runs on it, and it keeps the class alive. */
    private Obj constructRuntime(Obj cls, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        Stmt.FunctionNode init = cls.cls == null ? null : in.index.method(cls.cls, "__init__");
        if (init == null) init = baseMethod(cls, "__init__");
        if (init == null) return in.classes.instanceOfRuntimeClass(cls, args);
        Obj inst = in.make(Obj.Kind.INSTANCE, null);
        inst.cls = cls.cls;
        inst.attrs.put("__class__", cls);
        in.temps.add(inst);
        try {
            inline(init, inst, args, kwargs, where);
        } finally {
            in.temps.remove(inst);
        }
        return inst;
    }

    /** A method of a later base of a class made at run time (type(name, (A, B), {})): its lookup goes on through B. */
    private Stmt.FunctionNode baseMethod(Obj receiver, String name) {
        Obj bases = receiver.kind == Obj.Kind.CLASS ? receiver.attrs.get("__bases__") : null;
        if (bases == null) return null;
        for (Obj.Group g : bases.groups) {
            Obj b = g.item();
            Stmt.FunctionNode m = b != null && b.kind == Obj.Kind.CLASS && b.cls != null ? in.index.method(b.cls, name) : null;
            if (m != null) return m;
        }
        return null;
    }

    /** The one module class defining a method of that name, else null. */
    private String onlyClassWith(String name) {
        String found = null;
        for (ModuleIndex.ClassInfo c : in.index.classes().values()) {
            if (c.methods().containsKey(name)) {
                if (found != null) return null;
                found = c.name();
            }
        }
        return found;
    }

    /** Whether a module class derives from dict, itself or through its module bases. */
    boolean derivesFromDict(String clsName) {
        for (ModuleIndex.ClassInfo c : in.index.lineage(clsName)) {
            if (c.baseNames().contains("dict")) return true;
        }
        return false;
    }

    /** An instance of a module class, made by its __init__ (or as a dataclass or exception). */
    Obj construct(String clsName, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        ModuleIndex.ClassInfo cls = in.index.classNamed(clsName);
        if (derivesFromDict(clsName) && in.index.method(clsName, "__init__") == null) {
            // dict's own constructor: a copy of what it is given, with the class's methods
            Expr.Call call = where instanceof Expr.Call c ? c : null;
            Obj d = in.builtins.dict(Library.arg(args, 0), call == null || call.args().isEmpty() ? null : call.args().get(0), kwargs);
            d.cls = clsName;
            return d;
        }
        Obj inst = in.make(in.exceptions.isExceptionClass(cls) ? Obj.Kind.EXCEPTION : Obj.Kind.INSTANCE, null);
        inst.cls = clsName;
        if (inst.kind == Obj.Kind.EXCEPTION) in.exceptions.initException(inst, args);
        in.temps.add(inst);
        try {
            Stmt.FunctionNode init = in.index.method(clsName, "__init__");
            if (init != null) {
                inline(init, inst, args, kwargs, where);
            } else if (in.classes.isDataclass(cls)) {
                in.classes.initDataclass(inst, cls, args, kwargs);
            } else if (!cls.onlyKnownBases() && inst.kind != Obj.Kind.EXCEPTION) {
                in.limit("constructor of " + clsName + " at line " + where.pos().line() + " (a class of unknown bases) not followed");
            }
        } finally {
            in.temps.remove(inst);
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
    Obj inline(Stmt.FunctionNode fn, Obj self, List<Obj> args, Map<String, Obj> kwargs, Expr where, Interpreter.Frame closure) {
        String name = fn.name();
        if (!in.canFollow() || in.recursion(fn) >= Interpreter.MAX_RECURSION) {
            in.limit("call of " + name + " at line " + where.pos().line() + " not followed ("
                    + (in.recursion(fn) >= Interpreter.MAX_RECURSION ? "recursion" : "too deep") + ")");
            return null;
        }
        List<Obj> actual = new ArrayList<>(args);
        if (self != null) actual.add(self);
        actual.addAll(kwargs.values());
        // a walk of data it was given (a tree, nested dicts): followed one level down, to the items
        // of what the outer call walks; deeper levels depend on the data
        // (a node the call made and hands down beside it, a parent, does not bound the depth: the data does)
        if (stopsRecursion(fn, actual)) {
            in.limit("recursive call of " + name + " at line " + where.pos().line()
                    + " followed " + WALKED_LEVELS + " level down: its depth depends on the data it is given");
            // a generator cut there yields nothing to the walk, as a function cut there returns nothing
            // (an empty tuple: iterating it runs no iteration, and it costs nothing)
            if (in.syntax.isGenerator(fn)) return new Obj(Obj.Kind.TUPLE, Sym.ZERO, false, in.clock++);
            return null;
        }
        Map<String, Obj> env = bindParameters(fn, self, args, kwargs);
        boolean generator = in.syntax.isGenerator(fn) || fn instanceof Stmt.AsyncFunctionDef;
        if (generator) {
            Obj gen = in.fixed(Obj.Kind.GENERATOR, in.model.generator(in.syntax.slots(fn)));
            gen.function = fn;
            gen.frame = env;
            gen.closureFrame = closure; // a nested generator function reads the names of the scope around it
            return gen;
        }
        Interpreter.Frame f = new Interpreter.Frame(fn, env, closure, in.clock);
        if (in.recursion(fn) > 0) f.countedBy = in.looping.recursiveWalk(fn, actual);
        in.frames.push(f);
        Obj result;
        try {
            in.walker.function(fn);
            result = f.returned == null ? in.none() : f.returned;
            if (f.flow == Interpreter.Flow.RAISE && f.returned == null) result = null;
        } finally {
            in.frames.pop();
        }
        dropCallGarbage(f, result, actual);
        return result;
    }

    /**
     * Objects the callee made that are in a cycle and that nothing alive holds: garbage from now on.
     * A call that raises also ends the arguments the caller built for it without naming them: one
     * its frame holds in a cycle (a helper raising the exception it is given, raise exc) is garbage too.
     */
    private void dropCallGarbage(Interpreter.Frame f, Obj result, List<Obj> actual) {
        if (!in.peaks) return;
        boolean raised = f.flow == Interpreter.Flow.RAISE && f.returned == null;
        long floor = f.stamp;
        boolean any = false;
        for (Obj o : f.env.values()) {
            if (o == null || !o.cyclic || !o.fresh || o.garbage) continue;
            if (o.born >= f.stamp) any = true;
            else if (raised && actual.stream().anyMatch(a -> a == o)) {
                any = true;
                floor = Math.min(floor, o.born);
            }
        }
        if (!any) return;
        List<Obj> keepers = new ArrayList<>(in.roots());
        // the caller's temporaries end last in the roots: its arguments to this call go with the raise
        if (raised) {
            for (Obj a : actual) {
                for (int i = keepers.size() - 1; i >= 0; i--) {
                    if (keepers.get(i) == a) {
                        keepers.remove(i);
                        break;
                    }
                }
            }
        }
        keepers.add(result);
        Set<Obj> kept = in.footprint.reachable(keepers, o -> false);
        List<Obj> dropped = new ArrayList<>();
        for (Obj o : f.env.values()) in.looping.collectDropped(o, floor, kept, dropped);
        if (dropped.isEmpty()) return;
        Sym bytes = in.footprint.of(dropped, kept::contains);
        Interpreter.Loop l = in.loops.peek();
        if (l == null) in.garbage = Sym.add(in.garbage, bytes);
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
            else if (i >= firstDefault) env.put(p, in.scopes.defaultValue(a.defaults().get(i - firstDefault)));
            else env.put(p, null);
        }
        if (a.vararg() != null) {
            List<Obj> rest = actual.size() > positional.size() ? actual.subList(positional.size(), actual.size()) : List.of();
            Obj tuple = in.tuple(new ArrayList<>(rest));
            env.put(a.vararg().arg(), tuple);
        }
        for (int i = 0; i < a.kwonlyargs().size(); i++) {
            String p = a.kwonlyargs().get(i).arg();
            Expr d = a.kwDefaults().get(i);
            env.put(p, kwargs.containsKey(p) ? kwargs.get(p) : d == null ? null : in.scopes.defaultValue(d));
        }
        if (a.kwarg() != null) {
            Obj dict = in.make(Obj.Kind.DICT, Sym.ZERO);
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
}
