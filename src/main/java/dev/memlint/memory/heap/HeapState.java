package dev.memlint.memory.heap;

import dev.memlint.memory.flow.FlowState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The abstract heap at one program point: which sites each local name may refer to, the references
 * between sites, which sites escaped the call (stored in a global, passed to unknown code, yielded),
 * and which the function may return. Joined by union: a may-analysis.
 *
 * <p>A copy shares every part with its original until one of them changes that part (copy on
 * write): the analysis copies a state per block visited, and most blocks change one part or none.
 */
public final class HeapState implements FlowState<HeapState> {
    /** Names to the sites they may refer to; the site sets themselves are never changed in place. */
    private Map<String, Set<Site>> vars;
    private Edges edges;
    private Set<Site> escaped;
    private Set<Site> returned;
    /** (site key + "." + label) of parameter fields this call overwrote (for callers' summaries). */
    private Set<String> killedParamFields;
    /** Whether vars may hold a name under {@link #RAISED}: without one, a binding need not look for it. */
    private boolean raised;
    /** Which of the five parts above this state shares with another and must copy before a change. */
    private int shared;
    private static final int VARS = 1;
    private static final int EDGES = 2;
    private static final int ESCAPED = 4;
    private static final int RETURNED = 8;
    private static final int KILLED = 16;
    private static final int ALL = VARS | EDGES | ESCAPED | RETURNED | KILLED;
    /** The edges by source, built on the first lookup and kept in step with edges from then on. */
    private Map<Site, List<Edge>> outgoing;
    /**
     * The sources whose lists in outgoing this state made and may change in place; null when it
     * made all of them. A copy of the edges takes the index with it, its lists shared until changed.
     */
    private Set<Site> ownLists;

    HeapState() {
        this(new HashMap<>(), new Edges(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    private HeapState(Map<String, Set<Site>> vars, Edges edges, Set<Site> escaped, Set<Site> returned,
                      Set<String> killed) {
        this.vars = vars;
        this.edges = edges;
        this.escaped = escaped;
        this.returned = returned;
        this.killedParamFields = killed;
    }

    /**
     * Returns this state itself when it already covers other, so callers can test identity for
     * change. One pass over other's parts both tests and joins: the copy is made at the first
     * thing this state lacks (loop heads join states that mostly agree).
     */
    @Override
    public HeapState join(HeapState other) {
        HeapState j = null;
        if (vars != other.vars) {
            for (Map.Entry<String, Set<Site>> var : other.vars.entrySet()) { // loops: lambdas are slow under C1
                Set<Site> mine = vars.get(var.getKey());
                if (mine != var.getValue() && (mine == null || !mine.containsAll(var.getValue()))) {
                    Set<Site> union = mine == null ? new LinkedHashSet<>() : new LinkedHashSet<>(mine);
                    union.addAll(var.getValue());
                    j = j == null ? copy() : j;
                    j.ownVars().put(var.getKey(), Collections.unmodifiableSet(union));
                }
            }
        }
        if (edges != other.edges) {
            Edge[] theirs = other.edges.items;
            for (int i = other.edges.inherited(edges), n = other.edges.end; i < n; i++) {
                Edge e = theirs[i];
                if (e != null && !edges.contains(e)) {
                    j = j == null ? copy() : j;
                    j.addEdge(e);
                }
            }
        }
        if (escaped != other.escaped && !escaped.containsAll(other.escaped)) {
            j = j == null ? copy() : j;
            j.escape(other.escaped);
        }
        if (returned != other.returned && !returned.containsAll(other.returned)) {
            j = j == null ? copy() : j;
            j.markReturned(other.returned);
        }
        if (killedParamFields != other.killedParamFields && !killedParamFields.containsAll(other.killedParamFields)) {
            j = j == null ? copy() : j;
            j.own(KILLED);
            j.killedParamFields.addAll(other.killedParamFields);
        }
        if (j != null) {
            j.raised |= other.raised;
        }
        return j == null ? this : j;
    }

    /** Whether this state holds everything other does (names, references, escapes, results, kills). */
    boolean covers(HeapState other) {
        if (vars != other.vars) {
            for (var e : other.vars.entrySet()) {
                Set<Site> mine = vars.get(e.getKey());
                if (mine != e.getValue() && (mine == null || !mine.containsAll(e.getValue()))) {
                    return false;
                }
            }
        }
        return (edges == other.edges || edges.containsFrom(other.edges, other.edges.inherited(edges)))
                && (escaped == other.escaped || escaped.containsAll(other.escaped))
                && (returned == other.returned || returned.containsAll(other.returned))
                && (killedParamFields == other.killedParamFields || killedParamFields.containsAll(other.killedParamFields));
    }

    @Override
    public HeapState copy() {
        shared = ALL;
        HeapState c = new HeapState(vars, edges, escaped, returned, killedParamFields);
        c.shared = ALL;
        c.raised = raised;
        // The index goes with the edges it indexes: neither state changes it while both share them
        // (own drops it), and a block's copy need not rebuild it at its first lookup.
        c.outgoing = outgoing;
        c.ownLists = ownLists;
        return c;
    }

    /** Makes the named part this state's own (copies it if shared) before a change. */
    private void own(int part) {
        if ((shared & part) == 0) {
            return;
        }
        shared &= ~part;
        switch (part) {
            case VARS -> vars = new HashMap<>(vars);
            case EDGES -> {
                edges = edges.copy();
                if (outgoing != null) { // not rebuilt at the next lookup: the lists are copied as they change
                    outgoing = new HashMap<>(outgoing);
                    ownLists = new HashSet<>();
                }
            }
            case ESCAPED -> escaped = new LinkedHashSet<>(escaped);
            case RETURNED -> returned = new LinkedHashSet<>(returned);
            default -> killedParamFields = new LinkedHashSet<>(killedParamFields);
        }
    }

    private Map<String, Set<Site>> ownVars() {
        own(VARS);
        return vars;
    }

    public Set<Site> valueOf(String name) {
        return vars.getOrDefault(name, Set.of());
    }

    boolean isBound(String name) {
        return vars.containsKey(name);
    }

    /** The names bound here, with what they refer to; do not change. */
    Map<String, Set<Site>> bindings() {
        return Collections.unmodifiableMap(vars);
    }

    /** The sites bound to name, or null: to be restored with {@link #restore} (comprehension scopes). */
    Set<Site> binding(String name) {
        return vars.get(name);
    }

    void restore(String name, Set<Site> before) {
        if (before == null) {
            unbind(name);
        } else {
            ownVars().put(name, before);
        }
    }

    public int edgeCount() {
        return edges.size();
    }

    public Set<Edge> edges() {
        return Collections.unmodifiableSet(edges);
    }

    public Set<Site> escaped() {
        return Collections.unmodifiableSet(escaped);
    }

    public Set<Site> returned() {
        return Collections.unmodifiableSet(returned);
    }

    Set<String> killedParamFields() {
        return Collections.unmodifiableSet(killedParamFields);
    }

    void escape(Collection<Site> sites) {
        if (!sites.isEmpty() && !escaped.containsAll(sites)) {
            own(ESCAPED);
            escaped.addAll(sites);
        }
    }

    void markReturned(Collection<Site> sites) {
        if (!sites.isEmpty() && !returned.containsAll(sites)) {
            own(RETURNED);
            returned.addAll(sites);
        }
    }

    void killParamField(String field) {
        if (!killedParamFields.contains(field)) {
            own(KILLED);
            killedParamFields.add(field);
        }
    }

    void addEdge(Edge e) {
        // A reference to None joins no cycle; a weak reference or weak container refers to nothing strongly.
        if (e.to().kind() == Site.Kind.NONE || e.from().kind() == Site.Kind.WEAK || edges.contains(e)) {
            return;
        }
        own(EDGES);
        edges.add(e);
        if (outgoing != null) {
            ownList(e.from()).add(e);
        }
    }

    /** The index's list of from's references, which this state may change (made or copied now). */
    private List<Edge> ownList(Site from) {
        List<Edge> list = outgoing.get(from);
        if (list == null || ownLists != null && !ownLists.contains(from)) {
            list = list == null ? new ArrayList<>() : new ArrayList<>(list);
            outgoing.put(from, list);
            if (ownLists != null) {
                ownLists.add(from);
            }
        }
        return list;
    }

    /** The references leaving from (all labels); do not change the list. */
    List<Edge> outgoing(Site from) {
        if (outgoing == null) {
            outgoing = new HashMap<>();
            ownLists = null;
            Edge[] items = edges.items;
            for (int i = 0, n = edges.end; i < n; i++) {
                if (items[i] != null) { // no computeIfAbsent: a lambda costs a VM call under C1
                    List<Edge> list = outgoing.get(items[i].from());
                    if (list == null) {
                        list = new ArrayList<>();
                        outgoing.put(items[i].from(), list);
                    }
                    list.add(items[i]);
                }
            }
        }
        return outgoing.getOrDefault(from, List.of());
    }

    /** Removes the references from o labelled label (an overwritten attribute). */
    void removeEdges(Site from, String label) {
        List<Edge> labelled = new ArrayList<>(); // loops: lambdas capturing label are slow under C1
        for (Edge e : outgoing(from)) {
            if (e.label().equals(label)) {
                labelled.add(e);
            }
        }
        if (labelled.isEmpty()) {
            return;
        }
        own(EDGES);
        for (Edge e : labelled) {
            edges.remove(e);
        }
        if (outgoing != null) {
            ownList(from).removeAll(labelled);
        }
    }

    /**
     * Recency: the objects the matching recent sites stand for become older objects of their sites,
     * because the code is about to make a new object at each. All older objects of a site are one
     * summary object, which is not singular (its references may join different objects).
     */
    void age(Set<Site> recent) {
        // One scan finds which parts hold an aged site: only those parts are rebuilt (a loop step's
        // objects are usually in a few names and references, seldom in all parts). The scan stops
        // at the first one in the references, and names only the variables that hold one.
        Aging aging = new Aging(recent);
        boolean inEdges = false;
        Edge[] items = edges.items;
        for (int i = 0, n = edges.end; i < n && !inEdges; i++) {
            Edge e = items[i];
            inEdges = e != null && (aging.madeAt(e.from()) >= 0 || aging.madeAt(e.to()) >= 0);
        }
        List<String> inVars = null;
        for (Map.Entry<String, Set<Site>> v : vars.entrySet()) {
            if (aging.any(v.getValue())) {
                if (inVars == null) {
                    inVars = new ArrayList<>();
                }
                inVars.add(v.getKey());
            }
        }
        if (inVars != null) {
            Map<String, Set<Site>> names = ownVars();
            for (String name : inVars) {
                names.put(name, Collections.unmodifiableSet(aging.renamed(names.get(name))));
            }
        }
        if (inEdges) {
            Edges newEdges = new Edges();
            for (int i = 0, n = edges.end; i < n; i++) {
                Edge e = items[i];
                if (e != null) {
                    Site from = aging.older(e.from());
                    Site to = aging.older(e.to());
                    newEdges.add(from == e.from() && to == e.to() ? e : e.between(from, to, e.origin()));
                }
            }
            edges = newEdges;
            outgoing = null;
            shared &= ~EDGES;
        }
        if (aging.any(escaped)) {
            escaped = aging.renamed(escaped);
            shared &= ~ESCAPED;
        }
        if (aging.any(returned)) {
            returned = aging.renamed(returned);
            shared &= ~RETURNED;
        }
    }

    /** The sites a step made, which age, and the older object each becomes (made once). */
    private static final class Aging {
        private final Site[] made;
        private final Site[] older;
        /** By site, for a step that made many: a few are compared one by one, cheaper than hashing. */
        private final Map<Site, Integer> index;

        Aging(Set<Site> recent) {
            made = recent.toArray(new Site[0]);
            older = new Site[made.length];
            if (made.length > 8) {
                index = new HashMap<>();
                for (int i = 0; i < made.length; i++) {
                    index.put(made[i], i);
                }
            } else {
                index = null;
            }
        }

        /** Where x is among the made sites, when it is the recent (singular) object of one; else -1. */
        int madeAt(Site x) {
            if (!x.singular()) {
                return -1;
            }
            if (index != null) {
                Integer i = index.get(x);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < made.length; i++) {
                if (made[i] == x || made[i].equals(x)) {
                    return i;
                }
            }
            return -1;
        }

        Site older(Site x) {
            int i = madeAt(x);
            if (i < 0) {
                return x;
            }
            if (older[i] == null) {
                older[i] = made[i].older();
            }
            return older[i];
        }

        boolean any(Set<Site> sites) {
            for (Site x : sites) {
                if (madeAt(x) >= 0) {
                    return true;
                }
            }
            return false;
        }

        Set<Site> renamed(Set<Site> sites) {
            Set<Site> out = new LinkedHashSet<>();
            for (Site x : sites) {
                out.add(older(x));
            }
            return out;
        }
    }

    void bind(String name, Collection<Site> sites) {
        // A loop binds its names to the same objects round after round: the set it holds is kept,
        // so the names are not copied and joins find the two states' sets identical.
        Set<Site> now = vars.get(name);
        if (now == null || !sameInOrder(now, sites)) {
            ownVars().put(name, Collections.unmodifiableSet(new LinkedHashSet<>(sites)));
        }
        forgetRaised(name);
    }

    /** Whether sites (without duplicates) are the objects of set, in its order. */
    private static boolean sameInOrder(Set<Site> set, Collection<Site> sites) {
        if (set.size() != sites.size()) {
            return false;
        }
        java.util.Iterator<Site> mine = set.iterator();
        for (Site x : sites) {
            if (!x.equals(mine.next())) {
                return false;
            }
        }
        return true;
    }

    void unbind(String name) {
        if (vars.containsKey(name)) {
            ownVars().remove(name);
        }
        forgetRaised(name);
    }

    /**
     * Whether anything here may come to refer to x: a reference to it, a name bound to it (a cell
     * may capture the name), its escape or return, or a raised object (its traceback holds the frame).
     */
    boolean mayReach(Site x) {
        if (raised || escaped.contains(x) || returned.contains(x)) {
            return true;
        }
        for (Set<Site> v : vars.values()) {
            if (v.contains(x)) {
                return true;
            }
        }
        Edge[] items = edges.items;
        for (int i = 0, n = edges.end; i < n; i++) {
            if (items[i] != null && items[i].to().equals(x)) {
                return true;
            }
        }
        return false;
    }

    /** Starts the name under which what a local held when it was raised is kept (see {@link #noteRaised}). */
    static final String RAISED = "$raised ";

    /**
     * Notes that name's objects were raised from it: their tracebacks hold the frame while the name
     * still holds them. Kept per path (a name rebound or deleted later, in a finally, forgets it), so
     * that a path where the name is cleared does not join another path's binding into a cycle.
     */
    void noteRaised(String name, Collection<Site> sites) {
        Set<Site> all = new LinkedHashSet<>(vars.getOrDefault(RAISED + name, Set.of()));
        all.addAll(sites);
        ownVars().put(RAISED + name, Collections.unmodifiableSet(all));
        raised = true;
    }

    private void forgetRaised(String name) {
        if (raised && !name.startsWith("$") && vars.containsKey(RAISED + name)) {
            ownVars().remove(RAISED + name);
        }
    }

    /**
     * The references of a state: a set in insertion order, as a LinkedHashSet keeps it (a removed
     * reference added again goes last), in two arrays. A copy is two array copies, where a
     * LinkedHashSet hashes and allocates an entry per reference; the analysis copies one for
     * nearly every block that stores a reference, and joins states by testing each reference.
     */
    static final class Edges extends java.util.AbstractSet<Edge> {
        /** The references in insertion order, null where one was removed; those before end are used. */
        Edge[] items;
        int end;
        private int size;
        /** Open addressing, linear probing: index + 1 into items, 0 for a free slot; a slot whose item was removed stays taken. */
        private int[] slots;

        Edges() {
            items = new Edge[8];
            slots = new int[16];
        }

        private Edges(Edge[] items, int end, int size, int[] slots) {
            this.items = items;
            this.end = end;
            this.size = size;
            this.slots = slots;
        }

        /*
         * Lineage, for joins: a set is copied only once it is shared between states, and from then on
         * no state changes it. So the items of a copy before the end its original had are items of
         * that original (or removed), as long as the copy keeps them in place. A join of a loop head's
         * state with the state the loop body made from it then tests only what the body added.
         * Ancestors are known by a token, not the set itself, which would keep every version alive.
         */
        private final Object token = new Object();
        /** The tokens of the sets this one was copied from, its original first, at most LINEAGE of them. */
        private Object[] ancestors = NO_ANCESTORS;
        /** For each ancestor, how many of this set's first items are that ancestor's (or removed). */
        private int[] inheritedEnds;
        /**
         * For each ancestor, whether this set held all of its items when copied (none removed on the way
         * from it); with {@link #removed} false, this set still does. Two branches of an if made from one
         * state then meet testing only what each added.
         */
        private boolean[] holdsAll;
        /** Whether an item was ever removed from this set. */
        private boolean removed;
        private static final Object[] NO_ANCESTORS = {};
        private static final int LINEAGE = 16;

        /** A copy; call only on a set that no one changes any more (one shared between states). */
        Edges copy() {
            if (end - size > size) { // mostly removed: a compact copy
                Edges c = new Edges();
                for (int i = 0; i < end; i++) {
                    if (items[i] != null) {
                        c.add(items[i]);
                    }
                }
                return c;
            }
            Edges c = new Edges(items.clone(), end, size, slots.clone());
            int depth = Math.min(ancestors.length + 1, LINEAGE);
            c.ancestors = new Object[depth];
            c.inheritedEnds = new int[depth];
            c.holdsAll = new boolean[depth];
            c.ancestors[0] = token;
            c.inheritedEnds[0] = end;
            c.holdsAll[0] = true;
            for (int k = 1; k < depth; k++) {
                c.ancestors[k] = ancestors[k - 1];
                c.inheritedEnds[k] = inheritedEnds[k - 1];
                c.holdsAll[k] = holdsAll[k - 1] && !removed;
            }
            return c;
        }

        /**
         * How many of this set's first items are surely in other: those of a set this one was copied
         * from, when that is other or other holds all of its items; else 0.
         */
        int inherited(Edges other) {
            int known = 0;
            for (int k = 0; k < ancestors.length; k++) {
                if (ancestors[k] == other.token) {
                    return inheritedEnds[k];
                }
                if (!other.removed) {
                    for (int o = 0; o < other.ancestors.length; o++) {
                        if (other.ancestors[o] == ancestors[k] && other.holdsAll[o]) {
                            known = Math.max(known, inheritedEnds[k]);
                        }
                    }
                }
            }
            return known;
        }

        /** Whether this set holds every item of other from position from on. */
        boolean containsFrom(Edges other, int from) {
            for (int i = from; i < other.end; i++) {
                if (other.items[i] != null && indexOf(other.items[i]) < 0) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(Edge e) {
            int mask = slots.length - 1;
            int h = e.hashCode();
            for (int p = (h ^ (h >>> 16)) & mask; ; p = (p + 1) & mask) {
                int at = slots[p];
                if (at == 0) {
                    return -1;
                }
                Edge x = items[at - 1];
                if (x == e || x != null && x.hashCode() == h && x.equals(e)) {
                    return at - 1;
                }
            }
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Edge e && indexOf(e) >= 0;
        }

        @Override
        public boolean add(Edge e) {
            if (indexOf(e) >= 0) {
                return false;
            }
            if (end == items.length) {
                items = java.util.Arrays.copyOf(items, end * 2);
            }
            if ((end + 1) * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            items[end++] = e;
            size++;
            place(e, end);
            return true;
        }

        private void place(Edge e, int at) {
            int mask = slots.length - 1;
            int h = e.hashCode();
            int p = (h ^ (h >>> 16)) & mask;
            while (slots[p] != 0) {
                p = (p + 1) & mask;
            }
            slots[p] = at;
        }

        /** Drops removed items (keeping the order of the rest) and rebuilds the slots. */
        private void rehash(int capacity) {
            int kept = 0;
            for (int i = 0; i < end; i++) {
                if (items[i] != null) {
                    items[kept++] = items[i];
                }
            }
            if (kept < end) {
                ancestors = NO_ANCESTORS; // items moved: no longer where the ancestors have them
            }
            java.util.Arrays.fill(items, kept, end, null);
            end = kept;
            while (capacity > 16 && (end + 1) * 4 < capacity) {
                capacity /= 2;
            }
            slots = new int[capacity];
            for (int i = 0; i < end; i++) {
                place(items[i], i + 1);
            }
        }

        @Override
        public boolean remove(Object o) {
            int i = o instanceof Edge e ? indexOf(e) : -1;
            if (i < 0) {
                return false;
            }
            items[i] = null; // its slot stays taken, so probes for later items pass it
            size--;
            removed = true;
            return true;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public java.util.Iterator<Edge> iterator() {
            return new java.util.Iterator<>() {
                private int next = skip(0);

                private int skip(int i) {
                    while (i < end && items[i] == null) {
                        i++;
                    }
                    return i;
                }

                @Override
                public boolean hasNext() {
                    return next < end;
                }

                @Override
                public Edge next() {
                    if (next >= end) {
                        throw new java.util.NoSuchElementException();
                    }
                    Edge e = items[next];
                    next = skip(next + 1);
                    return e;
                }
            };
        }
    }
}
