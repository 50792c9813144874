package dev.memlint.rule.lifetime;

import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.support.SourceSized;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a cache key can only take a few values, judged from where its names come from: a
 * flag parameter ({@code aliased=0}), a parameter of a private function that every call in the
 * module fills with a constant ({@code _b32encode(_b32alphabet, s)}), the target of a loop over a
 * list written in the source, or a type ({@code type(obj)}). A cache keyed like that stops growing
 * after a handful of entries.
 */
final class CacheKeys {
    private CacheKeys() {}

    static boolean fewValues(SemanticModel model, Expr key) {
        boolean[] open = {false};
        NodeChildren.walk(key, n -> {
            if (!(n instanceof Expr.Name name) || isCalled(model, name) || isTypeArgument(model, name)) return;
            if (!fewValuesName(model, name)) open[0] = true;
        });
        return !open[0];
    }

    /**
     * Whether the addition only happens under a range test of the key ({@code if n < MAX_CACHE:}),
     * which bounds how many keys can get in.
     */
    static boolean rangeChecked(SemanticModel model, Node addition, Expr key) {
        Set<String> keyNames = new HashSet<>();
        NodeChildren.walk(key, n -> { if (n instanceof Expr.Name name) keyNames.add(name.id()); });
        Node child = addition;
        for (Node p = model.parent(addition); p != null && !(p instanceof Stmt.FunctionNode); child = p, p = model.parent(p)) {
            if (!(p instanceof Stmt.If i) || !SemanticModel.contains(i.body(), child)) continue;
            boolean[] bounded = {false};
            NodeChildren.walk(i.test(), n -> {
                if (n instanceof Expr.Compare c && c.ops().stream().anyMatch(CacheKeys::isOrdering)) {
                    NodeChildren.walk(c, m -> { if (m instanceof Expr.Name name && keyNames.contains(name.id())) bounded[0] = true; });
                }
            });
            if (bounded[0]) return true;
        }
        return false;
    }

    private static boolean isOrdering(CmpOp op) {
        return op == CmpOp.Lt || op == CmpOp.LtE || op == CmpOp.Gt || op == CmpOp.GtE;
    }

    private static boolean isCalled(SemanticModel model, Expr.Name name) {
        return model.parent(name) instanceof Expr.Call c && c.func() == name;
    }

    /** The x of type(x) or x.__class__: a type, whatever x is. */
    private static boolean isTypeArgument(SemanticModel model, Expr.Name name) {
        Node parent = model.parent(name);
        if (parent instanceof Expr.Attribute a && a.attr().equals("__class__")) return true;
        return parent instanceof Expr.Call c && model.isBuiltin(c.func(), "type");
    }

    private static boolean fewValuesName(SemanticModel model, Expr.Name name) {
        Symbol s = model.symbol(name);
        if (s == null || s.bindings().isEmpty()) return false;
        Binding b = s.bindings().get(0);
        // if sys_version is None: sys_version = sys.version — a module's constant in place of the default
        for (Binding other : s.bindings().subList(1, s.bindings().size())) {
            if (other.kind() != Binding.Kind.ASSIGNMENT || !(other.value() instanceof Expr.Attribute a)
                    || model.qualifiedName(a) == null) return false;
        }
        if (isSubclassed(model, s)) return true; // class MultiCall(widget): the key is a class
        if (b.kind() == Binding.Kind.LOOP_TARGET) {
            return b.node() instanceof Stmt.ForNode f && SourceSized.isSmall(model, f.iter());
        }
        if (b.kind() != Binding.Kind.PARAMETER) return false;
        if (b.value() != null && Trees.intConstant(b.value()) != null) return true; // aliased=0
        if (b.value() instanceof Expr.Constant c && c.value() instanceof Boolean) return true;
        return constantAtEveryCall(model, s);
    }

    private static boolean isSubclassed(SemanticModel model, Symbol s) {
        for (Expr.Name use : s.uses()) {
            if (model.parent(use) instanceof Stmt.ClassDef c && SemanticModel.contains(c.bases(), use))
                return true;
        }
        return false;
    }

    /** A parameter of a private module function whose every call here passes a constant or leaves it out. */
    private static boolean constantAtEveryCall(SemanticModel model, Symbol param) {
        Scope scope = param.scope();
        if (!(scope.node() instanceof Stmt.FunctionDef f) || !f.name().startsWith("_")
                || model.scopeOf(f).kind() != Scope.Kind.MODULE) return false;
        int index = positionOf(f, param.name());
        if (index < 0) return false;
        Symbol function = model.moduleScope().symbol(f.name());
        if (function == null || function.uses().isEmpty()) return false;
        for (Expr.Name use : function.uses()) {
            if (!(model.parent(use) instanceof Expr.Call call) || call.func() != use) return false;
            if (!call.keywords().isEmpty()) return false;
            if (index < call.args().size() && !isConstant(model, call.args().get(index))) return false;
        }
        return true;
    }

    private static int positionOf(Stmt.FunctionDef f, String name) {
        var params = new java.util.ArrayList<>(f.args().posonlyargs());
        params.addAll(f.args().args());
        for (int i = 0; i < params.size(); i++) if (params.get(i).arg().equals(name)) return i;
        return -1;
    }

    /** A literal, or a module-level name bound once to one. */
    private static boolean isConstant(SemanticModel model, Expr e) {
        if (e instanceof Expr.Constant) return true;
        if (!(e instanceof Expr.Name n)) return false;
        Symbol s = model.symbol(n);
        return s != null && s.scope() == model.moduleScope() && s.bindings().size() == 1
                && s.bindings().get(0).value() instanceof Expr.Constant;
    }
}
