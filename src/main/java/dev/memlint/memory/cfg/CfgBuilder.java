package dev.memlint.memory.cfg;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Pattern;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link Cfg} from the typed AST, backwards from the exit (each statement is built knowing
 * its successor). Like CPython's compiler, a finally body (and a with statement's {@code __exit__},
 * and the implicit {@code del e} of {@code except E as e}) is copied onto every path that leaves it:
 * normal flow, return, break, continue and exceptions. Blocks inside a try or with get an exception
 * edge; outside, only an explicit raise goes to the raise exit (calls that might raise are not edges).
 */
public final class CfgBuilder {
    private final List<Block> created = new ArrayList<>();
    private final Block exit = newBlockWithoutHandler();
    private final Block raiseExit = newBlockWithoutHandler();
    private final Deque<Loop> loops = new ArrayDeque<>();
    private final List<Cleanup> cleanups = new ArrayList<>();
    /** Where exceptions raised by blocks built now go; null when nothing catches them in this scope. */
    private Block handler;

    private record Loop(Block breakTo, Block continueTo, int cleanupDepth) {}

    /** Code that runs on every way out of a try/with: builds its copy in front of a successor. */
    private interface CleanupBody {
        Block build(Block successor);
    }

    private record Cleanup(CleanupBody body, Block outerHandler) {}

    private CfgBuilder() {}

    public static Cfg of(Stmt.FunctionNode function) {
        return new CfgBuilder().finish(function, function.body());
    }

    public static Cfg of(Module module) {
        return new CfgBuilder().finish(module, module.body());
    }

    public static Cfg of(Stmt.ClassDef classDef) {
        return new CfgBuilder().finish(classDef, classDef.body());
    }

    /** A lambda: one block that evaluates its body as the returned value. */
    public static Cfg of(Expr.Lambda lambda) {
        CfgBuilder b = new CfgBuilder();
        Block body = b.newBlock();
        body.add(new Element.Simple(new Stmt.Return(lambda.body(), lambda.body().pos())));
        body.addSuccessor(b.exit);
        return b.link(lambda, body);
    }

    /** A list, set or dict comprehension or generator expression, which runs in a scope of its own. */
    public static Cfg ofComprehension(Expr comprehension) {
        CfgBuilder b = new CfgBuilder();
        List<Comprehension> generators;
        Element collect;
        if (comprehension instanceof Expr.ListComp c) {
            generators = c.generators();
            collect = new Element.Collect(c.elt(), null, c);
        } else if (comprehension instanceof Expr.SetComp c) {
            generators = c.generators();
            collect = new Element.Collect(c.elt(), null, c);
        } else if (comprehension instanceof Expr.GeneratorExp c) {
            generators = c.generators();
            collect = new Element.Collect(c.elt(), null, c);
        } else if (comprehension instanceof Expr.DictComp c) {
            generators = c.generators();
            collect = new Element.Collect(c.key(), c.value(), c);
        } else {
            throw new IllegalArgumentException("not a comprehension: " + comprehension.getClass().getSimpleName());
        }
        return b.link(comprehension, b.clause(comprehension, generators, 0, collect, b.exit));
    }

    /** One for-clause with its ifs; the innermost one collects the element. */
    private Block clause(Expr owner, List<Comprehension> generators, int index, Element collect, Block exhausted) {
        Comprehension g = generators.get(index);
        Block head = newBlock();
        Block body;
        if (index == generators.size() - 1) {
            body = newBlock();
            body.add(collect);
            body.addSuccessor(head);
        } else {
            body = clause(owner, generators, index + 1, collect, head);
        }
        for (int i = g.ifs().size() - 1; i >= 0; i--) {
            Block test = newBlock();
            test.add(new Element.Condition(g.ifs().get(i)));
            test.addSuccessor(body);
            test.addSuccessor(head);
            body = test;
        }
        Block next = newBlock();
        next.add(new Element.IterNext(g.target(), owner));
        next.addSuccessor(body);
        head.addSuccessor(next);
        head.addSuccessor(exhausted);
        Block init = newBlock();
        init.add(new Element.IterInit(g.iter(), owner));
        init.addSuccessor(head);
        return init;
    }

    private Cfg finish(Node owner, List<Stmt> body) {
        return link(owner, sequence(body, exit));
    }

    private Cfg link(Node owner, Block entry) {
        for (Block b : created) {
            if (b.exceptionSuccessor() != null && cannotRaise(b)) {
                b.setExceptionSuccessor(null); // else its exception edge carries what it bound to the handler
            }
        }
        Set<Block> reachable = new LinkedHashSet<>();
        Deque<Block> work = new ArrayDeque<>(List.of(entry));
        while (!work.isEmpty()) {
            Block b = work.pop();
            if (reachable.add(b)) {
                work.addAll(b.allSuccessors());
            }
        }
        reachable.add(exit);
        reachable.add(raiseExit);
        List<Block> ordered = new ArrayList<>();
        for (Block b : created) {
            if (reachable.contains(b)) {
                ordered.add(b);
                b.linkPredecessors();
            }
        }
        return new Cfg(owner, entry, exit, raiseExit, List.copyOf(ordered));
    }

    // ---- statements ----

    private Block sequence(List<Stmt> statements, Block successor) {
        Block current = successor;
        Block open = null; // a block this loop made for simple statements, safe to prepend to
        for (int i = statements.size() - 1; i >= 0; i--) {
            Stmt s = statements.get(i);
            if (isStraightLine(s)) {
                if (open == null) {
                    open = newBlock();
                    open.addSuccessor(current);
                    current = open;
                }
                open.prepend(new Element.Simple(s));
            } else {
                open = null;
                current = statement(s, current);
            }
        }
        return current;
    }

    /**
     * A block of plain copies ({@code error = e}, {@code exc = None}), pass and the end of an
     * {@code except ... as e} cannot raise: its exception edge would carry its end state, with the
     * names bound, on a path CPython never takes.
     */
    private static boolean cannotRaise(Block b) {
        if (b.elements().isEmpty()) {
            return false;
        }
        for (Element e : b.elements()) {
            if (!(e instanceof Element.HandlerUnbind || e instanceof Element.Simple simple && (simple.stmt() instanceof Stmt.Pass
                    || simple.stmt() instanceof Stmt.Assign a && isPlainCopy(a)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainCopy(Stmt.Assign a) {
        for (Expr t : a.targets()) {
            if (!(t instanceof Expr.Name)) {
                return false;
            }
        }
        return a.value() instanceof Expr.Constant || a.value() instanceof Expr.Name;
    }

    private static boolean isStraightLine(Stmt s) {
        return !(s instanceof Stmt.If || s instanceof Stmt.While || NodeKinds.isFor(s)
                || s instanceof Stmt.Try || s instanceof Stmt.TryStar || NodeKinds.isWith(s)
                || s instanceof Stmt.Match || s instanceof Stmt.Return || s instanceof Stmt.Raise
                || s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Assert);
    }

    private Block statement(Stmt s, Block successor) {
        if (s instanceof Stmt.If i) {
            Block body = sequence(i.body(), successor);
            Block orelse = sequence(i.orelse(), successor);
            Block test = branch(i.test(), body, orelse);
            test.startRegion(new Region.If(i, new Region.Span(body, successor), new Region.Span(orelse, successor)));
            return test;
        } else if (s instanceof Stmt.While w) {
            return whileLoop(w, successor);
        } else if (NodeKinds.isFor(s)) {
            return forLoop((Stmt.ForNode) s, successor);
        } else if (s instanceof Stmt.Try t) {
            return tryStatement(t, t.body(), t.handlers(), t.orelse(), t.finalbody(), successor);
        } else if (s instanceof Stmt.TryStar t) {
            return tryStatement(t, t.body(), t.handlers(), t.orelse(), t.finalbody(), successor);
        } else if (NodeKinds.isWith(s)) {
            return withStatement((Stmt.WithNode) s, successor);
        } else if (s instanceof Stmt.Match m) {
            return match(m, successor);
        } else if (s instanceof Stmt.Return) {
            return jump(s, throughCleanups(0, exit));
        } else if (s instanceof Stmt.Raise) {
            return jump(s, handler != null ? handler : raiseExit);
        } else if (s instanceof Stmt.Break) {
            Loop loop = loops.peek();
            return jump(s, loop == null ? successor : throughCleanups(loop.cleanupDepth(), loop.breakTo()));
        } else if (s instanceof Stmt.Continue) {
            Loop loop = loops.peek();
            return jump(s, loop == null ? successor : throughCleanups(loop.cleanupDepth(), loop.continueTo()));
        } else if (s instanceof Stmt.Assert a) {
            Block check = newBlock();
            check.add(new Element.Simple(a));
            check.addSuccessor(successor);
            if (!isConstantTrue(a.test())) {
                check.addSuccessor(handler != null ? handler : raiseExit);
            }
            return check;
        }
        throw new IllegalStateException("not a compound statement: " + s.getClass().getSimpleName());
    }

    private Block jump(Stmt s, Block target) {
        return singleStep(new Element.Simple(s), target);
    }

    /** A block holding one element that leads to one successor. */
    private Block singleStep(Element element, Block successor) {
        Block b = newBlock();
        b.add(element);
        b.addSuccessor(successor);
        return b;
    }

    private Block branch(Expr test, Block whenTrue, Block whenFalse) {
        Block b = newBlock();
        b.add(new Element.Condition(test));
        b.addSuccessor(whenTrue);
        if (whenFalse != whenTrue) {
            b.addSuccessor(whenFalse);
        }
        return b;
    }

    private Block whileLoop(Stmt.While w, Block successor) {
        Block head = newBlock();
        head.add(new Element.Condition(w.test()));
        Block afterLoop = sequence(w.orelse(), successor);
        loops.push(new Loop(successor, head, cleanups.size()));
        Block body = sequence(w.body(), head);
        loops.pop();
        head.addSuccessor(body);
        if (!isConstantTrue(w.test())) {
            head.addSuccessor(afterLoop);
        }
        head.startRegion(new Region.Loop(w, new Region.Span(body, head), new Region.Span(afterLoop, successor)));
        return head;
    }

    private Block forLoop(Stmt.ForNode f, Block successor) {
        Block head = newBlock();
        Block afterLoop = sequence(f.orelse(), successor);
        Block next = newBlock();
        next.add(new Element.IterNext(f.target(), f));
        loops.push(new Loop(successor, head, cleanups.size()));
        Block body = sequence(f.body(), head);
        loops.pop();
        next.addSuccessor(body);
        head.addSuccessor(next);
        head.addSuccessor(singleStep(new Element.IterDone(f), afterLoop));
        Block init = newBlock();
        init.add(new Element.IterInit(f.iter(), f));
        init.addSuccessor(head);
        init.startRegion(new Region.Loop(f, new Region.Span(body, head), new Region.Span(afterLoop, successor)));
        return init;
    }

    private Block tryStatement(Stmt s, List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse,
                               List<Stmt> finalbody, Block successor) {
        Block outer = handler;
        Block afterBody = successor;
        Block onException = outer;
        boolean hasFinally = !finalbody.isEmpty();
        if (hasFinally) {
            afterBody = sequence(finalbody, successor);
            onException = sequence(finalbody, outer != null ? outer : raiseExit);
            cleanups.add(new Cleanup(next -> sequence(finalbody, next), outer));
        }
        handler = onException;
        Block elseEntry = sequence(orelse, afterBody);
        Block dispatch = null;
        List<Region.Handler> handlerRegions = new ArrayList<>(handlers.size());
        if (!handlers.isEmpty()) {
            dispatch = newBlock();
            boolean catchesAll = false;
            for (ExceptHandler h : handlers) {
                dispatch.addSuccessor(exceptClause(h, afterBody, onException, handlerRegions));
                catchesAll |= h.type() == null;
            }
            if (!catchesAll) {
                dispatch.addSuccessor(onException != null ? onException : raiseExit);
            }
        }
        handler = dispatch != null ? dispatch : onException;
        Block bodyEntry = sequence(body, elseEntry);
        handler = outer;
        if (hasFinally) {
            cleanups.remove(cleanups.size() - 1);
        }
        bodyEntry.startRegion(new Region.Try(s, new Region.Span(bodyEntry, elseEntry), handlerRegions,
                new Region.Span(elseEntry, afterBody), new Region.Span(afterBody, successor)));
        return bodyEntry;
    }

    /** Builds an except clause, adding the span of its body to spans; returns the block that binds its name. */
    private Block exceptClause(ExceptHandler h, Block afterBody, Block onException, List<Region.Handler> spans) {
        Block bodyEntry;
        Block bodyEnd = afterBody;
        if (h.name() == null) {
            bodyEntry = sequence(h.body(), afterBody);
        } else {
            Block propagate = onException != null ? onException : raiseExit;
            handler = unbind(h, propagate);
            cleanups.add(new Cleanup(next -> unbind(h, next), onException));
            bodyEnd = unbind(h, afterBody);
            bodyEntry = sequence(h.body(), bodyEnd);
            cleanups.remove(cleanups.size() - 1);
            handler = onException;
        }
        spans.add(new Region.Handler(h, new Region.Span(bodyEntry, bodyEnd)));
        Block bind = newBlockWithoutHandler(); // binding a name cannot raise
        bind.add(new Element.HandlerBind(h));
        bind.addSuccessor(bodyEntry);
        return bind;
    }

    private Block unbind(ExceptHandler h, Block successor) {
        return singleStep(new Element.HandlerUnbind(h), successor);
    }

    private Block withStatement(Stmt.WithNode w, Block successor) {
        Block outer = handler;
        Block exitNormally = withExit(w, successor);
        Block exitOnException = withExit(w, outer != null ? outer : raiseExit);
        cleanups.add(new Cleanup(next -> withExit(w, next), outer));
        handler = exitOnException;
        Block body = sequence(w.body(), exitNormally);
        handler = outer;
        cleanups.remove(cleanups.size() - 1);
        Block enter = newBlock();
        for (WithItem item : w.items()) {
            enter.add(new Element.WithEnter(item, w));
        }
        enter.addSuccessor(body);
        enter.startRegion(new Region.With(w, new Region.Span(body, exitNormally), successor));
        return enter;
    }

    private Block withExit(Stmt w, Block successor) {
        return singleStep(new Element.WithExit(w), successor);
    }

    private Block match(Stmt.Match m, Block successor) {
        Block next = successor;
        Region.Case[] cases = new Region.Case[m.cases().size()];
        for (int i = m.cases().size() - 1; i >= 0; i--) {
            MatchCase c = m.cases().get(i);
            Block body = sequence(c.body(), successor);
            cases[i] = new Region.Case(c, new Region.Span(body, successor));
            Block attempt = newBlock();
            attempt.add(new Element.MatchTry(c));
            if (c.guard() != null) {
                attempt.add(new Element.Condition(c.guard()));
            }
            attempt.addSuccessor(body);
            if (!(c.guard() == null && isIrrefutable(c.pattern()))) {
                attempt.addSuccessor(next);
            }
            next = attempt;
        }
        Block subject = newBlock();
        subject.add(new Element.MatchSubject(m));
        subject.addSuccessor(next);
        subject.startRegion(new Region.Match(m, List.of(cases), successor));
        return subject;
    }

    private static boolean isIrrefutable(Pattern p) {
        if (p instanceof Pattern.MatchAs as) {
            return as.pattern() == null || isIrrefutable(as.pattern());
        }
        if (p instanceof Pattern.MatchOr or) {
            return or.patterns().stream().anyMatch(CfgBuilder::isIrrefutable);
        }
        return false;
    }

    /**
     * The path from a jump to its target through the cleanups entered since depth: the innermost runs
     * first, so copies are built from the outermost inwards (the graph is built backwards).
     */
    private Block throughCleanups(int depth, Block target) {
        Block entry = target;
        for (int k = depth; k < cleanups.size(); k++) {
            Cleanup c = cleanups.get(k);
            List<Cleanup> saved = new ArrayList<>(cleanups);
            Block savedHandler = handler;
            cleanups.subList(k, cleanups.size()).clear();
            handler = c.outerHandler();
            entry = c.body().build(entry);
            handler = savedHandler;
            cleanups.clear();
            cleanups.addAll(saved);
        }
        return entry;
    }

    private static boolean isConstantTrue(Expr test) {
        if (test instanceof Expr.Constant c) {
            Object v = c.value();
            return Boolean.TRUE.equals(v) || (v instanceof java.math.BigInteger i && i.signum() != 0)
                    || (v instanceof String str && !str.isEmpty());
        }
        return false;
    }

    private Block newBlock() {
        Block b = newBlockWithoutHandler();
        if (handler != null) {
            b.setExceptionSuccessor(handler);
        }
        return b;
    }

    private Block newBlockWithoutHandler() {
        Block b = new Block(created.size());
        created.add(b);
        return b;
    }
}
