package dev.memlint.ast;

import java.util.List;

/** One for-clause of a comprehension with its if-clauses; isAsync is 1 for {@code async for}. */
public record Comprehension(Expr target, Expr iter, List<Expr> ifs, int isAsync) implements Node {
}
