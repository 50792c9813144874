package dev.memlint.memory.heap;

import dev.memlint.memory.flow.FlowState;

import java.util.Collection;
import java.util.LinkedHashSet;
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
    final Set<Edge> edges;
    final Set<Site> escaped;
    final Set<Site> returned;
    /** (site key + "." + label) of parameter fields this call overwrote (for callers' summaries). */
    final Set<String> killedParamFields;

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
        HeapState j = copy();
        other.vars.forEach((name, sites) -> j.vars.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(sites));
        j.edges.addAll(other.edges);
        j.escaped.addAll(other.escaped);
        j.returned.addAll(other.returned);
        j.killedParamFields.addAll(other.killedParamFields);
        return j;
    }

    @Override
    public HeapState copy() {
        Map<String, Set<Site>> v = new TreeMap<>();
        vars.forEach((name, sites) -> v.put(name, new LinkedHashSet<>(sites)));
        return new HeapState(v, new LinkedHashSet<>(edges), new LinkedHashSet<>(escaped),
                new LinkedHashSet<>(returned), new LinkedHashSet<>(killedParamFields));
    }

    public Set<Site> valueOf(String name) {
        return vars.getOrDefault(name, Set.of());
    }

    public Set<Edge> edges() {
        return edges;
    }

    public Set<Site> escaped() {
        return escaped;
    }

    public Set<Site> returned() {
        return returned;
    }

    void bind(String name, Collection<Site> sites) {
        vars.put(name, new LinkedHashSet<>(sites));
    }

    void unbind(String name) {
        vars.remove(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeapState s && vars.equals(s.vars) && edges.equals(s.edges)
                && escaped.equals(s.escaped) && returned.equals(s.returned)
                && killedParamFields.equals(s.killedParamFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vars, edges, escaped, returned);
    }
}
