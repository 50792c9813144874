package dev.memlint.parse;

import dev.memlint.ast.Module;

import java.util.List;

/** A parsed source file: its AST, its text, and its comments (for `# noqa` and friends). */
public record ParsedFile(Module module, SourceText source, List<Comment> comments) {
}
