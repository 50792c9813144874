package dev.memlint.memory.size;

import dev.memlint.ast.Arguments;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts the size estimator reads off the syntax: generator functions, loop-carried names, frame
 * sizes. One per module, shared by its estimates: each fact is worked out once per node.
 */
final class Syntax {
    private final Map<Object, Boolean> yields = new IdentityHashMap<>();
    private final Map<Object, Set<String>> carried = new IdentityHashMap<>();
    private final Map<Object, Boolean> breaking = new IdentityHashMap<>();
    private final Map<Object, Set<String>> removing = new IdentityHashMap<>();
    private final Map<Object, Long> slots = new IdentityHashMap<>();
    private final Map<Object, Set<String>> free = new IdentityHashMap<>();
    private final Map<Object, Map<String, Boolean>> collections = new IdentityHashMap<>();

    /** Whether the function is a generator (its body yields). */
    boolean isGenerator(Stmt.FunctionNode f) {
        return yields.computeIfAbsent(f, x -> yields(f.body()));
    }

    Set<String> carried(List<Stmt> loopBody) {
        return carried.computeIfAbsent(loopBody, x -> carriedNames(loopBody));
    }

    /** Whether a loop body may leave its loop by break. */
    boolean breaksOut(List<Stmt> loopBody) {
        return breaking.computeIfAbsent(loopBody, x -> breaks(loopBody));
    }

    /** The containers, as written (cache, self.map), the function removes items from: del x[k], x.pop(), x.popitem(), x.clear(). */
    Set<String> removesFrom(Stmt.FunctionNode f) {
        return removing.computeIfAbsent(f, x -> {
            Set<String> out = new HashSet<>();
            NodeChildren.walkAll(f.body(), n -> {
                if (n instanceof Stmt.Delete d) {
                    for (Expr t : d.targets()) if (t instanceof Expr.Subscript s) out.add(Interpreter.text(s.value()));
                } else if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a
                        && (a.attr().equals("pop") || a.attr().equals("popitem") || a.attr().equals("clear"))) {
                    out.add(Interpreter.text(a.value()));
                }
            });
            return out;
        });
    }

    /**
     * Whether a context manager's __exit__ may return a true value, which swallows the exception the
     * block raised: false when every return in it returns nothing, None or False.
     */
    static boolean mayReturnTrue(Stmt.FunctionNode exit) {
        boolean[] found = {false};
        NodeChildren.walkAll(exit.body(), n -> {
            if (n instanceof Stmt.Return r && r.value() != null
                    && !(r.value() instanceof Expr.Constant c && (c.value() == null || Boolean.FALSE.equals(c.value())))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    long slots(Stmt.FunctionNode f) {
        return slots.computeIfAbsent(f, x -> frameSlots(f));
    }

    Set<String> free(Stmt.FunctionNode f) {
        return free.computeIfAbsent(f, x -> freeNames(paramsOf(f.args()), f.body()));
    }

    Set<String> free(Expr.Lambda l) {
        return free.computeIfAbsent(l, x -> freeNames(paramsOf(l.args()), List.of(l.body())));
    }

    /** A generator expression's free names: all it reads but its first source, which the caller evaluates. */
    Set<String> free(Expr.GeneratorExp g) {
        return free.computeIfAbsent(g, x -> {
            List<Node> parts = new ArrayList<>(List.of(g.elt()));
            for (int i = 0; i < g.generators().size(); i++) {
                var c = g.generators().get(i);
                parts.add(c.target());
                if (i > 0) parts.add(c.iter());
                parts.addAll(c.ifs());
            }
            return freeNames(new HashSet<>(), parts);
        });
    }

    boolean collection(Stmt.FunctionNode f, String name) {
        return collections.computeIfAbsent(f, x -> new HashMap<>()).computeIfAbsent(name, n -> usedAsCollection(f, n));
    }

    /** Whether a break in the loop body ends this loop (not one in a loop, function or class nested in it). */
    static boolean breaks(Object node) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                if (breaks(o)) return true;
            }
            return false;
        }
        if (node instanceof Stmt.Break) return true;
        if (node instanceof Stmt.ForNode f) return breaks(f.orelse());
        if (node instanceof Stmt.While w) return breaks(w.orelse());
        if (node instanceof Stmt.FunctionNode || node instanceof Stmt.ClassDef || node instanceof Expr) return false;
        if (node instanceof Node n) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(n, children);
            for (int i = 0; i < children.size(); i++) {
                if (breaks(children.get(i))) return true;
            }
        }
        return false;
    }

    /**
     * Where a coroutine resumes: its only yield, standing as a statement directly in the body of a
     * loop at the top of the function (value = yield average, or yield x); null for any other shape.
     */
    record Resume(Stmt loop, Stmt at, Expr.Yield yield, String target) {}

    static Resume resume(Stmt.FunctionNode f) {
        if (countYields(f.body()) != 1) return null;
        for (Stmt s : f.body()) {
            List<Stmt> body = s instanceof Stmt.While w ? w.body() : s instanceof Stmt.ForNode l ? l.body() : null;
            if (body == null) continue;
            for (int i = 0; i < body.size(); i++) {
                Stmt x = body.get(i);
                if (x instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Yield y) return new Resume(s, x, y, null);
                if (x instanceof Stmt.Assign a && a.value() instanceof Expr.Yield y && a.targets().size() == 1
                        && a.targets().get(0) instanceof Expr.Name n) {
                    return new Resume(s, x, y, n.id());
                }
            }
        }
        return null;
    }

    private static int countYields(Object node) {
        if (node instanceof List<?> list) {
            int n = 0;
            for (Object o : list) n += countYields(o);
            return n;
        }
        if (node instanceof Expr.Yield || node instanceof Expr.YieldFrom) return 1;
        if (node instanceof Stmt.FunctionNode || node instanceof Expr.Lambda || node instanceof Stmt.ClassDef) return 0;
        int n = 0;
        if (node instanceof Node x) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(x, children);
            for (int i = 0; i < children.size(); i++) n += countYields(children.get(i));
        }
        return n;
    }

    static boolean yields(Object node) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                if (yields(o)) return true;
            }
            return false;
        }
        if (node instanceof Expr.Yield || node instanceof Expr.YieldFrom) return true;
        if (node instanceof Stmt.FunctionNode || node instanceof Expr.Lambda || node instanceof Stmt.ClassDef) return false;
        if (node instanceof Node n) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(n, children);
            for (int i = 0; i < children.size(); i++) {
                if (yields(children.get(i))) return true;
            }
        }
        return false;
    }

    /**
     * Names a loop body reads before it binds them (in source order) and also binds: each
     * iteration sees what the one before left in them ("last = node", "head = Node(head)").
     */
    static Set<String> carriedNames(List<Stmt> body) {
        Set<String> bound = new HashSet<>();
        Set<String> readFirst = new LinkedHashSet<>();
        for (Node n : inOrder(body)) {
            if (n instanceof Expr.Name name) {
                if (name.ctx() == Ctx.Load) {
                    if (!bound.contains(name.id())) readFirst.add(name.id());
                } else {
                    bound.add(name.id());
                }
            }
        }
        readFirst.retainAll(bound);
        return readFirst;
    }

    /** Attributes the body rebinds on the object a name holds (name.attr = ...), nested functions aside. */
    static Set<String> storedAttributes(List<Stmt> body, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (Node n : inOrder(body)) {
            if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Store && a.value() instanceof Expr.Name v && v.id().equals(name)) {
                out.add(a.attr());
            }
        }
        return out;
    }

    /** Methods the body calls on the object a name holds (name.method(...)), nested functions aside. */
    static Set<String> methodsCalledOn(List<Stmt> body, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (Node n : inOrder(body)) {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name v
                    && v.id().equals(name)) {
                out.add(a.attr());
            }
        }
        return out;
    }

    /** A body's nodes in evaluation order (see flatten). */
    private static List<Node> inOrder(List<Stmt> body) {
        List<Node> order = new ArrayList<>();
        for (Stmt s : body) flatten(s, order);
        return order;
    }

    /** Nodes in evaluation order, the value of an assignment before its targets. */
    private static void flatten(Node n, List<Node> out) {
        if (n instanceof Stmt.FunctionNode || n instanceof Expr.Lambda || n instanceof Stmt.ClassDef) return;
        if (n instanceof Stmt.Assign a) {
            flatten(a.value(), out);
            for (Expr t : a.targets()) flatten(t, out);
            return;
        }
        if (n instanceof Stmt.AugAssign a) {
            flatten(a.value(), out);
            if (a.target() instanceof Expr.Name name) {
                out.add(new Expr.Name(name.id(), Ctx.Load, name.pos()));
            }
            flatten(a.target(), out);
            return;
        }
        if (n instanceof Stmt.ForNode f) {
            flatten(f.iter(), out);
            flatten(f.target(), out);
            for (Stmt s : f.body()) flatten(s, out);
            for (Stmt s : f.orelse()) flatten(s, out);
            return;
        }
        out.add(n);
        NodeChildren.Collector children = new NodeChildren.Collector();
        NodeChildren.children(n, children);
        for (int i = 0; i < children.size(); i++) flatten(children.get(i), out);
    }

    /** Slots of a function's frame: its local names plus a few for the value stack. */
    static long frameSlots(Stmt.FunctionNode f) {
        Set<String> names = new HashSet<>();
        params(f.args(), names);
        NodeChildren.walkAll(f.body(), n -> {
            if (n instanceof Expr.Name name && name.ctx() != Ctx.Load) names.add(name.id());
        });
        return names.size() + 4;
    }

    static void params(Arguments a, Set<String> out) {
        a.posonlyargs().forEach(p -> out.add(p.arg()));
        a.args().forEach(p -> out.add(p.arg()));
        a.kwonlyargs().forEach(p -> out.add(p.arg()));
        if (a.vararg() != null) out.add(a.vararg().arg());
        if (a.kwarg() != null) out.add(a.kwarg().arg());
    }

    /** The names a function's parameters bind. */
    private static Set<String> paramsOf(Arguments a) {
        Set<String> names = new HashSet<>();
        params(a, names);
        return names;
    }

    /** Names the body reads but does not bind, the cells a closure keeps (bound: its parameters, added to). */
    static Set<String> freeNames(Set<String> bound, List<? extends Node> body) {
        Set<String> loaded = new LinkedHashSet<>();
        NodeChildren.walkAll(body, n -> {
            if (n instanceof Expr.Name name) (name.ctx() == Ctx.Load ? loaded : bound).add(name.id());
        });
        loaded.removeAll(bound);
        return loaded;
    }

    private final Map<Object, Map<String, Boolean>> numbers = new IdentityHashMap<>();

    /** Whether the function uses the name as a number: range(name), name * 2, name < 10, x[name]. */
    boolean number(Stmt.FunctionNode f, String name) {
        return numbers.computeIfAbsent(f, x -> new HashMap<>()).computeIfAbsent(name, n -> usedAsNumber(f, n));
    }

    static boolean usedAsNumber(Stmt.FunctionNode f, String name) {
        boolean[] found = {false};
        NodeChildren.walkAll(f.body(), n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Name r && r.id().equals("range")
                    && c.args().stream().anyMatch(a -> isName(a, name))
                    || n instanceof Expr.BinOp b && b.op() != dev.memlint.ast.Operator.Add && (isName(b.left(), name) || isName(b.right(), name))
                    || n instanceof Expr.BinOp b2 && (isName(b2.left(), name) && isNumber(b2.right()) || isName(b2.right(), name) && isNumber(b2.left()))
                    || n instanceof Expr.Compare c2 && (isName(c2.left(), name) && c2.comparators().stream().anyMatch(Syntax::isNumber)
                        || c2.comparators().stream().anyMatch(x -> isName(x, name)) && isNumber(c2.left()))
                    || n instanceof Expr.Subscript s && isName(s.slice(), name)
                    || n instanceof Stmt.AugAssign a && isName(a.target(), name) && isNumber(a.value())) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean isNumber(Expr e) {
        return e instanceof Expr.Constant c && (c.value() instanceof java.math.BigInteger || c.value() instanceof Double);
    }

    /** Whether the function uses the name as a collection: len(name), for x in name, name[i], name.method(). */
    static boolean usedAsCollection(Stmt.FunctionNode f, String name) {
        boolean[] found = {false};
        NodeChildren.walkAll(f.body(), n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Name len && len.id().equals("len")
                    && c.args().size() == 1 && isName(c.args().get(0), name)
                    || n instanceof Stmt.ForNode fo && isName(fo.iter(), name)
                    || n instanceof Expr.Subscript s && isName(s.value(), name)
                    || n instanceof Expr.Call c2 && c2.func() instanceof Expr.Attribute a && isName(a.value(), name)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean isName(Expr e, String name) {
        return e instanceof Expr.Name n && n.id().equals(name);
    }

    /** The name of a decorator (functools.lru_cache -> lru_cache, dataclass(frozen=True) -> dataclass). */
    static String decoratorName(Expr d) {
        if (d instanceof Expr.Call c) d = c.func();
        if (d instanceof Expr.Name n) return n.id();
        if (d instanceof Expr.Attribute a) return a.attr();
        return "";
    }
}
