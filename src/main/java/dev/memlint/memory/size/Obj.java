package dev.memlint.memory.size;

import dev.memlint.memory.SizeModel;

/**
 * One abstract object the size estimator follows: how its own bytes depend on its item count,
 * plus the bytes of the fresh objects it owns (items it was given that nothing else holds).
 */
final class Obj {
    enum Shape { FIXED, LIST_EXACT, LIST_APPENDED, LIST_SIZED, TUPLE, DICT, DICT_STR, SET, STR, BYTES, UNKNOWN }

    /** How its own bytes follow its count; a list made exact grows by appends from its first append. */
    Shape shape;
    /** Items (or characters) it holds. */
    Sym count;
    /** Bytes of fresh objects it owns. */
    Sym owned = Sym.ZERO;
    /** For FIXED: its own bytes; for STR: bytes per character (1, 2 or 4). */
    final Sym fixed;
    /** Made by this call (not an argument, a constant or something read from elsewhere). */
    final boolean fresh;
    /** The container that owns it once stored into one, else null. */
    Obj owner;
    /** For an iterable: the object each iteration yields (null when unknown or not fresh). */
    Obj item;
    /** An int computed by the call (its bytes are one int's). */
    boolean isInt;
    /** An open file (iterating it reads ahead). */
    boolean isFile;
    /** Made by + of two sequences: a rebinding to it copies what the name held (churn), a display does not. */
    boolean concatenation;

    Obj(Shape shape, Sym count, Sym fixed, boolean fresh) {
        this.shape = shape;
        this.count = count;
        this.fixed = fixed;
        this.fresh = fresh;
    }

    static Obj fixed(long bytes) {
        return new Obj(Shape.FIXED, Sym.ZERO, Sym.of(bytes), bytes > 0);
    }

    /** This object with a count, and its own bytes given as fixed plus extra (a bytearray of n has n + 1). */
    Obj withCount(Sym count, Sym extra) {
        Obj o = new Obj(Shape.FIXED, count, Sym.add(fixed, extra), fresh);
        return o;
    }

    static Obj unknown() {
        return new Obj(Shape.UNKNOWN, null, Sym.ZERO, false);
    }

    boolean isSequence() {
        return shape == Shape.LIST_EXACT || shape == Shape.LIST_APPENDED || shape == Shape.LIST_SIZED
                || shape == Shape.TUPLE;
    }

    boolean isList() {
        return shape == Shape.LIST_EXACT || shape == Shape.LIST_APPENDED || shape == Shape.LIST_SIZED;
    }

    /** Its own bytes plus what it owns; zero when not made by this call. */
    Sym bytes(SizeModel m) {
        if (!fresh) {
            return Sym.ZERO;
        }
        return Sym.add(own(m), owned);
    }

    private Sym own(SizeModel m) {
        long slot = m.listExact(1) - m.listExact(0);
        return switch (shape) {
            case FIXED -> fixed;
            case UNKNOWN -> Sym.ZERO;
            case LIST_EXACT -> Sym.add(Sym.of(m.listExact(0)), Sym.mul(Sym.of(slot), count));
            case LIST_APPENDED -> new Sym.Growth(Sym.Kind.LIST_APPENDED, count);
            case LIST_SIZED -> new Sym.Growth(Sym.Kind.LIST_FROM_SIZED, count);
            case TUPLE -> Sym.add(Sym.of(m.tupleSizeof(0)), Sym.mul(Sym.of(m.tupleSizeof(1) - m.tupleSizeof(0)), count));
            case DICT -> new Sym.Growth(Sym.Kind.DICT_INSERTED, count);
            case DICT_STR -> new Sym.Growth(Sym.Kind.DICT_INSERTED_STR, count);
            case SET -> new Sym.Growth(Sym.Kind.SET_ADDED, count);
            case STR -> fixed instanceof Sym.Const w && w.value() == 1 && count != null
                    ? Sym.add(Sym.of(m.strSizeof(0, 'a')), count)
                    : Sym.add(Sym.of(m.strSizeof(0, 0x101) - 2), Sym.mul(fixed, Sym.add(count, Sym.of(1))));
            case BYTES -> Sym.add(Sym.of(m.bytesSizeof(0)), count);
        };
    }
}
