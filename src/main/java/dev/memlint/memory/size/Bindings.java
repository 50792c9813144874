package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assignments: names, attributes, items and unpacking. */
final class Bindings {
    private final Interpreter in;

    Bindings(Interpreter in) {
        this.in = in;
    }

    void bind(Expr target, Obj v) {
        if (target instanceof Expr.Name n) {
            Interpreter.Frame f = in.frame();
            if (v != null && v.kind == Obj.Kind.FILE && v.fileSize == null && v.fresh) {
                in.touch(v);
                v.fileSize = Sym.var("size(" + n.id() + ")");
            }
            if (f.globalNames.contains(n.id())) {
                in.globals.put(n.id(), v);
            } else if (f.nonlocalNames.contains(n.id())) {
                Interpreter.Frame owner = f.closure;
                while (owner != null && !owner.env.containsKey(n.id())) owner = owner.closure;
                (owner != null ? owner : f).env.put(n.id(), v);
            } else {
                f.env.put(n.id(), v);
            }
        } else if (target instanceof Expr.Attribute a) {
            Obj o = in.expressions.eval(a.value());
            setAttr(o, a.attr(), v);
        } else if (target instanceof Expr.Subscript sub) {
            Obj container = in.expressions.eval(sub.value());
            Obj key = in.expressions.eval(sub.slice());
            setItem(container, key, sub.slice(), v);
            // an evicting cache (the function also removes entries from it) may have dropped what it stored
            Interpreter.Frame f = in.frame();
            if (container != null && container.kind == Obj.Kind.DICT
                    && (f.function == null || !in.syntax.removesFrom(f.function).contains(Interpreter.text(sub.value())))) {
                in.containers.storedAfterLookup(container, key, sub.slice(), v);
            }
        } else if (target instanceof Expr.TupleExpr t) {
            unpack(t.elts(), v);
        } else if (target instanceof Expr.ListExpr l) {
            unpack(l.elts(), v);
        } else if (target instanceof Expr.Starred s) {
            bind(s.value(), v);
        }
    }

    void setAttr(Obj o, String attr, Obj v) {
        if (o == null || o.kind == Obj.Kind.NONE && o.carriedFrom == null) return;
        Stmt.FunctionNode setter = o.cls == null || o.kind == Obj.Kind.CLASS ? null : in.index.propertySetter(o.cls, attr);
        if (setter != null) {
            in.calls.inline(setter, o, java.util.Arrays.asList(v), Map.of(), setter.decoratorList().get(0));
            return;
        }
        in.touch(o);
        o.attrs.put(attr, v == null ? in.none() : v);
    }

    void setItem(Obj container, Obj key, Expr slice, Obj v) {
        if (container == null) return;
        if (container.kind == Obj.Kind.DICT || container.kind == Obj.Kind.UNKNOWN && container.value2 != null) {
            boolean constantKey = slice instanceof Expr.Constant;
            List<Obj.Group> groups = new ArrayList<>();
            if (v != null) groups.add(new Obj.Group(Sym.of(1), v));
            if (key != null && key.fresh && !constantKey) groups.add(new Obj.Group(Sym.of(1), key));
            in.touch(container);
            if (container.value2 == null) container.value2 = v;
            if (!(key != null && key.kind == Obj.Kind.STR || slice instanceof Expr.Constant c && c.value() instanceof String)) {
                container.strKeys = false;
            }
            in.containers.addKey(container, key, slice, groups);
            if (container.item == null) container.item = key;
            String entry = Containers.constantEntry(slice);
            if (entry != null && v != null && container.kind == Obj.Kind.DICT) container.attrs.put(entry, v);
        } else if (container.kind == Obj.Kind.LIST || container.kind == Obj.Kind.BYTEARRAY || container.kind == Obj.Kind.UNKNOWN) {
            if (slice instanceof Expr.Slice) {
                in.touch(container); // slice assignment: the length may change; kept as it was
                return;
            }
            if (v != null && v.fresh) in.containers.growBy(container, Sym.ZERO, List.of(new Obj.Group(Sym.of(1), v)), Sym.ZERO);
        } else if (container.attrs.get("data") != null && container.producer != null && container.producer.startsWith("weak ")) {
            // A weak dictionary's entry is a plain dict's entry holding a weak reference where it refers
            // weakly: a KeyedRef to the value (WeakValueDictionary) or a ref to the key (WeakKeyDictionary).
            Obj data = container.attrs.get("data");
            if (container.producer.equals("weak values")) {
                setItem(data, key, slice, in.fixed(Obj.Kind.OPAQUE, in.model.library("keyedRef")));
            } else {
                setItem(data, in.fixed(Obj.Kind.OPAQUE, in.model.library("weakref")), null, v);
            }
            container.count = data.count;
        } else if (container.kind == Obj.Kind.INSTANCE && container.cls != null) {
            Stmt.FunctionNode set = in.index.method(container.cls, "__setitem__");
            if (set != null) in.calls.inline(set, container, java.util.Arrays.asList(key, v), Map.of(), slice);
        }
    }

    private void unpack(List<Expr> targets, Obj v) {
        List<Obj> parts = partsOf(v, targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Expr t = targets.get(i);
            if (t instanceof Expr.Starred st) {
                Obj rest = in.make(Obj.Kind.LIST, v != null && v.count != null ? Sym.add(v.count, Sym.of(-(targets.size() - 1))) : null);
                bind(st.value(), rest);
            } else {
                bind(t, parts.get(i));
            }
        }
    }

    /** The n parts of a tuple or pair-like value (a display's items), or its item for each. */
    List<Obj> partsOf(Obj v, int n) {
        List<Obj> out = new ArrayList<>();
        if (v != null && v.kind == Obj.Kind.TUPLE && v.groups.size() == n
                && v.groups.stream().allMatch(g -> g.count() instanceof Sym.Const c && c.value() == 1)) {
            for (Obj.Group g : v.groups) out.add(g.item());
            return out;
        }
        Obj item = v == null ? null : in.expressions.elementOf(v);
        for (int i = 0; i < n; i++) out.add(item);
        return out;
    }
}
