package dev.memlint.memory.flow;

/**
 * An abstract program state of a forward data-flow analysis (sonar-python's ProgramState shape).
 * States are values: join and copy return new states and never change this one. join returns its
 * receiver itself when that already covers the other state: the analysis stops when no block's
 * state changes, which it tests by identity.
 */
public interface FlowState<S extends FlowState<S>> {
    /** The least state that covers both this and other (what holds where two paths meet); this when it covers other. */
    S join(S other);

    /** An independent copy that a transfer function may change. */
    S copy();
}
