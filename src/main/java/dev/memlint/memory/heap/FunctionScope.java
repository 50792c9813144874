package dev.memlint.memory.heap;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Facts about one function the heap analysis needs: its parameters in binding order and the names
 * it declares global or nonlocal.
 */
final class FunctionScope {
    final Stmt.FunctionNode function;
    /** The class a method belongs to (its first parameter is an instance of it), else null. */
    final String ownerClass;
    final List<String> params = new ArrayList<>();
    final Set<String> declaredOuter = new HashSet<>();
    /** The names declared nonlocal: cells this function's frame shares with an enclosing one. */
    final Set<String> nonlocals = new HashSet<>();
    private Boolean suspends;
    /** Whether the body (not a nested def's) assigns a bare name to another ({@code make = Node}). */
    final boolean assignsNames;

    FunctionScope(Stmt.FunctionNode function, String ownerClass) {
        this.function = function;
        this.ownerClass = ownerClass;
        var a = function.args(); // loops, not forEach: a capturing lambda costs a VM call under C1
        addNames(a.posonlyargs(), params);
        addNames(a.args(), params);
        if (a.vararg() != null) {
            params.add(a.vararg().arg());
        }
        addNames(a.kwonlyargs(), params);
        if (a.kwarg() != null) {
            params.add(a.kwarg().arg());
        }
        // Every function's nodes are walked (each is asked whether it may leave a cycle): made
        // here, they give the declarations without a walk of the statements of their own.
        nodes = FunctionNodes.of(function);
        byte[] kinds = nodes.kinds();
        boolean aliases = false;
        for (int i = nodes.bodyFrom(), to = nodes.bodyTo(); i < to; i++) {
            if (kinds[i] == FunctionNodes.SCOPE) {
                i = nodes.end(i) - 1; // a nested def's or class's declarations are its own
            } else if (kinds[i] == FunctionNodes.DECLARATION) {
                mark((Stmt) nodes.nodes()[i]);
            } else if (!aliases && kinds[i] == FunctionNodes.OTHER && nodes.nodes()[i] instanceof Stmt.Assign assign
                    && assign.value() instanceof Expr.Name) {
                aliases = true;
            }
        }
        assignsNames = aliases;
    }

    /**
     * The parameters whose default is a class of the module ({@code node_class=Node}), with that
     * class's name: a call of such a parameter makes an instance of it when the caller passes none.
     */
    java.util.Map<String, String> classDefaults(ModuleIndex index) {
        if (classDefaults == null) {
            classDefaults = new java.util.LinkedHashMap<>();
            var a = function.args();
            List<Arg> positional = new ArrayList<>(a.posonlyargs());
            positional.addAll(a.args());
            int first = positional.size() - a.defaults().size();
            for (int i = 0; i < a.defaults().size(); i++) {
                addClassDefault(positional.get(first + i), a.defaults().get(i), index);
            }
            for (int i = 0; i < a.kwonlyargs().size() && i < a.kwDefaults().size(); i++) {
                addClassDefault(a.kwonlyargs().get(i), a.kwDefaults().get(i), index);
            }
        }
        return classDefaults;
    }

    private java.util.Map<String, String> classDefaults;

    private void addClassDefault(Arg param, Expr value, ModuleIndex index) {
        if (value instanceof Expr.Name n && index.classNamed(n.id()) != null && !index.isImported(n.id())) {
            classDefaults.put(param.arg(), n.id());
        }
    }

    /** The parameter bound to the instance (self of a plain method), or null (a function, a staticmethod or classmethod). */
    String self() {
        return ownerClass != null && !HeapAnalyzer.isStatic(function) && !params.isEmpty() ? params.get(0) : null;
    }

    /** The function's nodes in one array: every walker of the pass reads them. */
    FunctionNodes nodes() {
        return nodes;
    }

    private final FunctionNodes nodes;

    /** A generator or coroutine function: a call returns a suspended frame instead of running the body. */
    boolean suspends() {
        if (suspends == null) { // asked only where a call is followed: most functions are never asked
            suspends = function instanceof Stmt.AsyncFunctionDef || yields(function.body());
        }
        return suspends;
    }

    /** Whether a yield belongs to this function (not to a function, lambda or class nested in it). */
    static boolean yields(Object node) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                if (yields(o)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Expr.Yield || node instanceof Expr.YieldFrom) {
            return true;
        }
        if (node instanceof Stmt.FunctionNode || node instanceof Expr.Lambda || node instanceof Stmt.ClassDef) {
            return false;
        }
        if (node instanceof Node n) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(n, children);
            for (int i = 0; i < children.size(); i++) {
                if (yields(children.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The names a nested function, lambda or class body reads from enclosing scopes: those it
     * loads but neither binds itself (parameters, assignments, defs) nor declares global.
     */
    static Set<String> freeNames(Node owner) {
        Set<String> loaded = new java.util.LinkedHashSet<>();
        Set<String> bound = new HashSet<>();
        if (owner instanceof Stmt.FunctionNode f) {
            bound.addAll(f.args().names());
            walkNames(f.body(), loaded, bound);
        } else if (owner instanceof Expr.Lambda l) {
            bound.addAll(l.args().names());
            walkNames(l.body(), loaded, bound);
        } else if (owner instanceof Stmt.ClassDef c) {
            walkNames(c.body(), loaded, new HashSet<>()); // class-level names are not its methods' locals
        } else if (owner instanceof Expr.GeneratorExp g) {
            // its frame reads the enclosing names; the outermost iterable is evaluated outside it
            for (int i = 0; i < g.generators().size(); i++) {
                Comprehension c = g.generators().get(i);
                walkNames(c.target(), loaded, bound);
                if (i > 0) {
                    walkNames(c.iter(), loaded, bound);
                }
                walkNames(c.ifs(), loaded, bound);
            }
            walkNames(g.elt(), loaded, bound);
        }
        loaded.removeAll(bound);
        return loaded;
    }


    private static void walkNames(Object node, Set<String> loaded, Set<String> bound) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                walkNames(o, loaded, bound);
            }
        } else if (node instanceof Expr.Name n) {
            (n.ctx() == dev.memlint.ast.Ctx.Load ? loaded : bound).add(n.id());
        } else if (node instanceof Stmt.FunctionNode f) {
            bound.add(f.name());
            f.decoratorList().forEach(d -> walkNames(d, loaded, bound));
            loaded.addAll(freeNames(f)); // a nested function's free names are read through this one's cells
        } else if (node instanceof Expr.Lambda l) {
            loaded.addAll(freeNames(l));
        } else if (node instanceof Stmt.ClassDef c) {
            bound.add(c.name());
            c.bases().forEach(b -> walkNames(b, loaded, bound));
            loaded.addAll(freeNames(c));
        } else if (node instanceof Stmt.Global g) {
            bound.addAll(g.names());
        } else if (node instanceof Stmt.Import imp) { // import binds the name in this scope, as an assignment
            imp.names().forEach(a -> bound.add(a.asname() != null ? a.asname() : a.name().split("\\.")[0]));
        } else if (node instanceof Stmt.ImportFrom from) {
            from.names().forEach(a -> bound.add(a.asname() != null ? a.asname() : a.name()));
        } else if (node instanceof dev.memlint.ast.ExceptHandler h) {
            if (h.name() != null) {
                bound.add(h.name());
            }
            walkNames(h.type(), loaded, bound);
            walkNames(h.body(), loaded, bound);
        } else if (node instanceof Node n) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(n, children);
            for (int i = 0; i < children.size(); i++) {
                walkNames(children.get(i), loaded, bound);
            }
        }
    }

    /** Positional parameters (the ones arguments bind to by position). */
    List<String> positional() {
        List<String> names = new ArrayList<>();
        addNames(function.args().posonlyargs(), names);
        addNames(function.args().args(), names);
        return names;
    }

    Set<String> keywordNames() {
        Set<String> names = new HashSet<>();
        addNames(function.args().args(), names);
        addNames(function.args().kwonlyargs(), names);
        return names;
    }

    private static void addNames(List<Arg> args, java.util.Collection<String> out) {
        for (Arg arg : args) {
            out.add(arg.arg());
        }
    }

    private void mark(Stmt s) {
        if (s instanceof Stmt.Global g) {
            declaredOuter.addAll(g.names());
        } else if (s instanceof Stmt.Nonlocal nl) {
            declaredOuter.addAll(nl.names());
            nonlocals.addAll(nl.names());
        }
    }

    static boolean isComprehension(Node n) {
        return n instanceof Expr.ListComp || n instanceof Expr.SetComp || n instanceof Expr.DictComp
                || n instanceof Expr.GeneratorExp;
    }

    static List<Comprehension> generators(Expr e) {
        if (e instanceof Expr.ListComp c) return c.generators();
        if (e instanceof Expr.SetComp c) return c.generators();
        if (e instanceof Expr.DictComp c) return c.generators();
        if (e instanceof Expr.GeneratorExp c) return c.generators();
        return List.of();
    }
}
