package dev.memlint.memory.heap;

import dev.memlint.ast.Located;

/**
 * A strong reference from one abstract object to another: an attribute ("parent"), a container
 * item ("item"), a closure cell ("cell x"), a bound method's "__self__", a traceback's frame, a
 * frame's local ("local x"). A value class rather than a record so that its hash, asked for on
 * every set operation of the analysis, is computed once.
 */
public final class Edge {
    private final Site from;
    private final String label;
    private final Site to;
    private final Located origin;
    private final boolean sameObject;
    /** The label of the reference back that this one pairs with (see {@link MutualLinks}), or null. */
    private final String pairedWith;
    private final int hash;

    /**
     * @param origin     the statement or expression that stores the reference (a flow step)
     * @param sameObject true when source and target are provably one object ({@code x.me = x},
     *                   {@code xs.append(xs)}), which makes a self-edge a real cycle even in a loop
     */
    public Edge(Site from, String label, Site to, Located origin, boolean sameObject) {
        this(from, label, to, origin, sameObject, null);
    }

    /**
     * @param pairedWith the label of a reference from {@code to} back to {@code from} stored just
     *                   before this one between the same two objects ({@code a.next = b; b.prev = a}):
     *                   with it, the two are a cycle of two concrete objects even in a loop
     */
    public Edge(Site from, String label, Site to, Located origin, boolean sameObject, String pairedWith) {
        this.from = from;
        this.label = label;
        this.to = to;
        this.origin = origin;
        this.sameObject = sameObject;
        this.pairedWith = pairedWith;
        // A site's older object has its key: without singular, an aged reference hashes as its recent one.
        this.hash = ((from.key().hashCode() * 31 + label.hashCode()) * 31 + to.key().hashCode()) * 4
                + (from.singular() ? 2 : 0) + (to.singular() ? 1 : 0);
    }

    public Site from() {
        return from;
    }

    public String label() {
        return label;
    }

    public Site to() {
        return to;
    }

    public Located origin() {
        return origin;
    }

    public boolean sameObject() {
        return sameObject;
    }

    public String pairedWith() {
        return pairedWith;
    }

    /** The same reference between other sites (a callee's objects seen by its caller, aged objects). */
    Edge between(Site newFrom, Site newTo, Located newOrigin) {
        return new Edge(newFrom, label, newTo, newOrigin, sameObject, pairedWith);
    }

    // Equality compares the origin by identity: syntax-tree records hash their whole subtree.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Edge e && hash == e.hash && origin == e.origin && sameObject == e.sameObject
                && from.equals(e.from) && label.equals(e.label) && to.equals(e.to)
                && java.util.Objects.equals(pairedWith, e.pairedWith);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Edge[from=" + from + ", label=" + label + ", to=" + to + ", origin=" + origin + ", sameObject=" + sameObject
                + (pairedWith == null ? "" : ", pairedWith=" + pairedWith) + "]";
    }
}
