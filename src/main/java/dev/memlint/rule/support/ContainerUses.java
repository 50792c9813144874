package dev.memlint.rule.support;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.SemanticModel;

import java.util.HashSet;
import java.util.List;
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

    /** Whether this load of a container (a name, or self.attr) only reads the container. */
    public static boolean isReadOnly(SemanticModel model, Expr use) {
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

    /**
     * Whether code may change a container reached from one of the named roots through a call: a
     * method called on a root that is not known to only read ({@code self.discard(key)},
     * {@code d.update(more)}), or a root passed to a call that is not a reading builtin
     * ({@code prune(d)}). What the callee does is unknown, so it may change the container.
     */
    public static boolean mayChangeThroughCalls(SemanticModel model, List<? extends Node> code, Set<String> roots) {
        return Trees.any(code, n -> n instanceof Expr.Call c && changesThroughCall(model, c, roots));
    }

    private static boolean changesThroughCall(SemanticModel model, Expr.Call c, Set<String> roots) {
        if (c.func() instanceof Expr.Attribute a && reaches(roots, a.value()) && !READ_METHODS.contains(a.attr()))
            return true;
        if (isReadingCall(model, c)) return false;
        for (Expr arg : c.args()) if (reaches(roots, arg instanceof Expr.Starred st ? st.value() : arg)) return true;
        for (dev.memlint.ast.Keyword k : c.keywords()) if (reaches(roots, k.value())) return true;
        return false;
    }

    private static boolean reaches(Set<String> roots, Expr e) {
        String root = rootName(e);
        return root != null && roots.contains(root);
    }

    /** The name an expression starts from: d for d, d.items(), self.cache[k]; null for anything else. */
    public static String rootName(Expr e) {
        Expr.Name n = root(e);
        return n == null ? null : n.id();
    }

    /**
     * The names a container read by these expressions can be reached from, leaving out imported
     * modules and builtins ({@code os} of {@code os.listdir(p)}): calling them changes no container.
     */
    public static Set<String> containerRoots(SemanticModel model, List<Expr> exprs) {
        Set<String> roots = new HashSet<>();
        for (Expr e : exprs) {
            Expr.Name n = root(e);
            if (n != null && model.qualifiedName(n) == null) roots.add(n.id()); // a qualified name: a module or builtin
        }
        return roots;
    }

    private static Expr.Name root(Expr e) {
        while (e instanceof Expr.Attribute || e instanceof Expr.Subscript || e instanceof Expr.Call) {
            if (e instanceof Expr.Attribute a) e = a.value();
            else if (e instanceof Expr.Subscript s) e = s.value();
            else e = ((Expr.Call) e).func();
        }
        return e instanceof Expr.Name n ? n : null;
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
