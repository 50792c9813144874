package dev.memlint.semantic;

import dev.memlint.ast.Expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A name of one scope with every place that binds it and every place that reads it. */
public final class Symbol {
    private final String name;
    private final Scope scope;
    final List<Binding> bindings = new ArrayList<>();
    final List<Expr.Name> uses = new ArrayList<>();

    Symbol(String name, Scope scope) {
        this.name = name;
        this.scope = scope;
    }

    public String name() { return name; }

    public Scope scope() { return scope; }

    /** Bindings in source order, including ones made from inner scopes through global/nonlocal. */
    public List<Binding> bindings() { return Collections.unmodifiableList(bindings); }

    /** Loads of the name (an augmented assignment's target counts as a load too), in source order. */
    public List<Expr.Name> uses() { return Collections.unmodifiableList(uses); }

    /** True when some binding of the symbol happens in another scope (global/nonlocal). */
    public boolean isReboundElsewhere() {
        for (Binding b : bindings) if (b.scope() != scope) return true;
        return false;
    }

    @Override public String toString() { return name + " in " + scope; }
}
