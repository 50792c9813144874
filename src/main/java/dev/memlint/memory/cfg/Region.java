package dev.memlint.memory.cfg;

import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Stmt;

import java.util.List;

/**
 * A compound statement seen as the part of its graph it spans: where it starts, the spans of its
 * bodies, and where control goes when it completes. An analysis that composes what statements do
 * (the peak estimator: the heaviest branch, a loop body scaled by its trips) walks regions; one
 * that iterates to a fixed point (the heap analysis) needs only the blocks.
 */
public sealed interface Region {

    /** The statement this region is. */
    Stmt stmt();

    /** The block control reaches when the statement completes normally. */
    Block after();

    /**
     * The blocks from {@code from} up to, not including, {@code to}, followed along normal
     * successors: a statement list's code. Empty when both are the same block.
     */
    record Span(Block from, Block to) {
        /** A span with no code (an except clause that memlint adds, with nothing in it). */
        public static final Span EMPTY = new Span(null, null);

        public boolean isEmpty() {
            return from == to;
        }
    }

    record If(Stmt.If stmt, Span body, Span orelse) implements Region {
        @Override
        public Block after() {
            return body.to();
        }
    }

    /** A for or while loop: its body runs from the head back to it; orelse runs when it ends without a break. */
    record Loop(Stmt stmt, Span body, Span orelse) implements Region {
        @Override
        public Block after() {
            return orelse.to();
        }
    }

    /** One except clause: its body, without the binding and unbinding of its name. */
    record Handler(ExceptHandler handler, Span body) {}

    /** A try or try*: its body runs into orelse, orelse into finalbody (the copy on the normal path). */
    record Try(Stmt stmt, Span body, List<Handler> handlers, Span orelse, Span finalbody) implements Region {
        @Override
        public Block after() {
            return finalbody.to();
        }
    }

    /** A with statement: its body, between entering every context manager and leaving them. */
    record With(Stmt.WithNode stmt, Span body, Block after) implements Region {}

    /** One case of a match: its body. */
    record Case(MatchCase matchCase, Span body) {}

    record Match(Stmt.Match stmt, List<Case> cases, Block after) implements Region {}
}
