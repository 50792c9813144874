package dev.memlint.memory;

import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.CycleFinder;
import dev.memlint.memory.heap.Edge;
import dev.memlint.memory.heap.HeapAnalyzer;
import dev.memlint.memory.heap.ModuleIndex;
import dev.memlint.memory.heap.SelfLinkingMethods;
import dev.memlint.memory.heap.Site;
import dev.memlint.memory.heap.Unlinks;
import dev.memlint.memory.size.PeakEstimator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory pass over one module: for every function (methods and nested functions included) the
 * reference cycles it leaves and its estimated peak; for every class whose __init__ makes each
 * instance point at itself, that cycle.
 */
public final class ModuleMemory {

    /** One function's cycles: those garbage after the call (returned ones flagged); gaveUp when not analysed. */
    public record FunctionReport(String qualname, Stmt.FunctionNode function, List<Cycle> cycles,
                                 int cyclicObjects, boolean gaveUp) {}

    /**
     * A class each of whose instances is in a cycle of its own as soon as method (__init__, or a
     * method such as add() that links a child back) returns.
     */
    public record SelfCycle(ModuleIndex.ClassInfo owner, Stmt.FunctionNode method, Cycle cycle) {}

    /** The analyses of the module this thread checks last: every memory rule of one file shares them. */
    private static final ThreadLocal<Cached> LAST = new ThreadLocal<>();

    private record Cached(Module module, ModuleMemory memory) {}

    private final ModuleIndex index;
    private final Module module;
    private final List<FunctionReport> functions = new ArrayList<>();
    private final List<SelfCycle> selfCycles = new ArrayList<>();
    /** Cycles a finalizer class's __init__ closes through an argument (only classes with __del__: MEM607 reads them). */
    private final List<SelfCycle> argumentCycles = new ArrayList<>();
    /** Peak estimates are made only when asked for (estimate, MEM701/702), per Python version and collector mode. */
    private final Map<String, Map<Stmt.FunctionNode, Optional<PeakEstimator.Estimate>>> estimates = new HashMap<>();

    private ModuleMemory(Module module) {
        this.module = module;
        index = new ModuleIndex(module);
        HeapAnalyzer heap = new HeapAnalyzer(index);
        SelfLinkingMethods links = new SelfLinkingMethods(index, heap);
        for (ModuleIndex.ClassInfo c : index.classes().values()) {
            int before = selfCycles.size();
            fromInit(c, heap);
            if (selfCycles.size() == before) {
                links.of(c).ifPresent(l -> selfCycles.add(new SelfCycle(c, l.method(), l.cycle())));
            }
        }
        collect(module.body(), "", heap);
    }

    /**
     * The cycles through self that a class's __init__ leaves, and for a finalizer class those through
     * an argument. Each runs through self, so an __init__ that hands self on nowhere makes none.
     */
    private void fromInit(ModuleIndex.ClassInfo c, HeapAnalyzer heap) {
        Stmt.FunctionNode init = c.methods().get("__init__");
        if (init == null || init.args().args().isEmpty() || !heap.mayHandOnSelf(init)) {
            return;
        }
        HeapAnalyzer.Summary summary = heap.completeSummary(init).orElse(null);
        if (summary == null) {
            return;
        }
        Site self = Site.param(init.args().args().get(0).arg(), c.name());
        for (Cycle cycle : CycleFinder.find(summary.exit(), self)) {
            if (cycle.sites().contains(self) && !Unlinks.byAMethod(index, c, cycle, init)
                    && !Unlinks.byAMember(index, c, cycle)) { // closing the object takes the link apart
                selfCycles.add(new SelfCycle(c, init, cycle));
            }
        }
        if (c.hasFinalizer()) {
            CycleFinder.throughArguments(summary.exit(), self).forEach(cycle -> argumentCycles.add(new SelfCycle(c, init, cycle)));
        }
    }

    /** The analysis of a module, computed once per module. */
    public static ModuleMemory of(Module module) {
        Cached last = LAST.get();
        if (last == null || last.module() != module) { // identity: the tree's hash would walk all of it
            long start = ThreadCpu.now();
            last = new Cached(module, new ModuleMemory(module));
            PASS_CPU.add(ThreadCpu.now() - start);
            LAST.set(last);
        }
        return last.memory();
    }

    /** Drops this thread's cached analysis, which holds its module: call when done with the module. */
    public static void forgetLast() {
        LAST.remove();
    }

    /** CPU time all threads spent in the pass (analyses and estimates), for `check --stats`. */
    private static final LongAdder PASS_CPU = new LongAdder();

    public static long passCpuNanos() {
        return PASS_CPU.sum();
    }

    public static void resetPassCpu() {
        PASS_CPU.reset();
    }

    /** The function's peak estimate under one version's sizes; empty when the estimator cannot follow it. */
    public Optional<PeakEstimator.Estimate> estimate(FunctionReport r, SizeModel sizes, CollectorMode mode) {
        return estimate(r, sizes, mode, true);
    }

    /** Only the estimate's quadratic churn (MEM702), which needs no peak: a cheaper walk. */
    public Optional<PeakEstimator.Estimate> churn(FunctionReport r, SizeModel sizes) {
        return estimate(r, sizes, CollectorMode.DEFAULT, false);
    }

    private Optional<PeakEstimator.Estimate> estimate(FunctionReport r, SizeModel sizes, CollectorMode mode, boolean peak) {
        return estimates.computeIfAbsent(sizes.version() + " " + mode + (peak ? "" : " churn"), v -> new IdentityHashMap<>())
                .computeIfAbsent(r.function(), f -> {
                    long start = ThreadCpu.now();
                    try {
                        PeakEstimator estimator = estimators.computeIfAbsent(sizes.version() + " " + mode,
                                k -> new PeakEstimator(sizes, index, module, mode, cyclicNodes()));
                        return Optional.of(peak ? estimator.estimate(f) : estimator.churn(f));
                    } catch (RuntimeException | StackOverflowError e) {
                        return Optional.empty(); // reported as "not estimated", never a crash
                    } finally {
                        PASS_CPU.add(ThreadCpu.now() - start);
                    }
                });
    }

    /**
     * The nodes (by identity) that make the objects of every cycle found, for the peak estimator,
     * but for those whose cycle only the loop's latest object closes.
     */
    private Set<Object> cyclicNodes() {
        if (cyclicNodes == null) {
            cyclicNodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (FunctionReport r : functions) {
                for (Cycle c : r.cycles()) {
                    for (Site s : c.sites()) {
                        if (s.node() != null && !s.leftByCallee() && !closedOnlyByLatest.contains(s)) cyclicNodes.add(s.node());
                    }
                }
            }
            for (SelfCycle sc : selfCycles) {
                for (Site s : sc.cycle().sites()) if (s.node() != null) cyclicNodes.add(s.node());
            }
        }
        return cyclicNodes;
    }

    private Set<Object> cyclicNodes;
    /** Sites of the cycles found that only their loop's latest object closes: no garbage per iteration (see CycleFinder). */
    private final Set<Site> closedOnlyByLatest = new java.util.HashSet<>();
    /** One estimator per version and collector mode: it keeps what it learns of the module's syntax. */
    private final Map<String, PeakEstimator> estimators = new HashMap<>();

    public ModuleIndex index() {
        return index;
    }

    public List<FunctionReport> functions() {
        return functions;
    }

    /** The classes the module's functions make anew on every call. */
    public PerCallClasses perCallClasses() {
        if (perCallClasses == null) {
            perCallClasses = new PerCallClasses(module, index);
        }
        return perCallClasses;
    }

    private PerCallClasses perCallClasses;

    public List<SelfCycle> selfCycles() {
        return selfCycles;
    }

    /** For classes with __del__: the cycles their __init__ makes with an object the caller passed in. */
    public List<SelfCycle> argumentCycles() {
        return argumentCycles;
    }

    private void collect(List<Stmt> body, String prefix, HeapAnalyzer heap) {
        for (Stmt s : body) {
            if (NodeKinds.isFunction(s)) {
                Stmt.FunctionNode f = (Stmt.FunctionNode) s;
                String qualname = prefix + f.name();
                functions.add(report(qualname, f, heap));
                collect(f.body(), qualname + ".<locals>.", heap);
            } else if (s instanceof Stmt.ClassDef c) {
                collect(c.body(), prefix + c.name() + ".", heap);
            } else {
                collect(dev.memlint.semantic.NodeChildren.childStatements(s), prefix, heap);
            }
        }
    }

    private FunctionReport report(String qualname, Stmt.FunctionNode f, HeapAnalyzer heap) {
        if (!heap.mayLeaveCycle(f)) {
            return new FunctionReport(qualname, f, List.of(), 0, false);
        }
        HeapAnalyzer.Summary summary;
        try {
            summary = heap.summary(f);
        } catch (RuntimeException | StackOverflowError e) {
            summary = null; // a construct the analysis does not handle: "not estimated", never a crash
        }
        if (summary == null) {
            return new FunctionReport(qualname, f, List.of(), 0, true);
        }
        List<Cycle> cycles = summary.gaveUp() ? List.of() : heap.cycles(summary);
        closedOnlyByLatest.addAll(CycleFinder.closedOnlyByLatest(summary.exit(), cycles));
        int objects = 0;
        for (Cycle c : cycles) {
            objects += garbageHangingOff(c, summary.exit());
        }
        return new FunctionReport(qualname, f, cycles, objects, summary.gaveUp());
    }

    /** Objects of the cycle and everything only it keeps: all become garbage together. */
    private static int garbageHangingOff(Cycle c, dev.memlint.memory.heap.HeapState exit) {
        Map<Site, List<Edge>> out = new HashMap<>(); // by source: one pass over the edges, not one per object
        for (Edge e : exit.edges()) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Set<Site> seen = new LinkedHashSet<>(c.sites());
        List<Site> work = new ArrayList<>(c.sites());
        int tracebacks = 0;
        while (!work.isEmpty()) {
            Site s = work.remove(work.size() - 1);
            for (Edge e : out.getOrDefault(s, List.of())) {
                if (!e.to().outer() && !exit.escaped().contains(e.to()) && seen.add(e.to())) {
                    work.add(e.to());
                }
                if (e.to().kind() == Site.Kind.FRAME) {
                    tracebacks++;
                }
            }
        }
        return seen.size() + tracebacks;
    }

    /** Whether a function-level cycle is just one instance of a class that is self-cyclic anyway. */
    public boolean isSelfCycleOfClass(Cycle c) {
        List<Site> instances = c.sites().stream().filter(s -> s.kind() == Site.Kind.INSTANCE).toList();
        if (instances.size() != 1) {
            return instances.stream().filter(x -> selfCyclicLineage(x) != null).count() == 1
                    && instances.stream().anyMatch(x -> madeByMethodsOf(c, selfCyclicLineage(x)));
        }
        List<ModuleIndex.ClassInfo> lineage = selfCyclicLineage(instances.get(0));
        return lineage != null && madeByMethodsOf(c, lineage);
    }

    /**
     * The classes an instance's attributes are looked up in (its class, then its module bases) when one
     * of them is reported as self-cyclic: a subclass instance (DictConfigurator of BaseConfigurator) is
     * in its base's cycle, reported there once. Else null.
     */
    private List<ModuleIndex.ClassInfo> selfCyclicLineage(Site instance) {
        List<ModuleIndex.ClassInfo> lineage = index.lineage(instance.className());
        return lineage.stream().anyMatch(cls -> selfCycles.stream().anyMatch(sc -> sc.owner() == cls)) ? lineage : null;
    }

    /** Whether every reference of the cycle was made by a method of these classes (or is no store). */
    private static boolean madeByMethodsOf(Cycle c, List<ModuleIndex.ClassInfo> lineage) {
        if (lineage == null) {
            return false;
        }
        Set<Node> methodsNodes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        lineage.forEach(cls -> cls.methods().values().forEach(m -> collectNodes(m, methodsNodes)));
        return c.edges().stream().allMatch(e -> e.origin() == null || methodsNodes.contains(e.origin()));
    }

    private static void collectNodes(Node n, Set<Node> out) {
        out.add(n);
        dev.memlint.semantic.NodeChildren.forEach(n, c -> collectNodes(c, out));
    }
}
