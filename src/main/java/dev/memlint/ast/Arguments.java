package dev.memlint.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A parameter list (CPython's arguments). {@code kwDefaults} has one entry per keyword-only
 * parameter, null where it has no default; {@code defaults} belong to the last positional ones.
 */
public record Arguments(List<Arg> posonlyargs, List<Arg> args, Arg vararg, List<Arg> kwonlyargs,
                        List<Expr> kwDefaults, Arg kwarg, List<Expr> defaults) implements Node {
    /** Every parameter's name, as the function binds them: positional-only, positional, *args, keyword-only, **kwargs. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        posonlyargs.forEach(a -> out.add(a.arg()));
        args.forEach(a -> out.add(a.arg()));
        if (vararg != null) out.add(vararg.arg());
        kwonlyargs.forEach(a -> out.add(a.arg()));
        if (kwarg != null) out.add(kwarg.arg());
        return out;
    }
}
