package dev.memlint.semantic;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SemanticModelTest {
    private SemanticModel model;
    private final List<Expr.Name> names = new ArrayList<>();

    private void build(String source) throws Exception {
        var parsed = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST);
        model = SemanticModel.build(parsed.module());
        NodeChildren.walk(parsed.module(), n -> { if (n instanceof Expr.Name name) names.add(name); });
    }

    /** The n-th (0-based) Name node with this id, in source order. */
    private Expr.Name name(String id, int n) {
        return names.stream().filter(x -> x.id().equals(id)).skip(n).findFirst().orElseThrow();
    }

    @Test
    void importsResolveToQualifiedNamesAndBuiltinsUnlessShadowed() throws Exception {
        build("""
                from collections import deque as dq
                import os.path
                import xml.etree.ElementTree as ET
                q = dq()
                os.path.join("a", "b")
                ET.parse
                list
                def f():
                    list = 3
                    return list
                """);
        assertEquals("collections.deque", model.qualifiedName(name("dq", 0)));
        var path = (Expr.Attribute) model.parent(name("os", 0));
        assertEquals("os.path.join", model.qualifiedName((Expr) model.parent(path)));
        assertEquals("xml.etree.ElementTree", model.qualifiedName(name("ET", 0)));
        assertEquals("builtins.list", model.qualifiedName(name("list", 0)));
        assertNull(model.qualifiedName(name("list", 2)), "the local list shadows the builtin");
        assertEquals(PyType.DEQUE, model.typeOf(name("q", 0)));
    }

    @Test
    void localsAreTypedFromEveryBindingAndUnknownWhenTheyDisagree() throws Exception {
        build("""
                def f(items, title: str):
                    s = ""
                    s += "x"
                    s = s + "y"
                    b = "a".encode()
                    parts = title.split(",")
                    mixed = []
                    mixed = ()
                    n = len(items)
                    with open("f") as fh:
                        pass
                    return s, b, parts, mixed, n, items, title, fh
                """);
        assertEquals(PyType.STR, model.typeOf(name("s", 4)));
        assertEquals(PyType.BYTES, model.typeOf(name("b", 1)));
        assertEquals(PyType.LIST, model.typeOf(name("parts", 1)));
        assertEquals(PyType.UNKNOWN, model.typeOf(name("mixed", 2)));
        assertEquals(PyType.INT, model.typeOf(name("n", 1)));
        assertEquals(PyType.UNKNOWN, model.typeOf(name("items", 1)));
        assertEquals(PyType.STR, model.typeOf(name("title", 1)));
        assertEquals(PyType.FILE, model.typeOf(name("fh", 1)));
    }

    @Test
    void scopesFollowPythonRules() throws Exception {
        build("""
                x = 1
                class C:
                    x = 2
                    def m(self):
                        return x
                def outer():
                    y = []
                    def inner():
                        nonlocal y
                        y = y + [1]
                    return [y for y in range(3)], y
                """);
        Symbol moduleX = model.moduleScope().symbol("x");
        assertSame(moduleX, model.symbol(name("x", 2)), "a method skips the class scope");
        Symbol outerY = model.symbol(name("y", 0));
        assertSame(outerY, model.symbol(name("y", 1)), "nonlocal binds the enclosing function's y");
        assertEquals(2, outerY.bindings().size());
        assertEquals(Scope.Kind.COMPREHENSION, model.symbol(name("y", 3)).scope().kind());
        assertSame(outerY, model.symbol(name("y", 5)));
    }

    @Test
    void loopsAreKnownToEveryNode() throws Exception {
        build("""
                for a in range(3):
                    print(a)
                else:
                    done = 1
                while cond():
                    step()
                vals = [g(z) for z in src() if h(z)]
                def f():
                    for i in items:
                        def cb():
                            return work()
                """);
        Node print = model.parent(name("print", 0));
        assertNotNull(model.enclosingLoop(print));
        assertNull(model.enclosingLoop(name("done", 0)), "a loop's else clause runs once");
        assertNull(model.enclosingLoop(model.parent(name("range", 0))), "the iterable runs once");
        assertNotNull(model.enclosingLoop(model.parent(name("cond", 0))), "a while test repeats");
        assertNotNull(model.enclosingLoop(model.parent(name("g", 0))));
        assertNotNull(model.enclosingLoop(model.parent(name("h", 0))));
        assertNull(model.enclosingLoop(model.parent(name("src", 0))), "the first iterable runs once");
        assertNull(model.enclosingLoop(model.parent(name("work", 0))), "a def in a loop starts afresh");
        assertEquals(Stmt.While.class, model.enclosingLoop(model.parent(name("step", 0))).getClass());
    }

    @Test
    void anAttributeKeepsItsTypeThroughALocalThatIsStoredBack() throws Exception {
        build("""
                class Reader:
                    def __init__(self):
                        self.buf = b""
                        self.other = source()
                    def read(self, chunks):
                        buf = self.buf
                        for c in chunks:
                            buf += c
                        self.buf = buf
                        other = self.other
                        other += c
                        self.other = other
                        return buf
                """);
        assertEquals(PyType.BYTES, model.typeOf(name("buf", 0))); // buf = self.buf, asked before the class is typed
        assertEquals(PyType.BYTES, model.typeOf((Expr) model.parent(name("self", 2))));
        assertEquals(PyType.UNKNOWN, model.typeOf(name("other", 0)));
    }

    @Test
    void anInstanceOfTheModulesClassIsKnownFromAnnotationsAndConstructors() throws Exception {
        build("""
                class Node:
                    parent: "Optional[Node]"
                    def __init__(self, n, peer: "Node", guess):
                        self.next = Node(n - 1) if n else None
                        self.parent = None
                        self.guess = guess
                        peer
                        self.next
                        self.parent
                        self.guess
                """);
        Stmt.ClassDef node = (Stmt.ClassDef) model.module().body().get(0);
        assertSame(node, model.instanceClass(name("peer", 0)));
        assertSame(node, model.instanceClass((Expr) model.parent(name("self", 3))));
        assertSame(node, model.instanceClass((Expr) model.parent(name("self", 4))));
        assertNull(model.instanceClass((Expr) model.parent(name("self", 5))));
    }

    @Test
    void selfAttributesAreTypedFromTheClass() throws Exception {
        build("""
                class Q:
                    def __init__(self):
                        self.items = []
                        self.name = "q"
                        self.other = None
                    def reset(self):
                        self.other = {}
                    def use(self):
                        return self.items, self.name, self.other
                """);
        assertEquals(PyType.LIST, model.typeOf((Expr) model.parent(name("self", 4))));
        assertEquals(PyType.STR, model.typeOf((Expr) model.parent(name("self", 5))));
        assertEquals(PyType.UNKNOWN, model.typeOf((Expr) model.parent(name("self", 6))));
    }
}
