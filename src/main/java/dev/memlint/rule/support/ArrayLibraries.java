package dev.memlint.rule.support;

import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.Set;

/**
 * Whether a module imports a library whose arrays slice into views (NumPy, pandas, PyTorch…): in
 * such files a slice of a value of unknown type may well not copy, so copy rules stay silent there.
 */
public final class ArrayLibraries {
    private static final Set<String> VIEW_SLICING = Set.of("numpy", "pandas", "torch", "jax", "tensorflow", "cupy",
            "dask", "xarray", "scipy", "polars", "pyarrow", "mxnet", "numba");

    private ArrayLibraries() {}

    public static boolean imported(Module module) {
        boolean[] found = {false};
        NodeChildren.walk(module, (Node n) -> {
            if (n instanceof Stmt.Import imp) {
                for (var a : imp.names()) found[0] |= VIEW_SLICING.contains(a.name().split("\\.", 2)[0]);
            } else if (n instanceof Stmt.ImportFrom f && f.level() == 0 && f.module() != null) {
                found[0] |= VIEW_SLICING.contains(f.module().split("\\.", 2)[0]);
            }
        });
        return found[0];
    }
}
