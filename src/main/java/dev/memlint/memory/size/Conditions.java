package dev.memlint.memory.size;

import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Expr;
import dev.memlint.ast.UnaryOperator;

/** Conditions, and their truth where the walk can know it. */
final class Conditions {
    private final Interpreter in;

    Conditions(Interpreter in) {
        this.in = in;
    }

    /**
     * The share of runs on which a condition holds, where its form tells: x % k == c holds for one in k
     * consecutive ints, x % k (non-zero) for the others; null when not known.
     */
    static Double share(Expr e) {
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.Not) {
            Double s = share(u.operand());
            return s == null ? null : 1 - s;
        }
        Long k = modulus(e);
        if (k != null) return 1 - 1.0 / k;
        if (e instanceof Expr.Compare c && c.ops().size() == 1 && (c.ops().get(0) == CmpOp.Eq || c.ops().get(0) == CmpOp.NotEq)) {
            Expr other = c.comparators().get(0);
            k = modulus(c.left());
            if (k == null) {
                k = modulus(other);
                other = c.left();
            }
            if (k != null && other instanceof Expr.Constant v && v.value() instanceof java.math.BigInteger r
                    && r.signum() >= 0 && r.longValue() < k) {
                return c.ops().get(0) == CmpOp.Eq ? 1.0 / k : 1 - 1.0 / k;
            }
        }
        return null;
    }

    /** k of x % k, a constant int above 1; else null. */
    private static Long modulus(Expr e) {
        if (e instanceof Expr.BinOp b && b.op() == dev.memlint.ast.Operator.Mod && b.right() instanceof Expr.Constant k
                && k.value() instanceof java.math.BigInteger v && v.compareTo(java.math.BigInteger.ONE) > 0
                && v.bitLength() < 31) {
            return v.longValue();
        }
        return null;
    }

    /** The builtin containers isinstance can name. */
    private static final java.util.Set<String> CONTAINER_TYPES = java.util.Set.of("list", "tuple", "dict", "set", "frozenset");

    /** isinstance(item, list) on an item of nested given data, holding on share of the runs (negated: not isinstance). */
    record ContainerTest(Obj item, Sym share, boolean negated) {}

    /**
     * isinstance(x, list) (or another container type, or a tuple of them), or its negation, x an item
     * of nested given data: it holds on the share of the data's items that are containers; else null.
     */
    ContainerTest containerTest(Expr e) {
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.Not) {
            ContainerTest t = containerTest(u.operand());
            return t == null ? null : new ContainerTest(t.item(), t.share(), !t.negated());
        }
        if (!(e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("isinstance") && c.args().size() == 2
                && c.keywords().isEmpty() && namesContainers(c.args().get(1)) && in.scopes.lookupLocal("isinstance") == null)) {
            return null;
        }
        Obj x = in.expressions.eval(c.args().get(0));
        if (x == null || x.fresh || x.kind != Obj.Kind.UNKNOWN || x.path == null || !x.path.contains("[]") || x.containerShare == null) {
            return null;
        }
        return new ContainerTest(x, x.containerShare, false);
    }

    private static boolean namesContainers(Expr types) {
        if (types instanceof Expr.Name n) return CONTAINER_TYPES.contains(n.id());
        if (types instanceof Expr.TupleExpr t) return !t.elts().isEmpty() && t.elts().stream().allMatch(Conditions::namesContainers);
        return false;
    }

    /** Evaluates a condition; its truth when the walk knows it (None tests, constants, ints), else null. */
    Boolean test(Expr e) {
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.Not) {
            Boolean t = test(u.operand());
            return t == null ? null : !t;
        }
        if (e instanceof Expr.BoolOp b) {
            Boolean result = b.op() == BoolOperator.And;
            for (Expr x : b.values()) {
                Boolean t = test(x);
                if (b.op() == BoolOperator.And) {
                    if (Boolean.FALSE.equals(t)) return false;
                    if (t == null) result = null;
                } else {
                    if (Boolean.TRUE.equals(t)) return true;
                    if (t == null) result = null;
                }
            }
            return result;
        }
        if (e instanceof Expr.Compare c && c.comparators().size() == 1) {
            Obj l = in.expressions.eval(c.left());
            Obj r = in.expressions.eval(c.comparators().get(0));
            CmpOp op = c.ops().get(0);
            if ((op == CmpOp.In || op == CmpOp.NotIn) && r != null && r.kind == Obj.Kind.DICT) r.lookedUp = l;
            if (op == CmpOp.Is || op == CmpOp.IsNot) {
                if (r != null && r.kind == Obj.Kind.NONE) in.containers.tested(l); // found is None: was the key there
                Boolean same = exactType(c.left(), c.comparators().get(0));
                if (same == null && r != null && r.kind == Obj.Kind.NONE && r.carriedFrom == null && l != null && l.carriedFrom == null
                        && !l.onlyOneOfSeveral) {
                    if (l.kind == Obj.Kind.NONE) same = true;
                    else if (l.fresh) same = false;
                }
                return same == null ? null : op == CmpOp.Is ? same : !same;
            }
            Sym a = in.operators.scalarOf(c.left(), l), b = in.operators.scalarOf(c.comparators().get(0), r);
            if (a instanceof Sym.Const x && b instanceof Sym.Const y && l != null && l.carriedFrom == null && r != null
                    && r.carriedFrom == null && !l.onlyOneOfSeveral && !r.onlyOneOfSeveral) {
                double p = x.value(), q = y.value();
                return switch (op) {
                    case Eq -> p == q;
                    case NotEq -> p != q;
                    case Lt -> p < q;
                    case LtE -> p <= q;
                    case Gt -> p > q;
                    case GtE -> p >= q;
                    default -> null;
                };
            }
            return null;
        }
        Obj v = in.expressions.eval(e);
        in.containers.tested(v);
        if (v == null || v.carriedFrom != null || v.onlyOneOfSeveral) return null;
        if (v.kind == Obj.Kind.NONE) return false;
        if (e instanceof Expr.Constant || v.kind == Obj.Kind.INT || v.kind == Obj.Kind.BOOL) {
            return v.value instanceof Sym.Const c ? c.value() != 0 : null;
        }
        if (v.fresh && (v.isContainer() || v.isText()) && v.count instanceof Sym.Const c && in.loops.isEmpty() && !v.countAtMost) {
            return c.value() > 0;
        }
        if (v.fresh && (v.kind == Obj.Kind.INSTANCE && (v.cls == null || in.index.method(v.cls, "__len__") == null
                && in.index.method(v.cls, "__bool__") == null) || v.kind == Obj.Kind.FUNCTION || v.kind == Obj.Kind.CLASS)) {
            return true;
        }
        return null;
    }

    /**
     * type(x) is T for a builtin type T: known where x's kind is (an instance of a module class
     * deriving from dict is not exactly a dict); else null.
     */
    private Boolean exactType(Expr left, Expr right) {
        if (!(left instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("type") && c.args().size() == 1
                && right instanceof Expr.Name t)) {
            return null;
        }
        Obj.Kind kind = switch (t.id()) {
            case "dict" -> Obj.Kind.DICT;
            case "list" -> Obj.Kind.LIST;
            case "tuple" -> Obj.Kind.TUPLE;
            case "set" -> Obj.Kind.SET;
            case "str" -> Obj.Kind.STR;
            case "int" -> Obj.Kind.INT;
            default -> null;
        };
        if (kind == null || in.scopes.lookupLocal(t.id()) != null) return null; // a name rebound is not the builtin
        Obj x = in.expressions.eval(c.args().get(0));
        if (x == null || x.kind == Obj.Kind.UNKNOWN || x.carriedFrom != null || x.onlyOneOfSeveral) return null;
        return x.kind == kind && x.cls == null && x.producer == null;
    }
}
