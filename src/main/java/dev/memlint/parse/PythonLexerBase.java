package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

import java.util.HashMap;
import java.util.Map;

/**
 * Superclass of the generated PythonLexer: turns its raw tokens into the token stream of
 * CPython's tokenizer (see TOKENS.md).
 *
 * <p>The grammar only cuts text into pieces. This class keeps the state that needs memory:
 * the indentation stack (INDENT/DEDENT, TabError), NEWLINE versus dropped NL, the bracket
 * stack, and the f-string/t-string context stack that decides when a replacement field ends
 * or its format spec begins. Lexical errors are thrown as {@link PythonSyntaxError} with
 * CPython's message and position (1-based columns in code points).
 */
public abstract class PythonLexerBase extends Lexer {
    /** CPython's MAXLEVEL: brackets nested deeper are "too many nested parentheses". */
    private static final int MAX_BRACKET_DEPTH = 200;
    /** CPython's MAXINDENT. */
    private static final int MAX_INDENT_LEVELS = 100;
    private static final int TAB_SIZE = 8;
    /** CPython's MAX_EXPR_NESTING: replacement fields nested in format specs of one literal. */
    private static final int MAX_FIELD_NESTING = 3;
    /** CPython's MAXFSTRINGLEVEL (3.12+): its tokenizer-mode stack, the first entry of which is the plain mode. */
    private static final int MAX_FSTRING_LEVEL = 150;

    private static final int STRING_F = 1;
    private static final int STRING_T = 2;
    private static final int FIELD = 3;

    // Tokens waiting to be returned (INDENT/DEDENT before a line's first token, EOF tail).
    private Token[] queue = new Token[8];
    private int queueHead;
    private int queueTail;

    // Indentation stack in CPython's two measures: tabs to multiples of 8, and tabs as 1.
    private final int[] indentCols = new int[MAX_INDENT_LEVELS + 1];
    private final int[] indentAltCols = new int[MAX_INDENT_LEVELS + 1];
    private int indentLevel;
    private boolean atLineStart = true;
    // A logical line that starts with whitespace and a backslash-newline: CPython counts the
    // indentation on across the joined lines, and the column of the first such backslash (when not
    // zero) is the line's indentation. Columns carried to the next physical line, and that column.
    private int joinedCol, joinedAltCol, firstJoinCol;
    private boolean joinedAtLineStart;

    // Open brackets, innermost last.
    private final char[] bracketChars = new char[MAX_BRACKET_DEPTH + 1];
    private final int[] bracketLines = new int[MAX_BRACKET_DEPTH + 1];
    private final int[] bracketColumns = new int[MAX_BRACKET_DEPTH + 1];
    private int bracketDepth;

    // f-/t-string contexts, innermost last: a literal (STRING_F/STRING_T) or a replacement FIELD.
    // For a literal: its body mode, and where it starts; for a field: the bracket depth outside it.
    private int[] contextKind = new int[8];
    private int[] contextValue = new int[8];
    private int[] contextLine = new int[8];
    private int[] contextColumn = new int[8];
    private int contextTop = -1;

    // Where the last backslash-newline ended: a file may not end right after one.
    private int lastLineJoinEnd = -1;

    // Whether t"..." is a t-string (3.14+) rather than the name t and a string.
    protected boolean tStrings = true;
    // Whether f-strings nest at most MAX_FSTRING_LEVEL - 1 deep (3.12+; before, an f-string was one token).
    private boolean fstringLimit = true;
    private boolean bracketsOverflowParser;

    // One String per distinct name: the tree keeps a name's text for every use of it.
    private final Map<String, String> names = new HashMap<>();

    protected PythonLexerBase(CharStream input) {
        super(input);
        text = input instanceof StringCharStream s ? s : null;
    }

    @Override
    public Token nextToken() {
        if (queueHead != queueTail) {
            return dequeue();
        }
        for (;;) {
            Token token = null;
            if (text != null) {
                skipBlanks();
                token = commonToken();
            }
            if (token == null) token = super.nextToken();
            int type = token.getType();
            if (type == PythonLexer.NEWLINE) {
                fixLoneCarriageReturn();
                if (bracketDepth > 0 || atLineStart) {
                    if (bracketDepth == 0) forgetJoinedIndent(); // a blank line ends the joined one
                    continue; // NL: inside brackets, or a blank / comment-only line
                }
                atLineStart = true;
                return token;
            }
            if (type == PythonLexer.COMMENT) {
                return token;
            }
            if (type == PythonLexer.LINE_JOIN) {
                fixLoneCarriageReturn();
                lastLineJoinEnd = token.getStopIndex() + 1;
                if (atLineStart && bracketDepth == 0) joinAtLineStart(token);
                continue;
            }
            if (type == Token.EOF) {
                return endOfFile(token);
            }
            if (atLineStart) {
                atLineStart = false;
                indent(token);
            }
            if (!classify((CommonToken) token)) {
                continue;
            }
            if (queueHead != queueTail) {
                enqueue(token);
                return dequeue();
            }
            return token;
        }
    }

    /**
     * Keywords and soft keywords by their text, read from the grammar's vocabulary (in a holder
     * class: the vocabulary exists only once the generated subclass is initialised).
     */
    private static final class Keywords {
        static final Map<String, Integer> BY_TEXT = new HashMap<>();

        static {
            Vocabulary v = PythonLexer.VOCABULARY;
            for (int type = 1; type <= v.getMaxTokenType(); type++) {
                String literal = v.getLiteralName(type);
                if (literal != null && literal.length() > 2 && (Character.isLetter(literal.charAt(1)) || literal.charAt(1) == '_')) {
                    BY_TEXT.put(literal.substring(1, literal.length() - 1), type);
                }
            }
        }
    }

    /**
     * The input when it is memlint's own stream, which the shortcuts below read directly; null to
     * lex through the grammar alone (ANTLR's streams, and the test that compares the two).
     */
    private StringCharStream text;

    void disableShortcuts() {
        text = null;
    }

    /**
     * Reads the syntax of {@code target}: before 3.14 t"..." is the name t followed by a string;
     * from 3.12 f-strings nest at most 149 deep; 3.8's parser overflows before its tokenizer's bracket limit.
     */
    void target(PythonVersion target) {
        tStrings = target.atLeast(PythonVersion.PY314);
        fstringLimit = target.atLeast(PythonVersion.PY312);
        bracketsOverflowParser = !target.atLeast(PythonVersion.PY39);
    }

    /** Whether the lexer is inside an f-string or t-string (CPython's tokenizer-mode stack is not empty). */
    boolean insideFormattedString() {
        return contextTop >= 0;
    }

    /** "'(' was never closed" for the innermost bracket still open, or null when none is. */
    PythonSyntaxError innermostUnclosedBracket() {
        if (bracketDepth == 0) return null;
        int i = bracketDepth - 1;
        return new PythonSyntaxError("SyntaxError", "'" + bracketChars[i] + "' was never closed",
                bracketLines[i], bracketColumns[i] + 1, bracketLines[i], bracketColumns[i] + 1);
    }

    /**
     * The next token when it is one of the commonest plain kinds (an ASCII name or keyword, a line
     * break, a comment, single-character punctuation), made here as the grammar's rules would make
     * it; null for anything else, which goes through ANTLR's lexer. These kinds are over four tokens
     * in five and were most of the lexer's time. A name followed by a quote (a string prefix) or by
     * a non-ASCII character, and a character that may begin a longer token, are left to the grammar.
     */
    private Token commonToken() {
        if (_mode != DEFAULT_MODE) return null;
        StringCharStream in = text;
        int start = in.index();
        int c = in.at(start);
        int end = start + 1; // exclusive
        int type;
        int channel = DEFAULT_TOKEN_CHANNEL;
        String name = null;
        if (isNameStart(c)) {
            int next;
            while (isNamePart(next = in.at(end))) end++;
            if (next == '\'' || next == '"' || next >= 128) return null;
            String spelled = in.getText(start, end);
            String known = names.putIfAbsent(spelled, spelled);
            name = known != null ? known : spelled;
            type = Keywords.BY_TEXT.getOrDefault(name, PythonLexer.NAME);
        } else {
            switch (c) {
                case '\n' -> type = PythonLexer.NEWLINE;
                case '(' -> type = PythonLexer.LPAR;
                case ')' -> type = PythonLexer.RPAR;
                case '[' -> type = PythonLexer.LSQB;
                case ']' -> type = PythonLexer.RSQB;
                case '{' -> type = PythonLexer.LBRACE;
                case '}' -> type = PythonLexer.RBRACE;
                case ',' -> type = PythonLexer.COMMA;
                case ';' -> type = PythonLexer.SEMI;
                case '~' -> type = PythonLexer.TILDE;
                case '.' -> {
                    int next = in.at(end);
                    if (next == '.' || next >= '0' && next <= '9') return null; // `...`, `.5`
                    type = PythonLexer.DOT;
                }
                case ':' -> {
                    if (in.at(end) == '=') return null;
                    type = PythonLexer.COLON;
                }
                case '=' -> {
                    if (in.at(end) == '=') return null;
                    type = PythonLexer.EQUAL;
                }
                case '#' -> {
                    int next;
                    while ((next = in.at(end)) != '\n' && next != '\r' && next != CharStream.EOF) end++;
                    type = PythonLexer.COMMENT;
                    channel = HIDDEN;
                }
                default -> {
                    return null;
                }
            }
        }
        int line = getLine();
        int column = getCharPositionInLine();
        CommonToken token = new CommonToken(_tokenFactorySourcePair, type, channel, start, end - 1);
        token.setLine(line);
        token.setCharPositionInLine(column);
        if (name != null) token.setText(name);
        in.seek(end);
        if (type == PythonLexer.NEWLINE) {
            setLine(line + 1);
            setCharPositionInLine(0);
        } else {
            setCharPositionInLine(column + end - start);
        }
        return token;
    }

    private static boolean isNameStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9';
    }

    /**
     * Skips the blanks before the next token of code, as the grammar's WS rule would: about as many
     * blanks as tokens separate them, and a skipped token costs a whole round through ANTLR's lexer.
     * (The indentation is measured from the line's text, so skipping it here changes nothing.)
     */
    private void skipBlanks() {
        if (_mode != DEFAULT_MODE) return; // in a string body blanks are text
        StringCharStream in = text;
        int start = in.index();
        int end = start;
        for (int c = in.at(end); c == ' ' || c == '\t' || c == '\f'; c = in.at(end)) end++;
        if (end > start) {
            in.seek(end);
            setCharPositionInLine(getCharPositionInLine() + end - start);
        }
    }

    // ------------------------------------------------------------------ per-token work

    /** Checks and rewrites one raw token; false when it is to be dropped. */
    private boolean classify(CommonToken token) {
        switch (token.getType()) {
            case PythonLexer.LPAR: openBracket(token, '('); return true;
            case PythonLexer.LSQB: openBracket(token, '['); return true;
            case PythonLexer.LBRACE: openBracket(token, '{'); return true;
            case PythonLexer.RPAR: closeBracket(token, ')'); return true;
            case PythonLexer.RSQB: closeBracket(token, ']'); return true;
            case PythonLexer.RBRACE: closeBracket(token, '}'); return true;
            case PythonLexer.COLON: maybeStartFormatSpec(token); return true;
            case PythonLexer.COLONEQUAL: splitWalrusInField(token); return true;
            case PythonLexer.NUMBER: checkEndOfNumber(token); return true;
            case PythonLexer.FSTRING_START:
                if (fstringLimit && openStrings() + 2 > MAX_FSTRING_LEVEL) {
                    // CPython points at the last character of the f-string's start.
                    throw error("too many nested f-strings", token.getLine(),
                            token.getCharPositionInLine() + token.getText().length());
                }
                pushString(token, STRING_F);
                return true;
            case PythonLexer.TSTRING_START: pushString(token, STRING_T); return true;
            case PythonLexer.FSTRING_MIDDLE:
                if (enclosingStringKind() == STRING_T) token.setType(PythonLexer.TSTRING_MIDDLE);
                return true;
            case PythonLexer.FSTRING_END:
                if (contextKind[contextTop] == STRING_T) token.setType(PythonLexer.TSTRING_END);
                contextTop--;
                return true;
            case PythonLexer.FIELD_START:
                token.setType(PythonLexer.LBRACE);
                openField(token);
                return true;
            case PythonLexer.SPEC_END:
                token.setType(PythonLexer.RBRACE);
                bracketDepth--;
                contextTop--;
                return true;
            case PythonLexer.LONE_RBRACE:
                throw error(literalKind() + ": single '}' is not allowed", token.getLine(), token.getCharPositionInLine() + 1);
            case PythonLexer.SPEC_QUOTE:
                throw quoteInFormatSpec(token);
            case PythonLexer.BODY_NEWLINE:
                return newlineInString(token);
            case PythonLexer.UNTERMINATED_STRING:
                return unterminatedString(token, false);
            case PythonLexer.UNTERMINATED_LONG_STRING:
                return unterminatedString(token, true);
            case PythonLexer.ERRORTOKEN:
                return invalidCharacter(token);
            default:
                return true;
        }
    }

    private void openBracket(Token token, char bracket) {
        if (bracketDepth >= MAX_BRACKET_DEPTH) {
            // 3.8's parser takes 17 rules a bracket from a stack of 1700: it overflowed about 100 deep.
            if (bracketsOverflowParser) {
                throw new PythonSyntaxError("MemoryError", NestingLimits.LL1.overflow(), bracketLines[0], 1, bracketLines[0], 1);
            }
            throw error("too many nested parentheses", token.getLine(), token.getCharPositionInLine() + 1);
        }
        bracketChars[bracketDepth] = bracket;
        bracketLines[bracketDepth] = token.getLine();
        bracketColumns[bracketDepth] = token.getCharPositionInLine();
        bracketDepth++;
    }

    private void closeBracket(Token token, char closing) {
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 1;
        boolean inField = contextTop >= 0 && contextKind[contextTop] == FIELD;
        if (bracketDepth == 0) {
            throw error("unmatched '" + closing + "'", line, column);
        }
        char opening = bracketChars[bracketDepth - 1];
        if (opening != openerOf(closing)) {
            if (inField && opening == '{' && bracketDepth - 1 == contextValue[contextTop]) {
                throw error(literalKind() + ": unmatched '" + closing + "'", line, column);
            }
            int openLine = bracketLines[bracketDepth - 1];
            String message = "closing parenthesis '" + closing + "' does not match opening parenthesis '" + opening + "'";
            throw error(openLine == line ? message : message + " on line " + openLine, line, column);
        }
        bracketDepth--;
        if (inField && bracketDepth == contextValue[contextTop]) {
            // The '}' of a replacement field: back to the literal's body (or the enclosing spec).
            contextTop--;
            popMode();
        }
    }

    private static char openerOf(char closing) {
        return closing == ')' ? '(' : closing == ']' ? '[' : '{';
    }

    /** The f-strings and t-strings open at this point. */
    private int openStrings() {
        int n = 0;
        for (int i = 0; i <= contextTop; i++) if (contextKind[i] != FIELD) n++;
        return n;
    }

    private void pushString(Token token, int kind) {
        pushContext(kind, _mode, token.getLine(), token.getCharPositionInLine());
    }

    private void openField(Token token) {
        if (contextTop - enclosingString() >= MAX_FIELD_NESTING) {
            // CPython points just before the brace.
            throw error(literalKind() + ": expressions nested too deeply", token.getLine(), token.getCharPositionInLine());
        }
        openBracket(token, '{');
        pushContext(FIELD, bracketDepth - 1, token.getLine(), token.getCharPositionInLine());
    }

    /** True when the innermost context is a replacement field and no bracket is open inside it. */
    private boolean atFieldTopLevel() {
        return contextTop >= 0 && contextKind[contextTop] == FIELD && bracketDepth == contextValue[contextTop] + 1;
    }

    /**
     * The literal's closing quote inside a format spec. CPython ends the literal there (the field's '{'
     * stays open), tokenizes on, and its parser then reports the open field, unless the next token is
     * itself a lexical error, which CPython meets first.
     */
    private PythonSyntaxError quoteInFormatSpec(Token quote) {
        PythonSyntaxError openField = error(literalKind() + ": expecting '}', or format specs",
                quote.getLine(), quote.getCharPositionInLine() + 1);
        int string = enclosingString();
        for (int i = contextTop - string; i >= 0; i--) {
            popMode(); // one mode per open field, and the literal's body
        }
        contextTop = string - 1;
        try {
            Token next = super.nextToken();
            int type = next.getType();
            if (type != PythonLexer.NEWLINE && type != PythonLexer.COMMENT && type != Token.EOF) {
                classify((CommonToken) next);
            }
        } catch (PythonSyntaxError lexicalError) {
            return lexicalError;
        }
        return openField;
    }

    /** A ':' at the top level of a replacement field starts its format spec. */
    private void maybeStartFormatSpec(Token token) {
        if (atFieldTopLevel()) {
            mode(specModeOf(contextValue[enclosingString()]));
        }
    }

    /** In `f"{x:=5}"` the ':' starts the spec "=5"; the lexer saw ':=' and must back up one character. */
    private void splitWalrusInField(CommonToken token) {
        if (!atFieldTopLevel()) {
            return;
        }
        token.setType(PythonLexer.COLON);
        token.setStopIndex(token.getStartIndex());
        _input.seek(token.getStartIndex() + 1);
        getInterpreter().setCharPositionInLine(token.getCharPositionInLine() + 1);
        maybeStartFormatSpec(token);
    }

    /** The body mode's matching format-spec mode; the grammar declares both families in the same order. */
    private static int specModeOf(int bodyMode) {
        return PythonLexer.S_SQ + (bodyMode - PythonLexer.F_SQ);
    }

    private static boolean isSingleQuoted(int bodyMode) {
        return bodyMode == PythonLexer.F_SQ || bodyMode == PythonLexer.F_DQ
                || bodyMode == PythonLexer.F_RSQ || bodyMode == PythonLexer.F_RDQ;
    }

    /** Index of the innermost literal context (fields nest inside format specs). */
    private int enclosingString() {
        int i = contextTop;
        while (contextKind[i] == FIELD) {
            i--;
        }
        return i;
    }

    private int enclosingStringKind() {
        return contextKind[enclosingString()];
    }

    /** "f-string" or "t-string", the prefix of CPython's messages about the innermost literal. */
    private String literalKind() {
        return enclosingStringKind() == STRING_T ? "t-string" : "f-string";
    }

    /** A line break in a single-quoted body ends the literal too early; in a spec it ends the spec. */
    private boolean newlineInString(Token token) {
        fixLoneCarriageReturn();
        if (contextKind[contextTop] == FIELD) {
            // As CPython 3.12/3.13: the spec stops at the line break and the field goes on.
                mode(PythonLexer.DEFAULT_MODE);
            return false;
        }
        String kind = contextKind[contextTop] == STRING_T ? "t-string" : "f-string";
        throw error("unterminated " + kind + " literal (detected at line " + token.getLine() + ")",
                contextLine[contextTop], contextColumn[contextTop] + 1);
    }

    /** A string literal without its closing quote(s); inside a replacement field it may be the field's own end. */
    private boolean unterminatedString(Token token, boolean triple) {
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 1;
        if (contextTop >= 0 && contextKind[contextTop] == FIELD) {
            int bodyMode = contextValue[enclosingString()];
            String text = token.getText();
            int quote = quotePosition(text);
            if (text.charAt(quote) == quoteOf(bodyMode) && triple != isSingleQuoted(bodyMode)) {
                throw error(literalKind() + ": expecting '}'", line, column);
            }
        }
        if (triple) {
            throw error("unterminated triple-quoted string literal (detected at line " + lastLine() + ")", line, column);
        }
        throw error("unterminated string literal (detected at line " + getLine() + ")", line, column);
    }

    private static char quoteOf(int bodyMode) {
        return bodyMode == PythonLexer.F_SQ || bodyMode == PythonLexer.F_TSQ
                || bodyMode == PythonLexer.F_RSQ || bodyMode == PythonLexer.F_RTSQ ? '\'' : '"';
    }

    /** Index of the opening quote in a string token (after its prefix letters). */
    private static int quotePosition(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) != '\'' && text.charAt(i) != '"') {
            i++;
        }
        return i;
    }

    private boolean invalidCharacter(Token token) {
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 1;
        int c = token.getText().codePointAt(0);
        if (c == '\\') {
            // A backslash not followed by a line break: at the very end of the input, CPython is out of text.
            if (_input.LA(1) == CharStream.EOF) {
                checkBracketsClosed();
                throw error("unexpected EOF while parsing", line, column + 1);
            }
            throw error("unexpected character after line continuation character", line, column + 1);
        }
        if (c == 0) {
            throw error("source code cannot contain null bytes", line, column);
        }
        if (c < 128 && c >= ' ') {
            return true; // `$`, `?`, '`': the parser reports "invalid syntax" there
        }
        if (isPrintable(c)) {
            throw error(String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(c)), c), line, column);
        }
        throw error(String.format("invalid non-printable character U+%04X", c), line, column);
    }

    /** Python's str.isprintable for one character. */
    private static boolean isPrintable(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            case Character.SPACE_SEPARATOR:
                return c == ' ';
            default:
                return true;
        }
    }

    // ------------------------------------------------------------------ numbers

    /** CPython's verify_end_of_number and friends: what may follow a numeric literal. */
    private void checkEndOfNumber(Token token) {
        int next = _input.LA(1);
        if (next >= 128 || !(Character.isLetterOrDigit(next) || next == '_')) {
            return;
        }
        String text = token.getText();
        int line = token.getLine();
        int end = token.getCharPositionInLine() + text.length(); // 0-based column of `next`
        char last = text.charAt(text.length() - 1);
        String kind = kindOf(text);
        boolean zeroInteger = isZeroInteger(text);

        if (text.equals("0") && "xXoObB".indexOf(next) >= 0) {
            prefixWithoutDigits(line, end, Character.toLowerCase((char) next));
        }
        if (zeroInteger && (isDigit(next) || next == '_' && isDigit(_input.LA(2)))) {
            int firstNonZero = end + (next == '_' ? 1 : 0);
            throw new PythonSyntaxError("SyntaxError", "leading zeros in decimal integer literals are not permitted;"
                    + " use an 0o prefix for octal integers", line, token.getCharPositionInLine() + 1, line, firstNonZero + 1);
        }
        if ((kind.equals("octal") || kind.equals("binary")) && (isDigit(next) || next == '_' && isDigit(_input.LA(2)))) {
            int digit = next == '_' ? _input.LA(2) : next;
            int at = next == '_' ? end + 1 : end;
            throw error("invalid digit '" + (char) digit + "' in " + kind + " literal", line, at + 1);
        }
        if (next == '_' && isDigit(last)) {
            throw error("invalid " + kind + " literal", line, end + 1);
        }
        if ((next == 'e' || next == 'E') && kind.equals("decimal") && (_input.LA(2) == '+' || _input.LA(2) == '-')) {
            throw error("invalid decimal literal", line, end + 2);
        }
        if (isKeywordStart(next)) {
            return; // `1if x else 2` is still valid (CPython only warns)
        }
        throw error("invalid " + kind + " literal", line, end);
    }

    /** `0x`, `0o`, `0b` with no digit after them (an optional underscore allowed). */
    private void prefixWithoutDigits(int line, int end, char base) {
        int offset = 2;
        int c = _input.LA(offset);
        if (c == '_') {
            offset++;
            c = _input.LA(offset);
        }
        String kind = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
        if (base != 'x' && isDigit(c)) {
            throw error("invalid digit '" + (char) c + "' in " + kind + " literal", line, end + offset);
        }
        throw error("invalid " + kind + " literal", line, end + offset - 1);
    }

    private static String kindOf(String text) {
        if (text.length() > 1 && text.charAt(0) == '0') {
            switch (text.charAt(1)) {
                case 'x': case 'X': return "hexadecimal";
                case 'o': case 'O': return "octal";
                case 'b': case 'B': return "binary";
                default: break;
            }
        }
        char last = text.charAt(text.length() - 1);
        return last == 'j' || last == 'J' ? "imaginary" : "decimal";
    }

    private static boolean isZeroInteger(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The keywords that may follow a number without a space in valid code (CPython warns, no error). */
    private boolean isKeywordStart(int c) {
        switch (c) {
            case 'a': return lookahead("nd");
            case 'e': return lookahead("lse");
            case 'f': return lookahead("or");
            case 'o': return lookahead("r");
            case 'n': return lookahead("ot");
            case 'i': {
                int c2 = _input.LA(2);
                return c2 == 'f' || c2 == 'n' || c2 == 's';
            }
            default: return false;
        }
    }

    private boolean lookahead(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (_input.LA(i + 2) != rest.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ indentation

    /**
     * The indentation columns (col in the high half, the tabs-as-one column in the low half) of the
     * whitespace before token on its line, counted on from col and altCol.
     */
    private long measureIndent(Token token, int col, int altCol) {
        int start = token.getStartIndex();
        int lineStart = start - token.getCharPositionInLine();
        int position = _input.index();
        for (int i = lineStart; i < start; i++) {
            int c = _input.LA(i - position);
            if (c == ' ') {
                col++;
                altCol++;
            } else if (c == '\t') {
                col = (col / TAB_SIZE + 1) * TAB_SIZE;
                altCol++;
            } else if (c == '\f') {
                col = 0;
                altCol = 0;
            } else {
                break;
            }
        }
        return ((long) col << 32) | (altCol & 0xffffffffL);
    }

    /** A backslash-newline before the first token of a logical line (CPython 3.10+ rules). */
    private void joinAtLineStart(Token join) {
        long cols = measureIndent(join, joinedCol, joinedAltCol);
        joinedCol = (int) (cols >>> 32);
        joinedAltCol = (int) cols;
        if (firstJoinCol == 0) firstJoinCol = joinedCol;
        joinedAtLineStart = true;
    }

    private void forgetJoinedIndent() {
        joinedCol = 0;
        joinedAltCol = 0;
        firstJoinCol = 0;
        joinedAtLineStart = false;
    }

    /** At the first token of a logical line: compare its indentation with the stack (CPython's rules). */
    private void indent(Token first) {
        long cols = measureIndent(first, joinedAtLineStart ? joinedCol : 0, joinedAtLineStart ? joinedAltCol : 0);
        int col = (int) (cols >>> 32);
        int altCol = (int) cols;
        if (firstJoinCol != 0) {
            col = firstJoinCol;
            altCol = firstJoinCol;
        }
        forgetJoinedIndent();
        int start = first.getStartIndex();
        int lineStart = start - first.getCharPositionInLine();
        int line = first.getLine();
        if (col == indentCols[indentLevel]) {
            if (altCol != indentAltCols[indentLevel]) {
                throw tabError(line);
            }
        } else if (col > indentCols[indentLevel]) {
            if (indentLevel + 1 >= MAX_INDENT_LEVELS) {
                throw new PythonSyntaxError("IndentationError", "too many levels of indentation", line, 1, line, 1);
            }
            if (altCol <= indentAltCols[indentLevel]) {
                throw tabError(line);
            }
            indentLevel++;
            indentCols[indentLevel] = col;
            indentAltCols[indentLevel] = altCol;
            enqueue(synthetic(PythonLexer.INDENT, line, 0, lineStart, start - 1));
        } else {
            while (indentLevel > 0 && col < indentCols[indentLevel]) {
                indentLevel--;
                enqueue(synthetic(PythonLexer.DEDENT, line, first.getCharPositionInLine(), start, start - 1));
            }
            if (col != indentCols[indentLevel]) {
                int lineLength = lineLength(lineStart);
                throw new PythonSyntaxError("IndentationError", "unindent does not match any outer indentation level",
                        line, lineLength + 1, line, lineLength + 1);
            }
            if (altCol != indentAltCols[indentLevel]) {
                throw tabError(line);
            }
        }
    }

    private static PythonSyntaxError tabError(int line) {
        return new PythonSyntaxError("TabError", "inconsistent use of tabs and spaces in indentation", line, 1, line, 1);
    }

    /** Length in code points of the physical line starting at {@code lineStart}, without its line break. */
    private int lineLength(int lineStart) {
        int position = _input.index();
        int i = lineStart;
        for (;;) {
            int c = i < position ? _input.LA(i - position) : _input.LA(i - position + 1);
            if (c == '\n' || c == '\r' || c == CharStream.EOF) {
                return i - lineStart;
            }
            i++;
        }
    }

    // ------------------------------------------------------------------ end of input

    private Token endOfFile(Token eof) {
        if (contextTop >= 0) {
            unterminatedAtEof();
        }
        checkBracketsClosed();
        checkContinuationBeforeEof(eof);
        int line = eof.getLine();
        int column = eof.getCharPositionInLine();
        if (!atLineStart) {
            atLineStart = true;
            enqueue(synthetic(PythonLexer.NEWLINE, line, column, eof.getStartIndex(), eof.getStartIndex() - 1));
        }
        while (indentLevel > 0) {
            indentLevel--;
            enqueue(synthetic(PythonLexer.DEDENT, line, column, eof.getStartIndex(), eof.getStartIndex() - 1));
        }
        enqueue(eof);
        return dequeue();
    }

    private void checkBracketsClosed() {
        PythonSyntaxError unclosed = innermostUnclosedBracket();
        if (unclosed != null) throw unclosed;
    }

    private void unterminatedAtEof() {
        int top = contextTop;
        if (contextKind[top] == FIELD) {
            return; // the field's '{' is still open: reported as "'{' was never closed"
        }
        String kind = contextKind[top] == STRING_T ? "t-string" : "f-string";
        String quotes = isSingleQuoted(contextValue[top]) ? "" : "triple-quoted ";
        throw error("unterminated " + quotes + kind + " literal (detected at line " + lastLine() + ")",
                contextLine[top], contextColumn[top] + 1);
    }

    /** `x = 1 + \` followed by a line break and the end of input. */
    private void checkContinuationBeforeEof(Token eof) {
        if (lastLineJoinEnd == eof.getStartIndex()) {
            int backslash = lastLineJoinEnd - 1;
            while (_input.LA(backslash - _input.index()) != '\\') {
                backslash--;
            }
            int line = eof.getLine() - 1;
            int column = backslash - lineStartBefore(backslash);
            throw error("unexpected EOF while parsing", line, column + 2);
        }
    }

    /** Index of the first character of the line holding {@code index}. */
    private int lineStartBefore(int index) {
        int position = _input.index();
        int i = index;
        while (i > 0) {
            int c = _input.LA(i - 1 - position);
            if (c == '\n' || c == '\r') {
                break;
            }
            i--;
        }
        return i;
    }

    /** The line of the last character of the input, as CPython's "detected at line N". */
    private int lastLine() {
        int last = _input.LA(-1);
        return last == '\n' || last == '\r' ? getLine() - 1 : getLine();
    }

    // ------------------------------------------------------------------ helpers

    /** ANTLR only counts '\n' as a line break; a lone '\r' (old Mac files) is one too. */
    private void fixLoneCarriageReturn() {
        if (_input.LA(-1) == '\r') {
            setLine(getLine() + 1);
            setCharPositionInLine(0);
        }
    }

    private Token synthetic(int type, int line, int column, int start, int stop) {
        CommonToken token = new CommonToken(_tokenFactorySourcePair, type, DEFAULT_TOKEN_CHANNEL, start, stop);
        token.setLine(line);
        token.setCharPositionInLine(column);
        if (type != PythonLexer.INDENT) {
            token.setText("");
        }
        return token;
    }

    private void pushContext(int kind, int value, int line, int column) {
        if (++contextTop == contextKind.length) {
            int size = contextKind.length * 2;
            contextKind = java.util.Arrays.copyOf(contextKind, size);
            contextValue = java.util.Arrays.copyOf(contextValue, size);
            contextLine = java.util.Arrays.copyOf(contextLine, size);
            contextColumn = java.util.Arrays.copyOf(contextColumn, size);
        }
        contextKind[contextTop] = kind;
        contextValue[contextTop] = value;
        contextLine[contextTop] = line;
        contextColumn[contextTop] = column;
    }

    private void enqueue(Token token) {
        if (queueTail == queue.length) {
            System.arraycopy(queue, queueHead, queue, 0, queueTail - queueHead);
            queueTail -= queueHead;
            queueHead = 0;
            if (queueTail == queue.length) {
                queue = java.util.Arrays.copyOf(queue, queue.length * 2);
            }
        }
        queue[queueTail++] = token;
    }

    private Token dequeue() {
        Token token = queue[queueHead];
        queue[queueHead++] = null;
        if (queueHead == queueTail) {
            queueHead = 0;
            queueTail = 0;
        }
        return token;
    }

    private static PythonSyntaxError error(String message, int line, int column) {
        return new PythonSyntaxError(message, line, column);
    }
}
