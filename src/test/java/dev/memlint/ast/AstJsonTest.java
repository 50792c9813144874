package dev.memlint.ast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memlint.ast.Expr.BinOp;
import dev.memlint.ast.Expr.Call;
import dev.memlint.ast.Expr.Constant;
import dev.memlint.ast.Expr.ListComp;
import dev.memlint.ast.Expr.Name;
import dev.memlint.ast.Expr.Starred;
import dev.memlint.ast.Expr.UnaryOp;
import dev.memlint.oracle.CPython;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AstJson against ast_dump.py: hand-built trees of small snippets must dump exactly as CPython's
 * trees of the same snippets (run through src/test/python/ast_dump.py under CPython 3.13).
 */
class AstJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Pos p(int line, int col, int endLine, int endCol) {
        return new Pos(line, col, endLine, endCol);
    }

    private static Name name(String id, Ctx ctx, int col, int endCol) {
        return new Name(id, ctx, p(1, col, 1, endCol));
    }

    private static Constant constant(Object value, int line, int col, int endCol) {
        return new Constant(value, null, p(line, col, line, endCol));
    }

    @Test
    void annotatedAssignmentWithComplex() throws Exception {
        Module m = new Module(List.of(new Stmt.AnnAssign(name("x", Ctx.Store, 0, 1), name("int", Ctx.Load, 3, 6),
                new BinOp(constant(BigInteger.ONE, 1, 9, 10), Operator.Add, constant(new Complex(0, 2), 1, 13, 15),
                        p(1, 9, 1, 15)), 1, p(1, 0, 1, 15))));
        assertSameAsCPython("x: int = 1 + 2j\n", m);
    }

    @Test
    void everyKindOfConstantAndCallArguments() throws Exception {
        Module m = new Module(List.of(new Stmt.ExprStmt(new Call(name("f", Ctx.Load, 0, 1), List.of(
                constant(new Bytes(new byte[] {(byte) 0xff}), 1, 2, 9),
                constant(Ellipsis.INSTANCE, 1, 11, 14),
                constant(null, 1, 16, 20),
                constant(Boolean.TRUE, 1, 22, 26),
                new Constant("é", "u", p(1, 28, 1, 33)),
                constant(1.5, 1, 35, 38),
                constant(new BigInteger("12345678901234567890"), 1, 40, 60),
                new Starred(name("a", Ctx.Load, 63, 64), Ctx.Load, p(1, 62, 1, 64))),
                List.of(new Keyword("k", new UnaryOp(UnaryOperator.USub, name("x", Ctx.Load, 69, 70), p(1, 68, 1, 70)),
                                p(1, 66, 1, 70)),
                        new Keyword(null, name("kw", Ctx.Load, 74, 76), p(1, 72, 1, 76))),
                p(1, 0, 1, 77)), p(1, 0, 1, 77))));
        assertSameAsCPython("f(b\"\\xff\", ..., None, True, u\"é\", 1.5, 12345678901234567890, *a, k=-x, **kw)\n", m);
    }

    @Test
    void genericFunctionWithComprehension() throws Exception {
        Arguments args = new Arguments(List.of(new Arg("a", null, p(1, 20, 1, 21))), List.of(), null,
                List.of(new Arg("k", null, p(1, 29, 1, 30))), List.of(constant(BigInteger.ONE, 1, 31, 32)), null,
                List.of());
        Expr comp = new ListComp(new Name("i", Ctx.Load, p(2, 12, 2, 13)), List.of(new Comprehension(
                new Name("i", Ctx.Store, p(2, 18, 2, 19)), new Name("a", Ctx.Load, p(2, 23, 2, 24)),
                List.of(new Name("i", Ctx.Load, p(2, 28, 2, 29))), 0)), p(2, 11, 2, 30));
        TypeParam t = new TypeParam.TypeVar("T", name("int", Ctx.Load, 9, 12), name("str", Ctx.Load, 15, 18),
                p(1, 6, 1, 18));
        Module m = new Module(List.of(new Stmt.FunctionDef("f", args, List.of(new Stmt.Return(comp, p(2, 4, 2, 30))),
                List.of(), null, List.of(t), p(1, 0, 2, 30))));
        assertSameAsCPython("def f[T: int = str](a, /, *, k=1):\n    return [i for i in a if i]\n", m);
    }

    @Test
    void deleteWithSlices() throws Exception {
        Expr slices = new Expr.TupleExpr(List.of(
                new Expr.Slice(constant(BigInteger.ONE, 1, 6, 7), constant(BigInteger.TWO, 1, 8, 9), null, p(1, 6, 1, 9)),
                new Expr.Slice(null, null, constant(BigInteger.valueOf(3), 1, 13, 14), p(1, 11, 1, 14))),
                Ctx.Load, p(1, 6, 1, 14));
        Module m = new Module(List.of(new Stmt.Delete(List.of(
                new Expr.Subscript(name("a", Ctx.Load, 4, 5), slices, Ctx.Del, p(1, 4, 1, 15)),
                new Expr.Attribute(name("b", Ctx.Load, 17, 18), "c", Ctx.Del, p(1, 17, 1, 20))), p(1, 0, 1, 20))));
        assertSameAsCPython("del a[1:2, ::3], b.c\n", m);
    }

    @Test
    void intsPastCPythonsDecimalLimitAreWrittenInHex() throws Exception {
        BigInteger largestDecimal = BigInteger.TEN.pow(4300).subtract(BigInteger.ONE); // 4300 nines
        BigInteger smallestHex = BigInteger.TEN.pow(4300);
        String hex1 = largestDecimal.toString(16);
        String hex2 = smallestHex.toString(16);
        Module m = new Module(List.of(
                new Stmt.ExprStmt(constant(largestDecimal, 1, 0, 2 + hex1.length()), p(1, 0, 1, 2 + hex1.length())),
                new Stmt.ExprStmt(constant(smallestHex, 2, 0, 2 + hex2.length()), p(2, 0, 2, 2 + hex2.length()))));
        JsonNode tree = AstJson.toTree(m);
        assertEquals("9".repeat(4300), tree.at("/body/0/value/value/int").asText());
        assertEquals("0x" + hex2, tree.at("/body/1/value/value/int").asText());
        assertEquals("-0x" + hex2, AstJson.toTree(constant(smallestHex.negate(), 1, 0, 1)).at("/value/int").asText());
        assertSameAsCPython("0x" + hex1 + "\n0x" + hex2 + "\n", m);
    }

    @Test
    void jsonTextIsOneLineWithTaggedValues() {
        Module m = new Module(List.of(new Stmt.ExprStmt(constant(-0.0, 1, 0, 4), p(1, 0, 1, 4))));
        assertEquals("{\"_type\":\"Module\",\"body\":[{\"_type\":\"Expr\",\"value\":{\"_type\":\"Constant\","
                + "\"value\":{\"float\":\"-9223372036854775808\"},\"kind\":null,\"lineno\":1,\"col_offset\":0,"
                + "\"end_lineno\":1,\"end_col_offset\":4},\"lineno\":1,\"col_offset\":0,\"end_lineno\":1,"
                + "\"end_col_offset\":4}]}", AstJson.toJson(m));
    }

    @Test
    void deepTreesAreWritten() {
        Expr e = name("x", Ctx.Load, 0, 1);
        for (int i = 0; i < 3000; i++) e = new UnaryOp(UnaryOperator.Not, e, p(1, 0, 1, 1));
        String json = AstJson.toJson(new Module(List.of(new Stmt.ExprStmt(e, p(1, 0, 1, 1)))));
        assertEquals(3000, json.split("\"Not\"", -1).length - 1);
    }

    private static void assertSameAsCPython(String source, Module ours) throws Exception {
        CPython python = CPython.find("3.13.0");
        assumeTrue(python != null, "CPython 3.13.0 (pyenv) not installed: skipping the ast_dump.py comparison");
        List<String> lines = python.dumpSources(List.of(source.getBytes(StandardCharsets.UTF_8)));
        JsonNode expected = MAPPER.readTree(lines.get(0));
        assertEquals(expected, AstJson.toTree(ours), () -> "CPython: " + expected + "\nours:    " + AstJson.toJson(ours));
    }
}
