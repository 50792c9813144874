package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Classes: the bytes of a class object, class attributes, dataclass fields, classes made at run time. */
final class Classes {
    private final Interpreter in;

    Classes(Interpreter in) {
        this.in = in;
    }

    /** A value assigned in the class body (a class attribute), as made when the module ran. */
    Obj classAttribute(String cls, String attr) {
        for (ModuleIndex.ClassInfo c : in.index.lineage(cls)) {
            for (Stmt s : c.node().body()) {
                if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n
                        && n.id().equals(attr)) {
                    return classValue(a.value(), c.name());
                }
                if (s instanceof Stmt.AnnAssign a && a.value() != null && a.target() instanceof Expr.Name n && n.id().equals(attr)) {
                    return classValue(a.value(), c.name());
                }
            }
        }
        return null;
    }

    /**
     * A class attribute the metaclass sets as it makes the class, from the class body's namespace
     * (cls._fields = [v.name for v in namespace.values() if isinstance(v, Field)] in ModelMeta.__new__):
     * a list of as many items as the namespace has entries that pass the filter. Null when no
     * metaclass of the module sets it so. Asked for an instance of exactly cls: a subclass's would
     * have its own namespace.
     */
    Obj metaclassAttribute(String cls, String attr) {
        ModuleIndex.ClassInfo meta = metaclassOf(cls), own = in.index.classNamed(cls);
        if (meta == null || own == null) return null;
        for (ModuleIndex.ClassInfo m : in.index.lineage(meta)) {
            for (String hook : List.of("__new__", "__init__")) {
                Stmt.FunctionNode fn = m.methods().get(hook);
                List<String> params = fn == null ? List.of() : fn.args().names();
                if (params.size() < 4) continue;
                // the class being made: params[0] of __init__, what __new__ got from super().__new__ / type.__new__
                java.util.Set<String> made = new java.util.HashSet<>();
                if (hook.equals("__init__")) made.add(params.get(0));
                for (Stmt s : fn.body()) {
                    if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n
                            && a.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute f && f.attr().equals("__new__")) {
                        made.add(n.id());
                    }
                    if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Attribute t
                            && t.attr().equals(attr) && t.value() instanceof Expr.Name owner && made.contains(owner.id())) {
                        Sym n = namespaceEntries(a.value(), params.get(3), own);
                        if (n == null) return null;
                        Obj list = in.given(Obj.Kind.LIST, cls + "." + attr);
                        list.count = n;
                        list.baseCount = n;
                        return list;
                    }
                }
            }
        }
        return null;
    }

    /** The metaclass a class or its first module base names (metaclass=ModelMeta), when the module defines it; else null. */
    private ModuleIndex.ClassInfo metaclassOf(String cls) {
        for (ModuleIndex.ClassInfo c : in.index.lineage(cls)) {
            for (var k : c.node().keywords()) {
                if ("metaclass".equals(k.arg()) && k.value() instanceof Expr.Name n) return in.index.classNamed(n.id());
            }
        }
        return null;
    }

    /**
     * How many entries of a class body's namespace a comprehension over it keeps ([... for v in
     * namespace.values() if isinstance(v, Field)], over .items() or the keys too): those an
     * isinstance filter on the value passes (a value made by calling the class or a module subclass
     * of it), every entry when the filter is another test or the value cannot be told. The namespace
     * holds __module__, __qualname__, __doc__ for a docstring and each name the body binds; null for
     * another expression or a body that binds names under a branch or loop.
     */
    private Sym namespaceEntries(Expr value, String namespace, ModuleIndex.ClassInfo cls) {
        if (value instanceof Expr.Call c && c.func() instanceof Expr.Name f && (f.id().equals("list") || f.id().equals("tuple"))
                && c.args().size() == 1 && c.keywords().isEmpty()) {
            value = c.args().get(0);
        }
        List<dev.memlint.ast.Comprehension> gens = value instanceof Expr.ListComp l ? l.generators()
                : value instanceof Expr.GeneratorExp g ? g.generators() : null;
        if (gens == null || gens.size() != 1) return null;
        dev.memlint.ast.Comprehension gen = gens.get(0);
        Expr iter = gen.iter();
        String how = iter instanceof Expr.Name n && n.id().equals(namespace) ? "keys"
                : iter instanceof Expr.Call c && c.args().isEmpty() && c.func() instanceof Expr.Attribute a
                        && a.value() instanceof Expr.Name n && n.id().equals(namespace) ? a.attr() : null;
        String item = null; // the name the entry's value is bound to
        if ("values".equals(how) && gen.target() instanceof Expr.Name n) item = n.id();
        else if ("items".equals(how) && gen.target() instanceof Expr.TupleExpr t && t.elts().size() == 2
                && t.elts().get(1) instanceof Expr.Name n) item = n.id();
        else if (!"keys".equals(how)) return null;
        Map<String, Expr> entries = new java.util.LinkedHashMap<>();
        entries.put("__module__", null);
        entries.put("__qualname__", null);
        List<Stmt> body = cls.node().body();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (i == 0 && s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Constant k && k.value() instanceof String) {
                entries.put("__doc__", null);
            } else if (s instanceof Stmt.Assign a) {
                for (Expr t : a.targets()) {
                    if (!(t instanceof Expr.Name n)) return null;
                    entries.put(n.id(), a.value());
                }
            } else if (s instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n) {
                entries.put("__annotations__", null);
                if (a.value() != null) entries.put(n.id(), a.value());
            } else if (s instanceof Stmt.FunctionNode f) {
                entries.put(f.name(), null);
            } else if (s instanceof Stmt.ClassDef d) {
                entries.put(d.name(), null);
            } else if (!(s instanceof Stmt.Pass || s instanceof Stmt.ExprStmt)) {
                return null;
            }
        }
        int kept = 0;
        for (Expr v : entries.values()) if (passes(gen.ifs(), item, v)) kept++;
        return Sym.of(kept);
    }

    /**
     * Whether an entry may pass the filters: false only where an isinstance(item, K) test, K a module
     * class, meets a value that is no instance of K (a name the body binds to a def, a class, a
     * constant or the str CPython puts there, a call of a module class not derived from K).
     */
    private boolean passes(List<Expr> ifs, String item, Expr value) {
        for (Expr test : ifs) {
            if (!(item != null && test instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("isinstance")
                    && c.args().size() == 2 && c.args().get(0) instanceof Expr.Name v && v.id().equals(item)
                    && c.args().get(1) instanceof Expr.Name k && in.index.classNamed(k.id()) != null)) {
                continue;
            }
            if (value == null || value instanceof Expr.Constant) return false;
            if (value instanceof Expr.Call call && call.func() instanceof Expr.Name made && in.index.classNamed(made.id()) != null
                    && in.index.lineage(made.id()).stream().noneMatch(x -> x.name().equals(k.id()))) {
                return false;
            }
        }
        return true;
    }

    private Obj classValue(Expr value, String cls) {
        if (value instanceof Expr.Name n) return in.scopes.global(n.id());
        if (value instanceof Expr.DictExpr d && !d.values().isEmpty()) {
            // a dispatch table of the class's own functions ({"GET": do_get}): what a lookup returns is one of them
            Obj table = in.given(Obj.Kind.DICT, "class attribute");
            table.count = Sym.of(d.values().size());
            table.baseCount = table.count;
            for (Expr v : d.values()) {
                Stmt.FunctionNode m = v instanceof Expr.Name name ? in.index.method(cls, name.id()) : null;
                if (m == null) continue;
                Obj fn = in.given(Obj.Kind.FUNCTION, m.name());
                fn.function = m;
                table.value2 = fn;
                break;
            }
            if (table.value2 != null) return table;
        }
        if (value instanceof Expr.Constant) return in.expressions.eval(value) == null ? in.none() : givenCopy(in.expressions.eval(value));
        if (value instanceof Expr.Call c && c.args().size() >= 1 && c.args().get(0) instanceof Expr.Constant source
                && "re.compile".equals(in.index.importedName(c.func()))) {
            return in.patterns.compiled(in.expressions.eval(source)); // a pattern the class compiled once, at import
        }
        Obj v = in.given(Obj.Kind.UNKNOWN, "class attribute");
        v.count = Sym.ZERO;
        v.baseCount = v.count;
        return v;
    }

    private Obj givenCopy(Obj v) {
        return v;
    }

    boolean isDataclass(ModuleIndex.ClassInfo cls) {
        return cls.node().decoratorList().stream().anyMatch(d -> Syntax.decoratorName(d).equals("dataclass"));
    }

    void initDataclass(Obj inst, ModuleIndex.ClassInfo cls, List<Obj> args, Map<String, Obj> kwargs) {
        int i = 0;
        for (Stmt s : cls.node().body()) {
            if (s instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n && a.simple() == 1
                    && !(a.annotation() != null && Interpreter.text(a.annotation()).contains("ClassVar"))) {
                Obj v = i < args.size() ? args.get(i) : kwargs.containsKey(n.id()) ? kwargs.get(n.id())
                        : a.value() == null ? null : defaultField(a.value());
                i++;
                inst.attrs.put(n.id(), v == null ? in.none() : v);
            }
        }
        Stmt.FunctionNode post = in.index.method(cls.name(), "__post_init__");
        if (post != null) in.calls.inline(post, inst, List.of(), Map.of(), cls.node().decoratorList().get(0));
    }

    /** field(default_factory=list) makes a new value per instance; a constant default is shared. */
    private Obj defaultField(Expr value) {
        if (value instanceof Expr.Call c && Interpreter.text(c.func()).endsWith("field")) {
            for (var k : c.keywords()) {
                if ("default_factory".equals(k.arg())) {
                    Obj factory = in.expressions.eval(k.value());
                    if (k.value() instanceof Expr.Name n && (n.id().equals("list") || n.id().equals("dict") || n.id().equals("set"))) {
                        return in.make(n.id().equals("list") ? Obj.Kind.LIST : n.id().equals("dict") ? Obj.Kind.DICT : Obj.Kind.SET, Sym.ZERO);
                    }
                    return factory == null ? null : in.calls.callObject(factory, List.of(), Map.of(), value);
                }
            }
            return null;
        }
        return value instanceof Expr.Constant ? in.expressions.eval(value) : null;
    }

    /** An instance of a class made at run time: a namedtuple's is a tuple of its fields. */
    Obj instanceOfRuntimeClass(Obj cls, List<Obj> args) {
        if ("namedtuple".equals(cls.producer)) {
            Obj row = in.tuple(new ArrayList<>(args));
            row.producer = "namedtuple"; // a tuple subclass's instance: allocated anew, never from the tuple free list
            return row;
        }
        Obj inst = in.make(Obj.Kind.INSTANCE, null);
        inst.attrs.put("__class__", cls); // an instance keeps its class alive
        inst.fixed = Sym.of(in.model.instance(args.size())); // its attributes inline, as a class statement's instances
        for (int i = 0; i < args.size(); i++) if (args.get(i) != null) inst.attrs.put("_" + i, args.get(i));
        return inst;
    }

    Obj attributeOf(Obj o, String attr) {
        if (o.kind == Obj.Kind.EXCEPTION && attr.equals("args")) return in.tuple(List.of());
        return null;
    }

    /** A class made at run time, with what making it allocates at its peak. */
    Obj runtimeClass(String size, String peak, String producer) {
        Obj cls = in.fixed(Obj.Kind.CLASS, in.model.library(size));
        cls.producer = producer;
        cls.cyclic = true;
        in.observe(Sym.of(Math.max(0, in.model.library(peak) - in.model.library(size))));
        return cls;
    }
}
