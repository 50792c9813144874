package dev.memlint.parse;

import dev.memlint.parse.generated.PythonParser;
import dev.memlint.parse.generated.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.List;

/**
 * Turns the point where the parser gave up into CPython's message for the most common mistakes
 * ("expected ':'", "expected an indented block after ...", "unexpected indent", "Missing
 * parentheses in call to 'print'", "Perhaps you forgot a comma?"), else "invalid syntax".
 */
final class SyntaxErrorMapper {
    private final PythonParser parser;
    private final List<Token> tokens;

    private final PythonVersion version;

    SyntaxErrorMapper(PythonParser parser, List<Token> tokens, PythonVersion version) {
        this.version = version;
        this.parser = parser;
        this.tokens = tokens;
    }

    PythonSyntaxError map(RecognitionException cause, Token offending) {
        int index = offending.getTokenIndex();
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        ParserRuleContext ctx = cause != null && cause.getCtx() != null
                ? (ParserRuleContext) cause.getCtx() : parser.getContext();
        IntervalSet expected = expected(cause);

        PythonSyntaxError field = replacementField(ctx, previous, offending);
        if (field != null) return field;
        if (offending.getType() == PythonParser.INDENT && index + 1 < tokens.size()) {
            // CPython's column is the width of the indentation (in characters): it points at its last one.
            Token first = tokens.get(index + 1);
            int width = first.getCharPositionInLine();
            return new PythonSyntaxError("IndentationError", "unexpected indent", first.getLine(), width,
                    first.getLine(), width);
        }
        if (previous != null && previous.getType() == PythonParser.NEWLINE && expected.contains(PythonParser.INDENT)) {
            String what = blockOwner(ctx);
            if (what != null) {
                return error("IndentationError", "expected an indented block after " + what, offending);
            }
            return error("IndentationError", "expected an indented block", offending);
        }
        if (ctx instanceof Try_stmtContext && expected.contains(PythonParser.EXCEPT)
                && expected.contains(PythonParser.FINALLY)) {
            return error("SyntaxError", "expected 'except' or 'finally' block", offending);
        }
        if (offending.getType() == PythonParser.NEWLINE && previous != null && previous.getType() == PythonParser.COMMA
                && (ctx instanceof Import_targetsContext || ctx.getParent() instanceof Import_targetsContext)) {
            return error("SyntaxError", "trailing comma not allowed without surrounding parentheses", offending);
        }
        if (previous != null && previous.getType() == PythonParser.IMPORT && !startsName(offending.getType())
                && version.atLeast(PythonVersion.PY313)) {
            return error("SyntaxError", "Expected one or more names after 'import'", offending);
        }
        if (expected.contains(PythonParser.ELSE) && ctx instanceof TestContext && !expected.contains(PythonParser.NAME)) {
            return error("SyntaxError", "expected 'else' after 'if' expression", offending);
        }
        PythonSyntaxError parameters = missingParameters(ctx, offending);
        if (parameters != null) return parameters;
        PythonSyntaxError legacy = legacyPrint(index);
        if (legacy != null) return legacy;
        if (offending.getType() == PythonParser.NEWLINE && expected.contains(PythonParser.COLON)
                && isBlockHeader(ctx)) {
            return error("SyntaxError", "expected ':'", offending);
        }
        if (previous != null && endsExpression(previous.getType()) && startsExpression(offending.getType())
                && !nameAndString(previous, offending) && insideBrackets(index) && version.atLeast(PythonVersion.PY310)) {
            Token start = expressionStart(index - 1);
            return new PythonSyntaxError("SyntaxError", "invalid syntax. Perhaps you forgot a comma?",
                    start.getLine(), start.getCharPositionInLine() + 1, offending.getLine(),
                    offending.getCharPositionInLine() + 1);
        }
        return error("SyntaxError", "invalid syntax", offending);
    }

    private IntervalSet expected(RecognitionException cause) {
        try {
            if (cause != null && cause.getOffendingState() >= 0) return cause.getExpectedTokens();
            return parser.getExpectedTokens();
        } catch (RuntimeException e) {
            return new IntervalSet();
        }
    }

    /** From 3.12, CPython names what a replacement field lacks: its expression, its conversion, parentheses. */
    private PythonSyntaxError replacementField(ParserRuleContext ctx, Token previous, Token offending) {
        if (!version.atLeast(PythonVersion.PY312) || previous == null) return null;
        Fstring_fieldContext field = null;
        LambdefContext lambda = null;
        for (RuleContext c = ctx; c != null && field == null; c = c.parent) {
            if (c instanceof LambdefContext l) lambda = l;
            if (c instanceof Fstring_fieldContext f) field = f;
        }
        if (field == null) return null;
        String kind = field.getParent() instanceof TstringContext ? "t-string: " : "f-string: ";
        if (previous.getType() == PythonParser.LBRACE && offending.getType() == PythonParser.RBRACE) {
            return error("SyntaxError", kind + "valid expression required before '}'", offending);
        }
        if (previous.getType() == PythonParser.EXCLAMATION && offending.getType() != PythonParser.NAME) {
            return error("SyntaxError", kind + "missing conversion character", offending);
        }
        int index = offending.getTokenIndex();
        if (index >= 2 && tokens.get(index - 2).getType() == PythonParser.EXCLAMATION
                && offending.getType() != PythonParser.COLON) {
            return error("SyntaxError", kind + "expecting ':' or '}'", offending);
        }
        if (lambda != null && field.getChildCount() > 1 && field.getChild(1) instanceof ParserRuleContext expr
                && expr.getStart() == lambda.getStart()) {
            return error("SyntaxError", kind + "lambda expressions are not allowed without parentheses", lambda.getStart());
        }
        return null;
    }

    /**
     * From 3.11 CPython insists on the '(' after a function's name (and 3.12+ type parameters):
     * "expected '('" where it is missing; type parameters it could not read count as missing.
     * Null when the failure is elsewhere.
     */
    private PythonSyntaxError missingParameters(ParserRuleContext ctx, Token offending) {
        for (RuleContext c = ctx; c != null; c = c.parent) {
            if (c instanceof Type_paramsContext && c.parent instanceof FuncdefContext f && f.NAME() != null) {
                // Before 3.11 the '[' was as invalid, without a word about the '('.
                String message = version.atLeast(PythonVersion.PY311) ? "expected '('" : "invalid syntax";
                return error("SyntaxError", message, tokens.get(f.NAME().getSymbol().getTokenIndex() + 1));
            }
        }
        if (!version.atLeast(PythonVersion.PY311)) return null;
        if (offending.getType() == PythonParser.LPAR) return null;
        int name = offending.getTokenIndex() - 1;
        if (name > 0 && tokens.get(name).getType() == PythonParser.RSQB) name = openerBefore(name) - 1;
        if (name < 1 || tokens.get(name).getType() != PythonParser.NAME
                || tokens.get(name - 1).getType() != PythonParser.DEF) return null;
        return error("SyntaxError", "expected '('", version.atLeast(PythonVersion.PY312) ? offending : tokens.get(name + 1));
    }

    /** Index of the bracket that the closing bracket at {@code close} closes, or -1. */
    private int openerBefore(int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            int type = tokens.get(i).getType();
            if (isClose(type)) depth++;
            else if (isOpen(type) && --depth == 0) return i;
        }
        return -1;
    }

    private static PythonSyntaxError error(String kind, String message, Token at) {
        int col = at.getCharPositionInLine() + 1;
        return new PythonSyntaxError(kind, message, at.getLine(), col, at.getLine(), col);
    }

    /** "'if' statement on line 3", "function definition on line 1", ... for the block being opened. */
    private static String blockOwner(ParserRuleContext ctx) {
        for (RuleContext c = ctx; c != null; c = c.parent) {
            if (c instanceof BlockContext) continue;
            ParserRuleContext p = (ParserRuleContext) c;
            int line = p.getStart().getLine();
            if (c instanceof If_stmtContext) return statement("if", line);
            if (c instanceof Elif_clauseContext) return statement("elif", line);
            if (c instanceof Else_clauseContext) return statement("else", line);
            if (c instanceof While_stmtContext) return statement("while", line);
            if (c instanceof For_stmtContext) return statement("for", line);
            if (c instanceof With_stmtContext) return statement("with", line);
            if (c instanceof Try_stmtContext) return statement("try", line);
            if (c instanceof Finally_clauseContext) return statement("finally", line);
            if (c instanceof Except_clauseContext e) {
                return statement(e.STAR() != null ? "except*" : "except", line);
            }
            if (c instanceof Match_stmtContext) return statement("match", line);
            if (c instanceof Case_blockContext) return statement("case", line);
            if (c instanceof FuncdefContext) return "function definition on line " + line;
            if (c instanceof ClassdefContext) return "class definition on line " + line;
            return null;
        }
        return null;
    }


    private static String statement(String keyword, int line) {
        return "'" + keyword + "' statement on line " + line;
    }

    private static boolean isBlockHeader(ParserRuleContext ctx) {
        return ctx instanceof If_stmtContext || ctx instanceof Elif_clauseContext || ctx instanceof Else_clauseContext
                || ctx instanceof While_stmtContext || ctx instanceof For_stmtContext || ctx instanceof With_stmtContext
                || ctx instanceof Try_stmtContext || ctx instanceof Finally_clauseContext
                || ctx instanceof Except_clauseContext || ctx instanceof Match_stmtContext
                || ctx instanceof Case_blockContext || ctx instanceof FuncdefContext || ctx instanceof ClassdefContext;
    }

    /** `print "x"` / `exec "code"`: a Python 2 statement. */
    private PythonSyntaxError legacyPrint(int index) {
        if (index == 0) return null;
        Token name = tokens.get(index - 1);
        Token next = tokens.get(index);
        if (name.getType() != PythonParser.NAME) return null;
        String text = name.getText();
        if (!text.equals("print") && !text.equals("exec")) return null;
        if (next.getType() == PythonParser.LPAR || !startsExpression(next.getType())) return null;
        return new PythonSyntaxError("SyntaxError",
                "Missing parentheses in call to '" + text + "'. Did you mean " + text + "(...)?",
                name.getLine(), name.getCharPositionInLine() + 1, next.getLine(), next.getCharPositionInLine() + 1);
    }

    /** A name and a string (`t"x"` before 3.14, `u "x"`): CPython does not suggest a comma there. */
    private static boolean nameAndString(Token previous, Token offending) {
        int t = offending.getType();
        return previous.getType() == PythonParser.NAME
                && (t == PythonParser.STRING || t == PythonParser.FSTRING_START || t == PythonParser.TSTRING_START);
    }

    private boolean insideBrackets(int index) {
        int depth = 0;
        for (int i = index - 1; i >= 0; i--) {
            int type = tokens.get(i).getType();
            if (type == PythonParser.NEWLINE || type == PythonParser.INDENT || type == PythonParser.DEDENT) break;
            if (isClose(type)) depth++;
            else if (isOpen(type)) {
                if (depth == 0) return true;
                depth--;
            }
        }
        return false;
    }

    /** First token of the expression that ends at {@code last} (scanning back over brackets). */
    private Token expressionStart(int last) {
        int depth = 0;
        int i = last;
        for (; i >= 0; i--) {
            int type = tokens.get(i).getType();
            if (isClose(type)) depth++;
            else if (isOpen(type)) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && stopsExpression(type)) {
                break;
            }
        }
        return tokens.get(i + 1);
    }

    private static boolean isOpen(int t) {
        return t == PythonParser.LPAR || t == PythonParser.LSQB || t == PythonParser.LBRACE;
    }

    private static boolean isClose(int t) {
        return t == PythonParser.RPAR || t == PythonParser.RSQB || t == PythonParser.RBRACE;
    }

    private static boolean stopsExpression(int t) {
        switch (t) {
            case PythonParser.COMMA: case PythonParser.COLON: case PythonParser.EQUAL: case PythonParser.COLONEQUAL:
            case PythonParser.IF: case PythonParser.ELSE: case PythonParser.FOR: case PythonParser.ASYNC:
            case PythonParser.LAMBDA: case PythonParser.YIELD: case PythonParser.RETURN: case PythonParser.FROM:
            case PythonParser.NEWLINE: case PythonParser.INDENT: case PythonParser.DEDENT: case PythonParser.SEMI:
            case PythonParser.EXCLAMATION: case PythonParser.FSTRING_MIDDLE: case PythonParser.TSTRING_MIDDLE:
            case PythonParser.DOUBLESTAR: case PythonParser.STAR:
                return true;
            default:
                return false;
        }
    }

    static boolean endsExpression(int t) {
        switch (t) {
            case PythonParser.NAME: case PythonParser.NUMBER: case PythonParser.STRING: case PythonParser.FSTRING_END:
            case PythonParser.TSTRING_END: case PythonParser.RPAR: case PythonParser.RSQB: case PythonParser.RBRACE:
            case PythonParser.NONE: case PythonParser.TRUE: case PythonParser.FALSE: case PythonParser.ELLIPSIS:
                return true;
            default:
                return false;
        }
    }

    private static boolean startsName(int t) {
        return t == PythonParser.NAME || t == PythonParser.LPAR || t == PythonParser.STAR || t == PythonParser.DOT
                || t == PythonParser.ELLIPSIS;
    }

    static boolean startsExpression(int t) {
        switch (t) {
            case PythonParser.NAME: case PythonParser.NUMBER: case PythonParser.STRING: case PythonParser.FSTRING_START:
            case PythonParser.TSTRING_START: case PythonParser.LPAR: case PythonParser.LSQB: case PythonParser.LBRACE:
            case PythonParser.NONE: case PythonParser.TRUE: case PythonParser.FALSE: case PythonParser.ELLIPSIS:
            case PythonParser.MINUS: case PythonParser.PLUS: case PythonParser.TILDE: case PythonParser.NOT:
            case PythonParser.LAMBDA: case PythonParser.AWAIT: case PythonParser.MATCH: case PythonParser.CASE:
            case PythonParser.TYPE: case PythonParser.UNDERSCORE:
                return true;
            default:
                return false;
        }
    }
}
