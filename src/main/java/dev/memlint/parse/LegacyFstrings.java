package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import dev.memlint.parse.generated.PythonParser.FstringContext;
import dev.memlint.parse.generated.PythonParser.StringsContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

import java.util.List;

/**
 * f-strings as CPython 3.8-3.11 read them, before PEP 701. Their tokenizer saw an f-string as a
 * plain string literal, ending at the first unescaped quote of its kind (so a nested string can
 * not reuse it, and a single-quoted one can not span lines); the compiler then cut the literal
 * into text and replacement fields with rules of its own: no backslash and no '#' in a field,
 * format specs nested at most two deep, no empty field. memlint lexes f-strings the 3.12 way;
 * for older targets this class reads each f-string of a string atom again the old way and throws
 * the first error that CPython version reported, where it reported it.
 */
final class LegacyFstrings {
    /** CPython's MAXLEVEL, the bracket stack of a field. */
    private static final int MAX_BRACKETS = 200;

    private final SourceText source;
    private final String text;
    private final PythonVersion version;
    private final boolean raw;
    private final boolean compileFields;
    private final int end; // index of the literal's closing quote(s)
    private int i;

    private LegacyFstrings(SourceText source, PythonVersion version, boolean raw, boolean compileFields, int start,
                           int end) {
        this.source = source;
        this.text = source.text();
        this.version = version;
        this.raw = raw;
        this.compileFields = compileFields;
        this.i = start;
        this.end = end;
    }

    /** Checks the f-strings among the parts of a string atom that parsed, first to last. */
    static void check(StringsContext atom, SourceText source, PythonVersion version) {
        for (int k = 0; k < atom.getChildCount(); k++) {
            if (atom.getChild(k) instanceof FstringContext f) {
                checkOne(atom.getStart(), f.getStart(), f.getStop(), inTree(atom), source, version, false);
            }
        }
    }

    /**
     * The parser failed at {@code offending}: when that is inside an f-string, the error the old
     * CPython gave for that f-string, its fields compiled one by one as it did; else null.
     */
    static PythonSyntaxError atParseFailure(List<Token> tokens, Token offending, SourceText source,
                                            PythonVersion version) {
        int start = outermostStart(tokens, offending.getTokenIndex());
        int stop = start < 0 ? -1 : closingEnd(tokens, start);
        if (stop < 0) return null;
        int first = atomStart(tokens, start);
        int after = stop + 1;
        while (after < tokens.size() && isStringStart(tokens.get(after).getType())) {
            after = tokens.get(after).getType() == PythonLexer.STRING ? after + 1 : closingEnd(tokens, after) + 1;
            if (after == 0) return null;
        }
        Token next = after < tokens.size() && tokens.get(after).getType() != Token.EOF ? tokens.get(after) : null;
        try {
            checkOne(tokens.get(first), tokens.get(start), tokens.get(stop), inTokens(tokens, first, next), source, version,
                    true);
            return null;
        } catch (PythonSyntaxError e) {
            return e;
        }
    }

    /** An f-string the old tokenizer could not end: index of its FSTRING_START token, and the error. */
    record Unterminated(int index, PythonSyntaxError error) {}

    /** The first outermost f-string that does not end on its line when read the old way, or null. */
    static Unterminated firstUnterminated(List<Token> tokens, SourceText source) {
        String text = source.text();
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            int type = tokens.get(k).getType();
            if (type == PythonLexer.FSTRING_END) depth--;
            if (type != PythonLexer.FSTRING_START || depth++ > 0) continue;
            Token first = tokens.get(k);
            int quoteAt = source.offset(first.getLine(), first.getCharPositionInLine());
            while (text.charAt(quoteAt) != '\'' && text.charAt(quoteAt) != '"') quoteAt++;
            try {
                literalEnd(text, quoteAt, isTriple(text, quoteAt) ? 3 : 1, first, source);
            } catch (PythonSyntaxError e) {
                return new Unterminated(k, e);
            }
        }
        return null;
    }

    /**
     * The lexer stopped at {@code error}: when it was inside an f-string, the old CPython's error for
     * that f-string (its own wording for a literal that does not end), else {@code error}.
     */
    static PythonSyntaxError atLexicalError(List<Token> tokens, PythonSyntaxError error, SourceText source,
                                            PythonVersion version) {
        int start = outermostStart(tokens, tokens.size() - 1);
        if (start < 0) return error;
        try {
            int first = atomStart(tokens, start);
            checkOne(tokens.get(first), tokens.get(start), null, inTokens(tokens, first, null), source, version, true);
        } catch (PythonSyntaxError e) {
            return e;
        }
        String m = error.getMessage();
        if (!m.startsWith("unterminated ") || !m.contains("f-string literal")) return error;
        return new PythonSyntaxError(error.kind(), m.replace("f-string literal", "string literal"), error.line(),
                error.column(), error.endLine(), error.endColumn());
    }

    /** Index of the FSTRING_START of the outermost f-string around token {@code index}, or -1. */
    private static int outermostStart(List<Token> tokens, int index) {
        int outermost = -1;
        int depth = 0;
        for (int j = index - 1; j >= 0; j--) {
            int type = tokens.get(j).getType();
            if (type == PythonLexer.NEWLINE) break; // no f-string spans a logical line break
            if (type == PythonLexer.FSTRING_END) {
                depth++; // a complete f-string before the offending token
            } else if (type == PythonLexer.FSTRING_START) {
                if (depth == 0) outermost = j;
                else depth--;
            }
        }
        return outermost;
    }

    /** Index of the first string of the implicit concatenation holding the f-string that starts at {@code start}. */
    private static int atomStart(List<Token> tokens, int start) {
        int first = start;
        int depth = 0;
        for (int j = start - 1; j >= 0; j--) {
            int type = tokens.get(j).getType();
            if (type == PythonLexer.FSTRING_END) depth++;
            else if (type == PythonLexer.FSTRING_START) depth--;
            else if (depth == 0 && type != PythonLexer.STRING) break;
            if (depth == 0) first = j;
        }
        return first;
    }

    /** Index of the FSTRING_END closing the f-string opened at {@code start}, or -1. */
    private static int closingEnd(List<Token> tokens, int start) {
        int depth = 0;
        for (int j = start; j < tokens.size(); j++) {
            int type = tokens.get(j).getType();
            if (type == PythonLexer.FSTRING_START) depth++;
            else if (type == PythonLexer.FSTRING_END && --depth == 0) return j;
        }
        return -1;
    }

    private static boolean isStringStart(int type) {
        return type == PythonLexer.STRING || type == PythonLexer.FSTRING_START;
    }

    /**
     * Reads one f-string the old way. {@code last} is its FSTRING_END token, null when the lexer failed
     * inside it; {@code after} gives the token after the string atom (null at the end of input).
     */
    private static void checkOne(Token atomStart, Token first, Token last, Surroundings around, SourceText source,
                                 PythonVersion version, boolean compileFields) {
        String text = source.text();
        int start = source.offset(first.getLine(), first.getCharPositionInLine());
        int quoteAt = start;
        while (text.charAt(quoteAt) != '\'' && text.charAt(quoteAt) != '"') quoteAt++;
        boolean raw = text.substring(start, quoteAt).toLowerCase().contains("r");
        int quotes = isTriple(text, quoteAt) ? 3 : 1;
        int oldEnd = literalEnd(text, quoteAt, quotes, first, source);
        // The old literal ends before the 3.12 one where a nested string reuses its quote.
        boolean truncated = last != null
                && oldEnd < source.offset(last.getLine(), last.getCharPositionInLine()) + last.getText().length();
        if (truncated && version == PythonVersion.PY38 && !startsString(text, skipBlanks(text, oldEnd))) {
            // 3.8's parser met the token after the shortened literal before the f-string was ever read.
            throw errorAt(source, skipBlanks(text, oldEnd), "invalid syntax");
        }
        try {
            new LegacyFstrings(source, version, raw, compileFields, quoteAt + quotes, oldEnd - quotes).body(0);
        } catch (Found found) {
            if (found.line > 0) throw new PythonSyntaxError(found.message, found.line, found.column);
            if (version == PythonVersion.PY38) {
                // 3.8 read f-strings after parsing, and put their errors on the atom's first string.
                throw new PythonSyntaxError(found.message, atomStart.getLine(), atomStart.getCharPositionInLine() + 1);
            }
            // 3.9-3.11 read them while parsing, and put the error on the token after the atom.
            if (truncated || last == null) {
                throw errorAt(source, afterStrings(text, oldEnd, around.inBrackets()), found.message);
            }
            Token next = around.after();
            if (next == null) throw EndOfInput.at("SyntaxError", found.message, source);
            throw new PythonSyntaxError(found.message, next.getLine(), next.getCharPositionInLine() + 1);
        }
        if (truncated) throw errorAt(source, skipBlanks(text, oldEnd), "invalid syntax");
    }

    /** An error found in the literal; where it is reported depends on the version, unless it has a line. */
    private static final class Found extends RuntimeException {
        final String message;
        final int line;
        final int column;

        Found(String message) {
            this(message, 0, 0);
        }

        Found(String message, int line, int column) {
            super(message, null, false, false);
            this.message = message;
            this.line = line;
            this.column = column;
        }
    }

    // ------------------------------------------------------------------ the literal, as the old tokenizer cut it

    private static boolean isTriple(String text, int quoteAt) {
        char q = text.charAt(quoteAt);
        return quoteAt + 2 < text.length() && text.charAt(quoteAt + 1) == q && text.charAt(quoteAt + 2) == q;
    }

    /** Index just past the closing quote(s), or the tokenizer's error for a literal that does not end. */
    private static int literalEnd(String text, int quoteAt, int quotes, Token first, SourceText source) {
        char q = text.charAt(quoteAt);
        int j = quoteAt + quotes;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += j + 2 < text.length() && text.charAt(j + 1) == '\r' && text.charAt(j + 2) == '\n' ? 3 : 2;
            } else if (c == q && (quotes == 1 || j + 2 < text.length() && text.charAt(j + 1) == q && text.charAt(j + 2) == q)) {
                return j + quotes;
            } else if ((c == '\n' || c == '\r') && quotes == 1) {
                throw new PythonSyntaxError("unterminated string literal (detected at line " + lineAt(source, j) + ")",
                        first.getLine(), first.getCharPositionInLine() + 1);
            } else {
                j++;
            }
        }
        String kind = quotes == 3 ? "unterminated triple-quoted string literal" : "unterminated string literal";
        throw new PythonSyntaxError(kind + " (detected at line " + EndOfInput.line(source) + ")",
                first.getLine(), first.getCharPositionInLine() + 1);
    }

    private static int skipBlanks(String text, int j) {
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\f')) j++;
        return j;
    }

    /** A string literal (prefix letters and a quote) starts at {@code j}. */
    private static boolean startsString(String text, int j) {
        int k = j;
        while (k < text.length() && k - j < 2 && "rRbBuUfF".indexOf(text.charAt(k)) >= 0) k++;
        return k < text.length() && (text.charAt(k) == '\'' || text.charAt(k) == '"');
    }

    /**
     * Where the token after a run of string literals starts (implicit concatenation, over line
     * breaks and comments when inside brackets).
     */
    private static int afterStrings(String text, int j, boolean inBrackets) {
        int k = inBrackets ? skipLayout(text, j) : skipBlanks(text, j);
        while (startsString(text, k)) {
            int quoteAt = k;
            while (text.charAt(quoteAt) != '\'' && text.charAt(quoteAt) != '"') quoteAt++;
            int quotes = isTriple(text, quoteAt) ? 3 : 1;
            int close = quoteAt + quotes;
            char q = text.charAt(quoteAt);
            while (close < text.length() && !(text.charAt(close) == q && (quotes == 1 || isTriple(text, close)))) {
                if (text.charAt(close) == '\n' && quotes == 1) return k;
                close += text.charAt(close) == '\\' ? 2 : 1;
            }
            k = Math.min(text.length(), close + quotes);
            k = inBrackets ? skipLayout(text, k) : skipBlanks(text, k);
        }
        return k;
    }

    /** Skips blanks, line breaks and comments. */
    private static int skipLayout(String text, int j) {
        int k = j;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (c == '#') {
                while (k < text.length() && text.charAt(k) != '\n' && text.charAt(k) != '\r') k++;
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    /** What an error's position needs to know about where a string atom stands. */
    private interface Surroundings {
        /** The token after the atom, null at the end of input. */
        Token after();

        /** Inside (), [] or {}, where the atom's strings may continue on the next lines. */
        boolean inBrackets();
    }

    private static Surroundings inTree(StringsContext atom) {
        return new Surroundings() {
            @Override public Token after() { return tokenAfter(atom); }

            @Override public boolean inBrackets() {
                ParseTree child = atom;
                for (ParserRuleContext p = atom.getParent(); p != null; child = p, p = p.getParent()) {
                    int open = 0;
                    for (int k = 0; k < p.getChildCount() && p.getChild(k) != child; k++) {
                        if (p.getChild(k) instanceof TerminalNodeImpl t) open += bracket(t.getSymbol().getType());
                    }
                    if (open > 0) return true;
                }
                return false;
            }
        };
    }

    /** +1 for an opening bracket, -1 for a closing one, else 0. */
    private static int bracket(int type) {
        if (type == PythonLexer.LPAR || type == PythonLexer.LSQB || type == PythonLexer.LBRACE) return 1;
        if (type == PythonLexer.RPAR || type == PythonLexer.RSQB || type == PythonLexer.RBRACE) return -1;
        return 0;
    }

    private static Surroundings inTokens(List<Token> tokens, int first, Token next) {
        return new Surroundings() {
            @Override public Token after() { return next; }

            @Override public boolean inBrackets() {
                int depth = 0;
                for (int j = first - 1; j >= 0; j--) {
                    int type = tokens.get(j).getType();
                    if (type == PythonLexer.NEWLINE || type == PythonLexer.INDENT || type == PythonLexer.DEDENT) break;
                    depth += bracket(type);
                    if (depth > 0) return true;
                }
                return false;
            }
        };
    }

    /** The first token after {@code node} in the parse tree, or null at the end of the input. */
    private static Token tokenAfter(ParserRuleContext node) {
        ParseTree child = node;
        for (ParserRuleContext p = node.getParent(); p != null; child = p, p = p.getParent()) {
            for (int k = 0; k < p.getChildCount() - 1; k++) {
                if (p.getChild(k) != child) continue;
                ParseTree next = p.getChild(k + 1);
                Token t = next instanceof TerminalNodeImpl n ? n.getSymbol() : ((ParserRuleContext) next).getStart();
                return t.getType() == Token.EOF ? null : t;
            }
        }
        return null;
    }

    private static int lineAt(SourceText source, int index) {
        int line = 1;
        for (int j = 0; j < index; j++) {
            char c = source.text().charAt(j);
            if (c == '\n' || c == '\r' && (j + 1 >= index || source.text().charAt(j + 1) != '\n')) line++;
        }
        return line;
    }

    private static PythonSyntaxError errorAt(SourceText source, int index, String message) {
        int line = lineAt(source, index);
        int lineStart = source.offset(line, 0);
        return new PythonSyntaxError(message, line, source.text().codePointCount(lineStart, index) + 1);
    }

    // ------------------------------------------------------------------ the body, as the old compiler cut it

    /** Literal text and fields up to the end of the literal or, in a format spec, up to its '}'. */
    private void body(int level) {
        while (i < end) {
            char c = text.charAt(i++);
            if (!raw && c == '\\' && i < end) {
                c = text.charAt(i++);
                if (c == 'N') {
                    // \N{NAME} is a character name, not a field.
                    if (i < end && text.charAt(i++) == '{') {
                        while (i < end && text.charAt(i++) != '}') { /* skip the name */ }
                    }
                    continue;
                }
            }
            if (c != '{' && c != '}') continue;
            if (level == 0) {
                if (i < end && text.charAt(i) == c) {
                    i++; // a doubled brace is text
                    continue;
                }
                if (c == '}') throw new Found("f-string: single '}' is not allowed");
            }
            i--;
            if (c == '}') break; // the end of a format spec
            field(level);
        }
        if (level > 0 && (i >= end || text.charAt(i) != '}')) throw new Found("f-string: expecting '}'");
    }

    /**
     * CPython compiled a field's text in parentheses on its own, before looking at its conversion
     * and spec. Its errors keep their column in that text; 3.9-3.11 put them on the field's line
     * with an "f-string: " prefix, 3.8 on the line within the text.
     */
    private void compile(int exprStart, int exprEnd) {
        try {
            PythonSourceParser.parseText("(" + text.substring(exprStart, exprEnd) + ")", version);
        } catch (PythonSyntaxError e) {
            if (version == PythonVersion.PY38) throw new Found(e.getMessage(), e.line(), e.column());
            throw new Found("f-string: " + e.getMessage(), lineAt(source, exprStart) + e.line() - 1, e.column());
        }
    }

    /** One replacement field, from its '{' to just past its '}'. */
    private void field(int level) {
        if (level >= 2) throw new Found("f-string: expressions nested too deeply");
        i++;
        int exprStart = i;
        char quote = 0;
        boolean tripleQuoted = false;
        char[] brackets = new char[MAX_BRACKETS];
        int depth = 0;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\') throw new Found("f-string expression part cannot include a backslash");
            if (quote != 0) {
                if (c == quote && (!tripleQuoted || i + 2 < end && text.charAt(i + 1) == c && text.charAt(i + 2) == c)) {
                    if (tripleQuoted) i += 2;
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                tripleQuoted = i + 2 < end && text.charAt(i + 1) == c && text.charAt(i + 2) == c;
                if (tripleQuoted) i += 2;
                quote = c;
            } else if (c == '[' || c == '{' || c == '(') {
                if (depth >= MAX_BRACKETS) throw new Found("f-string: too many nested parenthesis");
                brackets[depth++] = c;
            } else if (c == '#') {
                throw new Found("f-string expression part cannot include '#'");
            } else if (depth == 0 && "!:}=<>".indexOf(c) >= 0) {
                if (i + 1 < end && text.charAt(i + 1) == '=' && c != ':' && c != '}') {
                    i++; // != == <= >= are operators
                    continue;
                }
                if (c == '<' || c == '>') continue;
                break;
            } else if (c == ']' || c == '}' || c == ')') {
                if (depth == 0) throw new Found("f-string: unmatched '" + c + "'");
                char opening = brackets[--depth];
                if (opening != (c == ')' ? '(' : c == ']' ? '[' : '{')) {
                    throw new Found("f-string: closing parenthesis '" + c + "' does not match opening parenthesis '"
                            + opening + "'");
                }
            }
        }
        if (quote != 0) throw new Found("f-string: unterminated string");
        if (depth > 0) throw new Found("f-string: unmatched '" + brackets[depth - 1] + "'");
        if (i >= end) throw new Found("f-string: expecting '}'");
        if (text.substring(exprStart, i).isBlank()) throw new Found("f-string: empty expression not allowed");
        if (compileFields) compile(exprStart, i);
        if (text.charAt(i) == '=') {
            i++;
            while (i < end && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= end) throw new Found("f-string: expecting '}'");
        }
        if (text.charAt(i) == '!') {
            i++;
            if (i >= end) throw new Found("f-string: expecting '}'");
            char conversion = text.charAt(i++);
            if (conversion != 's' && conversion != 'r' && conversion != 'a') {
                throw new Found("f-string: invalid conversion character: expected 's', 'r', or 'a'");
            }
        }
        if (i < end && text.charAt(i) == ':') {
            i++;
            if (i >= end) throw new Found("f-string: expecting '}'");
            body(level + 1);
        }
        if (i >= end || text.charAt(i) != '}') throw new Found("f-string: expecting '}'");
        i++;
    }
}
