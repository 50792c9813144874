package dev.memlint.memory.size;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Element;
import dev.memlint.memory.cfg.Region;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a function's control-flow graph for the estimate, region by region: the statements of a
 * block in order, and each compound statement as the region it spans, which {@link Statements}
 * composes from the walks of its parts (the heaviest branch, a loop body scaled by its trips).
 * The walk follows normal successors only: a return, break, continue or raise ends the part it is
 * in, and the compound statement around it decides what runs next.
 */
final class RegionWalker {
    private final Interpreter in;
    /** Each walked function's graph, built on its first call. */
    private final Map<Stmt.FunctionNode, Cfg> graphs = new IdentityHashMap<>();

    RegionWalker(Interpreter in) {
        this.in = in;
    }

    /** Walks a function's body, in the frame on top. */
    void function(Stmt.FunctionNode fn) {
        Cfg cfg = graph(fn);
        walk(cfg.entry(), 0, cfg.exit(), 0);
    }

    /** Walks the code of one part of a compound statement. */
    void span(Region.Span span) {
        walk(span.from(), 0, span.to(), 0);
    }

    /** Walks a try's body: it starts at the try's own first block, so the regions there from the try's on are inside it. */
    void tryBody(Region.Try t) {
        Region.Span body = t.body();
        walk(body.from(), 0, body.to(), body.from().regionsStartingHere().indexOf(t) + 1);
    }

    /**
     * Walks the rest of a loop's body after one of its simple statements (a generator resumed
     * after its yield), up to the loop's next iteration.
     */
    void restOfLoopBody(Stmt.FunctionNode fn, Stmt loop, Stmt after) {
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
        walk(at, index + 1, region.body().to(), 0);
    }

    private Cfg graph(Stmt.FunctionNode fn) {
        return graphs.computeIfAbsent(fn, CfgBuilder::of);
    }

    /**
     * Walks from element {@code first} of block {@code b} up to block {@code to}, while control goes
     * on normally. entered: how many of the regions starting at b the walk is already inside.
     */
    private void walk(Block b, int first, Block to, int entered) {
        while (b != to && in.frame().flow == Interpreter.Flow.NORMAL) {
            List<Region> regions = b.regionsStartingHere();
            if (entered < regions.size()) {
                Region r = regions.get(entered);
                in.step();
                if (in.statements.compound(r, to)) return;
                b = r.after();
                entered = 0;
                continue;
            }
            List<Element> elements = b.elements();
            for (int k = first; k < elements.size(); k++) {
                if (in.frame().flow != Interpreter.Flow.NORMAL) return;
                in.statements.simple(((Element.Simple) elements.get(k)).stmt());
            }
            first = 0;
            entered = 0;
            b = b.successors().get(0);
        }
    }
}
