package dev.memlint.parse;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Pattern;
import dev.memlint.ast.Pattern.*;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.parse.generated.PythonParser;
import dev.memlint.parse.generated.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

import java.util.ArrayList;
import java.util.List;

import static dev.memlint.parse.ExpressionBuilder.identifier;
import static dev.memlint.parse.ExpressionBuilder.token;
import static dev.memlint.parse.ExpressionBuilder.tokenType;

/** Builds match-statement patterns; capture, wildcard, value and class patterns are told apart here. */
final class PatternBuilder {
    private final ExpressionBuilder exprs;
    private final Positions positions;
    private final SyntaxErrors errors;

    PatternBuilder(ExpressionBuilder exprs, Positions positions, SyntaxErrors errors) {
        this.exprs = exprs;
        this.positions = positions;
        this.errors = errors;
    }

    /** The top-level patterns of a case: `case a, b:` is an open sequence. */
    Pattern patterns(PatternsContext c) {
        if (c.getChildCount() == 1) {
            Pattern only = maybeStar((Maybe_star_patternContext) c.getChild(0));
            if (only instanceof MatchStar) throw errors.at(c.getStart(), "invalid syntax");
            return only;
        }
        return new MatchSequence(items(c, 0, c.getChildCount()), positions.of(c));
    }

    private List<Pattern> items(ParserRuleContext c, int from, int to) {
        List<Pattern> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (c.getChild(i) instanceof Maybe_star_patternContext m) out.add(maybeStar(m));
        }
        return out;
    }

    private Pattern maybeStar(Maybe_star_patternContext c) {
        if (c.getChildCount() == 2) {
            String name = identifier(token(c.getChild(1)));
            return new MatchStar(name.equals("_") ? null : name, positions.of(c));
        }
        return pattern((PatternContext) c.getChild(0));
    }

    Pattern pattern(PatternContext c) {
        Pattern p = orPattern((Or_patternContext) c.getChild(0));
        if (c.getChildCount() == 1) return p;
        Token name = token(c.getChild(2));
        String id = identifier(name);
        if (id.equals("_")) throw errors.at(name, "cannot use '_' as a target");
        return new MatchAs(p, id, positions.of(c));
    }

    private Pattern orPattern(Or_patternContext c) {
        if (c.getChildCount() == 1) return closed((Closed_patternContext) c.getChild(0));
        List<Pattern> alternatives = new ArrayList<>();
        for (int i = 0; i < c.getChildCount(); i += 2) alternatives.add(closed((Closed_patternContext) c.getChild(i)));
        return new MatchOr(alternatives, positions.of(c));
    }

    private Pattern closed(Closed_patternContext c) {
        if (c instanceof LiteralPatternContext) return literal((Literal_patternContext) c.getChild(0));
        if (c instanceof NamePatternContext) return named(c);
        if (c instanceof ParenPatternContext) {
            int n = c.getChildCount();
            if (n == 3 && c.getChild(1) instanceof Maybe_star_patternContext m && m.getChildCount() == 1) {
                return maybeStar(m); // a group: (p) is p
            }
            return new MatchSequence(items(c, 1, n - 1), positions.of(c));
        }
        if (c instanceof ListPatternContext) {
            return new MatchSequence(items(c, 1, c.getChildCount() - 1), positions.of(c));
        }
        return mapping(c);
    }

    private Pattern literal(Literal_patternContext c) {
        int first = tokenType(c.getChild(0));
        if (first == PythonParser.NONE) return new MatchSingleton(null, positions.of(c));
        if (first == PythonParser.TRUE) return new MatchSingleton(Boolean.TRUE, positions.of(c));
        if (first == PythonParser.FALSE) return new MatchSingleton(Boolean.FALSE, positions.of(c));
        return new MatchValue(literalExpr(c), positions.of(c));
    }

    /** The expression of a literal pattern or mapping key. */
    private Expr literalExpr(Literal_patternContext c) {
        int first = tokenType(c.getChild(0));
        if (first == PythonParser.NONE) return new Constant(null, null, positions.of(c));
        if (first == PythonParser.TRUE) return new Constant(Boolean.TRUE, null, positions.of(c));
        if (first == PythonParser.FALSE) return new Constant(Boolean.FALSE, null, positions.of(c));
        if (c.getChild(0) instanceof StringsContext s) {
            Expr e = exprs.atomString(s);
            if (!(e instanceof Constant)) throw errors.at(e.pos(), "patterns may only match literals and attribute lookups");
            return e;
        }
        int i = 0;
        Expr real;
        if (first == PythonParser.MINUS) {
            Token minus = token(c.getChild(0));
            Token number = token(c.getChild(1));
            real = new UnaryOp(UnaryOperator.USub, exprs.number(number), positions.span(minus, number));
            i = 2;
        } else {
            real = exprs.number(token(c.getChild(0)));
            i = 1;
        }
        if (i == c.getChildCount()) return real;
        Token op = token(c.getChild(i));
        Token imagToken = token(c.getChild(i + 1));
        Constant imag = exprs.number(imagToken);
        if (!(imag.value() instanceof dev.memlint.ast.Complex)) {
            throw errors.at(imagToken, "imaginary number required in complex literal");
        }
        Constant realPart = real instanceof Constant k ? k : (Constant) ((UnaryOp) real).operand();
        if (realPart.value() instanceof dev.memlint.ast.Complex) {
            throw errors.at(c.getStart(), "real number required in complex literal");
        }
        Operator operator = op.getType() == PythonParser.PLUS ? Operator.Add : Operator.Sub;
        return new BinOp(real, operator, imag, positions.of(c));
    }

    private Expr nameOrAttr(Name_or_attrContext c) {
        Token first = c.getStart();
        Expr e = new Name(identifier(first), Ctx.Load, positions.of(first));
        for (int i = 2; i < c.getChildCount(); i += 2) {
            Token name = token(c.getChild(i));
            e = new Attribute(e, identifier(name), Ctx.Load, positions.span(first, name));
        }
        return e;
    }

    private Pattern named(Closed_patternContext c) {
        Name_or_attrContext nameCtx = (Name_or_attrContext) c.getChild(0);
        Expr target = nameOrAttr(nameCtx);
        if (c.getChildCount() == 1) {
            if (target instanceof Name n) {
                return new MatchAs(null, n.id().equals("_") ? null : n.id(), positions.of(c));
            }
            return new MatchValue(target, positions.of(c));
        }
        List<Pattern> positional = new ArrayList<>();
        List<String> kwdAttrs = new ArrayList<>();
        List<Pattern> kwdPatterns = new ArrayList<>();
        for (int i = 2; i < c.getChildCount() - 1; i += 2) {
            Pattern_argContext arg = (Pattern_argContext) c.getChild(i);
            if (arg.getChildCount() == 3) {
                kwdAttrs.add(identifier(token(arg.getChild(0))));
                kwdPatterns.add(pattern((PatternContext) arg.getChild(2)));
            } else {
                if (!kwdAttrs.isEmpty()) throw errors.at(arg.getStart(), "positional patterns follow keyword patterns");
                positional.add(pattern((PatternContext) arg.getChild(0)));
            }
        }
        return new MatchClass(target, positional, kwdAttrs, kwdPatterns, positions.of(c));
    }

    private Pattern mapping(Closed_patternContext c) {
        List<Expr> keys = new ArrayList<>();
        List<Pattern> values = new ArrayList<>();
        String rest = null;
        for (int i = 1; i < c.getChildCount() - 1; i += 2) {
            Mapping_itemContext item = (Mapping_itemContext) c.getChild(i);
            if (rest != null) throw errors.at(item.getStart(), "invalid syntax");
            ParseTree first = item.getChild(0);
            if (first instanceof TerminalNodeImpl) {
                rest = identifier(token(item.getChild(1)));
                if (rest.equals("_")) throw errors.at(token(item.getChild(1)), "invalid syntax");
                continue;
            }
            Expr key;
            if (first instanceof Literal_patternContext lit) {
                key = literalExpr(lit);
            } else {
                key = nameOrAttr((Name_or_attrContext) first);
                if (key instanceof Name) throw errors.at(item.getStart(), "invalid syntax");
            }
            keys.add(key);
            values.add(pattern((PatternContext) item.getChild(2)));
        }
        return new MatchMapping(keys, values, rest, positions.of(c));
    }
}
