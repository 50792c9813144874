package dev.memlint.semantic;

import dev.memlint.ast.Node;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A Python namespace: the module, a class body, a function, a lambda or a comprehension. */
public final class Scope {
    public enum Kind { MODULE, CLASS, FUNCTION, LAMBDA, COMPREHENSION }

    private final Kind kind;
    private final Node node;
    private final Scope parent;
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    final Set<String> globalNames = new HashSet<>();
    final Set<String> nonlocalNames = new HashSet<>();
    final Set<String> boundNames = new HashSet<>();

    Scope(Kind kind, Node node, Scope parent) {
        this.kind = kind;
        this.node = node;
        this.parent = parent;
    }

    public Kind kind() { return kind; }

    /** The Module, ClassDef, FunctionDef/AsyncFunctionDef, Lambda or comprehension expression. */
    public Node node() { return node; }

    /** The enclosing scope; null for the module. */
    public Scope parent() { return parent; }

    /** The symbol of a name that lives in this scope, or null. */
    public Symbol symbol(String name) { return symbols.get(name); }

    public Collection<Symbol> symbols() { return Collections.unmodifiableCollection(symbols.values()); }

    /** True for functions and lambdas: the scopes whose locals are fast locals. */
    public boolean isFunctionLike() { return kind == Kind.FUNCTION || kind == Kind.LAMBDA; }

    public boolean declaresGlobal(String name) { return globalNames.contains(name); }

    public boolean declaresNonlocal(String name) { return nonlocalNames.contains(name); }

    Symbol symbolFor(String name) {
        Symbol symbol = symbols.get(name); // not computeIfAbsent: a capturing lambda costs a VM call under C1
        if (symbol == null) {
            symbol = new Symbol(name, this);
            symbols.put(name, symbol);
        }
        return symbol;
    }

    /** Whether a name is local here: bound in this scope and not declared global or nonlocal. */
    boolean isLocal(String name) {
        return boundNames.contains(name) && !globalNames.contains(name) && !nonlocalNames.contains(name);
    }

    @Override public String toString() { return kind + "@" + node.getClass().getSimpleName(); }
}
