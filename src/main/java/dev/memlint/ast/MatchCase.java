package dev.memlint.ast;

import java.util.List;

/** One case block of a match statement; guard may be null. */
public record MatchCase(Pattern pattern, Expr guard, List<Stmt> body) implements Node {
}
