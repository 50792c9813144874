package dev.memlint.semantic;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a class binds its instance attributes, from the syntax alone: every {@code self.items = ...},
 * {@code self.items: T = ...} and for, with or del target {@code self.items} in its methods, and every
 * {@code items = ...} or {@code items: T} in its body. What the attributes hold is read from these
 * sites by {@link AttributeTypes} and {@link InstanceClasses}.
 */
final class AttributeSites {
    /**
     * One binding of an attribute. value is null when it is bound some other way (unpacking, a for or
     * with target, del) or only declared ({@code items: list}); annotation is null when none is written.
     */
    record Site(Expr value, Expr annotation) {}

    private final SemanticModel model;
    private final Map<Stmt.ClassDef, Map<String, List<Site>>> byClass = new IdentityHashMap<>();

    AttributeSites(SemanticModel model) { this.model = model; }

    /** The sites of cls's attribute attr, in source order within each method. */
    List<Site> of(Stmt.ClassDef cls, String attr) {
        Map<String, List<Site>> sites = byClass.get(cls);
        if (sites == null) {
            sites = collect(cls);
            byClass.put(cls, sites);
        }
        return sites.getOrDefault(attr, List.of());
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

    /** The attribute name when t is self.attr inside a method, else null. */
    String selfAttribute(Expr t) {
        return t instanceof Expr.Attribute a && selfClass(a.value()) != null ? a.attr() : null;
    }

    private Map<String, List<Site>> collect(Stmt.ClassDef cls) {
        Map<String, List<Site>> sites = new HashMap<>();
        for (Stmt s : cls.body()) {
            if (s instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) if (t instanceof Expr.Name n) add(sites, n.id(), new Site(as.value(), null));
            } else if (s instanceof Stmt.AnnAssign an && an.target() instanceof Expr.Name n) {
                add(sites, n.id(), new Site(an.value(), an.annotation()));
            } else if (s instanceof Stmt.FunctionNode f) {
                collectMethod(f, sites);
            }
        }
        return sites;
    }

    private void collectMethod(Stmt.FunctionNode f, Map<String, List<Site>> sites) {
        List<Node> stack = new ArrayList<>(f.body());
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (n instanceof Stmt.FunctionNode || n instanceof Stmt.ClassDef || n instanceof Expr.Lambda) continue;
            if (n instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) target(t, as.value(), sites);
            } else if (n instanceof Stmt.AnnAssign an && selfAttribute(an.target()) != null) {
                add(sites, selfAttribute(an.target()), new Site(an.value(), an.annotation()));
            } else if (n instanceof Stmt.ForNode fo) {
                target(fo.target(), null, sites);
            } else if (n instanceof Stmt.WithNode w) {
                w.items().forEach(i -> { if (i.optionalVars() != null) target(i.optionalVars(), null, sites); });
            } else if (n instanceof Stmt.Delete d) {
                d.targets().forEach(t -> target(t, null, sites));
            }
            NodeChildren.forEach(n, stack::add);
        }
    }

    private void target(Expr t, Expr value, Map<String, List<Site>> sites) {
        String attr = selfAttribute(t);
        if (attr != null) {
            add(sites, attr, new Site(value, null));
        } else if (t instanceof Expr.TupleExpr tu) {
            tu.elts().forEach(e -> target(e, null, sites));
        } else if (t instanceof Expr.ListExpr l) {
            l.elts().forEach(e -> target(e, null, sites));
        } else if (t instanceof Expr.Starred s) {
            target(s.value(), null, sites);
        }
    }

    private static void add(Map<String, List<Site>> sites, String attr, Site site) {
        sites.computeIfAbsent(attr, k -> new ArrayList<>()).add(site);
    }
}
