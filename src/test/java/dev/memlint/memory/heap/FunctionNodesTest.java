package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.semantic.NodeChildren;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A function's nodes in one array: the order and slices its walkers rely on. */
class FunctionNodesTest {
    private static final String SOURCE = """
            @register
            @wraps(other, key=lambda k: k.name)
            def outer(a, b=[1, 2], *rest, **extra) -> int:
                x = a.b[c] + f(d, *e)
                @cache
                def inner(y):
                    nonlocal x
                    return [z for z in y if z]
                for i in range(3):
                    x += inner(i)
                else:
                    pass
                return x
            """;

    private final Stmt.FunctionNode outer = (Stmt.FunctionNode) parse(SOURCE).body().get(0);
    private final FunctionNodes code = FunctionNodes.of(outer);

    @Test
    void holdsTheNodesInTheOrderAStackWalkPopsThem() {
        List<Node> expected = new ArrayList<>();
        NodeChildren.Collector stack = new NodeChildren.Collector();
        stack.add(outer);
        while (stack.size() > 0) {
            Node n = stack.pop();
            expected.add(n);
            NodeChildren.children(n, stack);
        }
        assertEquals(expected, java.util.Arrays.asList(code.nodes()).subList(0, expected.size()));
        assertEquals(expected.size(), code.end(0));
    }

    @Test
    void aSubtreeIsTheSliceFromItsRootToItsEnd() {
        Node[] nodes = code.nodes();
        for (int i = 0; i < code.end(0); i++) {
            java.util.Set<Node> below = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            NodeChildren.walk(nodes[i], below::add);
            java.util.Set<Node> slice = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (int j = i; j < code.end(i); j++) {
                slice.add(nodes[j]);
            }
            assertEquals(below.size(), code.end(i) - i, "size of " + nodes[i]);
            assertEquals(below, slice, "nodes of " + nodes[i]);
        }
    }

    @Test
    void keepsEachNodesKind() {
        Node[] nodes = code.nodes();
        java.util.Map<Byte, java.util.Set<String>> kinds = new java.util.TreeMap<>();
        for (int i = 0; i < code.end(0); i++) {
            String what = nodes[i].getClass().getSimpleName();
            if (nodes[i] instanceof dev.memlint.ast.Expr.Name n) what += " " + n.ctx();
            if (nodes[i] instanceof dev.memlint.ast.Expr.Attribute a) what += " " + a.ctx();
            kinds.computeIfAbsent(code.kinds()[i], k -> new java.util.TreeSet<>()).add(what);
        }
        assertEquals(java.util.Map.of(
                FunctionNodes.OTHER, java.util.Set.of("Arg", "Arguments", "Assign", "AugAssign", "Comprehension", "For",
                        "Keyword", "Pass", "Return"),
                FunctionNodes.SCOPE, java.util.Set.of("FunctionDef"),
                FunctionNodes.DECLARATION, java.util.Set.of("Nonlocal"),
                FunctionNodes.CONSTANT, java.util.Set.of("Constant"),
                FunctionNodes.NAME_LOAD, java.util.Set.of("Name Load"),
                FunctionNodes.NAME_BOUND, java.util.Set.of("Name Store"),
                FunctionNodes.CALL, java.util.Set.of("Call"),
                FunctionNodes.ATTRIBUTE_LOAD, java.util.Set.of("Attribute Load"),
                FunctionNodes.EXPR, java.util.Set.of("BinOp", "Lambda", "ListComp", "ListExpr", "Starred", "Subscript")), kinds);
    }

    @Test
    void aScopeHasTheDeclarationsOfItsOwnBody() {
        assertEquals(java.util.Set.of(), new FunctionScope(outer, null).declaredOuter);
        Stmt.FunctionNode inner = (Stmt.FunctionNode) outer.body().get(1);
        assertEquals(java.util.Set.of("x"), new FunctionScope(inner, null).declaredOuter);
        assertEquals(java.util.Set.of("x"), new FunctionScope(inner, null).nonlocals);
    }

    @Test
    void theBodyIsTheSliceOfItsStatementsLastToFirst() {
        Node[] nodes = code.nodes();
        List<Stmt> body = outer.body();
        assertSame(body.get(body.size() - 1), nodes[code.bodyFrom()]);
        int statements = 0;
        for (int i = code.bodyFrom(); i < code.bodyTo(); i = code.end(i)) {
            assertSame(body.get(body.size() - 1 - statements), nodes[i]);
            statements++;
        }
        assertEquals(body.size(), statements);
    }

    @Test
    void aDefsDecoratorsEndItsSlice() {
        Node[] nodes = code.nodes();
        List<Node> decorators = new ArrayList<>();
        for (int i = code.decoratorsFrom(0); i < code.end(0); i = code.end(i)) {
            decorators.add(nodes[i]);
        }
        assertEquals(identities(List.of(outer.decoratorList().get(1), outer.decoratorList().get(0))), identities(decorators));

        int inner = indexOf(nodes, outer.body().get(1));
        Stmt.FunctionNode innerDef = (Stmt.FunctionNode) nodes[inner];
        assertEquals("inner", innerDef.name());
        assertSame(innerDef.decoratorList().get(0), nodes[code.decoratorsFrom(inner)]);
        assertEquals(code.end(inner), code.end(code.decoratorsFrom(inner)));
        assertEquals(FunctionNodes.of(innerDef).end(0), code.end(inner) - inner);
        Stmt.FunctionNode undecorated = (Stmt.FunctionNode) parse("def f():\n    return g\n").body().get(0);
        FunctionNodes plain = FunctionNodes.of(undecorated);
        assertEquals(plain.end(0), plain.decoratorsFrom(0));
        assertSame(undecorated.args(), plain.nodes()[plain.bodyTo()]); // the rest of the def comes after its body
    }

    private static int indexOf(Node[] nodes, Node n) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == n) {
                return i;
            }
        }
        throw new AssertionError("not found: " + n);
    }

    private static List<Integer> identities(List<? extends Node> nodes) {
        return nodes.stream().map(System::identityHashCode).toList();
    }

    private static Module parse(String source) {
        try {
            return PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.PY313).module();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
