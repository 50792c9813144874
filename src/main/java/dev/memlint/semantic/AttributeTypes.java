package dev.memlint.semantic;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types of instance attributes ({@code self.items}) from every site that binds them
 * ({@link AttributeSites}): all must agree. A written annotation of a type memlint knows decides its
 * site; attributes bound any other way (unpacking, for or with targets, del) are UNKNOWN.
 */
final class AttributeTypes {
    private final SemanticModel model;
    private final AttributeSites sites;
    private final Map<Stmt.ClassDef, Map<String, PyType>> byClass = new IdentityHashMap<>();
    private final Set<Stmt.ClassDef> collecting = new HashSet<>();

    AttributeTypes(SemanticModel model, AttributeSites sites) {
        this.model = model;
        this.sites = sites;
    }

    /** The type of receiver.attr when receiver is a method's self parameter; UNKNOWN otherwise. */
    PyType typeOf(Expr.Attribute a) {
        Stmt.ClassDef cls = sites.selfClass(a.value());
        if (cls == null || collecting.contains(cls)) return PyType.UNKNOWN; // self.s = self.s + "x" while collecting
        Map<String, PyType> types = byClass.computeIfAbsent(cls, k -> new HashMap<>());
        PyType known = types.get(a.attr());
        if (known != null) return known;
        collecting.add(cls);
        PyType t;
        try {
            t = join(sites.of(cls, a.attr()), a.attr());
        } finally {
            collecting.remove(cls);
        }
        types.put(a.attr(), t);
        return t;
    }

    private PyType join(List<AttributeSites.Site> bindings, String attr) {
        PyType result = null;
        for (AttributeSites.Site site : bindings) {
            PyType t = siteType(site, attr);
            if (t == null) continue;
            result = result == null || result == t ? t : PyType.UNKNOWN;
        }
        return result == null ? PyType.UNKNOWN : result;
    }

    /** The type one site gives; null when it keeps the type the attribute has or only declares it unknowably. */
    private PyType siteType(AttributeSites.Site site, String attr) {
        if (site.annotation() != null) {
            PyType declared = model.annotationType(site.annotation());
            if (declared.isKnown()) return declared;
            if (site.value() == null) return null;
        }
        if (site.value() == null) return PyType.UNKNOWN;
        java.util.function.Predicate<Expr> sameAttr =
                e -> e instanceof Expr.Attribute a && a.attr().equals(attr) && sites.selfClass(a.value()) != null;
        if (TypeInference.isSelfConcatenation(site.value(), sameAttr) || TypeInference.isSelfSlice(site.value(), sameAttr)) {
            return null; // self.s = self.s + x keeps the type
        }
        return model.typeOf(site.value());
    }
}
