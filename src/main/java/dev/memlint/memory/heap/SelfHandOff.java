package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether running a method may leave a reference to its instance behind: it hands self on itself
 * (see {@link SelfLinkingMethods#handsOn}), returns it, or names it in a generator expression; or a
 * method it runs on self does: one it calls on self or through super(), a property whose getter or
 * setter it runs, a generator method (the generator holds self). Without that, nothing the call
 * stores can refer back to the instance, so no cycle runs through it: an __init__ that only
 * stores its arguments on self makes none.
 *
 * <p>The methods run on self are found by name among all the module's classes, not only the
 * method's own class and its bases: a subclass's instance runs the subclass's methods.
 */
final class SelfHandOff {
    private final ModuleIndex index;
    private final Function<Stmt.FunctionNode, FunctionScope> scopes;
    /** Per method, whether its own code hands self on, and the names it reads or calls on self or super(). */
    private final Map<Stmt.FunctionNode, Own> own = new IdentityHashMap<>();
    private final Map<Stmt.FunctionNode, Boolean> answers = new IdentityHashMap<>();

    private record Own(boolean handsOn, List<String> runOnSelf) {}

    SelfHandOff(ModuleIndex index, Function<Stmt.FunctionNode, FunctionScope> scopes) {
        this.index = index;
        this.scopes = scopes;
    }

    /** Whether a call of method (self bound to its first parameter) may leave a reference to self anywhere. */
    boolean mayHandOn(Stmt.FunctionNode method) {
        Boolean known = answers.get(method);
        if (known == null) {
            known = reachesHandOff(method);
            answers.put(method, known);
        }
        return known;
    }

    /** A walk over the methods the call may run on self: a recursive pair is settled by the walk, not by a guess. */
    private boolean reachesHandOff(Stmt.FunctionNode method) {
        List<Stmt.FunctionNode> work = new ArrayList<>();
        Set<Stmt.FunctionNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        work.add(method);
        seen.add(method);
        while (!work.isEmpty()) {
            Stmt.FunctionNode m = work.remove(work.size() - 1);
            if (m.args().args().isEmpty() && m.args().posonlyargs().isEmpty()) {
                return true; // self goes into *args (a decorator's wrapper): not followed
            }
            Own o = ownOf(m);
            if (o.handsOn()) {
                return true;
            }
            for (String name : o.runOnSelf()) {
                for (Stmt.FunctionNode g : index.membersNamed(name)) {
                    ModuleIndex.MethodKind kind = ModuleIndex.kindOf(g);
                    if (kind == ModuleIndex.MethodKind.STATIC || kind == ModuleIndex.MethodKind.CLASS) {
                        continue; // given no instance
                    }
                    if (scopes.apply(g).suspends()) {
                        return true; // the generator it returns holds self
                    }
                    if (seen.add(g)) {
                        work.add(g);
                    }
                }
            }
        }
        return false;
    }

    private Own ownOf(Stmt.FunctionNode m) {
        Own o = own.get(m);
        if (o == null) {
            o = walk(m);
            own.put(m, o);
        }
        return o;
    }

    private Own walk(Stmt.FunctionNode m) {
        FunctionScope scope = scopes.apply(m);
        String self = scope.params.get(0);
        FunctionNodes code = scope.nodes();
        if (SelfLinkingMethods.handsOn(code, self, this::isPlainMethod, index)) {
            return new Own(true, List.of());
        }
        List<String> names = new ArrayList<>();
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
            if (kinds[i] == FunctionNodes.OTHER && nodes[i] instanceof Stmt.Return r && isName(r.value(), self)) {
                return new Own(true, List.of()); // to its caller, which may store it (self.me = self.setup())
            }
            if (kinds[i] == FunctionNodes.EXPR && nodes[i] instanceof Expr.GeneratorExp && code.names(i, code.end(i), self)) {
                return new Own(true, List.of()); // the generator's frame holds self until it is exhausted
            }
            if ((kinds[i] == FunctionNodes.ATTRIBUTE_LOAD || kinds[i] == FunctionNodes.EXPR)
                    && nodes[i] instanceof Expr.Attribute a && (isName(a.value(), self) || isSuper(a.value()))) {
                names.add(a.attr()); // a call, a property read or set, a cached property
            }
        }
        return new Own(false, names);
    }

    /** Whether some module class has a plain method of this name: reading it from self makes a bound method. */
    private boolean isPlainMethod(String name) {
        for (Stmt.FunctionNode g : index.membersNamed(name)) {
            if (ModuleIndex.kindOf(g) == ModuleIndex.MethodKind.INSTANCE) {
                return true;
            }
        }
        return false;
    }

    private static boolean isName(Expr e, String name) {
        return e instanceof Expr.Name n && n.id().equals(name);
    }

    /** super() or super(Cls, self): its attributes run a base class's methods on self. */
    private static boolean isSuper(Expr e) {
        return e instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("super");
    }
}
