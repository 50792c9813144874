package dev.memlint.memory.heap;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Element;
import dev.memlint.memory.cfg.LoopBlocks;
import dev.memlint.memory.flow.ForwardAnalysis;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Transfer functions and expression evaluation for one function of a HeapAnalyzer. */
final class HeapTransfer {
    final FunctionScope scope;
    final Site frame = new Site("frame", Site.Kind.FRAME, null, null, true);
    private final Map<String, Site> sites = new HashMap<>();
    private static final int KINDS = Site.Kind.values().length;
    private final Map<Located, Site[]> sitesOfNode = new IdentityHashMap<>();
    private final Map<Located, String> iterKeys = new IdentityHashMap<>();
    private Located origin;
    /** The step being evaluated, and the objects each step of a loop made (sites and callees' objects). */
    private Element step;
    private final Map<Element, Set<Site>> madeBy = new IdentityHashMap<>();
    /** The names each nested function (or class) made here reads from this function's scope. */
    private final Map<Site, Set<String>> cells = new LinkedHashMap<>();
    /** The context managers of the with statements being run, by item. */
    private final Map<WithItem, String> withKeys = new IdentityHashMap<>();
    private int work;
    /** Elements of blocks on a loop: what they allocate may be many objects per call. */
    private final Set<Element> looping;
    private boolean inLoop;
    /** How deep evaluation is inside the repeated parts of comprehensions. */
    private int comprehensionDepth;

    private final HeapAnalyzer heap;

    HeapTransfer(HeapAnalyzer heap, FunctionScope scope, Set<Element> looping) {
        this.heap = heap;
        this.scope = scope;
        this.looping = looping;
    }

    private boolean repeated() {
        return inLoop || comprehensionDepth > 0;
    }

    HeapState apply(Element e, HeapState s) {
        spend(1, s);
        inLoop = looping.contains(e);
        if (inLoop) {
            ageObjectsMadeBy(e, s);
        }
        step = e;
        if (e instanceof Element.Simple simple) {
            origin = simple.stmt();
            statement(simple.stmt(), s);
        } else if (e instanceof Element.Condition c) {
            origin = c.test();
            Set<Site> tested = eval(c.test(), s);
            LoopClearing.Drain drain = drains().get(c.test());
            if (drain != null && drain.byLink()) {
                // the loop clears each object the link holds until it is None: taken as done here
                clearOnEach(eval(drain.container(), s), drain.cleared(), s);
            } else if (drain != null && tested.size() == 1) {
                // the loop pops every item and clears each: taken as done here, where it starts
                clearOnEach(items(tested, s), drain.cleared(), s);
                clearLink(tested.iterator().next(), "item", s);
            }
        } else if (e instanceof Element.IterInit it) {
            origin = it.owner();
            s.bind(iterKey(it.owner()), eval(it.iterable(), s));
        } else if (e instanceof Element.IterNext next) {
            origin = next.owner();
            assign(next.target(), items(s.valueOf(iterKey(next.owner())), s), null, s);
        } else if (e instanceof Element.WithEnter w) {
            origin = w.with();
            Set<Site> cm = eval(w.item().contextExpr(), s);
            s.bind(withKey(w.item()), cm);
            Set<Site> entered = callDunder(cm, "__enter__", List.of(), w.with(), s);
            if (w.item().optionalVars() != null) {
                assign(w.item().optionalVars(), entered == null ? cm : entered, null, s);
            }
        } else if (e instanceof Element.WithExit w) {
            origin = w.with();
            for (WithItem item : ((Stmt.WithNode) w.with()).items()) {
                String key = withKey(item);
                Set<Site> none = Set.of(Site.NONE);
                callDunder(s.valueOf(key), "__exit__", List.of(none, none, none), w.with(), s);
                s.unbind(key);
            }
        } else if (e instanceof Element.HandlerBind h) {
            origin = h.handler();
            eval(h.handler().type(), s);
            if (h.handler().name() != null) {
                Site exc = site(h.handler(), Site.Kind.EXCEPTION, null);
                s.addEdge(new Edge(exc, "__traceback__", frame, h.handler(), false));
                s.bind(h.handler().name(), Set.of(exc));
            }
        } else if (e instanceof Element.IterDone done) {
            clearEveryItem(done.loop(), s);
            exhaust(s.valueOf(iterKey(done.loop())), 0, s);
        } else if (e instanceof Element.HandlerUnbind h) {
            s.unbind(h.handler().name());
        } else if (e instanceof Element.MatchSubject m) {
            origin = m.match();
            eval(m.match().subject(), s);
        }
        return s;
    }

    /**
     * Recency: each site's recent object is the one it made last, a single concrete object, so
     * that a cycle one loop iteration closes is found. Before a step of a loop runs again, the
     * objects its expressions (and the calls among them) made the last time round become older
     * objects of their sites: a summary, so a chain of them (each pointing at the one before)
     * is no cycle.
     */
    private void ageObjectsMadeBy(Element e, HeapState s) {
        Set<Site> made = madeBy.get(e);
        if (made != null) { // most steps of a loop make no object: no need to look at the state
            s.age(made::contains);
        }
    }

    /**
     * A loop that clears a link of every item it visits ({@code for n in nodes: n.parent = None},
     * {@code del n.parent}, {@code n.children.clear()}) has cleared it on all of them once it
     * ran out of items: the link is gone from every object the iterable holds.
     */
    private void clearEveryItem(Stmt.ForNode loop, HeapState s) {
        List<Object> cleared = LoopClearing.clearedLinks(loop);
        if (!cleared.isEmpty()) {
            clearOnEach(items(s.valueOf(iterKey(loop)), s), cleared, s);
        }
    }

    private void clearOnEach(Set<Site> items, List<Object> cleared, HeapState s) {
        for (Site item : items) {
            for (Object link : cleared) {
                if (link instanceof Expr.Attribute a) { // x.attr itself
                    clearLink(item, a.attr(), s);
                } else if (link instanceof Expr.Call c && c.func() instanceof Expr.Attribute clear
                        && clear.value() instanceof Expr.Attribute held) { // x.attr.clear()
                    for (Site container : field(item, held.attr(), s)) {
                        clearLink(container, "item", s);
                    }
                } else if (link instanceof Expr.Call c && c.func() instanceof Expr.Attribute call) { // x.method()
                    for (String attr : linksClearedOn(methodOf(item, call.attr()), 0)) {
                        clearLink(item, attr, s);
                    }
                } else if (link instanceof LoopClearing.PassedOn p && p.call().func() instanceof Expr.Attribute call) {
                    for (Site holder : eval(call.value(), s)) { // holder.remove(x): what it clears on x
                        for (String attr : linksClearedOn(methodOf(holder, call.attr()), p.position() + 1)) {
                            clearLink(item, attr, s);
                        }
                    }
                } else if (link instanceof Stmt.ForNode inner && inner.iter() instanceof Expr.Attribute held) {
                    clearOnEach(items(field(item, held.attr(), s), s), LoopClearing.clearedLinks(inner), s);
                } else if (link instanceof Stmt.While inner) {
                    LoopClearing.Drain d = LoopClearing.drain(inner);
                    for (Site container : field(item, ((Expr.Attribute) d.container()).attr(), s)) {
                        clearOnEach(items(Set.of(container), s), d.cleared(), s);
                        clearLink(container, "item", s);
                    }
                }
            }
        }
    }

    /**
     * The attributes of a method's parameter (by position, self first) that it overwrites or
     * deletes: self.handler = None, or node.prev = node.next = None for remove(self, node).
     */
    private List<String> linksClearedOn(Stmt.FunctionNode method, int parameter) {
        if (method == null || ModuleIndex.kindOf(method) != ModuleIndex.MethodKind.INSTANCE
                || heap.inProgress.containsKey(method)) {
            return List.of();
        }
        HeapAnalyzer.Summary sum = heap.summary(method);
        List<String> positional = heap.scope(method).positional();
        if (sum.gaveUp() || positional.size() <= parameter) {
            return List.of();
        }
        String self = "param " + positional.get(parameter) + ".";
        List<String> out = new ArrayList<>();
        for (String killed : sum.exit().killedParamFields()) {
            if (killed.startsWith(self) && killed.indexOf('.', self.length()) < 0) {
                out.add(killed.substring(self.length()));
            }
        }
        return out;
    }

    /**
     * Iterators run to their end let go of what they iterate: a finished generator clears its
     * frame, an exhausted iterator (iter(callable, sentinel), a list's) drops its callable or
     * sequence. An instance of a module class is iterated through what its __iter__ returns.
     */
    private void exhaust(Set<Site> iterables, int depth, HeapState s) {
        if (depth > 3) {
            return;
        }
        for (Site x : iterables) {
            if (!x.singular()) {
                continue; // a summary of many objects: not all of them were run to the end
            }
            if (x.kind() == Site.Kind.GENERATOR || x.kind() == Site.Kind.ITERATOR) {
                Set<Site> inner = new LinkedHashSet<>(field(x, "iterates", s));
                if (x.kind() == Site.Kind.GENERATOR && x.node() instanceof Expr.GeneratorExp) {
                    inner.addAll(field(x, "item", s)); // a generator expression consumes its iterable
                }
                exhaust(inner, depth + 1, s);
                Set<String> labels = new HashSet<>(); // a finished frame keeps nothing: its cells neither
                for (Edge out : s.outgoing(x)) {
                    labels.add(out.label());
                }
                for (String label : labels) {
                    s.removeEdges(x, label);
                }
            } else if (x.kind() == Site.Kind.INSTANCE) {
                Stmt.FunctionNode iter = methodOf(x, "__iter__");
                if (iter != null && ModuleIndex.kindOf(iter) == ModuleIndex.MethodKind.INSTANCE && !heap.scope(iter).suspends()
                        && !heap.inProgress.containsKey(iter)) {
                    exhaust(apply(iter, Set.of(x), List.of(), Map.of(), origin, s), depth + 1, s);
                }
            }
        }
    }

    private void clearLink(Site o, String label, HeapState s) {
        s.removeEdges(o, label);
        if (o.kind() == Site.Kind.PARAM) {
            s.killParamField(o.key() + "." + label);
        }
    }

    /** The stores of this function that link two objects back (b.prev = a after a.next = b). */
    private Map<Expr.Attribute, String> mutualLinks() {
        if (mutualLinks == null) {
            mutualLinks = MutualLinks.of(scope.function.body());
        }
        return mutualLinks;
    }

    private Map<Expr.Attribute, String> mutualLinks;

    /** The while loops of this function that drain a container, by their test. */
    private Map<Expr, LoopClearing.Drain> drains() {
        if (drains == null) {
            drains = new IdentityHashMap<>();
            NodeChildren.walkAll(scope.function.body(), n -> {
                if (n instanceof Stmt.While w) {
                    LoopClearing.Drain d = LoopClearing.drain(w);
                    if (d != null) {
                        drains.put(w.test(), d);
                    }
                }
            });
        }
        return drains;
    }

    private Map<Expr, LoopClearing.Drain> drains;

    private String withKey(WithItem item) {
        return withKeys.computeIfAbsent(item, i -> "$with " + i.contextExpr().pos().line() + ":" + i.contextExpr().pos().col());
    }

    /**
     * Runs a special method (__enter__, __exit__) of the module's classes on the objects that
     * have one; null when none has (the with statement binds the manager itself then).
     */
    private Set<Site> callDunder(Set<Site> objs, String name, List<Set<Site>> args, Stmt at, HeapState s) {
        Set<Site> result = null;
        for (Site o : objs) {
            Stmt.FunctionNode method = methodOf(o, name);
            if (method != null && ModuleIndex.kindOf(method) == ModuleIndex.MethodKind.INSTANCE) {
                if (result == null) {
                    result = new LinkedHashSet<>();
                }
                result.addAll(apply(method, Set.of(o), args, Map.of(), at, s));
            }
        }
        return result;
    }

    private void spend(int units, HeapState s) {
        work += units;
        if (work > HeapAnalyzer.MAX_WORK || s.edgeCount() > HeapAnalyzer.MAX_EDGES) {
            throw new HeapAnalyzer.OverBudget();
        }
    }

    private String iterKey(Located owner) {
        return iterKeys.computeIfAbsent(owner, o -> "$iter " + o.pos().line() + ":" + o.pos().col());
    }

    private void statement(Stmt st, HeapState s) {
        if (st instanceof Stmt.Assign a) {
            Set<Site> v = eval(a.value(), s);
            for (Expr target : a.targets()) {
                assign(target, v, a.value(), s);
            }
        } else if (st instanceof Stmt.AnnAssign a && a.value() != null) {
            assign(a.target(), eval(a.value(), s), a.value(), s);
        } else if (st instanceof Stmt.AugAssign a) {
            Set<Site> v = eval(a.value(), s);
            Set<Site> target = eval(a.target(), s);
            for (Site t : target) {
                if (t.kind() == Site.Kind.LIST || t.kind() == Site.Kind.SET || t.kind() == Site.Kind.DICT) {
                    addItems(t, items(v, s), a, false, s);
                }
            }
        } else if (st instanceof Stmt.ExprStmt x) {
            eval(x.value(), s);
        } else if (st instanceof Stmt.Return r && r.value() != null) {
            s.markReturned(eval(r.value(), s));
        } else if (st instanceof Stmt.Raise r) {
            raise(r, s);
        } else if (st instanceof Stmt.Delete d) {
            for (Expr target : d.targets()) {
                delete(target, s);
            }
        } else if (NodeKinds.isFunction(st)) {
            Stmt.FunctionNode f = (Stmt.FunctionNode) st;
            Site fn = site(f, Site.Kind.FUNCTION, null);
            keepDefaults(fn, f.args(), s);
            capture(fn, f.body(), f, s);
            f.decoratorList().forEach(dec -> eval(dec, s));
            bindName(f.name(), Set.of(fn), s);
        } else if (st instanceof Stmt.ClassDef c) {
            c.bases().forEach(b -> eval(b, s));
            c.decoratorList().forEach(dec -> eval(dec, s));
            Site cls = classObject(c, c.name(), s);
            capture(cls, c.body(), c, s); // its methods' cells
            bindName(c.name(), Set.of(cls), s);
        } else if (st instanceof Stmt.Assert a) {
            eval(a.test(), s);
        } else if (st instanceof Stmt.Import || st instanceof Stmt.ImportFrom) {
            NodeChildren.forEach(st, alias -> {
                if (alias instanceof dev.memlint.ast.Alias al) {
                    s.unbind(al.asname() != null ? al.asname() : al.name().split("\\.")[0]);
                }
            });
        }
    }

    /**
     * Raising the object a local of this frame holds ({@code exc = ValueError(...); raise exc},
     * a parameter too): its traceback holds this frame, and the frame the local, a cycle once the
     * catcher drops the exception, unless the local is cleared first (del or None in finally).
     * An object of the caller's (a parameter) gets the reference to the frame only when the
     * local holds nothing this call made: it is mapped into the caller, where the cycle shows if
     * the caller made the exception; when the local may also hold a new exception, the cycle is
     * this call's, and the caller's object would only hide it (a frame it reaches looks alive).
     * Anything else raised is the catcher's: it escapes.
     */
    private void raise(Stmt.Raise r, HeapState s) {
        Set<Site> raised = eval(r.exc(), s);
        eval(r.cause(), s);
        boolean local = r.exc() instanceof Expr.Name n && s.isBound(n.id()) && !scope.declaredOuter.contains(n.id());
        boolean madeHere = false;
        for (Site x : raised) {
            madeHere |= local && isRaisable(x) && !x.outer();
        }
        List<Site> others = new ArrayList<>();
        List<Site> traced = new ArrayList<>();
        for (Site x : raised) {
            if (local && isRaisable(x) && !(madeHere && x.outer())) {
                traced.add(x);
                raisedAt.put(x.key(), r);
            } else {
                others.add(x);
            }
        }
        if (!traced.isEmpty()) {
            s.noteRaised(((Expr.Name) r.exc()).id(), traced); // linked to the frame at the exit, if the name still holds them
        }
        s.escape(others);
    }

    /** Where the objects of each site raised from a local were raised last (by key: aging keeps it). */
    private final Map<String, Stmt.Raise> raisedAt = new HashMap<>();

    /** At the exit: each object a local still holds that was raised from it has a traceback holding the frame. */
    void linkRaisedToFrame(HeapState exit) {
        for (var entry : new java.util.TreeMap<>(exit.bindings()).entrySet()) {
            if (!entry.getKey().startsWith(HeapState.RAISED)) {
                continue;
            }
            Set<Site> held = exit.valueOf(entry.getKey().substring(HeapState.RAISED.length()));
            for (Site x : entry.getValue()) {
                if (held.contains(x)) {
                    exit.addEdge(new Edge(x, "__traceback__", frame, raisedAt.get(x.key()), false));
                }
            }
        }
    }

    /** An object raise can throw as it is: an exception, an instance of a class, or an argument (a class makes a new one). */
    private static boolean isRaisable(Site x) {
        return x.kind() == Site.Kind.EXCEPTION || x.kind() == Site.Kind.INSTANCE
                || (x.kind() == Site.Kind.PARAM && !x.global());
    }

    /**
     * A nested function or lambda keeps, through its cells, the locals it reads: what they hold
     * now, and (see {@link #closeCells}) whatever they are bound to later, for a cell is late-bound.
     */
    private void capture(Site fn, Object body, Node owner, HeapState s) {
        Set<String> read = FunctionScope.freeNames(owner);
        cells.computeIfAbsent(fn, k -> new LinkedHashSet<>()).addAll(read);
        for (String name : read) {
            for (Site v : s.valueOf(name)) {
                s.addEdge(new Edge(fn, "cell " + name, v, origin, false));
            }
        }
    }

    /**
     * A function keeps its default values ({@code lambda _, f=future: ...}, the usual way round
     * late binding), evaluated once where it is made: each one it refers to for good.
     */
    private void keepDefaults(Site fn, Arguments args, HeapState s) {
        for (List<Expr> defaults : List.of(args.defaults(), args.kwDefaults())) {
            for (Expr d : defaults) {
                if (d != null) {
                    for (Site v : eval(d, s)) {
                        s.addEdge(new Edge(fn, "default", v, d, false));
                    }
                }
            }
        }
    }

    /**
     * A local that nested functions read lives in one cell per call, which every one of them
     * shares: binding the name again points all of them at the new value, however many a
     * loop made ({@code lambda _: results.append(future.result)} made per iteration reads the
     * latest {@code future}, so an older future is in no cycle through its own callback).
     */
    private void rebindCell(String name, Set<Site> v, HeapState s) {
        for (Map.Entry<Site, Set<String>> e : cells.entrySet()) {
            if (!e.getValue().contains(name)) {
                continue;
            }
            Site recent = e.getKey();
            Site older = recent.older();
            String label = "cell " + name;
            for (Site fn : new Site[] {recent, older}) {
                List<Edge> before = s.outgoing(fn);
                Edge any = null;
                for (Edge x : before) {
                    if (x.label().equals(label)) {
                        any = x;
                        break;
                    }
                }
                if (any == null) {
                    continue; // no such function on this path yet
                }
                Located made = any.origin();
                s.removeEdges(fn, label);
                for (Site x : v) {
                    s.addEdge(new Edge(fn, label, x, made, false));
                }
            }
        }
    }

    /** Cells are late-bound: a nested function refers to what its free names hold when the call ends too. */
    void closeCells(HeapState exit) {
        for (Map.Entry<Site, Set<String>> e : cells.entrySet()) {
            Site recent = e.getKey();
            Site older = recent.older();
            for (String name : e.getValue()) {
                for (Site v : exit.valueOf(name)) {
                    exit.addEdge(new Edge(recent, "cell " + name, v, null, false));
                    exit.addEdge(new Edge(older, "cell " + name, v, null, false));
                }
            }
        }
    }

    /** A class object: its __mro__ (and __dict__ descriptors) refer back to it, so it is always in a cycle. */
    private Site classObject(Located node, String name, HeapState s) {
        Site cls = site(node, Site.Kind.CLASS, name);
        s.addEdge(new Edge(cls, "__mro__", cls, node, true));
        return cls;
    }

    private void collectNames(Object node, Set<String> out) {
        if (node instanceof List<?> list) {
            list.forEach(n -> collectNames(n, out));
        } else if (node instanceof Expr.Name n) {
            out.add(n.id());
        } else if (node instanceof Node n) {
            NodeChildren.forEach(n, c -> collectNames(c, out));
        }
    }

    private void delete(Expr target, HeapState s) {
        if (target instanceof Expr.Name n) {
            s.unbind(n.id());
        } else if (target instanceof Expr.Attribute a) {
            Set<Site> objs = eval(a.value(), s);
            if (objs.size() == 1) {
                kill(objs.iterator().next(), a.attr(), s);
            }
        } else if (target instanceof Expr.TupleExpr t) {
            t.elts().forEach(x -> delete(x, s));
        }
    }

    /**
     * A store or del on one object replaces its old link. A site of many objects (one made in
     * earlier iterations, or one per item of a comprehension) keeps the links of the others.
     */
    private void kill(Site o, String label, HeapState s) {
        if (!o.singular() || o.perItem()) {
            return;
        }
        s.removeEdges(o, label);
        if (o.kind() == Site.Kind.PARAM) {
            s.killParamField(o.key() + "." + label);
        }
    }

    private void bindName(String name, Set<Site> v, HeapState s) {
        if (!scope.declaredOuter.contains(name)) {
            s.bind(name, v);
            rebindCell(name, v, s);
            return;
        }
        if (!scope.nonlocals.contains(name)) {
            s.escape(v);
            return;
        }
        // The frame keeps its nonlocal cells: a caught exception stored in one is a cycle
        // (exception -> traceback -> frame -> cell -> exception) however long the enclosing
        // function keeps the cell. Everything else stored there outlives the call.
        List<Site> others = new ArrayList<>();
        for (Site x : v) {
            if (x.kind() == Site.Kind.EXCEPTION) {
                s.addEdge(new Edge(frame, "cell " + name, x, origin, false));
            } else {
                others.add(x);
            }
        }
        s.escape(others);
    }

    private void assign(Expr target, Set<Site> v, Expr valueExpr, HeapState s) {
        if (target instanceof Expr.Name n) {
            bindName(n.id(), v, s);
        } else if (target instanceof Expr.Attribute a) {
            Set<Site> objs = withoutNone(eval(a.value(), s));
            if (objs == null) {
                return; // storing into None raises: nothing is stored
            }
            if (objs.isEmpty()) {
                s.escape(v);
                return;
            }
            if (objs.size() == 1) {
                kill(objs.iterator().next(), a.attr(), s);
            }
            boolean same = sameName(a.value(), valueExpr) && objs.equals(v);
            String pairedWith = mutualLinks().get(a);
            for (Site o : objs) {
                Stmt.FunctionNode setter = o.className() == null ? null : heap.index.propertySetter(o.className(), a.attr());
                if (setter != null) { // obj.parent = p runs the property's setter
                    apply(setter, Set.of(o), List.of(v), Map.of(), a, s);
                    continue;
                }
                for (Site t : v) {
                    s.addEdge(new Edge(o, a.attr(), t, origin, same, pairedWith));
                }
            }
        } else if (target instanceof Expr.Subscript sub) {
            Set<Site> objs = withoutNone(eval(sub.value(), s));
            eval(sub.slice(), s);
            if (objs == null) {
                return;
            }
            if (objs.isEmpty()) {
                s.escape(v);
            }
            boolean same = sameName(sub.value(), valueExpr) && objs.equals(v);
            Set<Site> stored = sub.slice() instanceof Expr.Slice ? items(v, s) : v; // xs[a:b] = ys stores ys's items
            for (Site o : objs) {
                addItems(o, stored, origin, same, s);
                if (isLibraryObject(o)) {
                    keepClassMade(o, "__setitem__", sub, s);
                }
            }
        } else if (target instanceof Expr.TupleExpr || target instanceof Expr.ListExpr) {
            List<Expr> elts = target instanceof Expr.TupleExpr t ? t.elts() : ((Expr.ListExpr) target).elts();
            List<Expr> values = valueExpr instanceof Expr.TupleExpr vt ? vt.elts()
                    : valueExpr instanceof Expr.ListExpr vl ? vl.elts() : null;
            boolean starred = elts.stream().anyMatch(x -> x instanceof Expr.Starred);
            for (int i = 0; i < elts.size(); i++) {
                if (values != null && values.size() == elts.size() && !(values.get(i) instanceof Expr.Starred)) {
                    assign(elts.get(i), eval(values.get(i), s), values.get(i), s);
                } else {
                    Set<Site> at = starred ? null : position(v, i, s);
                    assign(elts.get(i), at != null ? at : items(v, s), null, s);
                }
            }
        } else if (target instanceof Expr.Starred st) {
            assign(st.value(), v, null, s);
        }
    }

    /** The module method an instance (or a parameter of known class) has under name, or null. */
    private Stmt.FunctionNode methodOf(Site o, String name) {
        if (o.className() == null || (o.kind() != Site.Kind.INSTANCE && o.kind() != Site.Kind.PARAM)) {
            return null;
        }
        return heap.index.method(o.className(), name);
    }

    /** The class nested in the class of an instance (or self) under that name, else null. */
    private ModuleIndex.ClassInfo nestedClassOf(Site o, String name) {
        if (o.className() == null || (o.kind() != Site.Kind.INSTANCE && o.kind() != Site.Kind.PARAM)) {
            return null;
        }
        return heap.index.nestedClass(o.className(), name);
    }

    /**
     * obj[key] and obj(args) on instances of module classes run their __getitem__ and __call__;
     * null when some object has no such method, or it is being analysed (the old reading stays).
     */
    private Set<Site> callSpecial(Set<Site> objs, String name, List<Set<Site>> args, Located at, HeapState s) {
        if (objs.isEmpty()) {
            return null;
        }
        for (Site o : objs) {
            Stmt.FunctionNode m = methodOf(o, name);
            if (m == null || ModuleIndex.kindOf(m) != ModuleIndex.MethodKind.INSTANCE || heap.inProgress.containsKey(m)) {
                return null;
            }
        }
        Set<Site> out = new LinkedHashSet<>();
        for (Site o : objs) {
            out.addAll(apply(methodOf(o, name), Set.of(o), args, Map.of(), at, s));
        }
        return out;
    }

    /** The module class that all of some objects are (class objects of one class), else null. */
    private ModuleIndex.ClassInfo classHeld(Set<Site> objs) {
        String name = null;
        for (Site x : objs) {
            if (!x.isModuleClass() || (name != null && !name.equals(x.className()))) {
                return null;
            }
            name = x.className();
        }
        return name == null ? null : heap.index.classNamed(name);
    }

    /** Class objects are left out of a method call's receivers: Node.make(x) is followed as before, as unknown code. */
    private static Set<Site> withoutModuleClasses(Set<Site> objs) {
        if (objs == null || objs.stream().noneMatch(Site::isModuleClass)) {
            return objs;
        }
        Set<Site> rest = new LinkedHashSet<>(objs);
        rest.removeIf(Site::isModuleClass);
        return rest;
    }

    /** The objects other than None; null when there were some and all were None. */
    private static Set<Site> withoutNone(Set<Site> objs) {
        if (!objs.contains(Site.NONE)) {
            return objs;
        }
        Set<Site> rest = new LinkedHashSet<>(objs);
        rest.remove(Site.NONE);
        return rest.isEmpty() ? null : rest;
    }

    private boolean sameName(Expr a, Expr b) {
        return a instanceof Expr.Name x && b instanceof Expr.Name y && x.id().equals(y.id());
    }

    private void addItems(Site container, Set<Site> values, Located at, boolean same, HeapState s) {
        for (Site v : values) {
            s.addEdge(new Edge(container, "item", v, at, same));
        }
    }

    /**
     * An iterator over its arguments (iter, reversed, filter, map, enumerate, zip): it refers to
     * what it iterates; enumerate and zip yield tuples of their items.
     */
    private Set<Site> iterator(Site it, String maker, List<Set<Site>> args, Expr.Call c, HeapState s) {
        for (Set<Site> a : args) {
            for (Site x : a) {
                s.addEdge(new Edge(it, "iterates", x, origin, false));
            }
        }
        if (maker.equals("enumerate") || maker.equals("zip")) { // tuples: (count, item), (a_item, b_item, ...)
            Site tuple = site(c, Site.Kind.TUPLE, null);
            for (int i = 0; i < args.size() && (i == 0 || maker.equals("zip")); i++) {
                String label = "item " + (maker.equals("enumerate") ? 1 : i);
                for (Site x : items(args.get(i), s)) {
                    s.addEdge(new Edge(tuple, label, x, origin, false));
                }
            }
            s.addEdge(new Edge(it, "yields", tuple, origin, false));
        }
        return Set.of(it);
    }

    /** What the items of some containers may be; what an iterator yields. */
    private Set<Site> items(Set<Site> containers, HeapState s) {
        Set<Site> out = new LinkedHashSet<>();
        for (Site c : containers) {
            if (c.kind() == Site.Kind.ITERATOR) {
                Set<Site> yielded = field(c, "yields", s);
                if (!yielded.isEmpty()) {
                    out.addAll(yielded);
                } else {
                    out.addAll(items(field(c, "iterates", s), s));
                }
            } else {
                out.addAll(field(c, "item", s));
            }
        }
        return out;
    }

    /** What an attribute (or "item") of a site refers to; for a parameter, a site standing for it. */
    private Set<Site> field(Site o, String label, HeapState s) {
        Set<Site> out = new LinkedHashSet<>();
        boolean anyItem = label.equals("item"); // a tuple's items are labelled by position too: "item 0"
        for (Edge e : s.outgoing(o)) {
            if (e.label().equals(label) || (anyItem && e.label().startsWith("item "))) {
                out.add(e.to());
            }
        }
        if (out.isEmpty() && o.kind() == Site.Kind.PARAM && o.key().chars().filter(ch -> ch == '.').count() < 3) {
            out.add(new Site(o.key() + "." + label, Site.Kind.PARAM, null, null, true));
        }
        return out;
    }

    /** Notes an object the current step makes, when it is in a loop (see {@link #ageObjectsMadeBy}). */
    private Site noteMade(Site x) {
        if (inLoop) {
            Set<Site> made = madeBy.get(step);
            if (made == null) {
                made = new HashSet<>();
                madeBy.put(step, made);
            }
            made.add(x);
        }
        return x;
    }

    /** The object a node makes: in a loop, the one it made last (see {@link #ageObjectsMadeBy}). */
    Site site(Located node, Site.Kind kind, String className) {
        Site[] byKind = sitesOfNode.computeIfAbsent(node, n -> new Site[KINDS]);
        Site known = byKind[kind.ordinal()];
        if (known == null) { // the fixed point evaluates each node many times: make its key once
            // the end too: `(a, b), c` starts where its first item does
            var p = node.pos();
            String key = p.line() + ":" + p.col() + "-" + p.endLine() + ":" + p.endCol() + " " + kind.name().toLowerCase()
                    + (comprehensionDepth > 0 ? Site.PER_ITEM : "");
            known = sites.get(key);
            if (known == null) {
                known = new Site(key, kind, node, className, true);
                sites.put(key, known);
            }
            byKind[kind.ordinal()] = known;
        }
        return noteMade(known);
    }

    /** An object a call makes for one attribute of the instance it makes (a dataclass field's default). */
    private Site fieldSite(Located call, String field, Site.Kind kind) {
        var p = call.pos();
        String key = p.line() + ":" + p.col() + "-" + p.endLine() + ":" + p.endCol() + " ." + field + " "
                + kind.name().toLowerCase();
        Site known = sites.get(key);
        if (known == null) {
            known = new Site(key, kind, call, null, true);
            sites.put(key, known);
        }
        return noteMade(known);
    }

    Set<Site> eval(Expr e, HeapState s) {
        if (e == null) {
            return Set.of();
        }
        if (e instanceof Expr.Name n) {
            Set<Site> v = s.valueOf(n.id());
            if (v.isEmpty() && !s.isBound(n.id())) {
                String cls = heap.index.moduleInstance(n.id());
                if (cls != null) { // registry = Registry() at module level: its methods are followed
                    return Set.of(new Site(Site.GLOBAL + n.id(), Site.Kind.PARAM, null, cls, true));
                }
                if (heap.index.classNamed(n.id()) != null && !heap.index.isImported(n.id())) {
                    return Set.of(Site.moduleClass(n.id())); // passed as a value: a call of it makes an instance
                }
            }
            return v;
        } else if (e instanceof Expr.Constant k) {
            return k.value() == null && k.kind() == null ? Set.of(Site.NONE) : Set.of();
        } else if (e instanceof Expr.ListExpr l) {
            return display(l, Site.Kind.LIST, l.elts(), s);
        } else if (e instanceof Expr.TupleExpr t) {
            return display(t, Site.Kind.TUPLE, t.elts(), s);
        } else if (e instanceof Expr.SetExpr t) {
            return display(t, Site.Kind.SET, t.elts(), s);
        } else if (e instanceof Expr.DictExpr d) {
            Site site = site(d, Site.Kind.DICT, null);
            for (int i = 0; i < d.values().size(); i++) {
                Expr k = d.keys().get(i);
                if (k == null) {
                    addItems(site, items(eval(d.values().get(i), s), s), origin, false, s);
                } else {
                    addItems(site, eval(k, s), origin, false, s);
                    addItems(site, eval(d.values().get(i), s), origin, false, s);
                }
            }
            return Set.of(site);
        } else if (FunctionScope.isComprehension(e)) {
            return comprehension(e, s);
        } else if (e instanceof Expr.Call c) {
            return call(c, s);
        } else if (e instanceof Expr.Attribute a) {
            Set<Site> objs = eval(a.value(), s);
            Set<Site> out = new LinkedHashSet<>();
            for (Site o : objs) {
                Stmt.FunctionNode method = methodOf(o, a.attr());
                if (method == null) {
                    out.addAll(field(o, a.attr(), s));
                    continue;
                }
                switch (ModuleIndex.kindOf(method)) {
                    case INSTANCE -> {
                        Site bound = site(a, Site.Kind.BOUND_METHOD, a.attr());
                        s.addEdge(new Edge(bound, "__self__", o, origin, false));
                        out.add(bound);
                    }
                    case PROPERTY -> out.addAll(apply(method, Set.of(o), List.of(), Map.of(), a, s));
                    case CACHED_PROPERTY -> {
                        Set<Site> cached = field(o, a.attr(), s);
                        if (cached.isEmpty()) { // the first read runs the getter and keeps its result
                            cached = apply(method, Set.of(o), List.of(), Map.of(), a, s);
                            for (Site v : cached) {
                                s.addEdge(new Edge(o, a.attr(), v, origin, false));
                            }
                        }
                        out.addAll(cached);
                    }
                    default -> { } // the function itself, or bound to the class: nothing new refers to o
                }
            }
            return out;
        } else if (e instanceof Expr.Subscript sub) {
            Set<Site> key = eval(sub.slice(), s);
            Set<Site> containers = eval(sub.value(), s);
            Set<Site> got = callSpecial(containers, "__getitem__", List.of(key), sub, s);
            if (got != null) {
                return got;
            }
            if (sub.slice() instanceof Expr.Slice) { // xs[1:]: a new sequence of (some of) the same items
                Site part = site(sub, isSequence(containers) && containers.iterator().next().kind() == Site.Kind.TUPLE
                        ? Site.Kind.TUPLE : Site.Kind.LIST, null);
                addItems(part, items(containers, s), origin, false, s);
                return Set.of(part);
            }
            if (sub.slice() instanceof Expr.Constant k && k.value() instanceof java.math.BigInteger i && i.signum() >= 0
                    && i.bitLength() < 16) { // pair[1]: a tuple's item by position, where it has them
                Set<Site> at = position(containers, i.intValue(), s);
                if (at != null) {
                    return at;
                }
            }
            return items(containers, s);
        } else if (e instanceof Expr.Lambda l) {
            Site fn = site(l, Site.Kind.FUNCTION, null);
            keepDefaults(fn, l.args(), s);
            capture(fn, l.body(), l, s);
            return Set.of(fn);
        } else if (e instanceof Expr.NamedExpr n) {
            Set<Site> v = eval(n.value(), s);
            assign(n.target(), v, n.value(), s);
            return v;
        } else if (e instanceof Expr.IfExp i) {
            eval(i.test(), s);
            Set<Site> out = new LinkedHashSet<>(eval(i.body(), s));
            out.addAll(eval(i.orelse(), s));
            return out;
        } else if (e instanceof Expr.BoolOp b) {
            Set<Site> out = new LinkedHashSet<>();
            for (Expr v : b.values()) {
                out.addAll(eval(v, s));
            }
            return out;
        } else if (e instanceof Expr.Yield y) {
            s.escape(eval(y.value(), s));
            return Set.of();
        } else if (e instanceof Expr.YieldFrom y) {
            s.escape(eval(y.value(), s));
            return Set.of();
        } else if (e instanceof Expr.Await w) {
            s.escape(eval(w.value(), s));
            return Set.of();
        } else if (e instanceof Expr.Starred st) {
            return eval(st.value(), s);
        } else if (e instanceof Expr.BinOp b) {
            Set<Site> left = eval(b.left(), s);
            Set<Site> right = eval(b.right(), s);
            if (b.op() == dev.memlint.ast.Operator.Add && isSequence(left) && isSequence(right)) {
                Site joined = site(b, left.iterator().next().kind(), null);
                addItems(joined, items(left, s), origin, false, s);
                addItems(joined, items(right, s), origin, false, s);
                return Set.of(joined);
            }
            return Set.of();
        }
        NodeChildren.Collector children = new NodeChildren.Collector();
        NodeChildren.children(e, children);
        for (int i = 0, n = children.size(); i < n; i++) {
            if (NodeKinds.isExpr(children.get(i))) {
                eval((Expr) children.get(i), s);
            }
        }
        return Set.of();
    }

    private boolean isSequence(Set<Site> v) {
        for (Site x : v) {
            if (x.kind() != Site.Kind.LIST && x.kind() != Site.Kind.TUPLE) {
                return false;
            }
        }
        return !v.isEmpty();
    }

    private Set<Site> display(Expr node, Site.Kind kind, List<Expr> elts, HeapState s) {
        Site site = site(node, kind, null);
        boolean positional = kind == Site.Kind.TUPLE; // until a starred item makes positions unknown
        for (int i = 0; i < elts.size(); i++) {
            Expr x = elts.get(i);
            positional &= !(x instanceof Expr.Starred);
            Set<Site> v = x instanceof Expr.Starred st ? items(eval(st.value(), s), s) : eval(x, s);
            if (positional) {
                for (Site t : v) {
                    s.addEdge(new Edge(site, "item " + i, t, origin, false));
                }
            } else {
                addItems(site, v, origin, false, s);
            }
        }
        return Set.of(site);
    }

    /** What position i of some tuples holds, when every one is a tuple with its items by position; else null. */
    private Set<Site> position(Set<Site> tuples, int i, HeapState s) {
        if (tuples.isEmpty()) {
            return null;
        }
        Set<Site> out = new LinkedHashSet<>();
        for (Site t : tuples) {
            if (t.kind() != Site.Kind.TUPLE) {
                return null;
            }
            boolean byPosition = false;
            for (Edge e : s.outgoing(t)) {
                if (e.label().equals("item")) {
                    return null;
                }
                if (e.label().startsWith("item ")) {
                    byPosition = true;
                    if (e.label().equals("item " + i)) {
                        out.add(e.to());
                    }
                }
            }
            if (!byPosition) {
                return null;
            }
        }
        return out;
    }

    private Set<Site> comprehension(Expr e, HeapState s) {
        Site.Kind kind = e instanceof Expr.ListComp ? Site.Kind.LIST : e instanceof Expr.SetComp ? Site.Kind.SET
                : e instanceof Expr.DictComp ? Site.Kind.DICT : Site.Kind.GENERATOR;
        Site site = site(e, kind, null);
        // Comprehension variables live in their own scope: bind them, then restore the outer ones.
        Map<String, Set<Site>> saved = new LinkedHashMap<>();
        boolean first = true;
        Set<Site> outermost = Set.of();
        for (Comprehension g : FunctionScope.generators(e)) {
            Set<Site> iterable = eval(g.iter(), s);
            if (first) {
                outermost = iterable;
                comprehensionDepth++; // all but the first iterable run once per item
                first = false;
            }
            if (kind == Site.Kind.GENERATOR) {
                addItems(site, iterable, origin, false, s);
            }
            Set<String> targets = new LinkedHashSet<>();
            collectNames(g.target(), targets);
            for (String t : targets) {
                saved.putIfAbsent(t, s.binding(t));
            }
            assign(g.target(), items(iterable, s), null, s);
            g.ifs().forEach(x -> eval(x, s));
        }
        List<Expr> parts = e instanceof Expr.DictComp d ? List.of(d.key(), d.value())
                : List.of(e instanceof Expr.ListComp l ? l.elt() : e instanceof Expr.SetComp sc ? sc.elt()
                : ((Expr.GeneratorExp) e).elt());
        for (Expr part : parts) {
            addItems(site, eval(part, s), origin, false, s);
        }
        comprehensionDepth--;
        saved.forEach(s::restore);
        if (e instanceof Expr.GeneratorExp) {
            capture(site, null, e, s); // (self.process(x) for x in xs): its frame keeps self
        }
        if (kind != Site.Kind.GENERATOR) {
            exhaust(outermost, 0, s); // [f(x) for x in gen] runs gen to its end
        }
        return Set.of(site);
    }

    // ---- calls ----

    private Set<Site> call(Expr.Call c, HeapState s) {
        if (c.func() instanceof Expr.Subscript sub) {
            eval(sub, s); // handlers[kind](event): the lookup may run a __getitem__; the call is unknown code
        }
        List<Set<Site>> args = new ArrayList<>();
        List<Expr> argExprs = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(a instanceof Expr.Starred st ? items(eval(st.value(), s), s) : eval(a, s));
            argExprs.add(a);
        }
        Map<String, Set<Site>> kwargs = new LinkedHashMap<>();
        Set<Site> splatted = new LinkedHashSet<>();
        for (Keyword k : c.keywords()) {
            Set<Site> v = eval(k.value(), s);
            if (k.arg() == null) {
                splatted.addAll(items(v, s));
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
            return Set.of(site(c, weak.equals("WeakKeyDictionary") ? Site.Kind.DICT : Site.Kind.WEAK, null));
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
            Set<Site> objs = withoutNone(args.get(0));
            if (objs != null && objs.isEmpty()) {
                s.escape(args.get(2));
            }
            for (Site o : objs == null ? Set.<Site>of() : objs) {
                for (Site v : args.get(2)) {
                    s.addEdge(new Edge(o, attr, v, origin, false));
                }
            }
            return Set.of();
        }
        if (c.func() instanceof Expr.Name n && s.isBound(n.id())) {
            ModuleIndex.ClassInfo cls = classHeld(s.valueOf(n.id()));
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
            if (HeapAnalyzer.COPYING_BUILTINS.contains(n.id()) && !heap.index.isImported(n.id())) {
                Site.Kind kind = switch (n.id()) {
                    case "list", "sorted", "deque" -> Site.Kind.LIST;
                    case "tuple" -> Site.Kind.TUPLE;
                    case "set", "frozenset" -> Site.Kind.SET;
                    case "dict" -> Site.Kind.DICT;
                    default -> Site.Kind.ITERATOR;
                };
                Site made = site(c, kind, null);
                if (kind == Site.Kind.ITERATOR) {
                    return iterator(made, n.id(), args, c, s);
                }
                for (Set<Site> a : args) {
                    addItems(made, items(a, s), origin, false, s);
                }
                if (args.size() == 1) {
                    exhaust(args.get(0), 0, s); // list(gen) runs it to its end
                }
                for (Set<Site> v : kwargs.values()) {
                    addItems(made, v, origin, false, s);
                }
                return Set.of(made);
            }
            if (RetainsNothing.builtinCall(n.id(), heap.index)) {
                if (HeapAnalyzer.CONSUMING_BUILTINS.contains(n.id()) && args.size() == 1) {
                    exhaust(args.get(0), 0, s);
                }
                return Set.of();
            }
            if (HeapAnalyzer.isBuiltinException(n.id()) && !heap.index.isImported(n.id())) {
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
                && (HeapAnalyzer.isBuiltinException(a.attr()) || a.attr().equals("error"))) {
            // exceptions.CancelledError(), expat.error(msg): another module's exception class, by its name
            return Set.of(newException(c, a.attr(), args, s));
        }
        if (c.func() instanceof Expr.Call || c.func() instanceof Expr.Name) {
            Set<Site> callee = c.func() instanceof Expr.Call inner ? eval(inner, s) : s.valueOf(((Expr.Name) c.func()).id());
            if (!callee.isEmpty() && callee.stream().allMatch(this::isLibraryObject)) {
                // lru_cache(maxsize=64)(f), a decorator or factory a library made: its result keeps f
                return Set.of(libraryObject(c, callee.iterator().next().className(), args, kwargs, s));
            }
            Set<Site> called = splatted.isEmpty() && kwargs.isEmpty() ? callSpecial(callee, "__call__", args, c, s) : null;
            if (called == null && splatted.isEmpty()) {
                called = callBoundMethods(callee, args, kwargs, c, s);
            }
            if (called != null) {
                return called;
            }
            if (!callee.isEmpty() && splatted.isEmpty() && argumentsOnly(callee)) {
                // fn(self), fn an item of a parameter's list: the caller knows what fn is
                addPendingCall(site(c, Site.Kind.PENDING_CALL, HeapAnalyzer.CALLED_VALUE), callee, args, kwargs, s);
                return Set.of();
            }
            if (!callee.isEmpty() && splatted.isEmpty() && callee.stream().allMatch(x -> x.kind() == Site.Kind.FUNCTION)) {
                callFunctionValues(callee, args, kwargs, s);
                return Set.of();
            }
        }
        if (c.func() instanceof Expr.Attribute a && !args.isEmpty() && splatted.isEmpty()
                && a.value() instanceof Expr.Name base && HeapAnalyzer.CONTAINER_TYPES.contains(base.id())
                && !s.isBound(base.id()) && !heap.index.isImported(base.id()) && heap.index.classNamed(base.id()) == null) {
            Set<Site> done = baseContainerMethod(args.get(0), a.attr(), args.subList(1, args.size()), kwargs, s);
            if (done != null) {
                return done;
            }
        }
        if (c.func() instanceof Expr.Attribute a) {
            Set<Site> receivers = withoutModuleClasses(withoutNone(eval(a.value(), s)));
            String m = a.attr();
            if (receivers == null) {
                return Set.of(); // a method of None: an AttributeError, nothing is kept
            }
            if (!receivers.isEmpty()) {
                Set<Site> result = new LinkedHashSet<>();
                boolean handled = true;
                for (Site r : receivers) {
                    Stmt.FunctionNode method = methodOf(r, m);
                    ModuleIndex.MethodKind kind = method == null ? null : ModuleIndex.kindOf(method);
                    ModuleIndex.ClassInfo nested = method == null ? nestedClassOf(r, m) : null;
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
                        Site made = site(c, Site.Kind.INSTANCE, null);
                        s.addEdge(new Edge(made, "__class__", r, origin, false));
                        result.add(made);
                    } else if (isLoopHandle(r) && m.equals("cancel") && args.isEmpty()) {
                        kill(r, "_callback", s); // a cancelled handle drops its callback and arguments
                        kill(r, "_args", s);
                    } else if (isLibraryObject(r) && !LibraryObjects.publishes(m)) {
                        keepClassMade(r, m, c, s);
                        for (Set<Site> x : args) { // stack.callback(self.close): the object may keep it
                            keep(r, x, s);
                        }
                        for (Set<Site> x : kwargs.values()) {
                            keep(r, x, s);
                        }
                    } else if (HeapAnalyzer.ADDERS.contains(m) && !args.isEmpty()) {
                        Set<Site> added = args.get(args.size() - 1);
                        boolean same = sameName(a.value(), argExprs.get(argExprs.size() - 1)) && receivers.equals(added);
                        addItems(r, added, origin, same, s);
                        if (m.equals("setdefault") && args.size() == 2) {
                            addItems(r, args.get(0), origin, false, s);
                            result.addAll(field(r, "item", s)); // the value already there, or the default
                        }
                    } else if (HeapAnalyzer.BULK_ADDERS.contains(m)) {
                        for (Set<Site> x : args) {
                            addItems(r, items(x, s), origin, false, s);
                        }
                        for (Set<Site> x : kwargs.values()) {
                            addItems(r, x, origin, false, s);
                        }
                    } else if (m.equals("clear") && args.isEmpty()) {
                        kill(r, "item", s); // a list, dict or set of one object: its items are gone
                    } else if (m.equals("copy")) {
                        Site copy = site(c, r.kind() == Site.Kind.PARAM ? Site.Kind.LIST : r.kind(), null);
                        addItems(copy, field(r, "item", s), origin, false, s);
                        result.add(copy);
                    } else if (HeapAnalyzer.READERS.contains(m)) {
                        result.addAll(field(r, "item", s));
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
                Site pending = site(c, Site.Kind.PENDING_CALL, m);
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
            s.escape(eval(a.value(), s));
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
            return last instanceof Expr.Name n ? classHeld(s.valueOf(n.id())) : null;
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
        Set<Site> objs = withoutNone(receivers);
        if (objs == null || objs.isEmpty()) {
            return null;
        }
        Set<Site> result = new LinkedHashSet<>();
        for (Site r : objs) {
            if (m.equals("__getitem__") || m.equals("__contains__") || HeapAnalyzer.READERS.contains(m)) {
                result.addAll(field(r, "item", s));
            } else if ((m.equals("__setitem__") || HeapAnalyzer.ADDERS.contains(m)) && !args.isEmpty()) {
                addItems(r, args.get(args.size() - 1), origin, false, s);
                if (m.equals("setdefault")) {
                    result.addAll(field(r, "item", s));
                }
            } else if (m.equals("__init__") || HeapAnalyzer.BULK_ADDERS.contains(m)) {
                for (Set<Site> x : args) {
                    addItems(r, items(x, s), origin, false, s);
                }
                for (Set<Site> x : kwargs.values()) {
                    addItems(r, x, origin, false, s);
                }
            } else if (m.equals("clear") || m.equals("__delitem__") || m.equals("__len__")) {
                if (m.equals("clear")) {
                    kill(r, "item", s);
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
                return Set.of(frame);
            case "sys._getframe":
                if (c.args().isEmpty() || isInt(c.args().get(0), 0)) {
                    return Set.of(frame);
                }
                // The caller's frame lives outside this call; the caller maps it to its own frame.
                return isInt(c.args().get(0), 1) ? Set.of(HeapAnalyzer.CALLER_FRAME) : Set.of();
            case "sys.exc_info": {
                if (!insideHandler(c)) {
                    return Set.of(); // an exception a caller handles: its traceback holds the caller's frames
                }
                Site info = site(c, Site.Kind.TUPLE, null);
                Site exc = site(c, Site.Kind.EXCEPTION, null);
                s.addEdge(new Edge(exc, "__traceback__", frame, c, false));
                // (type, value, traceback): the class holds no frame; the value and the traceback
                // (one object here: the exception with its __traceback__) do, under their own names.
                s.addEdge(new Edge(info, "item 1", exc, c, false));
                s.addEdge(new Edge(info, "item 2", exc, c, false));
                return Set.of(info);
            }
            case "builtins.type":
                return args.size() == 3 ? Set.of(classObject(c, null, s)) : null;
            case "collections.namedtuple", "typing.NamedTuple", "dataclasses.make_dataclass", "enum.Enum",
                    "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum", "types.new_class":
                return args.isEmpty() ? null : Set.of(classObject(c, null, s));
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
            Set<Site> selves = field(f, "__self__", s);
            if (selves.isEmpty()) {
                return null;
            }
            for (Site self : selves) {
                Stmt.FunctionNode method = methodOf(self, f.className());
                if (method == null || ModuleIndex.kindOf(method) != ModuleIndex.MethodKind.INSTANCE) {
                    return null;
                }
            }
        }
        Set<Site> out = new LinkedHashSet<>();
        for (Site f : callees) {
            for (Site self : field(f, "__self__", s)) {
                out.addAll(apply(methodOf(self, f.className()), Set.of(self), args, kwargs, call, s));
            }
        }
        return out;
    }

    /** A pending call escapes: until a caller runs it, what it refers to may be kept anywhere. */
    private void addPendingCall(Site pending, Set<Site> receivers, List<Set<Site>> args,
                                Map<String, Set<Site>> kwargs, HeapState s) {
        for (Site r : receivers) {
            s.addEdge(new Edge(pending, "receiver", r, origin, false));
        }
        for (int i = 0; i < args.size(); i++) {
            for (Site v : args.get(i)) {
                s.addEdge(new Edge(pending, "arg " + i, v, origin, false));
            }
        }
        for (Map.Entry<String, Set<Site>> k : kwargs.entrySet()) {
            for (Site v : k.getValue()) {
                s.addEdge(new Edge(pending, "kw " + k.getKey(), v, origin, false));
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
        if (m.equals(HeapAnalyzer.CALLED_VALUE) ? argumentsOnly(receivers) && !receivers.isEmpty() : pendingCall(receivers, m)) {
            addPendingCall(noteMade(new Site(call.pos().line() + ":" + call.pos().col() + ">" + pending.key(),
                    Site.Kind.PENDING_CALL, call, m, true)), receivers, args, kwargs, s);
            return;
        }
        if (m.equals(HeapAnalyzer.CALLED_VALUE)) {
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
            Stmt.FunctionNode method = r.kind() == Site.Kind.INSTANCE ? methodOf(r, m) : null;
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
            Site handle = site(c, Site.Kind.INSTANCE, at == 0 ? "asyncio.events.Handle" : "asyncio.events.TimerHandle");
            List<Set<Site>> given = args.subList(at + 1, args.size());
            for (Site cb : args.get(at)) {
                s.addEdge(new Edge(handle, "_callback", cb, origin, false));
            }
            for (Set<Site> x : given) {
                for (Site v : x) {
                    s.addEdge(new Edge(handle, "_args", v, origin, false));
                }
            }
            for (Site loop : receivers) {
                s.addEdge(new Edge(handle, "_loop", loop, origin, false));
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
            Site bound = site(c, Site.Kind.BOUND_METHOD, null);
            for (Site x : args.get(1)) {
                s.addEdge(new Edge(bound, "__self__", x, origin, false));
            }
            keep(bound, args.get(0), s);
            return bound;
        }
        Site.Kind kind = qualified.equals("collections.defaultdict") || qualified.equals("collections.OrderedDict")
                ? Site.Kind.DICT : qualified.equals("collections.deque") ? Site.Kind.LIST : Site.Kind.INSTANCE;
        Site made = site(c, kind, kind == Site.Kind.INSTANCE ? qualified : null);
        if (kind == Site.Kind.INSTANCE) {
            for (Set<Site> x : args) {
                keep(made, x, s);
            }
        } else if (!args.isEmpty()) { // a defaultdict's factory; a deque's or OrderedDict's items
            if (qualified.equals("collections.defaultdict")) {
                keep(made, args.get(0), s);
            } else {
                addItems(made, items(args.get(0), s), origin, false, s);
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
        Site exc = site(c, Site.Kind.EXCEPTION, className);
        for (Set<Site> a : args) {
            keep(exc, a, s);
        }
        return exc;
    }

    private static boolean isLoopHandle(Site x) {
        return x.kind() == Site.Kind.INSTANCE && ("asyncio.events.Handle".equals(x.className())
                || "asyncio.events.TimerHandle".equals(x.className()));
    }

    private boolean isLibraryObject(Site x) {
        return x.kind() == Site.Kind.INSTANCE && x.className() != null && heap.index.classNamed(x.className()) == null;
    }

    /** A library method that makes a class (always in a cycle) and keeps it on its object. */
    private void keepClassMade(Site object, String method, Located at, HeapState s) {
        if (LibraryObjects.makesClass(object.className(), method)) {
            keep(object, Set.of(classObject(at, null, s)), s);
        }
    }

    private void keep(Site holder, Set<Site> values, HeapState s) {
        for (Site v : values) {
            s.addEdge(new Edge(holder, "keeps", v, origin, false));
        }
    }

    /** Whether a node is inside an except clause of this function (not of a nested one). */
    private boolean insideHandler(Located node) {
        if (handlers == null) {
            handlers = new ArrayList<>();
            collectHandlers(scope.function.body(), handlers);
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
        Site instance = site(c, Site.Kind.INSTANCE, cls.name());
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
                        value = Set.of(fieldSite(c, field.id(), n.id().equals("list") ? Site.Kind.LIST
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
    private Set<Site> apply(Stmt.FunctionNode fn, Set<Site> receiver, List<Set<Site>> args,
                            Map<String, Set<Site>> kwargs, Located call, HeapState s) {
        // A call back into a function being analysed applies its summary so far (see solve).
        Set<Stmt.FunctionNode> unsolvedComponent = heap.unsolved.get(scope.function);
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
        String prefix = call.pos().line() + ":" + call.pos().col() + ">";
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
                    out = Set.of(frame); // sys._getframe(1) in the callee: this call's frame
                } else if (x.kind() == Site.Kind.PARAM) {
                    String[] path = x.key().substring("param ".length()).split("\\.");
                    out = new LinkedHashSet<>(bound.getOrDefault(path[0], Set.of()));
                    // Inside a component, what deeper levels reach below an argument's items or fields
                    // stands as those items or fields: paths into given data stay finite from round to round.
                    int fields = recursive ? Math.min(path.length, 2) : path.length;
                    for (int i = 1; i < fields; i++) {
                        out = field(out, path[i]);
                    }
                } else {
                    String key = recursive ? throughRecursion(prefix, x.key()) : prefix + x.key();
                    if (!x.key().endsWith(Site.LEFT_BY_CALLEE) && calleesFinding.contains(x)) {
                        key += Site.LEFT_BY_CALLEE; // its cycle is the callee's finding, not this caller's
                    } else if (comprehensionDepth > 0 && !x.perItem() && !x.leftByCallee()) {
                        key += Site.PER_ITEM;
                    }
                    out = Set.of(noteMade(new Site(key, x.kind(), call, x.className(), x.singular() && !recursive)));
                }
                mapped.put(x, out);
                return out;
            }

            private Set<Site> field(Set<Site> objs, String label) {
                Set<Site> next = new LinkedHashSet<>();
                for (Site o : objs) {
                    next.addAll(HeapTransfer.this.field(o, label, s));
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
                kill(objs.iterator().next(), killed.substring(dot + 1), s);
            }
        }
        // Each call makes new objects of the callee's: count them, so that objects handed up
        // through chains of calls cannot multiply past the budget.
        spend(sum.exit().edgeCount() + view.escaped().size() + view.returned().size(), s);
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
            Site generator = site(call, Site.Kind.GENERATOR, null);
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
            ModuleIndex.ClassInfo cls = given == null ? heap.index.classNamed(d.getValue()) : classHeld(given);
            if (cls != null) {
                out.put(d.getKey(), new HeapAnalyzer.Given(cls.name(), false));
            }
        }
        String self = callee.ownerClass != null && !HeapAnalyzer.isStatic(fn) && !callee.params.isEmpty() ? callee.params.get(0) : null;
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
            s.addEdge(new Edge(generator, "gi_frame", v, origin, false));
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
