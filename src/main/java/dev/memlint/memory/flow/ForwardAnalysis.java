package dev.memlint.memory.flow;

import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

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

    public record Result<S extends FlowState<S>>(Map<Block, S> in, boolean gaveUp) {
        /** The state where control leaves by return or falling off the end; null when unreachable. */
        public S atExit(Cfg cfg) {
            return in.get(cfg.exit());
        }

        public S atRaiseExit(Cfg cfg) {
            return in.get(cfg.raiseExit());
        }
    }

    public static <S extends FlowState<S>> Result<S> run(Cfg cfg, S initial, Transfer<S> transfer) {
        return run(cfg, initial, transfer, DEFAULT_MAX_VISITS);
    }

    public static <S extends FlowState<S>> Result<S> run(Cfg cfg, S initial, Transfer<S> transfer, int maxVisits) {
        Map<Block, S> in = new HashMap<>();
        Map<Block, Integer> visits = new HashMap<>();
        Map<Block, Integer> order = reversePostorder(cfg);
        // Blocks in reverse postorder: a block runs after its forward predecessors, so each loop
        // body is walked once per round instead of once per changed predecessor.
        PriorityQueue<Block> work = new PriorityQueue<>(Comparator.comparingInt(order::get));
        Set<Block> queued = new HashSet<>();
        in.put(cfg.entry(), initial);
        work.add(cfg.entry());
        queued.add(cfg.entry());
        while (!work.isEmpty()) {
            Block b = work.poll();
            queued.remove(b);
            int seen = visits.merge(b, 1, Integer::sum);
            if (seen > maxVisits) {
                return new Result<>(in, true);
            }
            S state = in.get(b).copy();
            for (var e : b.elements()) {
                state = transfer.apply(e, state);
            }
            List<Block> successors = b.allSuccessors();
            for (int i = 0; i < successors.size(); i++) {
                Block next = successors.get(i);
                S before = in.get(next);
                boolean last = i == successors.size() - 1; // the last may take the state itself, uncopied
                S after = before != null ? before.join(state) : last ? state : state.copy();
                if (after != before) { // join returns its receiver when nothing changed
                    in.put(next, after);
                    if (queued.add(next)) {
                        work.add(next);
                    }
                }
            }
        }
        return new Result<>(in, false);
    }

    private static Map<Block, Integer> reversePostorder(Cfg cfg) {
        List<Block> post = new ArrayList<>();
        Set<Block> seen = new HashSet<>();
        Deque<Block> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(cfg.entry());
        next.push(0);
        seen.add(cfg.entry());
        while (!stack.isEmpty()) { // iterative depth-first search: long functions must not overflow
            Block b = stack.peek();
            int i = next.pop();
            List<Block> successors = b.allSuccessors();
            if (i < successors.size()) {
                next.push(i + 1);
                Block s = successors.get(i);
                if (seen.add(s)) {
                    stack.push(s);
                    next.push(0);
                }
            } else {
                stack.pop();
                post.add(b);
            }
        }
        Map<Block, Integer> order = new HashMap<>();
        for (int i = 0; i < post.size(); i++) {
            order.put(post.get(i), post.size() - 1 - i);
        }
        return order;
    }
}
