package dev.memlint.memory.size;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Element;
import dev.memlint.memory.cfg.Region;
import dev.memlint.memory.flow.RegionWalk;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The estimate's walks of control-flow graphs ({@link RegionWalk}, with {@link Statements} as the
 * transfer): a called function's whole graph, the parts of a compound statement, and the rest of a
 * loop body where a generator resumes.
 */
final class RegionWalker {
    private final Interpreter in;
    /** Each walked function's graph, built on its first call. */
    private final Map<Stmt.FunctionNode, Cfg> graphs = new IdentityHashMap<>();
    /** Where a generator resumes, by the statement it resumes after: found once, not at every value sent. */
    private final Map<Stmt, Resumption> resumptions = new IdentityHashMap<>();

    /** The element of block at that a resumption walks on from, and the loop body's end. */
    private record Resumption(Block at, int index, Block end) {}

    RegionWalker(Interpreter in) {
        this.in = in;
    }

    /** Walks a function's body, in the frame on top. */
    void function(Stmt.FunctionNode fn) {
        Cfg cfg = graph(fn);
        RegionWalk.span(in.statements, new Region.Span(cfg.entry(), cfg.exit()));
    }

    /** Walks the code of one part of a compound statement. */
    void span(Region.Span span) {
        RegionWalk.span(in.statements, span);
    }

    void tryBody(Region.Try t) {
        RegionWalk.tryBody(in.statements, t);
    }

    /**
     * Walks the rest of a loop's body after one of its simple statements (a generator resumed
     * after its yield), up to the loop's next iteration.
     */
    void restOfLoopBody(Stmt.FunctionNode fn, Stmt loop, Stmt after) {
        Resumption r = resumptions.get(after);
        if (r == null) {
            r = resumption(fn, loop, after);
            resumptions.put(after, r);
        }
        RegionWalk.after(in.statements, r.at(), r.index(), r.end());
    }

    private Resumption resumption(Stmt.FunctionNode fn, Stmt loop, Stmt after) {
        Region.Loop region = null;
        Block at = null;
        int index = -1;
        for (Block b : graph(fn).blocks()) {
            for (Region r : b.regionsStartingHere()) {
                if (r.stmt() == loop && region == null) region = (Region.Loop) r;
            }
            List<Element> elements = b.elements();
            for (int k = 0; k < elements.size() && at == null; k++) {
                if (elements.get(k) instanceof Element.Simple s && s.stmt() == after) {
                    at = b;
                    index = k;
                }
            }
        }
        if (region == null || at == null) throw new IllegalArgumentException("not a statement of that loop's body");
        return new Resumption(at, index, region.body().to());
    }

    private Cfg graph(Stmt.FunctionNode fn) {
        return graphs.computeIfAbsent(fn, CfgBuilder::of);
    }
}
