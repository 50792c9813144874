package dev.memlint.parse;

import dev.memlint.ast.Alias;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Module;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.Stmt.*;
import dev.memlint.ast.TypeParam;
import dev.memlint.ast.WithItem;
import dev.memlint.parse.generated.PythonParser;
import dev.memlint.parse.generated.PythonParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.memlint.parse.ExpressionBuilder.identifier;
import static dev.memlint.parse.ExpressionBuilder.token;
import static dev.memlint.parse.ExpressionBuilder.tokenType;

/**
 * Builds memlint's typed AST (dev.memlint.ast) from the ANTLR parse tree, statement by statement,
 * with CPython's node positions. Expressions, patterns and strings have their own builders.
 */
final class AstBuilder {
    private final Positions positions;
    private final SyntaxErrors errors;
    private final Targets targets;
    private final ExpressionBuilder exprs;
    private final PatternBuilder patterns;
    private final PythonVersion version;
    private final NestingLimits nesting;

    private final List<Token> tokens;
    private int functionDepth;
    private int classDepth;

    AstBuilder(SourceText source, PythonVersion version, List<Token> tokens) {
        this.tokens = tokens;
        this.positions = new Positions(source);
        this.errors = new SyntaxErrors(source);
        this.targets = new Targets(errors);
        this.version = version;
        this.exprs = new ExpressionBuilder(positions, errors, targets, version);
        this.patterns = new PatternBuilder(exprs, positions, errors);
        this.nesting = new NestingLimits(version, source);
    }

    Module module(File_inputContext c) {
        List<Stmt> body = new ArrayList<>();
        for (int i = 0; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof StmtContext s) {
                int from = body.size();
                statement(s, body);
                for (int j = from; j < body.size(); j++) nesting.check(body.get(j));
            }
        }
        return new Module(body);
    }

    /** CPython's nesting limits, which each top-level statement is checked against once built. */
    NestingLimits nesting() { return nesting; }

    void statement(StmtContext c, List<Stmt> out) {
        ParseTree inner = c.getChild(0);
        if (inner instanceof Simple_stmtsContext s) simpleStatements(s, out);
        else out.add(compound((Compound_stmtContext) inner));
    }

    private List<Stmt> block(BlockContext c) {
        List<Stmt> body = new ArrayList<>();
        ParseTree first = c.getChild(0);
        if (first instanceof Simple_stmtsContext s) {
            simpleStatements(s, body);
            return body;
        }
        for (int i = 2; i < c.getChildCount() - 1; i++) statement((StmtContext) c.getChild(i), body);
        return body;
    }

    private void simpleStatements(Simple_stmtsContext c, List<Stmt> out) {
        boolean afterSemi = false;
        for (int i = 0; i < c.getChildCount(); i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof Simple_stmtContext s) {
                out.add(simple(s));
                afterSemi = false;
            } else if (tokenType(child) == PythonParser.SEMI) {
                if (afterSemi) throw errors.at(token(child), "invalid syntax");
                afterSemi = true;
            }
        }
    }

    /**
     * A compound statement ends with the last token of its last block other than NEWLINE, INDENT
     * and DEDENT (so a trailing ';' counts, as in CPython).
     */
    private Pos extent(Token start, ParserRuleContext c) {
        int i = c.getStop().getTokenIndex();
        while (i > 0 && isLayout(tokens.get(i).getType())) i--;
        return positions.span(start, tokens.get(i));
    }

    private static boolean isLayout(int type) {
        return type == PythonParser.NEWLINE || type == PythonParser.INDENT || type == PythonParser.DEDENT
                || type == Token.EOF;
    }

    // ---- simple statements -----------------------------------------------------------------------

    Stmt simple(Simple_stmtContext c) {
        Pos pos = positions.of(c);
        if (c instanceof ExprStmtContext) return exprStatement((Expr_stmtContext) c.getChild(0), pos);
        if (c instanceof PassStmtContext) return new Pass(pos);
        if (c instanceof BreakStmtContext) return new Break(pos);
        if (c instanceof ContinueStmtContext) return new Continue(pos);
        if (c instanceof ReturnStmtContext) {
            return new Return(c.getChildCount() == 1 ? null : exprs.expression(c.getChild(1)), pos);
        }
        if (c instanceof DelStmtContext) {
            List<Expr> del = new ArrayList<>();
            for (Expr e : exprs.exprlistElements((ExprlistContext) c.getChild(1))) del.add(targets.delete(e));
            return new Delete(del, pos);
        }
        if (c instanceof RaiseStmtContext) {
            Expr exc = c.getChildCount() > 1 ? exprs.expression(c.getChild(1)) : null;
            Expr cause = c.getChildCount() > 3 ? exprs.expression(c.getChild(3)) : null;
            return new Raise(exc, cause, pos);
        }
        if (c instanceof GlobalStmtContext) return new Global(names(c), pos);
        if (c instanceof NonlocalStmtContext) {
            if (functionDepth == 0 && classDepth == 0) {
                throw errors.at(c.getStart(), "nonlocal declaration not allowed at module level");
            }
            return new Nonlocal(names(c), pos);
        }
        if (c instanceof ImportNameContext) {
            List<Alias> names = new ArrayList<>();
            for (int i = 1; i < c.getChildCount(); i += 2) names.add(dottedAlias((Dotted_as_nameContext) c.getChild(i)));
            return new Import(names, pos);
        }
        if (c instanceof ImportFromContext) return importFrom(c, pos);
        if (c instanceof AssertStmtContext) {
            Expr msg = c.getChildCount() > 2 ? exprs.expression(c.getChild(3)) : null;
            return new Assert(exprs.expression(c.getChild(1)), msg, pos);
        }
        return typeAlias(c, pos);
    }

    private static List<String> names(ParserRuleContext c) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < c.getChildCount(); i += 2) names.add(identifier(token(c.getChild(i))));
        return names;
    }

    private Stmt exprStatement(Expr_stmtContext c, Pos pos) {
        int n = c.getChildCount();
        ParseTree firstCtx = c.getChild(0);
        Expr first = exprs.expression(firstCtx);
        if (n == 1) return new ExprStmt(first, pos);
        int second = tokenType(c.getChild(1));
        if (second == PythonParser.COLON) {
            Expr target = targets.annotated(first);
            // `(x): int` is not simple: the target must be a bare name.
            int simple = first instanceof Name && ((ParserRuleContext) firstCtx).getStart().getType() == PythonParser.NAME
                    ? 1 : 0;
            Expr annotation = exprs.expression(c.getChild(2));
            Expr value = n > 3 ? exprs.expression(c.getChild(4)) : null;
            return new AnnAssign(target, annotation, value, simple, pos);
        }
        if (c.getChild(1) instanceof AugassignContext aug) {
            Expr target = targets.augmented(first);
            return new AugAssign(target, ExpressionBuilder.operator(tokenType(aug.getChild(0))),
                    exprs.expression(c.getChild(2)), pos);
        }
        int targetCount = (n - 1) / 2;
        if (targetCount == 1) { // nearly always: the smallest list (a file may hold millions)
            return new Assign(Collections.singletonList(assignTarget(first, true)), exprs.expression(c.getChild(2)), pos);
        }
        List<Expr> assignTargets = new ArrayList<>(targetCount);
        for (int i = 0; i < n - 2; i += 2) {
            assignTargets.add(assignTarget(i == 0 ? first : exprs.expression(c.getChild(i)), false));
        }
        return new Assign(assignTargets, exprs.expression(c.getChild(n - 1)), pos);
    }

    /**
     * CPython adds "here. Maybe you meant '==' instead of '='?" when the bad target is the only
     * target, or the last element of an unparenthesized tuple that is (it is then directly
     * followed by '='), unless it is a list, tuple, True, False or None.
     */
    private Expr assignTarget(Expr e, boolean single) {
        if (e instanceof Yield || e instanceof YieldFrom) {
            if (single) throw errors.at(e.pos(), "cannot assign to yield expression here. Maybe you meant '==' instead of '='?");
            throw errors.at(e.pos(), "assignment to yield expression not possible");
        }
        if (e instanceof Starred s) throw errors.at(s.pos(), "starred assignment target must be in a list or tuple");
        Expr hinted = null;
        if (single) {
            hinted = e;
            if (e instanceof TupleExpr t && !t.elts().isEmpty() && !isParenthesized(t)) {
                hinted = t.elts().get(t.elts().size() - 1);
            }
            if (hinted instanceof Constant k && (k.value() == null || k.value() instanceof Boolean)) hinted = null;
            if (hinted instanceof TupleExpr || hinted instanceof ListExpr || hinted instanceof GeneratorExp) hinted = null;
            // The hint comes from CPython's invalid_named_expression, which only sees bitwise_or level.
            if (hinted instanceof Lambda || hinted instanceof IfExp || hinted instanceof BoolOp || hinted instanceof Compare
                    || hinted instanceof NamedExpr || (hinted instanceof UnaryOp u && u.op() == dev.memlint.ast.UnaryOperator.Not)) {
                hinted = null;
            }
        }
        if (hinted != null && !isTarget(hinted)) {
            // Only a bad target that comes first in the statement gets the hint.
            Expr firstBad = firstInvalidTarget(e);
            if (firstBad == hinted) {
                throw errors.at(hinted.pos(), "cannot assign to " + Targets.describe(hinted)
                        + " here. Maybe you meant '==' instead of '='?");
            }
        }
        return targets.store(e, "");
    }

    private boolean isParenthesized(TupleExpr t) {
        return t.elts().get(0).pos().col() != t.pos().col() || t.elts().get(0).pos().line() != t.pos().line();
    }

    private static boolean isTarget(Expr e) {
        return e instanceof Name || e instanceof Attribute || e instanceof Subscript || e instanceof Starred
                || e instanceof TupleExpr || e instanceof ListExpr;
    }

    private static Expr firstInvalidTarget(Expr e) {
        if (e instanceof TupleExpr t) return firstInvalid(t.elts());
        if (e instanceof ListExpr l) return firstInvalid(l.elts());
        if (e instanceof Starred s) return firstInvalidTarget(s.value());
        return isTarget(e) ? null : e;
    }

    private static Expr firstInvalid(List<Expr> elts) {
        for (Expr x : elts) {
            Expr bad = firstInvalidTarget(x);
            if (bad != null) return bad;
        }
        return null;
    }

    private Alias dottedAlias(Dotted_as_nameContext c) {
        Dotted_nameContext dotted = (Dotted_nameContext) c.getChild(0);
        String asname = c.getChildCount() == 3 ? identifier(token(c.getChild(2))) : null;
        return new Alias(dottedName(dotted), asname, positions.of(c));
    }

    private static String dottedName(Dotted_nameContext c) {
        if (c.getChildCount() == 1) return identifier(c.getStart());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.getChildCount(); i++) {
            ParseTree child = c.getChild(i);
            if (tokenType(child) == PythonParser.DOT) b.append('.');
            else b.append(identifier(token(child)));
        }
        return b.toString();
    }

    private Stmt importFrom(Simple_stmtContext c, Pos pos) {
        int level = 0;
        String module = null;
        int i = 1;
        for (; ; i++) {
            ParseTree child = c.getChild(i);
            int type = tokenType(child);
            if (type == PythonParser.DOT) level++;
            else if (type == PythonParser.ELLIPSIS) level += 3;
            else if (child instanceof Dotted_nameContext d) module = dottedName(d);
            else break;
        }
        if (module == null && level == 0) throw errors.at(token(c.getChild(i)), "invalid syntax");
        Import_targetsContext t = (Import_targetsContext) c.getChild(i + 1);
        List<Alias> names = new ArrayList<>();
        if (tokenType(t.getChild(0)) == PythonParser.STAR) {
            names.add(new Alias("*", null, positions.of(t)));
        } else {
            for (int k = 0; k < t.getChildCount(); k++) {
                if (t.getChild(k) instanceof Import_as_nameContext a) {
                    String asname = a.getChildCount() == 3 ? identifier(token(a.getChild(2))) : null;
                    names.add(new Alias(identifier(a.getStart()), asname, positions.of(a)));
                }
            }
        }
        return new ImportFrom(module, names, level, pos);
    }

    private Stmt typeAlias(Simple_stmtContext c, Pos pos) {
        Token nameToken = token(c.getChild(1));
        if (!version.atLeast(PythonVersion.PY312)) throw errors.at(nameToken, "invalid syntax");
        Name name = new Name(identifier(nameToken), Ctx.Store, positions.of(nameToken));
        List<TypeParam> params = new ArrayList<>();
        int i = 2;
        if (c.getChild(i) instanceof Type_paramsContext tp) {
            params = typeParams(tp);
            i++;
        }
        return new TypeAlias(name, params, exprs.expression(c.getChild(i + 1)), pos);
    }

    private List<TypeParam> typeParams(Type_paramsContext c) {
        if (!version.atLeast(PythonVersion.PY312)) throw errors.at(c.getStart(), "invalid syntax");
        List<TypeParam> out = new ArrayList<>();
        for (int i = 1; i < c.getChildCount() - 1; i += 2) {
            Type_paramContext p = (Type_paramContext) c.getChild(i);
            int first = tokenType(p.getChild(0));
            Pos pos = positions.of(p);
            Expr bound = null;
            Expr defaultValue = null;
            Token name = null;
            for (int k = 0; k < p.getChildCount(); k++) {
                ParseTree child = p.getChild(k);
                int type = tokenType(child);
                if (type == PythonParser.NAME) name = token(child);
                else if (type == PythonParser.COLON) bound = exprs.expression(p.getChild(++k));
                else if (type == PythonParser.EQUAL) {
                    if (!version.atLeast(PythonVersion.PY313)) throw errors.at(token(child), "invalid syntax");
                    defaultValue = exprs.expression(p.getChild(++k));
                }
            }
            String id = identifier(name);
            if (first == PythonParser.STAR) out.add(new TypeParam.TypeVarTuple(id, defaultValue, pos));
            else if (first == PythonParser.DOUBLESTAR) out.add(new TypeParam.ParamSpec(id, defaultValue, pos));
            else out.add(new TypeParam.TypeVar(id, bound, defaultValue, pos));
        }
        return out;
    }

    // ---- compound statements ---------------------------------------------------------------------

    private Stmt compound(Compound_stmtContext c) {
        ParseTree inner = c.getChild(0);
        if (inner instanceof If_stmtContext s) return ifStatement(s);
        if (inner instanceof While_stmtContext s) return whileStatement(s);
        if (inner instanceof For_stmtContext s) return forStatement(s, null);
        if (inner instanceof Try_stmtContext s) return tryStatement(s);
        if (inner instanceof With_stmtContext s) return withStatement(s, null);
        if (inner instanceof FuncdefContext s) return function(s, null, List.of());
        if (inner instanceof ClassdefContext s) return classDef(s, List.of());
        if (inner instanceof DecoratedContext s) return decorated(s);
        if (inner instanceof Async_stmtContext s) return asyncStatement(s, List.of());
        return matchStatement((Match_stmtContext) inner);
    }

    private Stmt asyncStatement(Async_stmtContext c, List<Expr> decorators) {
        Token async = c.getStart();
        ParseTree inner = c.getChild(1);
        if (inner instanceof FuncdefContext f) return function(f, async, decorators);
        if (!decorators.isEmpty()) throw errors.at(token(c.getChild(0)), "invalid syntax");
        if (inner instanceof With_stmtContext w) return withStatement(w, async);
        return forStatement((For_stmtContext) inner, async);
    }

    private Stmt decorated(DecoratedContext c) {
        List<Expr> decorators = new ArrayList<>();
        int i = 0;
        for (; c.getChild(i) instanceof DecoratorContext d; i++) {
            Namedexpr_testContext e = (Namedexpr_testContext) d.getChild(1);
            if (!version.atLeast(PythonVersion.PY39)) checkOldDecorator(e);
            decorators.add(exprs.namedexpr(e));
        }
        ParseTree target = c.getChild(i);
        if (target instanceof ClassdefContext cls) return classDef(cls, decorators);
        if (target instanceof FuncdefContext f) return function(f, null, decorators);
        return asyncStatement((Async_stmtContext) target, decorators);
    }

    /** Before 3.9 a decorator is a dotted name with an optional call. */
    private void checkOldDecorator(Namedexpr_testContext c) {
        List<Token> tokens = new ArrayList<>();
        collectTokens(c, tokens);
        int i = 0;
        boolean expectName = true;
        for (; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (expectName && type == PythonParser.NAME) expectName = false;
            else if (!expectName && type == PythonParser.DOT) expectName = true;
            else break;
        }
        boolean ok = !expectName && (i == tokens.size()
                || (tokens.get(i).getType() == PythonParser.LPAR
                && tokens.get(tokens.size() - 1).getType() == PythonParser.RPAR
                && c.getChild(0).getChildCount() == 1 && isSingleCall(c)));
        if (!ok) throw errors.at(tokens.get(Math.min(i, tokens.size() - 1)), "invalid syntax");
    }

    private boolean isSingleCall(Namedexpr_testContext c) {
        Expr e = exprs.namedexpr(c);
        if (!(e instanceof Call call)) return false;
        Expr f = call.func();
        while (f instanceof Attribute a) f = a.value();
        return f instanceof Name;
    }

    private static void collectTokens(ParseTree t, List<Token> out) {
        if (t instanceof TerminalNodeImpl n) {
            out.add(n.getSymbol());
            return;
        }
        for (int i = 0; i < t.getChildCount(); i++) collectTokens(t.getChild(i), out);
    }

    private Stmt function(FuncdefContext c, Token async, List<Expr> decorators) {
        Token start = async != null ? async : c.getStart();
        String name = identifier(token(c.getChild(1)));
        int i = 2;
        List<TypeParam> typeParams = new ArrayList<>();
        if (c.getChild(i) instanceof Type_paramsContext tp) {
            boolean defaults = tp.getText().contains("=");
            if (!version.atLeast(PythonVersion.PY312) || (defaults && !version.atLeast(PythonVersion.PY313))) {
                throw errors.at(tp.getStart(), version.atLeast(PythonVersion.PY311) ? "expected '('" : "invalid syntax");
            }
            typeParams = typeParams(tp);
            i++;
        }
        Arguments args = exprs.parameters((ParametersContext) c.getChild(i++));
        Expr returns = null;
        if (tokenType(c.getChild(i)) == PythonParser.RARROW) {
            returns = exprs.expression(c.getChild(i + 1));
            i += 2;
        }
        functionDepth++;
        List<Stmt> body = block((BlockContext) c.getChild(i + 1));
        functionDepth--;
        Pos pos = extent(start, c);
        if (async != null) return new AsyncFunctionDef(name, args, body, decorators, returns, typeParams, pos);
        return new FunctionDef(name, args, body, decorators, returns, typeParams, pos);
    }

    private Stmt classDef(ClassdefContext c, List<Expr> decorators) {
        String name = identifier(token(c.getChild(1)));
        int i = 2;
        List<TypeParam> typeParams = new ArrayList<>();
        if (c.getChild(i) instanceof Type_paramsContext tp) {
            typeParams = typeParams(tp);
            i++;
        }
        List<Expr> bases = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        if (tokenType(c.getChild(i)) == PythonParser.LPAR) {
            if (c.getChild(i + 1) instanceof ArglistContext args) {
                exprs.arguments(args, bases, keywords, token(c.getChild(i)), token(c.getChild(i + 2)));
                for (Expr b : bases) {
                    if (b instanceof GeneratorExp g && g.pos().col() == positions.startCol(token(c.getChild(i)))) {
                        throw errors.at(g.pos(), "invalid syntax");
                    }
                }
                i += 3;
            } else {
                i += 2;
            }
        }
        classDepth++;
        List<Stmt> body = block((BlockContext) c.getChild(i + 1));
        classDepth--;
        return new ClassDef(name, bases, keywords, body, decorators, typeParams, extent(c.getStart(), c));
    }

    private Stmt ifStatement(If_stmtContext c) {
        Expr test = exprs.expression(c.getChild(1));
        List<Stmt> body = block((BlockContext) c.getChild(3));
        int n = c.getChildCount();
        List<Stmt> orelse = new ArrayList<>();
        int last = n - 1;
        if (c.getChild(last) instanceof Else_clauseContext e) {
            orelse = block((BlockContext) e.getChild(2));
            last--;
        }
        for (int i = last; i >= 4; i--) {
            Elif_clauseContext elif = (Elif_clauseContext) c.getChild(i);
            List<Stmt> elifBody = block((BlockContext) elif.getChild(3));
            Stmt nested = new If(exprs.expression(elif.getChild(1)), elifBody, orelse, extent(elif.getStart(), c));
            orelse = new ArrayList<>();
            orelse.add(nested);
        }
        return new If(test, body, orelse, extent(c.getStart(), c));
    }

    private Stmt whileStatement(While_stmtContext c) {
        Expr test = exprs.expression(c.getChild(1));
        List<Stmt> body = block((BlockContext) c.getChild(3));
        List<Stmt> orelse = c.getChildCount() > 4 ? block((BlockContext) c.getChild(4).getChild(2)) : new ArrayList<>();
        return new While(test, body, orelse, extent(c.getStart(), c));
    }

    private Stmt forStatement(For_stmtContext c, Token async) {
        Expr target = targets.store(exprs.expression(c.getChild(1)), "");
        if (!version.atLeast(PythonVersion.PY39)) refuseStarredIterable(c.getChild(3));
        Expr iter = exprs.expression(c.getChild(3));
        List<Stmt> body = block((BlockContext) c.getChild(5));
        List<Stmt> orelse = c.getChildCount() > 6 ? block((BlockContext) c.getChild(6).getChild(2)) : new ArrayList<>();
        Pos pos = extent(async != null ? async : c.getStart(), c);
        if (async != null) return new AsyncFor(target, iter, body, orelse, pos);
        return new For(target, iter, body, orelse, pos);
    }

    /** `for x in *a, *b:` came with 3.9; 3.8 wanted the tuple in parentheses. */
    private void refuseStarredIterable(ParseTree iterable) {
        for (int i = 0; i < iterable.getChildCount(); i++) {
            if (iterable.getChild(i) instanceof Star_exprContext star) throw errors.at(star.getStart(), "invalid syntax");
        }
    }

    private Stmt tryStatement(Try_stmtContext c) {
        List<Stmt> body = block((BlockContext) c.getChild(2));
        List<ExceptHandler> handlers = new ArrayList<>();
        List<Stmt> orelse = new ArrayList<>();
        List<Stmt> finalbody = new ArrayList<>();
        Boolean star = null;
        for (int i = 3; i < c.getChildCount(); i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof Except_clauseContext e) {
                boolean isStar = tokenType(e.getChild(1)) == PythonParser.STAR;
                if (star != null && star != isStar) {
                    throw errors.at(e.getStart(), "cannot have both 'except' and 'except*' on the same 'try'");
                }
                star = isStar;
                ExceptHandler h = handler(e, isStar);
                handlers.add(h);
            } else if (child instanceof Else_clauseContext e) {
                orelse = block((BlockContext) e.getChild(2));
            } else {
                finalbody = block((BlockContext) ((Finally_clauseContext) child).getChild(2));
            }
        }
        Pos pos = extent(c.getStart(), c);
        if (Boolean.TRUE.equals(star)) return new TryStar(body, handlers, orelse, finalbody, pos);
        return new Try(body, handlers, orelse, finalbody, pos);
    }

    private ExceptHandler handler(Except_clauseContext c, boolean star) {
        int i = 1;
        if (star) {
            if (!version.atLeast(PythonVersion.PY311)) throw errors.at(token(c.getChild(1)), "invalid syntax");
            i++;
        }
        Expr type = null;
        String name = null;
        List<Expr> types = new ArrayList<>();
        Token firstType = null;
        Token lastType = null;
        for (; ; i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof TestContext t) {
                if (firstType == null) firstType = t.getStart();
                lastType = t.getStop();
                types.add(exprs.test(t));
            } else if (tokenType(child) == PythonParser.AS) {
                name = identifier(token(c.getChild(++i)));
            } else if (tokenType(child) != PythonParser.COMMA) {
                break;
            }
        }
        if (star && types.isEmpty()) {
            throw errors.at(token(c.getChild(2)), "expected one or more exception types");
        }
        if (types.size() == 1) {
            type = types.get(0);
        } else if (types.size() > 1) {
            if (!version.atLeast(PythonVersion.PY314)) {
                throw errors.at(firstType, "multiple exception types must be parenthesized");
            }
            if (name != null) {
                throw errors.at(firstType, "multiple exception types must be parenthesized when using 'as'");
            }
            type = new TupleExpr(types, Ctx.Load, positions.span(firstType, lastType));
        }
        List<Stmt> body = block((BlockContext) c.getChild(c.getChildCount() - 1));
        return new ExceptHandler(type, name, body, extent(c.getStart(), c));
    }

    private Stmt withStatement(With_stmtContext c, Token async) {
        List<WithItem> items = new ArrayList<>();
        boolean parenthesized = tokenType(c.getChild(1)) == PythonParser.LPAR
                && c.getChild(2) instanceof With_itemContext;
        int n = c.getChildCount();
        for (int i = 1; i < n; i++) {
            if (c.getChild(i) instanceof With_itemContext w) {
                Expr ctx = exprs.test((TestContext) w.getChild(0));
                Expr vars = w.getChildCount() == 3 ? targets.store(exprs.expression(w.getChild(2)), "") : null;
                items.add(new WithItem(ctx, vars));
            }
        }
        if (parenthesized && !version.atLeast(PythonVersion.PY39)) items = oldStyleWithItems(c, items);
        List<Stmt> body = block((BlockContext) c.getChild(n - 1));
        Pos pos = extent(async != null ? async : c.getStart(), c);
        if (async != null) return new AsyncWith(items, body, pos);
        return new With(items, body, pos);
    }

    /** Before 3.9 `with (a, b):` is one tuple item, and `as` inside the parentheses is an error. */
    private List<WithItem> oldStyleWithItems(With_stmtContext c, List<WithItem> items) {
        for (int i = 1; i < c.getChildCount(); i++) {
            if (c.getChild(i) instanceof With_itemContext w && w.getChildCount() == 3) {
                throw errors.at(token(w.getChild(1)), "invalid syntax");
            }
        }
        List<WithItem> one = new ArrayList<>();
        Token close = token(c.getChild(c.getChildCount() - 3));
        boolean comma = tokenType(c.getChild(c.getChildCount() - 4)) == PythonParser.COMMA;
        if (items.size() == 1 && !comma) return items;
        List<Expr> elts = new ArrayList<>();
        for (WithItem w : items) elts.add(w.contextExpr());
        one.add(new WithItem(new TupleExpr(elts, Ctx.Load, positions.span(token(c.getChild(1)), close)), null));
        return one;
    }

    private Stmt matchStatement(Match_stmtContext c) {
        if (!version.atLeast(PythonVersion.PY310)) throw errors.at(((ParserRuleContext) c.getChild(1)).getStart(), "invalid syntax");
        Testlist_star_namedContext subjectCtx = (Testlist_star_namedContext) c.getChild(1);
        Expr subject = exprs.testlistNamed(subjectCtx);
        if (subject instanceof Starred s) throw errors.at(s.pos(), "cannot use starred expression here");
        List<MatchCase> cases = new ArrayList<>();
        for (int i = 5; i < c.getChildCount() - 1; i++) {
            Case_blockContext cb = (Case_blockContext) c.getChild(i);
            var pattern = patterns.patterns((PatternsContext) cb.getChild(1));
            Expr guard = null;
            if (tokenType(cb.getChild(2)) == PythonParser.IF) guard = exprs.expression(cb.getChild(3));
            List<Stmt> body = block((BlockContext) cb.getChild(cb.getChildCount() - 1));
            cases.add(new MatchCase(pattern, guard, body));
        }
        return new Match(subject, cases, extent(c.getStart(), c));
    }
}
