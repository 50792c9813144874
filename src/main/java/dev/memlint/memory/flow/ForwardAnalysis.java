package dev.memlint.memory.flow;

import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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

    public record Result<S extends FlowState<S>>(Map<Block, S> in, Map<Block, S> out, boolean gaveUp) {
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
        Map<Block, S> out = new HashMap<>();
        Map<Block, Integer> visits = new HashMap<>();
        Deque<Block> work = new ArrayDeque<>();
        Set<Block> queued = new HashSet<>();
        in.put(cfg.entry(), initial);
        work.add(cfg.entry());
        queued.add(cfg.entry());
        while (!work.isEmpty()) {
            Block b = work.poll();
            queued.remove(b);
            int seen = visits.merge(b, 1, Integer::sum);
            if (seen > maxVisits) {
                return new Result<>(in, out, true);
            }
            S state = in.get(b).copy();
            for (var e : b.elements()) {
                state = transfer.apply(e, state);
            }
            out.put(b, state);
            for (Block next : b.allSuccessors()) {
                S before = in.get(next);
                S after = before == null ? state.copy() : before.join(state);
                if (before == null || !after.equals(before)) {
                    in.put(next, after);
                    if (queued.add(next)) {
                        work.add(next);
                    }
                }
            }
        }
        return new Result<>(in, out, false);
    }
}
