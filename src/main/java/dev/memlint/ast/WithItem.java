package dev.memlint.ast;

/** One context manager of a with statement; optionalVars may be null. */
public record WithItem(Expr contextExpr, Expr optionalVars) implements Node {
}
