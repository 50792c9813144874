package dev.memlint.ast;

/**
 * A node of memlint's typed syntax tree. Node kinds and fields mirror CPython's {@code ast} module
 * (3.14); record components are named like CPython's fields in camelCase ({@code decoratorList} for
 * {@code decorator_list}). Nodes that CPython gives a position carry a {@link Pos}.
 */
public interface Node {
    /**
     * The node's family ({@link NodeKinds}): one virtual call, which C1 makes cheaper than a type
     * test against an interface that fails, or a ClassValue lookup.
     */
    default int family() {
        return NodeKinds.OTHER;
    }
}
