package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a class takes a link of a cycle its instances are in apart again: another method of the
 * class or its module bases pops or removes from a container the cycle goes through
 * ({@code self._parent._children.remove(self)}, {@code del self.master.children[self._name]}), or
 * deletes or resets an attribute it goes through ({@code self._parent = None}, {@code self._notfound = []}).
 * Closing the object (exit, close, destroy) then breaks the cycle before the last reference goes.
 * The method that makes the link counts too when it takes it apart in a {@code finally} after making
 * it (trio's Nursery: {@code del self._pending_excs} once it has raised them): the analysis cannot
 * tell which of its paths the finally clears, the code's author could. Taking out an item the method
 * is given ({@code self._actions.remove(action)} in argparse's _remove_action, which runs when
 * options conflict) drops that one item, not the object's links.
 */
public final class Unlinks {
    private Unlinks() {}

    private static final Set<String> UNLINKING = Set.of("pop", "remove", "clear", "discard", "popleft");

    /**
     * Whether such a method of owner unlinks it: any but __init__, the methods it calls and linking
     * (the method that closes the cycle), or linking itself in a finally after the links it makes.
     */
    public static boolean byAMethod(ModuleIndex index, ModuleIndex.ClassInfo owner, Cycle cycle, Stmt.FunctionNode linking) {
        Set<String> links = cycle.labels();
        Set<String> construction = calledByInit(owner);
        for (ModuleIndex.ClassInfo c : index.lineage(owner)) {
            for (Stmt.FunctionNode m : c.methods().values()) {
                if (m.name().equals("__init__") || construction.contains(m.name())) {
                    continue; // it resets the attributes before the link is made
                }
                if (m != linking ? unlinks(m, m.body(), links) : unlinksInFinallyAfter(m, cycle, links)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an object of another module class on the cycle takes itself out of it in any of its
     * methods: multiprocessing's ApplyResult enters itself into its pool's cache and deletes
     * itself from it when its result is set.
     */
    public static boolean byAMember(ModuleIndex index, ModuleIndex.ClassInfo owner, Cycle cycle) {
        Set<String> links = cycle.labels();
        for (Site s : cycle.sites()) {
            ModuleIndex.ClassInfo member = s.kind() == Site.Kind.INSTANCE && s.className() != null
                    ? index.classNamed(s.className()) : null;
            if (member != null && member != owner) {
                for (Stmt.FunctionNode m : member.methods().values()) {
                    if (!m.name().equals("__init__") && unlinks(m, m.body(), links)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The methods __init__ calls on self (aifc's initfp): part of making the object, not of closing it. */
    private static Set<String> calledByInit(ModuleIndex.ClassInfo owner) {
        Set<String> names = new HashSet<>();
        Stmt.FunctionNode init = owner.methods().get("__init__");
        if (init == null || init.args().args().isEmpty()) {
            return names;
        }
        String self = init.args().args().get(0).arg();
        NodeChildren.walkAll(init.body(), n -> { // a call statement: self.m(...) handed on is run later, if at all
            if (n instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute f
                    && f.value() instanceof Expr.Name x && x.id().equals(self)
                    && !(owner.methods().get(f.attr()) instanceof Stmt.AsyncFunctionDef)) {
                names.add(f.attr());
            }
        });
        return names;
    }

    /** A finally clause of the linking method, after every reference of the cycle the method stores itself, that unlinks. */
    private static boolean unlinksInFinallyAfter(Stmt.FunctionNode m, Cycle cycle, Set<String> links) {
        int lastLink = m.pos().line();
        for (Edge e : cycle.edges()) {
            var o = e.origin();
            if (o != null && o.pos().line() >= m.pos().line() && o.pos().endLine() <= m.pos().endLine()) {
                lastLink = Math.max(lastLink, o.pos().endLine());
            }
        }
        int after = lastLink;
        boolean[] found = {false};
        NodeChildren.walkAll(m.body(), n -> {
            List<Stmt> fin = n instanceof Stmt.Try t ? t.finalbody() : n instanceof Stmt.TryStar t ? t.finalbody() : List.of();
            if (!fin.isEmpty() && fin.get(0).pos().line() > after && unlinks(m, fin, links)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean unlinks(Stmt.FunctionNode m, List<Stmt> body, Set<String> links) {
        Set<String> given = new HashSet<>();
        m.args().args().stream().skip(1).forEach(a -> given.add(a.arg()));
        m.args().kwonlyargs().forEach(a -> given.add(a.arg()));
        boolean[] found = {false};
        NodeChildren.walkAll(body, n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute f && UNLINKING.contains(f.attr())
                    && f.value() instanceof Expr.Attribute holder && links.contains(holder.attr())
                    && c.args().stream().noneMatch(x -> isGiven(x, given))) {
                found[0] = true;
            }
            if (n instanceof Stmt.Delete d && d.targets().stream().anyMatch(t -> isLink(t, links)
                    || t instanceof Expr.Subscript x && isLink(x.value(), links) && !isGiven(x.slice(), given))) {
                found[0] = true;
            }
            if (n instanceof Stmt.Assign a && resets(a.value())
                    && a.targets().stream().anyMatch(t -> isLink(t, links) && !refills(m, (Expr.Attribute) t))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /**
     * Whether the method adds to the attribute it resets ({@code self._items = []} then
     * {@code self._items.append(item)}): a rebuild, not a teardown.
     */
    private static boolean refills(Stmt.FunctionNode m, Expr.Attribute reset) {
        boolean[] found = {false};
        NodeChildren.walkAll(m.body(), n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute f && CallModel.isAdder(f.attr())
                    && f.value() instanceof Expr.Attribute held && held.attr().equals(reset.attr())) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** None, or a new empty container: what the attribute held before is let go. */
    private static boolean resets(Expr v) {
        return v instanceof Expr.Constant k && k.value() == null
                || v instanceof Expr.ListExpr l && l.elts().isEmpty()
                || v instanceof Expr.DictExpr d && d.keys().isEmpty()
                || v instanceof Expr.Call c && c.args().isEmpty() && c.keywords().isEmpty()
                        && c.func() instanceof Expr.Name f && EMPTY_CONTAINERS.contains(f.id());
    }

    private static final Set<String> EMPTY_CONTAINERS = Set.of("list", "dict", "set", "deque", "OrderedDict");

    /** An item the method was given: taking it out is no teardown of the object's links. */
    private static boolean isGiven(Expr x, Set<String> given) {
        return x instanceof Expr.Name n && given.contains(n.id());
    }

    private static boolean isLink(Expr target, Set<String> links) {
        return target instanceof Expr.Attribute a && links.contains(a.attr());
    }
}
