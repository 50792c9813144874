package dev.memlint.memory.flow;

import dev.memlint.memory.cfg.Element;

/** What one element does to a state. It may change and return the state it is given (a copy). */
@FunctionalInterface
public interface Transfer<S extends FlowState<S>> {
    S apply(Element element, S state);
}
