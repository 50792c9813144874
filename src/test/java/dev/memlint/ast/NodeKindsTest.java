package dev.memlint.ast;

import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.semantic.NodeChildren;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NodeKinds answers, for every node of a tree, what the type tests it stands in for would. */
class NodeKindsTest {
    private static final String SOURCE = """
            import os
            from a import b as c
            type Pair[T: int, *Ts, **P = int] = tuple[T, T]
            @decorate
            async def fetch[K](x: int, /, *args, key=None, **kw) -> list[K]:
                global g
                async with lock as held, other:
                    async for item in source():
                        await item
                with open(x) as f:
                    pass
                for i, v in enumerate(x):
                    y = [z async for z in v if z]
                while x:
                    x -= 1
                try:
                    yield {k: v for k, v in kw.items()}
                except* ValueError as e:
                    raise RuntimeError() from e
                match x:
                    case [1, *rest] | {"k": _, **others} if rest:
                        del rest
                    case Point(x=0) as p:
                        return lambda q=1: (q, p, t"{q!r:>{x}}", f"{x=}")
            class C(Base, metaclass=M):
                def method(self):
                    nonlocal_free = ...
                    return not self < 1 and -x or x[1:2, ...] @ y
            """;

    @Test
    void familiesMatchTheInterfaces() throws Exception {
        Module module = PythonSourceParser.parse(SOURCE.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        Set<Class<?>> seen = new HashSet<>();
        NodeChildren.walk(module, n -> {
            seen.add(n.getClass());
            String what = n.getClass().getName();
            assertEquals(n instanceof Expr, NodeKinds.isExpr(n), what);
            assertEquals(n instanceof Stmt, NodeKinds.isStmt(n), what);
            assertEquals(n instanceof Pattern, NodeKinds.isPattern(n), what);
            assertEquals(n instanceof TypeParam, NodeKinds.isTypeParam(n), what);
            assertEquals(n instanceof Stmt.FunctionNode, NodeKinds.isFunction(n), what);
            assertEquals(n instanceof Stmt.ForNode, NodeKinds.isFor(n), what);
            assertEquals(n instanceof Stmt.WithNode, NodeKinds.isWith(n), what);
        });
        assertTrue(seen.size() >= 60, "the sample has " + seen.size() + " node classes");
    }
}
