package dev.memlint.memory.flow;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Element;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardAnalysisTest {
    private static final Pos P = new Pos(1, 0, 1, 1);

    /** "Names that may be bound here": a finite lattice, joined by union. */
    record Bound(Set<String> names) implements FlowState<Bound> {
        public Bound join(Bound other) {
            if (names.containsAll(other.names)) {
                return this;
            }
            Set<String> all = new TreeSet<>(names);
            all.addAll(other.names);
            return new Bound(all);
        }

        public Bound copy() {
            return new Bound(new TreeSet<>(names));
        }
    }

    private static Bound bind(Element e, Bound s) {
        if (e instanceof Element.Simple simple && simple.stmt() instanceof Stmt.Assign a
                && a.targets().get(0) instanceof Expr.Name n) {
            s.names().add(n.id());
        }
        return s;
    }

    @Test
    void reachesTheFixedPointThroughLoopsAndBranches() {
        // while c:
        //     if d: a = 1
        //     else: break
        // b = 2
        Stmt a = assign("a");
        Stmt.While loop = new Stmt.While(name("c"),
                List.of(new Stmt.If(name("d"), List.of(a), List.of(new Stmt.Break(P)), P)), List.of(), P);
        Cfg cfg = CfgBuilder.of(function(loop, assign("b")));
        var result = ForwardAnalysis.run(cfg, new Bound(new TreeSet<>()), ForwardAnalysisTest::bind);
        assertFalse(result.gaveUp());
        assertEquals(Set.of("a", "b"), result.atExit(cfg).names());
        assertEquals(Set.of("a"), result.at(cfg.entry()).names(), "the loop head sees the back edge");
    }

    /** A state that grows forever: the analysis must stop and say it gave up. */
    record Counter(int n) implements FlowState<Counter> {
        public Counter join(Counter other) {
            return n >= other.n ? this : other;
        }

        public Counter copy() {
            return this;
        }
    }

    @Test
    void givesUpOnAStateThatNeverSettles() {
        Stmt.While loop = new Stmt.While(name("c"), List.of(assign("a")), List.of(), P);
        Cfg cfg = CfgBuilder.of(function(loop));
        var result = ForwardAnalysis.run(cfg, new Counter(0), (e, s) -> new Counter(s.n() + 1), 10);
        assertTrue(result.gaveUp());
    }

    private static Stmt.FunctionDef function(Stmt... body) {
        Arguments none = new Arguments(List.of(), List.of(), null, List.of(), List.of(), null, List.of());
        return new Stmt.FunctionDef("f", none, List.of(body), List.of(), null, List.of(), P);
    }

    private static Expr.Name name(String id) {
        return new Expr.Name(id, Ctx.Load, P);
    }

    private static Stmt assign(String target) {
        return new Stmt.Assign(List.of(new Expr.Name(target, Ctx.Store, P)),
                new Expr.Constant(BigInteger.ONE, null, P), P);
    }
}
