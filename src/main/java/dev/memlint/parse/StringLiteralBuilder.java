package dev.memlint.parse;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;
import dev.memlint.ast.Pos;
import dev.memlint.parse.generated.PythonParser;
import dev.memlint.parse.generated.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Implicitly concatenated string literals, f-strings and t-strings: Constant, JoinedStr or
 * TemplateStr with CPython's merging of adjacent literal parts and its (version-dependent)
 * positions. Up to 3.11 CPython gave every part of an f-string the position of the whole
 * literal; from 3.12 each part has its own.
 */
final class StringLiteralBuilder {
    private final ExpressionBuilder exprs;
    private final Positions positions;
    private final SyntaxErrors errors;
    private final boolean partPositions; // 3.12+

    StringLiteralBuilder(ExpressionBuilder exprs, Positions positions, SyntaxErrors errors, PythonVersion version) {
        this.exprs = exprs;
        this.positions = positions;
        this.errors = errors;
        this.partPositions = version.atLeast(PythonVersion.PY312);
        this.version = version;
    }

    private final PythonVersion version;

    /** Pieces of a JoinedStr before merging: a literal run or a replacement field. */
    private static final class Piece {
        final StringBuilder text;
        final Expr field;
        Token start;
        Token stop;
        Pos explicitPos; // for debug text, whose extent is not a token

        Piece(String text, Token start, Token stop) {
            this.text = new StringBuilder(text);
            this.field = null;
            this.start = start;
            this.stop = stop;
        }

        Piece(Expr field) {
            this.text = null;
            this.field = field;
        }
    }

    Expr strings(StringsContext c) {
        int n = c.getChildCount();
        boolean anyF = false;
        boolean anyT = false;
        boolean anyBytes = false;
        boolean anyStr = false;
        for (int i = 0; i < n; i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof FstringContext) anyF = true;
            else if (child instanceof TstringContext) anyT = true;
            else if (isBytes(((TerminalNodeImpl) child).getSymbol().getText())) anyBytes = true;
            else anyStr = true;
        }
        Pos whole = positions.of(c);
        if (anyBytes && (anyStr || anyF || anyT)) {
            throw errors.at(c.getStart(), "cannot mix bytes and nonbytes literals");
        }
        if (anyF && !version.atLeast(PythonVersion.PY312)) LegacyFstrings.check(c, positions.source(), version);
        if (anyT && (anyStr || anyF)) {
            throw errors.at(c.getStart(), "cannot mix t-string literals with string or bytes literals");
        }
        if (!anyF && !anyT) return plain(c, whole, anyBytes);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof TerminalNodeImpl t) {
                Token tok = t.getSymbol();
                pieces.add(new Piece((String) string(tok), tok, tok));
            } else {
                fstringPieces((ParserRuleContext) child, pieces, whole);
            }
        }
        List<Expr> values = merge(pieces, whole, false);
        return anyT ? new TemplateStr(values, whole) : new JoinedStr(values, whole);
    }

    private static boolean isBytes(String token) {
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (ch == 'b' || ch == 'B') return true;
            if (ch == '\'' || ch == '"') return false;
        }
        return false;
    }

    private Expr plain(StringsContext c, Pos whole, boolean bytes) {
        int n = c.getChildCount();
        String kind = Literals.kind(c.getStart().getText());
        if (n == 1) return new Constant(string(c.getStart()), kind, whole);
        if (bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                out.writeBytes(((Bytes) string(((TerminalNodeImpl) c.getChild(i)).getSymbol())).data());
            }
            return new Constant(new Bytes(out.toByteArray()), null, whole);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((String) string(((TerminalNodeImpl) c.getChild(i)).getSymbol()));
        return new Constant(b.toString(), kind, whole);
    }

    private static Object string(Token t) {
        return Literals.string(t.getText(), t.getLine(), t.getCharPositionInLine() + 1);
    }

    private static String middle(Token t, boolean raw) {
        return Literals.fstringMiddle(t.getText(), raw, t.getLine(), t.getCharPositionInLine() + 1);
    }

    private static boolean isRaw(String startToken) {
        for (int i = 0; i < startToken.length(); i++) {
            char ch = startToken.charAt(i);
            if (ch == 'r' || ch == 'R') return true;
        }
        return false;
    }

    /** Literal runs and fields of one f-string or t-string part. */
    private void fstringPieces(ParserRuleContext part, List<Piece> pieces, Pos whole) {
        boolean raw = isRaw(part.getStart().getText());
        boolean template = part instanceof TstringContext;
        int n = part.getChildCount();
        for (int i = 1; i < n - 1; i++) {
            ParseTree child = part.getChild(i);
            if (child instanceof TerminalNodeImpl t) {
                Token tok = t.getSymbol();
                pieces.add(new Piece(middle(tok, raw), tok, tok));
            } else {
                field((Fstring_fieldContext) child, pieces, whole, part, raw, template);
            }
        }
    }

    private void field(Fstring_fieldContext f, List<Piece> pieces, Pos whole, ParserRuleContext part, boolean raw,
                       boolean template) {
        ParseTree exprCtx = f.getChild(1);
        Expr value = exprs.expression(exprCtx);
        int i = 2;
        if (f.getChild(i) instanceof Comp_forContext comp) {
            value = bareGenerator(f, value, comp, template);
            i++;
        }
        if (!version.atLeast(PythonVersion.PY312) && value instanceof TupleExpr tuple && hasTopLevelComma(exprCtx)) {
            value = new TupleExpr(tuple.elts(), tuple.ctx(), parenthesizedSpan(f, i));
        }
        int n = f.getChildCount();
        Token equal = null;
        if (ExpressionBuilder.tokenType(f.getChild(i)) == PythonParser.EQUAL) {
            equal = ExpressionBuilder.token(f.getChild(i));
            i++;
        }
        int conversion = -1;
        if (ExpressionBuilder.tokenType(f.getChild(i)) == PythonParser.EXCLAMATION) {
            Token conv = ExpressionBuilder.token(f.getChild(i + 1));
            String text = conv.getText();
            if (!(text.equals("s") || text.equals("r") || text.equals("a"))) {
                throw errors.at(conv, version.atLeast(PythonVersion.PY312)
                        ? "f-string: invalid conversion character '" + text + "': expected 's', 'r', or 'a'"
                        : "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            }
            conversion = text.charAt(0);
            i += 2;
        }
        Expr spec = null;
        if (ExpressionBuilder.tokenType(f.getChild(i)) == PythonParser.COLON) {
            spec = formatSpec(f, i, whole, part, raw);
        }
        Token lbrace = f.getStart();
        Token rbrace = f.getStop();
        if (equal != null) {
            Token after = ExpressionBuilder.token(f.getChild(indexAfter(f, equal)));
            String src = positions.source().text();
            int from = positions.source().offset(lbrace.getLine(), lbrace.getCharPositionInLine() + 1);
            int to = positions.source().offset(after.getLine(), after.getCharPositionInLine());
            Piece debug = new Piece(withoutComments(src.substring(from, to)), lbrace, after);
            debug.explicitPos = new Pos(lbrace.getLine(), positions.utf8Col(lbrace.getLine(), lbrace.getCharPositionInLine() + 1),
                    after.getLine(), positions.startCol(after));
            pieces.add(debug);
            if (conversion == -1 && spec == null) conversion = 'r';
        }
        Pos fieldPos = partPositions ? positions.span(lbrace, rbrace) : whole;
        if (template) {
            // CPython keeps the text from just after '{' (leading blanks included) to the expression's end.
            String src = positions.source().text();
            ParserRuleContext e = (ParserRuleContext) exprCtx;
            int from = positions.source().offset(lbrace.getLine(), lbrace.getCharPositionInLine() + 1);
            int to = positions.source().offset(e.getStop().getLine(), e.getStop().getCharPositionInLine())
                    + e.getStop().getText().length();
            pieces.add(new Piece(new Interpolation(value, src.substring(from, to), conversion, spec, fieldPos)));
        } else {
            pieces.add(new Piece(new FormattedValue(value, conversion, spec, fieldPos)));
        }
    }

    /** `{x for x in y}`: valid before 3.12, where CPython parsed a field's text in parentheses. */
    private Expr bareGenerator(Fstring_fieldContext f, Expr element, Comp_forContext comp, boolean template) {
        if (version.atLeast(PythonVersion.PY312)) {
            throw errors.at(comp.getStart(), (template ? "t" : "f") + "-string: expecting '=', or '!', or ':', or '}'");
        }
        if (hasTopLevelComma(f.getChild(1)) || element instanceof Starred) throw errors.at(comp.getStart(), "invalid syntax");
        return new GeneratorExp(element, exprs.comprehensions(comp), parenthesizedSpan(f, 3));
    }

    /**
     * Before 3.12 CPython parsed a field as "(" + text + ")", the parens put on the '{' and on the
     * character after the expression (child {@code afterIndex} of the field), so a bare tuple or
     * generator spans from '{' to just past that character.
     */
    private Pos parenthesizedSpan(Fstring_fieldContext f, int afterIndex) {
        Token lbrace = f.getStart();
        Token after = ExpressionBuilder.token(f.getChild(afterIndex));
        return new Pos(lbrace.getLine(), positions.startCol(lbrace), after.getLine(), positions.startCol(after) + 1);
    }

    /** CPython drops comments from the text of a self-documenting `{expr=}` field. */
    private static String withoutComments(String text) {
        if (text.indexOf('#') < 0) return text;
        StringBuilder b = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote == 0 && ch == '#') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
                if (i < text.length()) b.append('\n');
                continue;
            }
            if (quote == 0 && (ch == '\'' || ch == '"')) quote = ch;
            else if (ch == quote) quote = 0;
            b.append(ch);
        }
        return b.toString();
    }

    private static boolean hasTopLevelComma(ParseTree expr) {
        for (int i = 0; i < expr.getChildCount(); i++) {
            if (ExpressionBuilder.tokenType(expr.getChild(i)) == PythonParser.COMMA) return true;
        }
        return false;
    }

    private static int indexAfter(ParserRuleContext c, Token t) {
        for (int i = 0; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof TerminalNodeImpl tn && tn.getSymbol() == t) return i + 1;
        }
        return c.getChildCount() - 1;
    }

    private Expr formatSpec(Fstring_fieldContext f, int colonIndex, Pos whole, ParserRuleContext part, boolean raw) {
        List<Piece> pieces = new ArrayList<>();
        int n = f.getChildCount();
        boolean nestedField = false;
        for (int i = colonIndex + 1; i < n - 1; i++) {
            ParseTree child = f.getChild(i);
            if (child instanceof TerminalNodeImpl t) {
                Token tok = t.getSymbol();
                pieces.add(new Piece(middle(tok, raw), tok, tok));
            } else {
                nestedField = true;
                // Fields nested in a format spec are FormattedValues, in t-strings too.
                field((Fstring_fieldContext) child, pieces, whole, part, raw, false);
            }
        }
        Token colon = ExpressionBuilder.token(f.getChild(colonIndex));
        Token last = ExpressionBuilder.token(f.getChild(n - 1));
        Token lastSpecToken = n - 2 == colonIndex ? colon
                : f.getChild(n - 2) instanceof TerminalNodeImpl t ? t.getSymbol()
                : ((ParserRuleContext) f.getChild(n - 2)).getStop();
        if (partPositions) {
            if (version == PythonVersion.PY312 && f.getChild(n - 2) instanceof Fstring_fieldContext) {
                // 3.12 ends a spec that ends with a field with an empty constant.
                Pos end = positions.span(lastSpecToken, lastSpecToken);
                Piece empty = new Piece("", lastSpecToken, lastSpecToken);
                empty.explicitPos = new Pos(end.endLine(), end.endCol(), end.endLine(), end.endCol());
                pieces.add(empty);
            }
            List<Expr> values = merge(pieces, whole, true);
            return new JoinedStr(values, positions.span(colon, lastSpecToken));
        }
        Pos partPos = positions.of(part);
        List<Expr> values = merge(pieces, nestedField ? whole : partPos, true);
        return new JoinedStr(values, partPos);
    }

    /** Merges adjacent literal pieces into Constants; empty merged literals vanish. */
    private List<Expr> merge(List<Piece> pieces, Pos oldStylePos, boolean keepEmpty) {
        List<Expr> values = new ArrayList<>();
        Piece run = null;
        Pos runStart = null;
        Pos runEnd = null;
        for (Piece p : pieces) {
            if (p.field != null) {
                flush(values, run, runStart, runEnd, oldStylePos, keepEmpty);
                run = null;
                values.add(p.field);
                continue;
            }
            Pos here = p.explicitPos != null ? p.explicitPos : positions.span(p.start, p.stop);
            if (run == null) {
                run = new Piece(p.text.toString(), p.start, p.stop);
                run.explicitPos = p.explicitPos;
                runStart = here;
            } else {
                run.text.append(p.text);
            }
            runEnd = here;
        }
        flush(values, run, runStart, runEnd, oldStylePos, keepEmpty);
        return values;
    }

    private void flush(List<Expr> values, Piece run, Pos start, Pos end, Pos oldStylePos, boolean keepEmpty) {
        if (run == null) return;
        boolean empty = run.text.length() == 0;
        if (empty && !(keepEmpty && partPositions && run.explicitPos != null)) return;
        Pos pos = partPositions ? Positions.join(start, end) : oldStylePos;
        values.add(new Constant(run.text.toString(), null, pos));
    }
}
