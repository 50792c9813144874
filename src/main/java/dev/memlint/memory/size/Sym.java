package dev.memlint.memory.size;

import dev.memlint.memory.SizeModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A byte count or length as a formula over symbols (parameters "n", lengths "len(a)"). Besides
 * sums, products and maxima it knows CPython's growth steps (a list built by appends, a dict or set
 * filled key by key), so that a bound formula evaluates to what the interpreter really allocates.
 */
public sealed interface Sym {
    /** Counts above this (2^32 items) are evaluated linearly rather than step by step. */
    double GROWTH_STEPS_LIMIT = 4_294_967_296.0;

    record Const(double value) implements Sym {}

    record Var(String name) implements Sym {}

    record Add(List<Sym> terms) implements Sym {}

    record Mul(Sym left, Sym right) implements Sym {}

    record Max(Sym left, Sym right) implements Sym {}

    record Min(Sym left, Sym right) implements Sym {}

    /** A quotient (an average over a loop's iterations). */
    record Div(Sym left, Sym right) implements Sym {}

    /** A CPython container's own bytes for a symbolic item count. */
    record Growth(Kind kind, Sym count) implements Sym {}

    enum Kind {
        /** list built by appends: 56 + 8·capacity. */
        LIST_APPENDED,
        /** list(sized) / sorted(): capacity rounded up to even. */
        LIST_FROM_SIZED,
        /** dict filled key by key (non-str keys). */
        DICT_INSERTED,
        /** dict filled key by key with str keys. */
        DICT_INSERTED_STR,
        /** set filled element by element. */
        SET_ADDED,
        /** bytes of the table the last resize of a dict (set) filled to count keys freed, str-keyed or not. */
        DICT_RESIZED_AWAY,
        DICT_RESIZED_AWAY_STR,
        SET_RESIZED_AWAY,
        /** the insert at which a dict (set) filled to count keys last resized. */
        DICT_LAST_RESIZE,
        SET_LAST_RESIZE,
        /** the ints 0..count-1 that are not cached (range iteration, enumerate). */
        RANGE_INTS,
        /** one int of the value count: nothing when CPython caches it (-5..256), else its object. */
        INT_OBJECT
    }

    Sym ZERO = new Const(0);

    static Sym of(double v) {
        return new Const(v);
    }

    static Sym var(String name) {
        return new Var(name);
    }

    static Sym add(Sym a, Sym b) {
        if (a instanceof Const x && x.value() == 0) return b;
        if (b instanceof Const y && y.value() == 0) return a;
        if (a instanceof Const x && b instanceof Const y) return new Const(x.value() + y.value());
        List<Sym> terms = new ArrayList<>();
        for (Sym s : List.of(a, b)) {
            if (s instanceof Add add) terms.addAll(add.terms());
            else terms.add(s);
        }
        // Like terms are combined (len(a) + 2·len(a) is 3·len(a)): a long sum stays one term per symbol.
        double constant = 0;
        Map<Sym, Double> coefficients = new LinkedHashMap<>();
        for (Sym t : terms) {
            if (t instanceof Const c) constant += c.value();
            else if (t instanceof Mul m && m.left() instanceof Const c) coefficients.merge(m.right(), c.value(), Double::sum);
            else coefficients.merge(t, 1.0, Double::sum);
        }
        List<Sym> rest = new ArrayList<>();
        coefficients.forEach((base, c) -> {
            if (c != 0) rest.add(mul(new Const(c), base));
        });
        if (constant != 0) rest.add(new Const(constant));
        if (rest.isEmpty()) return ZERO;
        return rest.size() == 1 ? rest.get(0) : new Add(List.copyOf(rest));
    }

    static Sym mul(Sym a, Sym b) {
        if (a instanceof Const x && x.value() == 0 || b instanceof Const y && y.value() == 0) return ZERO;
        if (a instanceof Const x && x.value() == 1) return b;
        if (b instanceof Const y && y.value() == 1) return a;
        if (a instanceof Const x && b instanceof Const y) return new Const(x.value() * y.value());
        if (b instanceof Const) return new Mul(b, a);
        return new Mul(a, b);
    }

    static Sym max(Sym a, Sym b) {
        if (a.equals(b)) return a;
        if (a instanceof Const x && b instanceof Const y) return new Const(Math.max(x.value(), y.value()));
        if (a instanceof Const x && x.value() == 0) return b;
        if (b instanceof Const y && y.value() == 0) return a;
        return new Max(a, b);
    }

    /** The larger of two formulas that may be negative: no side is taken as the larger unless both are known. */
    static Sym maxOfSigned(Sym a, Sym b) {
        if (a.equals(b)) return a;
        if (a instanceof Const x && b instanceof Const y) return new Const(Math.max(x.value(), y.value()));
        return new Max(a, b);
    }

    /** The smaller of two formulas (a count capped by a threshold). */
    static Sym min(Sym a, Sym b) {
        if (a.equals(b)) return a;
        if (a instanceof Const x && b instanceof Const y) return new Const(Math.min(x.value(), y.value()));
        if (a instanceof Const x && x.value() == 0 || b instanceof Const y && y.value() == 0) return ZERO;
        return new Min(a, b);
    }

    static Sym div(Sym a, Sym b) {
        if (a instanceof Const x && x.value() == 0) return ZERO;
        if (b instanceof Const y && y.value() == 1) return a;
        if (a instanceof Const x && b instanceof Const y && y.value() != 0) return new Const(x.value() / y.value());
        if (a.equals(b)) return of(1);
        return new Div(a, b);
    }

    /** This formula with the symbol name replaced by the formula value. */
    default Sym subst(String name, Sym value) {
        if (this instanceof Var v) return v.name().equals(name) ? value : this;
        if (this instanceof Const) return this;
        if (this instanceof Add a) {
            Sym out = ZERO;
            for (Sym t : a.terms()) out = add(out, t.subst(name, value));
            return out;
        }
        if (this instanceof Mul m) return mul(m.left().subst(name, value), m.right().subst(name, value));
        if (this instanceof Max m) {
            // max(0, x) stays as it is: x may be negative (ints past the cached ones: max(0, n - 257))
            Sym l = m.left().subst(name, value), r = m.right().subst(name, value);
            return l instanceof Const || r instanceof Const ? maxOfSigned(l, r) : max(l, r);
        }
        if (this instanceof Min m) return min(m.left().subst(name, value), m.right().subst(name, value));
        if (this instanceof Div d) return div(d.left().subst(name, value), d.right().subst(name, value));
        Growth g = (Growth) this;
        return new Growth(g.kind(), g.count().subst(name, value));
    }

    /** Whether the formula mentions the symbol. */
    default boolean mentions(String name) {
        if (this instanceof Var v) return v.name().equals(name);
        if (this instanceof Add a) return a.terms().stream().anyMatch(t -> t.mentions(name));
        if (this instanceof Mul m) return m.left().mentions(name) || m.right().mentions(name);
        if (this instanceof Max m) return m.left().mentions(name) || m.right().mentions(name);
        if (this instanceof Min m) return m.left().mentions(name) || m.right().mentions(name);
        if (this instanceof Div d) return d.left().mentions(name) || d.right().mentions(name);
        if (this instanceof Growth g) return g.count().mentions(name);
        return false;
    }

    /** The value with every symbol bound, or null when one is missing. */
    default Double eval(Map<String, Double> bindings, SizeModel model) {
        if (this instanceof Const c) return c.value();
        if (this instanceof Var v) return bindings.get(v.name());
        if (this instanceof Add a) {
            double sum = 0;
            for (Sym t : a.terms()) {
                Double x = t.eval(bindings, model);
                if (x == null) return null;
                sum += x;
            }
            return sum;
        }
        if (this instanceof Mul m) {
            Double l = m.left().eval(bindings, model);
            Double r = m.right().eval(bindings, model);
            return l == null || r == null ? null : l * r;
        }
        if (this instanceof Max m) {
            Double l = m.left().eval(bindings, model);
            Double r = m.right().eval(bindings, model);
            return l == null || r == null ? null : Math.max(l, r);
        }
        if (this instanceof Min m) {
            Double l = m.left().eval(bindings, model);
            Double r = m.right().eval(bindings, model);
            return l == null || r == null ? null : Math.min(l, r);
        }
        if (this instanceof Div d) {
            Double l = d.left().eval(bindings, model);
            Double r = d.right().eval(bindings, model);
            return l == null || r == null ? null : r == 0 ? 0.0 : l / r;
        }
        Growth g = (Growth) this;
        Double n = g.count().eval(bindings, model);
        if (n == null) return null;
        if (g.kind() == Kind.INT_OBJECT) {
            double v = Math.rint(n);
            if (Math.abs(v) > 1e18) return (double) model.intObject(java.math.BigInteger.TEN.pow(18));
            return (double) model.intObject(java.math.BigInteger.valueOf((long) v));
        }
        if (n > GROWTH_STEPS_LIMIT) {
            // Beyond any real size the resize steps no longer matter, and stepping through them would
            // overflow: the size is linear in the count from here on.
            return new Growth(g.kind(), new Const(GROWTH_STEPS_LIMIT)).eval(bindings, model) * (n / GROWTH_STEPS_LIMIT);
        }
        long k = Math.max(0, Math.round(n));
        return (double) switch (g.kind()) {
            case LIST_APPENDED -> model.listAppended(k);
            case LIST_FROM_SIZED -> k == 0 ? model.listExact(0) : model.listFromSized(k);
            case DICT_INSERTED -> model.dictInserted(k, false);
            case DICT_INSERTED_STR -> model.dictInserted(k, true);
            case SET_ADDED -> model.setAdded(k);
            case DICT_RESIZED_AWAY -> model.resizedAwayTable(false, k, false);
            case DICT_RESIZED_AWAY_STR -> model.resizedAwayTable(false, k, true);
            case SET_RESIZED_AWAY -> model.resizedAwayTable(true, k, false);
            case DICT_LAST_RESIZE -> model.lastResizeAt(false, k);
            case SET_LAST_RESIZE -> model.lastResizeAt(true, k);
            case RANGE_INTS -> Math.max(0, k - 257) * model.intObject(java.math.BigInteger.valueOf(1000));
            case INT_OBJECT -> 0; // evaluated above
        };
    }

    default Set<String> symbols() {
        Set<String> out = new TreeSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Sym s, Set<String> out) {
        if (s instanceof Var v) out.add(v.name());
        else if (s instanceof Add a) { for (Sym t : a.terms()) collect(t, out); }
        else if (s instanceof Mul m) { collect(m.left(), out); collect(m.right(), out); }
        else if (s instanceof Max m) { collect(m.left(), out); collect(m.right(), out); }
        else if (s instanceof Min m) { collect(m.left(), out); collect(m.right(), out); }
        else if (s instanceof Div d) { collect(d.left(), out); collect(d.right(), out); }
        else if (s instanceof Growth g) collect(g.count(), out);
    }

    /**
     * The polynomial degree in the symbols, measured: the formula is evaluated with every symbol at
     * 10^4 and at 10^5 and the ratio gives the exponent (0 for a constant).
     */
    default int degree(SizeModel model) {
        Set<String> names = symbols();
        if (names.isEmpty()) return 0;
        Double low = eval(bindAll(names, 1e4), model);
        Double high = eval(bindAll(names, 1e5), model);
        if (low == null || high == null || low <= 0) return 0;
        return (int) Math.round(Math.log10(high / low));
    }

    private static Map<String, Double> bindAll(Set<String> names, double v) {
        Map<String, Double> m = new java.util.HashMap<>();
        names.forEach(n -> m.put(n, v));
        return m;
    }

    /** Readable text: "56 + 8·n", "list(n) + 32·n", "max(a, b)". */
    default String text() {
        if (this instanceof Const c) {
            double v = c.value();
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
        }
        if (this instanceof Var v) return v.name();
        if (this instanceof Add a) {
            // constants first, as in "56 + 8·n"; a negative term reads as a subtraction
            List<Sym> ordered = new ArrayList<>();
            for (Sym t : a.terms()) if (t instanceof Const) ordered.add(t);
            for (Sym t : a.terms()) if (!(t instanceof Const)) ordered.add(t);
            StringBuilder b = new StringBuilder();
            for (Sym t : ordered) {
                Sym positive = negated(t);
                if (b.length() == 0) b.append(positive != null ? "-" + wrap(positive) : t.text());
                else b.append(positive != null ? " - " + wrap(positive) : " + " + t.text());
            }
            return b.toString();
        }
        if (this instanceof Mul m) {
            return wrap(m.left()) + "·" + wrap(m.right());
        }
        if (this instanceof Max m) return "max(" + m.left().text() + ", " + m.right().text() + ")";
        if (this instanceof Min m) return "min(" + m.left().text() + ", " + m.right().text() + ")";
        if (this instanceof Div d) return wrap(d.left()) + " / " + wrap(d.right());
        Growth g = (Growth) this;
        String name = switch (g.kind()) {
            case LIST_APPENDED -> "list_appended";
            case LIST_FROM_SIZED -> "list_sized";
            case DICT_INSERTED, DICT_INSERTED_STR -> "dict";
            case SET_ADDED -> "set";
            case DICT_RESIZED_AWAY, DICT_RESIZED_AWAY_STR -> "dict_resized_away";
            case SET_RESIZED_AWAY -> "set_resized_away";
            case DICT_LAST_RESIZE -> "dict_last_resize";
            case SET_LAST_RESIZE -> "set_last_resize";
            case RANGE_INTS -> "ints";
            case INT_OBJECT -> "int";
        };
        return name + "(" + g.count().text() + ")";
    }

    /** -t when t is a negative constant or a negative constant times something, else null. */
    private static Sym negated(Sym t) {
        if (t instanceof Const c && c.value() < 0) return new Const(-c.value());
        if (t instanceof Mul m && m.left() instanceof Const c && c.value() < 0) return mul(new Const(-c.value()), m.right());
        return null;
    }

    private static String wrap(Sym s) {
        return s instanceof Add || s instanceof Div ? "(" + s.text() + ")" : s.text();
    }

    static List<Sym> list(Sym... s) {
        List<Sym> out = new ArrayList<>();
        Collections.addAll(out, s);
        return out;
    }
}
