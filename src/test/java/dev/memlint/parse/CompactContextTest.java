package dev.memlint.parse;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CompactContext's child list against an ArrayList, under what ANTLR does to children. */
class CompactContextTest {
    @Test
    void childrenReadAsTheyWereAdded() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            CompactContext ctx = new CompactContext();
            List<ParseTree> expected = new ArrayList<>();
            for (int op = random.nextInt(40); op > 0; op--) {
                if (!expected.isEmpty() && random.nextInt(5) == 0) {
                    ctx.removeLastChild(); // what ANTLR does when an alternative replaces a context
                    expected.remove(expected.size() - 1);
                } else {
                    ParseTree child = new TerminalNodeImpl(new CommonToken(1, "t" + op));
                    assertSame(child, ctx.addAnyChild(child));
                    expected.add(child);
                }
                assertEquals(expected.size(), ctx.getChildCount());
                for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), ctx.getChild(i));
                if (ctx.children != null) assertEquals(expected, ctx.children);
            }
        }
    }

    @Test
    void indexesOutsideTheChildrenAreRefused() {
        CompactContext ctx = new CompactContext();
        ctx.addAnyChild(new TerminalNodeImpl(new CommonToken(1, "a")));
        assertThrows(IndexOutOfBoundsException.class, () -> ctx.children.get(1));
        assertEquals(null, ctx.getChild(1)); // ANTLR's getChild answers null past the end
    }
}
