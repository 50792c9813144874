package dev.memlint.memory.flow;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Region;

/** What an analysis that composes regions does along a {@link RegionWalk}. */
public interface RegionTransfer {
    /** Whether control still goes on to what follows (no return, break, continue or raise has ended this part). */
    boolean goesOn();

    /** A statement without a body of its own. */
    void simple(Stmt s);

    /**
     * A compound statement, met in a span that goes on to {@code to}; it walks its parts with
     * {@link RegionWalk}. Returns whether it took the rest of the span as well.
     */
    boolean compound(Region r, Block to);
}
