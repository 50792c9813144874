package dev.memlint.memory.flow;

import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * Runs a transfer function over a {@link Cfg} to a fixed point with a worklist. The number of times
 * any block is visited is bounded: an analysis that does not settle within the bound gives up, and
 * its result says so, so that callers report "not estimated" instead of guessing. An exception edge
 * carries the state at the end of its block (what the block did before raising is assumed done).
 */
public final class ForwardAnalysis {
    /** Visits per block before giving up; lattices of finite height settle far sooner. */
    public static final int DEFAULT_MAX_VISITS = 64;

    private ForwardAnalysis() {}

    /** The state at each block's entry, by block id (null where unreached). */
    public record Result<S extends FlowState<S>>(List<S> in, boolean gaveUp) {
        /** The state at b's entry; null when b is unreachable. */
        public S at(Block b) {
            return b.id() < in.size() ? in.get(b.id()) : null;
        }

        /** The state where control leaves by return or falling off the end; null when unreachable. */
        public S atExit(Cfg cfg) {
            return at(cfg.exit());
        }

        public S atRaiseExit(Cfg cfg) {
            return at(cfg.raiseExit());
        }
    }

    public static <S extends FlowState<S>> Result<S> run(Cfg cfg, S initial, Transfer<S> transfer) {
        return run(cfg, initial, transfer, DEFAULT_MAX_VISITS);
    }

    public static <S extends FlowState<S>> Result<S> run(Cfg cfg, S initial, Transfer<S> transfer, int maxVisits) {
        // Arrays by block id and a bit set of reverse-postorder positions: the analysis runs for
        // thousands of small functions, where hash maps and a priority queue cost more than the work.
        List<Block> order = reversePostorder(cfg);
        int size = 0;
        for (Block b : order) {
            size = Math.max(size, b.id() + 1);
        }
        int[] position = new int[size];
        for (int i = 0; i < order.size(); i++) {
            position[order.get(i).id()] = i;
        }
        List<S> in = new ArrayList<>(Collections.nCopies(size, null));
        int[] visits = new int[size];
        // Blocks in reverse postorder: a block runs after its forward predecessors, so each loop
        // body is walked once per round instead of once per changed predecessor.
        BitSet work = new BitSet(order.size());
        in.set(cfg.entry().id(), initial);
        work.set(position[cfg.entry().id()]);
        for (int i = work.nextSetBit(0); i >= 0; i = work.nextSetBit(0)) {
            work.clear(i);
            Block b = order.get(i);
            if (++visits[b.id()] > maxVisits) {
                return new Result<>(in, true);
            }
            S state = in.get(b.id()).copy();
            for (var e : b.elements()) {
                state = transfer.apply(e, state);
            }
            List<Block> successors = b.allSuccessors();
            for (int k = 0; k < successors.size(); k++) {
                Block next = successors.get(k);
                S before = in.get(next.id());
                boolean last = k == successors.size() - 1; // the last may take the state itself, uncopied
                // Only where paths meet (the entry meets the call's start) is a join needed: a block
                // with one predecessor takes its state. Every loop passes through a meeting point,
                // whose join stops the iteration.
                boolean meets = next.predecessors().size() > 1 || next == cfg.entry();
                S after = before != null && meets ? before.join(state) : last ? state : state.copy();
                if (after != before) { // join returns its receiver when nothing changed
                    in.set(next.id(), after);
                    work.set(position[next.id()]);
                }
            }
        }
        return new Result<>(in, false);
    }

    /** The blocks reachable from the entry, in reverse postorder. */
    private static List<Block> reversePostorder(Cfg cfg) {
        // Arrays by block id, not a hash set and a deque of boxed numbers: this runs at every analysis.
        int size = 0;
        for (Block b : cfg.blocks()) {
            size = Math.max(size, b.id() + 1);
            for (Block s : b.allSuccessors()) {
                size = Math.max(size, s.id() + 1);
            }
        }
        size = Math.max(size, cfg.entry().id() + 1);
        List<Block> post = new ArrayList<>();
        boolean[] seen = new boolean[size];
        Block[] stack = new Block[size];
        int[] next = new int[size];
        int depth = 0;
        stack[depth] = cfg.entry();
        next[depth++] = 0;
        seen[cfg.entry().id()] = true;
        while (depth > 0) { // iterative depth-first search: long functions must not overflow
            Block b = stack[depth - 1];
            int i = next[depth - 1];
            List<Block> successors = b.allSuccessors();
            if (i < successors.size()) {
                next[depth - 1] = i + 1;
                Block s = successors.get(i);
                if (!seen[s.id()]) {
                    seen[s.id()] = true;
                    stack[depth] = s;
                    next[depth++] = 0;
                }
            } else {
                depth--;
                post.add(b);
            }
        }
        Collections.reverse(post);
        return post;
    }
}
