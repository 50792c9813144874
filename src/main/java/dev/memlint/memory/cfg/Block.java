package dev.memlint.memory.cfg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A basic block: elements run in order, then control goes to one of the successors. A block whose
 * elements may raise inside a try (or a with) also has an exception successor: the handler dispatch,
 * the copy of a finally body run on the way out, or the function's raise exit.
 */
public final class Block {
    private final int id;
    private final List<Element> elements = new ArrayList<>();
    private final List<Block> successors = new ArrayList<>();
    private final List<Block> predecessors = new ArrayList<>();
    private Block exceptionSuccessor;
    // Views made once: the analysis asks for them at every visit of the block.
    private final List<Element> elementsView = Collections.unmodifiableList(elements);
    private final List<Block> successorsView = Collections.unmodifiableList(successors);
    private final List<Block> predecessorsView = Collections.unmodifiableList(predecessors);
    /** The successors with the exceptional one, made on first use after the last change. */
    private List<Block> all;
    /** The compound statements that start here, outermost first. */
    private List<Region> regions = List.of();

    Block(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public List<Element> elements() {
        return elementsView;
    }

    /** Normal successors; for a block ending in a condition, the true edge comes first. */
    public List<Block> successors() {
        return successorsView;
    }

    public List<Block> predecessors() {
        return predecessorsView;
    }

    /** Where an exception raised by this block's elements goes; null outside any try, with or function. */
    public Block exceptionSuccessor() {
        return exceptionSuccessor;
    }

    /** Every block control may reach next, the exceptional one last. */
    public List<Block> allSuccessors() {
        if (exceptionSuccessor == null) {
            return successorsView;
        }
        if (all == null) {
            List<Block> list = new ArrayList<>(successors);
            list.add(exceptionSuccessor);
            all = Collections.unmodifiableList(list);
        }
        return all;
    }

    /**
     * The compound statements that start at this block, outermost first: a try's body may start
     * with another compound statement, so both begin here.
     */
    public List<Region> regionsStartingHere() {
        return regions;
    }

    /** Records a region starting here; the graph is built backwards, so an enclosing one comes after those it holds. */
    void startRegion(Region r) {
        List<Region> list = new ArrayList<>(regions.size() + 1);
        list.add(r);
        list.addAll(regions);
        regions = List.copyOf(list);
    }

    void prepend(Element e) {
        elements.add(0, e);
    }

    void add(Element e) {
        elements.add(e);
    }

    void addSuccessor(Block b) {
        successors.add(b);
        all = null;
    }

    void setExceptionSuccessor(Block b) {
        exceptionSuccessor = b;
        all = null;
    }

    void linkPredecessors() {
        for (Block s : allSuccessors()) {
            if (!s.predecessors.contains(this)) {
                s.predecessors.add(this);
            }
        }
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
