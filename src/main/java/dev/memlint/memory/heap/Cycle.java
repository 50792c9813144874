package dev.memlint.memory.heap;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group of objects one call leaves pointing at one another with nothing else pointing at them:
 * only the cyclic garbage collector frees them.
 *
 * @param sites    the abstract objects of the cycle
 * @param edges    the references between them, in source order of the statements that made them
 * @param returned true when the cycle is reachable from the returned value (garbage once the caller drops it)
 */
public record Cycle(List<Site> sites, List<Edge> edges, boolean returned) {

    /** Sites of the cycle that are instances of classes with a finalizer. */
    public List<Site> instancesOf(ModuleIndex index) {
        return sites.stream().filter(s -> s.kind() == Site.Kind.INSTANCE && s.className() != null
                && index.classNamed(s.className()) != null && index.classNamed(s.className()).hasFinalizer()).toList();
    }

    /** The names of its references: attributes, "item", "cell x", "local x", ... */
    public Set<String> labels() {
        Set<String> out = new HashSet<>();
        edges.forEach(e -> out.add(e.label()));
        return out;
    }

    /** "Node instance -parent-> Node instance -children-> list -item-> Node instance" style text. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Edge e : edges) {
            if (b.length() == 0) {
                b.append(e.from().describe());
            }
            b.append(" -").append(e.label()).append("-> ").append(e.to().describe());
        }
        return b.toString();
    }
}
