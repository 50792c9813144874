package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.memory.SizeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the models of the library share: the method names of builtin types, the builtins the walk
 * can call when they are passed as values, and the helpers every model uses (an argument, a count,
 * a call not followed, a tuple of fields, a list of parts). The models themselves are {@link Builtins},
 * {@link Methods}, {@link Texts}, {@link Files}, {@link Stdlib}, {@link Producers}, {@link Classes}
 * and {@link Exceptions}; a call with no model is listed in the estimate's limits.
 */
final class Library {
    private static final Set<String> BUILTIN_METHODS = Set.of("append", "extend", "insert", "pop", "remove", "clear",
            "sort", "reverse", "copy", "index", "count", "get", "setdefault", "update", "keys", "values", "items",
            "popitem", "add", "discard", "union", "intersection", "difference", "split", "rsplit", "splitlines",
            "strip", "lstrip", "rstrip", "lower", "upper", "join", "replace", "format", "encode", "decode",
            "startswith", "endswith", "find", "read", "readline", "readlines", "write", "close", "send", "appendleft",
            "popleft", "title", "partition", "hex");

    /** Methods that read a value and allocate nothing the walk needs to follow (the value is scalar). */
    static final Set<String> SCALAR_METHODS = Set.of("index", "count", "find", "rfind", "rindex",
            "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isidentifier",
            "isnumeric", "isdecimal", "istitle", "isascii", "__len__", "__contains__", "tell", "seek", "flush",
            "fileno", "isatty", "readable", "writable", "seekable", "bit_length", "is_integer", "total_seconds",
            "timestamp", "acquire", "release", "locked", "is_set", "set", "wait", "notify", "notify_all",
            "debug", "info", "warning", "error", "exception", "critical", "log", "isEnabledFor", "setLevel",
            "getEffectiveLevel", "hasHandlers", "issubset", "issuperset", "isdisjoint", "__eq__", "__hash__");

    static final Set<String> SAME_LENGTH = Set.of("strip", "lstrip", "rstrip", "lower", "upper", "title",
            "capitalize", "casefold", "swapcase", "replace", "removeprefix", "removesuffix", "expandtabs", "translate",
            "center", "ljust", "rjust", "zfill", "format_map");

    private final Interpreter in;

    Library(Interpreter in) {
        this.in = in;
    }

    private static final Set<String> BUILTIN_CALLABLES = Set.of("list", "dict", "set", "frozenset", "tuple", "str",
            "int", "float", "bool", "bytes", "bytearray", "sorted", "len", "repr", "abs", "min", "max", "sum", "object",
            "reversed", "enumerate", "zip", "map", "filter", "iter", "next", "print", "round", "hash", "id", "ord", "chr");

    /** Builtins the walk can call when they are passed around as values. */
    static boolean isBuiltinCallable(String name) {
        return BUILTIN_CALLABLES.contains(name);
    }

    private static final Set<String> BUILTIN_TYPES = Set.of("list", "dict", "set", "frozenset", "tuple", "str",
            "bytes", "bytearray");

    /** Builtin types whose methods the walk models (str.upper is the method upper of a str). */
    static boolean isBuiltinType(String name) {
        return BUILTIN_TYPES.contains(name);
    }

    static boolean isBuiltinMethodName(String name) {
        return BUILTIN_METHODS.contains(name) || SCALAR_METHODS.contains(name) || SAME_LENGTH.contains(name);
    }

    void notFollowed(String what, Expr where) {
        in.limit("call of " + what + " at line " + where.pos().line() + " not followed");
    }

    static Obj arg(List<Obj> args, int i) {
        return i < args.size() ? args.get(i) : null;
    }

    Sym countOf(Obj o, String fallback) {
        if (o != null && o.count != null) return o.count;
        return Sym.var("len(" + (o != null && o.path != null ? o.path : fallback) + ")");
    }

    Obj fields(long n) {
        List<Obj> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(in.computedInt(null));
        return in.tuple(parts);
    }

    /** Parts as below, whose length is a guess about the data: limits says so, naming what (at line) was split. */
    Obj guessedParts(Sym count, long each, String what, int line) {
        guessed(what, line, each);
        return parts(count, each);
    }

    /** Says in limits that what (lines, parts of a text) at line is taken to come in pieces of each characters. */
    void guessed(String what, int line, long each) {
        in.limit(what + " at line " + line + ": each taken as " + each + " characters");
    }

    /** A list of count / each parts, each a str of that many characters. */
    Obj parts(Sym count, long each) {
        Sym n = count == null ? Sym.of(3) : Sym.add(Sym.mul(Sym.of(1.0 / each), count), Sym.of(1));
        return listOf(n, in.str(Sym.of(each)));
    }

    /** A list built by appending n items like part (what a split returns). */
    Obj listOf(Sym n, Obj part) {
        Obj list = in.make(Obj.Kind.LIST, n);
        list.layout = Obj.Layout.APPENDED;
        list.groups.add(new Obj.Group(n, part));
        list.item = part;
        return list;
    }
}
