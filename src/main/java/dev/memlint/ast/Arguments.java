package dev.memlint.ast;

import java.util.List;

/**
 * A parameter list (CPython's arguments). {@code kwDefaults} has one entry per keyword-only
 * parameter, null where it has no default; {@code defaults} belong to the last positional ones.
 */
public record Arguments(List<Arg> posonlyargs, List<Arg> args, Arg vararg, List<Arg> kwonlyargs,
                        List<Expr> kwDefaults, Arg kwarg, List<Expr> defaults) implements Node {
}
