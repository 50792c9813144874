package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a class takes a link of a cycle its instances are in apart again: another method of the
 * class or its module bases pops or removes from a container the cycle goes through
 * ({@code self._parent._children.remove(self)}, {@code del self.master.children[self._name]}), or
 * deletes or resets an attribute it goes through ({@code self._parent = None}). Closing the object
 * (exit, close, destroy) then breaks the cycle before the last reference goes. Taking out an item
 * the method is given ({@code self._actions.remove(action)} in argparse's _remove_action, which
 * runs when options conflict) drops that one item, not the object's links.
 */
public final class Unlinks {
    private Unlinks() {}

    private static final Set<String> UNLINKING = Set.of("pop", "remove", "clear", "discard", "popleft");

    /** Whether such a method of owner, other than linking (the method that closes the cycle), unlinks it. */
    public static boolean byAMethod(ModuleIndex index, ModuleIndex.ClassInfo owner, Cycle cycle, Stmt.FunctionNode linking) {
        Set<String> links = new HashSet<>();
        cycle.edges().forEach(e -> links.add(e.label()));
        ModuleIndex.ClassInfo c = owner;
        for (int depth = 0; c != null && depth < 16; depth++) {
            for (Stmt.FunctionNode m : c.methods().values()) {
                if (m != linking && !m.name().equals("__init__") && unlinks(m, links)) {
                    return true;
                }
            }
            c = c.baseNames().isEmpty() ? null : index.classNamed(c.baseNames().get(0));
        }
        return false;
    }

    /**
     * Whether an object of another module class on the cycle takes itself out of it in any of its
     * methods: multiprocessing's ApplyResult enters itself into its pool's cache and deletes
     * itself from it when its result is set.
     */
    public static boolean byAMember(ModuleIndex index, ModuleIndex.ClassInfo owner, Cycle cycle) {
        Set<String> links = new HashSet<>();
        cycle.edges().forEach(e -> links.add(e.label()));
        for (Site s : cycle.sites()) {
            ModuleIndex.ClassInfo member = s.kind() == Site.Kind.INSTANCE && s.className() != null
                    ? index.classNamed(s.className()) : null;
            if (member != null && member != owner) {
                for (Stmt.FunctionNode m : member.methods().values()) {
                    if (!m.name().equals("__init__") && unlinks(m, links)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean unlinks(Stmt.FunctionNode m, Set<String> links) {
        Set<String> given = new HashSet<>();
        m.args().args().stream().skip(1).forEach(a -> given.add(a.arg()));
        m.args().kwonlyargs().forEach(a -> given.add(a.arg()));
        boolean[] found = {false};
        NodeChildren.walkAll(m.body(), n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute f && UNLINKING.contains(f.attr())
                    && f.value() instanceof Expr.Attribute holder && links.contains(holder.attr())
                    && c.args().stream().noneMatch(x -> isGiven(x, given))) {
                found[0] = true;
            }
            if (n instanceof Stmt.Delete d && d.targets().stream().anyMatch(t -> isLink(t, links)
                    || t instanceof Expr.Subscript x && isLink(x.value(), links) && !isGiven(x.slice(), given))) {
                found[0] = true;
            }
            if (n instanceof Stmt.Assign a && a.value() instanceof Expr.Constant k && k.value() == null
                    && a.targets().stream().anyMatch(t -> isLink(t, links))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** An item the method was given: taking it out is no teardown of the object's links. */
    private static boolean isGiven(Expr x, Set<String> given) {
        return x instanceof Expr.Name n && given.contains(n.id());
    }

    private static boolean isLink(Expr target, Set<String> links) {
        return target instanceof Expr.Attribute a && links.contains(a.attr());
    }
}
