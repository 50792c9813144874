package dev.memlint.ast;

import java.util.List;

/** A parsed file (CPython's Module; type_ignores are not kept). */
public record Module(List<Stmt> body) implements Node {
}
