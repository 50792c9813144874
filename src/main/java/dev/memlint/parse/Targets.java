package dev.memlint.parse;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an expression parsed as a value into an assignment or deletion target (Store/Del
 * context), refusing what CPython refuses with CPython's messages. The grammar parses targets as
 * ordinary expressions to stay LL(1); this is where they are checked.
 */
final class Targets {
    private final SyntaxErrors errors;

    Targets(SyntaxErrors errors) { this.errors = errors; }

    /**
     * Target of `=`, `for`, `with ... as`, comprehension `for`; {@code suffix} is appended to the
     * message for a refused target (CPython's "here. Maybe you meant '==' ..." hint).
     */
    Expr store(Expr e, String suffix) {
        if (e instanceof Name n) return new Name(n.id(), Ctx.Store, n.pos());
        if (e instanceof Attribute a) return new Attribute(a.value(), a.attr(), Ctx.Store, a.pos());
        if (e instanceof Subscript s) return new Subscript(s.value(), s.slice(), Ctx.Store, s.pos());
        if (e instanceof Starred s) return new Starred(store(s.value(), ""), Ctx.Store, s.pos());
        if (e instanceof TupleExpr t) return new TupleExpr(storeAll(t.elts()), Ctx.Store, t.pos());
        if (e instanceof ListExpr l) return new ListExpr(storeAll(l.elts()), Ctx.Store, l.pos());
        throw errors.at(e.pos(), "cannot assign to " + describe(e) + suffix);
    }

    private List<Expr> storeAll(List<Expr> elts) {
        List<Expr> out = new ArrayList<>(elts.size());
        for (Expr x : elts) out.add(store(x, ""));
        return out;
    }

    Expr delete(Expr e) {
        if (e instanceof Name n) return new Name(n.id(), Ctx.Del, n.pos());
        if (e instanceof Attribute a) return new Attribute(a.value(), a.attr(), Ctx.Del, a.pos());
        if (e instanceof Subscript s) return new Subscript(s.value(), s.slice(), Ctx.Del, s.pos());
        if (e instanceof TupleExpr t) return new TupleExpr(deleteAll(t.elts()), Ctx.Del, t.pos());
        if (e instanceof ListExpr l) return new ListExpr(deleteAll(l.elts()), Ctx.Del, l.pos());
        throw errors.at(e.pos(), "cannot delete " + describe(e));
    }

    private List<Expr> deleteAll(List<Expr> elts) {
        List<Expr> out = new ArrayList<>(elts.size());
        for (Expr x : elts) out.add(delete(x));
        return out;
    }

    Expr augmented(Expr e) {
        if (e instanceof Name || e instanceof Attribute || e instanceof Subscript) return store(e, "");
        throw errors.at(e.pos(), "'" + describe(e) + "' is an illegal expression for augmented assignment");
    }

    Expr annotated(Expr e) {
        if (e instanceof Name || e instanceof Attribute || e instanceof Subscript) return store(e, "");
        if (e instanceof TupleExpr) throw errors.at(e.pos(), "only single target (not tuple) can be annotated");
        if (e instanceof ListExpr) throw errors.at(e.pos(), "only single target (not list) can be annotated");
        throw errors.at(e.pos(), "illegal target for annotation");
    }

    /** CPython's _PyPegen_get_expr_name. */
    static String describe(Expr e) {
        if (e instanceof Attribute) return "attribute";
        if (e instanceof Subscript) return "subscript";
        if (e instanceof Starred) return "starred";
        if (e instanceof Name) return "name";
        if (e instanceof ListExpr) return "list";
        if (e instanceof TupleExpr) return "tuple";
        if (e instanceof Lambda) return "lambda";
        if (e instanceof Call) return "function call";
        if (e instanceof BoolOp || e instanceof BinOp || e instanceof UnaryOp) return "expression";
        if (e instanceof GeneratorExp) return "generator expression";
        if (e instanceof Yield || e instanceof YieldFrom) return "yield expression";
        if (e instanceof Await) return "await expression";
        if (e instanceof ListComp) return "list comprehension";
        if (e instanceof SetComp) return "set comprehension";
        if (e instanceof DictComp) return "dict comprehension";
        if (e instanceof DictExpr) return "dict literal";
        if (e instanceof SetExpr) return "set display";
        if (e instanceof JoinedStr || e instanceof FormattedValue) return "f-string expression";
        if (e instanceof TemplateStr || e instanceof Interpolation) return "t-string expression";
        if (e instanceof Compare) return "comparison";
        if (e instanceof IfExp) return "conditional expression";
        if (e instanceof NamedExpr) return "named expression";
        if (e instanceof Constant c) return constantName(c.value());
        return "expression";
    }

    private static String constantName(Object v) {
        if (v == null) return "None";
        if (v == Boolean.TRUE) return "True";
        if (v == Boolean.FALSE) return "False";
        if (v == dev.memlint.ast.Ellipsis.INSTANCE) return "ellipsis";
        return "literal";
    }
}
