package dev.memlint.memory.cfg;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CFG shapes on small hand-built functions (each helper below makes the node its name says). */
class CfgBuilderTest {
    private static final Pos P = new Pos(1, 0, 1, 1);

    @Test
    void straightLineCodeIsOneBlockToTheExit() {
        Stmt a = assign("x", num(1));
        Stmt b = assign("y", name("x"));
        Cfg cfg = CfgBuilder.of(function(a, b));
        assertEquals(List.of(new Element.Simple(a), new Element.Simple(b)), cfg.entry().elements());
        assertEquals(List.of(cfg.exit()), cfg.entry().successors());
    }

    @Test
    void ifJoinsAfterBothBranches() {
        Stmt then = assign("x", num(1));
        Stmt otherwise = assign("x", num(2));
        Stmt after = ret(name("x"));
        Cfg cfg = CfgBuilder.of(function(new Stmt.If(name("c"), List.of(then), List.of(otherwise), P), after));
        Block test = cfg.entry();
        assertEquals(2, test.successors().size());
        Block join = blockOf(cfg, after);
        assertEquals(List.of(join), blockOf(cfg, then).successors());
        assertEquals(List.of(join), blockOf(cfg, otherwise).successors());
        assertEquals(List.of(cfg.exit()), join.successors());
    }

    @Test
    void whileLoopBreakAndContinue() {
        Stmt brk = new Stmt.Break(P);
        Stmt cont = new Stmt.Continue(P);
        Stmt after = assign("done", num(1));
        Stmt.While loop = new Stmt.While(name("c"), List.of(
                new Stmt.If(name("a"), List.of(brk), List.of(), P),
                new Stmt.If(name("b"), List.of(cont), List.of(), P)), List.of(), P);
        Cfg cfg = CfgBuilder.of(function(loop, after));
        Block head = cfg.entry();
        assertEquals(List.of(new Element.Condition(name("c"))), head.elements());
        assertEquals(List.of(blockOf(cfg, after)), blockOf(cfg, brk).successors());
        assertEquals(List.of(head), blockOf(cfg, cont).successors());
        assertTrue(head.successors().contains(blockOf(cfg, after)), "condition false leaves the loop");
    }

    @Test
    void whileTrueOnlyLeavesByBreak() {
        Stmt brk = new Stmt.Break(P);
        Stmt after = assign("done", num(1));
        Cfg cfg = CfgBuilder.of(function(new Stmt.While(new Expr.Constant(Boolean.TRUE, null, P),
                List.of(new Stmt.If(name("a"), List.of(brk), List.of(), P)), List.of(), P), after));
        assertEquals(1, cfg.entry().successors().size());
        assertEquals(List.of(blockOf(cfg, after)), blockOf(cfg, brk).successors());
    }

    @Test
    void forLoopInitHeadNextBodyAndElse() {
        Stmt body = assign("y", name("i"));
        Stmt orelse = assign("z", num(0));
        Stmt.For loop = new Stmt.For(store("i"), name("items"), List.of(body), List.of(orelse), P);
        Cfg cfg = CfgBuilder.of(function(loop));
        Block init = cfg.entry();
        assertEquals(List.of(new Element.IterInit(name("items"), loop)), init.elements());
        Block head = init.successors().get(0);
        Block next = head.successors().get(0);
        assertEquals(List.of(new Element.IterNext(store("i"), loop)), next.elements());
        assertEquals(List.of(blockOf(cfg, body)), next.successors());
        assertEquals(List.of(head), blockOf(cfg, body).successors());
        Block done = head.successors().get(1); // the loop ran out of items: then the else clause
        assertEquals(List.of(new Element.IterDone(loop)), done.elements());
        assertEquals(List.of(blockOf(cfg, orelse)), done.successors());
    }

    @Test
    void returnInTryRunsACopyOfTheFinallyBody() {
        Stmt r = ret(name("x"));
        Stmt cleanup = expr(call("close"));
        Stmt after = assign("after", num(1));
        Cfg cfg = CfgBuilder.of(function(new Stmt.Try(List.of(r), List.of(), List.of(), List.of(cleanup), P), after));
        List<Block> copies = blocksOf(cfg, cleanup);
        assertEquals(2, copies.size(), "the return path and the exception path each have a copy (normal flow is dead)");
        Block onReturn = blockOf(cfg, r).successors().get(0);
        assertTrue(onReturn.elements().contains(new Element.Simple(cleanup)));
        assertEquals(List.of(cfg.exit()), onReturn.successors());
        assertNotNull(blockOf(cfg, r).exceptionSuccessor());
        assertEquals(List.of(cfg.raiseExit()), blockOf(cfg, r).exceptionSuccessor().successors());
    }

    @Test
    void exceptClauseBindsAndUnbindsItsName() {
        Stmt risky = expr(call("work"));
        Stmt keep = assign("saved", name("e"));
        ExceptHandler h = new ExceptHandler(name("ValueError"), "e", List.of(keep), P);
        Stmt after = ret(name("saved"));
        Cfg cfg = CfgBuilder.of(function(new Stmt.Try(List.of(risky), List.of(h), List.of(), List.of(), P), after));
        Block dispatch = blockOf(cfg, risky).exceptionSuccessor();
        assertNotNull(dispatch);
        Block bind = dispatch.successors().get(0);
        assertEquals(List.of(new Element.HandlerBind(h)), bind.elements());
        Block unbindThenAfter = blockOf(cfg, keep).successors().get(0);
        assertEquals(List.of(new Element.HandlerUnbind(h)), unbindThenAfter.elements());
        assertEquals(List.of(blockOf(cfg, after)), unbindThenAfter.successors());
        assertTrue(dispatch.successors().contains(cfg.raiseExit()), "other exceptions propagate");
        assertEquals(List.of(blockOf(cfg, after)), blockOf(cfg, risky).successors());
    }

    @Test
    void raiseOutsideTryGoesToTheRaiseExit() {
        Stmt r = new Stmt.Raise(call("ValueError"), null, P);
        Cfg cfg = CfgBuilder.of(function(new Stmt.If(name("bad"), List.of(r), List.of(), P), ret(num(0))));
        assertEquals(List.of(cfg.raiseExit()), blockOf(cfg, r).successors());
        assertTrue(cfg.raiseExit().predecessors().contains(blockOf(cfg, r)));
    }

    @Test
    void withExitRunsOnEveryWayOut() {
        Stmt r = ret(name("f"));
        Stmt.With with = new Stmt.With(List.of(new WithItem(call("open"), store("f"))), List.of(r), P);
        Cfg cfg = CfgBuilder.of(function(with));
        assertTrue(cfg.entry().elements().get(0) instanceof Element.WithEnter);
        Block exitOnReturn = blockOf(cfg, r).successors().get(0);
        assertEquals(List.of(new Element.WithExit(with)), exitOnReturn.elements());
        assertEquals(List.of(cfg.exit()), exitOnReturn.successors());
        assertEquals(List.of(new Element.WithExit(with)), blockOf(cfg, r).exceptionSuccessor().elements());
    }

    @Test
    void breakThroughFinallyRunsItBeforeLeavingTheLoop() {
        Stmt brk = new Stmt.Break(P);
        Stmt cleanup = expr(call("release"));
        Stmt after = assign("done", num(1));
        Stmt.While loop = new Stmt.While(name("c"),
                List.of(new Stmt.Try(List.of(brk), List.of(), List.of(), List.of(cleanup), P)), List.of(), P);
        Cfg cfg = CfgBuilder.of(function(loop, after));
        Block onBreak = blockOf(cfg, brk).successors().get(0);
        assertTrue(onBreak.elements().contains(new Element.Simple(cleanup)));
        assertEquals(List.of(blockOf(cfg, after)), onBreak.successors());
    }

    @Test
    void ifRegionSpansItsBranchesUpToTheJoin() {
        Stmt then = assign("x", num(1));
        Stmt after = ret(name("x"));
        Stmt.If branch = new Stmt.If(name("c"), List.of(then), List.of(), P);
        Cfg cfg = CfgBuilder.of(function(branch, after));
        Region.If region = (Region.If) single(cfg.entry().regionsStartingHere());
        assertEquals(branch, region.stmt());
        assertEquals(new Region.Span(blockOf(cfg, then), blockOf(cfg, after)), region.body());
        assertTrue(region.orelse().isEmpty(), "no else: its span is empty");
        assertEquals(blockOf(cfg, after), region.after());
    }

    @Test
    void loopRegionBodyRunsBackToItsHead() {
        Stmt body = assign("y", name("i"));
        Stmt orelse = assign("z", num(0));
        Stmt after = ret(name("y"));
        Stmt.For loop = new Stmt.For(store("i"), name("items"), List.of(body), List.of(orelse), P);
        Cfg cfg = CfgBuilder.of(function(loop, after));
        Region.Loop region = (Region.Loop) single(cfg.entry().regionsStartingHere());
        Block head = cfg.entry().successors().get(0);
        assertEquals(new Region.Span(blockOf(cfg, body), head), region.body());
        assertEquals(new Region.Span(blockOf(cfg, orelse), blockOf(cfg, after)), region.orelse());
    }

    @Test
    void tryRegionStartsWithTheCompoundStatementItsBodyStartsWith() {
        Stmt inner = assign("x", num(1));
        Stmt.If first = new Stmt.If(name("c"), List.of(inner), List.of(), P);
        Stmt keep = assign("err", name("e"));
        Stmt cleanup = expr(call("release"));
        Stmt after = ret(name("x"));
        ExceptHandler h = new ExceptHandler(name("ValueError"), "e", List.of(keep), P);
        Stmt.Try t = new Stmt.Try(List.of(first), List.of(h), List.of(), List.of(cleanup), P);
        Cfg cfg = CfgBuilder.of(function(t, after));
        List<Region> starting = cfg.entry().regionsStartingHere();
        assertEquals(List.of(t, first), starting.stream().map(Region::stmt).toList(), "outermost first");
        Region.Try region = (Region.Try) starting.get(0);
        Block finallyOnNormalPath = blockOf(cfg, after).predecessors().get(0);
        assertEquals(new Region.Span(finallyOnNormalPath, blockOf(cfg, after)), region.finalbody());
        assertTrue(finallyOnNormalPath.elements().contains(new Element.Simple(cleanup)));
        assertEquals(new Region.Span(cfg.entry(), finallyOnNormalPath), region.body(), "no else: the body runs into finally");
        Region.Handler handler = single(region.handlers());
        Block unbind = blockOf(cfg, keep).successors().get(0);
        assertEquals(List.of(new Element.HandlerUnbind(h)), unbind.elements());
        assertEquals(new Region.Span(blockOf(cfg, keep), unbind), handler.body(), "the name's unbinding is not in the body");
    }

    @Test
    void withRegionSpansTheBodyUpToLeavingTheContextManagers() {
        Stmt r = assign("data", call("read"));
        Stmt after = ret(name("data"));
        Stmt.With with = new Stmt.With(List.of(new WithItem(call("open"), store("f"))), List.of(r), P);
        Cfg cfg = CfgBuilder.of(function(with, after));
        Region.With region = (Region.With) single(cfg.entry().regionsStartingHere());
        Block leave = blockOf(cfg, r).successors().get(0);
        assertEquals(List.of(new Element.WithExit(with)), leave.elements());
        assertEquals(new Region.Span(blockOf(cfg, r), leave), region.body());
        assertEquals(blockOf(cfg, after), region.after());
    }

    @Test
    void comprehensionIsItsOwnLoop() {
        Expr.ListComp comp = new Expr.ListComp(name("x"), List.of(
                new Comprehension(store("x"), name("xs"), List.of(name("x")), 0)), P);
        Cfg cfg = CfgBuilder.ofComprehension(comp);
        Block init = cfg.entry();
        assertEquals(List.of(new Element.IterInit(name("xs"), comp)), init.elements());
        Block head = init.successors().get(0);
        assertEquals(cfg.exit(), head.successors().get(1));
        Block next = head.successors().get(0);
        Block test = next.successors().get(0);
        assertEquals(List.of(new Element.Condition(name("x"))), test.elements());
        Block collect = test.successors().get(0);
        assertEquals(List.of(new Element.Collect(name("x"), null, comp)), collect.elements());
        assertEquals(List.of(head), collect.successors());
        assertEquals(head, test.successors().get(1));
    }

    @Test
    void codeAfterReturnIsUnreachableAndLeftOut() {
        Stmt dead = assign("x", num(1));
        Cfg cfg = CfgBuilder.of(function(ret(num(0)), dead));
        assertFalse(cfg.blocks().stream().anyMatch(b -> b.elements().contains(new Element.Simple(dead))));
    }

    // ---- helpers ----

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static Block blockOf(Cfg cfg, Stmt s) {
        List<Block> found = blocksOf(cfg, s);
        assertEquals(1, found.size(), "blocks holding " + s);
        return found.get(0);
    }

    private static List<Block> blocksOf(Cfg cfg, Stmt s) {
        List<Block> found = new ArrayList<>();
        for (Block b : cfg.blocks()) {
            if (b.elements().contains(new Element.Simple(s))) {
                found.add(b);
            }
        }
        return found;
    }

    private static Stmt.FunctionDef function(Stmt... body) {
        Arguments none = new Arguments(List.of(), List.of(), null, List.of(), List.of(), null, List.of());
        return new Stmt.FunctionDef("f", none, List.of(body), List.of(), null, List.of(), P);
    }

    private static Expr.Name name(String id) {
        return new Expr.Name(id, Ctx.Load, P);
    }

    private static Expr.Name store(String id) {
        return new Expr.Name(id, Ctx.Store, P);
    }

    private static Expr num(long v) {
        return new Expr.Constant(BigInteger.valueOf(v), null, P);
    }

    private static Expr call(String f) {
        return new Expr.Call(name(f), List.of(), List.of(), P);
    }

    private static Stmt assign(String target, Expr value) {
        return new Stmt.Assign(List.of(store(target)), value, P);
    }

    private static Stmt ret(Expr value) {
        return new Stmt.Return(value, P);
    }

    private static Stmt expr(Expr value) {
        return new Stmt.ExprStmt(value, P);
    }
}
