package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.cfg.Cfg;
import dev.memlint.memory.cfg.CfgBuilder;
import dev.memlint.memory.cfg.Element;
import dev.memlint.memory.cfg.LoopBlocks;
import dev.memlint.memory.flow.ForwardAnalysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The abstract heap of each function of a module, solved to a fixed point over its CFG. Calls of
 * the module's own classes, functions and methods apply the callee's summary (the references it
 * leaves between its parameters and the objects it makes); calls of unknown code let their
 * arguments escape, so nothing they could keep alive is ever called garbage. This class keeps the
 * summaries and solves recursive functions to a fixed point; {@link HeapTransfer} walks one
 * function's statements and expressions, and {@link CallModel} what its calls do.
 */
public final class HeapAnalyzer {

    /** What one function leaves at its exit; gaveUp when the fixed point was not reached in bounds. */
    public record Summary(Stmt.FunctionNode function, HeapState exit, boolean gaveUp) {}

    /** The frame of the function's caller (sys._getframe(1)): outside the call, its caller's own frame. */
    static final Site CALLER_FRAME = new Site("param <caller frame>", Site.Kind.PARAM, null, null, true);

    /** Elements evaluated plus callee references copied, per function, before the analysis gives up. */
    static final int MAX_WORK = 20_000;
    /** References one program point may hold before the analysis gives up. */
    static final int MAX_EDGES = 2_000;

    /** Thrown when a function's analysis exceeds its budget; it is then "not estimated". */
    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    final ModuleIndex index;
    // Keyed by identity: syntax-tree records hash their whole subtree.
    private final Map<Stmt.FunctionNode, Summary> summaries = new IdentityHashMap<>();
    private final Map<Stmt.FunctionNode, String> ownerClass = new IdentityHashMap<>();
    private final Map<Stmt.FunctionNode, FunctionScope> scopes = new IdentityHashMap<>();

    private final CycleCandidates candidates;
    final ReceiverParams receiverParams;
    private final SelfHandOff selfHandOff;

    public HeapAnalyzer(ModuleIndex index) {
        this.index = index;
        index.classes().values().forEach(c -> c.methods().values().forEach(m -> ownerClass.put(m, c.name())));
        receiverParams = new ReceiverParams(index, this::scope);
        selfHandOff = new SelfHandOff(index, this::scope);
        candidates = new CycleCandidates(index, this::scope, this::leavesCycleOfItsObjects, this::makesSelfCycle,
                this::storedParameters, receiverParams::of, selfHandOff::mayHandOn);
    }

    /** f's summary, or empty where the analysis fails on f (a construct it does not handle) or gave up. */
    public Optional<Summary> completeSummary(Stmt.FunctionNode f) {
        try {
            Summary s = summary(f);
            return s.gaveUp() ? Optional.empty() : Optional.of(s);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Whether a call of f could leave objects in a cycle: only then is it worth analysing for its own report. */
    public boolean mayLeaveCycle(Stmt.FunctionNode f) {
        return candidates.mayLeaveCycle(f);
    }

    /**
     * The references of a summary that can matter to a caller: those from objects the caller can
     * reach (through arguments, the result, escaped objects) or from objects in a cycle and what
     * hangs off them. The rest, such as the frame's references to locals that die, is garbage
     * the caller can never see; leaving it out makes applying the summary at each call cheap.
     */
    HeapState callerView(Summary sum) {
        return callerViews.computeIfAbsent(sum, x -> CycleFinder.visibleToCallers(x.exit()));
    }

    private final Map<Summary, HeapState> callerViews = new IdentityHashMap<>();

    /** The objects a callee leaves in cycles that are garbage when it returns. */
    private Set<Site> garbageOf(Summary sum) {
        Set<Site> known = garbage.get(sum);
        if (known == null) {
            known = new HashSet<>();
            for (Cycle c : cycles(sum)) {
                if (!c.returned()) {
                    known.addAll(CycleFinder.groupOf(c, sum.exit()));
                }
            }
            garbage.put(sum, known);
        }
        return known;
    }

    private final Map<Summary, Set<Site>> garbage = new IdentityHashMap<>();

    /** The cycles a summary leaves (see {@link CycleFinder#find}), found once: its own report and its callers both ask. */
    public List<Cycle> cycles(Summary sum) {
        List<Cycle> known = cycles.get(sum);
        if (known == null) {
            known = Collections.unmodifiableList(CycleFinder.find(sum.exit(), null));
            cycles.put(sum, known);
        }
        return known;
    }

    private final Map<Summary, List<Cycle>> cycles = new IdentityHashMap<>();

    /**
     * The objects a callee's summary leaves in cycles that are the callee's own finding. A summary
     * specialised by the instances a caller passes may leave cycles that the callee's own report,
     * made without knowing their class, does not have: those are the caller's to report.
     */
    Set<Site> garbageReportedAt(Stmt.FunctionNode fn, Map<String, Given> given, Summary sum) {
        Set<Site> left = garbageOf(sum);
        if (left.isEmpty() || given.values().stream().noneMatch(Given::instance)) {
            return left;
        }
        Set<String> own = new HashSet<>();
        if (!inProgress.containsKey(fn) && candidates.mayLeaveCycle(fn)) {
            Summary alone = summary(fn);
            if (!alone.gaveUp()) {
                for (Site x : garbageOf(alone)) {
                    own.add(x.key());
                }
            }
        }
        Set<Site> out = new HashSet<>();
        for (Site x : left) {
            if (own.contains(x.key())) {
                out.add(x);
            }
        }
        return out;
    }

    /** Whether f's summary holds objects it made in a cycle (what its callers would see); yes when unsure. */
    private boolean leavesCycleOfItsObjects(Stmt.FunctionNode f) {
        if (inProgress.containsKey(f)) {
            return true;
        }
        try {
            Summary s = summary(f);
            if (!s.gaveUp() && CycleFinder.anyAmongNew(s.exit())) {
                return true;
            }
            Summary byDefault = summary(f, Given.classes(scope(f).classDefaults(index))); // node_class=Node left to its default
            return byDefault != s && !byDefault.gaveUp() && CycleFinder.anyAmongNew(byDefault.exit());
        } catch (RuntimeException | StackOverflowError e) {
            return true; // the caller's own analysis meets the same failure and says "not estimated"
        }
    }

    /**
     * The parameters into whose objects f's summary stores (a reference from an argument or from
     * what it reaches), when every call applies that summary as it is: no caller can give it a
     * class or instances that would specialise it. f is analysed if it was not yet. Empty when
     * unknown: f in progress or in a component not solved yet, given up, or leaving calls for its
     * caller to run.
     */
    private Optional<Set<String>> storedParameters(Stmt.FunctionNode f) {
        FunctionScope scope = scope(f);
        if (inProgress.containsKey(f) || !scope.classDefaults(index).isEmpty()) {
            return Optional.empty();
        }
        Summary s;
        try {
            s = summary(f);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty(); // the caller's own analysis meets the same failure and says "not estimated"
        }
        if (s.gaveUp() || provisional.contains(s)) {
            return Optional.empty();
        }
        String self = scope.self();
        for (String p : receiverParams.of(f)) {
            if (!p.equals(self)) {
                return Optional.empty(); // a caller passing instances of a module class gets a summary of its own
            }
        }
        HeapState view = callerView(s);
        Set<String> into = new HashSet<>();
        for (Edge e : view.edges()) {
            Site from = e.from();
            if (from.kind() == Site.Kind.PENDING_CALL || from.equals(CALLER_FRAME)) {
                return Optional.empty();
            }
            if (from.kind() == Site.Kind.PARAM && !from.global()) {
                String path = from.paramPath();
                int dot = path.indexOf('.');
                into.add(dot < 0 ? path : path.substring(0, dot));
            }
        }
        for (Site x : view.escaped()) {
            if (x.kind() == Site.Kind.PENDING_CALL) {
                return Optional.empty();
            }
        }
        return Optional.of(into);
    }

    /** Whether an __init__ (or __post_init__) leaves self in a cycle: each instance is garbage with it. */
    public boolean makesSelfCycle(Stmt.FunctionNode init) {
        String cls = ownerClass.get(init);
        if (cls == null || init.args().args().isEmpty() || inProgress.containsKey(init) || !selfHandOff.mayHandOn(init)) {
            return false;
        }
        try {
            Summary s = summary(init);
            if (s.gaveUp()) {
                return false;
            }
            Site self = Site.param(init.args().args().get(0).arg(), cls);
            for (Cycle c : CycleFinder.find(s.exit(), self)) {
                if (c.sites().contains(self)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** Whether a call of f may store into the object its parameter holds or one that object reaches (by its syntax). */
    boolean mayStoreInto(Stmt.FunctionNode f, String param) {
        return candidates.mayStoreInto(f, param);
    }

    /** Whether a call of a method may leave a reference to its instance anywhere (see {@link SelfHandOff}). */
    public boolean mayHandOnSelf(Stmt.FunctionNode method) {
        return selfHandOff.mayHandOn(method);
    }

    public ModuleIndex index() {
        return index;
    }

    public Summary summary(Stmt.FunctionNode f) {
        return summary(f, Map.of());
    }

    /**
     * What a call gives one parameter that a specialised summary depends on: a module class for a
     * class-defaulted parameter ({@code node_class=Node}), whose calls then make instances of it; or
     * instances of one module class for a parameter whose methods the function calls, which then
     * run as they do on self.
     */
    record Given(String className, boolean instance) {
        static Map<String, Given> classes(Map<String, String> byParam) {
            Map<String, Given> out = new java.util.TreeMap<>();
            byParam.forEach((p, cls) -> out.put(p, new Given(cls, false)));
            return out;
        }
    }

    /**
     * The summary of f for callers that give some of its parameters a module class or instances of
     * one (see {@link Given}). Inside a component being solved (see {@link #solve}) it may be this
     * round's provisional one.
     */
    Summary summary(Stmt.FunctionNode f, Map<String, Given> given) {
        Summary s = given.isEmpty() ? summaries.get(f) : specialized.getOrDefault(f, Map.of()).get(given);
        if (s != null) {
            return s;
        }
        Member m = member(f, given);
        if (m != null && m.current != null) {
            lowerTop(m.low);
            top().usedProvisional = true;
            return m.current;
        }
        Summary solved = solve(f, given, m);
        if (!stack.isEmpty() && provisional.contains(solved)) {
            top().usedProvisional = true;
        }
        return solved;
    }

    private final Map<Stmt.FunctionNode, Map<Map<String, Given>, Summary>> specialized = new IdentityHashMap<>();

    private void memoise(Stmt.FunctionNode f, Map<String, Given> given, Summary s) {
        if (given.isEmpty()) {
            summaries.put(f, s);
        } else {
            specialized.computeIfAbsent(f, k -> new HashMap<>()).put(given, s);
        }
    }

    /** Rounds of analysis a component of recursive functions gets to reach its fixed point. */
    static final int RECURSION_ROUNDS = 4;

    /**
     * A longer component of recursive functions (a recursive-descent parser's rules, a tree printer)
     * is not solved to a fixed point: each round re-analyses all of it (0.4 s of CPU in the 3.11
     * stdlib's 3.5 s pass when it was done for every self-recursive function), and such code rarely
     * builds a linked structure; its calls inside the component stay unknown code. The helpers that
     * do (make a node, recurse for the children, link them) are short.
     */
    static final int MAX_RECURSION_LINES = 40;

    private static int lines(Stmt.FunctionNode f) {
        return f.pos().endLine() - f.pos().line() + 1;
    }

    /** A function being analysed, on the stack of analyses in progress (a depth-first walk of the call graph). */
    private static final class InProgress {
        final Stmt.FunctionNode function;
        final int depth;
        /** Where the members of a component it heads start in {@link #members}. */
        final int membersFrom;
        /** What a call back into it applies this round: its summary of the last round, first one that does nothing. */
        Summary soFar;
        /** The lowest depth whose summary so far this analysis (or a callee's) used: below its own, it is in a component headed there. */
        int low;
        /** Whether a call back into it applied its summary so far this round. */
        boolean calledBack;
        /** Whether a call back into it (or into its component) closed a component too long to solve. */
        boolean tooLong;
        /** Whether its analysis applied a summary that was only provisional (a call back into a function in progress included). */
        boolean usedProvisional;

        InProgress(Stmt.FunctionNode function, int depth, int membersFrom, Summary soFar) {
            this.function = function;
            this.depth = depth;
            this.membersFrom = membersFrom;
            this.soFar = soFar;
            this.low = depth;
        }
    }

    /** A function of a component being solved, other than its head: its summaries are provisional. */
    private static final class Member {
        final Stmt.FunctionNode function;
        final Map<String, Given> given;
        /** Its summary of the last round (what calls back into it apply this round), and of this round. */
        Summary previous, current;
        int low;
        /** Whether a call back into it applied its summary so far this round: then it must be stable too. */
        boolean calledBack;
        /** Whether its current summary applied provisional ones: if not, it holds when the component is given up too. */
        boolean usedProvisional;

        Member(Stmt.FunctionNode function, Map<String, Given> given) {
            this.function = function;
            this.given = given;
        }
    }

    private final List<InProgress> stack = new ArrayList<>();
    final Map<Stmt.FunctionNode, InProgress> inProgress = new IdentityHashMap<>();
    /** The members of the components being solved, each after its head's {@link InProgress#membersFrom}. */
    private final List<Member> members = new ArrayList<>();
    /** This round's provisional summaries: a caller applying one is in the component too. */
    final Set<Summary> provisional = Collections.newSetFromMap(new IdentityHashMap<>());
    /** For the functions of components that were not solved, the whole component: calls inside it are unknown code. */
    final Map<Stmt.FunctionNode, Set<Stmt.FunctionNode>> unsolved = new IdentityHashMap<>();

    private static final Summary NOTHING_YET = new Summary(null, new HeapState(), false);

    private Member member(Stmt.FunctionNode f, Map<String, Given> given) {
        for (int i = members.size() - 1; i >= 0; i--) {
            Member m = members.get(i);
            if (m.function == f && m.given.equals(given)) {
                return m;
            }
        }
        return null;
    }

    /** The analysis on top of the stack used what is only known within a component reaching down to depth. */
    private void lowerTop(int depth) {
        InProgress top = top();
        top.low = Math.min(top.low, depth);
    }

    private InProgress top() {
        return stack.get(stack.size() - 1);
    }

    /**
     * Analyses f, as one step of a depth-first walk of the call graph whose strongly connected
     * components (recursive functions, mutual recursion) are found with low links on the stack of
     * analyses in progress. A call back into a function in progress applies that function's summary
     * so far (first one that does nothing), and every summary that depends on such a call is
     * provisional until the component's head (the lowest function of it on the stack) is solved:
     * the head is analysed again, its component with it, until no summary in the component grows.
     * Then all of them are kept, so a summary does not depend on which function was asked for
     * first. A component that takes more than {@link #RECURSION_ROUNDS} rounds, or is longer than
     * {@link #MAX_RECURSION_LINES}, is not solved: calls inside it are unknown code for every member.
     */
    private Summary solve(Stmt.FunctionNode f, Map<String, Given> given, Member asMember) {
        InProgress frame = new InProgress(f, stack.size(), members.size(),
                asMember != null && asMember.previous != null ? asMember.previous : NOTHING_YET);
        stack.add(frame);
        inProgress.put(f, frame);
        try {
            Summary s = analyze(f, given);
            for (int round = 1; ; round++) {
                if (frame.low < frame.depth) { // a member of a component headed lower on the stack
                    Member m = asMember != null ? asMember : new Member(f, given);
                    if (asMember == null) {
                        members.add(m);
                    }
                    m.current = s;
                    m.low = frame.low;
                    m.calledBack = frame.calledBack;
                    m.usedProvisional = frame.usedProvisional;
                    provisional.add(s);
                    InProgress caller = stack.get(frame.depth - 1);
                    caller.low = Math.min(caller.low, frame.low);
                    caller.tooLong |= frame.tooLong;
                    return s;
                }
                List<Member> component = members.subList(frame.membersFrom, members.size());
                if (s.gaveUp() || !frame.calledBack && !frame.tooLong) {
                    break;
                }
                if (frame.tooLong || round == RECURSION_ROUNDS || lines(functionsOf(f, component)) > MAX_RECURSION_LINES) {
                    boolean appliedSoFar = frame.calledBack || !component.isEmpty();
                    giveUp(f, component);
                    if (appliedSoFar) {
                        s = analyze(f, given); // its calls inside the component are now unknown code
                    }
                    break;
                }
                for (Member m : component) {
                    drop(m.previous);
                    m.previous = m.current;
                    m.current = null;
                }
                drop(frame.soFar);
                frame.soFar = s;
                provisional.add(s);
                frame.calledBack = false;
                Summary next = analyze(f, given);
                boolean stable = s.exit().covers(next.exit());
                for (Member m : component) {
                    stable &= m.current == null || !m.calledBack || m.previous != null && m.previous.exit().covers(m.current.exit());
                }
                s = next;
                if (stable && frame.low == frame.depth) {
                    for (Member m : component) {
                        if (m.current != null) {
                            memoise(m.function, m.given, m.current);
                            provisional.remove(m.current);
                        }
                    }
                    break;
                }
            }
            memoise(f, given, s);
            return s;
        } finally {
            stack.remove(frame.depth);
            inProgress.remove(f);
            if (frame.low == frame.depth) { // a head, done or failed: its members are no longer provisional
                drop(frame.soFar);
                dropMembers(frame.membersFrom);
            }
        }
    }

    /** The functions of a component: its head and its members, each once. */
    private static Set<Stmt.FunctionNode> functionsOf(Stmt.FunctionNode head, List<Member> component) {
        Set<Stmt.FunctionNode> functions = Collections.newSetFromMap(new IdentityHashMap<>());
        functions.add(head);
        for (Member m : component) {
            functions.add(m.function);
        }
        return functions;
    }

    private static int lines(Iterable<Stmt.FunctionNode> functions) {
        int total = 0;
        for (Stmt.FunctionNode f : functions) {
            total += lines(f);
        }
        return total;
    }

    /** Calls inside a component that was not solved are unknown code, whichever member is analysed. */
    private void giveUp(Stmt.FunctionNode head, List<Member> component) {
        Set<Stmt.FunctionNode> all = functionsOf(head, component);
        boolean metBefore = all.stream().anyMatch(unsolved::containsKey);
        for (Member m : component) {
            // Its calls into the component were unknown code already (too long to solve): what it
            // found is what analysing it again, with the component given up, would find (unless
            // the component takes in one given up before, whose calls then become unknown too).
            if (m.current != null && !m.usedProvisional && !metBefore) {
                provisional.remove(m.current);
                memoise(m.function, m.given, m.current);
            }
        }
        dropMembers(members.size() - component.size());
        for (Stmt.FunctionNode f : List.copyOf(all)) { // a component met before, now part of this one
            all.addAll(unsolved.getOrDefault(f, Set.of()));
        }
        for (Stmt.FunctionNode f : all) {
            unsolved.put(f, all);
        }
    }

    /**
     * What a call of fn applies when fn is being analysed: its summary so far, or null (unknown
     * code) when the component the call closes is not solved or too long to solve.
     */
    Summary callBack(Stmt.FunctionNode fn) {
        InProgress target = inProgress.get(fn);
        if (unsolved.containsKey(fn)) {
            return null;
        }
        int lines = 0;
        for (int i = target.depth; i < stack.size(); i++) {
            lines += lines(stack.get(i).function);
        }
        lowerTop(target.depth);
        if (lines > MAX_RECURSION_LINES || target.tooLong) {
            target.tooLong = true;
            return null;
        }
        target.calledBack = true;
        top().usedProvisional = true;
        return target.soFar;
    }

    /** Drops the members of a component from {@link #members} on, and their provisional summaries. */
    private void dropMembers(int from) {
        List<Member> component = members.subList(from, members.size());
        for (Member m : component) {
            drop(m.previous);
            drop(m.current);
        }
        component.clear();
    }

    /** Drops a summary that was only provisional (a no-op on one that was kept), and what was cached about it. */
    private void drop(Summary s) {
        if (s != null && provisional.remove(s) || s == NOTHING_YET) {
            callerViews.remove(s);
            garbage.remove(s);
            cycles.remove(s);
        }
    }

    private Summary analyze(Stmt.FunctionNode f) {
        return analyze(f, Map.of());
    }

    /** Functions analysed (each round and each specialisation counts), over all threads: for `check --stats`. */
    public static final java.util.concurrent.atomic.LongAdder ANALYSES = new java.util.concurrent.atomic.LongAdder();

    private Summary analyze(Stmt.FunctionNode f, Map<String, Given> given) {
        ANALYSES.increment();
        FunctionScope scope = scope(f);
        Cfg cfg = CfgBuilder.of(f);
        HeapState init = new HeapState();
        for (int i = 0; i < scope.params.size(); i++) {
            String p = scope.params.get(i);
            String cls = i == 0 && scope.self() != null ? scope.ownerClass : null;
            Given g = given.get(p);
            init.bind(p, Set.of(g == null ? Site.param(p, cls)
                    : g.instance() ? Site.param(p, g.className()) : Site.moduleClass(g.className())));
        }
        Set<Element> looping = Collections.newSetFromMap(new IdentityHashMap<>());
        LoopBlocks.of(cfg).forEach(b -> looping.addAll(b.elements()));
        HeapTransfer t = new HeapTransfer(this, scope, looping);
        ForwardAnalysis.Result<HeapState> result;
        try {
            result = ForwardAnalysis.run(cfg, init, t::apply);
        } catch (OverBudget e) {
            return new Summary(f, init, true);
        }
        HeapState exit = null;
        for (HeapState s : new HeapState[] {result.atExit(cfg), result.atRaiseExit(cfg)}) {
            if (s != null) {
                exit = exit == null ? s : exit.join(s);
            }
        }
        if (exit == null) {
            exit = init;
        }
        exit = exit.copy();
        // The frame keeps every local alive; it matters only where a traceback keeps the frame
        // (or a name, a cell, a caller holds it): elsewhere nothing can reach those references.
        Site frame = t.frame;
        boolean frameKept = exit.mayReach(frame);
        if (frameKept) {
            for (var entry : new java.util.TreeMap<>(exit.bindings()).entrySet()) { // by name: stable cycle texts
                if (!entry.getKey().startsWith("$")) {
                    for (Site v : entry.getValue()) {
                        exit.addEdge(new Edge(frame, "local " + entry.getKey(), v, null, false));
                    }
                }
            }
        }
        t.closeCells(exit);
        if (frameKept) {
            t.linkRaisedToFrame(exit);
        }
        if (isCached(f)) {
            exit.escape(exit.returned()); // the cache keeps what the function returns
        }
        return new Summary(f, exit, result.gaveUp());
    }

    /** functools.cache or lru_cache, called or not, bare or through the module (cached_property is a MethodKind). */
    private static boolean isCached(Stmt.FunctionNode f) {
        for (Expr d : f.decoratorList()) {
            Expr fn = d instanceof Expr.Call c ? c.func() : d;
            String name = fn instanceof Expr.Name n ? n.id() : fn instanceof Expr.Attribute a ? a.attr() : "";
            if (name.equals("cache") || name.equals("lru_cache")) {
                return true;
            }
        }
        return false;
    }

    FunctionScope scope(Stmt.FunctionNode f) {
        FunctionScope scope = scopes.get(f); // no computeIfAbsent: a capturing lambda costs a VM call under C1
        if (scope == null) {
            scope = new FunctionScope(f, ownerClass.get(f));
            scopes.put(f, scope);
        }
        return scope;
    }

    /** Whether a method's first parameter is not the instance (a staticmethod or classmethod). */
    static boolean isStatic(Stmt.FunctionNode f) {
        ModuleIndex.MethodKind kind = ModuleIndex.kindOf(f);
        return kind == ModuleIndex.MethodKind.STATIC || kind == ModuleIndex.MethodKind.CLASS;
    }

}
