package dev.memlint.rule.support;

import dev.memlint.ast.Alias;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.SemanticModel;

import java.util.List;
import java.util.Set;

/**
 * What a module imports that changes what some rules may say, read in one pass over the module
 * and shared by every rule of the file:
 * <ul>
 *   <li>test code: it imports unittest, pytest or CPython's test package at its top. Tests collect
 *   garbage on purpose and make a handful of objects, so some memory rules skip them;</li>
 *   <li>weakref, at its top: weakly referenced instances would need "__weakref__" in their slots;</li>
 *   <li>a library whose arrays slice into views (NumPy, pandas, PyTorch…), anywhere: a slice of a
 *   value of unknown type may then well not copy, so copy rules stay silent.</li>
 * </ul>
 */
public final class ModuleImports {
    private static final Set<String> VIEW_SLICING = Set.of("numpy", "pandas", "torch", "jax", "tensorflow", "cupy",
            "dask", "xarray", "scipy", "polars", "pyarrow", "mxnet", "numba");

    /** The module this thread checks last: the rules of one file all ask about the same one. */
    private static final ThreadLocal<ModuleImports> LAST = new ThreadLocal<>();

    private final SemanticModel model;
    private boolean testModule;
    private boolean weakref;
    private boolean arrayLibrary;

    private ModuleImports(SemanticModel model) {
        this.model = model;
        for (Node n : model.nodes()) {
            if (n instanceof Stmt.Import i) {
                imported(i.names().stream().map(Alias::name).toList(), model.parent(i) == model.module());
            } else if (n instanceof Stmt.ImportFrom f && f.module() != null) {
                boolean atTop = model.parent(f) == model.module();
                weakref |= atTop && f.module().equals("weakref"); // from .weakref import ... too
                if (f.level() == 0) {
                    imported(List.of(f.module()), atTop);
                }
            }
        }
    }

    public static ModuleImports of(SemanticModel model) {
        ModuleImports last = LAST.get();
        if (last == null || last.model != model) {
            last = new ModuleImports(model);
            LAST.set(last);
        }
        return last;
    }

    /** Drops this thread's cached answers, which hold their model: call when done with the file. */
    public static void forgetLast() {
        LAST.remove();
    }

    private void imported(List<String> modules, boolean atTop) {
        for (String name : modules) {
            arrayLibrary |= VIEW_SLICING.contains(name.split("\\.", 2)[0]);
            if (atTop) {
                testModule |= name.equals("unittest") || name.startsWith("unittest.") || name.equals("pytest")
                        || name.equals("test") || name.startsWith("test.");
                weakref |= name.equals("weakref");
            }
        }
    }

    public boolean testModule() {
        return testModule;
    }

    public boolean weakref() {
        return weakref;
    }

    public boolean arrayLibrary() {
        return arrayLibrary;
    }
}
