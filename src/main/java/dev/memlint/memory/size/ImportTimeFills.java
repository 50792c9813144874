package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module-level containers that code run at import fills after their first assignment: module
 * statements ({@code HANDLERS.append(h)}), and the functions the module calls while it runs, its
 * decorators above all ({@code @exporter("csv")} doing {@code EXPORTERS[fmt] = cls}). When a
 * function runs, such a container holds what import put there, not its literal: an estimate that
 * took {@code EXPORTERS = {}} as empty looped over nothing and gave 0 bytes, sure of itself.
 */
final class ImportTimeFills {
    private ImportTimeFills() {}

    /** Methods that add to or change a container in place. */
    private static final Set<String> FILLERS = Set.of("append", "extend", "insert", "add", "update", "setdefault",
            "appendleft", "extendleft", "__setitem__");

    static Set<String> of(Module module, Set<String> containers) {
        Set<String> out = new HashSet<>();
        if (containers.isEmpty()) {
            return out;
        }
        Map<String, Stmt.FunctionNode> functions = new HashMap<>();
        List<Node> runAtImport = new ArrayList<>(); // module and class-body statements, but not function bodies
        List<Expr> called = new ArrayList<>(); // what those statements call: decorators and calls
        collect(module.body(), functions, runAtImport, called);
        for (Node n : runAtImport) {
            NodeChildren.walk(n, x -> fills(x, containers, out));
        }
        Set<Stmt.FunctionNode> seen = new HashSet<>();
        for (Expr c : called) {
            Stmt.FunctionNode f = c instanceof Expr.Name name ? functions.get(name.id()) : null;
            if (f != null && seen.add(f)) {
                NodeChildren.walkAll(f.body(), n -> fills(n, containers, out)); // nested functions too: a decorator's inner one
            }
        }
        return out;
    }

    /**
     * Of the containers import fills, those it fills only through the decorators of the module's own
     * classes and functions (a registry: {@code @exporter("csv")} doing {@code EXPORTERS[fmt] = cls}),
     * each with the definitions so decorated, in the module's order: running their decorators as import
     * does gives what the container holds. Not those a module statement, a call or a method's decorator fills too.
     */
    static Map<String, List<Stmt>> byDecorators(Module module, Set<String> filled) {
        Map<String, List<Stmt>> out = new java.util.LinkedHashMap<>();
        if (filled.isEmpty()) return out;
        Map<String, Stmt.FunctionNode> functions = new HashMap<>();
        List<Node> runAtImport = new ArrayList<>();
        collect(module.body(), functions, runAtImport, new ArrayList<>());
        Set<String> otherwise = new HashSet<>();
        for (Node n : runAtImport) {
            NodeChildren.walk(n, x -> {
                fills(x, filled, otherwise);
                if (x instanceof Expr.Call c && c.func() instanceof Expr.Name name && functions.containsKey(name.id())) {
                    NodeChildren.walkAll(functions.get(name.id()).body(), m -> fills(m, filled, otherwise));
                }
            });
        }
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.ClassDef c) {
                for (Stmt member : c.body()) {
                    if (NodeKinds.isFunction(member)) fillsBy(((Stmt.FunctionNode) member).decoratorList(), functions, filled, otherwise);
                }
            }
            List<Expr> decorators = decoratorsOf(s);
            Set<String> these = new HashSet<>();
            fillsBy(decorators, functions, filled, these);
            for (String c : these) out.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
        }
        otherwise.forEach(out::remove);
        return out;
    }

    /**
     * For module names bound to an object made by a call (app = Router()), the module statements that
     * set it up by calling its methods, in the module's order: a call statement (app.use(auth)) and a
     * definition one of whose decorators is such a call (@app.route("GET", "/users")). Running them as
     * import does gives what the object holds when a function runs.
     */
    static Map<String, List<Stmt>> setUpByMethods(Module module, Set<String> instances) {
        Map<String, List<Stmt>> out = new java.util.LinkedHashMap<>();
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c) {
                String name = receiver(c.func(), instances);
                if (name != null) out.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
            }
            List<Expr> decorators = decoratorsOf(s);
            for (Expr d : decorators) {
                String name = receiver(d instanceof Expr.Call c ? c.func() : d, instances);
                if (name != null && !out.getOrDefault(name, List.of()).contains(s)) out.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    /** The decorators of a class or function definition; none for another statement. */
    private static List<Expr> decoratorsOf(Stmt s) {
        return s instanceof Stmt.ClassDef c ? c.decoratorList()
                : NodeKinds.isFunction(s) ? ((Stmt.FunctionNode) s).decoratorList() : List.of();
    }

    /** The module name of these whose method f is (app.use), else null. */
    private static String receiver(Expr f, Set<String> instances) {
        return f instanceof Expr.Attribute a && a.value() instanceof Expr.Name n && instances.contains(n.id()) ? n.id() : null;
    }

    /** The containers the module functions these decorators call fill. */
    private static void fillsBy(List<Expr> decorators, Map<String, Stmt.FunctionNode> functions, Set<String> containers,
                                Set<String> out) {
        for (Expr d : decorators) {
            Expr f = d instanceof Expr.Call c ? c.func() : d;
            Stmt.FunctionNode fn = f instanceof Expr.Name name ? functions.get(name.id()) : null;
            if (fn != null) NodeChildren.walkAll(fn.body(), n -> fills(n, containers, out));
        }
    }

    private static void collect(List<Stmt> body, Map<String, Stmt.FunctionNode> functions, List<Node> runAtImport,
                                List<Expr> called) {
        for (Stmt s : body) {
            if (NodeKinds.isFunction(s)) {
                Stmt.FunctionNode f = (Stmt.FunctionNode) s;
                functions.putIfAbsent(f.name(), f);
                f.decoratorList().forEach(d -> calledBy(d, called));
            } else if (s instanceof Stmt.ClassDef c) {
                c.decoratorList().forEach(d -> calledBy(d, called));
                collect(c.body(), new HashMap<>(), runAtImport, called); // a class body runs at import; its methods do not
            } else {
                runAtImport.add(s);
                NodeChildren.walk(s, n -> {
                    if (n instanceof Expr.Call call) called.add(call.func()); // register_all() at the end of the module
                });
            }
        }
    }

    /** A decorator runs at import: `@register` is called with the function, `@exporter("csv")` is called and so is what it returns. */
    private static void calledBy(Expr decorator, List<Expr> called) {
        called.add(decorator instanceof Expr.Call c ? c.func() : decorator);
    }

    private static void fills(Node n, Set<String> containers, Set<String> out) {
        Expr target = null;
        if (n instanceof Expr.Subscript sub && sub.ctx() != dev.memlint.ast.Ctx.Load) {
            target = sub.value();
        } else if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && FILLERS.contains(a.attr())) {
            target = a.value();
        } else if (n instanceof Stmt.AugAssign a) {
            target = a.target();
        }
        if (target instanceof Expr.Name name && containers.contains(name.id())) {
            out.add(name.id());
        }
    }
}
