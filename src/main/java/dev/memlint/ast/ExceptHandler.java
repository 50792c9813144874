package dev.memlint.ast;

import java.util.List;

/** An except clause; type and name may be null. */
public record ExceptHandler(Expr type, String name, List<Stmt> body, Pos pos) implements Located {
}
