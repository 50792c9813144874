package dev.memlint.memory.cfg;

import dev.memlint.ast.Node;

import java.util.List;

/**
 * The control-flow graph of one scope (function, module body, class body, lambda or comprehension).
 * Control ends in {@link #exit()} on return or falling off the end, and in {@link #raiseExit()} when
 * an exception leaves the scope. Only blocks reachable from the entry are listed, in creation order.
 *
 * @param owner the FunctionDef, Module, ClassDef, Lambda or comprehension the graph belongs to
 */
public record Cfg(Node owner, Block entry, Block exit, Block raiseExit, List<Block> blocks) {
}
