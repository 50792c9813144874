package dev.memlint.memory.flow;

/**
 * An abstract program state of a forward data-flow analysis (sonar-python's ProgramState shape).
 * States are values: join and copy return new states and never change this one, and equals says
 * whether two states are the same (the analysis stops when no block's state changes).
 */
public interface FlowState<S extends FlowState<S>> {
    /** The least state that covers both this and other (what holds where two paths meet). */
    S join(S other);

    /** An independent copy that a transfer function may change. */
    S copy();
}
