package dev.memlint.memory;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.Cycle;
import dev.memlint.memory.heap.ModuleIndex;
import dev.memlint.memory.heap.Site;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classes a function makes anew on every call (a class statement in its body, type(name, bases,
 * ns), namedtuple(), make_dataclass(), the Enum functional API) and drops, returns, or hands out
 * an instance of: a class refers to itself (its __mro__), so each one is garbage only the cyclic
 * collector frees. Left out, as making a class is what they are for or they run once: functions
 * called only at import and test entry points, a metaclass's methods and the metaclasses a function
 * makes, and factories that return a class built from what the caller gives (its name or a base is
 * a parameter: namedtuple-like factories and class decorators), whose caller decides how often.
 * A cached factory or a class stored in a memo is kept alive, so the heap analysis finds no garbage.
 */
public final class PerCallClasses {

    /** One class a function makes per call: the site, what makes it, and its size under a version's model. */
    public record Made(Site site, Located node, String maker) {
        /** Bytes the class object and what it keeps (dict, tuples, methods) take, as the size model measured them. */
        public long bytes(SizeModel sizes) {
            if (node instanceof Stmt.ClassDef c) {
                return sizes.classStatement(c.body().size());
            }
            return switch (maker) {
                case "collections.namedtuple", "typing.NamedTuple" -> sizes.library("namedtupleClass");
                case "dataclasses.make_dataclass" -> sizes.library("dataclassClass");
                case "enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum" ->
                        sizes.library("enumClass") + 4 * sizes.library("enumPerMember");
                default -> sizes.library("classObject");
            };
        }
    }

    /** Hooks Python calls while it makes a class (bases with __mro_entries__, a base's __init_subclass__, ...). */
    private static final Set<String> CLASS_CREATION_HOOKS = Set.of("__mro_entries__", "__init_subclass__",
            "__set_name__", "__prepare__");

    /** unittest's and pytest's fixtures, which the runner calls once per test, class or module. */
    private static final Set<String> TEST_ENTRY_POINTS = Set.of("setUp", "tearDown", "setUpClass", "tearDownClass",
            "setUpModule", "tearDownModule", "asyncSetUp", "asyncTearDown", "setup_class", "teardown_class",
            "setup_method", "teardown_method", "setup_module", "teardown_module", "setup_function",
            "teardown_function");

    private final ModuleIndex index;
    /** Module functions whose name is called at import and never read inside a function. */
    private final Set<String> calledOnlyAtImport = new HashSet<>();
    /** The names the module binds at its top level. */
    private final Set<String> moduleNames = new HashSet<>();
    /** The methods of metaclasses, module-level or local ones. */
    private final Set<Stmt.FunctionNode> metaclassMethods = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The names some function declares `global`. */
    private final Set<String> declaredGlobal = new HashSet<>();

    PerCallClasses(Module module, ModuleIndex index) {
        this.index = index;
        for (Stmt st : module.body()) {
            if (st instanceof Stmt.Assign a) {
                a.targets().forEach(t -> { if (t instanceof Expr.Name n) moduleNames.add(n.id()); });
            } else if (st instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n) {
                moduleNames.add(n.id());
            }
        }
        globalsAndMetaclasses(module.body());
        Set<String> atImport = new HashSet<>();
        Set<String> inFunctions = new HashSet<>();
        uses(module.body(), false, atImport, inFunctions);
        for (String name : atImport) {
            if (!inFunctions.contains(name) && index.functionNamed(name) != null) {
                calledOnlyAtImport.add(name);
            }
        }
    }

    /**
     * Notes the names declared global and the methods of metaclasses in the statements and those
     * nested in them. Both are statements, which only blocks hold: the expressions (most of the
     * nodes) are not walked.
     */
    private void globalsAndMetaclasses(List<Stmt> block) {
        for (Stmt n : block) {
            if (n instanceof Stmt.Global g) {
                declaredGlobal.addAll(g.names());
            } else if (n instanceof Stmt.ClassDef c && isMetaclass(c.bases())) {
                for (Stmt m : c.body()) {
                    if (NodeKinds.isFunction(m)) metaclassMethods.add((Stmt.FunctionNode) m);
                }
            }
            globalsAndMetaclasses(NodeChildren.childStatements(n));
        }
    }

    /**
     * Whether of(r) may find anything for some function of the reports: one that left a cycle of
     * classes alone. Most modules have none, and need no PerCallClasses, whose construction walks
     * the whole module.
     */
    public static boolean mayFindAny(List<ModuleMemory.FunctionReport> reports) {
        for (ModuleMemory.FunctionReport r : reports) {
            if (!r.gaveUp()) {
                for (Cycle c : r.cycles()) {
                    if (!c.sites().isEmpty() && onlyClasses(c)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean onlyClasses(Cycle c) {
        for (Site x : c.sites()) {
            if (x.kind() != Site.Kind.CLASS) {
                return false;
            }
        }
        return true;
    }

    /** The classes r's function makes per call that are worth a finding, in source order. */
    public List<Made> of(ModuleMemory.FunctionReport r) {
        Stmt.FunctionNode f = r.function();
        if (r.gaveUp() || r.cycles().isEmpty() || runsOnce(f) || isMetaclassMethod(f)
                || CLASS_CREATION_HOOKS.contains(f.name()) || isDecorator(f) || fillsModuleMemo(f)) {
            return List.of();
        }
        Set<Node> own = ownNodes(f);
        Set<String> params = parameters(f);
        params.remove("self"); // what the instance holds is the method's own configuration, not the caller's
        List<Made> out = new ArrayList<>();
        for (Cycle c : r.cycles()) {
            if (!onlyClasses(c)) {
                continue;
            }
            for (Site s : c.sites()) {
                Located node = s.node();
                // a callee's objects are keyed "line:col>..." at the call: the callee reports its own classes
                if (node == null || s.key().contains(">") || !own.contains(node)
                        || out.stream().anyMatch(m -> m.node() == node)) {
                    continue;
                }
                if (node instanceof Stmt.ClassDef cd && isMetaclass(cd.bases())) {
                    continue;
                }
                if (c.returned() && builtFromParameters(node, params) && returnsTheClass(f, node)) {
                    continue;
                }
                out.add(new Made(s, node, maker(node)));
            }
        }
        out.sort((a, b) -> a.node().pos().line() != b.node().pos().line()
                ? Integer.compare(a.node().pos().line(), b.node().pos().line())
                : Integer.compare(a.node().pos().col(), b.node().pos().col()));
        return out;
    }

    /** "class dialect", "type(...)", "collections.namedtuple(...)": how the finding names what makes the class. */
    public String describe(Made m) {
        if (m.node() instanceof Stmt.ClassDef c) {
            return "class `" + c.name() + "`";
        }
        String maker = m.maker();
        return "`" + (maker.startsWith("builtins.") ? maker.substring("builtins.".length()) : maker) + "(...)`";
    }

    private String maker(Located node) {
        if (node instanceof Expr.Call c) {
            String name = index.importedName(c.func());
            if (name != null) {
                return name;
            }
            return c.func() instanceof Expr.Name n ? "builtins." + n.id()
                    : c.func() instanceof Expr.Attribute a ? a.attr() : "a call";
        }
        return "class";
    }

    /** Test methods and fixtures run once per test run; functions called only at import run once. */
    public boolean runsOnce(Stmt.FunctionNode f) {
        return f.name().startsWith("test") || TEST_ENTRY_POINTS.contains(f.name())
                || (index.functionNamed(f.name()) == f && calledOnlyAtImport.contains(f.name()));
    }

    /** A decorator returns the function it defines: its own body runs once per decorated function. */
    private static boolean isDecorator(Stmt.FunctionNode f) {
        Set<String> defined = new HashSet<>();
        for (Stmt st : f.body()) {
            if (NodeKinds.isFunction(st)) {
                defined.add(((Stmt.FunctionNode) st).name());
            }
        }
        return !defined.isEmpty() && NodeChildren.anyMatch(f.body(), n -> n instanceof Stmt.Return ret
                && ret.value() instanceof Expr.Name x && defined.contains(x.id()));
    }

    /** Stores into an item of a module-level name (`_cache[key] = cls`): a memo the function looks in first. */
    private boolean fillsModuleMemo(Stmt.FunctionNode f) {
        Set<String> params = parameters(f);
        return NodeChildren.anyMatch(f.body(), n -> n instanceof Expr.Subscript sub && sub.ctx() == Ctx.Store
                && sub.value() instanceof Expr.Name x && !params.contains(x.id()) && isModuleName(x.id()));
    }

    private boolean isModuleName(String name) {
        return moduleNames.contains(name);
    }

    private boolean isMetaclassMethod(Stmt.FunctionNode f) {
        return metaclassMethods.contains(f);
    }

    /** A base named type or *Meta* (ABCMeta, EnumMeta, a metaclass parameter), or a module class that is a metaclass. */
    private boolean isMetaclass(List<Expr> bases) {
        return isMetaclass(bases, 0);
    }

    private boolean isMetaclass(List<Expr> bases, int depth) {
        for (Expr b : bases) {
            String name = b instanceof Expr.Name n ? n.id() : b instanceof Expr.Attribute a ? a.attr() : "";
            ModuleIndex.ClassInfo known = b instanceof Expr.Name ? index.classNamed(name) : null;
            if (name.equals("type") || name.equals("EnumType") || name.toLowerCase(Locale.ROOT).contains("meta")
                    || (known != null && depth < 16 && isMetaclass(known.node().bases(), depth + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class's name or one of its bases comes from a parameter: the caller supplies what the class is. */
    private static boolean builtFromParameters(Located node, Set<String> params) {
        if (node instanceof Stmt.ClassDef c) {
            return c.bases().stream().anyMatch(b -> isParameter(b, params));
        }
        if (node instanceof Expr.Call c && !c.args().isEmpty()) {
            if (isParameter(c.args().get(0), params)) {
                return true;
            }
            return c.args().size() > 1 && isParameter(c.args().get(1), params);
        }
        return false;
    }

    /**
     * Whether f returns the class itself (`return type(name, bases, ns)`, `cls = type(...); return cls`,
     * `class Wrapped(base): ...; return Wrapped`), not only an instance of it, which the caller cannot reuse.
     */
    private static boolean returnsTheClass(Stmt.FunctionNode f, Located node) {
        Set<String> names = new HashSet<>();
        if (node instanceof Stmt.ClassDef cd) {
            names.add(cd.name());
        }
        NodeChildren.walkAll(f.body(), n -> {
            if (n instanceof Stmt.Assign a && a.value() == node) {
                a.targets().forEach(t -> { if (t instanceof Expr.Name x) names.add(x.id()); });
            }
        });
        return NodeChildren.anyMatch(f.body(), n -> n instanceof Stmt.Return ret && ret.value() != null
                && (ret.value() == node || (ret.value() instanceof Expr.Name x && names.contains(x.id()))));
    }

    /** Whether the expression reads a parameter (`cls`, `cls.__name__ + "Proxy"`, `(*bases,)`). */
    private static boolean isParameter(Expr e, Set<String> params) {
        return NodeChildren.anyMatch(List.of(e), n -> n instanceof Expr.Name x && params.contains(x.id()));
    }

    private static Set<String> parameters(Stmt.FunctionNode f) {
        return new HashSet<>(f.args().names());
    }

    /** The nodes a call of f itself runs: its body, but not the bodies of the functions and lambdas it defines. */
    private static Set<Node> ownNodes(Stmt.FunctionNode f) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> work = new ArrayList<>(f.body());
        while (!work.isEmpty()) {
            Node n = work.remove(work.size() - 1);
            out.add(n);
            if (NodeKinds.isFunction(n)) {
                Stmt.FunctionNode inner = (Stmt.FunctionNode) n;
                work.addAll(inner.decoratorList());
                continue;
            }
            if (n instanceof Expr.Lambda) {
                continue;
            }
            NodeChildren.forEach(n, work::add);
        }
        return out;
    }

    /**
     * Records the module function names called (or applied as decorators) at import, or named in
     * the script's {@code if __name__ == "__main__":} block (run(_demo)), and those read inside a
     * function body, where a call may run any number of times.
     */
    private void uses(List<? extends Node> nodes, boolean inFunction, Set<String> atImport, Set<String> inFunctions) {
        for (int i = 0, size = nodes.size(); i < size; i++) {
            use(nodes.get(i), inFunction, atImport, inFunctions);
        }
    }

    private void use(Node n, boolean inFunction, Set<String> atImport, Set<String> inFunctions) {
        if (NodeKinds.isFunction(n)) {
            Stmt.FunctionNode f = (Stmt.FunctionNode) n;
            for (Expr d : f.decoratorList()) {
                decorator(d, inFunction, atImport, inFunctions);
            }
            uses(f.args().defaults(), inFunction, atImport, inFunctions);
            uses(f.body(), true, atImport, inFunctions);
        } else if (n instanceof Stmt.ClassDef c) {
            for (Expr d : c.decoratorList()) {
                decorator(d, inFunction, atImport, inFunctions);
            }
            uses(c.bases(), inFunction, atImport, inFunctions);
            uses(c.body(), inFunction, atImport, inFunctions);
        } else if (!inFunction && n instanceof Stmt.If i && isMainCheck(i.test())) {
            NodeChildren.walkAll(i.body(), x -> {
                if (x instanceof Expr.Name name && name.ctx() == Ctx.Load) {
                    atImport.add(name.id());
                }
            });
            uses(i.body(), false, atImport, inFunctions);
            uses(i.orelse(), false, atImport, inFunctions);
        } else if (n instanceof Expr.Lambda l) {
            use(l.body(), true, atImport, inFunctions);
        } else if (inFunction && n instanceof Stmt.Assign a && a.value() instanceof Expr.Call c
                && c.func() instanceof Expr.Name callee && a.targets().size() == 1
                && a.targets().get(0) instanceof Expr.Name target && declaredGlobal.contains(target.id())) {
            atImport.add(callee.id()); // CLASS = make_class() under `global CLASS`: a memo its callers fill once
            uses(c.args(), true, atImport, inFunctions);
        } else if (n instanceof Expr.Name name && name.ctx() == Ctx.Load) {
            if (inFunction) {
                inFunctions.add(name.id());
            }
        } else {
            if (!inFunction && n instanceof Expr.Call c && c.func() instanceof Expr.Name callee) {
                atImport.add(callee.id());
            }
            NodeChildren.forEach(n, child -> use(child, inFunction, atImport, inFunctions));
        }
    }

    private static boolean isMainCheck(Expr test) {
        return test instanceof Expr.Compare c && c.left() instanceof Expr.Name n && n.id().equals("__name__")
                && c.comparators().size() == 1 && c.comparators().get(0) instanceof Expr.Constant k
                && "__main__".equals(k.value());
    }

    private void decorator(Expr d, boolean inFunction, Set<String> atImport, Set<String> inFunctions) {
        if (!inFunction && d instanceof Expr.Name n) {
            atImport.add(n.id());
        }
        use(d, inFunction, atImport, inFunctions);
    }
}
