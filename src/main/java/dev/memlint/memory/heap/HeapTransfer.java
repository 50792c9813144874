package dev.memlint.memory.heap;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;
import dev.memlint.memory.cfg.Element;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Transfer functions and expression evaluation for one function of a HeapAnalyzer. */
final class HeapTransfer {
    final FunctionScope scope;
    final Site frame = new Site("frame", Site.Kind.FRAME, null, null, true);
    private final Map<String, Site> sites = new HashMap<>();
    private static final int KINDS = Site.Kind.values().length;
    private final Map<Located, Site[]> sitesOfNode = new IdentityHashMap<>();
    private final Map<Located, String> iterKeys = new IdentityHashMap<>();
    Located origin;
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
    int comprehensionDepth;

    private final HeapAnalyzer heap;

    private final CallModel calls;

    HeapTransfer(HeapAnalyzer heap, FunctionScope scope, Set<Element> looping) {
        this.heap = heap;
        this.calls = new CallModel(heap, this);
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
            s.age(made);
        }
    }

    /**
     * A loop that clears a link of every item it visits ({@code for n in nodes: n.parent = None},
     * {@code del n.parent}, {@code n.children.clear()}) has cleared it on all of them once it
     * ran out of items: the link is gone from every object the iterable holds.
     */
    private void clearEveryItem(Stmt.ForNode loop, HeapState s) {
        List<Object> cleared = clearedByLoop.get(loop); // read once per loop, not at every visit of its end
        if (cleared == null) {
            cleared = LoopClearing.clearedLinks(loop);
            clearedByLoop.put(loop, cleared);
        }
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
    void exhaust(Set<Site> iterables, int depth, HeapState s) {
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
                    exhaust(calls.apply(iter, Set.of(x), List.of(), Map.of(), origin, s), depth + 1, s);
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
            FunctionNodes code = scope.nodes(); // the function's nodes in one array: no walk of the tree
            Node[] nodes = code.nodes();
            byte[] kinds = code.kinds();
            for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
                if (kinds[i] == FunctionNodes.OTHER && nodes[i] instanceof Stmt.While w) {
                    LoopClearing.Drain d = LoopClearing.drain(w);
                    if (d != null) {
                        drains.put(w.test(), d);
                    }
                }
            }
        }
        return drains;
    }

    private Map<Expr, LoopClearing.Drain> drains;
    private final Map<Stmt.ForNode, List<Object>> clearedByLoop = new IdentityHashMap<>();

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
                result.addAll(calls.apply(method, Set.of(o), args, Map.of(), at, s));
            }
        }
        return result;
    }

    void spend(int units, HeapState s) {
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
    Site classObject(Located node, String name, HeapState s) {
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
    void kill(Site o, String label, HeapState s) {
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
                    calls.apply(setter, Set.of(o), List.of(v), Map.of(), a, s);
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
                if (calls.isLibraryObject(o)) {
                    calls.keepClassMade(o, "__setitem__", sub, s);
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
    Stmt.FunctionNode methodOf(Site o, String name) {
        if (o.className() == null || (o.kind() != Site.Kind.INSTANCE && o.kind() != Site.Kind.PARAM)) {
            return null;
        }
        return heap.index.method(o.className(), name);
    }

    /** The class nested in the class of an instance (or self) under that name, else null. */
    ModuleIndex.ClassInfo nestedClassOf(Site o, String name) {
        if (o.className() == null || (o.kind() != Site.Kind.INSTANCE && o.kind() != Site.Kind.PARAM)) {
            return null;
        }
        return heap.index.nestedClass(o.className(), name);
    }

    /**
     * obj[key] and obj(args) on instances of module classes run their __getitem__ and __call__;
     * null when some object has no such method, or it is being analysed (the old reading stays).
     */
    Set<Site> callSpecial(Set<Site> objs, String name, List<Set<Site>> args, Located at, HeapState s) {
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
            out.addAll(calls.apply(methodOf(o, name), Set.of(o), args, Map.of(), at, s));
        }
        return out;
    }

    /** The module class that all of some objects are (class objects of one class), else null. */
    ModuleIndex.ClassInfo classHeld(Set<Site> objs) {
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
    static Set<Site> withoutModuleClasses(Set<Site> objs) {
        if (objs == null) {
            return null;
        }
        boolean any = false;
        for (Site x : objs) { // asked at every method call: no stream, slow under C1
            any |= x.isModuleClass();
        }
        if (!any) {
            return objs;
        }
        Set<Site> rest = new LinkedHashSet<>(objs);
        rest.removeIf(Site::isModuleClass);
        return rest;
    }

    /** The objects other than None; null when there were some and all were None. */
    static Set<Site> withoutNone(Set<Site> objs) {
        if (!objs.contains(Site.NONE)) {
            return objs;
        }
        Set<Site> rest = new LinkedHashSet<>(objs);
        rest.remove(Site.NONE);
        return rest.isEmpty() ? null : rest;
    }

    boolean sameName(Expr a, Expr b) {
        return a instanceof Expr.Name x && b instanceof Expr.Name y && x.id().equals(y.id());
    }

    void addItems(Site container, Set<Site> values, Located at, boolean same, HeapState s) {
        for (Site v : values) {
            s.addEdge(new Edge(container, "item", v, at, same));
        }
    }

    /**
     * An iterator over its arguments (iter, reversed, filter, map, enumerate, zip): it refers to
     * what it iterates; enumerate and zip yield tuples of their items.
     */
    Set<Site> iterator(Site it, String maker, List<Set<Site>> args, Expr.Call c, HeapState s) {
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
    Set<Site> items(Set<Site> containers, HeapState s) {
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
    Set<Site> field(Site o, String label, HeapState s) {
        Set<Site> out = new LinkedHashSet<>();
        boolean anyItem = label.equals("item"); // a tuple's items are labelled by position too: "item 0"
        for (Edge e : s.outgoing(o)) {
            if (e.label().equals(label) || (anyItem && e.label().startsWith("item "))) {
                out.add(e.to());
            }
        }
        if (out.isEmpty() && o.kind() == Site.Kind.PARAM && dots(o.key()) < 3) {
            out.add(new Site(o.key() + "." + label, Site.Kind.PARAM, null, null, true));
        }
        return out;
    }

    private static int dots(String key) {
        int n = 0;
        for (int i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) { // no stream: slow under C1
            n++;
        }
        return n;
    }

    /** Notes an object the current step makes, when it is in a loop (see {@link #ageObjectsMadeBy}). */
    Site noteMade(Site x) {
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
    Site fieldSite(Located call, String field, Site.Kind kind) {
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
            return calls.call(c, s);
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
                    case PROPERTY -> out.addAll(calls.apply(method, Set.of(o), List.of(), Map.of(), a, s));
                    case CACHED_PROPERTY -> {
                        Set<Site> cached = field(o, a.attr(), s);
                        if (cached.isEmpty()) { // the first read runs the getter and keeps its result
                            cached = calls.apply(method, Set.of(o), List.of(), Map.of(), a, s);
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

}
