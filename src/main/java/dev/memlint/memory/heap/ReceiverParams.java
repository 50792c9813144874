package dev.memlint.memory.heap;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The parameters of each function whose class, when a caller knows it, changes what the heap
 * analysis finds: those the function calls a method on (by a name some class of the module
 * defines), subscripts (some class has __getitem__) or calls (__call__), itself or through a local
 * bound to it, or hands to a module function, class or method of its own class that does so. Only
 * for these is a summary specialised by the class of the instances a call passes: for any other
 * parameter it would be the same summary, analysed again.
 */
final class ReceiverParams {
    private final ModuleIndex index;
    private final Function<Stmt.FunctionNode, FunctionScope> scopes;
    private final Map<Stmt.FunctionNode, Set<String>> known = new IdentityHashMap<>();

    ReceiverParams(ModuleIndex index, Function<Stmt.FunctionNode, FunctionScope> scopes) {
        this.index = index;
        this.scopes = scopes;
    }

    Set<String> of(Stmt.FunctionNode f) {
        Set<String> r = known.get(f);
        if (r == null) {
            known.put(f, Set.of()); // a call back into f (recursion) adds nothing f's own uses do not
            r = compute(f);
            known.put(f, r);
        }
        return r;
    }

    private Set<String> compute(Stmt.FunctionNode f) {
        FunctionScope scope = scopes.apply(f);
        Map<String, String> aliases = new HashMap<>(); // a name to the parameter it may hold
        for (String p : scope.params) {
            aliases.put(p, p);
        }
        List<Stmt.Assign> assignments = assignments(f);
        for (boolean changed = true; changed; ) { // node = tree; current = node: chains, in any order
            changed = false;
            for (Stmt.Assign a : assignments) {
                if (a.value() instanceof Expr.Name from && aliases.containsKey(from.id())) {
                    for (Expr t : a.targets()) {
                        if (t instanceof Expr.Name to && !aliases.containsKey(to.id())) {
                            aliases.put(to.id(), aliases.get(from.id()));
                            changed = true;
                        }
                    }
                }
            }
        }
        Set<String> used = new HashSet<>();
        walk(f.body(), n -> {
            if (n instanceof Expr.Call c) {
                if (c.func() instanceof Expr.Attribute a && index.anyClassHasMethod(a.attr())) {
                    addAlias(a.value(), aliases, used);
                } else if (index.anyClassHasMethod("__call__")) {
                    addAlias(c.func(), aliases, used);
                }
                handedOn(c, scope, aliases, used);
            } else if (n instanceof Expr.Subscript s && s.ctx() == Ctx.Load && index.anyClassHasMethod("__getitem__")) {
                addAlias(s.value(), aliases, used);
            }
        });
        return used.isEmpty() ? Set.of() : Set.copyOf(used);
    }

    /** A parameter passed to module code that calls methods on the parameter it binds. */
    private void handedOn(Expr.Call c, FunctionScope scope, Map<String, String> aliases, Set<String> used) {
        Stmt.FunctionNode callee = null;
        int offset = 0;
        if (c.func() instanceof Expr.Name n && !aliases.containsKey(n.id())) {
            callee = index.functionNamed(n.id());
            if (callee == null && index.classNamed(n.id()) != null) {
                callee = index.method(n.id(), "__init__");
                offset = 1;
            }
        } else if (c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name self && scope.ownerClass != null
                && !scope.params.isEmpty() && self.id().equals(scope.params.get(0))) {
            callee = index.method(scope.ownerClass, a.attr()); // self._resolve(tree, path)
            offset = 1;
        }
        if (callee == null) {
            return;
        }
        Set<String> receivers = of(callee);
        if (receivers.isEmpty()) {
            return;
        }
        List<String> positional = scopes.apply(callee).positional();
        for (int i = 0; i < c.args().size() && i + offset < positional.size(); i++) {
            if (c.args().get(i) instanceof Expr.Starred) {
                break;
            }
            if (receivers.contains(positional.get(i + offset))) {
                addAlias(c.args().get(i), aliases, used);
            }
        }
        for (Keyword k : c.keywords()) {
            if (k.arg() != null && receivers.contains(k.arg())) {
                addAlias(k.value(), aliases, used);
            }
        }
    }

    private static void addAlias(Expr e, Map<String, String> aliases, Set<String> used) {
        if (e instanceof Expr.Name n && aliases.containsKey(n.id())) {
            used.add(aliases.get(n.id()));
        }
    }

    private static List<Stmt.Assign> assignments(Stmt.FunctionNode f) {
        List<Stmt.Assign> out = new java.util.ArrayList<>();
        walk(f.body(), n -> {
            if (n instanceof Stmt.Assign a) {
                out.add(a);
            }
        });
        return out;
    }

    /** Visits the nodes the function runs itself: not the bodies of functions, lambdas or classes it defines. */
    private static void walk(List<? extends Node> roots, java.util.function.Consumer<Node> visit) {
        NodeChildren.Collector stack = new NodeChildren.Collector();
        for (Node r : roots) stack.add(r);
        while (stack.size() > 0) {
            Node n = stack.pop();
            visit.accept(n);
            if (n instanceof Stmt.FunctionNode || n instanceof Expr.Lambda || n instanceof Stmt.ClassDef) {
                continue;
            }
            NodeChildren.children(n, stack); // last child on top: visited first, as ever
        }
    }
}
