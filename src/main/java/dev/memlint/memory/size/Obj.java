package dev.memlint.memory.size;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One abstract object the size estimator follows: its kind, how many items (or characters, or
 * bytes) it holds, the objects it refers to (attributes, parts, and groups of items each standing
 * for many), and whether this call made it. Its bytes are computed from what is reachable, so a
 * list copied from another shares the other's items instead of counting them again.
 * It has no equals or hashCode of its own: the walk's maps and sets of objects compare them by
 * identity, and are linked ones, so that they iterate in the order the walk put them in.
 */
final class Obj {
    enum Kind {
        INT, FLOAT, BOOL, NONE, STR, BYTES, BYTEARRAY, LIST, TUPLE, DICT, SET, INSTANCE, FUNCTION, BOUND_METHOD,
        GENERATOR, ITERATOR, FILE, TEXT_BUFFER, BYTES_BUFFER, EXCEPTION, CLASS, MODULE,
        /** Bytes of its own that follow no item count (struct.Struct, a lock, a regex, a frame). */
        OPAQUE,
        /** An argument or something read from one: made before the call. */
        UNKNOWN
    }

    /** How a list's capacity follows its length. */
    enum Layout { EXACT, APPENDED, SIZED }

    /**
     * count items like item, all held by the owner (the items a loop appended, a comprehension's
     * results). stamp is when the loop that made them began: what item refers to that is older is one
     * object shared by all of them, what is newer is made once per item.
     */
    record Group(Sym count, Obj item, long stamp) {
        Group(Sym count, Obj item) {
            this(count, item, Long.MIN_VALUE);
        }
    }

    Kind kind;
    Layout layout = Layout.EXACT;
    /** LIST made with exactly this many items before its first append made it APPENDED (0: from empty or not known). */
    long exactBeforeAppends;
    /** Items, characters or bytes; null when unknown. */
    Sym count;
    /** An int's value, when known (a parameter n, a literal, len(x)). */
    Sym value;
    /** OPAQUE, INSTANCE of a class it cannot size: its own bytes; STR: bytes per character. */
    Sym fixed = Sym.ZERO;
    /** Made by this call: its own bytes count. Otherwise only what was added to it counts. */
    final boolean fresh;
    /**
     * Order of making, to tell what a loop iteration made from what existed before it; moved back
     * for a dict's value under a key that repeats (it is there on the iterations after the first).
     */
    long born;
    /**
     * When an object dated back to its call's start (a frame object: one per call) was really
     * made: a loop that began before then did not hold it. Long.MIN_VALUE: when it was born.
     */
    long made = Long.MIN_VALUE;
    /** The value of a str literal, to tell one key from another wherever the literal is passed. */
    String literal;
    /** A str made only of the values of loop counters (f"key{i}"): those counters' names; else null. */
    Set<String> counters;
    /**
     * A piece of the text an f-string makes: a literal (text), or a field, with its length, how many
     * values it takes (null: many), the loop counters it is made of (null: not made of counters only;
     * a literal: none), and whether it formats as an int without a format spec does, as [-]digits.
     */
    record Piece(String text, Sym length, Sym distinct, Set<String> counters, boolean digits) {
        static Piece literal(String text) {
            return new Piece(text, Sym.of(text.length()), Sym.of(1), Set.of(), false);
        }
    }

    /** STR made by an f-string: its pieces in order, to split it where its literals hold the separator; else null. */
    List<Piece> pieces;
    /** Items held, by groups. */
    List<Group> groups = new ArrayList<>();
    /** Attributes (instances, classes, modules) and named parts (a bound method's "__self__"). */
    Map<String, Obj> attrs = new LinkedHashMap<>();
    /** The object iterating it yields (one standing for all); a dict's key. */
    Obj item;
    /** A dict's value. */
    Obj value2;
    /** Bytes it holds that no object here stands for (items of an unknown producer, a chain's older links). */
    Sym bulk = Sym.ZERO;
    /**
     * Given nested data (not fresh): its items at every level below it, what a recursive walk of it
     * visits in all (len(spec) + nested(spec) for a parameter); null when not known.
     */
    Sym nodes;
    /**
     * Given nested data: the share of its items, at every level, that are containers themselves
     * (containers(spec) over all of them); an item of it is one on that share of the iterations. Null: not known.
     */
    Sym containerShare;
    /** Count when the call started (not fresh): only growth beyond it counts. */
    Sym baseCount;
    /** INSTANCE, CLASS: the module class. */
    String cls;
    /** FUNCTION, BOUND_METHOD, GENERATOR: the code (a def); LAMBDA bodies go in lambda. */
    Stmt.FunctionNode function;
    Expr.Lambda lambda;
    /** GENERATOR of a generator expression. */
    Expr.GeneratorExp genexp;
    /** GENERATOR: the frame it runs in (arguments bound). */
    Map<String, Obj> frame;
    /** ITERATOR made by map/filter/zip/enumerate/iter over a source: how it produces. */
    String producer;
    List<Obj> sources = List.of();
    /** In a cycle the heap analysis found: garbage for the collector once dropped. */
    boolean cyclic;
    /** Constant keys (str, int) put into a dict: putting one again replaces. */
    java.util.Set<Object> constantKeys = new java.util.HashSet<>();
    /** At most this many different values (x % 20, a text made of such values); null when not few. */
    Sym distinct;
    /** A dict or set keyed by single characters: it holds at most this many keys. */
    Sym keyCap;
    /** A dict whose keys are all str (CPython's smaller entries). */
    boolean strKeys;
    /** Made by + of two sequences (a rebinding to it inside a loop copies what the name held). */
    boolean concatenation;
    /** Name used in symbols for it ("items", "self.children"), for unknown objects. */
    String path;
    /** A text file: its size symbol (size(f)). */
    Sym fileSize;
    /** FUNCTION: the frame whose names it reads (late-bound, as closures are). */
    Interpreter.Frame closureFrame;
    /** A frame object (OPAQUE): the call it is the frame of, whose caller and locals it reaches. */
    Interpreter.Frame frameOf;
    /** A loop's stand-in for what a carried name held before the iteration: the value it copies. */
    Obj carriedFrom;
    /**
     * One of the values it may be, taken for its size (dict.get's default where the dict may hold the
     * key): a condition on it is not known.
     */
    boolean onlyOneOfSeveral;
    /** Made by a set operator: count is the most it can hold, so whether it is empty, and its len(), are not known. */
    boolean countAtMost;
    /**
     * DICT: the key a test last looked up in it (k in d, d.get(k) is None): a store under that key
     * that follows it runs where the key was missing (found = d.get(k); if found is None: d[k] = found = New()).
     */
    Obj lookedUp;
    /** Counted as cyclic garbage already. */
    boolean garbage;
    /** DICT made by defaultdict: what makes a missing key's value. */
    Obj defaultFactory;
    /** A range's step. */
    Sym fixed2;
    /** super(): methods resolve in the base class, bound to attrs["__self__"]. */
    boolean superProxy;
    /** super() in a class with a base outside the module: a method no module class defines is that base's. */
    boolean superReachesLibrary;
    /** functools.partial: the callable; sources hold the bound arguments. */
    Obj partialOf;
    /** The weak reference to this object that every weakref.ref(o) without a callback returns (CPython reuses it). */
    Obj basicWeakref;

    Obj(Kind kind, Sym count, boolean fresh, long born) {
        this.kind = kind;
        this.count = count;
        this.fresh = fresh;
        this.born = born;
    }

    /**
     * A copy of a shared constant (its kind, size and value) that can be told what the constant
     * itself is not: that it is one of several values.
     */
    Obj constantCopy(long bornAt) {
        Obj copy = new Obj(kind, count, false, bornAt);
        copy.fixed = fixed;
        copy.value = value;
        return copy;
    }

    /** Takes what calling or resuming v runs: its code (a def, a lambda, a generator expression) and the frames it reads. */
    void runAs(Obj v) {
        function = v.function;
        lambda = v.lambda;
        genexp = v.genexp;
        frame = v.frame;
        closureFrame = v.closureFrame;
    }

    boolean isSequence() {
        return kind == Kind.LIST || kind == Kind.TUPLE;
    }

    boolean isContainer() {
        return kind == Kind.LIST || kind == Kind.TUPLE || kind == Kind.DICT || kind == Kind.SET;
    }

    boolean isText() {
        return kind == Kind.STR || kind == Kind.BYTES || kind == Kind.BYTEARRAY;
    }

    /** CPython objects the cyclic collector tracks (its allocation count drives collections). */
    boolean gcTracked() {
        return switch (kind) {
            case LIST, TUPLE, DICT, SET, INSTANCE, FUNCTION, BOUND_METHOD, GENERATOR, ITERATOR, EXCEPTION, CLASS -> true;
            default -> false;
        };
    }

    /** A copy of the mutable state, for undoing a branch walked and redoing the one kept. */
    State save() {
        return new State(kind, layout, count, value, new ArrayList<>(groups), new LinkedHashMap<>(attrs), item, value2,
                bulk, cyclic, concatenation, new java.util.HashSet<>(constantKeys), keyCap, fixed, cls, garbage);
    }

    void restore(State s) {
        kind = s.kind();
        layout = s.layout();
        count = s.count();
        value = s.value();
        groups = new ArrayList<>(s.groups());
        attrs = new LinkedHashMap<>(s.attrs());
        item = s.item();
        value2 = s.value2();
        bulk = s.bulk();
        cyclic = s.cyclic();
        concatenation = s.concatenation();
        constantKeys = new java.util.HashSet<>(s.constantKeys());
        keyCap = s.keyCap();
        fixed = s.fixed();
        cls = s.cls();
        garbage = s.garbage();
    }

    record State(Kind kind, Layout layout, Sym count, Sym value, List<Group> groups, Map<String, Obj> attrs, Obj item,
                 Obj value2, Sym bulk, boolean cyclic, boolean concatenation, java.util.Set<Object> constantKeys,
                 Sym keyCap, Sym fixed, String cls, boolean garbage) {}

    @Override
    public String toString() {
        return kind + (cls != null ? " " + cls : "") + (count != null ? "[" + count.text() + "]" : "") + (fresh ? "" : " (given)");
    }
}
