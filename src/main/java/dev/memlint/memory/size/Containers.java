package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Items and keys added to containers, per iteration of the loop that adds them. */
final class Containers {
    private final Interpreter in;

    /** What a dict's get returned, with the dict and the key: a test on it tells whether the key was there. */
    private record Lookup(Obj dict, Obj key) {}

    private final Map<Obj, Lookup> lookups = new IdentityHashMap<>();

    Containers(Interpreter in) {
        this.in = in;
    }

    /** Adds items to a container: at once when this iteration made it, else per iteration of the loop. */
    void grow(Obj container, Sym count, Obj item) {
        if (container == null) return;
        List<Obj.Group> groups = new ArrayList<>();
        if (item != null) groups.add(new Obj.Group(Sym.of(1), item));
        growBy(container, count, groups, Sym.ZERO);
    }

    void growBy(Obj container, Sym count, List<Obj.Group> groups, Sym bulk) {
        growAt(container, itemLevel(container), count, groups, bulk);
    }

    /**
     * The innermost loop on each of whose iterations o itself grows: a loop whose element o is (or
     * is part of) grows another item's on each iteration, so o grows on the iterations of the loops around it.
     */
    private Interpreter.Loop itemLevel(Obj o) {
        for (Interpreter.Loop l : in.loops) {
            if (!l.local.contains(o)) return l;
        }
        return null;
    }

    /**
     * Adds to a container in a loop level (null: the call): per iteration of that loop when the
     * container is older than its iteration, else at once.
     */
    void growAt(Obj o, Interpreter.Loop level, Sym count, List<Obj.Group> groups, Sym bulk) {
        if (o == null) return;
        if (level != null && o.born < level.stamp && !level.local.contains(o)) {
            Interpreter.Delta d = level.deltas.get(o);
            List<Obj.Group> all = new ArrayList<>(d == null ? List.of() : d.groups());
            for (Obj.Group g : groups) {
                // d[i] = i: the key and the value are one object, made once per iteration
                boolean again = o.kind == Obj.Kind.DICT && all.stream().anyMatch(x -> x.item() == g.item() && x.item() != null);
                if (!again) all.add(g);
            }
            level.deltas.put(o, new Interpreter.Delta(Sym.add(d == null ? Sym.ZERO : d.count(), count), all,
                    Sym.add(d == null ? Sym.ZERO : d.bulk(), bulk)));
            return;
        }
        in.touch(o);
        if (o.kind == Obj.Kind.LIST && o.layout != Obj.Layout.APPENDED && !Loops.isZero(count)) {
            o.exactBeforeAppends = o.layout == Obj.Layout.EXACT && o.count instanceof Sym.Const c ? (long) c.value() : 0;
            o.layout = Obj.Layout.APPENDED; // from its first append it over-allocates
        }
        if (o.count != null) {
            o.count = Sym.add(o.count, count);
            if (o.count instanceof Sym.Const c && c.value() <= 0) {
                o.count = Sym.ZERO;
                o.groups = new ArrayList<>();
            }
        }
        for (Obj.Group g : groups) addGroup(o, g);
        o.bulk = Sym.add(o.bulk, bulk);
        if (o.keyCap != null && (o.kind == Obj.Kind.DICT || o.kind == Obj.Kind.SET)) capAtDistinctKeys(o);
    }

    /**
     * The items a container holds at this point of the walk: its own, and those this iteration of each
     * loop it is older than has added so far (that loop's growth of it, scaled only when the loop
     * ends), which a loop over it in the iteration walks too (a batch filled, then flushed). Null: not known.
     */
    Sym countNow(Obj o) {
        if (o == null || o.count == null) return null;
        Sym n = o.count;
        for (Interpreter.Loop l : in.loops) {
            Interpreter.Delta d = l.deltas.get(o);
            if (d != null) n = Sym.add(n, d.count());
        }
        return n;
    }

    /** The latest item this iteration of a loop around added to a container (see countNow); null: none. */
    Obj addedNow(Obj o) {
        for (Interpreter.Loop l : in.loops) {
            Interpreter.Delta d = l.deltas.get(o);
            if (d != null && !d.groups().isEmpty()) return d.groups().get(d.groups().size() - 1).item();
        }
        return null;
    }

    /**
     * Empties a container. In a loop it is older than, what the earlier iterations added is gone as
     * well: its growth there is dropped, after a peak candidate holding what this iteration added (a
     * buffer filled, flushed and cleared on each trip holds one batch at a time, not all of them).
     */
    void clear(Obj o) {
        Set<Obj> held = null;
        Sym batch = Sym.ZERO;
        for (Interpreter.Loop l : in.loops) {
            Interpreter.Delta d = l.deltas.remove(o);
            if (d == null) continue;
            if (held == null) held = in.footprint.reachable(in.roots(), x -> false);
            for (Obj.Group g : d.groups()) {
                if (g.item() != null) batch = Sym.add(batch, Sym.mul(g.count(), in.footprint.of(List.of(g.item()), held::contains)));
            }
            batch = Sym.add(batch, Sym.add(d.bulk(), Sym.mul(Sym.of(Footprint.LIST_SLOT), d.count())));
        }
        if (held != null) in.observe(batch);
        in.touch(o);
        if (o.count != null) o.count = Sym.ZERO;
        o.groups = new ArrayList<>();
        o.bulk = Sym.ZERO;
        o.constantKeys = new java.util.HashSet<>();
    }

    /**
     * A dict or set whose keys repeat holds one entry per distinct key: its length, and the keys and
     * values it keeps, are at most that many (what len, sorted or a loop over it see, too).
     */
    private static void capAtDistinctKeys(Obj o) {
        if (o.count != null) o.count = capped(o.count, o.keyCap);
        List<Obj.Group> groups = new ArrayList<>();
        for (Obj.Group g : o.groups) groups.add(new Obj.Group(capped(g.count(), o.keyCap), g.item(), g.stamp()));
        o.groups = groups;
    }

    /** The key a Counter counts by a field of records (see addKey): one key for the walk, by its expression. */
    private record CountedField(String expr) {}

    /** A field of an object or a record: an attribute read (r.status) or an item under a literal key (r["module"]). */
    private static boolean field(Expr e) {
        return e instanceof Expr.Attribute || e instanceof Expr.Subscript s && s.slice() instanceof Expr.Constant;
    }

    /** Keys that take at most distinct values: the dict or set holds at most that many entries. */
    static void capKeys(Obj container, Sym distinct) {
        container.keyCap = container.keyCap == null ? distinct : Sym.min(container.keyCap, distinct);
    }

    /** min(n, cap), unless n is a constant or already capped by it. */
    static Sym capped(Sym n, Sym cap) {
        if (n instanceof Sym.Const || n.equals(cap)) return n;
        if (n instanceof Sym.Min m && (m.left().equals(cap) || m.right().equals(cap))) return n;
        return Sym.min(n, cap);
    }

    /**
     * Puts a key (with groups: its value, the key if new) into a dict or set. A key it holds already
     * replaces; a key made before the innermost loop is one key for all its iterations, added once
     * per iteration of the loop that made it.
     */
    void addKey(Obj container, Obj key, Expr keyExpr, List<Obj.Group> groups) {
        addKey(container, key, keyExpr, groups, true);
    }

    /** As above; when the key is there already and the value does not replace (setdefault), nothing is added. */
    void addKey(Obj container, Obj key, Expr keyExpr, List<Obj.Group> groups, boolean replaces) {
        if (container == null) return;
        Object constant = keyExpr instanceof Expr.Constant c ? c.value() : key != null ? key.literal : null;
        if (constant == null && "counter".equals(container.producer) && field(keyExpr) && (key == null || key.distinct == null)) {
            // counting by a field of records (a status, a module, a kind) is counting values that repeat:
            // the field's values are not known, so no more entries than the walk tells apart, one
            String shown = keyExpr instanceof Expr.Subscript sub ? Interpreter.text(sub.value()) + "[" + Interpreter.text(sub.slice()) + "]"
                    : Interpreter.text(keyExpr);
            constant = new CountedField(shown);
            in.limit("Counter keyed by " + shown + " at line " + keyExpr.pos().line()
                    + ": a field of the objects counted, taken to repeat (one entry); each distinct value adds one");
        }
        in.touch(container);
        if (key != null && key.kind == Obj.Kind.STR && key.count instanceof Sym.Const c && c.value() == 1) {
            container.keyCap = Sym.of(128); // keyed by characters: at most the distinct ones of the text
        }
        if (key != null && key.distinct != null && constant == null) capKeys(container, key.distinct);
        if (constant != null) {
            boolean present = container.constantKeys.contains(constant);
            container.constantKeys.add(constant);
            growAt(container, null, present ? Sym.ZERO : Sym.of(1), present && !replaces ? List.of() : groups, Sym.ZERO);
            return;
        }
        boolean present = key != null && holds(container, key);
        Interpreter.Loop level = key == null ? in.loops.peek() : key.counters != null ? levelOfCounters(key.counters) : null;
        // a key counted by a loop that has ended (f"/doc/{i}" made with the items) is another one with each item
        if (key != null && level == null) level = levelOf(key);
        growAt(container, level,
                present ? Sym.ZERO : Sym.of(1),
                present && !replaces ? List.of() : groups, Sym.ZERO);
    }

    /**
     * A dict's value stored under a key that repeats across iterations (a literal, or one of few
     * values): on the iterations after the first the key is there already and the same value comes
     * back, so the value counts as made before the loop and what is added to it grows per iteration.
     */
    void sharedUnderRepeatedKey(Obj value, Obj key, Expr keyExpr) {
        if (value == null || !value.fresh || key == null) return;
        Interpreter.Loop level = repeatedAcross(key, keyExpr);
        if (level == null || value.born < level.stamp) return;
        // the value and what it was made with (an instance's attributes) are there from the first iteration on
        for (Obj o : in.footprint.reachable(List.of(value), x -> x.born < level.stamp)) {
            if (o.fresh && o.born >= level.stamp) o.born = level.stamp - 1;
        }
    }

    /** The loop across whose iterations a key repeats (a literal, one of few values, a field of the given data); else null. */
    private Interpreter.Loop repeatedAcross(Obj key, Expr keyExpr) {
        if (in.loops.isEmpty()) return null;
        boolean literal = literalKey(key, keyExpr);
        // a field of the given data (record["kind"]) is a grouping key: grouping is for keys that repeat
        boolean given = !key.fresh && key.value == null && key.counters == null;
        return literal ? in.loops.peekLast() : Expressions.distinctOf(key) != null || given ? in.loops.peek() : null;
    }

    /** A key written as a str or other literal, or a str literal passed on: one key wherever it is used. */
    private static boolean literalKey(Obj key, Expr keyExpr) {
        return keyExpr instanceof Expr.Constant || key.literal != null;
    }

    /** Keys read from a dict by d[key] (dict.__getitem__), per dict: a store under one replaces, as the read found it. */
    private final Map<Obj, Set<Obj>> readKeys = new java.util.IdentityHashMap<>();

    /** d[key] read: the key is there (else KeyError), so a later store under it replaces its value. */
    void read(Obj dict, Obj key) {
        if (dict != null && key != null) readKeys.computeIfAbsent(dict, x -> Footprint.identitySet()).add(key);
    }

    /** found = dict.get(key). */
    void lookup(Obj dict, Obj key, Obj found) {
        if (found != null && key != null) lookups.put(found, new Lookup(dict, key));
    }

    /** A condition tests v (v is None, not v): where v is what a get returned, the test looks the key up. */
    void tested(Obj v) {
        Lookup l = v == null ? null : lookups.get(v);
        if (l != null) l.dict().lookedUp = l.key();
    }

    /**
     * A value stored in a dict under a key a test looked up there first (if k not in d, found =
     * d.get(k); if found is None): the store runs where the key was missing, so under a key that
     * repeats across iterations of a loop older than the dict's iteration the value an earlier
     * iteration stored is found on the later ones, one object, as setdefault's (a path tree's
     * directory node, a config's section). A value stored after an untested lookup (d[k] =
     * d.get(k, 0) + 1) replaces the one before.
     */
    void storedAfterLookup(Obj container, Obj key, Expr keyExpr, Obj value) {
        if (key == null || container.lookedUp != key) return;
        Interpreter.Loop level = repeatedAcross(key, keyExpr);
        if (level == null || container.born >= level.stamp || level.local.contains(container)) return;
        // under a key of few values (f"k{i % 50}") there is one such value per key, not one in all:
        // the first stands for them all (what later iterations add to it), the others are copies
        // of what one iteration made, as many as the dict's cap on its keys lets in
        Sym distinct = literalKey(key, keyExpr) ? null : Expressions.distinctOf(key);
        boolean several = distinct != null && !(distinct instanceof Sym.Const c && c.value() <= 1);
        Sym copyBytes = several && value != null && value.fresh && value.born >= level.stamp
                ? in.footprint.of(List.of(value), x -> x.born < level.stamp) : null;
        sharedUnderRepeatedKey(value, key, keyExpr);
        if (copyBytes != null) {
            Obj copy = in.make(Obj.Kind.OPAQUE, null);
            copy.fixed = copyBytes;
            growAt(container, level, Sym.ZERO, List.of(new Obj.Group(Sym.of(1), copy)), Sym.ZERO);
        }
    }

    /** The innermost loop whose iteration made o (or walks it as its element); null when o is older than all. */
    private Interpreter.Loop levelOf(Obj o) {
        for (Interpreter.Loop l : in.loops) {
            if (o.born >= l.stamp || l.local.contains(o)) return l;
        }
        return null;
    }

    /** The innermost loop whose counter is one of these: a key made of them is new on each of its iterations. */
    private Interpreter.Loop levelOfCounters(Set<String> counters) {
        for (Interpreter.Loop l : in.loops) if (l.var != null && counters.contains(l.var)) return l;
        return null;
    }

    private boolean holds(Obj container, Obj key) {
        if (container.item == key) return true;
        Set<Obj> read = readKeys.get(container);
        if (read != null && read.contains(key)) return true;
        for (Obj.Group g : container.groups) if (g.item() == key) return true;
        for (Interpreter.Loop l : in.loops) {
            Interpreter.Delta d = l.deltas.get(container);
            if (d != null) for (Obj.Group g : d.groups()) if (g.item() == key) return true;
        }
        return false;
    }

    private void addGroup(Obj o, Obj.Group g) {
        // Numbers the code holds as constants cost the call nothing and are told apart by nothing a
        // list keeps: a run of them is one group, so a function appending thousands of literals
        // (generated tables) is not walked item by item at every later step.
        int last = o.groups.size() - 1;
        if (last >= 0 && constantNumber(g.item()) && constantNumber(o.groups.get(last).item())
                && g.item().kind == o.groups.get(last).item().kind) {
            Obj.Group run = o.groups.get(last);
            o.groups.set(last, new Obj.Group(Sym.add(run.count(), g.count()), run.item(), run.stamp()));
            return;
        }
        for (int i = 0; i < o.groups.size(); i++) {
            if (o.groups.get(i).item() == g.item()) {
                o.groups.set(i, new Obj.Group(Sym.add(o.groups.get(i).count(), g.count()), g.item()));
                return;
            }
        }
        o.groups.add(g);
    }

    private static boolean constantNumber(Obj item) {
        return item != null && !item.fresh && (item.kind == Obj.Kind.INT || item.kind == Obj.Kind.FLOAT || item.kind == Obj.Kind.BOOL);
    }

    /**
     * The name under which a dict keeps the value of a constant key among its attrs (d["events"]
     * reads back what was stored there), or null for a key the walk cannot name.
     */
    static String constantEntry(Expr key) {
        return key instanceof Expr.Constant c && (c.value() instanceof String || c.value() instanceof java.math.BigInteger)
                ? "[" + Interpreter.text(key) + "]" : null;
    }

    /** Adds the items of value to a list, set or dict (extend, +=, update). */
    void extend(Obj target, Obj value, Expr valueExpr) {
        if (value != null && (value.kind == Obj.Kind.GENERATOR || value.kind == Obj.Kind.ITERATOR)) {
            in.iterables.produce(value, x -> grow(target, Sym.of(1), x), valueExpr);
            return;
        }
        Sym n = value == null || value.count == null ? Sym.var("len(" + Interpreter.text(valueExpr) + ")") : value.count;
        List<Obj.Group> groups = new ArrayList<>();
        if (value != null) groups.addAll(value.groups);
        growBy(target, n, groups, Sym.ZERO);
    }
}
