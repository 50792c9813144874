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
    /** The attributes being typed: self.a typed while typing self.a is a cycle, others are not. */
    private final Map<Stmt.ClassDef, Set<String>> collecting = new IdentityHashMap<>();

    AttributeTypes(SemanticModel model, AttributeSites sites) {
        this.model = model;
        this.sites = sites;
    }

    /** The type of receiver.attr when receiver is a method's self parameter; UNKNOWN otherwise. */
    PyType typeOf(Expr.Attribute a) {
        Stmt.ClassDef cls = sites.selfClass(a.value());
        if (cls == null) return PyType.UNKNOWN;
        Map<String, PyType> types = byClass.computeIfAbsent(cls, k -> new HashMap<>());
        PyType known = types.get(a.attr());
        if (known != null) return known;
        Set<String> typing = collecting.computeIfAbsent(cls, k -> new HashSet<>());
        if (!typing.add(a.attr())) return PyType.UNKNOWN; // self.s = f(self.s) while typing self.s
        PyType t;
        try {
            t = join(sites.of(cls, a.attr()), a.attr());
        } finally {
            typing.remove(a.attr());
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
        if (isRoundTrip(site.value(), sameAttr)) return null;
        return model.typeOf(site.value());
    }

    /**
     * Whether value is a local that holds the attribute itself, grown or sliced (buf = self.buf;
     * buf += x; self.buf = buf): every binding of it is {@code = self.attr}, an augmented assignment,
     * or a concatenation or slice of itself. Storing it back keeps the attribute's type.
     */
    private boolean isRoundTrip(Expr value, java.util.function.Predicate<Expr> sameAttr) {
        if (!(value instanceof Expr.Name n) || model.symbol(n) == null) return false;
        Symbol local = model.symbol(n);
        if (!local.scope().isFunctionLike()) return false;
        java.util.function.Predicate<Expr> itself = e -> e instanceof Expr.Name m && m.id().equals(n.id());
        boolean fromAttribute = false;
        for (Binding b : local.bindings()) {
            if (b.kind() == Binding.Kind.AUG_ASSIGNMENT) continue;
            if (b.kind() != Binding.Kind.ASSIGNMENT || b.value() == null) return false;
            if (sameAttr.test(b.value())) fromAttribute = true;
            else if (!TypeInference.isSelfConcatenation(b.value(), itself) && !TypeInference.isSelfSlice(b.value(), itself)) return false;
        }
        return fromAttribute;
    }
}
