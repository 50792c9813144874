package dev.memlint.oracle;

import java.nio.file.Path;
import java.util.List;

/**
 * A program that runs src/test/python/ast_dump.py: it reads file paths on stdin and writes one
 * JSON line per path (CPython's tree in AstJson's format, or an error record).
 */
interface AstOracle {
    /** For reports: "CPython 3.13.0". */
    String label();

    /** The command to start. */
    List<String> command();

    /** Everything besides the input files that decides the output (for the dump cache). */
    String cacheKey();

    /**
     * The error that CPython's full compile() (symbol table and compiler included, beyond ast.parse)
     * gives for a file, as "line: message", or null when it compiles or this oracle cannot tell.
     */
    default String compileError(Path file) {
        return null;
    }
}
