package dev.memlint.parse;

import dev.memlint.ast.Module;
import dev.memlint.parse.generated.PythonLexer;
import dev.memlint.parse.generated.PythonParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

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
            return parseText(SourceDecoder.decode(content), target);
        } catch (PythonSyntaxError e) {
            ParseStats.syntaxError();
            throw e;
        } catch (StackOverflowError e) {
            ParseStats.syntaxError();
            throw new PythonSyntaxError("MemoryError", "Parser stack overflowed - Python source too complex to parse",
                    1, 1, 1, 1);
        }
    }

    static ParsedFile parseText(String text, PythonVersion target) {
        SourceText source = new SourceText(text);
        try {
            return parseSource(source, target);
        } catch (PythonSyntaxError e) {
            throw OldParserWording.applies(target) ? OldParserWording.reworded(e, source, target) : e;
        }
    }

    private static ParsedFile parseSource(SourceText source, PythonVersion target) {
        String text = source.text();
        Tokens tokens = Tokens.read(text, target, true);
        if (!target.atLeast(PythonVersion.PY312)) {
            LegacyFstrings.Unterminated old = LegacyFstrings.firstUnterminated(tokens.list, source);
            if (old != null) tokens.cut(old.index(), old.error());
            else if (tokens.lexError != null) {
                tokens.lexError = LegacyFstrings.atLexicalError(tokens.list, tokens.lexError, source, target);
            }
        }
        SoftKeywords.resolve(tokens.list);
        if (!target.atLeast(PythonVersion.PY310)) refuseMatch(tokens);
        Module module;
        AstBuilder builder = new AstBuilder(source, target, tokens.list);
        try {
            module = buildByStatement(tokens, builder, target);
            if (module == null) {
                PythonParser.File_inputContext tree = parseTokens(tokens, source, target);
                builder = new AstBuilder(source, target, tokens.list);
                module = builder.module(tree);
            }
        } catch (PythonSyntaxError e) {
            if (NestingLimits.isParserOverflow(e)) throw e; // not a SyntaxError: CPython reads no further
            throw FirstError.of(e, tokens, target);
        }
        if (tokens.lexError != null) throw tokens.lexError;
        builder.nesting().throwIfTooDeepToCompile();
        return new ParsedFile(module, source, tokens.comments);
    }

    /**
     * Before 3.10 `match x:` is a name followed by another expression: invalid at the subject. The
     * parser reports it when it gets there, so the tokens end at the first match statement.
     */
    private static void refuseMatch(Tokens tokens) {
        List<Token> list = tokens.list;
        for (int i = 0; i + 1 < list.size(); i++) {
            if (list.get(i).getType() == PythonParser.MATCH) {
                Token subject = list.get(i + 1);
                tokens.cut(i, new PythonSyntaxError("invalid syntax", subject.getLine(), subject.getCharPositionInLine() + 1));
                tokens.parserErrorAtEnd = true;
                return;
            }
        }
    }

    /**
     * The module built statement by statement ({@link StatementStream}); null when the whole file
     * must be parsed again the way that finds and words errors: SLL prediction failed, or (for
     * 3.8, which checked statements only once the whole file had parsed, so that a syntax error
     * further on comes first) the builder refused a statement.
     */
    private static Module buildByStatement(Tokens tokens, AstBuilder builder, PythonVersion target) {
        try {
            return StatementStream.build(parser(tokens.list, PredictionMode.SLL), builder);
        } catch (PythonSyntaxError refused) {
            if (target == PythonVersion.PY38) return null;
            throw refused;
        }
    }

    static PythonParser.File_inputContext parseTokens(Tokens tokens, SourceText source, PythonVersion target) {
        PythonParser.File_inputContext sll = trySll(tokens.list);
        if (sll != null) return sll;
        PythonParser parser = parser(tokens.list, PredictionMode.LL);
        try {
            PythonParser.File_inputContext tree = parser.file_input();
            ParseStats.llFallback();
            return tree;
        } catch (ParseCancellationException llFailure) {
            RecognitionException cause = llFailure.getCause() instanceof RecognitionException r ? r : null;
            Token offending = cause != null && cause.getOffendingToken() != null
                    ? cause.getOffendingToken() : parser.getCurrentToken();
            if (tokens.lexError != null && (offending.getTokenIndex() >= tokens.list.size() - 1
                    || readsOnToLexError(tokens.list, offending, target))) {
                // The parser ran into the point where the lexer failed. Errors the builder finds before
                // it come first in 3.9 (its parser checked as it went), and from 3.10 when the lexer only
                // found a bracket left open (not a tokenizer error there); 3.8 checked after parsing;
                // all come before an error CPython's parser finds there.
                if (tokens.parserErrorAtEnd || target == PythonVersion.PY39 || target.atLeast(PythonVersion.PY310)
                        && tokens.lexError.getMessage().endsWith("was never closed")) {
                    checkStatementsBefore(offending, tokens.list, source, target);
                }
                throw tokens.lexError;
            }
            tokens.lookaheadLine = lookaheadLine(tokens.list, offending);
            PythonSyntaxError error = new SyntaxErrorMapper(parser, tokens.list, target).map(cause, offending);
            checkStatementsBefore(offending, tokens.list, source, target);
            if (!target.atLeast(PythonVersion.PY312)) {
                PythonSyntaxError legacy = LegacyFstrings.atParseFailure(tokens.list, offending, source, target);
                // 3.8 parsed an f-string as a plain string and read it after parsing, which a tokenizer error stopped.
                if (legacy != null) throw target == PythonVersion.PY38 && tokens.lexError != null ? tokens.lexError : legacy;
            }
            if (EndOfInput.reached(offending, tokens.list)) {
                error = EndOfInput.moved(error, source);
                if (OldParserWording.applies(target)) error = OldParserWording.atEndOfInput(error, source, target);
            }
            throw error;
        }
    }

    /**
     * From 3.10, when CPython's error pass reads on from the failing token, if the tokenizer fails on
     * the next one, that is the error reported.
     */
    private static boolean readsOnToLexError(List<Token> tokens, Token offending, PythonVersion target) {
        int i = offending.getTokenIndex();
        return target.atLeast(PythonVersion.PY310) && i == tokens.size() - 2 && continuesExpression(tokens, offending);
    }

    /**
     * Whether the parser failed at what CPython's error pass reads on from: an expression or an '='
     * right after an expression ("Perhaps you forgot a comma?", "Maybe you meant '=='").
     */
    private static boolean continuesExpression(List<Token> tokens, Token offending) {
        int i = offending.getTokenIndex();
        return i > 0 && SyntaxErrorMapper.endsExpression(tokens.get(i - 1).getType())
                && (SyntaxErrorMapper.startsExpression(offending.getType()) || offending.getType() == PythonParser.EQUAL);
    }

    /**
     * The line of the furthest token CPython's parser read (as far as known): the token after the
     * failing one when the error pass reads on from there.
     */
    private static int lookaheadLine(List<Token> tokens, Token offending) {
        int next = offending.getTokenIndex() + 1;
        if (!continuesExpression(tokens, offending) || next >= tokens.size()
                || tokens.get(next).getType() == Token.EOF) return offending.getLine();
        return tokens.get(next).getLine();
    }

    private static PythonParser parser(List<Token> tokens, PredictionMode mode) {
        PythonParser parser = new PythonParser(new TokenArrayStream(tokens));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(mode);
        return parser;
    }

    /** The parse tree with SLL prediction, or null when that fails. */
    private static PythonParser.File_inputContext trySll(List<Token> tokens) {
        try {
            return parser(tokens, PredictionMode.SLL).file_input();
        } catch (ParseCancellationException sllFailure) {
            return null;
        }
    }

    /**
     * CPython stops at the first error in the file. Errors the builder finds (bad targets,
     * `except A, e:` ...) come after parsing, so when parsing failed, the statements before the
     * failing line are built on their own: an error among them comes first.
     */
    private static void checkStatementsBefore(Token offending, List<Token> tokens, SourceText source,
                                              PythonVersion target) {
        int end = lineStart(tokens, offending.getTokenIndex());
        // A block header whose body starts on the failing line would have no body: leave it out too.
        while (end > 1 && tokens.get(end - 2).getType() == PythonParser.COLON) end = lineStart(tokens, end - 1);
        if (end == 0) return;
        List<Token> prefix = new ArrayList<>(tokens.subList(0, end));
        int open = 0;
        for (Token t : prefix) {
            if (t.getType() == PythonParser.INDENT) open++;
            else if (t.getType() == PythonParser.DEDENT) open--;
        }
        Token last = prefix.get(end - 1);
        for (int i = 0; i < open; i++) prefix.add(synthetic(PythonParser.DEDENT, last, prefix.size()));
        prefix.add(synthetic(Token.EOF, last, prefix.size()));
        PythonParser.File_inputContext tree = trySll(prefix);
        if (tree == null) return;
        new AstBuilder(source, target, prefix).module(tree);
    }

    /** Index of the first token of the logical line holding token {@code index}. */
    private static int lineStart(List<Token> tokens, int index) {
        int i = index;
        while (i > 0 && tokens.get(i - 1).getType() != PythonParser.NEWLINE) i--;
        return i;
    }

    private static Token synthetic(int type, Token after, int index) {
        CommonToken t = new CommonToken(type, "");
        t.setLine(after.getLine());
        t.setCharPositionInLine(after.getCharPositionInLine());
        t.setTokenIndex(index);
        return t;
    }

    /** The default-channel tokens, the comments, and a lexical error met on the way (if any). */
    static final class Tokens {
        final List<Token> list = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        PythonSyntaxError lexError;
        /** Where the lexer failed: whether inside an f-string or t-string, and the innermost bracket left open. */
        boolean lexErrorInFormattedString;
        PythonSyntaxError unclosedAtLexError;
        /** The line of the furthest token CPython's parser read before failing; 0 when not known. */
        int lookaheadLine;
        /** The tokens were cut where CPython's parser (not its tokenizer) fails: {@link #lexError} is that error. */
        boolean parserErrorAtEnd;

        static Tokens read(String text) {
            return read(text, PythonVersion.LATEST, true);
        }

        /** shortcuts: whether the lexer may make the commonest tokens itself (off only to test that it may). */
        static Tokens read(String text, boolean shortcuts) {
            return read(text, PythonVersion.LATEST, shortcuts);
        }

        static Tokens read(String text, PythonVersion target, boolean shortcuts) {
            Tokens t = new Tokens();
            PythonLexer lexer = new PythonLexer(StringCharStream.of(text));
            lexer.removeErrorListeners();
            ((PythonLexerBase) lexer).target(target);
            if (!shortcuts) ((PythonLexerBase) lexer).disableShortcuts();
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
                t.lexErrorInFormattedString = ((PythonLexerBase) lexer).insideFormattedString();
                t.unclosedAtLexError = ((PythonLexerBase) lexer).innermostUnclosedBracket();
                Token last = t.list.isEmpty() ? null : t.list.get(t.list.size() - 1);
                if (last == null || last.getType() != Token.EOF) t.addEof(e.line(), e.column() - 1);
            }
            return t;
        }

        /** Ends the tokens before {@code index} as if the lexer had failed there with {@code error}. */
        void cut(int index, PythonSyntaxError error) {
            Token at = list.get(index);
            list.subList(index, list.size()).clear();
            lexError = error;
            lexErrorInFormattedString = false;
            unclosedAtLexError = null;
            addEof(at.getLine(), at.getCharPositionInLine());
        }

        private void addEof(int line, int column) {
            CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
            eof.setLine(line);
            eof.setCharPositionInLine(Math.max(0, column));
            eof.setTokenIndex(list.size());
            list.add(eof);
        }
    }
}
