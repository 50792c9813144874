package dev.memlint.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.memlint.ast.Module;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.Edge;
import dev.memlint.memory.size.PeakEstimator;
import dev.memlint.memory.size.Sym;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What `memlint estimate` prints for each function: its peak formula and value under the bindings,
 * growth class, bytes still held by its result, and the cycles it leaves. The JSON shape is
 * described in docs/estimate.md and is stable.
 */
public final class Estimates {

    public record Step(int line, String message) {}

    public record CycleEntry(List<String> objects, boolean returned, List<Step> steps) {}

    public record Entry(String qualname, String path, int line, String peakFormula, Long peakBytes, String growth,
                        String retainedFormula, Long retainedBytes, Boolean cyclicGarbage, Integer cyclicObjects,
                        List<CycleEntry> cycles, boolean quadraticChurn, String notEstimated, List<String> limits) {}

    /** The whole output: the size model's Python version, the collector assumption, one entry per function. */
    public record Output(String python, String gc, Map<String, Double> bindings, List<Entry> functions) {}

    private Estimates() {}

    public static List<Entry> of(Module module, String path, SizeModel sizes, CollectorMode mode,
                                 Map<String, Double> bindings) {
        ModuleMemory memory = ModuleMemory.of(module);
        List<Entry> out = new ArrayList<>();
        for (ModuleMemory.FunctionReport r : memory.functions()) {
            out.add(entry(r, memory.estimate(r, sizes, mode).orElse(null), path, sizes, bindings));
        }
        return out;
    }

    private static Entry entry(ModuleMemory.FunctionReport r, PeakEstimator.Estimate estimate, String path,
                               SizeModel sizes, Map<String, Double> bindings) {
        int line = r.function().pos().line();
        List<CycleEntry> cycles = new ArrayList<>();
        for (Cycle c : r.cycles()) {
            List<Step> steps = new ArrayList<>();
            for (Edge e : c.edges()) {
                if (e.origin() != null) {
                    steps.add(new Step(e.origin().pos().line(),
                            e.from().describe() + " -" + e.label() + "-> " + e.to().describe()));
                }
            }
            cycles.add(new CycleEntry(c.sites().stream().map(s -> s.describe()).toList(), c.returned(), steps));
        }
        Boolean cyclic = r.gaveUp() ? null : !r.cycles().isEmpty();
        Integer objects = r.gaveUp() ? null : r.cyclicObjects();
        if (estimate == null || estimate.notEstimated() != null) {
            return new Entry(r.qualname(), path, line, null, null, null, null, null, cyclic, objects, cycles,
                    false, estimate == null ? "the size estimator could not follow this function" : estimate.notEstimated(),
                    estimate == null ? List.of() : estimate.limits());
        }
        Sym peak = estimate.peak();
        Sym retained = estimate.retained();
        return new Entry(r.qualname(), path, line, peak.text(), round(peak.eval(bindings, sizes)), growth(peak, sizes),
                retained.text(), round(retained.eval(bindings, sizes)), cyclic, objects, cycles,
                estimate.quadraticChurn(), null, estimate.limits());
    }

    private static Long round(Double v) {
        return v == null ? null : Math.round(v);
    }

    /** "O(1)", "O(n)", "O(n^2)", "O(len(a) + n)": the degree measured on the formula, in its symbols. */
    static String growth(Sym s, SizeModel sizes) {
        Set<String> names = s.symbols();
        int degree = s.degree(sizes);
        if (names.isEmpty() || degree == 0) {
            return "O(1)";
        }
        String base = names.size() == 1 ? names.iterator().next() : "(" + String.join(" + ", names) + ")";
        return "O(" + base + (degree > 1 ? "^" + degree : "") + ")";
    }

    public static String json(Output output) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(output);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(Output output) {
        StringBuilder b = new StringBuilder();
        for (Entry e : output.functions()) {
            b.append(e.path()).append(':').append(e.line()).append(": ").append(e.qualname()).append('\n');
            if (e.notEstimated() != null) {
                b.append("    not estimated: ").append(e.notEstimated()).append('\n');
            } else {
                b.append("    peak      ").append(e.peakFormula()).append(" bytes");
                if (e.peakBytes() != null) {
                    b.append(String.format(Locale.ROOT, " = %,d", e.peakBytes()));
                }
                b.append("   growth ").append(e.growth()).append('\n');
                b.append("    retained  ").append(e.retainedFormula());
                if (e.retainedBytes() != null) {
                    b.append(String.format(Locale.ROOT, " = %,d", e.retainedBytes()));
                }
                b.append(" bytes\n");
                if (e.quadraticChurn()) {
                    b.append("    churn     quadratic: a growing sequence is copied on every iteration\n");
                }
                for (String limit : e.limits()) {
                    b.append("    limit     ").append(limit).append('\n');
                }
            }
            if (e.cyclicGarbage() == null) {
                b.append("    cycles    unknown (analysis gave up)\n");
            }
            for (CycleEntry c : e.cycles()) {
                b.append("    cycle     ").append(String.join(", ", c.objects()))
                        .append(c.returned() ? " (garbage once the caller drops the result)" : "").append('\n');
                for (Step s : c.steps()) {
                    b.append("      line ").append(s.line()).append(": ").append(s.message()).append('\n');
                }
            }
        }
        b.append("(sizes: CPython ").append(output.python()).append(", 64-bit; cyclic garbage collector ")
                .append(output.gc().equals("on")
                        ? "on: the cyclic garbage a loop leaves is freed each time its threshold of container allocations is passed"
                        : "off: cyclic garbage stays until the call returns")
                .append(")\n");
        return b.toString();
    }

    /** Parses "n=1000" style bindings; the key may be any symbol text, e.g. "len(items)". */
    public static Map<String, Double> bindings(List<String> specs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--bind expects NAME=VALUE, got '" + spec + "'");
            }
            try {
                out.put(spec.substring(0, eq).trim(), Double.parseDouble(spec.substring(eq + 1).trim().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bind " + spec + ": '" + spec.substring(eq + 1) + "' is not a number");
            }
        }
        return out;
    }
}
