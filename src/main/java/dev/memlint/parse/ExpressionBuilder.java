package dev.memlint.parse;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Ellipsis;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Pos;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.parse.generated.PythonParser;
import dev.memlint.parse.generated.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/** Builds expression nodes (and call arguments, parameters, comprehensions) from the parse tree. */
final class ExpressionBuilder {
    private final Positions positions;
    private final SyntaxErrors errors;
    private final Targets targets;
    private final PythonVersion version;
    private final StringLiteralBuilder strings;

    ExpressionBuilder(Positions positions, SyntaxErrors errors, Targets targets, PythonVersion version) {
        this.positions = positions;
        this.errors = errors;
        this.targets = targets;
        this.version = version;
        this.strings = new StringLiteralBuilder(this, positions, errors, version);
    }

    // ---- helpers -------------------------------------------------------------------------------

    static int tokenType(ParseTree t) {
        return t instanceof TerminalNodeImpl n ? n.getSymbol().getType() : -1;
    }

    static Token token(ParseTree t) { return ((TerminalNodeImpl) t).getSymbol(); }

    /** Identifiers are NFKC-normalised, as CPython does for non-ASCII names. */
    static String identifier(Token t) {
        String s = t.getText();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        return s;
    }

    Pos pos(ParserRuleContext c) { return positions.of(c); }

    // ---- entry points by rule ------------------------------------------------------------------

    /** Any expression-producing context. */
    Expr expression(ParseTree t) {
        if (t instanceof TestContext c) return test(c);
        if (t instanceof Namedexpr_testContext c) return namedexpr(c);
        if (t instanceof Star_exprContext c) return starred(c);
        if (t instanceof ExprContext c) return expr(c);
        if (t instanceof Or_testContext c) return orTest(c);
        if (t instanceof Testlist_star_exprContext c) return testlist(c);
        if (t instanceof Yield_exprContext c) return yieldExpr(c);
        if (t instanceof ExprlistContext c) return exprlist(c);
        if (t instanceof Testlist_star_namedContext c) return testlistNamed(c);
        throw new IllegalStateException("not an expression: " + t.getClass().getSimpleName());
    }

    Expr test(TestContext c) {
        ParseTree first = c.getChild(0);
        if (first instanceof LambdefContext l) return lambda(l);
        int n = c.getChildCount();
        if (n == 1) return expr((ExprContext) first);
        int boolEnd = n;
        if (n >= 5 && tokenType(c.getChild(n - 4)) == PythonParser.IF) boolEnd = n - 4;
        Expr body = boolean_(c, 0, boolEnd);
        if (boolEnd == n) return body;
        Expr cond = orTest((Or_testContext) c.getChild(n - 3));
        Expr orelse = test((TestContext) c.getChild(n - 1));
        return new IfExp(cond, body, orelse, pos(c));
    }

    Expr namedexpr(Namedexpr_testContext c) {
        Expr e = test((TestContext) c.getChild(0));
        if (c.getChildCount() == 1) return e;
        if (!(e instanceof Name n)) {
            throw errors.at(e.pos(), "cannot use assignment expressions with " + Targets.describe(e));
        }
        Expr value = test((TestContext) c.getChild(2));
        return new NamedExpr(new Name(n.id(), Ctx.Store, n.pos()), value, pos(c));
    }

    Expr orTest(Or_testContext c) { return boolean_(c, 0, c.getChildCount()); }

    /**
     * Children [from, to) of a context are operands (NOT* expr (comp_op expr)*) separated by `and`
     * and `or`: `or` groups of `and` groups, each BoolOp spanning its operands.
     */
    private Expr boolean_(ParserRuleContext c, int from, int to) {
        int firstOperator = nextAndOr(c, from, to);
        if (firstOperator == to) return notTest(c, from, to);
        List<Expr> ors = new ArrayList<>();
        List<Expr> ands = new ArrayList<>();
        int groupStart = from;
        for (int operand = from, end = firstOperator; ; operand = end + 1, end = nextAndOr(c, operand, to)) {
            ands.add(notTest(c, operand, end));
            if (end == to || tokenType(c.getChild(end)) == PythonParser.OR) {
                ors.add(ands.size() == 1 ? ands.get(0) : new BoolOp(BoolOperator.And, ands, span(c, groupStart, end - 1)));
                if (end == to) break;
                ands = new ArrayList<>();
                groupStart = end + 1;
            }
        }
        return ors.size() == 1 ? ors.get(0) : new BoolOp(BoolOperator.Or, ors, span(c, from, to - 1));
    }

    /** Index of the first `and`/`or` among children [from, to), or to. */
    private static int nextAndOr(ParserRuleContext c, int from, int to) {
        for (int i = from; i < to; i++) {
            int type = tokenType(c.getChild(i));
            if (type == PythonParser.AND || type == PythonParser.OR) return i;
        }
        return to;
    }

    /** From the first token of child {@code first} to the last token of child {@code last}. */
    private Pos span(ParserRuleContext c, int first, int last) {
        return positions.span(startToken(c.getChild(first)), stopToken(c.getChild(last)));
    }

    private static Token startToken(ParseTree t) {
        return t instanceof TerminalNodeImpl n ? n.getSymbol() : ((ParserRuleContext) t).getStart();
    }

    private static Token stopToken(ParseTree t) {
        return t instanceof TerminalNodeImpl n ? n.getSymbol() : ((ParserRuleContext) t).getStop();
    }

    /** Children [from, to) of c: NOT* expr (comp_op expr)*. */
    private Expr notTest(ParserRuleContext c, int from, int to) {
        if (to - from == 1) return expr((ExprContext) c.getChild(from));
        int nots = from;
        while (tokenType(c.getChild(nots)) == PythonParser.NOT) nots++;
        Expr e = expr((ExprContext) c.getChild(nots));
        if (to - nots > 1) {
            List<CmpOp> ops = new ArrayList<>((to - nots) / 2);
            List<Expr> comparators = new ArrayList<>((to - nots) / 2);
            for (int i = nots + 1; i < to; i += 2) {
                ops.add(compareOp((Comp_opContext) c.getChild(i)));
                comparators.add(expr((ExprContext) c.getChild(i + 1)));
            }
            e = new Compare(e, ops, comparators, span(c, nots, to - 1));
        }
        for (int k = nots - 1; k >= from; k--) e = new UnaryOp(UnaryOperator.Not, e, span(c, k, to - 1));
        return e;
    }

    private static CmpOp compareOp(Comp_opContext c) {
        int first = tokenType(c.getChild(0));
        boolean two = c.getChildCount() == 2;
        switch (first) {
            case PythonParser.LESS: return CmpOp.Lt;
            case PythonParser.GREATER: return CmpOp.Gt;
            case PythonParser.EQEQUAL: return CmpOp.Eq;
            case PythonParser.GREATEREQUAL: return CmpOp.GtE;
            case PythonParser.LESSEQUAL: return CmpOp.LtE;
            case PythonParser.NOTEQUAL: return CmpOp.NotEq;
            case PythonParser.IN: return CmpOp.In;
            case PythonParser.NOT: return CmpOp.NotIn;
            case PythonParser.IS: return two ? CmpOp.IsNot : CmpOp.Is;
            default: throw new IllegalStateException("comparison operator");
        }
    }

    Expr starred(Star_exprContext c) {
        return new Starred(expr((ExprContext) c.getChild(1)), Ctx.Load, pos(c));
    }

    /** Operands and operators of one flat `expr` list; precedence is applied here. */
    Expr expr(ExprContext c) {
        int n = c.getChildCount();
        if (n == 1) return factor((FactorContext) c.getChild(0));
        int[] cursor = {0};
        return binary(c, cursor, 1);
    }

    private Expr binary(ExprContext c, int[] cursor, int minPrecedence) {
        int startIndex = cursor[0];
        Expr left = factor((FactorContext) c.getChild(cursor[0]));
        cursor[0]++;
        int n = c.getChildCount();
        while (cursor[0] < n) {
            int op = tokenType(c.getChild(cursor[0]));
            int precedence = precedence(op);
            if (precedence < minPrecedence) break;
            cursor[0]++;
            Expr right = binary(c, cursor, precedence + 1);
            Token start = ((ParserRuleContext) c.getChild(startIndex)).getStart();
            Token stop = ((ParserRuleContext) c.getChild(cursor[0] - 1)).getStop();
            left = new BinOp(left, operator(op), right, positions.span(start, stop));
        }
        return left;
    }

    private static int precedence(int op) {
        switch (op) {
            case PythonParser.VBAR: return 1;
            case PythonParser.CIRCUMFLEX: return 2;
            case PythonParser.AMPER: return 3;
            case PythonParser.LEFTSHIFT: case PythonParser.RIGHTSHIFT: return 4;
            case PythonParser.PLUS: case PythonParser.MINUS: return 5;
            default: return 6;
        }
    }

    static Operator operator(int op) {
        switch (op) {
            case PythonParser.VBAR: case PythonParser.VBAREQUAL: return Operator.BitOr;
            case PythonParser.CIRCUMFLEX: case PythonParser.CIRCUMFLEXEQUAL: return Operator.BitXor;
            case PythonParser.AMPER: case PythonParser.AMPEREQUAL: return Operator.BitAnd;
            case PythonParser.LEFTSHIFT: case PythonParser.LEFTSHIFTEQUAL: return Operator.LShift;
            case PythonParser.RIGHTSHIFT: case PythonParser.RIGHTSHIFTEQUAL: return Operator.RShift;
            case PythonParser.PLUS: case PythonParser.PLUSEQUAL: return Operator.Add;
            case PythonParser.MINUS: case PythonParser.MINEQUAL: return Operator.Sub;
            case PythonParser.STAR: case PythonParser.STAREQUAL: return Operator.Mult;
            case PythonParser.SLASH: case PythonParser.SLASHEQUAL: return Operator.Div;
            case PythonParser.PERCENT: case PythonParser.PERCENTEQUAL: return Operator.Mod;
            case PythonParser.DOUBLESLASH: case PythonParser.DOUBLESLASHEQUAL: return Operator.FloorDiv;
            case PythonParser.AT: case PythonParser.ATEQUAL: return Operator.MatMult;
            case PythonParser.DOUBLESTAR: case PythonParser.DOUBLESTAREQUAL: return Operator.Pow;
            default: throw new IllegalStateException("operator " + op);
        }
    }

    /** (PLUS|MINUS|TILDE)* AWAIT? atom trailer* (DOUBLESTAR factor)?, the atom written out in the factor. */
    Expr factor(FactorContext c) {
        int n = c.getChildCount();
        int i = 0;
        while (c.getChild(i) instanceof TerminalNodeImpl t && isUnary(t.getSymbol().getType())) i++;
        int unary = i;
        boolean await = tokenType(c.getChild(i)) == PythonParser.AWAIT;
        if (await) i++;
        int atomEnd = atomEnd(c, i);
        Token start = startToken(c.getChild(i));
        Token stop = stopToken(c.getChild(atomEnd - 1));
        Expr e = atom(c, i, atomEnd);
        i = atomEnd;
        while (i < n && c.getChild(i) instanceof TrailerContext t) {
            e = trailer(e, t, start);
            stop = t.getStop();
            i++;
        }
        if (await) e = new Await(e, positions.span(token(c.getChild(unary)), stop));
        if (i < n) {
            Expr exponent = factor((FactorContext) c.getChild(i + 1));
            e = new BinOp(e, Operator.Pow, exponent, span(c, unary, n - 1));
        }
        for (int k = unary - 1; k >= 0; k--) {
            UnaryOperator op;
            switch (tokenType(c.getChild(k))) {
                case PythonParser.PLUS: op = UnaryOperator.UAdd; break;
                case PythonParser.MINUS: op = UnaryOperator.USub; break;
                default: op = UnaryOperator.Invert;
            }
            e = new UnaryOp(op, e, span(c, k, n - 1));
        }
        return e;
    }

    private static boolean isUnary(int type) {
        return type == PythonParser.PLUS || type == PythonParser.MINUS || type == PythonParser.TILDE;
    }

    private Expr trailer(Expr value, TrailerContext t, Token start) {
        Pos p = positions.span(start, t.getStop());
        int first = tokenType(t.getChild(0));
        if (first == PythonParser.DOT) {
            return new Attribute(value, identifier(token(t.getChild(1))), Ctx.Load, p);
        }
        if (first == PythonParser.LPAR) {
            TrailerContext call = t;
            List<Expr> args = new ArrayList<>();
            List<Keyword> keywords = new ArrayList<>();
            if (call.getChildCount() == 3) {
                arguments((ArglistContext) call.getChild(1), args, keywords,
                        token(call.getChild(0)), token(call.getChild(2)));
            }
            return new Call(value, args, keywords, p);
        }
        return new Subscript(value, slices(t), Ctx.Load, p);
    }

    private Expr slices(TrailerContext t) {
        int n = t.getChildCount();
        List<Expr> elts = new ArrayList<>();
        boolean comma = false;
        for (int i = 1; i < n - 1; i++) {
            ParseTree child = t.getChild(i);
            if (child instanceof SubscriptContext s) elts.add(subscript(s));
            else comma = true;
        }
        if (elts.size() == 1 && !comma && !(elts.get(0) instanceof Starred)) return elts.get(0);
        for (Expr e : elts) {
            if (e instanceof Starred s && !version.atLeast(PythonVersion.PY311)) {
                throw errors.at(s.pos(), "invalid syntax");
            }
        }
        Token first = ((ParserRuleContext) t.getChild(1)).getStart();
        Token last = ((TerminalNodeImpl) t.getChild(n - 1)).getSymbol();
        Token beforeClose = tokenBefore(t, n - 1);
        return new TupleExpr(elts, Ctx.Load, positions.span(first, beforeClose == null ? last : beforeClose));
    }

    /** The last token of the child just before index {@code i}. */
    private static Token tokenBefore(ParserRuleContext c, int i) {
        ParseTree prev = c.getChild(i - 1);
        if (prev instanceof TerminalNodeImpl tn) return tn.getSymbol();
        return ((ParserRuleContext) prev).getStop();
    }

    private Expr subscript(SubscriptContext s) {
        ParseTree first = s.getChild(0);
        if (first instanceof Star_exprContext star) return starred(star);
        int n = s.getChildCount();
        if (n == 1 && first instanceof Namedexpr_testContext ne) {
            Expr e = namedexpr(ne);
            // x[a := 0] from 3.10; a parenthesised x[(a := 0)] is an atom, valid in every version.
            if (ne.COLONEQUAL() != null && !version.atLeast(PythonVersion.PY310)) throw errors.at(e.pos(), "invalid syntax");
            return e;
        }
        Expr[] parts = new Expr[3];
        int part = 0;
        for (int i = 0; i < n; i++) {
            ParseTree child = s.getChild(i);
            if (child instanceof TerminalNodeImpl) part++;
            else if (child instanceof Namedexpr_testContext ne) {
                Expr lower = namedexpr(ne);
                // A slice bound is an expression: x[a := 0:] is invalid, x[(a := 0):] is not.
                if (ne.COLONEQUAL() != null) throw errors.at(token(s.getChild(i + 1)), "invalid syntax");
                parts[part] = lower;
            } else {
                parts[part] = test((TestContext) child);
            }
        }
        return new Slice(parts[0], parts[1], parts[2], pos(s));
    }

    // ---- call arguments -------------------------------------------------------------------------

    /** Fills args and keywords from a call's (or class's) argument list. */
    void arguments(ArglistContext list, List<Expr> args, List<Keyword> keywords, Token open, Token close) {
        boolean sawKeyword = false;
        boolean sawDoubleStar = false;
        int count = 0;
        for (int i = 0; i < list.getChildCount(); i += 2) count++;
        for (int i = 0; i < list.getChildCount(); i += 2) {
            ArgumentContext a = (ArgumentContext) list.getChild(i);
            ParseTree first = a.getChild(0);
            int firstType = tokenType(first);
            if (firstType == PythonParser.STAR) {
                if (sawDoubleStar) {
                    throw errors.at(a.getStart(), "iterable argument unpacking follows keyword argument unpacking");
                }
                args.add(new Starred(test((TestContext) a.getChild(1)), Ctx.Load, pos(a)));
            } else if (firstType == PythonParser.DOUBLESTAR) {
                sawDoubleStar = true;
                keywords.add(new Keyword(null, test((TestContext) a.getChild(1)), pos(a)));
            } else if (a.getChildCount() == 3) {
                Namedexpr_testContext nameCtx = (Namedexpr_testContext) first;
                Token nameToken = nameCtx.getStart();
                if (nameToken != nameCtx.getStop() || nameToken.getType() != PythonParser.NAME) {
                    Expr target = namedexpr(nameCtx);
                    String msg = target instanceof Constant k && (k.value() == null || k.value() instanceof Boolean)
                            ? "cannot assign to " + Targets.describe(target)
                            : "expression cannot contain assignment, perhaps you meant \"==\"?";
                    throw errors.at(target.pos(), msg);
                }
                sawKeyword = true;
                keywords.add(new Keyword(identifier(nameToken), test((TestContext) a.getChild(2)), pos(a)));
            } else {
                if (sawDoubleStar) {
                    throw errors.at(a.getStart(), "positional argument follows keyword argument unpacking");
                }
                if (sawKeyword) throw errors.at(a.getStart(), "positional argument follows keyword argument");
                Namedexpr_testContext valueCtx = (Namedexpr_testContext) first;
                if (a.getChildCount() == 2) {
                    Comp_forContext comp = (Comp_forContext) a.getChild(1);
                    boolean trailingComma = list.getChildCount() % 2 == 0;
                    if (count > 1 || trailingComma) {
                        throw errors.at(pos(a), "Generator expression must be parenthesized");
                    }
                    Expr elt = namedexpr(valueCtx);
                    args.add(new GeneratorExp(elt, comprehensions(comp), positions.span(open, close)));
                } else {
                    args.add(namedexpr(valueCtx));
                }
            }
        }
    }

    // ---- atoms -----------------------------------------------------------------------------------

    /** Where the atom starting at child i of a factor ends (exclusive): brackets hold one context or none. */
    private static int atomEnd(FactorContext c, int i) {
        int type = tokenType(c.getChild(i));
        if (type != PythonParser.LPAR && type != PythonParser.LSQB && type != PythonParser.LBRACE) return i + 1;
        return c.getChild(i + 1) instanceof TerminalNodeImpl ? i + 2 : i + 3;
    }

    /** The atom in children [from, to) of a factor. */
    private Expr atom(FactorContext c, int from, int to) {
        ParseTree first = c.getChild(from);
        if (first instanceof StringsContext s) return strings.strings(s);
        Token t = token(first);
        switch (t.getType()) {
            case PythonParser.NAME: return new Name(identifier(t), Ctx.Load, positions.of(t));
            case PythonParser.NUMBER: return number(t);
            case PythonParser.LPAR: return parenthesized(c, from, to);
            case PythonParser.LSQB: return list(c, from, to);
            case PythonParser.LBRACE: return dictOrSet(c, from, to);
            case PythonParser.NONE: return new Constant(null, null, positions.of(t));
            case PythonParser.TRUE: return new Constant(Boolean.TRUE, null, positions.of(t));
            case PythonParser.FALSE: return new Constant(Boolean.FALSE, null, positions.of(t));
            default: return new Constant(Ellipsis.INSTANCE, null, positions.of(t));
        }
    }

    /** A NUMBER token's Constant (patterns use it too). */
    Constant number(Token t) {
        try {
            return new Constant(Literals.number(t.getText()), null, positions.of(t));
        } catch (Literals.TooManyDigits e) {
            throw SyntaxErrors.tooManyDigits(t, positions.startCol(t), e.digits(), version);
        }
    }

    private Expr parenthesized(FactorContext c, int from, int to) {
        if (to - from == 2) return new TupleExpr(new ArrayList<>(), Ctx.Load, span(c, from, to - 1));
        ParseTree inner = c.getChild(from + 1);
        if (inner instanceof Yield_exprContext y) return yieldExpr(y);
        Testlist_compContext list = (Testlist_compContext) inner;
        int n = list.getChildCount();
        if (n == 1) {
            Expr only = element(list.getChild(0));
            if (only instanceof Starred s) throw errors.at(s.pos(), "cannot use starred expression here");
            return only;
        }
        if (list.getChild(1) instanceof Comp_forContext comp) {
            return new GeneratorExp(comprehensionElement(list.getChild(0)), comprehensions(comp), span(c, from, to - 1));
        }
        return new TupleExpr(elements(list), Ctx.Load, span(c, from, to - 1));
    }

    private Expr list(FactorContext c, int from, int to) {
        if (to - from == 2) return new ListExpr(new ArrayList<>(), Ctx.Load, span(c, from, to - 1));
        Testlist_compContext list = (Testlist_compContext) c.getChild(from + 1);
        if (list.getChildCount() > 1 && list.getChild(1) instanceof Comp_forContext comp) {
            return new ListComp(comprehensionElement(list.getChild(0)), comprehensions(comp), span(c, from, to - 1));
        }
        return new ListExpr(elements(list), Ctx.Load, span(c, from, to - 1));
    }

    private Expr comprehensionElement(ParseTree t) {
        Expr e = element(t);
        if (e instanceof Starred s) throw errors.at(s.pos(), "iterable unpacking cannot be used in comprehension");
        return e;
    }

    private List<Expr> elements(ParserRuleContext list) {
        int n = list.getChildCount();
        List<Expr> elts = new ArrayList<>((n + 1) / 2);
        for (int i = 0; i < n; i += 2) elts.add(element(list.getChild(i)));
        return elts;
    }

    private Expr element(ParseTree t) {
        if (t instanceof Star_exprContext s) return starred(s);
        if (t instanceof Namedexpr_testContext ne) return namedexpr(ne);
        if (t instanceof TestContext te) return test(te);
        return expr((ExprContext) t);
    }

    private Expr dictOrSet(FactorContext c, int from, int to) {
        Pos pos = span(c, from, to - 1);
        if (to - from == 2) return new DictExpr(new ArrayList<>(), new ArrayList<>(), pos);
        DictorsetmakerContext maker = (DictorsetmakerContext) c.getChild(from + 1);
        Dict_or_set_itemContext first = (Dict_or_set_itemContext) maker.getChild(0);
        boolean dict = isDictItem(first);
        int n = maker.getChildCount();
        if (n > 1 && maker.getChild(1) instanceof Comp_forContext comp) {
            List<Comprehension> generators;
            if (dict) {
                if (first.getChildCount() == 2) {
                    throw errors.at(first.getStart(), "dict unpacking cannot be used in dict comprehension");
                }
                Expr key = test(((Namedexpr_testContext) first.getChild(0)));
                Expr value = test((TestContext) first.getChild(2));
                generators = comprehensions(comp);
                return new DictComp(key, value, generators, pos);
            }
            Expr elt = comprehensionElement(first.getChild(0));
            return new SetComp(elt, comprehensions(comp), pos);
        }
        if (dict) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            for (int i = 0; i < n; i += 2) {
                Dict_or_set_itemContext item = (Dict_or_set_itemContext) maker.getChild(i);
                if (!isDictItem(item)) throw errors.at(item.getStop(), "':' expected after dictionary key");
                if (tokenType(item.getChild(0)) == PythonParser.DOUBLESTAR) {
                    keys.add(null);
                    values.add(expr((ExprContext) item.getChild(1)));
                } else {
                    keys.add(test((Namedexpr_testContext) item.getChild(0)));
                    values.add(test((TestContext) item.getChild(2)));
                }
            }
            return new DictExpr(keys, values, pos);
        }
        List<Expr> elts = new ArrayList<>();
        for (int i = 0; i < n; i += 2) {
            Dict_or_set_itemContext item = (Dict_or_set_itemContext) maker.getChild(i);
            if (isDictItem(item)) throw errors.at(item.getStart(), "invalid syntax");
            elts.add(element(item.getChild(0)));
        }
        return new SetExpr(elts, pos);
    }

    private static boolean isDictItem(Dict_or_set_itemContext item) {
        return tokenType(item.getChild(0)) == PythonParser.DOUBLESTAR || item.getChildCount() == 3;
    }

    /** A dict key or value: a plain expression, refusing an unparenthesized walrus. */
    private Expr test(Namedexpr_testContext c) {
        if (c.getChildCount() != 1) throw errors.at(token(c.getChild(1)), "invalid syntax");
        return test((TestContext) c.getChild(0));
    }

    Expr atomString(StringsContext s) { return strings.strings(s); }

    // ---- comprehensions ----------------------------------------------------------------------------

    List<Comprehension> comprehensions(Comp_forContext c) {
        List<Comprehension> out = new ArrayList<>(c.getChildCount());
        for (int k = 0; k < c.getChildCount(); k++) {
            Comp_clauseContext clause = (Comp_clauseContext) c.getChild(k);
            int i = 0;
            int isAsync = 0;
            if (tokenType(clause.getChild(0)) == PythonParser.ASYNC) {
                isAsync = 1;
                i++;
            }
            Expr target = targets.store(exprlist((ExprlistContext) clause.getChild(i + 1)), "");
            Expr iter = orTest((Or_testContext) clause.getChild(i + 3));
            List<Expr> ifs = new ArrayList<>();
            for (int j = i + 5; j < clause.getChildCount(); j += 2) ifs.add(orTest((Or_testContext) clause.getChild(j)));
            out.add(new Comprehension(target, iter, ifs, isAsync));
        }
        return out;
    }

    // ---- lists of expressions ---------------------------------------------------------------------

    /** Unparenthesized `a, *b, c`: one element stays itself, several make a Tuple. */
    Expr testlist(Testlist_star_exprContext c) { return tupleOrSingle(c); }

    Expr testlistNamed(Testlist_star_namedContext c) { return tupleOrSingle(c); }

    Expr exprlist(ExprlistContext c) { return tupleOrSingle(c); }

    private Expr tupleOrSingle(ParserRuleContext c) {
        if (c.getChildCount() == 1) return element(c.getChild(0));
        return new TupleExpr(elements(c), Ctx.Load, pos(c));
    }

    /** The elements of an exprlist, one per comma-separated entry (for `del`). */
    List<Expr> exprlistElements(ExprlistContext c) { return elements(c); }

    Expr yieldExpr(Yield_exprContext c) {
        int n = c.getChildCount();
        if (n == 1) return new Yield(null, pos(c));
        if (tokenType(c.getChild(1)) == PythonParser.FROM) {
            return new YieldFrom(test((TestContext) c.getChild(2)), pos(c));
        }
        return new Yield(testlist((Testlist_star_exprContext) c.getChild(1)), pos(c));
    }

    // ---- lambda and parameters --------------------------------------------------------------------

    Expr lambda(LambdefContext c) {
        int n = c.getChildCount();
        List<ParserRuleContext> params = new ArrayList<>();
        for (int i = 1; i < n - 2; i++) {
            if (c.getChild(i) instanceof Lambda_paramContext p) params.add(p);
        }
        Arguments args = parameters(params);
        return new Lambda(args, test((TestContext) c.getChild(n - 1)), pos(c));
    }

    Arguments parameters(ParametersContext c) {
        List<ParserRuleContext> params = new ArrayList<>();
        for (int i = 1; i < c.getChildCount() - 1; i++) {
            if (c.getChild(i) instanceof ParamContext p) params.add(p);
        }
        return parameters(params);
    }

    /** Parameter-order messages came with 3.11; 3.10 said "invalid syntax". */
    private String newer(String message) {
        return version.atLeast(PythonVersion.PY311) ? message : "invalid syntax";
    }

    /** Builds CPython's arguments from def or lambda parameters, checking their order. */
    private Arguments parameters(List<ParserRuleContext> params) {
        List<Arg> posonly = new ArrayList<>();
        List<Arg> regular = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        List<Arg> kwonly = new ArrayList<>();
        List<Expr> kwDefaults = new ArrayList<>();
        Arg vararg = null;
        Arg kwarg = null;
        boolean sawSlash = false;
        boolean sawStar = false;
        boolean bareStar = false;
        ParserRuleContext bareStarCtx = null;
        for (ParserRuleContext p : params) {
            int kind = tokenType(p.getChild(0));
            if (kwarg != null) throw errors.at(p.getStart(), newer("arguments cannot follow var-keyword argument"));
            if (kind == PythonParser.SLASH) {
                if (sawSlash) throw errors.at(p.getStart(), newer("/ may appear only once"));
                if (sawStar) throw errors.at(p.getStart(), newer("/ must be ahead of *"));
                if (regular.isEmpty()) throw errors.at(p.getStart(), newer("at least one argument must precede /"));
                sawSlash = true;
                posonly.addAll(regular);
                regular.clear();
                continue;
            }
            Token name = null;
            Expr annotation = null;
            Expr defaultValue = null;
            Token stop = null;
            for (int i = 0; i < p.getChildCount(); i++) {
                ParseTree child = p.getChild(i);
                int type = tokenType(child);
                if (type == PythonParser.NAME) {
                    name = token(child);
                    stop = name;
                } else if (type == PythonParser.COLON) {
                    ParseTree ann = p.getChild(++i);
                    annotation = ann instanceof Star_exprContext s ? starred(s) : test((TestContext) ann);
                    stop = ((ParserRuleContext) ann).getStop();
                } else if (type == PythonParser.EQUAL) {
                    defaultValue = test((TestContext) p.getChild(++i));
                }
            }
            if (kind == PythonParser.STAR) {
                if (sawStar) throw errors.at(p.getStart(), "* argument may appear only once");
                sawStar = true;
                if (name == null) {
                    bareStar = true;
                    bareStarCtx = p;
                } else {
                    vararg = new Arg(identifier(name), annotation, positions.span(name, stop));
                }
                continue;
            }
            Arg arg = new Arg(identifier(name), annotation, positions.span(name, stop));
            if (kind == PythonParser.DOUBLESTAR) {
                if (defaultValue != null) throw errors.at(p.getStart(), "var-keyword argument cannot have default value");
                kwarg = arg;
                continue;
            }
            if (sawStar) {
                kwonly.add(arg);
                kwDefaults.add(defaultValue);
            } else {
                if (defaultValue != null) {
                    defaults.add(defaultValue);
                } else if (!defaults.isEmpty()) {
                    throw errors.at(p.getStart(), version.atLeast(PythonVersion.PY312)
                            ? "parameter without a default follows parameter with a default"
                            : "non-default argument follows default argument");
                }
                regular.add(arg);
            }
        }
        if (bareStar && kwonly.isEmpty()) throw errors.at(bareStarCtx.getStart(), "named arguments must follow bare *");
        return new Arguments(posonly, regular, vararg, kwonly, kwDefaults, kwarg, defaults);
    }
}
