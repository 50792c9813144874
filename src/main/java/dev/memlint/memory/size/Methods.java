package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Methods of builtin types: containers; text, files and other library objects go to their own models. */
final class Methods {
    private final Interpreter in;

    Methods(Interpreter in) {
        this.in = in;
    }

    Obj call(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr.Call where) {
        Obj first = Library.arg(args, 0);
        Expr firstExpr = where.args().isEmpty() ? null : where.args().get(0);
        if (recv.superProxy) {
            Obj self = recv.attrs.get("__self__");
            Stmt.FunctionNode m = recv.cls == null ? null : in.index.method(recv.cls, name);
            if (m != null) return in.calls.inline(m, self, args, kwargs, where);
            if (name.equals("__init__") && self != null && self.kind == Obj.Kind.EXCEPTION) {
                in.exceptions.initException(self, args);
                return in.none();
            }
            if (recv.superReachesLibrary) {
                in.library.notFollowed(Interpreter.text(where.func()), where); // a library base's code
            }
            return in.none(); // object.__init__ and the like
        }
        Obj.Kind kind = recv.kind;
        if (kind == Obj.Kind.UNKNOWN && splitBySomething(name, firstExpr)) {
            // r.split(text) is as likely a compiled pattern's split as a str's: its parts are counted
            // by a symbol of their own, not by len(r).
            Sym count = Sym.var("parts(" + (recv.path != null ? recv.path : "?") + ")");
            return in.library.listOf(count, in.str(Sym.of(Interpreter.WORD_CHARS)));
        }
        if (kind == Obj.Kind.UNKNOWN) {
            // an object the call was given, of a type not known: its method's code is not followed
            kind = guessKind(name);
            if (kind != Obj.Kind.UNKNOWN || Library.SCALAR_METHODS.contains(name)) {
                in.limit("call of " + Interpreter.text(where.func()) + " at line " + where.pos().line() + ": the type of "
                        + (where.func() instanceof Expr.Attribute a ? Interpreter.text(a.value()) : "its receiver") + " is not known, taken as "
                        + (kind == Obj.Kind.UNKNOWN ? "allocating nothing" : "a " + kind.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        if (Library.SCALAR_METHODS.contains(name)) {
            // a module class that does not define it: the method comes from a base the walk does not see
            if ((kind == Obj.Kind.INSTANCE || kind == Obj.Kind.CLASS) && recv.cls != null) {
                in.library.notFollowed(Interpreter.text(where.func()), where);
            }
            return in.computedInt(null);
        }
        switch (kind) {
            case LIST: case TUPLE: case SET: case DICT: case BYTEARRAY:
                return container(recv, name, args, kwargs, firstExpr, where);
            case STR: case BYTES:
                return in.texts.text(recv, name, args, kwargs, firstExpr, where);
            case TEXT_BUFFER: case BYTES_BUFFER:
                return in.files.buffer(recv, name, first, where);
            case FILE:
                return in.files.file(recv, name, first, where);
            case GENERATOR: case ITERATOR:
                if (name.equals("__next__")) {
                    Obj v = in.builtins.next(recv, where);
                    return v != null ? v : in.computedInt(null);
                }
                if (name.equals("send")) {
                    Obj v = in.iterables.resumed(recv, first, where);
                    return v != null ? v : in.computedInt(null); // what a coroutine yields back: else taken as a number
                }
                if (name.equals("close") || name.equals("throw")) return in.none();
                break;
            case EXCEPTION:
                if (name.equals("with_traceback")) return recv;
                if (name.equals("add_note")) return in.none();
                break;
            case OPAQUE:
                return opaque(recv, name, args, where);
            case INT: case FLOAT: case BOOL:
                if (name.equals("to_bytes")) return in.make(Obj.Kind.BYTES, first == null ? Sym.of(8) : first.value);
                return kind == Obj.Kind.FLOAT ? in.aFloat() : in.computedInt(null);
            case NONE:
                return null;
            case MODULE:
                return in.stdlib.call(recv.path + "." + name, args, kwargs, where);
            default:
                break;
        }
        in.library.notFollowed(Interpreter.text(where.func()), where);
        return null;
    }

    /** What an object the call was given probably is, from the method called on it. */
    private static boolean splitBySomething(String name, Expr firstExpr) {
        return (name.equals("split") || name.equals("rsplit")) && firstExpr != null && !(firstExpr instanceof Expr.Constant);
    }

    private static Obj.Kind guessKind(String name) {
        return switch (name) {
            case "append", "extend", "insert", "pop", "remove", "sort", "reverse", "appendleft", "popleft" -> Obj.Kind.LIST;
            case "get", "setdefault", "keys", "values", "items", "update", "popitem" -> Obj.Kind.DICT;
            case "add", "discard", "union", "intersection", "difference" -> Obj.Kind.SET;
            case "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper", "join", "replace",
                    "format", "encode", "title", "partition", "removeprefix", "removesuffix", "casefold",
                    "capitalize", "center", "ljust", "rjust", "zfill", "expandtabs", "translate", "decode", "hex" -> Obj.Kind.STR;
            case "read", "readline", "readlines", "write", "close" -> Obj.Kind.FILE;
            case "send" -> Obj.Kind.GENERATOR;
            default -> Obj.Kind.UNKNOWN;
        };
    }

    private Obj container(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr firstExpr, Expr.Call where) {
        Obj first = Library.arg(args, 0);
        switch (name) {
            case "append": case "appendleft":
                in.containers.grow(recv, Sym.of(1), first);
                return in.none();
            case "add": {
                List<Obj.Group> groups = new ArrayList<>();
                if (first != null) groups.add(new Obj.Group(Sym.of(1), first));
                in.containers.addKey(recv, first, firstExpr, groups);
                return in.none();
            }
            case "insert":
                in.containers.grow(recv, Sym.of(1), Library.arg(args, 1));
                return in.none();
            case "extend": case "extendleft": case "update":
                if (first != null) in.containers.extend(recv, first, firstExpr);
                for (var e : kwargs.entrySet()) in.containers.grow(recv, Sym.of(1), e.getValue());
                return in.none();
            case "pop": case "popleft": case "popitem": {
                Obj item = recv.kind == Obj.Kind.DICT ? recv.value2 != null ? recv.value2 : in.expressions.elementOf(recv) : in.expressions.elementOf(recv);
                if (recv.kind == Obj.Kind.DICT && Library.arg(args, 1) != null && item == null) item = Library.arg(args, 1);
                in.containers.grow(recv, Sym.of(-1), null);
                if (name.equals("popitem")) return in.tuple(java.util.Arrays.asList(recv.item, item));
                return item;
            }
            case "remove": case "discard":
                in.containers.grow(recv, Sym.of(-1), null);
                return in.none();
            case "clear":
                in.containers.clear(recv);
                return in.none();
            case "sort": {
                Sym n = in.library.countOf(recv, "?");
                in.observe(Sym.mul(Sym.of(kwargs.containsKey("key") ? 8 + 32 : 4), n)); // keys and the merge area
                return in.none();
            }
            case "reverse":
                return in.none();
            case "copy": {
                Obj out = in.builtins.shallowCopy(recv);
                if (out != null && !recv.fresh && out.count != null) {
                    Obj item = in.expressions.elementOf(recv);
                    if (item != null && out.groups.isEmpty()) out.groups.add(new Obj.Group(out.count, item));
                }
                return out;
            }
            case "__getitem__": // dict.__getitem__(self, key) in a subclass: the item itself
                if (recv.kind == Obj.Kind.DICT) in.containers.read(recv, first);
                return recv.value2 != null ? recv.value2 : in.expressions.elementOf(recv);
            case "__setitem__":
                in.bindings.setItem(recv, first, firstExpr, Library.arg(args, 1));
                return in.none();
            case "get": {
                Obj found = get(recv, args);
                if (recv.kind == Obj.Kind.DICT) in.containers.lookup(recv, first, found);
                return found;
            }
            case "setdefault": {
                Obj v = recv.value2;
                Obj dflt = Library.arg(args, 1);
                boolean constantKey = firstExpr instanceof Expr.Constant;
                List<Obj.Group> groups = new ArrayList<>();
                if (dflt != null) groups.add(new Obj.Group(Sym.of(1), dflt));
                if (first != null && first.fresh && !constantKey) groups.add(new Obj.Group(Sym.of(1), first));
                in.touch(recv);
                if (recv.value2 == null) recv.value2 = dflt;
                in.containers.addKey(recv, first, firstExpr, groups, false);
                if (recv.item == null) recv.item = first;
                if (v == null) in.containers.sharedUnderRepeatedKey(dflt, first, firstExpr);
                return v != null ? v : dflt;
            }
            case "keys": case "values": case "items": {
                Obj view = in.fixed(Obj.Kind.ITERATOR, 48);
                view.producer = name;
                view.sources = List.of(recv);
                view.count = recv.count != null ? recv.count : Sym.var("len(" + (recv.path != null ? recv.path : "?") + ")");
                return view;
            }
            case "union": case "intersection": case "difference": case "symmetric_difference": {
                Obj out = in.builtins.shallowCopy(recv);
                if (name.equals("union") && first != null && first.count != null && out.count != null) {
                    out.count = Sym.add(out.count, first.count);
                }
                return out;
            }
            case "index": case "count":
                return in.computedInt(null);
            case "decode":
                return in.str(in.library.countOf(recv, "?"));
            default:
                in.library.notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    private Obj get(Obj recv, List<Obj> args) {
        Obj v = recv.value2 != null ? recv.value2 : recv.kind == Obj.Kind.DICT && recv.fresh ? null : in.expressions.elementOf(recv);
        if (v != null) return v;
        Obj dflt = Library.arg(args, 1) != null ? Library.arg(args, 1) : in.none();
        // no value stored yet on this walk, but a loop (this one's later iterations) may store one
        // under the key: the default stands for its size only, not for what a test on it finds
        boolean empty = in.loops.isEmpty() && recv.count instanceof Sym.Const c && c.value() == 0;
        if (!empty && !dflt.fresh) {
            Obj either = dflt.constantCopy(dflt.born);
            either.literal = dflt.literal;
            either.onlyOneOfSeveral = true;
            return either;
        }
        return dflt;
    }

    private Obj opaque(Obj recv, String name, List<Obj> args, Expr.Call where) {
        Obj first = Library.arg(args, 0);
        if ("struct".equals(recv.producer)) {
            long fields = recv.value2 != null && recv.value2.value instanceof Sym.Const c ? (long) c.value() : 2;
            switch (name) {
                case "pack": return in.make(Obj.Kind.BYTES, recv.value);
                case "unpack": case "unpack_from": return in.library.fields(fields);
                case "iter_unpack": {
                    Obj it = in.fixed(Obj.Kind.ITERATOR, 64);
                    it.producer = "chunks";
                    it.count = first == null || first.count == null ? null : Sym.mul(Sym.of(1 / ((Sym.Const) recv.value).value()), first.count);
                    it.value2 = in.library.fields(fields);
                    it.sources = first == null ? List.of() : List.of(first);
                    return it;
                }
                default: break;
            }
        }
        if ("weakset".equals(recv.producer) && (name.equals("add") || name.equals("discard"))) {
            in.containers.growBy(recv, Sym.of(name.equals("add") ? 1 : -1), List.of(),
                    name.equals("add") ? Sym.of(in.model.library("weakref") + 32) : Sym.ZERO);
            return in.none();
        }
        if ("pattern".equals(recv.producer) || "match".equals(recv.producer)) {
            Obj made = recv.producer.equals("match") ? in.patterns.matchMethod(recv, name) : in.patterns.method(recv, name, first, where);
            if (made != null) return made;
        }
        Obj document = in.documents.method(recv, name, args);
        if (document != null) return document;
        if ("csvwriter".equals(recv.producer) && name.equals("writeheader")) {
            first = recv.attrs.get("fieldnames"); // DictWriter: a row of the field names
            name = "writerow";
        }
        if ("csvwriter".equals(recv.producer) && (name.equals("writerow") || name.equals("writerows"))) {
            Obj target = recv.sources.isEmpty() ? null : recv.sources.get(0);
            Sym n = first == null || first.count == null ? Sym.of(Interpreter.ITEM_CHARS) : Sym.mul(Sym.of(Interpreter.WORD_CHARS), first.count);
            Obj fields = recv.attrs.get("fieldnames");
            if (name.equals("writerows") && first != null && first.count != null && fields != null && fields.count != null) {
                n = Sym.mul(n, fields.count); // DictWriter: each row a field per name
            }
            if (target != null && target.kind == Obj.Kind.TEXT_BUFFER) {
                in.files.writeText(target, in.str(n), n, Sym.of(1)); // one line per row
            }
            return in.none();
        }
        if (recv.path != null && !recv.fresh) return null; // a logger, a compiled pattern: reads, keeps nothing new
        in.library.notFollowed(Interpreter.text(where.func()), where);
        return null;
    }
}
