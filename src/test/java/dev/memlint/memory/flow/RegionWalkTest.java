package dev.memlint.memory.flow;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Block;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Region;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order a region walk meets a function's statements in, traced by a transfer that walks every part of each compound statement. */
class RegionWalkTest {

    /** Records "line" for a simple statement and "kind@line" for a compound one, then walks its parts in order. */
    private static final class Trace implements RegionTransfer {
        final List<String> seen = new ArrayList<>();
        boolean stopped;

        @Override
        public boolean goesOn() {
            return !stopped;
        }

        @Override
        public void simple(Stmt s) {
            seen.add(String.valueOf(s.pos().line()));
            stopped = s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Raise;
        }

        @Override
        public boolean compound(Region r, Block to) {
            seen.add(r.getClass().getSimpleName() + "@" + r.stmt().pos().line());
            List<Region.Span> parts = new ArrayList<>();
            if (r instanceof Region.If i) {
                parts.add(i.body());
                parts.add(i.orelse());
            } else if (r instanceof Region.Loop l) {
                parts.add(l.body());
                parts.add(l.orelse());
            } else if (r instanceof Region.Try t) {
                seen.add("body");
                RegionWalk.tryBody(this, t);
                stopped = false;
                for (Region.Handler h : t.handlers()) parts.add(h.body());
                parts.add(t.orelse());
                parts.add(t.finalbody());
            } else if (r instanceof Region.With w) {
                parts.add(w.body());
            } else if (r instanceof Region.Match m) {
                for (Region.Case c : m.cases()) parts.add(c.body());
            }
            for (Region.Span part : parts) {
                seen.add(part.isEmpty() ? "(empty)" : "|");
                RegionWalk.span(this, part);
                stopped = false; // each part starts as control reaches it
            }
            seen.add("end");
            return false;
        }
    }

    private static List<String> trace(String source) {
        var module = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.PY312).module();
        Cfg cfg = CfgBuilder.of((Stmt.FunctionNode) module.body().get(0));
        Trace t = new Trace();
        RegionWalk.span(t, new Region.Span(cfg.entry(), cfg.exit()));
        return t.seen;
    }

    @Test
    void simpleStatementsRunInOrderAndEachCompoundStatementOnceWithItsParts() {
        String src = """
                def f(items):
                    total = 0
                    for x in items:
                        if x:
                            total += x
                        else:
                            break
                    while total:
                        total -= 1
                    return total
                """;
        assertEquals(List.of("2", "Loop@3", "|", "If@4", "|", "5", "|", "7", "end", "(empty)", "end",
                "Loop@8", "|", "9", "(empty)", "end", "10"), trace(src));
    }

    @Test
    void aReturnEndsTheWalkOfItsPart() {
        String src = """
                def f(x):
                    a = 1
                    return a
                    b = 2
                """;
        assertEquals(List.of("2", "3"), trace(src));
    }

    @Test
    void aTryWhoseBodyStartsWithACompoundStatementIsMetBeforeIt() {
        String src = """
                def f(x):
                    try:
                        if x:
                            y = 1
                        z = 2
                    except ValueError as e:
                        w = e
                    else:
                        v = 3
                    finally:
                        u = 4
                    return u
                """;
        assertEquals(List.of("Try@2", "body", "If@3", "|", "4", "(empty)", "end", "5",
                "|", "7", "|", "9", "|", "11", "end", "12"), trace(src));
    }

    @Test
    void withAndMatchBodiesAreTheirParts() {
        String src = """
                def f(path, cmd):
                    with open(path) as fh:
                        data = fh.read()
                    match cmd:
                        case "a":
                            r = 1
                        case _:
                            r = 2
                    return r
                """;
        assertEquals(List.of("With@2", "|", "3", "end", "Match@4", "|", "6", "|", "8", "end", "9"), trace(src));
    }
}
