package dev.memlint.memory.provenance;

import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizeProvenanceTest {

    @AfterEach
    void forget() {
        SizeProvenance.forgetLast();
    }

    @Test
    void aConstantListThroughALocalIsConstant() {
        Provenance p = local("""
                def main():
                    names = ["alpha", "beta", "gamma"]
                    for n in names:
                        print(n)
                """, "main", "names");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(3, p.bound());
        assertTrue(p.isSmall());
    }

    @Test
    void aRangeOfEightRunsEightTimes() {
        Provenance p = firstLoopTrips("""
                def fill(buf):
                    for i in range(8):
                        buf.append(i)
                """, "fill");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(8, p.bound());
    }

    @Test
    void linesOfAFileAreInputDriven() {
        String src = """
                def load(path):
                    out = []
                    with open(path) as fh:
                        for line in fh:
                            out.append(line.strip())
                    return out
                """;
        Provenance out = local(src, "load", "out");
        assertEquals(Provenance.Kind.INPUT, out.kind());
        assertTrue(out.isLarge());
        Provenance fh = local(src, "load", "fh");
        assertEquals(Provenance.Origin.FILE, fh.origin());
    }

    @Test
    void readlinesIsAFileRead() {
        Provenance p = local("""
                def count(f):
                    lines = f.readlines()
                    return len(lines)
                """, "count", "lines");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(Provenance.Origin.FILE, p.origin());
    }

    @Test
    void aPublicFunctionsParameterIsInputDriven() {
        Provenance p = local("""
                def render(items):
                    return ", ".join(items)

                render(["a", "b"])
                """, "render", "items");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(Provenance.Origin.PARAMETER, p.origin());
        assertEquals("items", p.source());
    }

    @Test
    void aPrivateHelpersParameterIsWhatItsCallersPass() {
        String src = """
                def _render(items, sep=", "):
                    return sep.join(items)

                def header():
                    return _render(["id", "name", "size"])

                def footer():
                    return _render(("total",), sep="; ")
                """;
        Provenance items = local(src, "_render", "items");
        assertEquals(Provenance.Kind.CONSTANT, items.kind());
        assertEquals(3, items.bound());
        assertEquals(Provenance.Kind.CONSTANT, local(src, "_render", "sep").kind());
    }

    @Test
    void aPrivateHelperCalledWithAPublicParameterIsInputDriven() {
        Provenance p = local("""
                def _render(items):
                    return "".join(items)

                def page(rows):
                    return _render(rows) + _render(["<hr>"])
                """, "_render", "items");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals("rows", p.source());
    }

    @Test
    void aPrivateHelperPassedAsACallbackTakesAnything() {
        Provenance p = local("""
                def _on_row(row):
                    return row.split(",")

                def run(reader):
                    _on_row("a,b")
                    reader.subscribe(_on_row)
                """, "_on_row", "row");
        assertEquals(Provenance.Kind.INPUT, p.kind());
    }

    @Test
    void aPrivateMethodsParameterFollowsItsSelfCalls() {
        Provenance p = local("""
                class Table:
                    def _cells(self, values):
                        return [str(v) for v in values]

                    def header(self):
                        return self._cells(("id", "name"))
                """, "_cells", "values");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(2, p.bound());
    }

    @Test
    void selfIsNoData() {
        Provenance p = local("""
                class Box:
                    def items(self):
                        return self.contents
                """, "items", "self");
        assertEquals(Provenance.Kind.UNKNOWN, p.kind());
    }

    @Test
    void aSplitOfAParameterIsInputDrivenButAMaxsplitBoundsIt() {
        String src = """
                def parse(line):
                    fields = line.split(",")
                    head = line.split(",", 2)
                    key, _, value = line.partition("=")
                    return fields, head, key
                """;
        assertEquals(Provenance.Kind.INPUT, local(src, "parse", "fields").kind());
        Provenance head = local(src, "parse", "head");
        assertEquals(Provenance.Kind.BOUNDED, head.kind());
        assertEquals(3, head.bound());
        // each part of a partition is as long as the line can be
        assertEquals(Provenance.Kind.INPUT, local(src, "parse", "key").kind());
    }

    @Test
    void theCommandLineIsInputButNeverLarge() {
        String src = """
                import sys

                def main():
                    args = sys.argv[1:]
                    for a in args:
                        print(a)
                """;
        Provenance args = local(src, "main", "args");
        assertEquals(Provenance.Kind.INPUT, args.kind());
        assertEquals(Provenance.Origin.COMMAND_LINE, args.origin());
        assertFalse(args.isLarge());
    }

    @Test
    void theEnvironmentIsInputButNeverLarge() {
        String src = """
                import os

                def paths():
                    raw = os.environ.get("PATH", "")
                    return raw.split(os.pathsep)
                """;
        Provenance raw = local(src, "paths", "raw");
        assertEquals(Provenance.Origin.ENVIRONMENT, raw.origin());
        assertFalse(raw.isLarge());
    }

    @Test
    void aRequestBodyOfAParameterIsARequestRead() {
        Provenance p = local("""
                def handle(request):
                    payload = request.body
                    return payload.decode()
                """, "handle", "payload");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(Provenance.Origin.REQUEST, p.origin());
        assertEquals("request.body", p.source());
    }

    @Test
    void aConstantSliceBoundsAnything() {
        Provenance p = local("""
                def preview(text):
                    head = text[:10]
                    tail = text[-3:]
                    return head + tail
                """, "preview", "head");
        assertEquals(Provenance.Kind.BOUNDED, p.kind());
        assertEquals(10, p.bound());
    }

    @Test
    void aSizedReadIsBoundedAndALoopOfThemIsNot() {
        String src = """
                def drain(sock):
                    data = b""
                    chunk = sock.recv(4096)
                    while chunk:
                        data += chunk
                        chunk = sock.recv(4096)
                    return data
                """;
        Provenance chunk = local(src, "drain", "chunk");
        assertEquals(Provenance.Kind.BOUNDED, chunk.kind());
        assertEquals(4096, chunk.bound());
        // the while loop runs as long as reads return data: not bounded by anything
        assertFalse(local(src, "drain", "data").isCapped());
    }

    @Test
    void aWhileLoopOverAParameterRunsWithIt() {
        Provenance p = firstLoopTrips("""
                def scan(data):
                    i = 0
                    while i < len(data):
                        i += 1
                """, "scan");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals("data", p.source());
    }

    @Test
    void anAttributeOfSelfIsUnknown() {
        Provenance p = local("""
                class Log:
                    def dump(self):
                        rows = self.rows
                        return rows
                """, "dump", "rows");
        assertEquals(Provenance.Kind.UNKNOWN, p.kind());
    }

    @Test
    void aHelperReturningAConstantListIsConstant() {
        Provenance p = firstLoopTrips("""
                def _columns():
                    return ["id", "name", "size", "owner"]

                def export(rows):
                    for c in _columns():
                        print(c)
                """, "export");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(4, p.bound());
    }

    @Test
    void aGeneratorOverAParameterYieldsWithIt() {
        Provenance p = local("""
                def pairs(items):
                    for a in items:
                        yield a, a

                def run(xs):
                    got = list(pairs(xs))
                    return got
                """, "run", "got");
        assertEquals(Provenance.Kind.INPUT, p.kind());
    }

    @Test
    void nestedLoopsOverInputsMultiplyTheDegree() {
        Provenance p = local("""
                def grid(rows, cols):
                    cells = [(r, c) for r in rows for c in cols]
                    return cells
                """, "grid", "cells");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(2, p.degree());
    }

    @Test
    void aComprehensionOverAConstantIsConstant() {
        Provenance p = local("""
                def widths():
                    sizes = [len(w) for w in ("a", "bb", "ccc")]
                    return sizes
                """, "widths", "sizes");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(3, p.bound());
    }

    @Test
    void minWithAConstantBoundsTheResult() {
        Provenance p = firstLoopTrips("""
                def first(items):
                    for i in range(min(len(items), 10)):
                        print(items[i])
                """, "first");
        assertEquals(Provenance.Kind.BOUNDED, p.kind());
        assertEquals(10, p.bound());
    }

    @Test
    void aListAppendedToInALoopOverInputIsInputDriven() {
        Provenance p = local("""
                import os

                def sizes(root):
                    found = []
                    for name in os.listdir(root):
                        found.append(name)
                    return found
                """, "sizes", "found");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(Provenance.Origin.DIRECTORY, p.origin());
    }

    @Test
    void aListAppendedAFewTimesStaysConstant() {
        Provenance p = local("""
                def options():
                    opts = ["-v"]
                    opts.append("-q")
                    for flag in ("-a", "-b"):
                        opts.append(flag)
                    return opts
                """, "options", "opts");
        assertEquals(Provenance.Kind.CONSTANT, p.kind());
        assertEquals(4, p.bound());
    }

    @Test
    void anUnknownCallIsUnknown() {
        Provenance p = local("""
                def fetch(client):
                    rows = client.query_all()
                    return rows
                """, "fetch", "rows");
        assertEquals(Provenance.Kind.UNKNOWN, p.kind());
    }

    @Test
    void aDatabaseFetchallIsInputDriven() {
        Provenance p = local("""
                def fetch(cursor):
                    rows = cursor.fetchall()
                    return rows
                """, "fetch", "rows");
        assertEquals(Provenance.Origin.DATABASE, p.origin());
    }

    @Test
    void enumerateGivesIndexAndItemTheirOwnSizes() {
        String src = """
                def show():
                    for i, word in enumerate(["x", "yy"]):
                        print(i, word)
                """;
        Provenance word = local(src, "show", "word");
        assertEquals(Provenance.Kind.CONSTANT, word.kind());
        assertEquals(2, word.bound());
    }

    @Test
    void anArgsAttributeIsARequestOnlyOnARequest() {
        String src = """
                def latex(expr):
                    parts = expr.args
                    return parts

                def view(request):
                    query = request.args
                    return query
                """;
        assertEquals(Provenance.Kind.UNKNOWN, local(src, "latex", "parts").kind());
        assertEquals(Provenance.Origin.REQUEST, local(src, "view", "query").origin());
    }

    @Test
    void aStatementFollowedByABreakRunsOnce() {
        String src = """
                def first_long(lines):
                    found = []
                    for line in lines:
                        if len(line) > 80:
                            found.append(line)
                            break
                    return found
                """;
        Provenance found = local(src, "first_long", "found");
        assertEquals(Provenance.Kind.CONSTANT, found.kind());
        assertEquals(1, found.bound());
    }

    @Test
    void packedArgumentsAreInputButNeverLarge() {
        Provenance p = local("""
                def largest(*values):
                    kept = [v for v in values if v is not None]
                    return max(kept)
                """, "largest", "kept");
        assertEquals(Provenance.Kind.INPUT, p.kind());
        assertEquals(Provenance.Origin.ARGUMENTS, p.origin());
        assertFalse(p.isLarge());
    }

    // --- helpers

    private static SemanticModel model(String source) {
        try {
            return SemanticModel.build(PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8),
                    PythonVersion.LATEST).module());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Provenance local(String source, String function, String name) {
        SemanticModel model = model(source);
        Stmt.FunctionNode f = function(model, function);
        Symbol s = model.scopeCreatedBy(f).symbol(name);
        if (s == null) throw new AssertionError("no " + name + " in " + function);
        return SizeProvenance.of(model).ofSymbol(s);
    }

    private static Provenance firstLoopTrips(String source, String function) {
        SemanticModel model = model(source);
        Stmt.FunctionNode f = function(model, function);
        for (Node n : model.nodes()) {
            if ((n instanceof Stmt.ForNode || n instanceof Stmt.While) && model.enclosingFunction(n) == f) {
                return SizeProvenance.of(model).trips((Located) n);
            }
        }
        throw new AssertionError("no loop in " + function);
    }

    private static Stmt.FunctionNode function(SemanticModel model, String name) {
        for (Node n : model.nodes()) if (n instanceof Stmt.FunctionNode f && f.name().equals(name)) return f;
        throw new AssertionError("no function " + name);
    }
}
