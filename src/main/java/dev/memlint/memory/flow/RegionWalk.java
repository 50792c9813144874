package dev.memlint.memory.flow;

import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Element;
import dev.memlint.memory.cfg.Region;

import java.util.List;

/**
 * Walks a {@link dev.memlint.memory.cfg.Cfg} region by region, for an analysis that composes what
 * statements do instead of iterating to a fixed point (the peak estimator: the heaviest of two
 * branches, a loop body scaled by its trip count). Simple statements run in order; each compound
 * statement goes to the transfer whole, which walks its parts' spans. Only normal successors are
 * followed: a return, break, continue or raise ends the part it is in.
 */
public final class RegionWalk {
    private RegionWalk() {}

    /** Walks the code of a span. */
    public static void span(RegionTransfer t, Region.Span span) {
        walk(t, span.from(), 0, span.to(), 0);
    }

    /** Walks a try's body: it starts at the try's own first block, so the regions there from the try's on are inside it. */
    public static void tryBody(RegionTransfer t, Region.Try region) {
        Region.Span body = region.body();
        walk(t, body.from(), 0, body.to(), body.from().regionsStartingHere().indexOf(region) + 1);
    }

    /** Walks from the element after {@code index} in block b up to block {@code to}. */
    public static void after(RegionTransfer t, Block b, int index, Block to) {
        walk(t, b, index + 1, to, 0);
    }

    /**
     * Walks from element {@code first} of block b up to block {@code to}, while control goes on.
     * entered: how many of the regions starting at b the walk is already inside.
     */
    private static void walk(RegionTransfer t, Block b, int first, Block to, int entered) {
        while (b != to && t.goesOn()) {
            List<Region> regions = b.regionsStartingHere();
            if (entered < regions.size()) {
                Region r = regions.get(entered);
                if (t.compound(r, to)) return;
                b = r.after();
                entered = 0;
                continue;
            }
            List<Element> elements = b.elements();
            for (int k = first; k < elements.size() && t.goesOn(); k++) {
                t.simple(((Element.Simple) elements.get(k)).stmt());
            }
            first = 0;
            entered = 0;
            b = b.successors().get(0);
        }
    }
}
