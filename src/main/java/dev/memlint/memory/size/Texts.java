package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.List;
import java.util.Map;

/** Methods of str and bytes, and the characters a formatted value takes. */
final class Texts {
    private final Interpreter in;

    Texts(Interpreter in) {
        this.in = in;
    }

    /** The characters a value takes when formatted (str(), an f-string field). */
    Sym formattedLength(Obj v, Expr spec) {
        if (v == null) return Sym.of(8);
        return switch (v.kind) {
            case STR -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : v.count;
            case INT -> v.value instanceof Sym.Const c ? Sym.of(Long.toString((long) c.value()).length()) : Sym.of(5);
            case FLOAT -> spec != null ? Sym.of(8) : Sym.of(17);
            case BOOL -> Sym.of(5);
            case NONE -> Sym.of(4);
            case LIST, TUPLE, SET, DICT -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : Sym.mul(Sym.of(8), v.count);
            default -> Sym.of(Interpreter.ITEM_CHARS);
        };
    }

    Obj text(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr firstExpr, Expr.Call where) {
        Obj first = Library.arg(args, 0);
        Sym n = recv.count != null ? recv.count : Sym.var("len(" + (recv.path != null ? recv.path : "?") + ")");
        boolean bytes = recv.kind == Obj.Kind.BYTES;
        if (Library.SAME_LENGTH.contains(name)) {
            Obj out = bytes ? in.make(Obj.Kind.BYTES, n) : in.str(n);
            if (!bytes) out.fixed = recv.fixed;
            return out;
        }
        switch (name) {
            case "split": case "rsplit": {
                Obj max = args.size() > 1 ? args.get(1) : kwargs.get("maxsplit");
                if (max != null && max.value instanceof Sym.Const k && k.value() >= 0) {
                    return in.library.listOf(Sym.of(k.value() + 1), in.str(Sym.mul(Sym.of(1 / (k.value() + 1)), n)));
                }
                String sep = firstExpr == null ? null : Builtins.constantText(firstExpr);
                return in.library.parts(n, sep != null && sep.equals("\n") ? Interpreter.LINE_CHARS : Interpreter.WORD_CHARS);
            }
            case "splitlines":
                return in.library.parts(n, Interpreter.LINE_CHARS);
            case "partition": case "rpartition":
                return in.tuple(List.of(in.str(n), in.constantStr(1), in.str(Sym.of(Interpreter.WORD_CHARS))));
            case "join": {
                if (first == null) return in.str(Sym.var("len(" + Interpreter.text(where) + ")"));
                Obj items = first;
                if (in.builtins.consumable(first)) {
                    Obj list = in.make(Obj.Kind.LIST, Sym.ZERO);
                    list.layout = Obj.Layout.APPENDED;
                    in.temps.add(list);
                    try {
                        in.iterables.produce(first, x -> in.containers.grow(list, Sym.of(1), x), firstExpr);
                    } finally {
                        in.temps.remove(list);
                    }
                    items = list;
                    in.temps.add(list);
                }
                Sym length = Sym.ZERO;
                Sym count = in.library.countOf(items, Interpreter.text(firstExpr));
                if (!items.groups.isEmpty()) {
                    for (Obj.Group g : items.groups) {
                        Obj it = g.item();
                        Sym each = it != null && it.count != null && it.isText() ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                        length = Sym.add(length, Sym.mul(g.count(), each));
                    }
                } else {
                    Obj it = in.expressions.elementOf(items);
                    Sym each = it != null && it.count != null ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                    length = Sym.mul(count, each);
                }
                length = Sym.add(length, Sym.mul(count, n));
                Obj out = bytes ? in.make(Obj.Kind.BYTES, length) : in.str(length);
                in.observe(in.footprint.own(out));
                if (items != first) in.temps.remove(items);
                return out;
            }
            case "format": {
                Sym length = n;
                for (Obj a : args) length = Sym.add(length, formattedLength(a, null));
                for (Obj a : kwargs.values()) length = Sym.add(length, formattedLength(a, null));
                return in.str(length);
            }
            case "encode":
                return in.make(Obj.Kind.BYTES, n);
            case "decode":
                return in.str(n);
            case "hex":
                return in.str(Sym.mul(Sym.of(2), n));
            case "count": case "index": case "find":
                return in.computedInt(null);
            default:
                in.library.notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }
}
