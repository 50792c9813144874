package dev.memlint.memory.size;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates, per function, the largest number of bytes it holds at once (its peak above what it was
 * given), as a formula of its parameters and their lengths, and the bytes still held by what it
 * returns. The function is run abstractly ({@link Interpreter}) with the module's own calls followed;
 * the cyclic garbage it leaves in loops is counted as the collector mode says.
 */
public final class PeakEstimator {

    /**
     * The estimate of one function; limits lists what the estimate could not follow; notEstimated
     * says why there is no estimate (then peak and retained are zero).
     */
    public record Estimate(Sym peak, Sym retained, boolean quadraticChurn, String churnSymbol, List<String> limits,
                           String notEstimated) {}

    private final SizeModel model;
    private final ModuleIndex index;
    private final CollectorMode mode;
    private final Set<Object> cyclicNodes;
    private final Map<Stmt.FunctionNode, String> owners = new IdentityHashMap<>();
    /** Module-level names and the values assigned to them, evaluated when a function reads them. */
    private final Map<String, dev.memlint.ast.Expr> moduleValues = new java.util.HashMap<>();
    private final Syntax syntax = new Syntax();
    /** Module containers that code run at import fills: their size is not their literal's. */
    private final Set<String> filledAtImport;
    /**
     * Those of them only decorators fill, with the definitions they decorate (see ImportTimeFills.byDecorators),
     * and module objects made by a call with the statements calling their methods at import (setUpByMethods).
     */
    private final Map<String, List<Stmt>> filledByDecorators;

    /**
     * @param cyclicNodes the syntax nodes (by identity) that make objects the heap analysis found in
     *                    cycles: dropped, they are garbage only the collector frees
     */
    public PeakEstimator(SizeModel model, ModuleIndex index, Module module, CollectorMode mode, Set<Object> cyclicNodes) {
        this.model = model;
        this.index = index;
        this.mode = mode;
        this.cyclicNodes = cyclicNodes;
        for (ModuleIndex.ClassInfo c : index.classes().values()) {
            for (Stmt.FunctionNode m : c.methods().values()) owners.put(m, c.name());
        }
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof dev.memlint.ast.Expr.Name n) {
                moduleValues.put(n.id(), a.value());
            } else if (s instanceof Stmt.AnnAssign a && a.value() != null && a.target() instanceof dev.memlint.ast.Expr.Name n) {
                moduleValues.put(n.id(), a.value());
            }
        }
        Set<String> containers = new java.util.HashSet<>();
        moduleValues.forEach((name, value) -> {
            if (value instanceof dev.memlint.ast.Expr.ListExpr || value instanceof dev.memlint.ast.Expr.DictExpr
                    || value instanceof dev.memlint.ast.Expr.SetExpr || value instanceof dev.memlint.ast.Expr.Call) {
                containers.add(name);
            }
        });
        filledAtImport = ImportTimeFills.of(module, containers);
        filledByDecorators = new java.util.HashMap<>(ImportTimeFills.byDecorators(module, filledAtImport));
        Set<String> instances = new java.util.HashSet<>();
        moduleValues.forEach((name, value) -> {
            if (value instanceof dev.memlint.ast.Expr.Call && !filledAtImport.contains(name)) instances.add(name);
        });
        filledByDecorators.putAll(ImportTimeFills.setUpByMethods(module, instances));
    }

    public Estimate estimate(Stmt.FunctionNode fn) {
        return walk(fn, true);
    }

    /**
     * Only whether the function copies a growing sequence in a loop (quadraticChurn and its symbol),
     * without the peak, which costs most of a walk; peak and retained are zero.
     */
    public Estimate churn(Stmt.FunctionNode fn) {
        return walk(fn, false);
    }

    private Estimate walk(Stmt.FunctionNode fn, boolean peaks) {
        Interpreter in = new Interpreter(model, index, mode, cyclicNodes, owners, moduleValues, filledAtImport, filledByDecorators, syntax);
        in.peaks = peaks;
        try {
            Interpreter.Result r = in.run(fn);
            return new Estimate(r.peak(), r.retained(), r.quadratic(), r.churnSymbol(), r.limits(), null);
        } catch (Interpreter.OverBudget e) {
            return new Estimate(Sym.ZERO, Sym.ZERO, false, null, List.copyOf(in.limits),
                    "too large to follow: more than " + Interpreter.BUDGET + " steps with its calls");
        }
    }
}
