package dev.memlint.rule.memory;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.PerCallClasses;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.PythonVersion;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.rule.FindingBuilder;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * MEM601: a function leaves objects that point at one another and at nothing else alive: only the
 * cyclic garbage collector frees them, later, in a pause. Also a class whose __init__ makes every
 * instance refer to itself (a bound method or closure stored on it).
 */
@RuleMeta(code = "MEM601", name = "reference-cycle", severity = Severity.WARNING,
        summary = "Objects left in a reference cycle are freed only by the cyclic garbage collector.",
        tags = {"memory", "gc"})
public final class ReferenceCycleRule implements Rule {
    private PythonVersion target;
    private boolean testCode;

    @Override
    public void init(RuleInit init) {
        target = init.targetVersion();
        testCode = init.testCode();
        init.onFileEnd(this::check);
    }

    private void check(RuleContext ctx) {
        ModuleMemory memory = ModuleMemory.of(ctx.model().module());
        if (!testCode) { // a test helper's class per call is made a few times per run, and caching it is no advice for a test
            reportClassesMadePerCall(ctx, memory);
        }
        for (ModuleMemory.SelfCycle sc : memory.selfCycles()) {
            Located at = closingIn(sc.method(), sc.cycle(), sc.owner().node());
            String after = sc.method().name().equals("__init__") ? ""
                    : " once `" + sc.owner().name() + "." + sc.method().name() + "` has run on it";
            FindingBuilder f = ctx.report(at, "every `" + sc.owner().name() + "` instance refers to itself" + after
                    + ifTheLoopRuns(ctx, sc.method(), at) + " (" + sc.cycle().describe() + "), so each one is freed only by the cyclic garbage collector"
                    + CycleSteps.unlessForeignBase(ctx, memory.index(), sc.owner()));
            CycleSteps.addSteps(f, sc.cycle());
        }
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            // One finding per function: its other cycles are related locations, not findings of their own.
            List<Cycle> cycles = new ArrayList<>();
            List<Located> places = new ArrayList<>();
            Stmt.FunctionNode fn = r.function();
            for (Cycle c : r.cycles()) {
                // A nested function of this one that calls itself: its cell holds it, so the call leaves
                // it (or, returned, the caller's drop does), and only this function can avoid that.
                Located selfCalling = recursiveClosure(c) ? nestedFunctionOf(fn, c) : null;
                boolean leftOut = selfCalling != null
                        ? testCode || memory.perCallClasses().runsOnce(fn) || c.returned() && wrapsItsParameter(fn)
                        : c.returned() || recursiveClosure(c);
                if (leftOut || memory.isSelfCycleOfClass(c) || isClassObject(c) || leftByCallee(c) || insideLibraryObject(c)) {
                    // A returned structure is the caller's; a self-cyclic class is reported once; a
                    // class made in a function is cyclic by design (`estimate` still counts it); a
                    // cycle a callee left is reported at the callee; an ArgumentParser's own cycles are
                    // the library's design, which the caller cannot change. A nested function that
                    // calls itself is left once where its function runs once (at import, in a test,
                    // in test code), and a decorator's is kept as long as the function it decorates.
                    continue;
                }
                Located at = selfCalling != null ? selfCalling : CycleSteps.closing(c, fn);
                if (!contains(fn, at)) {
                    at = lastSiteIn(fn, c); // the cycle was closed by a callee: point at the call here
                }
                int i = 0;
                while (i < places.size() && !before(at, places.get(i))) {
                    i++;
                }
                cycles.add(i, c);
                places.add(i, at);
            }
            if (cycles.isEmpty()) {
                continue;
            }
            Cycle first = cycles.get(0);
            String more = cycles.size() == 1 ? "" : "; it leaves " + (cycles.size() - 1)
                    + " more at the related locations";
            FindingBuilder f = ctx.report(places.get(0), "`" + r.qualname() + "` leaves a reference cycle ("
                    + first.describe() + "): it is freed only by the cyclic garbage collector"
                    + selfCallingAdvice(first, r.function()) + more);
            CycleSteps.addSteps(f, first);
            for (int i = 1; i < cycles.size(); i++) {
                f.related(places.get(i), "another reference cycle: " + cycles.get(i).describe());
            }
        }
    }

    /**
     * Where the method closes the cycle inside a loop of its own, only the instances on which that
     * loop runs are in it (ProxyHandler's lambda per configured proxy): say so.
     */
    private static String ifTheLoopRuns(RuleContext ctx, Stmt.FunctionNode method, Located at) {
        Located loop = ctx.model().enclosingLoop(at);
        return loop != null && contains(method, loop) ? " if the loop at line " + loop.pos().line() + " runs" : "";
    }

    /**
     * The last reference of the cycle the method itself makes (self._root = self._Section(self),
     * not the helper's self.formatter = formatter further down the file), else the cycle's last.
     */
    private static Located closingIn(Stmt.FunctionNode method, Cycle c, Located fallback) {
        Located last = CycleSteps.lastReference(c, o -> contains(method, o));
        return last != null ? last : CycleSteps.closing(c, fallback);
    }

    /**
     * A class made anew on every call: reported at what makes it, with its size, since the fix is
     * to make it once or cache it, not to break a reference.
     */
    private void reportClassesMadePerCall(RuleContext ctx, ModuleMemory memory) {
        if (!PerCallClasses.mayFindAny(memory.functions())) {
            return; // nothing to find: the index of the module is not built
        }
        PerCallClasses classes = memory.perCallClasses();
        SizeModel sizes = SizeModel.forTarget(target);
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            List<PerCallClasses.Made> made = classes.of(r);
            if (made.isEmpty()) {
                continue;
            }
            PerCallClasses.Made first = made.get(0);
            String more = made.size() == 1 ? "" : "; it makes " + (made.size() - 1) + " more at the related locations";
            FindingBuilder f = ctx.report(first.node(), "`" + r.qualname() + "` makes a new class on every call ("
                    + classes.describe(first) + "); a class is in a reference cycle of its own (its `__mro__`), so each "
                    + "one (about " + kilobytes(first.bytes(sizes)) + " on CPython " + sizes.version() + ") waits for "
                    + "the cyclic garbage collector: make it once at module level, or cache it by what it depends on "
                    + "(`functools.lru_cache` on a factory, a dict)" + more);
            for (int i = 1; i < made.size(); i++) {
                f.related(made.get(i).node(), "another class made on every call: " + classes.describe(made.get(i)));
            }
        }
    }

    private static String kilobytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /**
     * The nested function of fn on a cycle of functions and their cells (one that calls itself, or
     * two that call each other), when fn's own body defines it, else null (a callee's, reported there).
     */
    private static Located nestedFunctionOf(Stmt.FunctionNode fn, Cycle c) {
        for (var site : c.sites()) {
            if (site.node() instanceof Stmt.FunctionNode nested && nested != fn && contains(fn, nested)) {
                return nested;
            }
        }
        return null;
    }

    /**
     * A decorator: its one parameter (besides self) is a function that a nested function calls or
     * that {@code wraps}/{@code update_wrapper} is given; what it returns replaces that function.
     */
    private static boolean wrapsItsParameter(Stmt.FunctionNode fn) {
        List<String> params = fn.args().names().stream().filter(p -> !p.equals("self") && !p.equals("cls")).toList();
        if (params.size() != 1) {
            return false;
        }
        String p = params.get(0);
        return dev.memlint.semantic.NodeChildren.anyMatch(fn.body(), n -> n instanceof Expr.Call call
                && (call.func() instanceof Expr.Name f && f.id().equals(p)
                    || (calleeName(call).equals("wraps") || calleeName(call).equals("update_wrapper"))
                        && call.args().stream().anyMatch(a -> a instanceof Expr.Name x && x.id().equals(p))));
    }

    private static String calleeName(Expr.Call call) {
        return call.func() instanceof Expr.Name n ? n.id() : call.func() instanceof Expr.Attribute a ? a.attr() : "";
    }

    /** What to do about a nested function that calls itself: the cycle is its cell's, not a store to undo. */
    private static String selfCallingAdvice(Cycle c, Stmt.FunctionNode fn) {
        Located nested = recursiveClosure(c) ? nestedFunctionOf(fn, c) : null;
        if (nested == null) {
            return "";
        }
        List<String> names = c.sites().stream().filter(x -> x.node() instanceof Stmt.FunctionNode)
                .map(x -> ((Stmt.FunctionNode) x.node()).name()).distinct().toList();
        String name = ((Stmt.FunctionNode) nested).name();
        String why = names.size() == 1 ? "`" + name + "` calls itself through its cell"
                : "`" + String.join("` and `", names) + "` call each other through their cells";
        String them = names.size() == 1 ? "it a module-level function that takes what it reads"
                : "them module-level functions that take what they read";
        return c.returned()
                ? " once the caller drops what it returns, since " + why + ": make " + them + " as arguments, "
                    + "or methods"
                : " on every call, since " + why + ": make " + them + " as arguments, or set `" + name
                    + " = None` in a `finally` once done";
    }

    private static boolean recursiveClosure(Cycle c) {
        return c.sites().stream().allMatch(x -> x.kind() == dev.memlint.memory.heap.Site.Kind.FUNCTION)
                && c.edges().stream().allMatch(e -> e.label().startsWith("cell "));
    }

    private static boolean insideLibraryObject(Cycle c) {
        return c.edges().stream().allMatch(e -> e.label().equals("(internal)"));
    }

    private static boolean leftByCallee(Cycle c) {
        return c.sites().stream().allMatch(dev.memlint.memory.heap.Site::leftByCallee);
    }

    private static boolean isClassObject(Cycle c) {
        return c.sites().stream().allMatch(x -> x.kind() == dev.memlint.memory.heap.Site.Kind.CLASS);
    }

    private static boolean before(Located a, Located b) {
        return a.pos().line() < b.pos().line() || (a.pos().line() == b.pos().line() && a.pos().col() < b.pos().col());
    }

    private static Located lastSiteIn(Stmt.FunctionNode fn, Cycle c) {
        Located best = fn;
        for (var site : c.sites()) {
            Located n = site.node();
            if (n != null && contains(fn, n) && (best == fn || n.pos().line() > best.pos().line())) {
                best = n;
            }
        }
        return best;
    }

    private static boolean contains(Stmt.FunctionNode fn, Located node) {
        var p = node.pos();
        var q = fn.pos();
        return p.line() >= q.line() && p.endLine() <= q.endLine();
    }
}
