package dev.memlint.ast;

import java.util.List;

/**
 * A statement (CPython's stmt). Names are CPython's, except ExprStmt (CPython's Expr).
 * Async variants are separate records, as in CPython; {@link FunctionNode}, {@link ForNode} and
 * {@link WithNode} let rules treat both alike.
 */
public sealed interface Stmt extends Located {
    @Override
    default int family() {
        return NodeKinds.STMT;
    }

    /** What FunctionDef and AsyncFunctionDef share. */
    sealed interface FunctionNode extends Stmt permits FunctionDef, AsyncFunctionDef {
        String name();
        Arguments args();
        List<Stmt> body();
        List<Expr> decoratorList();
        Expr returns();
        List<TypeParam> typeParams();
    }

    /** What For and AsyncFor share. */
    sealed interface ForNode extends Stmt permits For, AsyncFor {
        Expr target();
        Expr iter();
        List<Stmt> body();
        List<Stmt> orelse();
    }

    /** What With and AsyncWith share. */
    sealed interface WithNode extends Stmt permits With, AsyncWith {
        List<WithItem> items();
        List<Stmt> body();
    }

    record FunctionDef(String name, Arguments args, List<Stmt> body, List<Expr> decoratorList, Expr returns,
                       List<TypeParam> typeParams, Pos pos) implements FunctionNode {}

    record AsyncFunctionDef(String name, Arguments args, List<Stmt> body, List<Expr> decoratorList, Expr returns,
                            List<TypeParam> typeParams, Pos pos) implements FunctionNode {}

    record ClassDef(String name, List<Expr> bases, List<Keyword> keywords, List<Stmt> body,
                    List<Expr> decoratorList, List<TypeParam> typeParams, Pos pos) implements Stmt {}

    record Return(Expr value, Pos pos) implements Stmt {}

    record Delete(List<Expr> targets, Pos pos) implements Stmt {}

    record Assign(List<Expr> targets, Expr value, Pos pos) implements Stmt {}

    record TypeAlias(Expr name, List<TypeParam> typeParams, Expr value, Pos pos) implements Stmt {}

    record AugAssign(Expr target, Operator op, Expr value, Pos pos) implements Stmt {}

    /** simple is 1 when the target is a plain name not in parentheses. value may be null. */
    record AnnAssign(Expr target, Expr annotation, Expr value, int simple, Pos pos) implements Stmt {}

    record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, Pos pos) implements ForNode {}

    record AsyncFor(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, Pos pos) implements ForNode {}

    record While(Expr test, List<Stmt> body, List<Stmt> orelse, Pos pos) implements Stmt {}

    record If(Expr test, List<Stmt> body, List<Stmt> orelse, Pos pos) implements Stmt {}

    record With(List<WithItem> items, List<Stmt> body, Pos pos) implements WithNode {}

    record AsyncWith(List<WithItem> items, List<Stmt> body, Pos pos) implements WithNode {}

    record Match(Expr subject, List<MatchCase> cases, Pos pos) implements Stmt {}

    record Raise(Expr exc, Expr cause, Pos pos) implements Stmt {}

    record Try(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody,
               Pos pos) implements Stmt {}

    record TryStar(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody,
                   Pos pos) implements Stmt {}

    record Assert(Expr test, Expr msg, Pos pos) implements Stmt {}

    record Import(List<Alias> names, Pos pos) implements Stmt {}

    /** module is null for {@code from . import x}; level counts the leading dots. */
    record ImportFrom(String module, List<Alias> names, int level, Pos pos) implements Stmt {}

    record Global(List<String> names, Pos pos) implements Stmt {}

    record Nonlocal(List<String> names, Pos pos) implements Stmt {}

    record ExprStmt(Expr value, Pos pos) implements Stmt {}

    record Pass(Pos pos) implements Stmt {}

    record Break(Pos pos) implements Stmt {}

    record Continue(Pos pos) implements Stmt {}
}
