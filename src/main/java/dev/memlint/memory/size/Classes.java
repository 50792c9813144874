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
