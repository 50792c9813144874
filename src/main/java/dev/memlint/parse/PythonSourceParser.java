package dev.memlint.parse;

import dev.memlint.ast.Module;
import dev.memlint.parse.generated.PythonLexer;
import dev.memlint.parse.generated.PythonParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Python source into memlint's AST. Two stages: the fast SLL prediction with bail-out
 * first, and only when that fails a full LL reparse that either succeeds (counted as an LL
 * fallback) or locates the syntax error, which is reported with CPython's wording. Nothing but
 * {@link PythonSyntaxError} ever leaves this class.
 */
public final class PythonSourceParser {
    private PythonSourceParser() {}

    public static ParsedFile parse(byte[] content, PythonVersion target) throws PythonSyntaxError {
        ParseStats.file();
        try {
            return parseText(decode(content), target);
        } catch (PythonSyntaxError e) {
            ParseStats.syntaxError();
            throw e;
        } catch (StackOverflowError e) {
            ParseStats.syntaxError();
            throw new PythonSyntaxError("MemoryError", "Parser stack overflowed - Python source too complex to parse",
                    1, 1, 1, 1);
        }
    }

    // TODO replace with the lexer helper's SourceDecoder once it is on main.
    private static String decode(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static ParsedFile parseText(String text, PythonVersion target) {
        SourceText source = new SourceText(text);
        Tokens tokens = Tokens.read(text);
        SoftKeywords.resolve(tokens.list);
        PythonParser.File_inputContext tree = parseTokens(tokens, source);
        Module module = new AstBuilder(source, target, tokens.list).module(tree);
        if (tokens.lexError != null) throw tokens.lexError;
        return new ParsedFile(module, source, tokens.comments);
    }

    static PythonParser.File_inputContext parseTokens(Tokens tokens, SourceText source) {
        PythonParser parser = new PythonParser(new CommonTokenStream(new ListTokenSource(tokens.list)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.file_input();
        } catch (ParseCancellationException sllFailure) {
            // fall through to the full-context reparse
        }
        parser = new PythonParser(new CommonTokenStream(new ListTokenSource(tokens.list)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            PythonParser.File_inputContext tree = parser.file_input();
            ParseStats.llFallback();
            return tree;
        } catch (ParseCancellationException llFailure) {
            RecognitionException cause = llFailure.getCause() instanceof RecognitionException r ? r : null;
            Token offending = cause != null && cause.getOffendingToken() != null
                    ? cause.getOffendingToken() : parser.getCurrentToken();
            if (tokens.lexError != null && offending.getTokenIndex() >= tokens.list.size() - 1) {
                throw tokens.lexError; // the parser ran into the point where the lexer failed
            }
            throw new SyntaxErrorMapper(parser, tokens.list, source).map(cause, offending);
        }
    }

    /** The default-channel tokens, the comments, and a lexical error met on the way (if any). */
    static final class Tokens {
        final List<Token> list = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        PythonSyntaxError lexError;

        static Tokens read(String text) {
            Tokens t = new Tokens();
            PythonLexer lexer = new PythonLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            try {
                for (Token tok = lexer.nextToken(); ; tok = lexer.nextToken()) {
                    if (tok.getChannel() != Token.DEFAULT_CHANNEL) {
                        if (tok.getType() == PythonLexer.COMMENT) {
                            t.comments.add(new Comment(tok.getLine(), tok.getCharPositionInLine(), tok.getText()));
                        }
                        continue;
                    }
                    ((CommonToken) tok).setTokenIndex(t.list.size());
                    t.list.add(tok);
                    if (tok.getType() == Token.EOF) break;
                }
            } catch (PythonSyntaxError e) {
                // Report it only if the parser gets that far: an earlier syntax error wins, as in CPython.
                t.lexError = e;
                CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
                Token last = t.list.isEmpty() ? null : t.list.get(t.list.size() - 1);
                eof.setLine(e.line());
                eof.setCharPositionInLine(Math.max(0, e.column() - 1));
                eof.setTokenIndex(t.list.size());
                if (last == null || last.getType() != Token.EOF) t.list.add(eof);
            }
            return t;
        }
    }
}
