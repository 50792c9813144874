package dev.memlint.parse;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.generated.PythonParser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a file with SLL prediction and builds it a statement at a time, so that only one
 * statement's parse tree is alive at once (a whole file's tree took about 200 bytes per byte of
 * source): a compound statement whole, a line of simple statements one by one (a generated file
 * may be a single line of millions of statements). The loop reads the top level as the grammar
 * does: {@code file_input: (NEWLINE | stmt)* EOF} and {@code simple_stmts: simple_stmt (SEMI
 * simple_stmt?)* NEWLINE}.
 */
final class StatementStream {
    private final PythonParser parser;
    private final TokenStream in;
    private final AstBuilder builder;
    private final List<Stmt> body = new ArrayList<>();

    private StatementStream(PythonParser parser, AstBuilder builder) {
        this.parser = parser;
        this.in = parser.getInputStream();
        this.builder = builder;
    }

    /**
     * The module; null when SLL prediction fails anywhere or the input leaves the shape this loop
     * reads (two semicolons in a row, a missing line break), and the whole file must be parsed
     * the way that finds and words errors. A statement the builder refuses throws.
     *
     * @param parser an SLL parser over the file's tokens, at the first
     */
    static Module build(PythonParser parser, AstBuilder builder) {
        StatementStream stream = new StatementStream(parser, builder);
        try {
            return stream.module() ? new Module(stream.body) : null;
        } catch (ParseCancellationException sllFailure) {
            return null;
        }
    }

    private boolean module() {
        for (int type = in.LA(1); type != Token.EOF; type = in.LA(1)) {
            if (type == PythonParser.NEWLINE) in.consume();
            else if (startsCompound(type)) {
                builder.statement(parser.stmt(), body);
                builder.nesting().check(body.get(body.size() - 1));
            }
            else if (!simpleStatements()) return false;
        }
        return true;
    }

    /** One line of simple statements, through its NEWLINE; false when it is not one. */
    private boolean simpleStatements() {
        add(builder.simple(parser.simple_stmt()));
        while (in.LA(1) == PythonParser.SEMI) {
            in.consume();
            int next = in.LA(1);
            if (next == PythonParser.SEMI) return false; // `a; ; b`: the builder words that error
            if (next != PythonParser.NEWLINE) add(builder.simple(parser.simple_stmt()));
        }
        if (in.LA(1) != PythonParser.NEWLINE) return false;
        in.consume();
        return true;
    }

    private void add(Stmt s) {
        builder.nesting().check(s);
        body.add(s);
    }

    /** The first tokens of compound_stmt's alternatives; every other statement is simple. */
    private static boolean startsCompound(int type) {
        return type == PythonParser.IF || type == PythonParser.WHILE || type == PythonParser.FOR
                || type == PythonParser.TRY || type == PythonParser.WITH || type == PythonParser.DEF
                || type == PythonParser.CLASS || type == PythonParser.AT || type == PythonParser.ASYNC
                || type == PythonParser.MATCH;
    }
}
