package dev.memlint.ast;

import java.util.List;

/**
 * An expression (CPython's expr). Record names are CPython's, except ListExpr, TupleExpr, SetExpr
 * and DictExpr (CPython's List, Tuple, Set, Dict), renamed so they do not hide java.util types.
 */
public sealed interface Expr extends Located {
    @Override
    default int family() {
        return NodeKinds.EXPR;
    }

    record BoolOp(BoolOperator op, List<Expr> values, Pos pos) implements Expr {}

    record NamedExpr(Expr target, Expr value, Pos pos) implements Expr {}

    record BinOp(Expr left, Operator op, Expr right, Pos pos) implements Expr {}

    record UnaryOp(UnaryOperator op, Expr operand, Pos pos) implements Expr {}

    record Lambda(Arguments args, Expr body, Pos pos) implements Expr {}

    record IfExp(Expr test, Expr body, Expr orelse, Pos pos) implements Expr {}

    /** A dict display; a null key marks a {@code **value} entry. */
    record DictExpr(List<Expr> keys, List<Expr> values, Pos pos) implements Expr {}

    record SetExpr(List<Expr> elts, Pos pos) implements Expr {}

    record ListComp(Expr elt, List<Comprehension> generators, Pos pos) implements Expr {}

    record SetComp(Expr elt, List<Comprehension> generators, Pos pos) implements Expr {}

    record DictComp(Expr key, Expr value, List<Comprehension> generators, Pos pos) implements Expr {}

    record GeneratorExp(Expr elt, List<Comprehension> generators, Pos pos) implements Expr {}

    record Await(Expr value, Pos pos) implements Expr {}

    /** {@code yield} with an optional value (null). */
    record Yield(Expr value, Pos pos) implements Expr {}

    record YieldFrom(Expr value, Pos pos) implements Expr {}

    record Compare(Expr left, List<CmpOp> ops, List<Expr> comparators, Pos pos) implements Expr {}

    record Call(Expr func, List<Expr> args, List<Keyword> keywords, Pos pos) implements Expr {}

    /**
     * A replacement field of an f-string. conversion is -1 (none) or the code point of
     * 's', 'r' or 'a'; formatSpec is a JoinedStr or null.
     */
    record FormattedValue(Expr value, int conversion, Expr formatSpec, Pos pos) implements Expr {}

    /** A replacement field of a t-string (3.14); str is the field's expression source text. */
    record Interpolation(Expr value, String str, int conversion, Expr formatSpec, Pos pos) implements Expr {}

    record JoinedStr(List<Expr> values, Pos pos) implements Expr {}

    record TemplateStr(List<Expr> values, Pos pos) implements Expr {}

    /**
     * A literal. value is a String (str), {@link Bytes}, java.math.BigInteger (int), Double (float),
     * {@link Complex}, Boolean, {@link Ellipsis}, or null for None. kind is "u" for u-prefixed
     * strings, otherwise null.
     */
    record Constant(Object value, String kind, Pos pos) implements Expr {}

    record Attribute(Expr value, String attr, Ctx ctx, Pos pos) implements Expr {}

    record Subscript(Expr value, Expr slice, Ctx ctx, Pos pos) implements Expr {}

    record Starred(Expr value, Ctx ctx, Pos pos) implements Expr {}

    record Name(String id, Ctx ctx, Pos pos) implements Expr {}

    record ListExpr(List<Expr> elts, Ctx ctx, Pos pos) implements Expr {}

    record TupleExpr(List<Expr> elts, Ctx ctx, Pos pos) implements Expr {}

    /** A slice inside a subscript; each part may be null. */
    record Slice(Expr lower, Expr upper, Expr step, Pos pos) implements Expr {}
}
