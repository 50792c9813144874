package dev.memlint.memory.heap;

import dev.memlint.ast.Comprehension;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which locals of a function may hold objects that refer to one another, ignoring the order of
 * its statements: a name is linked to every name its value is made from ({@code x = f(y)},
 * {@code child = Node(parent)}, {@code for item in items}, a comprehension or a closure and the
 * names it reads). A store into a local's object of a value linked to that local
 * ({@code parent.children.append(child)}) may close a cycle; one of values linked to it in no way
 * ({@code out.append(Item(name))}) cannot, and the heap analysis need not look. Names of outside
 * objects (parameters, and locals that hold no object) are left out: what they reach outlives the
 * call, and so are names the function does not bind (globals, builtins): links through those
 * join objects that stay alive. A value linked to a caught exception may close a cycle with any
 * local, as the exception's traceback holds the frame, which holds every local.
 */
final class LocalLinks {
    private final FunctionNodes code;
    /** The names that stand for objects this call may make: its locals but those holding only outside objects. */
    private final Set<String> locals;
    private final Map<String, String> parent = new HashMap<>();
    /** The representative of the caught exceptions' names, whose frame holds every local; null when none. */
    private String caught;

    private LocalLinks(FunctionNodes code, Set<String> locals) {
        this.code = code;
        this.locals = locals;
    }

    /** The links of one function's body, from every binding it makes (stores are added by {@link #store}). */
    static LocalLinks of(FunctionNodes code, Set<String> locals) {
        LocalLinks links = new LocalLinks(code, locals);
        links.bindings();
        return links;
    }

    private void bindings() {
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
            byte kind = kinds[i];
            if (kind == FunctionNodes.NAME_LOAD || kind == FunctionNodes.NAME_BOUND || kind == FunctionNodes.CONSTANT
                    || kind == FunctionNodes.ATTRIBUTE_LOAD || kind == FunctionNodes.CALL) {
                continue;
            }
            Node n = nodes[i];
            if (n instanceof Stmt.Assign a) {
                String first = namesOf(code.child(i, a.value()), null);
                for (Expr t : a.targets()) {
                    if (!(t instanceof Expr.Attribute) && !(t instanceof Expr.Subscript)) { // stores are judged apart
                        join(first, namesOf(code.child(i, t), null));
                    }
                }
            } else if (n instanceof Stmt.AnnAssign a && a.value() != null && a.target() instanceof Expr.Name) {
                join(namesOf(code.child(i, a.target()), null), namesOf(code.child(i, a.value()), null));
            } else if (n instanceof Stmt.ForNode f) {
                join(namesOf(code.child(i, f.target()), null), namesOf(code.child(i, f.iter()), null));
            } else if (n instanceof WithItem || n instanceof Comprehension || n instanceof Expr.NamedExpr
                    || n instanceof Expr.ListComp || n instanceof Expr.SetComp || n instanceof Expr.DictComp
                    || n instanceof Expr.GeneratorExp) {
                namesOf(i, null);
            } else if (n instanceof Stmt.FunctionNode nested) { // the def's name, what its cells and decorators read
                String name = namesIn(code.decoratorsFrom(i), code.end(i), nested.name());
                for (String free : FunctionScope.freeNames(nested)) {
                    if (locals.contains(free)) {
                        join(name, free);
                    }
                }
                i = code.end(i) - 1;
            } else if (n instanceof ExceptHandler h && h.name() != null) {
                caught = join(caught, h.name());
            }
        }
    }

    /**
     * Whether storing values into local's object may close a cycle: one of them is linked to it,
     * or to a caught exception (whose frame holds local). Then links them, for the stores after.
     * The values are the names among the nodes of the ranges (from, to pairs) but skip (the target's root).
     */
    boolean store(String local, int[] ranges, Node skip) {
        String target = find(local);
        String exception = caught == null ? null : find(caught);
        boolean closes = false;
        for (int r = 0; r < ranges.length && !closes; r += 2) {
            for (int i = ranges[r]; i < ranges[r + 1] && !closes; i++) {
                String name = localAt(i, skip);
                if (name != null) {
                    String root = find(name);
                    closes = root.equals(target) || root.equals(exception);
                }
            }
        }
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i < ranges[r + 1]; i++) {
                String name = localAt(i, skip);
                if (name != null) {
                    target = union(target, find(name));
                }
            }
        }
        return closes;
    }

    /** The local named at i (not skip), or null. */
    private String localAt(int i, Node skip) {
        byte kind = code.kinds()[i];
        if (kind != FunctionNodes.NAME_LOAD && kind != FunctionNodes.NAME_BOUND || code.nodes()[i] == skip) {
            return null;
        }
        String name = ((Expr.Name) code.nodes()[i]).id();
        return locals.contains(name) ? name : null;
    }

    /** Links the locals of the subtree at i to one another and to with; returns one of them, null when none. */
    private String namesOf(int i, String with) {
        return namesIn(i, code.end(i), with);
    }

    private String namesIn(int from, int to, String with) {
        String first = with;
        for (int j = from; j < to; j++) {
            String name = localAt(j, null);
            if (name != null) {
                first = join(first, name);
            }
        }
        return first;
    }

    private String join(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return union(find(a), find(b));
    }

    private String union(String rootA, String rootB) {
        if (!rootA.equals(rootB)) {
            parent.put(rootB, rootA);
        }
        return rootA;
    }

    /** The representative of name's group; iterative, as a long function's chains of names are long. */
    private String find(String name) {
        String root = name;
        for (String p = parent.get(root); p != null; p = parent.get(root)) {
            root = p;
        }
        for (String x = name; !x.equals(root); ) { // path compression
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }
}
