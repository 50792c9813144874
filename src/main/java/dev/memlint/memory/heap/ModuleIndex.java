package dev.memlint.memory.heap;

import dev.memlint.ast.Alias;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The module-level classes, functions and imports that the heap analysis resolves calls against. */
public final class ModuleIndex {

    /** A class defined at module level, with its methods and the module classes among its bases. */
    public record ClassInfo(String name, Stmt.ClassDef node, Map<String, Stmt.FunctionNode> methods,
                            List<String> baseNames, boolean onlyKnownBases) {
        public boolean hasFinalizer() {
            return methods.containsKey("__del__");
        }
    }

    /** How a function defined in a class body is reached through an instance. */
    public enum MethodKind {
        /** A plain method: reading it makes a bound method holding the instance. */
        INSTANCE,
        /** A staticmethod: the function itself, no instance. */
        STATIC,
        /** A classmethod: bound to the class, which lives as long as the module. */
        CLASS,
        /** A property: reading it runs the getter. */
        PROPERTY,
        /** functools.cached_property: the getter runs once and its result is stored on the instance. */
        CACHED_PROPERTY
    }

    /** What the decorators of a method make of it (the last known one wins, as it is applied last). */
    public static MethodKind kindOf(Stmt.FunctionNode f) {
        MethodKind kind = MethodKind.INSTANCE;
        for (Expr d : f.decoratorList()) {
            String name = d instanceof Expr.Name n ? n.id() : d instanceof Expr.Attribute a ? a.attr() : "";
            switch (name) {
                case "staticmethod" -> kind = MethodKind.STATIC;
                case "classmethod" -> kind = MethodKind.CLASS;
                case "property" -> kind = MethodKind.PROPERTY;
                case "cached_property" -> kind = MethodKind.CACHED_PROPERTY;
                default -> { }
            }
        }
        return kind;
    }

    /** {@code @x.setter} / {@code @x.deleter}: a second def of a property's name that must not hide its getter. */
    private static boolean isPropertyAccessor(Stmt.FunctionNode f) {
        return decoratedAs(f, "setter") || decoratedAs(f, "deleter");
    }

    /** {@code @x.setter}: the def that runs when x is assigned on an instance. */
    static boolean isPropertySetter(Stmt.FunctionNode f) {
        return decoratedAs(f, "setter");
    }

    /** Whether a decorator of f is {@code @x.accessor}. */
    private static boolean decoratedAs(Stmt.FunctionNode f, String accessor) {
        for (Expr d : f.decoratorList()) {
            if (d instanceof Expr.Attribute a && a.attr().equals(accessor)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> WEAK_FACTORIES = Set.of("ref", "proxy", "WeakSet", "WeakValueDictionary",
            "WeakKeyDictionary", "WeakMethod", "finalize");

    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    /** Every def in a module class's body by name, a property's getter, setter and deleter alike. */
    private final Map<String, List<Stmt.FunctionNode>> membersNamed = new HashMap<>();
    private final Map<String, Stmt.FunctionNode> functions = new LinkedHashMap<>();
    /** Module-level names bound once to an instance of a module class: name -> class. */
    private final Map<String, String> moduleInstances = new HashMap<>();
    /** Module-level names bound to a module class ({@code _loggerClass = Logger}): name -> class. */
    private final Map<String, String> classAliases = new HashMap<>();
    /** local name -> "module" or "module.attr" it was imported as. */
    private final Map<String, String> imports = new HashMap<>();

    public ModuleIndex(Module module) {
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.ClassDef c) {
                addClass(c.name(), c);
            } else if (s instanceof Stmt.FunctionNode f) {
                functions.put(f.name(), f);
            } else if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n
                    && a.value() instanceof Expr.Call c && c.func() instanceof Expr.Name cls && classes.containsKey(cls.id())) {
                moduleInstances.merge(n.id(), cls.id(), (x, y) -> x.equals(y) ? x : "?");
            } else if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n
                    && a.value() instanceof Expr.Name cls && classes.containsKey(cls.id())) {
                classAliases.merge(n.id(), cls.id(), (x, y) -> x.equals(y) ? x : "?");
            } else if (s instanceof Stmt.Import imp) {
                for (Alias a : imp.names()) {
                    imports.put(a.asname() != null ? a.asname() : a.name().split("\\.")[0],
                            a.asname() != null ? a.name() : a.name().split("\\.")[0]);
                }
            } else if (s instanceof Stmt.ImportFrom from && from.module() != null && from.level() == 0) {
                for (Alias a : from.names()) {
                    imports.put(a.asname() != null ? a.asname() : a.name(), from.module() + "." + a.name());
                }
            }
        }
        // An import inside a function or a try block (from xml.parsers import expat in XMLParser.__init__):
        // the first one of a name the module binds no other way. Only statements can be imports, so
        // only the blocks are walked, not the expressions (nine nodes in ten).
        importsIn(module.body());
        classes.values().forEach(c -> lineages.put(c.name(), lineageOf(c)));
    }

    private void importsIn(List<Stmt> block) {
        for (Stmt n : block) {
            if (n instanceof Stmt.Import imp) {
                for (Alias a : imp.names()) {
                    importElsewhere(a.asname() != null ? a.asname() : a.name().split("\\.")[0],
                            a.asname() != null ? a.name() : a.name().split("\\.")[0]);
                }
            } else if (n instanceof Stmt.ImportFrom from && from.module() != null && from.level() == 0) {
                for (Alias a : from.names()) {
                    importElsewhere(a.asname() != null ? a.asname() : a.name(), from.module() + "." + a.name());
                }
            } else {
                importsIn(dev.memlint.semantic.NodeChildren.childStatements(n));
            }
        }
    }

    private void importElsewhere(String name, String origin) {
        if (!functions.containsKey(name) && !classes.containsKey(name) && !moduleInstances.containsKey(name)) {
            imports.putIfAbsent(name, origin);
        }
    }

    /**
     * A class and the classes nested in its body, these under their qualified names
     * ({@code HelpFormatter._Section}), reached as attributes of the class or its instances.
     */
    private void addClass(String name, Stmt.ClassDef c) {
        Map<String, Stmt.FunctionNode> methods = new LinkedHashMap<>();
        for (Stmt member : c.body()) {
            if (member instanceof Stmt.FunctionNode f) {
                membersNamed.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                if (!(isPropertyAccessor(f) && methods.containsKey(f.name()))) {
                    methods.put(f.name(), f);
                }
            }
        }
        // a loop, not two streams: a stream pipeline costs far more than a loop under C1
        String[] names = new String[c.bases().size()];
        boolean known = c.keywords().isEmpty();
        for (int i = 0; i < names.length; i++) {
            names[i] = c.bases().get(i) instanceof Expr.Name n ? n.id() : "?";
            known &= names[i].equals("object") || classesHas(names[i]);
        }
        List<String> bases = List.of(names);
        classes.put(name, new ClassInfo(name, c, methods, bases, known));
        for (Stmt member : c.body()) {
            if (member instanceof Stmt.ClassDef inner) {
                addClass(name + "." + inner.name(), inner);
            }
        }
    }

    /**
     * A class of the module, then its first base if the module defines that too, then that one's, and
     * so on: the classes whose bodies an attribute of an instance is looked up in, as far as the module
     * tells. At most 16, which also ends a cycle of bases. Empty for a class the module does not define.
     */
    public List<ClassInfo> lineage(String className) {
        return lineages.getOrDefault(className, List.of());
    }

    public List<ClassInfo> lineage(ClassInfo cls) {
        return cls == null ? List.of() : lineage(cls.name());
    }

    /** Computed once, when every class is known: asked on every attribute and method lookup. */
    private final Map<String, List<ClassInfo>> lineages = new HashMap<>();

    private List<ClassInfo> lineageOf(ClassInfo cls) {
        List<ClassInfo> out = new java.util.ArrayList<>();
        for (ClassInfo c = cls; c != null && out.size() < 16; c = c.baseNames().isEmpty() ? null : classes.get(c.baseNames().get(0))) {
            out.add(c);
        }
        return List.copyOf(out);
    }

    /** The class nested under attr in a class or one of its module bases ({@code self._Section}), or null. */
    public ClassInfo nestedClass(String className, String attr) {
        for (ClassInfo c : lineage(className)) {
            ClassInfo inner = classes.get(c.name() + "." + attr);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private boolean classesHas(String name) {
        return classes.containsKey(name);
    }

    public ClassInfo classNamed(String name) {
        return classes.get(name);
    }

    /** The defs of that name in the bodies of the module's classes (accessors too), in no class in particular. */
    List<Stmt.FunctionNode> membersNamed(String name) {
        return membersNamed.getOrDefault(name, List.of());
    }

    /** Every def in a module class's body, by name. */
    Map<String, List<Stmt.FunctionNode>> membersByName() {
        return membersNamed;
    }

    public Map<String, ClassInfo> classes() {
        return classes;
    }

    /** The class of the instance a module-level name is bound to (name = Cls(...), once), or null. */
    public String moduleInstance(String name) {
        String cls = moduleInstances.get(name);
        return cls == null || cls.equals("?") || functions.containsKey(name) ? null : cls;
    }

    /**
     * The class a module-level name is bound to as its default ({@code _loggerClass = Logger}, which a
     * setter may replace under {@code global}, as a class-defaulted parameter may be given another), or
     * null when the module binds it to something else too or defines it as a class or function.
     */
    public ClassInfo classAlias(String name) {
        String cls = classAliases.get(name);
        return cls == null || cls.equals("?") || functions.containsKey(name) || classes.containsKey(name)
                || moduleInstances.containsKey(name) ? null : classes.get(cls);
    }

    public Stmt.FunctionNode functionNamed(String name) {
        return functions.get(name);
    }

    /**
     * The functions a call of f runs around f: for each decorator that is a module function
     * returning a def of its own body ({@code @traced}), or a call of one returning such a
     * decorator ({@code @retry(times=3)}), that innermost def, the wrapper the decorated name holds.
     * A wrapper calls f with the arguments it was given; what it makes itself (its frame, an
     * exception it catches and keeps) is left by every call of f.
     */
    public List<Stmt.FunctionNode> wrappersOf(Stmt.FunctionNode f) {
        if (f.decoratorList().isEmpty()) {
            return List.of();
        }
        List<Stmt.FunctionNode> out = new java.util.ArrayList<>();
        for (Expr d : f.decoratorList()) {
            Stmt.FunctionNode wrapper = null;
            if (d instanceof Expr.Name n) {
                wrapper = returnedDef(functions.get(n.id()));
            } else if (d instanceof Expr.Call c && c.func() instanceof Expr.Name n) {
                wrapper = returnedDef(returnedDef(functions.get(n.id())));
            }
            if (wrapper != null) {
                out.add(wrapper);
            }
        }
        return out;
    }

    /** The def of f's own body that f returns by name ({@code def wrapper(...): ...; return wrapper}), or null. */
    private static Stmt.FunctionNode returnedDef(Stmt.FunctionNode f) {
        if (f == null) {
            return null;
        }
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.Return r && r.value() instanceof Expr.Name n) {
                for (Stmt d : f.body()) {
                    if (d instanceof Stmt.FunctionDef def && def.name().equals(n.id())) {
                        return def;
                    }
                }
            }
        }
        return null;
    }

    /** The functions defined at module level. */
    public java.util.Collection<Stmt.FunctionNode> functions() {
        return functions.values();
    }

    /** Whether some class of the module defines a method of that name. */
    public boolean anyClassHasMethod(String name) {
        if (methodNames == null) {
            methodNames = new java.util.HashSet<>();
            classes.values().forEach(c -> methodNames.addAll(c.methods().keySet()));
        }
        return methodNames.contains(name);
    }

    private Set<String> methodNames;

    /** The method a class (or one of its module-level bases) defines under name, or null. */
    public Stmt.FunctionNode method(String className, String name) {
        for (ClassInfo c : lineage(className)) {
            Stmt.FunctionNode m = c.methods().get(name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** The setter of a property (a def decorated {@code @name.setter}) of a class or its module bases, or null. */
    public Stmt.FunctionNode propertySetter(String className, String name) {
        for (ClassInfo c : lineage(className)) {
            for (Stmt member : c.node().body()) {
                if (member instanceof Stmt.FunctionNode f && f.name().equals(name)) {
                    for (Expr d : f.decoratorList()) {
                        if (d instanceof Expr.Attribute a && a.attr().equals("setter")) {
                            return f;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Whether a class is decorated with {@code @dataclass} (called or not, bare or through the module). */
    public static boolean isDataclass(Stmt.ClassDef c) {
        for (Expr d : c.decoratorList()) {
            Expr f = d instanceof Expr.Call call ? call.func() : d;
            String name = f instanceof Expr.Name n ? n.id() : f instanceof Expr.Attribute a ? a.attr() : "";
            if (name.equals("dataclass")) {
                return true;
            }
        }
        return false;
    }

    /** Whether name (a bare name or module.attr) makes a weak reference: weakref.ref, proxy, WeakSet... */
    public boolean isWeakFactory(Expr func) {
        if (func instanceof Expr.Name n) {
            String origin = imports.get(n.id());
            return origin != null && origin.startsWith("weakref.") && WEAK_FACTORIES.contains(origin.substring(8));
        }
        if (func instanceof Expr.Attribute a && a.value() instanceof Expr.Name m) {
            return "weakref".equals(imports.get(m.id())) && WEAK_FACTORIES.contains(a.attr());
        }
        return false;
    }

    /** The weak-reference factory a call's function names (ref, WeakSet, finalize, ...), or null. */
    public String weakFactory(Expr func) {
        return isWeakFactory(func) ? (func instanceof Expr.Name n ? imports.get(n.id()).substring(8) : ((Expr.Attribute) func).attr()) : null;
    }

    /**
     * The qualified name ("sys._getframe", "collections.namedtuple") a call's function refers to
     * through the module's imports, or null when it is not an imported name.
     */
    public String importedName(Expr func) {
        if (func instanceof Expr.Name n) {
            return imports.get(n.id());
        }
        if (func instanceof Expr.Attribute a) { // email.message.EmailMessage after import email.message
            String module = importedName(a.value());
            return module == null ? null : module + "." + a.attr();
        }
        return null;
    }

    /** Whether the name refers to an imported module or a name imported from one. */
    public boolean isImported(String name) {
        return imports.containsKey(name);
    }
}
