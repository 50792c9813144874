package dev.memlint.semantic;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types of instance attributes ({@code self.items}) from every {@code self.items = ...} in the
 * class's methods and every {@code items = ...} in its body: all must agree. Attributes assigned
 * any other way (unpacking, setattr) are UNKNOWN.
 */
final class AttributeTypes {
    private final SemanticModel model;
    private final Map<Stmt.ClassDef, Map<String, PyType>> byClass = new IdentityHashMap<>();
    private final Set<Stmt.ClassDef> collecting = Collections.newSetFromMap(new IdentityHashMap<>());

    AttributeTypes(SemanticModel model) { this.model = model; }

    /** The type of receiver.attr when receiver is a method's self parameter; UNKNOWN otherwise. */
    PyType typeOf(Expr.Attribute a) {
        Stmt.ClassDef cls = selfClass(a.value());
        if (cls == null || collecting.contains(cls)) return PyType.UNKNOWN; // self.s = self.s + "x" while collecting
        Map<String, PyType> types = byClass.get(cls);
        if (types == null) {
            collecting.add(cls);
            types = collect(cls);
            collecting.remove(cls);
            byClass.put(cls, types);
        }
        return types.getOrDefault(a.attr(), PyType.UNKNOWN);
    }

    /** The class whose method has e as its first parameter, or null. */
    Stmt.ClassDef selfClass(Expr e) {
        if (!(e instanceof Expr.Name n)) return null;
        Symbol sym = model.symbol(n);
        if (sym == null || sym.bindings().size() != 1) return null;
        Binding b = sym.bindings().get(0);
        if (b.kind() != Binding.Kind.PARAMETER || !(sym.scope().node() instanceof Stmt.FunctionNode f)) return null;
        List<Arg> positional = new ArrayList<>(f.args().posonlyargs());
        positional.addAll(f.args().args());
        if (positional.isEmpty() || positional.get(0) != b.node()) return null;
        if (!(model.parent(f) instanceof Stmt.ClassDef cls) || !SemanticModel.contains(cls.body(), f)) return null;
        for (Expr d : f.decoratorList()) {
            if (model.isBuiltin(d, "staticmethod") || model.isBuiltin(d, "classmethod")) return null;
        }
        return cls;
    }

    private Map<String, PyType> collect(Stmt.ClassDef cls) {
        Map<String, PyType> types = new HashMap<>();
        for (Stmt s : cls.body()) {
            if (s instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) if (t instanceof Expr.Name n) merge(types, n.id(), model.typeOf(as.value()));
            } else if (s instanceof Stmt.AnnAssign an && an.target() instanceof Expr.Name n && an.value() != null) {
                merge(types, n.id(), model.typeOf(an.value()));
            } else if (s instanceof Stmt.FunctionNode f) {
                collectMethod(f, types);
            }
        }
        return types;
    }

    private void collectMethod(Stmt.FunctionNode f, Map<String, PyType> types) {
        List<Node> stack = new ArrayList<>(f.body());
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (n instanceof Stmt.FunctionNode || n instanceof Stmt.ClassDef || n instanceof Expr.Lambda) continue;
            if (n instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) selfTarget(t, as.value(), types);
            } else if (n instanceof Stmt.AnnAssign an) {
                PyType declared = model.annotationType(an.annotation());
                if (isSelfAttr(an.target()) != null) merge(types, isSelfAttr(an.target()),
                        declared.isKnown() ? declared : an.value() == null ? null : model.typeOf(an.value()));
            } else if (n instanceof Stmt.ForNode fo) {
                selfTarget(fo.target(), null, types);
            } else if (n instanceof Stmt.WithNode w) {
                w.items().forEach(i -> { if (i.optionalVars() != null) selfTarget(i.optionalVars(), null, types); });
            } else if (n instanceof Stmt.Delete d) {
                d.targets().forEach(t -> selfTarget(t, null, types));
            }
            NodeChildren.forEach(n, stack::add);
        }
    }

    private void selfTarget(Expr t, Expr value, Map<String, PyType> types) {
        String attr = isSelfAttr(t);
        java.util.function.Predicate<Expr> sameAttr =
                e -> e instanceof Expr.Attribute a && a.attr().equals(attr) && selfClass(a.value()) != null;
        if (attr != null && value != null && (TypeInference.isSelfConcatenation(value, sameAttr)
                || TypeInference.isSelfSlice(value, sameAttr))) {
            return; // self.s = self.s + x keeps the type
        }
        if (attr != null) {
            merge(types, attr, value == null ? PyType.UNKNOWN : model.typeOf(value));
        } else if (t instanceof Expr.TupleExpr tu) {
            tu.elts().forEach(e -> selfTarget(e, null, types));
        } else if (t instanceof Expr.ListExpr l) {
            l.elts().forEach(e -> selfTarget(e, null, types));
        } else if (t instanceof Expr.Starred s) {
            selfTarget(s.value(), null, types);
        }
    }

    private String isSelfAttr(Expr t) {
        return t instanceof Expr.Attribute a && selfClass(a.value()) != null ? a.attr() : null;
    }

    private static void merge(Map<String, PyType> types, String attr, PyType t) {
        if (t == null) return;
        types.merge(attr, t, (x, y) -> x == y ? x : PyType.UNKNOWN);
    }
}
