package dev.memlint.memory.cfg;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks of a graph that lie on a cycle (a loop's test and body, but not what runs once before
 * or after it): what they do may happen more than once per call. Tarjan's strongly connected
 * components, iterative so that long functions cannot overflow the stack.
 */
public final class LoopBlocks {
    private LoopBlocks() {}

    public static Set<Block> of(Cfg cfg) {
        Map<Block, Integer> index = new IdentityHashMap<>();
        Map<Block, Integer> low = new IdentityHashMap<>();
        Set<Block> onStack = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Block> stack = new ArrayDeque<>();
        Set<Block> looping = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Block> calls = new ArrayDeque<>();
        Deque<Integer> nextChild = new ArrayDeque<>();
        for (Block root : cfg.blocks()) {
            if (index.containsKey(root)) {
                continue;
            }
            calls.push(root);
            nextChild.push(0);
            open(root, index, low, stack, onStack);
            while (!calls.isEmpty()) {
                Block b = calls.peek();
                int i = nextChild.pop();
                List<Block> successors = b.allSuccessors();
                if (i < successors.size()) {
                    nextChild.push(i + 1);
                    Block s = successors.get(i);
                    if (!index.containsKey(s)) {
                        open(s, index, low, stack, onStack);
                        calls.push(s);
                        nextChild.push(0);
                    } else if (onStack.contains(s)) {
                        low.put(b, Math.min(low.get(b), index.get(s)));
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    Block parent = calls.peek();
                    low.put(parent, Math.min(low.get(parent), low.get(b)));
                }
                if (low.get(b).equals(index.get(b))) {
                    closeComponent(b, stack, onStack, looping);
                }
            }
        }
        return looping;
    }

    private static void open(Block b, Map<Block, Integer> index, Map<Block, Integer> low, Deque<Block> stack,
                             Set<Block> onStack) {
        index.put(b, index.size());
        low.put(b, index.get(b));
        stack.push(b);
        onStack.add(b);
    }

    /** Pops b's component; it loops when it has several blocks or b jumps to itself. */
    private static void closeComponent(Block b, Deque<Block> stack, Set<Block> onStack, Set<Block> looping) {
        List<Block> component = new java.util.ArrayList<>();
        Block x;
        do {
            x = stack.pop();
            onStack.remove(x);
            component.add(x);
        } while (x != b);
        if (component.size() > 1 || b.allSuccessors().contains(b)) {
            looping.addAll(component);
        }
    }
}
