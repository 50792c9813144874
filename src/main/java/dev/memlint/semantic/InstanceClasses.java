package dev.memlint.semantic;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the module's own classes an expression is an instance of, where the source says so: a
 * parameter annotated with the class ({@code other: "Tree"}, {@code Optional[Tree]}, {@code Tree | None}),
 * a local assigned {@code Tree(...)} once, or {@code self.child} whose every site is such a value,
 * {@code None}, or such an annotation. Anything else is not known (null).
 */
final class InstanceClasses {
    /** A string annotation naming one class: "Tree", "Optional[Tree]", "Tree | None", "None | Tree". */
    private static final Pattern NAMED = Pattern.compile(
            "(?:typing\\.)?Optional\\[\\s*(\\w+)\\s*]|(\\w+)(?:\\s*\\|\\s*None)?|None\\s*\\|\\s*(\\w+)");

    private final SemanticModel model;
    private final AttributeSites sites;

    InstanceClasses(SemanticModel model, AttributeSites sites) {
        this.model = model;
        this.sites = sites;
    }

    Stmt.ClassDef of(Expr e) {
        if (e instanceof Expr.Attribute a) {
            Stmt.ClassDef owner = sites.selfClass(a.value());
            return owner == null ? null : ofAttribute(owner, a.attr());
        }
        if (e instanceof Expr.Name n && model.symbol(n) != null && model.symbol(n).bindings().size() == 1) {
            Binding b = model.symbol(n).bindings().get(0);
            if (b.kind() == Binding.Kind.PARAMETER) return annotated(((dev.memlint.ast.Arg) b.node()).annotation());
            if (b.kind() == Binding.Kind.ASSIGNMENT && b.value() instanceof Expr.Call c) return called(c);
        }
        return null;
    }

    private Stmt.ClassDef ofAttribute(Stmt.ClassDef owner, String attr) {
        Stmt.ClassDef found = null;
        for (AttributeSites.Site site : sites.of(owner, attr)) {
            if (site.annotation() == null && isNone(site.value())) continue; // neither names a class nor contradicts one
            Stmt.ClassDef c = site.annotation() != null ? annotated(site.annotation()) : value(site.value());
            if (c == null) return null;
            if (found != null && found != c) return null;
            found = c;
        }
        return found;
    }

    /** The class a bound value is an instance of: Cls(...), a known name, or an if-expression of one and None. */
    private Stmt.ClassDef value(Expr v) {
        if (v instanceof Expr.Call c) return called(c);
        if (v instanceof Expr.Name) return of(v);
        if (v instanceof Expr.IfExp i) {
            if (isNone(i.orelse())) return value(i.body());
            if (isNone(i.body())) return value(i.orelse());
            Stmt.ClassDef a = value(i.body());
            return a != null && a == value(i.orelse()) ? a : null;
        }
        return null;
    }

    private static boolean isNone(Expr e) {
        return e instanceof Expr.Constant k && k.value() == null && k.kind() == null;
    }

    private Stmt.ClassDef called(Expr.Call c) {
        return c.func() instanceof Expr.Name n ? classNamed(n.id()) : null;
    }

    private Stmt.ClassDef annotated(Expr annotation) {
        if (annotation instanceof Expr.Constant k && k.value() instanceof String text) {
            Matcher m = NAMED.matcher(text.strip());
            if (!m.matches()) return null;
            return classNamed(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (annotation instanceof Expr.Name n) return classNamed(n.id());
        if (annotation instanceof Expr.Subscript s && "typing.Optional".equals(model.qualifiedName(s.value()))) {
            return annotated(s.slice());
        }
        if (annotation instanceof Expr.BinOp b && b.op() == Operator.BitOr) {
            if (b.right() instanceof Expr.Constant k && k.value() == null) return annotated(b.left());
            if (b.left() instanceof Expr.Constant k && k.value() == null) return annotated(b.right());
        }
        return null;
    }

    /** The module-level class bound once to name, or null. */
    private Stmt.ClassDef classNamed(String name) {
        Symbol s = model.moduleScope().symbol(name);
        if (s == null || s.bindings().size() != 1 || s.bindings().get(0).kind() != Binding.Kind.CLASS) return null;
        return s.bindings().get(0).node() instanceof Stmt.ClassDef c ? c : null;
    }
}
