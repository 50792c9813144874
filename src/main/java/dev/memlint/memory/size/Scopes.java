package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names looked up: locals, cells, module globals made once at import, decorated functions. */
final class Scopes {
    private final Interpreter in;

    Scopes(Interpreter in) {
        this.in = in;
    }

    /** A name: a local, a cell of an enclosing frame, a module global, or a builtin (null). */
    Obj lookup(String name) {
        Interpreter.Frame f = in.frame();
        if (!f.globalNames.contains(name)) {
            for (Interpreter.Frame x = f; x != null; x = x.closure) {
                if (x.env.containsKey(name) && !(x == f && f.nonlocalNames.contains(name))) return x.env.get(name);
            }
        }
        return global(name);
    }

    /** A module-level name: a class, a function, or a value the module assigns (evaluated once, as given). */
    Obj global(String name) {
        if (in.globals.containsKey(name)) return in.globals.get(name);
        Obj v = null;
        ModuleIndex.ClassInfo cls = in.index.classNamed(name);
        Stmt.FunctionNode fn = in.index.functionNamed(name);
        if (cls != null) {
            v = in.given(Obj.Kind.CLASS, name);
            v.cls = name;
        } else if (fn != null) {
            v = in.given(Obj.Kind.FUNCTION, name);
            v.function = fn;
            if (!fn.decoratorList().isEmpty()) {
                in.globals.put(name, v); // a decorator that refers to the function sees it undecorated
                v = decorateAtImport(v, fn);
            }
        } else if (in.index.isImported(name)) {
            v = in.given(Obj.Kind.MODULE, in.index.importedName(new Expr.Name(name, dev.memlint.ast.Ctx.Load, null)));
        } else if (in.moduleValues.containsKey(name)) {
            in.globals.put(name, null); // a value defined in terms of itself stays unknown
            v = moduleValue(name, in.moduleValues.get(name));
        } else if (Library.isBuiltinCallable(name)) {
            v = in.given(Obj.Kind.FUNCTION, name); // list, dict, str... passed as a value (defaultdict(list), map(str, xs))
            v.producer = "builtin";
        }
        in.globals.put(name, v);
        return v;
    }

    /** A module function's decorators, run as the module ran them: what they make is not the call's. */
    private Obj decorateAtImport(Obj fn, Stmt.FunctionNode def) {
        in.frames.push(new Interpreter.Frame(null, new LinkedHashMap<>(), null, in.clock));
        List<Sym> saved = new ArrayList<>(in.candidates);
        Deque<Interpreter.Loop> savedLoops = new ArrayDeque<>(in.loops);
        in.loops.clear();
        try {
            return asGiven(decorate(fn, def), def.name());
        } finally {
            in.frames.pop();
            in.candidates.clear();
            in.candidates.addAll(saved);
            in.loops.addAll(savedLoops);
        }
    }

    /** A module-level value, made once when the module ran: its bytes are not the call's. */
    private Obj moduleValue(String name, Expr value) {
        Obj v;
        Interpreter.Frame module = new Interpreter.Frame(null, new LinkedHashMap<>(), null, in.clock);
        in.frames.push(module);
        List<Sym> saved = new ArrayList<>(in.candidates);
        Deque<Interpreter.Loop> savedLoops = new ArrayDeque<>(in.loops);
        in.loops.clear();
        try {
            List<Stmt> registered = in.filledByDecorators.get(name);
            boolean filled = in.filledAtImport.contains(name) && registered == null;
            if (filled) in.limit(name + " is filled by code run at import: its size is taken as len(" + name + ")");
            boolean simple = !filled && (value instanceof Expr.Constant || value instanceof Expr.Call || value instanceof Expr.ListExpr
                    || value instanceof Expr.DictExpr || value instanceof Expr.TupleExpr || value instanceof Expr.SetExpr
                    || value instanceof Expr.Name || value instanceof Expr.Attribute);
            v = simple ? in.expressions.eval(value) : null;
            if (v != null && registered != null) {
                in.globals.put(name, v); // what the decorators store into
                // import runs them, not the call being walked: none of its frames is on the stack
                List<Interpreter.Frame> calls = new ArrayList<>(in.frames);
                in.frames.clear();
                in.frames.push(module);
                try {
                    for (Stmt def : registered) registerAtImport(def, name);
                } finally {
                    in.frames.clear();
                    in.frames.addAll(calls);
                }
            } else if (registered != null && in.filledAtImport.contains(name)) {
                in.limit(name + " is filled by code run at import: its size is taken as len(" + name + ")");
            }
        } catch (Interpreter.OverBudget e) {
            throw e;
        } catch (RuntimeException e) {
            v = null;
        } finally {
            in.frames.pop();
            in.candidates.clear();
            in.candidates.addAll(saved);
            in.loops.addAll(savedLoops);
        }
        if (v == null) {
            v = in.given(Obj.Kind.UNKNOWN, name);
            v.count = Sym.var("len(" + name + ")");
            v.baseCount = v.count;
        }
        return asGiven(v, name);
    }

    /**
     * Runs, as import does, a statement calling a method of the module object name, or the decorators
     * of a module class or function that are module functions or methods of that object, innermost
     * first: what they store (a registry's entry, a route) is there when a function runs.
     */
    private void registerAtImport(Stmt def, String name) {
        if (def instanceof Stmt.ExprStmt e) {
            if (in.canFollow()) in.expressions.eval(e.value()); // name.method(...): setting the object up
            return;
        }
        Obj target;
        List<Expr> decorators;
        if (def instanceof Stmt.ClassDef c) {
            target = in.given(Obj.Kind.CLASS, c.name());
            target.cls = c.name();
            decorators = c.decoratorList();
        } else {
            Stmt.FunctionNode f = (Stmt.FunctionNode) def;
            target = in.given(Obj.Kind.FUNCTION, f.name());
            target.function = f;
            decorators = f.decoratorList();
        }
        for (int i = decorators.size() - 1; i >= 0; i--) {
            Expr d = decorators.get(i);
            Expr called = d instanceof Expr.Call c ? c.func() : d;
            boolean own = called instanceof Expr.Name f && in.index.functionNamed(f.id()) != null
                    || called instanceof Expr.Attribute a && a.value() instanceof Expr.Name owner && owner.id().equals(name);
            if (!own || !in.canFollow()) continue;
            Obj decorator = in.expressions.eval(d);
            Obj result = decorator == null ? null : in.calls.callObject(decorator, List.of(target), Map.of(), d);
            if (result != null) target = result;
        }
    }

    /** A copy of a module value that counts as made before the call (only its growth counts). */
    private Obj asGiven(Obj v, String name) {
        return asGiven(v, name, new java.util.LinkedHashMap<>());
    }

    private Obj asGiven(Obj v, String name, Map<Obj, Obj> done) {
        if (v == null || !v.fresh) return v;
        Obj known = done.get(v);
        if (known != null) return known;
        Obj g = new Obj(v.kind, v.count, false, -1);
        done.put(v, g);
        g.layout = v.layout;
        g.exactBeforeAppends = v.exactBeforeAppends;
        g.value = v.value;
        g.fixed = v.fixed;
        g.item = v.item;
        g.value2 = v.value2;
        g.cls = v.cls;
        g.runAs(v);
        g.producer = v.producer;
        g.path = name;
        g.baseCount = v.count;
        g.strKeys = v.strKeys;
        g.keyCap = v.keyCap;
        g.constantKeys = new java.util.HashSet<>(v.constantKeys);
        g.fileSize = v.fileSize;
        g.defaultFactory = v.defaultFactory;
        g.fixed2 = v.fixed2;
        g.partialOf = asGiven(v.partialOf, name, done);
        g.cyclic = v.cyclic;
        for (Obj.Group gr : v.groups) g.groups.add(new Obj.Group(gr.count(), asGiven(gr.item(), name, done)));
        for (var e : v.attrs.entrySet()) g.attrs.put(e.getKey(), asGiven(e.getValue(), name + "." + e.getKey(), done));
        List<Obj> sources = new ArrayList<>();
        for (Obj x : v.sources) sources.add(asGiven(x, name, done));
        g.sources = sources;
        return g;
    }

    /**
     * A function as its decorators leave it: a module or nested decorator is called with it (a
     * wrapper comes back); lru_cache and cache give it a cache; the decorators of methods and the
     * wrapping helpers (functools.wraps) change nothing the walk needs.
     */
    Obj decorate(Obj fn, Stmt.FunctionNode def) {
        Obj result = fn;
        List<Expr> decorators = def.decoratorList();
        for (int i = decorators.size() - 1; i >= 0; i--) {
            Expr d = decorators.get(i);
            String name = Syntax.decoratorName(d);
            switch (name) {
                case "staticmethod", "classmethod", "property", "cached_property", "setter", "getter", "deleter",
                        "abstractmethod", "overload", "override", "wraps", "total_ordering", "dataclass",
                        "contextmanager", "asynccontextmanager", "final", "runtime_checkable", "singledispatch" -> { }
                case "lru_cache", "cache" -> {
                    Obj cache = fn.fresh ? in.make(Obj.Kind.DICT, Sym.ZERO) : in.given(Obj.Kind.DICT, def.name() + " cache");
                    if (!cache.fresh) {
                        cache.count = Sym.ZERO;
                        cache.baseCount = Sym.ZERO;
                    }
                    boolean bounded = !(d instanceof Expr.Call c && c.keywords().stream().anyMatch(
                            k -> "maxsize".equals(k.arg()) && k.value() instanceof Expr.Constant v && v.value() == null))
                            && !name.equals("cache");
                    if (bounded) cache.keyCap = Sym.of(maxsize(d, name));
                    result.attrs.put(bounded ? "__lru_cache__" : "__cache__", cache);
                }
                default -> {
                    Obj decorator = d instanceof Expr.Name n ? lookup(n.id()) : null;
                    Obj wrapped = decorator != null && (decorator.kind == Obj.Kind.FUNCTION || decorator.kind == Obj.Kind.CLASS)
                            && (decorator.function != null || decorator.cls != null) && in.canFollow()
                            ? in.calls.callObject(decorator, List.of(result), Map.of(), d) : null;
                    if (wrapped != null) {
                        result = wrapped;
                    } else {
                        in.limit("decorator " + Interpreter.text(d) + " of " + def.name() + " at line " + d.pos().line()
                                + " not followed: calls go to the function as written");
                    }
                }
            }
        }
        return result;
    }

    /** The entries a bounded lru_cache decorator keeps: its maxsize, or functools' default. */
    private static long maxsize(Expr d, String name) {
        if (d instanceof Expr.Call c) {
            Expr size = c.args().isEmpty() ? null : c.args().get(0);
            for (var k : c.keywords()) if ("maxsize".equals(k.arg())) size = k.value();
            if (size instanceof Expr.Constant v && v.value() instanceof java.math.BigInteger i) return Math.max(0, i.longValue());
        }
        return Calls.LRU_DEFAULT_MAXSIZE;
    }

    Obj function(Stmt.FunctionNode fn) {
        Obj f = closure(in.syntax.free(fn));
        f.function = fn;
        return f;
    }

    /**
     * A function object made here that reads the free names of the calls around it. It keeps CPython's
     * closure tuple (a free-listed tuple like any other) of one cell per name: the cell is made when the
     * call binding the name begins, so every function made in that call shares it.
     */
    Obj closure(java.util.Set<String> free) {
        Obj f = in.fixed(Obj.Kind.FUNCTION, in.model.function());
        List<Obj> cells = new ArrayList<>();
        for (String name : free) {
            Interpreter.Frame binding = bindingFrame(name);
            if (binding != null) cells.add(binding.cells.computeIfAbsent(name, n -> cellOf(binding)));
        }
        if (!cells.isEmpty()) f.attrs.put("__closure__", in.tuple(cells));
        f.closureFrame = in.frame();
        return f;
    }

    private Obj cellOf(Interpreter.Frame x) {
        Obj cell = in.fixed(Obj.Kind.OPAQUE, in.model.cell());
        cell.born = x.stamp; // made as the call began, before any loop in it
        return cell;
    }

    Obj lookupLocal(String name) {
        Interpreter.Frame x = bindingFrame(name);
        return x == null ? null : x.env.get(name);
    }

    /** The frame that binds name: the running call's, or of a function around it; null for a global. */
    private Interpreter.Frame bindingFrame(String name) {
        for (Interpreter.Frame x = in.frame(); x != null; x = x.closure) {
            if (x.env.containsKey(name)) return x;
        }
        return null;
    }

    /** A default value: evaluated once, with the module, so never the call's own bytes. */
    Obj defaultValue(Expr d) {
        if (d instanceof Expr.Constant c) return in.expressions.constant(c);
        if (d instanceof Expr.Name n) return global(n.id());
        return null;
    }
}
