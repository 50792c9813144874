package dev.memlint.memory.heap;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
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
        for (Stmt s : function.body()) {
            mark(s);
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

    /** Collects global and nonlocal declarations (statements only: expressions hold none). */
    private void mark(Stmt s) {
        if (s instanceof Stmt.Global g) {
            declaredOuter.addAll(g.names());
        } else if (s instanceof Stmt.Nonlocal nl) {
            declaredOuter.addAll(nl.names());
            nonlocals.addAll(nl.names());
        } else if (!NodeKinds.isFunction(s) && !(s instanceof Stmt.ClassDef)) {
            for (Stmt inner : NodeChildren.childStatements(s)) {
                mark(inner);
            }
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
