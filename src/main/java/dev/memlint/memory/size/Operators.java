package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Operator;
import dev.memlint.ast.UnaryOperator;

import java.math.BigInteger;

/** Binary operators on sequences, text and numbers, and the values of int expressions. */
final class Operators {
    private final Interpreter in;

    Operators(Interpreter in) {
        this.in = in;
    }

    Obj binOp(Expr.BinOp b) {
        Obj l = in.expressions.eval(b.left());
        in.temps.add(l);
        Obj r;
        try {
            r = in.expressions.eval(b.right());
        } finally {
            in.temps.remove(in.temps.size() - 1);
        }
        if (isSetLike(l) && isSetLike(r)) {
            Obj set = setAlgebra(b.op(), l, r);
            if (set != null) return set;
        }
        if (b.op() == Operator.Mult) {
            Obj seq = l != null && (l.isSequence() || l.isText()) ? l : r;
            Expr timesExpr = seq == l ? b.right() : b.left();
            Obj times = seq == l ? r : l;
            if (seq != null && seq.count != null && (seq.isSequence() || seq.isText())) {
                Sym n = scalarOf(timesExpr, times);
                if (n == null) n = remainderBound(timesExpr);
                if (n == null) n = unknownCount(timesExpr);
                Obj out = in.make(seq.kind == Obj.Kind.BYTEARRAY ? Obj.Kind.BYTEARRAY : seq.kind, Sym.mul(seq.count, n));
                out.fixed = seq.fixed;
                out.layout = Obj.Layout.EXACT;
                // the same items, each referred to n times: counted once each (older than the group), and
                // n times over by what reads the items' sizes (a join of the repeated list)
                for (Obj.Group g : seq.groups) out.groups.add(new Obj.Group(Sym.mul(g.count(), n), g.item(), in.clock));
                out.item = seq.item;
                return out;
            }
        }
        if (b.op() == Operator.Add && l != null && r != null && l.count != null && r.count != null
                && (l.kind == r.kind || l.isText() && r.isText()) && (l.isSequence() || l.isText())) {
            Obj joined = in.make(l.kind, Sym.add(l.count, r.count));
            joined.fixed = l.isText() ? maxWidth(l.fixed, r.fixed) : l.fixed;
            joined.concatenation = true;
            joined.groups.addAll(l.groups);
            joined.groups.addAll(r.groups);
            joined.item = l.item != null ? l.item : r.item;
            return joined;
        }
        if (b.op() == Operator.Add && l != null && r != null && (l.isText() && r.kind == Obj.Kind.UNKNOWN
                || r.isText() && l.kind == Obj.Kind.UNKNOWN)) {
            // text joined to a value the call was given (prefix + "." + key): that value is text too
            Obj text = l.isText() ? l : r;
            Sym other = (text == l ? r : l).count;
            Obj joined = in.make(text.kind, Sym.add(text.count == null ? Sym.of(Interpreter.ITEM_CHARS) : text.count,
                    other == null ? Sym.of(Interpreter.ITEM_CHARS) : other));
            joined.fixed = text.fixed;
            joined.concatenation = true;
            return joined;
        }
        if (b.op() == Operator.Add && l != null && r != null && (l.kind == Obj.Kind.UNKNOWN || r.kind == Obj.Kind.UNKNOWN)
                && (l.isSequence() || l.kind == Obj.Kind.UNKNOWN) && (r.isSequence() || r.kind == Obj.Kind.UNKNOWN)
                && l.count != null && r.count != null && collection(b.left(), l) && collection(b.right(), r)) {
            // two sequences given to the call (a list + a list): a new list holding the items of both
            Obj joined = in.make(Obj.Kind.LIST, Sym.add(l.count, r.count));
            joined.concatenation = true;
            Obj a = in.expressions.elementOf(l), c = in.expressions.elementOf(r);
            if (a != null) joined.groups.add(new Obj.Group(l.count, a));
            if (c != null && c != a) joined.groups.add(new Obj.Group(r.count, c));
            return joined;
        }
        if (b.op() == Operator.Mod && l != null && l.kind == Obj.Kind.STR) {
            return in.str(Sym.add(l.count == null ? Sym.of(Interpreter.ITEM_CHARS) : l.count, Sym.of(8)));
        }
        if (b.op() == Operator.Mod && r != null && scalarOf(b.right(), r) instanceof Sym.Const k && k.value() > 0
                && (isNumber(l) || l == null)) {
            Obj rest = k.value() <= in.model.smallIntMax() + 1 ? in.constantInt(null) : in.computedInt(null);
            rest.distinct = Sym.of(k.value()); // x % k takes at most k values
            return rest;
        }
        if (l != null && l.kind == Obj.Kind.FLOAT || r != null && r.kind == Obj.Kind.FLOAT || b.op() == Operator.Div) {
            return in.aFloat();
        }
        if (isNumber(l) || isNumber(r)) {
            Sym lv = scalarOf(b.left(), l), rv = scalarOf(b.right(), r);
            Sym value = null;
            if (lv != null && rv != null) {
                value = b.op() == Operator.Pow ? power(lv, rv) : arithmetic(b.op(), lv, rv);
            }
            if (value instanceof Sym.Const c && c.value() >= in.model.smallIntMin() && c.value() <= in.model.smallIntMax()) {
                return in.constantInt(value);
            }
            long[] range = range(b, lv, rv);
            if (range != null && range[0] >= in.model.smallIntMin() && range[1] <= in.model.smallIntMax()) {
                // every value it can take is a cached small int (40 + i % 10): nothing is allocated
                Obj cached = in.constantInt(value);
                cached.distinct = Sym.of(range[1] - range[0] + 1);
                return cached;
            }
            return in.computedInt(value);
        }
        return null;
    }

    /** A set, or a dict's keys or items view (which take part in set operators as sets of their items). */
    private static boolean isSetLike(Obj o) {
        return o != null && o.count != null
                && (o.kind == Obj.Kind.SET || o.kind == Obj.Kind.ITERATOR && ("keys".equals(o.producer) || "items".equals(o.producer)));
    }

    /**
     * The new set a set operator makes (new.keys() - old.keys()), holding the operands' items. Its
     * count is the most it can hold: a difference is filled from its left operand (a view's is first
     * copied whole, so its table is that large anyway), an intersection from the smaller, a union from
     * both. Null for an operator that is not one of the four.
     */
    private Obj setAlgebra(Operator op, Obj l, Obj r) {
        Sym count = switch (op) {
            case Sub -> l.count;
            case BitAnd -> Sym.min(l.count, r.count);
            case BitOr, BitXor -> Sym.add(l.count, r.count);
            default -> null;
        };
        if (count == null) return null;
        Obj out = in.make(Obj.Kind.SET, count);
        out.layout = Obj.Layout.APPENDED;
        out.countAtMost = true;
        Obj item = in.expressions.elementOf(l);
        if (item != null) out.groups.add(new Obj.Group(count, item));
        out.item = item;
        return out;
    }

    /** As below, with the operands' values where the walk knows them (self.base + sku % 17, base being 100). */
    private static long[] range(Expr.BinOp b, Sym left, Sym right) {
        long[] l = left instanceof Sym.Const c ? new long[] {(long) c.value(), (long) c.value()} : range(b.left());
        long[] r = right instanceof Sym.Const c ? new long[] {(long) c.value(), (long) c.value()} : range(b.right());
        long[] known = l == null || r == null ? null : plusOrMinus(b.op(), l, r);
        return known != null ? known : range(b);
    }

    /** The least and largest value of an int expression of literals, + and - and x % k (k > 0, so 0..k-1), or null. */
    static long[] range(Expr e) {
        if (e instanceof Expr.Constant c && c.value() instanceof BigInteger i && i.bitLength() < 32) {
            return new long[] {i.longValue(), i.longValue()};
        }
        if (!(e instanceof Expr.BinOp b)) return null;
        if (b.op() == Operator.Mod) {
            long[] k = range(b.right());
            return k != null && k[0] == k[1] && k[0] > 0 ? new long[] {0, k[0] - 1} : null;
        }
        long[] l = range(b.left()), r = range(b.right());
        return l == null || r == null ? null : plusOrMinus(b.op(), l, r);
    }

    /** The range of l + r or l - r from the operands' ranges; null for any other operator. */
    private static long[] plusOrMinus(Operator op, long[] l, long[] r) {
        if (op == Operator.Add) return new long[] {l[0] + r[0], l[1] + r[1]};
        if (op == Operator.Sub) return new long[] {l[0] - r[1], l[1] - r[0]};
        return null;
    }

    /** Whether a value the call was given is used as a collection here (len(x), for ... in x, x[i], x.method()). */
    private boolean collection(Expr e, Obj v) {
        if (v.kind != Obj.Kind.UNKNOWN) return v.isSequence();
        if (v.value == null) return true; // an item or attribute, never taken as a number
        Interpreter.Frame f = in.frame();
        return e instanceof Expr.Name n && f.function != null
                && (in.syntax.collection(f.function, n.id()) || !in.syntax.number(f.function, n.id()));
    }

    static Sym maxWidth(Sym a, Sym b) {
        if (a instanceof Sym.Const x && b instanceof Sym.Const y) return Sym.of(Math.max(x.value(), y.value()));
        return a;
    }

    static boolean isNumber(Obj o) {
        return o != null && (o.kind == Obj.Kind.INT || o.kind == Obj.Kind.BOOL || o.kind == Obj.Kind.UNKNOWN && o.value != null);
    }

    /**
     * A count the walk has no number for (a repeat, range's stop): a formula of the names it reads
     * where it is arithmetic on them (ndays + 1, RECORDSIZE - remainder), a name standing for what
     * it holds; else a symbol named after the expression.
     */
    Sym unknownCount(Expr e) {
        Sym formula = countFormula(e);
        return formula != null ? formula : Sym.var(Interpreter.text(e));
    }

    /** Null where e is not arithmetic (+, -, *, // by a constant) on constants, names and attributes. */
    private Sym countFormula(Expr e) {
        if (e instanceof Expr.Constant c) return c.value() instanceof BigInteger i ? Sym.of(i.doubleValue()) : null;
        if (e instanceof Expr.Name n) {
            // only a lookup without side effects: a local, or a global already evaluated
            Obj v = in.scopes.lookupLocal(n.id());
            if (v == null) v = in.globals.get(n.id());
            return v != null && v.value != null ? v.value : Sym.var(n.id());
        }
        if (e instanceof Expr.Attribute) return Sym.var(Interpreter.text(e));
        if (!(e instanceof Expr.BinOp b)) return null;
        Sym l = countFormula(b.left()), r = countFormula(b.right());
        return l == null || r == null ? null : arithmetic(b.op(), l, r);
    }

    /** l op r for +, -, * and // by a constant; null for any other operator. */
    private static Sym arithmetic(Operator op, Sym l, Sym r) {
        return switch (op) {
            case Add -> Sym.add(l, r);
            case Sub -> Sym.add(l, Sym.mul(Sym.of(-1), r));
            case Mult -> Sym.mul(l, r);
            case FloorDiv -> r instanceof Sym.Const c && c.value() != 0 ? Sym.mul(Sym.of(1 / c.value()), l) : null;
            default -> null;
        };
    }

    /** The most a remainder by a positive constant can be (padding = b"\0" * (-len(data) % 4): 3); null for any other expression. */
    private static Sym remainderBound(Expr e) {
        if (e instanceof Expr.BinOp b && b.op() == Operator.Mod && b.right() instanceof Expr.Constant c
                && c.value() instanceof BigInteger k && k.signum() > 0 && k.bitLength() < 32) {
            return Sym.of(k.longValue() - 1);
        }
        return null;
    }

    /** A constant power of constants (2 ** 16, 10 ** 7); null for any other. */
    private static Sym power(Sym base, Sym exponent) {
        if (!(base instanceof Sym.Const b && exponent instanceof Sym.Const x) || x.value() < 0) return null;
        double p = Math.pow(b.value(), x.value());
        return Double.isFinite(p) ? Sym.of(p) : null;
    }

    /** The value of an int expression as a formula: a parameter, len(x), a literal, a sum or product. */
    Sym scalarOf(Expr e, Obj v) {
        if (v != null && v.value != null) return v.value;
        // a module's attribute read as a number (pickle.HIGHEST_PROTOCOL + 1): a symbol of its name
        if (v != null && v.kind == Obj.Kind.MODULE && !v.fresh && v.path != null && e instanceof Expr.Attribute) return Sym.var(v.path);
        if (e instanceof Expr.Constant c && c.value() instanceof BigInteger i) return Sym.of(i.doubleValue());
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.USub && u.operand() instanceof Expr.Constant c
                && c.value() instanceof BigInteger i) {
            return Sym.of(-i.doubleValue());
        }
        return null;
    }
}
