package dev.memlint.memory.heap;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.List;

/**
 * What a call of a function object made in the module (a lambda or a nested def) may keep of its
 * arguments: only what its parameters give it, so an argument bound to a parameter its body never
 * names is not kept ({@code lambda _: results.append(future.result)} keeps nothing it is given).
 */
final class CalledFunctions {
    private CalledFunctions() {}

    /** Whether a call of the function made at node may keep the argument at position i. */
    static boolean mayKeepPositional(Located node, int i) {
        Arguments a = arguments(node);
        if (a == null) {
            return true;
        }
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        return i >= positional.size() || reads(node, positional.get(i).arg());
    }

    /** Whether a call of the function made at node may keep the argument given for a keyword. */
    static boolean mayKeepKeyword(Located node, String keyword) {
        Arguments a = arguments(node);
        if (a == null || a.kwarg() != null) {
            return true;
        }
        for (List<Arg> named : List.of(a.args(), a.kwonlyargs())) {
            for (Arg p : named) {
                if (p.arg().equals(keyword)) {
                    return reads(node, keyword);
                }
            }
        }
        return true; // a TypeError, or an argument the analysis does not bind: not worth a guess
    }

    /**
     * The parameters of a plain function made at node; null for anything else, such as a decorated
     * def (the name holds what the decorator returned) or a generator, whose frame keeps every argument.
     */
    private static Arguments arguments(Located node) {
        if (node instanceof Expr.Lambda l) {
            return FunctionScope.yields(l.body()) ? null : l.args();
        }
        return node instanceof Stmt.FunctionDef f && f.decoratorList().isEmpty() && !FunctionScope.yields(f.body())
                ? f.args() : null;
    }

    /** Whether the body names the parameter anywhere (nested functions included: they may keep it). */
    private static boolean reads(Located node, String name) {
        Object body = node instanceof Expr.Lambda l ? l.body() : ((Stmt.FunctionNode) node).body();
        return names(body, name);
    }

    private static boolean names(Object node, String name) {
        if (node instanceof List<?> list) {
            for (Object o : list) {
                if (names(o, name)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Expr.Name n) {
            return n.id().equals(name);
        }
        if (node instanceof Node n) {
            NodeChildren.Collector children = new NodeChildren.Collector();
            NodeChildren.children(n, children);
            for (int i = 0; i < children.size(); i++) {
                if (names(children.get(i), name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
