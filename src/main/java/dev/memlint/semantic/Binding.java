package dev.memlint.semantic;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;

/**
 * One place where a name gets a value.
 *
 * @param kind          how the name is bound
 * @param node          the binding construct: the Assign/AugAssign/AnnAssign/For/With/NamedExpr
 *                      statement or expression, the Arg, the Alias, the def/class, the ExceptHandler,
 *                      the comprehension expression, the match pattern, the Delete
 * @param target        the node that names it (a Name, Arg, Alias, def, class, handler or pattern)
 * @param value         the expression assigned when it is known exactly (an Assign's value, the
 *                      matching element of an unpacked tuple display, an AugAssign's right side,
 *                      a parameter's default, a with item's context expression), otherwise null
 * @param qualifiedName for imports, the dotted name imported ("collections.deque"); otherwise null
 * @param scope         the scope whose code performs the binding
 */
public record Binding(Kind kind, Located node, Located target, Expr value, String qualifiedName, Scope scope) {

    public enum Kind {
        ASSIGNMENT, AUG_ASSIGNMENT, ANNOTATION, PARAMETER, IMPORT, FUNCTION, CLASS, LOOP_TARGET,
        WITH_TARGET, EXCEPT_HANDLER, COMPREHENSION_TARGET, NAMED_EXPR, DELETION, MATCH, TYPE_PARAM
    }
}
