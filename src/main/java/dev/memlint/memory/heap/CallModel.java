package dev.memlint.memory.heap;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call model of a function's heap analysis: what calling the module's own functions, methods and
 * classes does (their summaries applied in the caller's terms, decorator wrappers, pending calls a
 * caller runs), and what builtins, library constructors and unknown code do with their arguments.
 */
final class CallModel {
    // ---- what builtins and container methods do: the call model's vocabulary, which the prefilter asks too ----

    private static final Set<String> COPYING_BUILTINS = Set.of("list", "tuple", "set", "frozenset", "dict",
            "sorted", "reversed", "iter", "enumerate", "zip", "map", "filter", "deque");
    /** Builtins that run their one iterable argument to its end. */
    private static final Set<String> CONSUMING_BUILTINS = Set.of("sum", "min", "max");
    private static final Set<String> ADDERS = Set.of("append", "add", "insert", "appendleft", "setdefault", "put");
    private static final Set<String> BULK_ADDERS = Set.of("extend", "update", "extendleft");
    private static final Set<String> READERS = Set.of("get", "pop", "popitem", "popleft", "copy", "keys", "values",
            "items", "index", "count", "remove", "discard", "__contains__", "sort", "reverse");

    /** The name a pending call of a callable argument (not a method) has: fn(self), fn from a parameter. */
    private static final String CALLED_VALUE = "()";

    /** Whether a class name is one of an exception, by the convention builtins and libraries follow. */
    static boolean isBuiltinException(String name) {
        return name.endsWith("Error") || name.endsWith("Exception") || name.equals("StopIteration")
                || name.equals("KeyboardInterrupt") || name.equals("SystemExit") || name.equals("GeneratorExit");
    }

    static boolean isCopyingBuiltin(String name) {
        return COPYING_BUILTINS.contains(name);
    }

    /** Methods whose result the analysis takes from the receiver's items (get, pop, copy, ...). */
    static boolean isReader(String method) {
        return READERS.contains(method);
    }

    /** dict.__setitem__(obj, key, value), list.append(obj, x), dict.update(obj, other): a store into obj's items. */
    static boolean storesByBaseContainer(Expr.Call c) {
        return c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name base
                && CONTAINER_TYPES.contains(base.id()) && c.args().size() >= 2 && !(c.args().get(0) instanceof Expr.Starred)
                && (a.attr().equals("__setitem__") || a.attr().equals("__init__") || ALL_ADDERS.contains(a.attr()));
    }

    /** The builtin containers whose methods a subclass calls by name on self. */
    private static final Set<String> CONTAINER_TYPES = Set.of("dict", "list", "set");

    static boolean isAdder(String method) {
        return ALL_ADDERS.contains(method);
    }

    /** Both kinds in one hash set: asked of every method call in every function. */
    private static final Set<String> ALL_ADDERS = new HashSet<>(ADDERS);

    static {
        ALL_ADDERS.addAll(BULK_ADDERS);
    }

    private final HeapAnalyzer heap;
    private final HeapTransfer t;

    CallModel(HeapAnalyzer heap, HeapTransfer t) {
        this.heap = heap;
        this.t = t;
    }

    Set<Site> call(Expr.Call c, HeapState s) {
        if (c.func() instanceof Expr.Subscript sub) {
            t.eval(sub, s); // handlers[kind](event): the lookup may run a __getitem__; the call is unknown code
        }
        List<Expr> argExprs = c.args();
        List<Set<Site>> args = new ArrayList<>(argExprs.size());
        for (Expr a : argExprs) {
            args.add(a instanceof Expr.Starred st ? t.items(t.eval(st.value(), s), s) : t.eval(a, s));
        }
        // Most calls pass no keywords: no map and set made for them (evaluated at every visit).
        boolean keywords = !c.keywords().isEmpty();
        Map<String, Set<Site>> kwargs = keywords ? new LinkedHashMap<>() : Map.of();
        Set<Site> splatted = keywords ? new LinkedHashSet<>() : Set.of();
        for (Keyword k : c.keywords()) {
            Set<Site> v = t.eval(k.value(), s);
            if (k.arg() == null) {
                splatted.addAll(t.items(v, s));
            } else {
                kwargs.put(k.arg(), v);
            }
        }
        String weak = heap.index.weakFactory(c.func());
        if (weak != null) {
            if (weak.equals("finalize")) { // the registry keeps the callback and its arguments
                for (int i = 1; i < args.size(); i++) {
                    s.escape(args.get(i));
                }
                escapeAll(List.of(), kwargs, s);
            }
            // A WeakKeyDictionary holds its values strongly.
            return Set.of(t.site(c, weak.equals("WeakKeyDictionary") ? Site.Kind.DICT : Site.Kind.WEAK, null));
        }
        Set<Site> runtime = runtimeObject(c, args, s);
        if (runtime != null) {
            return runtime;
        }
        if (c.func() instanceof Expr.Name n && n.id().equals("setattr") && !s.isBound(n.id())
                && !heap.index.isImported(n.id()) && args.size() == 3 && kwargs.isEmpty() && splatted.isEmpty()) {
            // setattr(self, "get" + name, getter): a store under a name the analysis may not know
            String attr = c.args().get(1) instanceof Expr.Constant k && k.value() instanceof String name
                    ? name : "(setattr)";
            Set<Site> objs = HeapTransfer.withoutNone(args.get(0));
            if (objs != null && objs.isEmpty()) {
                s.escape(args.get(2));
            }
            for (Site o : objs == null ? Set.<Site>of() : objs) {
                for (Site v : args.get(2)) {
                    s.addEdge(new Edge(o, attr, v, t.origin, false));
                }
            }
            return Set.of();
        }
        if (c.func() instanceof Expr.Name n && s.isBound(n.id())) {
            ModuleIndex.ClassInfo cls = t.classHeld(s.valueOf(n.id()));
            if (cls != null) { // factory = Node; factory(...), node_class=Node given by the caller
                return instantiate(cls, c, args, kwargs, splatted, s);
            }
        }
        ModuleIndex.ClassInfo fallback = defaultClass(c.func(), s);
        if (fallback != null) { // (self.loggerClass or _loggerClass)(name): the class used unless one was set
            return instantiate(fallback, c, args, kwargs, splatted, s);
        }
        if (c.func() instanceof Expr.Name n && !s.isBound(n.id())) {
            ModuleIndex.ClassInfo cls = heap.index.classNamed(n.id());
            if (cls != null) {
                return instantiate(cls, c, args, kwargs, splatted, s);
            }
            Stmt.FunctionNode fn = heap.index.functionNamed(n.id());
            if (fn != null && splatted.isEmpty()) {
                return apply(fn, null, args, kwargs, c, s);
            }
            if (COPYING_BUILTINS.contains(n.id()) && !heap.index.isImported(n.id())) {
                Site.Kind kind = switch (n.id()) {
                    case "list", "sorted", "deque" -> Site.Kind.LIST;
                    case "tuple" -> Site.Kind.TUPLE;
                    case "set", "frozenset" -> Site.Kind.SET;
                    case "dict" -> Site.Kind.DICT;
                    default -> Site.Kind.ITERATOR;
                };
                Site made = t.site(c, kind, null);
                if (kind == Site.Kind.ITERATOR) {
                    return t.iterator(made, n.id(), args, c, s);
                }
                for (Set<Site> a : args) {
                    t.addItems(made, t.items(a, s), t.origin, false, s);
                }
                if (args.size() == 1) {
                    t.exhaust(args.get(0), 0, s); // list(gen) runs it to its end
                }
                for (Set<Site> v : kwargs.values()) {
                    t.addItems(made, v, t.origin, false, s);
                }
                return Set.of(made);
            }
            if (RetainsNothing.builtinCall(n.id(), heap.index)) {
                if (CONSUMING_BUILTINS.contains(n.id()) && args.size() == 1) {
                    t.exhaust(args.get(0), 0, s);
                }
                return Set.of();
            }
            if (isBuiltinException(n.id()) && !heap.index.isImported(n.id())) {
                return Set.of(newException(c, n.id(), args, s));
            }
        }
        String qualified = heap.index.importedName(c.func());
        if (qualified != null && LibraryObjects.makesObject(qualified) && splatted.isEmpty()) {
            return Set.of(libraryObject(c, qualified, args, kwargs, s));
        }
        if (qualified != null && RetainsNothing.moduleFunction(qualified)) {
            return Set.of(); // math.sqrt(x), os.path.join(a, b), logging.debug(msg, obj), json.dumps(d)
        }
        if (c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name m && !s.isBound(m.id())
                && (isBuiltinException(a.attr()) || a.attr().equals("error"))) {
            // exceptions.CancelledError(), expat.error(msg): another module's exception class, by its name
            return Set.of(newException(c, a.attr(), args, s));
        }
        if (c.func() instanceof Expr.Call || c.func() instanceof Expr.Name) {
            Set<Site> callee = c.func() instanceof Expr.Call inner ? t.eval(inner, s) : s.valueOf(((Expr.Name) c.func()).id());
            if (!callee.isEmpty() && callee.stream().allMatch(this::isLibraryObject)) {
                // lru_cache(maxsize=64)(f), a decorator or factory a library made: its result keeps f
                return Set.of(libraryObject(c, callee.iterator().next().className(), args, kwargs, s));
            }
            Set<Site> called = splatted.isEmpty() && kwargs.isEmpty() ? t.callSpecial(callee, "__call__", args, c, s) : null;
            if (called == null && splatted.isEmpty()) {
                called = callBoundMethods(callee, args, kwargs, c, s);
            }
            if (called != null) {
                return called;
            }
            if (!callee.isEmpty() && splatted.isEmpty() && argumentsOnly(callee)) {
                // fn(self), fn an item of a parameter's list: the caller knows what fn is
                addPendingCall(t.site(c, Site.Kind.PENDING_CALL, CALLED_VALUE), callee, args, kwargs, s);
                return Set.of();
            }
            if (!callee.isEmpty() && splatted.isEmpty() && callee.stream().allMatch(x -> x.kind() == Site.Kind.FUNCTION)) {
                callFunctionValues(callee, args, kwargs, s);
                return Set.of();
            }
        }
        if (c.func() instanceof Expr.Attribute a && !args.isEmpty() && splatted.isEmpty()
                && a.value() instanceof Expr.Name base && CONTAINER_TYPES.contains(base.id())
                && !s.isBound(base.id()) && !heap.index.isImported(base.id()) && heap.index.classNamed(base.id()) == null) {
            Set<Site> done = baseContainerMethod(args.get(0), a.attr(), args.subList(1, args.size()), kwargs, s);
            if (done != null) {
                return done;
            }
        }
        if (c.func() instanceof Expr.Attribute a) {
            Set<Site> receivers = HeapTransfer.withoutModuleClasses(HeapTransfer.withoutNone(t.eval(a.value(), s)));
            String m = a.attr();
            if (receivers == null) {
                return Set.of(); // a method of None: an AttributeError, nothing is kept
            }
            if (!receivers.isEmpty()) {
                Set<Site> result = new LinkedHashSet<>();
                boolean handled = true;
                for (Site r : receivers) {
                    Stmt.FunctionNode method = t.methodOf(r, m);
                    ModuleIndex.MethodKind kind = method == null ? null : ModuleIndex.kindOf(method);
                    ModuleIndex.ClassInfo nested = method == null ? t.nestedClassOf(r, m) : null;
                    if (nested != null) {
                        result.addAll(instantiate(nested, c, args, kwargs, splatted, s)); // self._Section(self)
                    } else if (kind == ModuleIndex.MethodKind.INSTANCE) {
                        result.addAll(apply(method, Set.of(r), args, kwargs, c, s));
                    } else if (kind == ModuleIndex.MethodKind.STATIC) {
                        result.addAll(apply(method, null, args, kwargs, c, s));
                    } else if (kind == ModuleIndex.MethodKind.CLASS) {
                        result.addAll(apply(method, Set.of(), args, kwargs, c, s)); // cls: the class itself
                    } else if (kind != null) {
                        handled = false; // calling what a property returns: unknown code
                    } else if (r.kind() == Site.Kind.PARAM && r.className() == null && RetainsNothing.method(m)) {
                        continue; // out.write(text), log.debug(msg, x), text.split(sep) on an argument
                    } else if (r.kind() == Site.Kind.CLASS && r.node() instanceof Expr.Call) {
                        // type(name, bases, ns)._reconstruct(value): a method of a class made here, which
                        // its bases define, is taken as an alternate constructor: what it returns (an
                        // instance) keeps the class; the class is not handed anywhere else
                        escapeAll(args, kwargs, s);
                        Site made = t.site(c, Site.Kind.INSTANCE, null);
                        s.addEdge(new Edge(made, "__class__", r, t.origin, false));
                        result.add(made);
                    } else if (isLoopHandle(r) && m.equals("cancel") && args.isEmpty()) {
                        t.kill(r, "_callback", s); // a cancelled handle drops its callback and arguments
                        t.kill(r, "_args", s);
                    } else if (isLibraryObject(r) && !LibraryObjects.publishes(m)) {
                        keepClassMade(r, m, c, s);
                        for (Set<Site> x : args) { // stack.callback(self.close): the object may keep it
                            keep(r, x, s);
                        }
                        for (Set<Site> x : kwargs.values()) {
                            keep(r, x, s);
                        }
                    } else if (ADDERS.contains(m) && !args.isEmpty()) {
                        Set<Site> added = args.get(args.size() - 1);
                        boolean same = t.sameName(a.value(), argExprs.get(argExprs.size() - 1)) && receivers.equals(added);
                        t.addItems(r, added, t.origin, same, s);
                        if (m.equals("setdefault") && args.size() == 2) {
                            t.addItems(r, args.get(0), t.origin, false, s);
                            result.addAll(t.field(r, "item", s)); // the value already there, or the default
                        }
                    } else if (BULK_ADDERS.contains(m)) {
                        for (Set<Site> x : args) {
                            t.addItems(r, t.items(x, s), t.origin, false, s);
                        }
                        for (Set<Site> x : kwargs.values()) {
                            t.addItems(r, x, t.origin, false, s);
                        }
                    } else if (m.equals("clear") && args.isEmpty()) {
                        t.kill(r, "item", s); // a list, dict or set of one object: its items are gone
                    } else if (m.equals("copy")) {
                        Site copy = t.site(c, r.kind() == Site.Kind.PARAM ? Site.Kind.LIST : r.kind(), null);
                        t.addItems(copy, t.field(r, "item", s), t.origin, false, s);
                        result.add(copy);
                    } else if (READERS.contains(m)) {
                        result.addAll(t.field(r, "item", s));
                    } else {
                        handled = false;
                    }
                }
                if (handled) {
                    return result;
                }
            } else if (a.value() instanceof Expr.Constant || RetainsNothing.method(m)) {
                return Set.of(); // "sep".join(...), "fmt".format(...), text.split(sep), log.debug(msg, x)
            }
            if (m.equals("send") || m.equals("throw")) {
                escapeAll(args, kwargs, s); // gen.send(v): the generator may keep v, but not hand itself on
                return Set.of();
            }
            if (pendingCall(receivers, m) && splatted.isEmpty()) {
                Site pending = t.site(c, Site.Kind.PENDING_CALL, m);
                addPendingCall(pending, receivers, args, kwargs, s);
                return Set.of();
            }
            if (storedCallable(receivers, m)) {
                escapeAll(args, kwargs, s); // self.on_done(result): the callable may keep its arguments,
                s.escape(splatted);         // but calling it does not hand it its holder
                return Set.of();
            }
            Set<Site> scheduled = splatted.isEmpty() ? scheduledCallback(m, receivers, args, kwargs, c, s) : null;
            if (scheduled != null) {
                return scheduled;
            }
        }
        // Unknown code may keep whatever it is given.
        escapeAll(args, kwargs, s);
        s.escape(splatted);
        if (c.func() instanceof Expr.Attribute a) {
            s.escape(t.eval(a.value(), s));
        }
        return Set.of();
    }

    /**
     * The module class a callee stands for by default: a module-level name bound to the class
     * ({@code _loggerClass = Logger}), or the last operand of an {@code or} that is one, the class
     * used when the operands before it (a class configured on the object) are unset. Else null.
     */
    private ModuleIndex.ClassInfo defaultClass(Expr func, HeapState s) {
        if (func instanceof Expr.Name n && !s.isBound(n.id())) {
            return heap.index.classAlias(n.id());
        }
        if (func instanceof Expr.BoolOp b && b.op() == dev.memlint.ast.BoolOperator.Or) {
            Expr last = b.values().get(b.values().size() - 1);
            if (last instanceof Expr.Name n && !s.isBound(n.id())) {
                ModuleIndex.ClassInfo cls = heap.index.classNamed(n.id());
                return cls != null ? cls : heap.index.classAlias(n.id());
            }
            return last instanceof Expr.Name n ? t.classHeld(s.valueOf(n.id())) : null;
        }
        return null;
    }

    /**
     * dict.__getitem__(self, key), list.pop(self, i), dict.__setitem__(self, key, value): a
     * container subclass calling its base's method by name, past its own override. It reads or
     * stores the receiver's items and keeps nothing else; null for other methods (unknown code).
     */
    private Set<Site> baseContainerMethod(Set<Site> receivers, String m, List<Set<Site>> args,
                                          Map<String, Set<Site>> kwargs, HeapState s) {
        Set<Site> objs = HeapTransfer.withoutNone(receivers);
        if (objs == null || objs.isEmpty()) {
            return null;
        }
        Set<Site> result = new LinkedHashSet<>();
        for (Site r : objs) {
            if (m.equals("__getitem__") || m.equals("__contains__") || READERS.contains(m)) {
                result.addAll(t.field(r, "item", s));
            } else if ((m.equals("__setitem__") || ADDERS.contains(m)) && !args.isEmpty()) {
                t.addItems(r, args.get(args.size() - 1), t.origin, false, s);
                if (m.equals("setdefault")) {
                    result.addAll(t.field(r, "item", s));
                }
            } else if (m.equals("__init__") || BULK_ADDERS.contains(m)) {
                for (Set<Site> x : args) {
                    t.addItems(r, t.items(x, s), t.origin, false, s);
                }
                for (Set<Site> x : kwargs.values()) {
                    t.addItems(r, x, t.origin, false, s);
                }
            } else if (m.equals("clear") || m.equals("__delitem__") || m.equals("__len__")) {
                if (m.equals("clear")) {
                    t.kill(r, "item", s);
                }
            } else {
                return null;
            }
        }
        return result;
    }

    /**
     * Frames and class objects made by the runtime: the running frame (inspect.currentframe(),
     * sys._getframe()), the exception being handled with its traceback (sys.exc_info()), and
     * classes made by calls (type(name, bases, ns), namedtuple, make_dataclass, ...). Null for other calls.
     */
    private Set<Site> runtimeObject(Expr.Call c, List<Set<Site>> args, HeapState s) {
        String name = heap.index.importedName(c.func());
        if (name == null && c.func() instanceof Expr.Name n && !s.isBound(n.id()) && heap.index.functionNamed(n.id()) == null
                && heap.index.classNamed(n.id()) == null) {
            name = "builtins." + n.id();
        }
        if (name == null) {
            return null;
        }
        switch (name) {
            case "inspect.currentframe":
                return Set.of(t.frame);
            case "sys._getframe":
                if (c.args().isEmpty() || isInt(c.args().get(0), 0)) {
                    return Set.of(t.frame);
                }
                // The caller's frame lives outside this call; the caller maps it to its own frame.
                return isInt(c.args().get(0), 1) ? Set.of(HeapAnalyzer.CALLER_FRAME) : Set.of();
            case "sys.exc_info": {
                if (!insideHandler(c)) {
                    return Set.of(); // an exception a caller handles: its traceback holds the caller's frames
                }
                Site info = t.site(c, Site.Kind.TUPLE, null);
                Site exc = t.site(c, Site.Kind.EXCEPTION, null);
                s.addEdge(new Edge(exc, "__traceback__", t.frame, c, false));
                // (type, value, traceback): the class holds no frame; the value and the traceback
                // (one object here: the exception with its __traceback__) do, under their own names.
                s.addEdge(new Edge(info, "item 1", exc, c, false));
                s.addEdge(new Edge(info, "item 2", exc, c, false));
                return Set.of(info);
            }
            case "builtins.type":
                return args.size() == 3 ? Set.of(t.classObject(c, null, s)) : null;
            case "collections.namedtuple", "typing.NamedTuple", "dataclasses.make_dataclass", "enum.Enum",
                    "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum", "types.new_class":
                return args.isEmpty() ? null : Set.of(t.classObject(c, null, s));
            default:
                return null;
        }
    }

    /**
     * Whether a method call is on arguments (or what they reach) of no known class, by a name
     * some class of the module has a method of: the caller may know the receiver and run that
     * method, so the call is left to it (a pending call) instead of letting everything escape.
     */
    private boolean pendingCall(Set<Site> receivers, String name) {
        return !receivers.isEmpty() && heap.index.anyClassHasMethod(name) && argumentsOnly(receivers);
    }

    /** Arguments of no known class, or what they reach: the caller may know what they are. */
    private boolean argumentsOnly(Set<Site> objs) {
        for (Site r : objs) {
            if (r.kind() != Site.Kind.PARAM || r.className() != null || r.global()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A call of function objects this function (or a caller, through a pending call) made: a
     * lambda or plain nested def keeps only the arguments its parameters name; other callables
     * may keep all of them. As for any stored callable, calling it does not hand it on.
     */
    private void callFunctionValues(Set<Site> functions, List<Set<Site>> args, Map<String, Set<Site>> kwargs,
                                    HeapState s) {
        for (Site f : functions) {
            Located code = f.kind() == Site.Kind.FUNCTION ? f.node() : null;
            for (int i = 0; i < args.size(); i++) {
                if (code == null || CalledFunctions.mayKeepPositional(code, i)) {
                    s.escape(args.get(i));
                }
            }
            for (Map.Entry<String, Set<Site>> k : kwargs.entrySet()) {
                if (code == null || CalledFunctions.mayKeepKeyword(code, k.getKey())) {
                    s.escape(k.getValue());
                }
            }
        }
    }

    /**
     * A call of bound methods of the module's classes (a callback such as self._on_done, kept
     * and called later) runs each method on the object it is bound to; null, leaving the call
     * to the other readings, when some callee is not such a bound method.
     */
    private Set<Site> callBoundMethods(Set<Site> callees, List<Set<Site>> args, Map<String, Set<Site>> kwargs,
                                       Located call, HeapState s) {
        if (callees.isEmpty()) {
            return null;
        }
        for (Site f : callees) {
            if (f.kind() != Site.Kind.BOUND_METHOD || f.className() == null) {
                return null; // types.MethodType(f, obj): a function the analysis does not know
            }
            Set<Site> selves = t.field(f, "__self__", s);
            if (selves.isEmpty()) {
                return null;
            }
            for (Site self : selves) {
                Stmt.FunctionNode method = t.methodOf(self, f.className());
                if (method == null || ModuleIndex.kindOf(method) != ModuleIndex.MethodKind.INSTANCE) {
                    return null;
                }
            }
        }
        Set<Site> out = new LinkedHashSet<>();
        for (Site f : callees) {
            for (Site self : t.field(f, "__self__", s)) {
                out.addAll(apply(t.methodOf(self, f.className()), Set.of(self), args, kwargs, call, s));
            }
        }
        return out;
    }

    /** A pending call escapes: until a caller runs it, what it refers to may be kept anywhere. */
    private void addPendingCall(Site pending, Set<Site> receivers, List<Set<Site>> args,
                                Map<String, Set<Site>> kwargs, HeapState s) {
        for (Site r : receivers) {
            s.addEdge(new Edge(pending, "receiver", r, t.origin, false));
        }
        for (int i = 0; i < args.size(); i++) {
            for (Site v : args.get(i)) {
                s.addEdge(new Edge(pending, "arg " + i, v, t.origin, false));
            }
        }
        for (Map.Entry<String, Set<Site>> k : kwargs.entrySet()) {
            for (Site v : k.getValue()) {
                s.addEdge(new Edge(pending, "kw " + k.getKey(), v, t.origin, false));
            }
        }
        s.escape(List.of(pending));
    }

    /**
     * Runs a callee's pending call on what the caller passed: the module's method when the
     * receiver is an instance of a class that has it; left pending again when the receiver is
     * still an argument of no known class; else the receiver and arguments escape.
     */
    private void runPending(Site pending, HeapState view, java.util.function.Function<Site, Set<Site>> map,
                            Located call, HeapState s) {
        Set<Site> receivers = new LinkedHashSet<>();
        List<Set<Site>> args = new ArrayList<>();
        Map<String, Set<Site>> kwargs = new LinkedHashMap<>();
        for (Edge e : view.outgoing(pending)) {
            Set<Site> to = map.apply(e.to());
            if (e.label().equals("receiver")) {
                receivers.addAll(to);
            } else if (e.label().startsWith("arg ")) {
                int i = Integer.parseInt(e.label().substring(4));
                while (args.size() <= i) {
                    args.add(new LinkedHashSet<>());
                }
                args.get(i).addAll(to);
            } else {
                kwargs.computeIfAbsent(e.label().substring(3), k -> new LinkedHashSet<>()).addAll(to);
            }
        }
        String m = pending.className();
        if (m.equals(CALLED_VALUE) ? argumentsOnly(receivers) && !receivers.isEmpty() : pendingCall(receivers, m)) {
            addPendingCall(t.noteMade(new Site(call.pos().line() + ":" + call.pos().col() + ">" + pending.key(),
                    Site.Kind.PENDING_CALL, call, m, true)), receivers, args, kwargs, s);
            return;
        }
        if (m.equals(CALLED_VALUE)) {
            if (callBoundMethods(receivers, args, kwargs, call, s) != null) {
                return;
            }
            if (receivers.isEmpty()) { // a module or library function: unknown code
                escapeAll(args, kwargs, s);
            }
            callFunctionValues(receivers, args, kwargs, s);
            return;
        }
        for (Site r : receivers) {
            Stmt.FunctionNode method = r.kind() == Site.Kind.INSTANCE ? t.methodOf(r, m) : null;
            if (method != null && ModuleIndex.kindOf(method) == ModuleIndex.MethodKind.INSTANCE) {
                apply(method, Set.of(r), args, kwargs, call, s);
            } else {
                s.escape(List.of(r));
                escapeAll(args, kwargs, s);
            }
        }
    }

    /**
     * Whether every receiver is an instance of a module class (with only module bases) that
     * has no method of that name: the call is of a callable stored in an attribute. Self (or a
     * module-level instance) may be of a subclass, so there no class of the module may have one.
     */
    private boolean storedCallable(Set<Site> receivers, String name) {
        if (receivers.isEmpty()) {
            return false;
        }
        for (Site r : receivers) {
            boolean exact = r.kind() == Site.Kind.INSTANCE;
            ModuleIndex.ClassInfo cls = (exact || r.kind() == Site.Kind.PARAM) && r.className() != null
                    ? heap.index.classNamed(r.className()) : null;
            if (cls == null || !cls.onlyKnownBases() || heap.index.method(cls.name(), name) != null
                    || (!exact && heap.index.anyClassHasMethod(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A callback handed to an event loop or a future of no known class, by the names asyncio
     * gives them: loop.call_later(delay, cb, *args) (call_at, call_soon, call_soon_threadsafe)
     * returns a handle that keeps cb and its arguments (and its loop) until cancelled, while the
     * loop holds the handle only until cb has run; fut.add_done_callback(cb) keeps cb only until
     * the future is done. So neither makes cb live on (measured with CPython 3.12: a closure
     * that reaches its own handle is cyclic garbage once the timer fired). cb runs with the
     * arguments, or the future. Null for other calls.
     */
    private Set<Site> scheduledCallback(String m, Set<Site> receivers, List<Set<Site>> args,
                                        Map<String, Set<Site>> kwargs, Expr.Call c, HeapState s) {
        if (!kwargs.keySet().stream().allMatch("context"::equals)) {
            return null;
        }
        Integer at = LOOP_SCHEDULERS.get(m);
        if (at != null && args.size() > at) {
            Site handle = t.site(c, Site.Kind.INSTANCE, at == 0 ? "asyncio.events.Handle" : "asyncio.events.TimerHandle");
            List<Set<Site>> given = args.subList(at + 1, args.size());
            for (Site cb : args.get(at)) {
                s.addEdge(new Edge(handle, "_callback", cb, t.origin, false));
            }
            for (Set<Site> x : given) {
                for (Site v : x) {
                    s.addEdge(new Edge(handle, "_args", v, t.origin, false));
                }
            }
            for (Site loop : receivers) {
                s.addEdge(new Edge(handle, "_loop", loop, t.origin, false));
            }
            escapeAll(List.of(), kwargs, s);
            callFunctionValues(args.get(at), given, Map.of(), s);
            return Set.of(handle);
        }
        if (m.equals("add_done_callback") && args.size() == 1) {
            escapeAll(List.of(), kwargs, s);
            callFunctionValues(args.get(0), List.of(receivers), Map.of(), s);
            return Set.of();
        }
        return null;
    }

    /** Event-loop methods that schedule a callback, and where the callback is among their arguments. */
    private static final Map<String, Integer> LOOP_SCHEDULERS = Map.of("call_soon", 0, "call_soon_threadsafe", 0,
            "call_later", 1, "call_at", 1);

    /**
     * An object a library class or factory makes (its className is the qualified name): it may
     * keep its arguments; types.MethodType(f, obj) is a bound method of obj; a defaultdict keeps
     * its factory; some library classes are cyclic from the start.
     */
    private Site libraryObject(Expr.Call c, String qualified, List<Set<Site>> args, Map<String, Set<Site>> kwargs,
                               HeapState s) {
        if (qualified.equals("types.MethodType") && args.size() == 2) {
            Site bound = t.site(c, Site.Kind.BOUND_METHOD, null);
            for (Site x : args.get(1)) {
                s.addEdge(new Edge(bound, "__self__", x, t.origin, false));
            }
            keep(bound, args.get(0), s);
            return bound;
        }
        Site.Kind kind = qualified.equals("collections.defaultdict") || qualified.equals("collections.OrderedDict")
                ? Site.Kind.DICT : qualified.equals("collections.deque") ? Site.Kind.LIST : Site.Kind.INSTANCE;
        Site made = t.site(c, kind, kind == Site.Kind.INSTANCE ? qualified : null);
        if (kind == Site.Kind.INSTANCE) {
            for (Set<Site> x : args) {
                keep(made, x, s);
            }
        } else if (!args.isEmpty()) { // a defaultdict's factory; a deque's or OrderedDict's items
            if (qualified.equals("collections.defaultdict")) {
                keep(made, args.get(0), s);
            } else {
                t.addItems(made, t.items(args.get(0), s), t.origin, false, s);
            }
        }
        for (Set<Site> x : kwargs.values()) {
            keep(made, x, s);
        }
        if (LibraryObjects.selfCyclic(qualified)) {
            s.addEdge(new Edge(made, "(internal)", made, c, true));
        }
        return made;
    }

    private static boolean isInt(Expr e, int value) {
        return e instanceof Expr.Constant k && k.value() instanceof Number x && !(x instanceof Double)
                && x.longValue() == value && x.toString().equals(Integer.toString(value));
    }

    /** An exception made by calling its class: ValueError(msg, obj) keeps obj in its args. */
    private Site newException(Expr.Call c, String className, List<Set<Site>> args, HeapState s) {
        Site exc = t.site(c, Site.Kind.EXCEPTION, className);
        for (Set<Site> a : args) {
            keep(exc, a, s);
        }
        return exc;
    }

    private static boolean isLoopHandle(Site x) {
        return x.kind() == Site.Kind.INSTANCE && ("asyncio.events.Handle".equals(x.className())
                || "asyncio.events.TimerHandle".equals(x.className()));
    }

    boolean isLibraryObject(Site x) {
        return x.kind() == Site.Kind.INSTANCE && x.className() != null && heap.index.classNamed(x.className()) == null;
    }

    /** A library method that makes a class (always in a cycle) and keeps it on its object. */
    void keepClassMade(Site object, String method, Located at, HeapState s) {
        if (LibraryObjects.makesClass(object.className(), method)) {
            keep(object, Set.of(t.classObject(at, null, s)), s);
        }
    }

    private void keep(Site holder, Set<Site> values, HeapState s) {
        for (Site v : values) {
            s.addEdge(new Edge(holder, "keeps", v, t.origin, false));
        }
    }

    /** Whether a node is inside an except clause of this function (not of a nested one). */
    private boolean insideHandler(Located node) {
        if (handlers == null) {
            handlers = new ArrayList<>();
            collectHandlers(t.scope.function.body(), handlers);
        }
        for (ExceptHandler h : handlers) {
            if (within(node.pos(), h.pos())) {
                return true;
            }
        }
        return false;
    }

    private List<ExceptHandler> handlers;

    private static void collectHandlers(Object node, List<ExceptHandler> out) {
        if (node instanceof List<?> list) {
            list.forEach(x -> collectHandlers(x, out));
        } else if (node instanceof ExceptHandler h) {
            out.add(h);
            collectHandlers(h.body(), out);
        } else if (node instanceof Stmt st && !NodeKinds.isFunction(st) && !(st instanceof Stmt.ClassDef)) {
            NodeChildren.forEach(st, x -> {
                if (x instanceof Stmt || x instanceof ExceptHandler) {
                    collectHandlers(x, out);
                }
            });
        }
    }

    private static boolean within(dev.memlint.ast.Pos inner, dev.memlint.ast.Pos outer) {
        boolean startsAfter = inner.line() > outer.line() || (inner.line() == outer.line() && inner.col() >= outer.col());
        boolean endsBefore = inner.endLine() < outer.endLine()
                || (inner.endLine() == outer.endLine() && inner.endCol() <= outer.endCol());
        return startsAfter && endsBefore;
    }

    private Set<Site> instantiate(ModuleIndex.ClassInfo cls, Expr.Call c, List<Set<Site>> args,
                                  Map<String, Set<Site>> kwargs, Set<Site> splatted, HeapState s) {
        Site instance = t.site(c, Site.Kind.INSTANCE, cls.name());
        Stmt.FunctionNode init = heap.index.method(cls.name(), "__init__");
        if (init == null && ModuleIndex.isDataclass(cls.node()) && splatted.isEmpty()) {
            dataclassInit(cls, instance, args, kwargs, c, s);
        } else if (init != null && splatted.isEmpty()) {
            apply(init, Set.of(instance), args, kwargs, c, s);
        } else if (init != null || !cls.onlyKnownBases() || !splatted.isEmpty()) {
            escapeAll(args, kwargs, s);
            s.escape(splatted);
        }
        return Set.of(instance);
    }

    /**
     * A dataclass's generated __init__: each field (annotated class attribute, in order) refers to
     * its argument, or to a new container from {@code field(default_factory=list)}; then __post_init__.
     */
    private void dataclassInit(ModuleIndex.ClassInfo cls, Site instance, List<Set<Site>> args,
                               Map<String, Set<Site>> kwargs, Expr.Call c, HeapState s) {
        int position = 0;
        for (Stmt member : cls.node().body()) {
            if (!(member instanceof Stmt.AnnAssign f && f.target() instanceof Expr.Name field)) {
                continue;
            }
            if (f.annotation() instanceof Expr.Subscript sub && sub.value() instanceof Expr.Name cv
                    && cv.id().equals("ClassVar")) {
                continue;
            }
            Set<Site> value = position < args.size() ? args.get(position) : kwargs.get(field.id());
            position++;
            if (value == null && f.value() instanceof Expr.Call factory) {
                for (Keyword k : factory.keywords()) {
                    if ("default_factory".equals(k.arg()) && k.value() instanceof Expr.Name n
                            && (n.id().equals("list") || n.id().equals("dict") || n.id().equals("set"))) {
                        // one new container per instance: the field's site at this call
                        value = Set.of(t.fieldSite(c, field.id(), n.id().equals("list") ? Site.Kind.LIST
                                : n.id().equals("dict") ? Site.Kind.DICT : Site.Kind.SET));
                    }
                }
            }
            for (Site v : value == null ? Set.<Site>of() : value) {
                s.addEdge(new Edge(instance, field.id(), v, c, false));
            }
        }
        Stmt.FunctionNode post = heap.index.method(cls.name(), "__post_init__");
        if (post != null) {
            apply(post, Set.of(instance), List.of(), Map.of(), c, s);
        }
    }

    /** Applies a callee's summary at a call: its references, escapes and overwritten fields. */
    Set<Site> apply(Stmt.FunctionNode fn, Set<Site> receiver, List<Set<Site>> args,
                            Map<String, Set<Site>> kwargs, Located call, HeapState s) {
        // A call back into a function being analysed applies its summary so far (see solve).
        Set<Stmt.FunctionNode> unsolvedComponent = heap.unsolved.get(t.scope.function);
        HeapAnalyzer.Summary soFar = null;
        if (heap.inProgress.containsKey(fn)) {
            soFar = heap.callBack(fn);
            if (soFar == null) {
                return unknownCall(receiver, args, kwargs, s);
            }
        } else if (unsolvedComponent != null && unsolvedComponent.contains(fn)) {
            return unknownCall(receiver, args, kwargs, s);
        }
        FunctionScope callee = heap.scope(fn);
        Map<String, Set<Site>> bound = new HashMap<>();
        List<String> positional = callee.positional();
        int p = 0;
        List<Set<Site>> actual = new ArrayList<>();
        if (receiver != null) {
            actual.add(receiver);
        }
        actual.addAll(args);
        for (Set<Site> a : actual) {
            if (p < positional.size()) {
                bound.put(positional.get(p++), a);
            } else {
                s.escape(a); // into *args: not followed
            }
        }
        if (!kwargs.isEmpty()) {
            Set<String> keywordNames = callee.keywordNames();
            for (Map.Entry<String, Set<Site>> k : kwargs.entrySet()) {
                if (keywordNames.contains(k.getKey())) {
                    bound.put(k.getKey(), k.getValue());
                } else {
                    s.escape(k.getValue());
                }
            }
        }
        Map<String, HeapAnalyzer.Given> given = soFar != null ? Map.of() : arguments(fn, callee, bound);
        HeapAnalyzer.Summary sum = soFar != null ? soFar : heap.summary(fn, given);
        // Inside a component, objects of every deeper level made through the same call are one summary object.
        boolean recursive = soFar != null || heap.provisional.contains(sum);
        if (sum.gaveUp()) {
            return unknownCall(receiver, args, kwargs, s);
        }
        Set<Site> calleesFinding = heap.garbageReportedAt(fn, given, sum);
        Map<Site, Set<Site>> mapped = new HashMap<>();
        java.util.function.Function<Site, Set<Site>> map = new java.util.function.Function<>() {
            public Set<Site> apply(Site x) {
                Set<Site> known = mapped.get(x);
                if (known != null) {
                    return known;
                }
                Set<Site> out;
                if (x.kind() == Site.Kind.NONE || x.global()) {
                    out = Set.of(x);
                } else if (x.equals(HeapAnalyzer.CALLER_FRAME)) {
                    out = Set.of(t.frame); // sys._getframe(1) in the callee: this call's frame
                } else if (x.kind() == Site.Kind.PARAM) {
                    String path = x.paramPath(); // parent.children.item: the argument, then its fields
                    int dot = path.indexOf('.');
                    out = new LinkedHashSet<>(bound.getOrDefault(dot < 0 ? path : path.substring(0, dot), Set.of()));
                    // Inside a component, what deeper levels reach below an argument's items or fields
                    // stands as those items or fields: paths into given data stay finite from round to round.
                    for (int depth = 1; dot >= 0 && (!recursive || depth < 2); depth++) {
                        int next = path.indexOf('.', dot + 1);
                        out = field(out, path.substring(dot + 1, next < 0 ? path.length() : next));
                        dot = next;
                    }
                } else {
                    out = Set.of(t.noteMade(calleeObject(x, call, recursive, calleesFinding.contains(x))));
                }
                mapped.put(x, out);
                return out;
            }

            private Set<Site> field(Set<Site> objs, String label) {
                Set<Site> next = new LinkedHashSet<>();
                for (Site o : objs) {
                    next.addAll(t.field(o, label, s));
                }
                return next;
            }
        };
        HeapState view = heap.callerView(sum);
        // "param self.item" is what self's items were when the call began: mapped before the
        // callee's own stores are copied, or it would also stand for the items the call adds.
        for (Edge e : view.edges()) {
            if (e.from().kind() == Site.Kind.PARAM) {
                map.apply(e.from());
            }
            if (e.to().kind() == Site.Kind.PARAM) {
                map.apply(e.to());
            }
        }
        for (Site x : view.escaped()) {
            if (x.kind() == Site.Kind.PARAM) {
                map.apply(x);
            }
        }
        for (Site x : sum.exit().returned()) {
            if (x.kind() == Site.Kind.PARAM) {
                map.apply(x);
            }
        }
        for (String killed : sum.exit().killedParamFields()) {
            int dot = killed.lastIndexOf('.');
            if (recursive && killed.indexOf('.') < dot) {
                continue; // a field below an argument's field: through a recursive call, not one object
            }
            Set<Site> objs = map.apply(new Site(killed.substring(0, dot), Site.Kind.PARAM, null, null, true));
            if (objs.size() == 1) {
                t.kill(objs.iterator().next(), killed.substring(dot + 1), s);
            }
        }
        // Each call makes new objects of the callee's: count them, so that objects handed up
        // through chains of calls cannot multiply past the budget.
        t.spend(sum.exit().edgeCount() + view.escaped().size() + view.returned().size(), s);
        for (Edge e : view.edges()) {
            if (e.from().kind() == Site.Kind.PENDING_CALL) {
                continue; // run below, not copied
            }
            for (Site from : map.apply(e.from())) {
                for (Site to : map.apply(e.to())) {
                    s.addEdge(e.between(from, to, e.origin() != null ? e.origin() : call));
                }
            }
        }
        for (Site x : view.escaped()) {
            if (x.kind() == Site.Kind.PENDING_CALL) {
                runPending(x, view, map, call, s);
            } else {
                s.escape(map.apply(x));
            }
        }
        if (callee.suspends()) {
            // A generator (or coroutine) function returns at once a generator whose frame holds its arguments.
            Site generator = t.site(call, Site.Kind.GENERATOR, null);
            for (Set<Site> a : actual) {
                addArguments(generator, a, s);
            }
            for (Set<Site> a : kwargs.values()) {
                addArguments(generator, a, s);
            }
            return Set.of(generator);
        }
        Set<Site> result = new LinkedHashSet<>();
        for (Site x : sum.exit().returned()) {
            result.addAll(map.apply(x));
        }
        for (Stmt.FunctionNode wrapper : call instanceof Expr.Call ? heap.index.wrappersOf(fn) : List.<Stmt.FunctionNode>of()) {
            // The wrapper a decorator put around fn runs first and calls fn with the same
            // arguments, which fn's summary has placed: of the wrapper only what it makes itself
            // is added (its frame, an exception it keeps), its result is fn's. Only at a call
            // expression: the prefilter does not count a property read or a with statement as one.
            apply(wrapper, null, List.of(), Map.of(), call, s);
        }
        return result;
    }

    /**
     * A callee's object as this call makes it: the same site each time the fixed point evaluates
     * the call (its key built once), by the call, the callee's site and what else names it.
     */
    private Site calleeObject(Site x, Located call, boolean recursive, boolean calleesFinding) {
        Map<Site, Site[]> byCallee = calleeObjects.get(call);
        if (byCallee == null) {
            byCallee = new HashMap<>();
            calleeObjects.put(call, byCallee);
        }
        Site[] variants = byCallee.get(x);
        if (variants == null) {
            variants = new Site[8];
            byCallee.put(x, variants);
        }
        boolean perItem = t.comprehensionDepth > 0;
        int variant = (recursive ? 1 : 0) | (calleesFinding ? 2 : 0) | (perItem ? 4 : 0);
        Site made = variants[variant];
        if (made == null) {
            String prefix = call.pos().line() + ":" + call.pos().col() + ">";
            String key = recursive ? throughRecursion(prefix, x.key()) : prefix + x.key();
            if (!x.key().endsWith(Site.LEFT_BY_CALLEE) && calleesFinding) {
                key += Site.LEFT_BY_CALLEE; // its cycle is the callee's finding, not this caller's
            } else if (perItem && !x.perItem() && !x.leftByCallee()) {
                key += Site.PER_ITEM;
            }
            made = new Site(key, x.kind(), call, x.className(), x.singular() && !recursive);
            variants[variant] = made;
        }
        return made;
    }

    /** The objects callees' objects are seen as, by call (identity: syntax-tree records hash their whole subtree). */
    private final Map<Located, Map<Site, Site[]>> calleeObjects = new java.util.IdentityHashMap<>();

    /**
     * The key of a callee's object seen through a call inside a component: one that already came
     * through this call (at any depth) stands for all the objects made below it, so chains of
     * calls going round the component stay finite.
     */
    private static String throughRecursion(String prefix, String key) {
        if (key.startsWith(prefix)) {
            return key;
        }
        int below = key.indexOf(">" + prefix);
        return below >= 0 ? key.substring(below + 1) : prefix + key;
    }

    /**
     * What a call gives the callee that its summary is specialised by: the class of each
     * class-defaulted parameter (the default when the call gives none), and the class of the
     * instances it passes for a parameter the callee calls methods on (see {@link ReceiverParams}),
     * which the callee's analysis then binds as it binds self.
     */
    private Map<String, HeapAnalyzer.Given> arguments(Stmt.FunctionNode fn, FunctionScope callee, Map<String, Set<Site>> bound) {
        Map<String, String> defaults = callee.classDefaults(heap.index);
        Set<String> receivers = heap.receiverParams.of(fn);
        if (defaults.isEmpty() && receivers.isEmpty()) {
            return Map.of();
        }
        Map<String, HeapAnalyzer.Given> out = new java.util.TreeMap<>();
        for (Map.Entry<String, String> d : defaults.entrySet()) {
            Set<Site> given = bound.get(d.getKey());
            ModuleIndex.ClassInfo cls = given == null ? heap.index.classNamed(d.getValue()) : t.classHeld(given);
            if (cls != null) {
                out.put(d.getKey(), new HeapAnalyzer.Given(cls.name(), false));
            }
        }
        String self = callee.self();
        for (String p : receivers) {
            String cls = p.equals(self) || out.containsKey(p) ? null : instanceClass(bound.get(p));
            if (cls != null) {
                out.put(p, new HeapAnalyzer.Given(cls, true));
            }
        }
        return out;
    }

    /** The module class of which all of some objects (None aside) are instances, else null. */
    private String instanceClass(Set<Site> objs) {
        String name = null;
        for (Site x : objs == null ? Set.<Site>of() : objs) {
            if (x.kind() == Site.Kind.NONE) {
                continue;
            }
            if (x.kind() != Site.Kind.INSTANCE && x.kind() != Site.Kind.PARAM || x.className() == null
                    || name != null && !name.equals(x.className())) {
                return null;
            }
            name = x.className();
        }
        return name != null && heap.index.classNamed(name) != null ? name : null;
    }

    private void addArguments(Site generator, Set<Site> values, HeapState s) {
        for (Site v : values) {
            s.addEdge(new Edge(generator, "gi_frame", v, t.origin, false));
        }
    }

    private void escapeAll(List<Set<Site>> args, Map<String, Set<Site>> kwargs, HeapState s) {
        for (Set<Site> a : args) {
            s.escape(a);
        }
        for (Set<Site> a : kwargs.values()) {
            s.escape(a);
        }
    }

    private Set<Site> unknownCall(Set<Site> receiver, List<Set<Site>> args, Map<String, Set<Site>> kwargs,
                                  HeapState s) {
        if (receiver != null) {
            s.escape(receiver);
        }
        escapeAll(args, kwargs, s);
        return Set.of();
    }
}
