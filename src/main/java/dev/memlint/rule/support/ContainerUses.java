package dev.memlint.rule.support;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.SemanticModel;

import java.util.Set;

/**
 * Tells apart the uses of a container name that only read it from the ones that may change it or
 * let it escape (passed to an unknown call, stored, returned): rules that reason about "the list is
 * never changed" treat every use they cannot prove harmless as a change.
 */
public final class ContainerUses {
    /** Methods of list, tuple, str, bytes, dict, set and deque that never change the receiver. */
    private static final Set<String> READ_METHODS = Set.of("count", "index", "copy", "get", "keys", "values",
            "items", "startswith", "endswith", "find", "rfind", "rindex", "issubset", "issuperset", "isdisjoint",
            "union", "intersection", "difference", "symmetric_difference", "split", "rsplit", "splitlines", "strip",
            "lstrip", "rstrip", "lower", "upper", "join", "encode", "decode", "format", "replace", "partition",
            "rpartition", "__len__", "__contains__", "__getitem__", "__iter__");
    /** Builtins that read their arguments and keep no reference to them. */
    private static final Set<String> READING_BUILTINS = Set.of("len", "sorted", "list", "tuple", "set", "frozenset",
            "sum", "min", "max", "any", "all", "print", "str", "repr", "bool", "isinstance", "id", "hash", "dict",
            "reversed", "enumerate", "zip", "iter", "map", "filter", "bytes", "bytearray", "format", "type");

    private ContainerUses() {}

    /** Whether this load of a container name only reads the container. */
    public static boolean isReadOnly(SemanticModel model, Expr.Name use) {
        Node parent = model.parent(use);
        if (parent instanceof Expr.Attribute a && a.value() == use) {
            return READ_METHODS.contains(a.attr()) && model.parent(a) instanceof Expr.Call c && c.func() == a;
        }
        if (parent instanceof Expr.Subscript s) return s.value() == use ? s.ctx() == Ctx.Load : true;
        if (parent instanceof Expr.Compare || parent instanceof Expr.BoolOp || parent instanceof Expr.FormattedValue)
            return true;
        if (parent instanceof Expr.UnaryOp || parent instanceof Expr.BinOp) return true;
        if (parent instanceof Expr.Starred st && model.parent(st) instanceof Expr.Call) return true;
        if (parent instanceof Stmt.ForNode f) return f.iter() == use;
        if (parent instanceof Comprehension c) return c.iter() == use;
        if (parent instanceof Stmt.If || parent instanceof Stmt.While || parent instanceof Stmt.Assert) return true;
        if (parent instanceof Expr.IfExp ie) return ie.test() == use;
        if (parent instanceof Expr.Call c) return SemanticModel.contains(c.args(), use) && isReadingCall(model, c);
        if (parent instanceof dev.memlint.ast.Keyword k && model.parent(k) instanceof Expr.Call c) return isReadingCall(model, c);
        return false;
    }

    private static boolean isReadingCall(SemanticModel model, Expr.Call c) {
        String q = model.qualifiedName(c.func());
        if (q != null && q.startsWith("builtins.") && READING_BUILTINS.contains(q.substring("builtins.".length())))
            return true;
        // "sep".join(parts): str.join reads its argument.
        return c.func() instanceof Expr.Attribute a && a.attr().equals("join")
                && a.value() instanceof Expr.Constant k && k.value() instanceof String;
    }
}
