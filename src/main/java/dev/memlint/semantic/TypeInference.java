package dev.memlint.semantic;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Stmt;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Light type inference: an expression's type from its shape, a name's type from every binding of
 * its symbol (all must agree), or where they do not, from the bindings that can reach the use
 * (otherwise UNKNOWN). Parameters are typed only by
 * their annotation. Augmented assignments keep the type they start from.
 */
final class TypeInference {
    private static final Set<String> STR_METHODS = Set.of("capitalize", "casefold", "center", "expandtabs",
            "format", "format_map", "join", "ljust", "lower", "lstrip", "replace", "rjust", "rstrip", "strip",
            "swapcase", "title", "translate", "upper", "zfill", "removeprefix", "removesuffix");
    private static final Set<String> BYTES_METHODS = Set.of("capitalize", "center", "expandtabs", "join", "ljust",
            "lower", "lstrip", "replace", "rjust", "rstrip", "strip", "swapcase", "title", "translate", "upper",
            "zfill", "removeprefix", "removesuffix");
    private static final Map<String, PyType> CONSTRUCTORS = Map.ofEntries(
            Map.entry("builtins.str", PyType.STR), Map.entry("builtins.bytes", PyType.BYTES),
            Map.entry("builtins.bytearray", PyType.BYTEARRAY), Map.entry("builtins.list", PyType.LIST),
            Map.entry("builtins.tuple", PyType.TUPLE), Map.entry("builtins.dict", PyType.DICT),
            Map.entry("builtins.set", PyType.SET), Map.entry("builtins.frozenset", PyType.FROZENSET),
            Map.entry("builtins.int", PyType.INT), Map.entry("builtins.float", PyType.FLOAT),
            Map.entry("builtins.complex", PyType.COMPLEX), Map.entry("builtins.bool", PyType.BOOL),
            Map.entry("builtins.range", PyType.RANGE), Map.entry("builtins.open", PyType.FILE),
            Map.entry("io.open", PyType.FILE), Map.entry("builtins.memoryview", PyType.MEMORYVIEW),
            Map.entry("builtins.sorted", PyType.LIST), Map.entry("builtins.len", PyType.INT),
            Map.entry("builtins.repr", PyType.STR), Map.entry("builtins.ascii", PyType.STR),
            Map.entry("builtins.chr", PyType.STR), Map.entry("builtins.format", PyType.STR),
            Map.entry("builtins.hex", PyType.STR), Map.entry("builtins.oct", PyType.STR),
            Map.entry("builtins.bin", PyType.STR), Map.entry("builtins.ord", PyType.INT),
            Map.entry("builtins.map", PyType.ITERATOR), Map.entry("builtins.filter", PyType.ITERATOR),
            Map.entry("builtins.zip", PyType.ITERATOR), Map.entry("builtins.enumerate", PyType.ITERATOR),
            Map.entry("builtins.reversed", PyType.ITERATOR), Map.entry("builtins.iter", PyType.ITERATOR),
            Map.entry("collections.deque", PyType.DEQUE),
            Map.entry("struct.pack", PyType.BYTES), Map.entry("zlib.compress", PyType.BYTES),
            Map.entry("zlib.decompress", PyType.BYTES), Map.entry("base64.b64encode", PyType.BYTES),
            Map.entry("base64.b64decode", PyType.BYTES), Map.entry("os.urandom", PyType.BYTES),
            Map.entry("json.dumps", PyType.STR), Map.entry("sys.stdin.read", PyType.STR),
            Map.entry("sys.stdin.readline", PyType.STR), Map.entry("sys.stdin.buffer.read", PyType.BYTES),
            Map.entry("sys.stdin.buffer.readline", PyType.BYTES));
    private static final Map<String, PyType> ANNOTATIONS = Map.ofEntries(
            Map.entry("builtins.str", PyType.STR), Map.entry("builtins.bytes", PyType.BYTES),
            Map.entry("builtins.bytearray", PyType.BYTEARRAY), Map.entry("builtins.list", PyType.LIST),
            Map.entry("typing.List", PyType.LIST), Map.entry("builtins.dict", PyType.DICT),
            Map.entry("typing.Dict", PyType.DICT), Map.entry("builtins.set", PyType.SET),
            Map.entry("typing.Set", PyType.SET), Map.entry("builtins.tuple", PyType.TUPLE),
            Map.entry("typing.Tuple", PyType.TUPLE), Map.entry("builtins.int", PyType.INT),
            Map.entry("builtins.float", PyType.FLOAT), Map.entry("collections.deque", PyType.DEQUE),
            Map.entry("typing.Deque", PyType.DEQUE));

    private final SemanticModel model;
    private final Map<Symbol, PyType> symbolTypes = new IdentityHashMap<>();
    private final Set<Symbol> inProgress = new HashSet<>();
    private final Map<Expr.Name, PyType> reachingTypes = new IdentityHashMap<>();
    private final Map<Stmt.FunctionDef, PyType> returnTypes = new IdentityHashMap<>();
    /** Beyond this many bindings of one name (generated code), the use is left UNKNOWN: each use walks them all. */
    private static final int MAX_REACHING_BINDINGS = 64;

    TypeInference(SemanticModel model) { this.model = model; }

    PyType typeOf(Expr e) {
        if (e == null) return PyType.UNKNOWN;
        if (e instanceof Expr.Constant c) return constant(c.value());
        if (e instanceof Expr.JoinedStr) return PyType.STR;
        if (e instanceof Expr.ListExpr || e instanceof Expr.ListComp) return PyType.LIST;
        if (e instanceof Expr.DictExpr || e instanceof Expr.DictComp) return PyType.DICT;
        if (e instanceof Expr.SetExpr || e instanceof Expr.SetComp) return PyType.SET;
        if (e instanceof Expr.TupleExpr) return PyType.TUPLE;
        if (e instanceof Expr.GeneratorExp) return PyType.GENERATOR;
        if (e instanceof Expr.Name n) return nameType(n);
        if (e instanceof Expr.BinOp b) return binOp(b);
        if (e instanceof Expr.IfExp i) return join(typeOf(i.body()), typeOf(i.orelse()));
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Subscript s) return subscript(s);
        if (e instanceof Expr.NamedExpr ne) return typeOf(ne.value());
        if (e instanceof Expr.Attribute a) return model.attributeType(a);
        return PyType.UNKNOWN;
    }

    PyType annotationType(Expr annotation) {
        if (annotation == null) return PyType.UNKNOWN;
        Expr base = annotation instanceof Expr.Subscript s ? s.value() : annotation;
        String q = model.qualifiedName(base);
        return q == null ? PyType.UNKNOWN : ANNOTATIONS.getOrDefault(q, PyType.UNKNOWN);
    }

    private static PyType constant(Object v) {
        if (v instanceof String) return PyType.STR;
        if (v instanceof Bytes) return PyType.BYTES;
        if (v instanceof Boolean) return PyType.BOOL;
        if (v instanceof BigInteger) return PyType.INT;
        if (v instanceof Double) return PyType.FLOAT;
        if (v instanceof Complex) return PyType.COMPLEX;
        if (v == null) return PyType.NONE;
        return PyType.UNKNOWN;
    }

    private PyType binOp(Expr.BinOp b) {
        PyType l = typeOf(b.left());
        if (b.op() == Operator.Mod && (l == PyType.STR || l == PyType.BYTES)) return l;
        PyType r = typeOf(b.right());
        if (b.op() == Operator.Add) {
            if (l == r && (l.isCopyingSequence())) return l;
            if (l == r && (l == PyType.INT || l == PyType.FLOAT)) return l;
            // One known str/bytes operand decides: anything else would raise TypeError.
            if ((l == PyType.STR || r == PyType.STR) && l != PyType.BYTES && r != PyType.BYTES) return PyType.STR;
            if ((l == PyType.BYTES || r == PyType.BYTES) && l != PyType.STR && r != PyType.STR) {
                // bytearray + bytes is a bytearray; unknown + bytes could be one too.
                return l == PyType.BYTES && r == PyType.BYTES ? PyType.BYTES
                        : (l == PyType.BYTEARRAY || r == PyType.BYTEARRAY) ? PyType.BYTEARRAY
                        : l == PyType.BYTES ? PyType.BYTES : PyType.UNKNOWN;
            }
            return PyType.UNKNOWN;
        }
        if (b.op() == Operator.Mult) {
            if (l.isCopyingSequence() && (r == PyType.INT || r == PyType.BOOL)) return l;
            if (r.isCopyingSequence() && (l == PyType.INT || l == PyType.BOOL)) return r;
        }
        return PyType.UNKNOWN;
    }

    private PyType call(Expr.Call c) {
        if (c.func() instanceof Expr.Attribute a) {
            PyType receiver = typeOf(a.value());
            String m = a.attr();
            switch (receiver) {
                case STR -> {
                    if (STR_METHODS.contains(m)) return PyType.STR;
                    if (m.equals("split") || m.equals("rsplit") || m.equals("splitlines")) return PyType.LIST;
                    if (m.equals("encode")) return PyType.BYTES;
                    if (m.equals("partition") || m.equals("rpartition")) return PyType.TUPLE;
                    if (m.equals("find") || m.equals("index") || m.equals("count")) return PyType.INT;
                }
                case BYTES, BYTEARRAY -> {
                    if (BYTES_METHODS.contains(m)) return receiver;
                    if (m.equals("decode")) return PyType.STR;
                    if (m.equals("split") || m.equals("rsplit") || m.equals("splitlines")) return PyType.LIST;
                    if (m.equals("hex")) return PyType.STR;
                }
                case LIST -> { if (m.equals("copy")) return PyType.LIST; }
                case DICT -> {
                    if (m.equals("copy")) return PyType.DICT;
                    if (m.equals("keys") || m.equals("values") || m.equals("items")) return PyType.DICT_VIEW;
                }
                case SET -> { if (m.equals("copy")) return PyType.SET; }
                case FILE -> {
                    if (m.equals("readlines")) return PyType.LIST;
                    if (m.equals("read") || m.equals("readline")) return readType(a.value());
                }
                default -> { }
            }
            String q = model.qualifiedName(a);
            return q == null ? PyType.UNKNOWN : constructor(q, c);
        }
        PyType returned = returnType(c.func());
        if (returned != null) return returned;
        String q = model.qualifiedName(c.func());
        return q == null ? PyType.UNKNOWN : constructor(q, c);
    }

    /**
     * What f.read() gives for a file opened in this function by open(path, mode): bytes for a mode
     * with "b", str for a text mode; UNKNOWN where the open call is not in sight.
     */
    private PyType readType(Expr file) {
        if (!(file instanceof Expr.Name n) || model.symbol(n) == null || model.symbol(n).bindings().size() != 1) return PyType.UNKNOWN;
        Expr opened = model.symbol(n).bindings().get(0).value();
        if (!(opened instanceof Expr.Call open) || !"builtins.open".equals(model.qualifiedName(open.func()))) return PyType.UNKNOWN;
        Expr mode = open.args().size() > 1 ? open.args().get(1) : null;
        for (dev.memlint.ast.Keyword k : open.keywords()) if ("mode".equals(k.arg())) mode = k.value();
        if (mode == null) return PyType.STR;
        return mode instanceof Expr.Constant m && m.value() instanceof String text
                ? (text.contains("b") ? PyType.BYTES : PyType.STR) : PyType.UNKNOWN;
    }

    /**
     * The type a call of one of the module's own functions returns: every return statement of its
     * body agrees on it. Null when the callee is not such a function (or returns in several types,
     * is a generator, async, decorated, or is being typed already: recursion).
     */
    private PyType returnType(Expr callee) {
        if (!(callee instanceof Expr.Name n) || model.symbol(n) == null) return null;
        Symbol sym = model.symbol(n);
        if (sym.bindings().size() != 1 || sym.bindings().get(0).kind() != Binding.Kind.FUNCTION
                || !(sym.bindings().get(0).node() instanceof Stmt.FunctionDef f) || !f.decoratorList().isEmpty()) return null;
        if (returnTypes.containsKey(f)) return returnTypes.get(f);
        returnTypes.put(f, null); // recursion: no type while typing it
        PyType result = null;
        boolean[] generator = {false};
        java.util.List<Expr> values = new java.util.ArrayList<>();
        NodeChildren.walkAll(f.body(), x -> {
            if (model.enclosingFunction(x) != f) return;
            if (x instanceof Expr.Yield || x instanceof Expr.YieldFrom) generator[0] = true;
            if (x instanceof Stmt.Return r) values.add(r.value());
        });
        if (!generator[0]) {
            for (Expr v : values) {
                PyType t = v == null ? PyType.NONE : typeOf(v);
                result = result == null ? t : join(result, t);
            }
        }
        if (result == PyType.UNKNOWN) result = null;
        returnTypes.put(f, result);
        return result;
    }

    private PyType constructor(String qualified, Expr.Call c) {
        if (qualified.equals("builtins.str") && c.args().size() > 1) return PyType.STR; // str(b, "utf-8")
        return CONSTRUCTORS.getOrDefault(qualified, PyType.UNKNOWN);
    }

    private PyType subscript(Expr.Subscript s) {
        PyType t = typeOf(s.value());
        if (s.slice() instanceof Expr.Slice) return t.isCopyingSequence() ? t : PyType.UNKNOWN;
        if (t == PyType.STR) return PyType.STR;
        if (t == PyType.BYTES || t == PyType.BYTEARRAY) return PyType.INT;
        return PyType.UNKNOWN;
    }

    private PyType nameType(Expr.Name n) {
        Symbol sym = model.symbol(n);
        PyType t = sym == null ? null : symbolType(sym);
        if (t == PyType.UNKNOWN && sym.bindings().size() > 1 && sym.scope().kind() == Scope.Kind.FUNCTION) {
            t = reachingType(sym, n);
        }
        return t == null ? PyType.UNKNOWN : t;
    }

    /**
     * The type from only the bindings that can reach this use: those before it in the source, and
     * those in a loop around both (the next iteration sees them). So {@code out = out.encode()} after
     * a loop does not hide the str that {@code out} is inside it. Branches are still joined.
     */
    private PyType reachingType(Symbol sym, Expr.Name use) {
        PyType cached = reachingTypes.get(use);
        if (cached != null) return cached;
        if (sym.bindings().size() > MAX_REACHING_BINDINGS) return null;
        PyType result = joinBindings(sym, b -> b.scope() == sym.scope() && mayReach(b, use));
        if (result != null) reachingTypes.put(use, result);
        return result;
    }

    private boolean mayReach(Binding b, Expr.Name use) {
        dev.memlint.ast.Located at = b.target() != null ? b.target() : b.node();
        if (at == null || before(at.pos(), use.pos())) return true;
        for (dev.memlint.ast.Located loop = model.enclosingLoop(use); loop != null; loop = model.enclosingLoop(loop)) {
            if (model.isWithin(at, loop)) return true;
        }
        return false;
    }

    private static boolean before(dev.memlint.ast.Pos a, dev.memlint.ast.Pos b) {
        return a.line() < b.line() || (a.line() == b.line() && a.col() <= b.col());
    }

    PyType symbolType(Symbol sym) {
        PyType cached = symbolTypes.get(sym);
        if (cached != null) return cached;
        PyType result = joinBindings(sym, b -> true);
        if (result != null) symbolTypes.put(sym, result);
        return result;
    }

    /**
     * The join of the types the chosen bindings of sym give (UNKNOWN when none gives one); null while
     * sym is being typed already: a cycle (s = s + "x"), decided by the other bindings.
     */
    private PyType joinBindings(Symbol sym, java.util.function.Predicate<Binding> chosen) {
        if (!inProgress.add(sym)) return null;
        PyType result = null;
        try {
            for (Binding b : sym.bindings()) {
                if (!chosen.test(b)) continue;
                PyType t = bindingType(b);
                if (t == null) continue;
                result = result == null ? t : join(result, t);
                if (result == PyType.UNKNOWN) break;
            }
        } finally {
            inProgress.remove(sym);
        }
        return result == null ? PyType.UNKNOWN : result;
    }

    /** The type a binding gives; null when it keeps whatever type the symbol has. */
    private PyType bindingType(Binding b) {
        return switch (b.kind()) {
            case AUG_ASSIGNMENT, DELETION -> null;
            case ASSIGNMENT, NAMED_EXPR -> {
                if (b.node() instanceof Stmt.AnnAssign a) {
                    PyType declared = annotationType(a.annotation());
                    if (declared.isKnown()) yield declared;
                }
                if (b.value() == null) yield PyType.UNKNOWN;
                // s = s + x and s = x + s keep the type s already has.
                if (isSelfConcatenation(b.value(), e -> isName(e, b)) || isSelfSlice(b.value(), e -> isName(e, b))) yield null;
                yield typeOf(b.value());
            }
            case ANNOTATION -> annotationType(((Stmt.AnnAssign) b.node()).annotation());
            case PARAMETER -> annotationType(((dev.memlint.ast.Arg) b.node()).annotation());
            case WITH_TARGET -> {
                PyType t = typeOf(b.value());
                yield t == PyType.FILE ? PyType.FILE : PyType.UNKNOWN;
            }
            default -> PyType.UNKNOWN;
        };
    }

    /**
     * Whether value is {@code t + ...}, {@code t + a + b}, {@code ... + t} or {@code t * n} for the
     * target t recognised by isTarget: an assignment that keeps t's type.
     */
    static boolean isSelfConcatenation(Expr value, java.util.function.Predicate<Expr> isTarget) {
        if (!(value instanceof Expr.BinOp op) || (op.op() != Operator.Add && op.op() != Operator.Mult)) return false;
        if (isTarget.test(op.right())) return true;
        Expr left = op.left();
        while (left instanceof Expr.BinOp l && l.op() == Operator.Add) left = l.left();
        return isTarget.test(left);
    }

    /** Whether value is {@code t[i:j]} of the target t: a slice keeps the type of what is sliced. */
    static boolean isSelfSlice(Expr value, java.util.function.Predicate<Expr> isTarget) {
        return value instanceof Expr.Subscript s && s.slice() instanceof Expr.Slice && isTarget.test(s.value());
    }

    private boolean isName(Expr e, Binding b) {
        return e instanceof Expr.Name n && b.target() instanceof Expr.Name t && n.id().equals(t.id());
    }

    private static PyType join(PyType a, PyType b) {
        if (a == null) return b;
        if (b == null) return a;
        return a == b ? a : PyType.UNKNOWN;
    }
}
