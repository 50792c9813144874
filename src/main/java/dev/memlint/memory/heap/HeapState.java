package dev.memlint.memory.heap;

import dev.memlint.memory.flow.FlowState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The abstract heap at one program point: which sites each local name may refer to, the references
 * between sites, which sites escaped the call (stored in a global, passed to unknown code, yielded),
 * and which the function may return. Joined by union: a may-analysis.
 */
public final class HeapState implements FlowState<HeapState> {
    final Map<String, Set<Site>> vars;
    /** Shared with copies until one of them changes it (copy on write): most blocks add no reference. */
    private Set<Edge> edges;
    private boolean edgesShared;
    final Set<Site> escaped;
    final Set<Site> returned;
    /** (site key + "." + label) of parameter fields this call overwrote (for callers' summaries). */
    final Set<String> killedParamFields;
    /** The edges by source, built on the first lookup and kept in step with edges from then on. */
    private Map<Site, List<Edge>> outgoing;

    HeapState() {
        this(new TreeMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    private HeapState(Map<String, Set<Site>> vars, Set<Edge> edges, Set<Site> escaped, Set<Site> returned,
                      Set<String> killed) {
        this.vars = vars;
        this.edges = edges;
        this.escaped = escaped;
        this.returned = returned;
        this.killedParamFields = killed;
    }

    @Override
    public HeapState join(HeapState other) {
        if (covers(other)) {
            return this; // the common case at loop heads once the analysis settles: no copy
        }
        HeapState j = copy();
        other.vars.forEach((name, sites) -> {
            Set<Site> mine = j.vars.get(name);
            if (mine == null || !mine.containsAll(sites)) {
                Set<Site> union = mine == null ? new LinkedHashSet<>() : new LinkedHashSet<>(mine);
                union.addAll(sites);
                j.vars.put(name, Collections.unmodifiableSet(union));
            }
        });
        other.edges.forEach(j::addEdge);
        j.escaped.addAll(other.escaped);
        j.returned.addAll(other.returned);
        j.killedParamFields.addAll(other.killedParamFields);
        return j;
    }

    private boolean covers(HeapState other) {
        for (var e : other.vars.entrySet()) {
            Set<Site> mine = vars.get(e.getKey());
            if (mine == null || !mine.containsAll(e.getValue())) {
                return false;
            }
        }
        return edges.containsAll(other.edges) && escaped.containsAll(other.escaped)
                && returned.containsAll(other.returned) && killedParamFields.containsAll(other.killedParamFields);
    }

    @Override
    public HeapState copy() {
        // The names' site sets are never changed in place, so copies share them.
        edgesShared = true;
        HeapState c = new HeapState(new TreeMap<>(vars), edges, new LinkedHashSet<>(escaped),
                new LinkedHashSet<>(returned), new LinkedHashSet<>(killedParamFields));
        c.edgesShared = true;
        return c;
    }

    public Set<Site> valueOf(String name) {
        return vars.getOrDefault(name, Set.of());
    }

    public Set<Edge> edges() {
        return Collections.unmodifiableSet(edges);
    }

    private Set<Edge> ownEdges() {
        if (edgesShared) {
            edges = new LinkedHashSet<>(edges);
            edgesShared = false;
            outgoing = null;
        }
        return edges;
    }

    public Set<Site> escaped() {
        return escaped;
    }

    public Set<Site> returned() {
        return returned;
    }

    void addEdge(Edge e) {
        if (edges.contains(e)) {
            return;
        }
        ownEdges().add(e);
        if (outgoing != null) {
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
    }

    /** The references leaving from (all labels); do not change the list. */
    List<Edge> outgoing(Site from) {
        if (outgoing == null) {
            outgoing = new HashMap<>();
            for (Edge e : edges) {
                outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        return outgoing.getOrDefault(from, List.of());
    }

    /** Removes the references from o labelled label (an overwritten attribute). */
    void removeEdges(Site from, String label) {
        if (outgoing(from).stream().noneMatch(e -> e.label().equals(label))) {
            return;
        }
        Set<Edge> own = ownEdges();
        outgoing(from).removeIf(e -> e.label().equals(label) && own.remove(e));
    }

    void bind(String name, Collection<Site> sites) {
        vars.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(sites)));
    }

    void unbind(String name) {
        vars.remove(name);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof HeapState s && vars.equals(s.vars) && edges.equals(s.edges)
                && escaped.equals(s.escaped) && returned.equals(s.returned)
                && killedParamFields.equals(s.killedParamFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vars, edges, escaped, returned);
    }
}
