package dev.memlint.ast;

/** A type parameter of a generic class, function or type alias (PEP 695, defaults from PEP 696). */
public sealed interface TypeParam extends Located {
    @Override
    default int family() {
        return NodeKinds.TYPE_PARAM;
    }

    record TypeVar(String name, Expr bound, Expr defaultValue, Pos pos) implements TypeParam {}

    record ParamSpec(String name, Expr defaultValue, Pos pos) implements TypeParam {}

    record TypeVarTuple(String name, Expr defaultValue, Pos pos) implements TypeParam {}
}
