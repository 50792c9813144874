package dev.memlint.memory.cfg;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The blocks of a graph that lie on a cycle (a loop's test and body, but not what runs once before
 * or after it): what they do may happen more than once per call. Tarjan's strongly connected
 * components, iterative so that long functions cannot overflow the stack.
 */
public final class LoopBlocks {
    private LoopBlocks() {}

    public static Set<Block> of(Cfg cfg) {
        // Arrays by block id, not maps of boxed numbers: this runs at every analysis of a function.
        int size = 0;
        for (Block b : cfg.blocks()) {
            size = Math.max(size, b.id() + 1);
            for (Block s : b.allSuccessors()) {
                size = Math.max(size, s.id() + 1);
            }
        }
        int[] index = new int[size];
        java.util.Arrays.fill(index, -1);
        int[] low = new int[size];
        boolean[] onStack = new boolean[size];
        Block[] stack = new Block[size];
        int top = 0;
        Block[] calls = new Block[size];
        int[] nextChild = new int[size];
        int depth = 0;
        int opened = 0;
        Set<Block> looping = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Block root : cfg.blocks()) {
            if (index[root.id()] >= 0) {
                continue;
            }
            index[root.id()] = low[root.id()] = opened++;
            stack[top++] = root;
            onStack[root.id()] = true;
            calls[depth] = root;
            nextChild[depth++] = 0;
            while (depth > 0) {
                Block b = calls[depth - 1];
                int i = nextChild[depth - 1];
                List<Block> successors = b.allSuccessors();
                if (i < successors.size()) {
                    nextChild[depth - 1] = i + 1;
                    Block s = successors.get(i);
                    if (index[s.id()] < 0) {
                        index[s.id()] = low[s.id()] = opened++;
                        stack[top++] = s;
                        onStack[s.id()] = true;
                        calls[depth] = s;
                        nextChild[depth++] = 0;
                    } else if (onStack[s.id()]) {
                        low[b.id()] = Math.min(low[b.id()], index[s.id()]);
                    }
                    continue;
                }
                depth--;
                if (depth > 0) {
                    Block parent = calls[depth - 1];
                    low[parent.id()] = Math.min(low[parent.id()], low[b.id()]);
                }
                if (low[b.id()] == index[b.id()]) {
                    // Pops b's component; it loops when it has several blocks or b jumps to itself.
                    int from = top;
                    do {
                        onStack[stack[--from].id()] = false;
                    } while (stack[from] != b);
                    if (top - from > 1 || successors.contains(b)) {
                        for (int k = from; k < top; k++) {
                            looping.add(stack[k]);
                        }
                    }
                    top = from;
                }
            }
        }
        return looping;
    }
}
