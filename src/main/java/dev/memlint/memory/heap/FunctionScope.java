package dev.memlint.memory.heap;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Facts about one function the heap analysis needs: its parameters in binding order, the names it
 * declares global or nonlocal, and which of its nodes run once per loop iteration.
 */
final class FunctionScope {
    final Stmt.FunctionNode function;
    /** The class a method belongs to (its first parameter is an instance of it), else null. */
    final String ownerClass;
    final List<String> params = new ArrayList<>();
    final Set<String> declaredOuter = new HashSet<>();
    private final Set<Node> inLoop = Collections.newSetFromMap(new IdentityHashMap<>());

    FunctionScope(Stmt.FunctionNode function, String ownerClass) {
        this.function = function;
        this.ownerClass = ownerClass;
        var a = function.args();
        a.posonlyargs().forEach(p -> params.add(p.arg()));
        a.args().forEach(p -> params.add(p.arg()));
        if (a.vararg() != null) {
            params.add(a.vararg().arg());
        }
        a.kwonlyargs().forEach(p -> params.add(p.arg()));
        if (a.kwarg() != null) {
            params.add(a.kwarg().arg());
        }
        for (Stmt s : function.body()) {
            mark(s, false);
        }
    }

    /** Positional parameters (the ones arguments bind to by position). */
    List<String> positional() {
        List<String> names = new ArrayList<>();
        function.args().posonlyargs().forEach(p -> names.add(p.arg()));
        function.args().args().forEach(p -> names.add(p.arg()));
        return names;
    }

    Set<String> keywordNames() {
        Set<String> names = new HashSet<>();
        function.args().args().forEach(p -> names.add(p.arg()));
        function.args().kwonlyargs().stream().map(Arg::arg).forEach(names::add);
        return names;
    }

    /** Whether the node may run more than once per call. */
    boolean inLoop(Node node) {
        return inLoop.contains(node);
    }

    private void mark(Node n, boolean loop) {
        if (n == null) {
            return;
        }
        if (loop) {
            inLoop.add(n);
        }
        if (n instanceof Stmt.Global g) {
            declaredOuter.addAll(g.names());
        } else if (n instanceof Stmt.Nonlocal nl) {
            declaredOuter.addAll(nl.names());
        } else if (n instanceof Stmt.ForNode f) {
            mark(f.iter(), loop);
            mark(f.target(), true);
            f.body().forEach(s -> mark(s, true));
            f.orelse().forEach(s -> mark(s, loop));
        } else if (n instanceof Stmt.While w) {
            mark(w.test(), true);
            w.body().forEach(s -> mark(s, true));
            w.orelse().forEach(s -> mark(s, loop));
        } else if (n instanceof Stmt.FunctionNode || n instanceof Stmt.ClassDef || n instanceof Expr.Lambda) {
            return; // their bodies are other scopes; the def itself was marked above
        } else if (isComprehension(n)) {
            markComprehension((Expr) n, loop);
        } else {
            NodeChildren.forEach(n, c -> mark(c, loop));
        }
    }

    private void markComprehension(Expr e, boolean loop) {
        List<Comprehension> gens = generators(e);
        for (int i = 0; i < gens.size(); i++) {
            Comprehension g = gens.get(i);
            mark(g.iter(), loop || i > 0);
            mark(g.target(), true);
            g.ifs().forEach(x -> mark(x, true));
        }
        NodeChildren.forEach(e, c -> {
            if (!(c instanceof Comprehension)) {
                mark(c, true);
            }
        });
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
