package dev.memlint.memory.heap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in the heap a call leaves at its exit, the strongly connected groups of objects that
 * nothing outside the call reaches (arguments, globals, escaped objects). A group made of objects
 * allocated in a loop counts only when each reference provably joins an object to itself
 * ({@code x.me = x}); otherwise one abstract object stands for many, and a chain would look like a cycle.
 */
public final class CycleFinder {
    private CycleFinder() {}

    /** Cycles garbage once the call returns; selfSite, if not null, is a parameter treated as new (self in __init__). */
    public static List<Cycle> find(HeapState exit, Site selfSite) {
        if (selfSite == null && !mayHoldCycle(exit)) {
            return List.of(); // the common case: no object both refers to and is referred to by new ones
        }
        Graph g = Graph.of(exit);
        Map<Site, List<Edge>> out = g.out();
        Set<Site> all = g.all();
        if (selfSite != null) {
            linkFieldsOfSelf(selfSite, exit.killedParamFields(), all, out);
        }
        Set<Site> roots = new LinkedHashSet<>(exit.escaped());
        for (Site s : all) {
            if (s.outer() && !s.equals(selfSite) && !isFieldOf(s, selfSite)) {
                roots.add(s);
            }
        }
        Set<Site> live = reach(roots, out);
        Set<Site> returned = reach(exit.returned(), out);
        List<Cycle> cycles = new ArrayList<>();
        for (List<Site> scc : stronglyConnected(all, live, out)) {
            List<Edge> inside = edgesWithin(scc, out);
            if (inside.isEmpty()) {
                continue;
            }
            // A group of older objects only (no recent one) may be a chain, each pointing at the one before.
            // So may one site a comprehension made referring to itself, unless provably one object (x.me = x):
            // first.next = second with both items of the list it made.
            // A reference stored back right after its partner (a.next = b; b.prev = a) closes a cycle of two.
            boolean concrete = scc.size() == 1 && scc.get(0).perItem() ? inside.stream().anyMatch(Edge::sameObject)
                    : scc.stream().anyMatch(Site::singular) || (scc.size() == 1 && inside.stream().anyMatch(Edge::sameObject));
            concrete = concrete || linkedBothWays(inside);
            if (!concrete) {
                continue;
            }
            cycles.add(cycleThrough(inside, scc.stream().anyMatch(returned::contains)));
        }
        return cycles;
    }

    /**
     * The objects of these cycles that a loop makes anew each time and that close their cycle only
     * as the latest one made: a closure reading the loop's variable ({@code lambda _:
     * results.append(future.result)} kept by {@code future}) refers to the variable's cell, which
     * the next iteration points at the new object, so the older objects of the site are in no
     * cycle and their counts free them. Only the last iteration's object is left in a cycle, not
     * one per iteration. A site counts only where its older objects are in the heap (so it is
     * made in a loop) and in no group that refers to itself.
     */
    public static Set<Site> closedOnlyByLatest(HeapState exit, List<Cycle> cycles) {
        Set<Site> out = new LinkedHashSet<>();
        if (cycles.isEmpty()) {
            return out;
        }
        Graph g = Graph.of(exit);
        Set<Site> inGroups = new HashSet<>();
        for (List<Site> scc : stronglyConnected(g.all(), Set.of(), g.out())) {
            if (!edgesWithin(scc, g.out()).isEmpty()) {
                inGroups.addAll(scc);
            }
        }
        for (Cycle c : cycles) {
            for (Site s : c.sites()) {
                Site older = s.older();
                if (s.singular() && s.node() != null && g.all().contains(older) && !inGroups.contains(older)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Whether some reference in a group has its partner back in it too (see {@link Edge#pairedWith()}). */
    private static boolean linkedBothWays(List<Edge> inside) {
        for (Edge e : inside) {
            if (e.pairedWith() != null) {
                for (Edge back : inside) {
                    if (back.from().equals(e.to()) && back.to().equals(e.from()) && back.label().equals(e.pairedWith())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * In __init__, the cycles that link the new instance with an object its caller passed in
     * ({@code self.tree = tree; tree.children.append(self)}): not garbage when __init__ returns, as the
     * caller still holds the argument, but every instance stays in such a cycle, so once both are
     * dropped only the cyclic collector frees them (and runs their finalizers).
     */
    public static List<Cycle> throughArguments(HeapState exit, Site selfSite) {
        Graph g = Graph.of(exit);
        Map<Site, List<Edge>> out = g.out();
        Set<Site> all = g.all();
        linkFieldsOfSelf(selfSite, exit.killedParamFields(), all, out);
        linkFieldsOfArguments(selfSite, exit.killedParamFields(), all, out);
        Set<Site> unknown = reach(new LinkedHashSet<>(exit.escaped()), out); // what unknown code may unlink
        for (List<Site> scc : stronglyConnected(all, unknown, out)) {
            if (!scc.contains(selfSite) || scc.stream().noneMatch(s -> s.outer() && !s.equals(selfSite) && !isFieldOf(s, selfSite))) {
                continue;
            }
            return List.of(cycleThrough(edgesWithin(scc, out), false));
        }
        return List.of();
    }

    /**
     * In a method, a cycle through self that its stores close with the objects self holds in its
     * instance attributes ({@code action.container = self} with {@code self._actions.append(action)};
     * {@code self._items.append((self.render, args))}) or with an argument's attributes
     * ({@code self.parent = parent; parent.children.append(self)}): self stays in it after the call,
     * so once dropped only the cyclic collector frees it. instanceFields are the attributes the
     * class assigns on its instances (one the class body holds may be shared by all: no link);
     * a store into the items of one of them is believed only for containerFields. Empty when there is none.
     * Null fields stand for all of them: a cycle found then is one the class's fields may allow.
     */
    public static Optional<Cycle> throughSelf(HeapState exit, Site selfSite, Set<String> instanceFields,
                                              Set<String> containerFields) {
        Graph g = Graph.of(exit);
        Map<Site, List<Edge>> out = g.out();
        Set<Site> all = g.all();
        Set<String> owned = new HashSet<>(exit.killedParamFields());
        Set<String> keys = new HashSet<>();
        all.forEach(s -> keys.add(s.key()));
        for (Site s : List.copyOf(all)) {
            if (isFieldOf(s, selfSite)) {
                if (instanceFields != null && !instanceFields.contains(topField(s, selfSite))) {
                    continue;
                }
                owned.add(s.key()); // self.x, and what hangs off it (self.x.items)
                for (int at = s.key().lastIndexOf('.'); at > selfSite.key().length(); at = s.key().lastIndexOf('.', at - 1)) {
                    String holder = s.key().substring(0, at); // self.x of self.x.items, though never read alone
                    owned.add(holder);
                    if (keys.add(holder)) {
                        all.add(new Site(holder, Site.Kind.PARAM, null, null, true));
                    }
                }
            }
        }
        linkFieldsOfSelf(selfSite, owned, all, out);
        linkFieldsOfArguments(selfSite, exit.killedParamFields(), all, out);
        for (List<Edge> edges : out.values()) {
            // What a library object may keep is a guess, too weak for "every instance". And self's
            // items stored back into self (self[:] = (t for t in self if ...)) stand for self there.
            edges.removeIf(e -> e.label().equals("keeps") || e.label().equals("(internal)")
                    || (e.from().equals(selfSite) && e.to().equals(selfSite) && e.label().startsWith("item"))
                    || (e.label().startsWith("item") && isFieldOf(e.from(), selfSite)
                        && containerFields != null && !containerFields.contains(topField(e.from(), selfSite))));
        }
        // Unlike a garbage cycle, one that every instance is in does not end when unknown code gets a
        // part of it (argparse's conflict handler is given the new action): that code may keep it
        // longer, and seldom takes a link apart.
        for (List<Site> scc : stronglyConnected(all, Set.of(), out)) {
            if (scc.contains(selfSite)) {
                List<Edge> inside = edgesWithin(scc, out);
                if (inside.isEmpty()) {
                    return Optional.empty();
                }
                inside.sort(Comparator.comparingInt(e -> e.origin() == null ? Integer.MAX_VALUE : e.origin().pos().line()));
                List<Edge> path = shortestCycle(inside, selfSite);
                return Optional.of(new Cycle(path.stream().map(Edge::from).toList(), path, false));
            }
        }
        return Optional.empty();
    }

    /** x of self.x.y. */
    private static String topField(Site field, Site self) {
        String path = field.key().substring(self.key().length() + 1);
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The references between members of a group. */
    private static List<Edge> edgesWithin(List<Site> group, Map<Site, List<Edge>> out) {
        Set<Site> members = new LinkedHashSet<>(group);
        List<Edge> inside = new ArrayList<>();
        for (Site s : group) {
            for (Edge e : out.getOrDefault(s, List.of())) {
                if (members.contains(e.to())) {
                    inside.add(e);
                }
            }
        }
        return inside;
    }

    /** The cycle reported for a group: its shortest way round, with the references in source order. */
    private static Cycle cycleThrough(List<Edge> inside, boolean returned) {
        inside.sort(Comparator.comparingInt(e -> e.origin() == null ? Integer.MAX_VALUE : e.origin().pos().line()));
        List<Edge> path = shortestCycle(inside);
        List<Site> sites = new ArrayList<>();
        for (Edge e : path) {
            sites.add(e.from());
        }
        return new Cycle(sites, path, returned);
    }

    /**
     * One way round a group: the shortest cycle through the recent object made first in source
     * order (else through the first reference's source), each step once, in the order they are taken.
     */
    private static List<Edge> shortestCycle(List<Edge> inside) {
        Site start = inside.get(0).from();
        for (Edge e : inside) {
            if (e.from().singular()) {
                start = e.from();
                break;
            }
        }
        return shortestCycle(inside, start);
    }

    /** The shortest way round a group through start, its references in the order they are taken. */
    private static List<Edge> shortestCycle(List<Edge> inside, Site start) {
        Map<Site, List<Edge>> out = new LinkedHashMap<>();
        for (Edge e : inside) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Map<Site, Edge> reachedBy = new HashMap<>();
        Deque<Site> queue = new ArrayDeque<>();
        queue.add(start);
        Edge closing = null;
        while (!queue.isEmpty() && closing == null) {
            for (Edge e : out.getOrDefault(queue.poll(), List.of())) {
                if (e.to().equals(start)) {
                    closing = e;
                    break;
                }
                if (!reachedBy.containsKey(e.to())) {
                    reachedBy.put(e.to(), e);
                    queue.add(e.to());
                }
            }
        }
        if (closing == null) {
            return inside; // cannot happen in a strongly connected group; keep every reference then
        }
        List<Edge> path = new ArrayList<>();
        for (Edge e = closing; ; e = reachedBy.get(e.from())) {
            path.add(0, e);
            if (e.from().equals(start)) {
                break;
            }
        }
        return path;
    }

    /**
     * The exit state with only the references a caller can see or must report: those from objects
     * reachable from parameters, escaped or returned objects, or from objects in a cycle.
     */
    static HeapState visibleToCallers(HeapState exit) {
        Graph g = Graph.of(exit);
        Set<Site> roots = new LinkedHashSet<>(g.outer());
        roots.addAll(exit.escaped());
        roots.addAll(exit.returned());
        cyclesAmongNew(exit, g).forEach(roots::addAll);
        Set<Site> visible = reach(roots, g.out());
        HeapState view = new HeapState();
        Set<Site> touched = new HashSet<>(exit.returned());
        for (Edge e : exit.edges()) {
            if (visible.contains(e.from())) {
                view.addEdge(e);
                touched.add(e.from());
                touched.add(e.to());
            }
        }
        // An escaped object the caller can never refer to (in no reference it sees, not returned) is
        // left out: mapped into every caller, such objects piled up call after call (a recursive-descent
        // parser's methods took a minute). An escaped argument still makes the caller's object escape.
        List<Site> escaped = new ArrayList<>();
        for (Site x : exit.escaped()) {
            if (x.outer() || touched.contains(x)) {
                escaped.add(x);
            }
        }
        view.escape(escaped);
        view.markReturned(exit.returned());
        exit.killedParamFields().forEach(view::killParamField);
        return view;
    }

    /**
     * A cheap necessary condition for a cycle among the call's new objects: one of them refers to
     * another new object and is referred to by one (or refers to itself).
     */
    private static boolean mayHoldCycle(HeapState exit) {
        Set<Site> referring = new HashSet<>();
        Set<Site> referred = new HashSet<>();
        for (Edge e : exit.edges()) {
            if (!e.from().outer() && !e.to().outer()) {
                if (e.from().equals(e.to())) {
                    return true;
                }
                referring.add(e.from());
                referred.add(e.to());
            }
        }
        for (Site s : referring) {
            if (referred.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether objects the call made (not its parameters nor what they reach) refer to one another
     * in a loop at its exit, reachable or not: what a caller could find as a cycle of its own.
     */
    public static boolean anyAmongNew(HeapState exit) {
        return mayHoldCycle(exit) && !cyclesAmongNew(exit, Graph.of(exit)).isEmpty(); // the graph only when needed
    }

    /**
     * Every object of the group a found cycle goes round: the cycle shows one way round it, but a
     * caller must know all of them as the callee's garbage, or a second way round (through a
     * second exception the loop made) looks like a cycle of the caller's own.
     */
    static Set<Site> groupOf(Cycle cycle, HeapState exit) {
        Map<Site, List<Edge>> out = Graph.of(exit).out();
        Map<Site, List<Edge>> in = new HashMap<>();
        for (Edge e : exit.edges()) {
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.between(e.to(), e.from(), e.origin()));
        }
        Set<Site> start = new LinkedHashSet<>(cycle.sites());
        Set<Site> group = reach(start, out);
        group.retainAll(reach(start, in));
        return group;
    }

    /** The groups of the call's new objects that refer to one another in a loop (one referring to itself too). */
    private static List<List<Site>> cyclesAmongNew(HeapState exit, Graph g) {
        if (!mayHoldCycle(exit)) {
            return List.of();
        }
        List<List<Site>> cycles = new ArrayList<>();
        for (List<Site> scc : stronglyConnected(g.all(), g.outer(), g.out())) {
            Site first = scc.get(0);
            if (scc.size() > 1 || g.out().getOrDefault(first, List.of()).stream().anyMatch(e -> e.to().equals(first))) {
                cycles.add(scc);
            }
        }
        return cycles;
    }

    /** The references of an exit state by source, every site they touch, and those from outside the call. */
    private record Graph(Map<Site, List<Edge>> out, Set<Site> all, Set<Site> outer) {
        static Graph of(HeapState exit) {
            Graph g = new Graph(new LinkedHashMap<>(), new LinkedHashSet<>(), new HashSet<>());
            for (Edge e : exit.edges()) {
                g.out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
                for (Site s : new Site[] {e.from(), e.to()}) {
                    g.all.add(s);
                    if (s.outer()) {
                        g.outer.add(s);
                    }
                }
            }
            return g;
        }
    }

    /**
     * In __init__, what self.x holds after __init__ assigned it something the analysis knows nothing
     * of ({@code self._proxies = self._dict()}) is the new instance's: self refers to it, so
     * {@code self._proxies[name] = Proxy(self)} closes a cycle through it. A field __init__ did not
     * assign may be a class attribute shared by every instance (a registry): no link.
     */
    private static void linkFieldsOfSelf(Site self, Set<String> assigned, Set<Site> all, Map<Site, List<Edge>> out) {
        Map<String, Site> byKey = new HashMap<>();
        byKey.put(self.key(), self);
        for (Site s : all) {
            byKey.putIfAbsent(s.key(), s);
        }
        for (Site s : List.copyOf(all)) {
            if (isFieldOf(s, self) && assigned.contains(s.key())) {
                int dot = s.key().lastIndexOf('.');
                Site holder = byKey.get(s.key().substring(0, dot));
                if (holder != null) {
                    out.computeIfAbsent(holder, k -> new ArrayList<>())
                            .add(new Edge(holder, s.key().substring(dot + 1), s, null, false));
                    all.add(holder);
                }
            }
        }
    }

    /**
     * An argument's field that __init__ read and did not reassign ({@code tree.children}) still hangs
     * off the argument when it returns: the reference is implicit in the key.
     */
    private static void linkFieldsOfArguments(Site self, Set<String> assigned, Set<Site> all, Map<Site, List<Edge>> out) {
        Map<String, Site> byKey = new HashMap<>();
        for (Site s : all) {
            byKey.putIfAbsent(s.key(), s);
        }
        for (Site s : List.copyOf(all)) {
            int dot = s.key().lastIndexOf('.');
            if (s.kind() != Site.Kind.PARAM || dot < 0 || isFieldOf(s, self) || assigned.contains(s.key())) {
                continue;
            }
            Site holder = byKey.get(s.key().substring(0, dot));
            if (holder != null && holder.kind() == Site.Kind.PARAM) {
                out.computeIfAbsent(holder, k -> new ArrayList<>()).add(new Edge(holder, s.key().substring(dot + 1), s, null, false));
            }
        }
    }

    private static boolean isFieldOf(Site s, Site self) {
        return self != null && s.key().startsWith(self.key() + ".");
    }

    private static Set<Site> reach(Set<Site> from, Map<Site, List<Edge>> out) {
        Set<Site> seen = new LinkedHashSet<>(from);
        Deque<Site> work = new ArrayDeque<>();
        for (Site x : from) {
            work.addLast(x); // not new ArrayDeque<>(from): its copy captures a lambda, slow under C1
        }
        while (!work.isEmpty()) {
            for (Edge e : out.getOrDefault(work.pop(), List.of())) {
                if (seen.add(e.to())) {
                    work.push(e.to());
                }
            }
        }
        return seen;
    }

    /** Tarjan's algorithm over the sites not in excluded. */
    private static List<List<Site>> stronglyConnected(Set<Site> all, Set<Site> excluded, Map<Site, List<Edge>> out) {
        Map<Site, Integer> indexOf = new HashMap<>();
        Map<Site, Integer> low = new HashMap<>();
        Deque<Site> stack = new ArrayDeque<>();
        Set<Site> onStack = new LinkedHashSet<>();
        List<List<Site>> result = new ArrayList<>();
        int[] counter = {0};
        for (Site start : all) {
            if (!excluded.contains(start) && !indexOf.containsKey(start)) {
                visit(start, excluded, out, indexOf, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static void visit(Site v, Set<Site> excluded, Map<Site, List<Edge>> out, Map<Site, Integer> indexOf,
                              Map<Site, Integer> low, Deque<Site> stack, Set<Site> onStack,
                              List<List<Site>> result, int[] counter) {
        indexOf.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (Edge e : out.getOrDefault(v, List.of())) {
            Site w = e.to();
            if (excluded.contains(w)) {
                continue;
            }
            if (!indexOf.containsKey(w)) {
                visit(w, excluded, out, indexOf, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), indexOf.get(w)));
            }
        }
        if (low.get(v).equals(indexOf.get(v))) {
            List<Site> scc = new ArrayList<>();
            Site w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            result.add(scc);
        }
    }
}
