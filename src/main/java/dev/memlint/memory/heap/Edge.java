package dev.memlint.memory.heap;

import dev.memlint.ast.Located;

/**
 * A strong reference from one abstract object to another: an attribute ("parent"), a container
 * item ("item"), a closure cell ("cell x"), a bound method's "__self__", a traceback's frame, a
 * frame's local ("local x").
 *
 * @param origin     the statement or expression that stores the reference (a flow step)
 * @param sameObject true when source and target are provably one object ({@code x.me = x},
 *                   {@code xs.append(xs)}), which makes a self-edge a real cycle even in a loop
 */
public record Edge(Site from, String label, Site to, Located origin, boolean sameObject) {
    // Equality compares the origin by identity: syntax-tree records hash their whole subtree.
    @Override
    public boolean equals(Object o) {
        return o instanceof Edge e && from.equals(e.from) && label.equals(e.label) && to.equals(e.to)
                && origin == e.origin && sameObject == e.sameObject;
    }

    @Override
    public int hashCode() {
        return (from.key().hashCode() * 31 + label.hashCode()) * 31 + to.key().hashCode();
    }
}
