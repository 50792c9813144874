package dev.memlint.semantic;

import dev.memlint.ast.Alias;
import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Pattern;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.TypeParam;
import dev.memlint.ast.WithItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link SemanticModel} in two passes, as CPython's symtable does: the first walk records
 * scopes, parents, bindings, global/nonlocal declarations and loads; the second resolves every name
 * once all of a scope's bindings are known (a load before the assignment is still a local).
 */
final class SemanticBuilder {
    private record PendingBinding(Scope scope, String name, Binding binding) {}

    private record PendingUse(Scope scope, Expr.Name name) {}

    private Map<Node, Node> parents;
    private final ArrayList<Node> preorder = new ArrayList<>();
    private final Map<Node, Scope> scopes = new IdentityHashMap<>();
    private Map<Node, Scope> scopeOfNode;
    private final Map<Expr.Name, Symbol> symbolOfName = new IdentityHashMap<>();
    private final List<PendingBinding> bindings = new ArrayList<>();
    private final List<PendingUse> uses = new ArrayList<>();
    private final List<Scope> allScopes = new ArrayList<>();

    SemanticModel build(Module module) {
        linkParents(module);
        scopeOfNode = new IdentityHashMap<>(preorder.size() / 4);
        Scope moduleScope = newScope(Scope.Kind.MODULE, module, null);
        for (Stmt s : module.body()) visit(s, moduleScope);
        resolve();
        return new SemanticModel(module, moduleScope, preorder, parents, scopes, scopeOfNode, symbolOfName, allScopes);
    }

    /**
     * Lists every node in pre-order and maps each to its parent. Recursive, with one reused child
     * list per depth: the explicit stack and the child/parent pair lists it replaced cost an
     * ArrayList.add per node each. Parents are noted by pre-order index and the map is made once
     * the nodes are counted, at its final size: rehashing a growing map was a hot spot, and a map
     * sized from the file's length (about five nodes a line) was twice too large for dense code.
     */
    private void linkParents(Module module) {
        int lines = module.body().isEmpty() ? 0 : ((Located) module.body().get(module.body().size() - 1)).pos().endLine();
        preorder.ensureCapacity(lines * 6);
        parentIndex = new int[Math.max(16, lines * 6)];
        preorder.add(module);
        linkChildren(module, 0);
        preorder.trimToSize();
        parents = new IdentityHashMap<>(preorder.size());
        for (int i = 1, size = preorder.size(); i < size; i++) parents.put(preorder.get(i), preorder.get(parentIndex[i]));
        parentIndex = null;
    }

    /** While linking: the pre-order index of each node's parent. */
    private int[] parentIndex;

    private void linkChildren(Node parent, int parentAt) {
        if (depth == childLists.size()) childLists.add(new NodeChildren.Collector());
        NodeChildren.Collector children = childLists.get(depth++);
        children.clear();
        NodeChildren.children(parent, children);
        for (int i = 0, size = children.size(); i < size; i++) {
            Node child = children.get(i);
            int at = preorder.size();
            preorder.add(child);
            if (at == parentIndex.length) parentIndex = Arrays.copyOf(parentIndex, at + (at >> 1));
            parentIndex[at] = parentAt;
            if (!(child instanceof Expr.Name) && !(child instanceof Expr.Constant)) linkChildren(child, at); // leaves
        }
        depth--;
    }

    private Scope newScope(Scope.Kind kind, Node node, Scope parent) {
        Scope s = new Scope(kind, node, parent);
        scopes.put(node, s);
        allScopes.add(s);
        return s;
    }

    private void visitAll(List<? extends Node> nodes, Scope s) {
        if (nodes == null) return;
        for (int i = 0, size = nodes.size(); i < size; i++) visit(nodes.get(i), s);
    }

    /**
     * Children evaluated in their parent's scope get no entry of their own: scopeOf() walks up to
     * the nearest node that has one. Most nodes are reached here, so this saves most map stores.
     */
    private void visitChildren(Node n, Scope s) {
        // One child list per nesting depth, reused: a new list per node was a hot spot.
        if (depth == childLists.size()) childLists.add(new NodeChildren.Collector());
        NodeChildren.Collector children = childLists.get(depth++);
        children.clear();
        NodeChildren.children(n, children);
        try {
            for (int i = 0, size = children.size(); i < size; i++) visitInScopeOfParent(children.get(i), s);
        } finally {
            depth--;
        }
    }

    private final List<NodeChildren.Collector> childLists = new ArrayList<>();
    private int depth;

    private void visit(Node n, Scope s) {
        if (n == null) return;
        scopeOfNode.put(n, s);
        visitInScopeOfParent(n, s);
    }

    private void visitInScopeOfParent(Node n, Scope s) {
        if (NodeKinds.isExpr(n)) expression(n, s); // expressions first
        else if (NodeKinds.isFunction(n)) function((Stmt.FunctionNode) n, s);
        else if (n instanceof Stmt.ClassDef c) classDef(c, s);
        else if (n instanceof Stmt.Assign a) {
            visit(a.value(), s);
            for (Expr t : a.targets()) target(t, a.value(), Binding.Kind.ASSIGNMENT, a, s);
        } else if (n instanceof Stmt.AugAssign a) {
            visit(a.value(), s);
            if (a.target() instanceof Expr.Name name) {
                scopeOfNode.put(name, s);
                uses.add(new PendingUse(s, name));
                bind(s, name.id(), new Binding(Binding.Kind.AUG_ASSIGNMENT, a, name, a.value(), null, s));
            } else visit(a.target(), s);
        } else if (n instanceof Stmt.AnnAssign a) {
            visit(a.annotation(), s);
            visit(a.value(), s);
            Binding.Kind kind = a.value() == null ? Binding.Kind.ANNOTATION : Binding.Kind.ASSIGNMENT;
            target(a.target(), a.value(), kind, a, s);
        } else if (NodeKinds.isFor(n)) {
            Stmt.ForNode f = (Stmt.ForNode) n;
            visit(f.iter(), s);
            target(f.target(), null, Binding.Kind.LOOP_TARGET, f, s);
            visitAll(f.body(), s);
            visitAll(f.orelse(), s);
        } else if (NodeKinds.isWith(n)) {
            Stmt.WithNode w = (Stmt.WithNode) n;
            for (WithItem item : w.items()) {
                scopeOfNode.put(item, s);
                visit(item.contextExpr(), s);
                if (item.optionalVars() != null)
                    target(item.optionalVars(), item.contextExpr(), Binding.Kind.WITH_TARGET, w, s);
            }
            visitAll(w.body(), s);
        } else if (n instanceof ExceptHandler h) {
            visit(h.type(), s);
            if (h.name() != null) bind(s, h.name(), new Binding(Binding.Kind.EXCEPT_HANDLER, h, h, null, null, s));
            visitAll(h.body(), s);
        } else if (n instanceof Stmt.Import imp) {
            for (Alias a : imp.names()) {
                scopeOfNode.put(a, s);
                String bound = a.asname() != null ? a.asname() : a.name().split("\\.", 2)[0];
                String qualified = a.asname() != null ? a.name() : bound;
                bind(s, bound, new Binding(Binding.Kind.IMPORT, a, a, null, qualified, s));
            }
        } else if (n instanceof Stmt.ImportFrom imp) {
            String base = ".".repeat(imp.level()) + (imp.module() == null ? "" : imp.module());
            for (Alias a : imp.names()) {
                scopeOfNode.put(a, s);
                if (a.name().equals("*")) continue;
                String bound = a.asname() != null ? a.asname() : a.name();
                String qualified = base.endsWith(".") || base.isEmpty() ? base + a.name() : base + "." + a.name();
                bind(s, bound, new Binding(Binding.Kind.IMPORT, a, a, null, qualified, s));
            }
        } else if (n instanceof Stmt.Global g) s.globalNames.addAll(g.names());
        else if (n instanceof Stmt.Nonlocal nl) s.nonlocalNames.addAll(nl.names());
        else if (n instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) target(t, null, Binding.Kind.DELETION, d, s);
        } else if (NodeKinds.isPattern(n)) {
            pattern((Pattern) n, s);
        } else if (NodeKinds.isTypeParam(n)) {
            TypeParam tp = (TypeParam) n;
            String name = tp instanceof TypeParam.TypeVar t ? t.name()
                    : tp instanceof TypeParam.ParamSpec p ? p.name() : ((TypeParam.TypeVarTuple) tp).name();
            bind(s, name, new Binding(Binding.Kind.TYPE_PARAM, tp, tp, null, null, s));
            visitChildren(n, s);
        } else visitChildren(n, s);
    }

    private void expression(Node n, Scope s) {
        if (n instanceof Expr.Constant) return;
        if (n instanceof Expr.Name name) name(name, s);
        else if (n instanceof Expr.Lambda l) lambda(l, s);
        else if (n instanceof Expr.ListComp c) comprehension(c, c.generators(), List.of(c.elt()), s);
        else if (n instanceof Expr.SetComp c) comprehension(c, c.generators(), List.of(c.elt()), s);
        else if (n instanceof Expr.GeneratorExp c) comprehension(c, c.generators(), List.of(c.elt()), s);
        else if (n instanceof Expr.DictComp c) comprehension(c, c.generators(), List.of(c.key(), c.value()), s);
        else if (n instanceof Expr.NamedExpr ne) {
            visit(ne.value(), s);
            Scope target = s;
            while (target.kind() == Scope.Kind.COMPREHENSION) target = target.parent();
            target(ne.target(), ne.value(), Binding.Kind.NAMED_EXPR, ne, target);
        } else visitChildren(n, s);
    }

    /** Loads; stores and deletes reach here only from constructs that bind nothing else. */
    private void name(Expr.Name name, Scope s) {
        if (name.ctx() == dev.memlint.ast.Ctx.Load) uses.add(new PendingUse(s, name));
        else bind(s, name.id(), new Binding(Binding.Kind.ASSIGNMENT, name, name, null, null, s));
    }

    private void pattern(Pattern p, Scope s) {
        String name = p instanceof Pattern.MatchAs a ? a.name()
                : p instanceof Pattern.MatchStar st ? st.name()
                : p instanceof Pattern.MatchMapping m ? m.rest() : null;
        if (name != null) bind(s, name, new Binding(Binding.Kind.MATCH, p, p, null, null, s));
        visitChildren(p, s);
    }

    /** Binds the names of an assignment target; value is what is assigned when known. */
    private void target(Expr t, Expr value, Binding.Kind kind, Located node, Scope s) {
        scopeOfNode.put(t, s);
        if (t instanceof Expr.Name name) {
            bind(s, name.id(), new Binding(kind, node, name, value, null, s));
        } else if (t instanceof Expr.TupleExpr || t instanceof Expr.ListExpr) {
            List<Expr> elts = t instanceof Expr.TupleExpr tu ? tu.elts() : ((Expr.ListExpr) t).elts();
            List<Expr> values = value instanceof Expr.TupleExpr tv ? tv.elts()
                    : value instanceof Expr.ListExpr lv ? lv.elts() : null;
            boolean exact = values != null && values.size() == elts.size()
                    && values.stream().noneMatch(v -> v instanceof Expr.Starred)
                    && elts.stream().noneMatch(v -> v instanceof Expr.Starred);
            for (int i = 0; i < elts.size(); i++) target(elts.get(i), exact ? values.get(i) : null, kind, node, s);
        } else if (t instanceof Expr.Starred st) {
            target(st.value(), null, kind, node, s);
        } else {
            visit(t, s); // attribute or subscript: its parts are loads
        }
    }

    private void bind(Scope s, String name, Binding b) {
        s.boundNames.add(name);
        bindings.add(new PendingBinding(s, name, b));
    }

    private void function(Stmt.FunctionNode f, Scope s) {
        visitAll(f.decoratorList(), s);
        defaultsAndAnnotations(f.args(), s);
        visit(f.returns(), s);
        bind(s, f.name(), new Binding(Binding.Kind.FUNCTION, f, f, null, null, s));
        Scope inner = newScope(Scope.Kind.FUNCTION, f, s);
        visitAll(f.typeParams(), inner);
        parameters(f.args(), inner);
        visitAll(f.body(), inner);
    }

    private void lambda(Expr.Lambda l, Scope s) {
        defaultsAndAnnotations(l.args(), s);
        Scope inner = newScope(Scope.Kind.LAMBDA, l, s);
        parameters(l.args(), inner);
        visit(l.body(), inner);
    }

    private void classDef(Stmt.ClassDef c, Scope s) {
        visitAll(c.decoratorList(), s);
        visitAll(c.bases(), s);
        visitAll(c.keywords(), s);
        bind(s, c.name(), new Binding(Binding.Kind.CLASS, c, c, null, null, s));
        Scope inner = newScope(Scope.Kind.CLASS, c, s);
        visitAll(c.typeParams(), inner);
        visitAll(c.body(), inner);
    }

    private void comprehension(Expr comp, List<Comprehension> generators, List<Expr> results, Scope s) {
        // The first iterable is evaluated in the enclosing scope; everything else in the new one.
        visit(generators.get(0).iter(), s);
        Scope inner = newScope(Scope.Kind.COMPREHENSION, comp, s);
        for (int i = 0; i < generators.size(); i++) {
            Comprehension g = generators.get(i);
            scopeOfNode.put(g, inner);
            if (i > 0) visit(g.iter(), inner);
            target(g.target(), null, Binding.Kind.COMPREHENSION_TARGET, (Located) comp, inner);
            visitAll(g.ifs(), inner);
        }
        visitAll(results, inner);
    }

    private void defaultsAndAnnotations(Arguments a, Scope s) {
        scopeOfNode.put(a, s);
        visitAll(a.defaults(), s);
        visitAll(a.kwDefaults(), s);
        for (Arg arg : allArgs(a)) visit(arg.annotation(), s);
    }

    private void parameters(Arguments a, Scope inner) {
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        int firstDefault = positional.size() - a.defaults().size();
        for (int i = 0; i < positional.size(); i++) {
            Expr def = i >= firstDefault ? a.defaults().get(i - firstDefault) : null;
            parameter(positional.get(i), def, inner);
        }
        if (a.vararg() != null) parameter(a.vararg(), null, inner);
        for (int i = 0; i < a.kwonlyargs().size(); i++) {
            Expr def = i < a.kwDefaults().size() ? a.kwDefaults().get(i) : null;
            parameter(a.kwonlyargs().get(i), def, inner);
        }
        if (a.kwarg() != null) parameter(a.kwarg(), null, inner);
    }

    private void parameter(Arg arg, Expr defaultValue, Scope inner) {
        scopeOfNode.put(arg, inner);
        bind(inner, arg.arg(), new Binding(Binding.Kind.PARAMETER, arg, arg, defaultValue, null, inner));
    }

    static List<Arg> allArgs(Arguments a) {
        List<Arg> all = new ArrayList<>(a.posonlyargs());
        all.addAll(a.args());
        if (a.vararg() != null) all.add(a.vararg());
        all.addAll(a.kwonlyargs());
        if (a.kwarg() != null) all.add(a.kwarg());
        return all;
    }

    private void resolve() {
        Scope module = allScopes.get(0);
        for (PendingBinding b : bindings)
            if (b.scope().globalNames.contains(b.name())) module.boundNames.add(b.name());
        for (PendingBinding b : bindings) {
            Symbol sym = symbolForStore(b.scope(), b.name());
            if (sym == null) continue; // nonlocal of a name no enclosing function binds: a SyntaxError
            sym.bindings.add(b.binding());
            if (b.binding().target() instanceof Expr.Name n) symbolOfName.put(n, sym);
        }
        for (PendingUse u : uses) {
            Symbol sym = symbolForLoad(u.scope(), u.name().id());
            if (sym == null) continue;
            sym.uses.add(u.name());
            symbolOfName.putIfAbsent(u.name(), sym);
        }
    }

    private Symbol symbolForStore(Scope s, String name) {
        if (s.globalNames.contains(name)) return moduleOf(s).symbolFor(name);
        if (s.nonlocalNames.contains(name)) {
            Scope f = enclosingDefining(s.parent(), name);
            return f == null ? null : f.symbolFor(name);
        }
        return s.symbolFor(name);
    }

    private Symbol symbolForLoad(Scope s, String name) {
        if (s.globalNames.contains(name)) return moduleOf(s).symbol(name);
        if (s.nonlocalNames.contains(name)) {
            Scope f = enclosingDefining(s.parent(), name);
            return f == null ? null : f.symbol(name);
        }
        if (s.isLocal(name)) return s.symbol(name);
        Scope f = enclosingDefining(s.parent(), name);
        return f == null ? null : f.symbol(name);
    }

    /** The nearest scope from s outwards (class bodies skipped, as Python does) where name is local. */
    private static Scope enclosingDefining(Scope s, String name) {
        for (Scope c = s; c != null; c = c.parent()) {
            if (c.kind() == Scope.Kind.CLASS) continue;
            if (c.kind() == Scope.Kind.MODULE) return c.boundNames.contains(name) ? c : null;
            if (c.globalNames.contains(name)) return moduleOf(c).boundNames.contains(name) ? moduleOf(c) : null;
            if (c.isLocal(name)) return c;
        }
        return null;
    }

    private static Scope moduleOf(Scope s) {
        Scope c = s;
        while (c.parent() != null) c = c.parent();
        return c;
    }
}
