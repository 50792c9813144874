package dev.memlint.semantic;

import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walks visit what a recursion over children() visits, in its order, however they are nested or left. */
class NodeChildrenTest {
    private static final String SOURCE = """
            import os
            class Box(Base, metaclass=Meta):
                def put(self, item, *, key=lambda x: x[0]):
                    for i, v in enumerate(item):
                        if v and not i:
                            self.items[key(v)] = [w + 1 for w in v if w]
                        else:
                            del v
                    try:
                        return {k: (yield k) for k in item}
                    except (KeyError, ValueError) as e:
                        raise RuntimeError(f"{e!r:>10}") from e
                    finally:
                        print(*item, sep=", ")
            """;

    private static Module parse(String source) {
        return PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.PY312).module();
    }

    /** Pre-order by recursion over children(): what the walks must agree with. */
    private static void recursive(Node n, List<Node> out) {
        out.add(n);
        NodeChildren.Collector children = new NodeChildren.Collector();
        NodeChildren.children(n, children);
        for (int i = 0; i < children.size(); i++) recursive(children.get(i), out);
    }

    private static List<Node> expected(List<? extends Node> roots) {
        List<Node> out = new ArrayList<>();
        for (Node r : roots) recursive(r, out);
        return out;
    }

    @Test
    void walkAllVisitsInPreOrder() {
        Module m = parse(SOURCE);
        List<Node> seen = new ArrayList<>();
        NodeChildren.walkAll(m.body(), seen::add);
        assertEquals(expected(m.body()), seen);
        List<Node> one = new ArrayList<>();
        NodeChildren.walk(m, one::add);
        assertEquals(expected(List.of(m)), one);
    }

    @Test
    void aWalkInsideAWalkSeesItsOwnSubtree() {
        Module m = parse(SOURCE);
        List<Node> outer = new ArrayList<>();
        NodeChildren.walkAll(m.body(), n -> {
            outer.add(n);
            List<Node> inner = new ArrayList<>();
            NodeChildren.walk(n, inner::add);
            assertEquals(expected(List.of(n)), inner);
            assertEquals(inner.size() > 1, NodeChildren.anyMatch(List.of(n), x -> x != n));
        });
        assertEquals(expected(m.body()), outer);
    }

    @Test
    void aWalkLeftEarlyLeavesNothingForTheNext() {
        Module big = parse(SOURCE);
        Module small = parse("x = y\n");
        assertTrue(NodeChildren.anyMatch(big.body(), n -> true)); // stops with the rest still to visit
        assertThrows(IllegalStateException.class, () -> NodeChildren.walkAll(big.body(), n -> {
            if (n instanceof Stmt.For) throw new IllegalStateException();
        }));
        List<Node> seen = new ArrayList<>();
        NodeChildren.walkAll(small.body(), seen::add);
        assertEquals(expected(small.body()), seen);
        assertFalse(NodeChildren.anyMatch(small.body(), n -> n instanceof Stmt.For));
    }

    @Test
    void childStatementsListsEveryBlock() {
        Module m = parse("""
                if a:
                    b
                else:
                    c
                for x in y:
                    d
                try:
                    e
                except E:
                    f
                else:
                    g
                finally:
                    h
                """);
        assertEquals(2, NodeChildren.childStatements(m.body().get(0)).size());
        assertEquals(1, NodeChildren.childStatements(m.body().get(1)).size());
        assertEquals(4, NodeChildren.childStatements(m.body().get(2)).size());
        assertEquals(0, NodeChildren.childStatements(((Stmt.For) m.body().get(1)).body().get(0)).size());
    }
}
