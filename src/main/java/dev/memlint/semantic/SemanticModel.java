package dev.memlint.semantic;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rules know about a file beyond its syntax: parents, scopes, symbols with their bindings and
 * uses, qualified names of imported and builtin names, the light type of an expression, and the
 * loop a node repeats in. Built once per file by {@link #build(Module)}.
 */
public final class SemanticModel {
    private static final Set<String> BUILTINS = Set.of("abs", "aiter", "all", "anext", "any", "ascii", "bin",
            "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex",
            "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "filter", "float", "format",
            "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
            "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min",
            "next", "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed",
            "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple",
            "type", "vars", "zip");

    private final Module module;
    private final Scope moduleScope;
    private final List<Node> preorder;
    private final Map<Node, Node> parents;
    private final Map<Node, Scope> scopes;
    private final Map<Node, Scope> scopeOfNode;
    private final Map<Expr.Name, Symbol> symbolOfName;
    private final List<Scope> allScopes;
    private final TypeInference types = new TypeInference(this);
    private final AttributeSites attributeSites = new AttributeSites(this);
    private final AttributeTypes attributeTypes = new AttributeTypes(this, attributeSites);
    private final InstanceClasses instanceClasses = new InstanceClasses(this, attributeSites);
    private Boolean starImport;

    SemanticModel(Module module, Scope moduleScope, List<Node> preorder, Map<Node, Node> parents, Map<Node, Scope> scopes,
                  Map<Node, Scope> scopeOfNode, Map<Expr.Name, Symbol> symbolOfName, List<Scope> allScopes) {
        this.module = module;
        this.moduleScope = moduleScope;
        this.preorder = preorder;
        this.parents = parents;
        this.scopes = scopes;
        this.scopeOfNode = scopeOfNode;
        this.symbolOfName = symbolOfName;
        this.allScopes = allScopes;
    }

    public static SemanticModel build(Module module) {
        return new SemanticBuilder().build(module);
    }

    public Module module() { return module; }

    public Scope moduleScope() { return moduleScope; }

    /** Every scope, the module first, in source order. */
    public List<Scope> scopes() { return Collections.unmodifiableList(allScopes); }

    /** Every node of the module, itself first, in pre-order (children in source order). */
    public List<Node> nodes() { return Collections.unmodifiableList(preorder); }

    /** The syntactic parent; null for the module. */
    public Node parent(Node node) { return parents.get(node); }

    /** The scope a node creates (module, def, class, lambda, comprehension), or null. */
    public Scope scopeCreatedBy(Node node) { return scopes.get(node); }

    /** The scope whose code evaluates the node (a def's decorators and defaults: the enclosing one). */
    public Scope scopeOf(Node node) {
        for (Node n = node; n != null; n = parents.get(n)) {
            Scope s = scopeOfNode.get(n);
            if (s != null) return s;
        }
        return moduleScope;
    }

    /** The symbol a Name reads or binds; null for builtins and names bound nowhere in the file. */
    public Symbol symbol(Expr.Name name) { return symbolOfName.get(name); }

    /**
     * The dotted name an expression refers to through imports or builtins: "collections.deque" for
     * {@code dq} after {@code from collections import deque as dq}, "builtins.list" for an unshadowed
     * {@code list}, "os.path.join" for {@code os.path.join} after {@code import os}; null otherwise.
     */
    public String qualifiedName(Expr e) {
        if (e instanceof Expr.Name n) {
            Symbol sym = symbolOfName.get(n);
            if (sym == null) return BUILTINS.contains(n.id()) && !moduleHasStarImport() ? "builtins." + n.id() : null;
            String q = null;
            for (Binding b : sym.bindings()) {
                if (b.kind() != Binding.Kind.IMPORT) return null;
                if (q != null && !q.equals(b.qualifiedName())) return null;
                q = b.qualifiedName();
            }
            return q;
        }
        if (e instanceof Expr.Attribute a) {
            String base = qualifiedName(a.value());
            return base == null || base.startsWith("builtins.") ? null : base + "." + a.attr();
        }
        return null;
    }

    /** Whether e names the builtin {@code name} (not shadowed in the file). */
    public boolean isBuiltin(Expr e, String name) {
        return e instanceof Expr.Name n && n.id().equals(name) && ("builtins." + name).equals(qualifiedName(e));
    }

    /** Whether e is a call of the builtin {@code name}. */
    public boolean isBuiltinCall(Expr e, String name) {
        return e instanceof Expr.Call c && isBuiltin(c.func(), name);
    }

    /** The inferred type of an expression; UNKNOWN when not sure. */
    public PyType typeOf(Expr e) { return types.typeOf(e); }

    /**
     * The type of {@code self.attr} inside a method, from every assignment to it in the class;
     * UNKNOWN for other attributes.
     */
    public PyType attributeType(Expr.Attribute a) { return attributeTypes.typeOf(a); }

    /** The class when e is the self parameter of one of its (non-static, non-class) methods, else null. */
    public Stmt.ClassDef selfClass(Expr e) { return attributeSites.selfClass(e); }

    /**
     * The module-level class e is known to be an instance of: a parameter annotated with it, a local
     * assigned {@code Cls(...)}, or {@code self.attr} that every site binds to one (or to None); else null.
     */
    public Stmt.ClassDef instanceClass(Expr e) { return instanceClasses.of(e); }

    /** The type all bindings of a symbol agree on; UNKNOWN when they do not or cannot be typed. */
    public PyType typeOf(Symbol s) {
        PyType t = types.symbolType(s);
        return t == null ? PyType.UNKNOWN : t;
    }

    /** The type an annotation names (str, list[int], typing.List...), UNKNOWN otherwise. */
    public PyType annotationType(Expr annotation) { return types.annotationType(annotation); }

    /**
     * The innermost loop whose every iteration evaluates the node, within the node's function:
     * a For/AsyncFor (for its body), a While (test and body), or a comprehension expression (its
     * element, conditions and inner iterables). A loop's else clause and a for's iterable run once and
     * do not count; a def or lambda inside a loop starts afresh. Null when not in a loop.
     */
    public Located enclosingLoop(Node node) {
        Node child = node;
        for (Node p = parents.get(node); p != null; child = p, p = parents.get(p)) {
            if (NodeKinds.isFor(p)) {
                Stmt.ForNode f = (Stmt.ForNode) p;
                if (contains(f.body(), child)) return f;
            } else if (p instanceof Stmt.While w) {
                if (w.test() == child || contains(w.body(), child)) return w;
            } else if (p instanceof Comprehension c) {
                Node comp = parents.get(p);
                if (c.iter() != child || comprehensionIndex(comp, c) > 0) return (Located) comp;
                child = p;
                p = comp; // the first iterable runs once, outside the comprehension's loop
            } else if (isComprehension(p)) {
                return (Located) p; // the element (generators are handled above)
            } else if (NodeKinds.isFunction(p)) {
                if (contains(((Stmt.FunctionNode) p).body(), child)) return null;
            } else if (p instanceof Expr.Lambda l) {
                if (l.body() == child) return null;
            }
        }
        return null;
    }

    /** Whether node lies inside ancestor (or is it). */
    public boolean isWithin(Node node, Node ancestor) {
        for (Node n = node; n != null; n = parents.get(n)) {
            if (n == ancestor) return true;
        }
        return false;
    }

    /** Whether the node is evaluated once per iteration of some loop of its function. */
    public boolean isInLoop(Node node) { return enclosingLoop(node) != null; }

    /** The function (def) whose body contains the node, or null at module or class level. */
    public Stmt.FunctionNode enclosingFunction(Node node) {
        Node child = node;
        for (Node p = parents.get(node); p != null; child = p, p = parents.get(p)) {
            if (NodeKinds.isFunction(p) && contains(((Stmt.FunctionNode) p).body(), child)) return (Stmt.FunctionNode) p;
        }
        return null;
    }

    /** The nearest ancestor statement of a node (the node itself when it is one). */
    public Stmt statementOf(Node node) {
        for (Node n = node; n != null; n = parents.get(n)) if (NodeKinds.isStmt(n)) return (Stmt) n;
        return null;
    }

    /** List.contains by identity: records compare by value, and equal-looking nodes are not the same. */
    public static boolean contains(List<? extends Node> nodes, Node node) {
        for (Node n : nodes) if (n == node) return true;
        return false;
    }

    private static boolean isComprehension(Node n) {
        return n instanceof Expr.ListComp || n instanceof Expr.SetComp || n instanceof Expr.DictComp
                || n instanceof Expr.GeneratorExp;
    }

    private static int comprehensionIndex(Node comp, Comprehension c) {
        List<Comprehension> gens = comp instanceof Expr.ListComp l ? l.generators()
                : comp instanceof Expr.SetComp s ? s.generators()
                : comp instanceof Expr.DictComp d ? d.generators()
                : ((Expr.GeneratorExp) comp).generators();
        for (int i = 0; i < gens.size(); i++) if (gens.get(i) == c) return i;
        return -1;
    }

    private boolean moduleHasStarImport() {
        if (starImport == null) {
            starImport = module.body().stream().anyMatch(s -> s instanceof Stmt.ImportFrom f
                    && f.names().stream().anyMatch(a -> a.name().equals("*")));
        }
        return starImport;
    }
}
