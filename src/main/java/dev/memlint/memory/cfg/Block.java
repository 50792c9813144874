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

    Block(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public List<Element> elements() {
        return Collections.unmodifiableList(elements);
    }

    /** Normal successors; for a block ending in a condition, the true edge comes first. */
    public List<Block> successors() {
        return Collections.unmodifiableList(successors);
    }

    public List<Block> predecessors() {
        return Collections.unmodifiableList(predecessors);
    }

    /** Where an exception raised by this block's elements goes; null outside any try, with or function. */
    public Block exceptionSuccessor() {
        return exceptionSuccessor;
    }

    /** Every block control may reach next, the exceptional one last. */
    public List<Block> allSuccessors() {
        if (exceptionSuccessor == null) {
            return successors();
        }
        List<Block> all = new ArrayList<>(successors);
        all.add(exceptionSuccessor);
        return all;
    }

    void prepend(Element e) {
        elements.add(0, e);
    }

    void add(Element e) {
        elements.add(e);
    }

    void addSuccessor(Block b) {
        successors.add(b);
    }

    void setExceptionSuccessor(Block b) {
        exceptionSuccessor = b;
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
