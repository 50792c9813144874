package dev.memlint.memory.size;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.CollectorMode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A loop body walked once and summed over its trips: growth, chains, churn, cyclic garbage. */
final class Loops {
    private final Interpreter in;

    Loops(Interpreter in) {
        this.in = in;
    }

    /** The worklist of the while loop about to be walked. */
    Obj worklist;
    /** The cursor the while loop about to be walked steps to its bound. */
    TripCounts.Cursor cursor;
    /** The given data the loop about to be walked iterates (its items, a dict's keys, values or items). */
    Obj over;

    /**
     * One iteration walked: what it added to objects made before the loop is multiplied by the
     * trip count, names carried from one iteration to the next that chain the objects they make
     * keep every iteration's, and the cyclic garbage it leaves piles up as the collector allows.
     */
    void loop(Sym trips, String var, Obj element, Set<String> carried, int line, Runnable iteration, String unknownNote) {
        loop(trips, var, element, element == null ? Long.MIN_VALUE : element.born, carried, line, iteration, unknownNote);
    }

    /**
     * As above, over the items of a container that a loop filled: what the element refers to that
     * was made since partsSince (when that loop began: a constructor's arguments, made before the
     * instance) is the element's own, another object on each iteration.
     */
    void loop(Sym trips, String var, Obj element, long partsSince, Set<String> carried, int line, Runnable iteration,
              String unknownNote) {
        Obj data = over;
        over = null;
        // a part of the data a recursive walk's outer loop counts every node of: walked for what one
        // iteration holds at once, its iterations already counted there
        boolean counted = data != null && countedAbove(data);
        if (counted) trips = Sym.ZERO;
        else if (trips instanceof Sym.Const c && c.value() <= 0) {
            cursor = null; // for the next loop to walk, which is not this one
            return;
        }
        Iterables.FirstItem stopped = walkLoop(trips, var, element, partsSince, carried, iteration, unknownNote, data, counted, line);
        if (stopped != null) throw stopped;
    }

    /** Whether a call of the recursion on a part of data that an outer loop walks is on the stack (see recursiveWalk). */
    private boolean countedAbove(Obj data) {
        for (Interpreter.Frame f : in.frames) {
            if (f.countedBy != null && below(data, f.countedBy.data)) return true;
        }
        return false;
    }

    /**
     * A call of fn, already on the stack, on a part of the given data that the innermost loop of fn's
     * latest call walks: a recursive walk of nested data. That loop is marked to run once per node of
     * its data, at every level (the iterations of the same loop in the deeper calls), and returned, so
     * that the call's frame says its own loops over that data are counted there; else null.
     */
    Interpreter.Loop recursiveWalk(Stmt.FunctionNode fn, Collection<Obj> args) {
        Interpreter.Frame latest = null;
        for (Interpreter.Frame f : in.frames) {
            if (f.function == fn) {
                latest = f;
                break;
            }
        }
        Interpreter.Loop l = in.loops.peek();
        if (latest == null || l == null || l.stamp < latest.stamp || l.data == null || l.data.nodes == null || l.counted) {
            return null;
        }
        for (Obj a : args) {
            if (a != null && !a.fresh && below(a, l.data)) {
                l.walksNodes = true;
                return l;
            }
        }
        return null;
    }

    /** Whether a given object is read from inside another (an item, an item's attribute, at any depth). */
    private static boolean below(Obj part, Obj data) {
        String p = part.path, d = data.path;
        return p != null && d != null && p.length() > d.length() && p.startsWith(d)
                && (p.charAt(d.length()) == '[' || p.charAt(d.length()) == '.');
    }

    /** The loop, or, when next() stopped it at its first item, that one iteration (returned to rethrow). */
    private Iterables.FirstItem walkLoop(Sym trips, String var, Obj element, long partsSince, Set<String> carried, Runnable iteration,
                               String unknownNote, Obj data, boolean counted, int line) {
        Interpreter.Frame f = in.frame();
        Interpreter.Loop outer = in.loops.peek();
        Interpreter.Loop l = new Interpreter.Loop(in.clock, var);
        l.partsSince = element == null ? Long.MIN_VALUE : Math.min(partsSince, element.born);
        l.worklist = worklist;
        worklist = null;
        l.cursor = cursor;
        cursor = null;
        l.data = data;
        l.counted = counted;
        if (element != null && !element.fresh) l.local.addAll(in.footprint.reachable(List.of(element), o -> o.fresh && o.born < in.clock));
        // a made item's own parts (made with it, not before): each iteration reaches another item's
        else if (element != null) l.local.addAll(in.footprint.reachable(List.of(element), o -> o.born < l.partsSince));
        Map<String, Obj> before = new LinkedHashMap<>(f.env);
        Map<String, Obj> placeholders = new LinkedHashMap<>();
        List<CarriedAttribute> slots = new ArrayList<>();
        for (String name : carried) {
            int dot = name.indexOf('.');
            if (dot > 0) {
                Obj owner = f.env.get(name.substring(0, dot));
                String attr = name.substring(dot + 1);
                Obj v = owner == null ? null : owner.attrs.get(attr);
                if (v != null) {
                    Obj p = placeholder(v);
                    owner.attrs.put(attr, p);
                    slots.add(new CarriedAttribute(owner, attr, p));
                }
                continue;
            }
            Obj v = f.env.get(name);
            if (v != null) {
                Obj p = placeholder(v);
                placeholders.put(name, p);
                f.env.put(name, p);
            }
        }
        in.clock++;
        in.loops.push(l);
        Iterables.FirstItem stopped = null;
        try {
            iteration.run();
        } catch (Iterables.FirstItem e) {
            stopped = e;
            trips = Sym.of(1); // next() ran one iteration, up to its yield
        } finally {
            in.loops.pop();
        }
        if (l.walksNodes && stopped == null) {
            trips = data.nodes;
            in.limit("recursive walk of " + in.pathOf(data) + " at line " + line + ": its loop taken to run once per item at every level, "
                    + trips.text());
        }
        boolean used = !l.deltas.isEmpty() || !l.once.isEmpty() || !isZero(l.garbage);
        if (!in.peaks) {
            // only churn asked for: growth and copies matter, garbage, chains and peaks do not
            scale(l, trips, var);
            churn(before, trips, l);
            for (var e : placeholders.entrySet()) {
                if (f.env.get(e.getKey()) == e.getValue()) f.env.put(e.getKey(), e.getValue().carriedFrom);
            }
            for (CarriedAttribute slot : slots) {
                if (slot.owner().attrs.get(slot.attr()) == slot.placeholder()) slot.owner().attrs.put(slot.attr(), slot.placeholder().carriedFrom);
            }
            if (used && unknownNote != null) in.limit(unknownNote);
            return stopped;
        }
        // names rebound each iteration to an object linked to the one before: a chain of all of them
        Set<Obj> chains = Footprint.identitySet();
        for (var e : placeholders.entrySet()) {
            Obj now = f.env.get(e.getKey());
            if (now == e.getValue() || now == null) {
                if (now == e.getValue()) f.env.put(e.getKey(), e.getValue().carriedFrom);
                continue;
            }
            if (chain(now, e.getValue(), l, trips, chains)) used = true;
        }
        // and attributes rebound so (self.tail.next = track; self.tail = track)
        for (CarriedAttribute slot : slots) {
            Obj p = slot.placeholder(), now = slot.owner().attrs.get(slot.attr());
            if (now == p) slot.owner().attrs.put(slot.attr(), p.carriedFrom);
            else if (now != null && chain(now, p, l, trips, chains)) used = true;
        }
        // cyclic garbage the iteration left: what it made, in a cycle, that nothing older holds
        List<Obj> keepers = new ArrayList<>();
        for (Interpreter.Frame fr : in.frames) {
            for (Obj o : fr.env.values()) if (o != null && o.born < l.stamp && !l.local.contains(o)) keepers.add(o);
        }
        keepers.addAll(in.temps);
        keepers.addAll(l.local);
        appendedItems(l, keepers);
        for (Interpreter.Loop o : in.loops) appendedItems(o, keepers);
        Set<Obj> kept = in.footprint.reachable(keepers, o -> false);
        kept.addAll(chains);
        List<Obj> dropped = new ArrayList<>();
        double tracked = l.tracked;
        for (Interpreter.Frame fr : in.frames) {
            for (Obj o : fr.env.values()) collectDropped(o, l.stamp, kept, dropped);
        }
        // and what the iteration made and dropped without naming it (a temporary in an expression)
        // (not an exception's: the handlers that drop it may run on a share of the iterations the walk cannot tell)
        Set<Obj> raised = in.lastRaised == null ? Set.of() : in.footprint.reachable(List.of(in.lastRaised), o -> false);
        for (Obj o : in.cyclicMade) if (o.born >= l.stamp && !raised.contains(o)) collectDropped(o, l.stamp, kept, dropped);
        for (Obj o : kept) if (o.fresh && o.born >= l.stamp && o.gcTracked()) tracked++;
        Sym g = l.garbage;
        if (!dropped.isEmpty()) {
            g = Sym.add(g, in.footprint.of(dropped, kept::contains));
            for (Obj o : in.footprint.reachable(dropped, kept::contains)) if (o.gcTracked()) tracked++;
            used = true;
        }
        if (used && unknownNote != null) in.limit(unknownNote);
        List<Obj> hashed = scale(l, trips, var);
        List<Obj> copies = churn(before, trips, l);
        if (var != null) {
            // the item next() stopped at is on its way to the caller: it takes the counter's value too
            if (stopped != null && stopped.item != null) in.temps.add(stopped.item);
            try {
                averageCounter(l, trips, var);
            } finally {
                if (stopped != null && stopped.item != null) in.temps.remove(in.temps.size() - 1);
            }
        }
        for (Obj now : copies) in.observe(in.footprint.own(now)); // the last copy and the one before it, together
        for (Obj table : hashed) in.observe(lastResize(table));
        // the garbage of all iterations, as the collector mode allows
        Sym allGarbage = total(g, trips, var);
        Sym cap = l.cap;
        if (in.mode == CollectorMode.ON && !isZero(g)) {
            double perIteration = Math.max(1, tracked);
            Sym own = Sym.mul(Sym.of(in.model.gcThreshold() / perIteration), maxOver(g, trips, var));
            cap = cap == null ? own : Sym.max(cap, own);
        }
        if (outer == null) {
            in.garbage = Sym.add(in.garbage, allGarbage);
            if (cap != null) in.garbageCap = in.garbageCap == null ? cap : Sym.max(in.garbageCap, cap);
        } else {
            outer.garbage = Sym.add(outer.garbage, allGarbage);
            if (cap != null) outer.cap = outer.cap == null ? cap : Sym.max(outer.cap, cap);
            Double n = in.sample(trips, Interpreter.MIDDLE);
            outer.tracked += tracked * (n == null ? 1 : n);
        }
        List<Sym> iterationPeaks = new ArrayList<>();
        for (Sym c : l.candidates) iterationPeaks.add(maxOver(c, trips, var));
        Sym perIteration = in.largest(iterationPeaks);
        Interpreter.Loop now = in.loops.peek();
        in.observeAt(now == null ? in.candidates : now.candidates, perIteration, now);
        return stopped;
    }

    /** A carried attribute (name.attr): the instance the name holds, the attribute, and its stand-in for the iteration. */
    private record CarriedAttribute(Obj owner, String attr, Obj placeholder) {}

    /** Adds the items a loop appended to older objects, on each trip and on a path that breaks: what holds them is older. */
    private static void appendedItems(Interpreter.Loop l, List<Obj> out) {
        for (Interpreter.Delta d : l.deltas.values()) for (Obj.Group g : d.groups()) out.add(g.item());
        for (Interpreter.Delta d : l.once.values()) for (Obj.Group g : d.groups()) out.add(g.item());
    }

    /** A loop's stand-in for what a carried name or attribute held before the iteration. */
    private Obj placeholder(Obj v) {
        Obj p = new Obj(v.kind, v.count, false, in.clock - 1);
        p.value = v.value;
        p.cls = v.cls;
        p.attrs = new LinkedHashMap<>(v.attrs);
        p.groups = new ArrayList<>(v.groups);
        p.item = v.item;
        p.fixed = v.fixed;
        p.path = v.path;
        p.baseCount = v.count;
        // a function, generator or iterator keeps what it runs: a call of the carried name follows it
        p.runAs(v);
        p.producer = v.producer;
        p.sources = v.sources;
        p.carriedFrom = v;
        return p;
    }

    /**
     * Whether now, made by the iteration and linked to p (what the slot held before it), chains
     * every iteration's: then the older links are added to it, as its bulk.
     */
    private boolean chain(Obj now, Obj p, Interpreter.Loop l, Sym trips, Set<Obj> chains) {
        if (!(now.fresh && now.born >= l.stamp && linked(now, p))) return false;
        Sym each = in.footprint.of(List.of(now), o -> o == p || o.born < l.stamp);
        in.touch(now);
        now.bulk = Sym.add(now.bulk, Sym.mul(Sym.add(trips, Sym.of(-1)), each));
        chains.addAll(in.footprint.reachable(List.of(now), o -> o.born < l.stamp));
        return true;
    }

    /**
     * After a counting loop: what its iterations made no longer depends on the counter. Items kept
     * take the counter's mean, an int made from it the mean of what it costs (nothing while cached);
     * what a name still holds takes the last value.
     */
    private void averageCounter(Interpreter.Loop l, Sym trips, String var) {
        Sym mean = Sym.mul(Sym.of(0.5), Sym.add(trips, Sym.of(-1))), last = Sym.add(trips, Sym.of(-1));
        Set<Obj> named = Footprint.identitySet();
        for (Interpreter.Frame f : in.frames) for (Obj o : f.env.values()) if (o != null && o.born >= l.stamp) named.add(o);
        List<Obj> groupItems = new ArrayList<>(); // standing for many: their cost is averaged over the iterations
        List<Obj> held = new ArrayList<>(in.roots());
        // what the iterations added to containers older than an enclosing loop waits in that loop's growth
        for (Interpreter.Loop outer : in.loops) {
            for (Interpreter.Delta d : outer.deltas.values()) {
                for (Obj.Group g : d.groups()) {
                    held.add(g.item());
                    groupItems.add(g.item()); // one per iteration of that loop: many
                }
            }
        }
        Set<Obj> reached = in.footprint.reachable(held, x -> false);
        for (Obj o : reached) {
            for (Obj.Group g : o.groups) if (!(g.count() instanceof Sym.Const c && c.value() == 1)) groupItems.add(g.item());
        }
        Set<Obj> items = in.footprint.reachable(groupItems, x -> x.born < l.stamp);
        for (Obj o : reached) {
            if (o.born < l.stamp) continue;
            in.touch(o);
            boolean many = items.contains(o);
            Sym at = named.contains(o) && !many ? last : mean;
            o.count = averaged(o.count, var, trips, at, many);
            o.value = o.value == null ? null : o.value.subst(var, at);
            o.fixed = averaged(o.fixed, var, trips, at, many);
            o.bulk = averaged(o.bulk, var, trips, at, many);
            List<Obj.Group> groups = new ArrayList<>();
            for (Obj.Group g : o.groups) groups.add(new Obj.Group(averaged(g.count(), var, trips, at, many), g.item(), g.stamp()));
            o.groups = groups;
        }
    }

    /** s with the counter var replaced: by its mean, or, for an int made from it, by its mean cost. */
    private Sym averaged(Sym s, String var, Sym trips, Sym at, boolean many) {
        if (s == null || !s.mentions(var)) return s;
        if (s instanceof Sym.Growth g && g.kind() == Sym.Kind.INT_OBJECT) {
            if (!many) return Sym.of(in.model.intObject(BigInteger.valueOf(1000))); // one int: at most its object
            Sym sum = total(s, trips, var);
            if (!sum.mentions(var)) return Sym.div(sum, trips);
        }
        if (s instanceof Sym.Add a) {
            Sym out = Sym.ZERO;
            for (Sym t : a.terms()) out = Sym.add(out, averaged(t, var, trips, at, many));
            return out;
        }
        return s.subst(var, at);
    }

    /**
     * Scales what one iteration added by the trip count, and adds what a path leaving by break added
     * once; returns the dicts and sets the call made that the loop filled.
     */
    private List<Obj> scale(Interpreter.Loop l, Sym trips, String var) {
        List<Obj> hashed = new ArrayList<>();
        scale(l, l.deltas, trips, var, hashed);
        scale(l, l.once, Sym.of(1), null, hashed);
        return hashed;
    }

    private void scale(Interpreter.Loop l, Map<Obj, Interpreter.Delta> deltas, Sym trips, String var, List<Obj> hashed) {
        for (var e : deltas.entrySet()) {
            Obj o = e.getKey();
            Interpreter.Delta d = e.getValue();
            if (o == l.worklist) {
                in.containers.growBy(o, d.count(), d.groups(), d.bulk()); // consumed as it grows: about one iteration's worth at a time
                continue;
            }
            Sym count = total(d.count(), trips, var);
            List<Obj.Group> groups = new ArrayList<>();
            for (Obj.Group gr : d.groups()) {
                Obj item = gr.item();
                boolean one = item != null && item.born < l.stamp && !l.local.contains(item); // the same object each time
                Sym n = total(gr.count(), trips, var);
                if (o.keyCap != null && item != null && item.distinct != null) n = Sym.min(n, o.keyCap); // keys seen again replace
                // the element the loop walks (made before it) is another item each time, made since partsSince
                long stamp = item != null && item.born < l.stamp && l.local.contains(item) ? l.partsSince : Math.max(l.stamp, gr.stamp());
                groups.add(one ? gr : new Obj.Group(n, item, stamp));
            }
            in.containers.growBy(o, count, groups, total(d.bulk(), trips, var));
            if (o.fresh && (o.kind == Obj.Kind.DICT || o.kind == Obj.Kind.SET) && !hashed.contains(o)) hashed.add(o);
        }
    }

    /**
     * What a dict or set filled one by one holds beyond its final size while it last resized: CPython
     * allocates the new table, copies into it and then frees the old one, so both are allocated at
     * the insert that resized, when the keys after it (and their items) were not there yet. The
     * items of a key are taken as the average over all keys. Probe (CPython 3.11-3.13): a dict
     * d[i] = i filled to 100 keys peaks at 6920 bytes, its final size 4688 plus about the 2200 of the
     * table it had before; to 10000 keys the peak is at the resize, 609064 bytes.
     */
    private Sym lastResize(Obj table) {
        Sym keys = Footprint.keys(table);
        if (keys instanceof Sym.Const c && c.value() <= 1) return Sym.ZERO;
        boolean set = table.kind == Obj.Kind.SET;
        Sym away = new Sym.Growth(set ? Sym.Kind.SET_RESIZED_AWAY
                : table.strKeys ? Sym.Kind.DICT_RESIZED_AWAY_STR : Sym.Kind.DICT_RESIZED_AWAY, keys);
        Sym at = new Sym.Growth(set ? Sym.Kind.SET_LAST_RESIZE : Sym.Kind.DICT_LAST_RESIZE, keys);
        Sym own = in.footprint.own(table);
        Sym items = Sym.add(in.footprint.of(List.of(table), o -> false), Sym.mul(Sym.of(-1), own));
        Sym later = Sym.add(keys, Sym.mul(Sym.of(-1), at)); // keys inserted after the last resize
        Sym perKey = Sym.div(items, Sym.max(keys, Sym.of(1)));
        return Sym.maxOfSigned(Sym.ZERO, Sym.add(away, Sym.mul(Sym.of(-1), Sym.mul(later, perKey))));
    }

    static boolean isZero(Sym s) {
        return s instanceof Sym.Const c && c.value() == 0;
    }

    /** Whether a and b refer to one another, directly or through the objects a made. */
    private boolean linked(Obj now, Obj previous) {
        if (in.footprint.reachable(List.of(now), o -> false).contains(previous)) return true;
        return in.footprint.reachable(List.of(previous), o -> false).contains(now);
    }

    /**
     * Of the objects in a cycle a path made (since stamp), those nothing alive holds become the
     * current loop's (or the call's) garbage now, while the path's state is its own; returns the others.
     */
    List<Obj> dropTemporaries(List<Obj> made, long stamp) {
        List<Obj> keepers = new ArrayList<>(in.roots());
        keepers.add(in.lastRaised);
        for (Interpreter.Frame fr : in.frames) keepers.add(fr.returned);
        for (Interpreter.Loop o : in.loops) appendedItems(o, keepers);
        keepers.removeIf(java.util.Objects::isNull);
        Set<Obj> kept = in.footprint.reachable(keepers, o -> false);
        List<Obj> alive = new ArrayList<>(), dropped = new ArrayList<>();
        for (Obj o : made) {
            if (kept.contains(o)) alive.add(o);
            else collectDropped(o, stamp, kept, dropped);
        }
        if (dropped.isEmpty()) return alive;
        Sym bytes = in.footprint.of(dropped, kept::contains);
        Interpreter.Loop l = in.loops.peek();
        if (l == null) {
            in.garbage = Sym.add(in.garbage, bytes);
        } else {
            l.garbage = Sym.add(l.garbage, bytes);
            for (Obj o : in.footprint.reachable(dropped, kept::contains)) if (o.gcTracked()) l.tracked++;
        }
        return alive;
    }

    void collectDropped(Obj o, long stamp, Set<Obj> kept, List<Obj> out) {
        if (o == null) return;
        for (Obj x : in.footprint.reachable(List.of(o), y -> y.born < stamp || kept.contains(y))) {
            if (x.cyclic && x.fresh && !x.garbage && !out.contains(x)) {
                in.touch(x);
                out.add(x);
                x.garbage = true;
            }
        }
    }

    /**
     * The sum over the iterations of what one adds: trips times it, with the loop counter at its
     * mean; an int made from the counter counts only for the iterations where it is not cached.
     */
    private Sym total(Sym perIteration, Sym trips, String var) {
        if (var == null || !perIteration.mentions(var)) return Sym.mul(trips, perIteration);
        if (perIteration instanceof Sym.Add a) {
            Sym out = Sym.ZERO;
            for (Sym t : a.terms()) out = Sym.add(out, total(t, trips, var));
            return out;
        }
        if (perIteration instanceof Sym.Mul m && m.left() instanceof Sym.Const) {
            return Sym.mul(m.left(), total(m.right(), trips, var));
        }
        if (perIteration instanceof Sym.Growth g && g.kind() == Sym.Kind.INT_OBJECT && g.count().symbols().equals(Set.of(var))) {
            // the counter's ints are cached up to 256: count the iterations whose value is past that
            long firstUncached = -1;
            for (long v = 0; v <= 4 * (in.model.smallIntMax() + 1) && firstUncached < 0; v++) {
                Double x = g.count().eval(Map.of(var, (double) v), in.model);
                if (x == null) break;
                if (x > in.model.smallIntMax() || x < in.model.smallIntMin()) firstUncached = v;
            }
            if (firstUncached >= 0) {
                Sym uncached = firstUncached == 0 ? trips
                        : trips instanceof Sym.Const t ? Sym.of(Math.max(0, t.value() - firstUncached))
                        : new Sym.Max(Sym.ZERO, Sym.add(trips, Sym.of(-firstUncached)));
                return Sym.mul(Sym.of(in.model.intObject(BigInteger.valueOf(1000))), uncached);
            }
        }
        return Sym.mul(trips, perIteration.subst(var, Sym.mul(Sym.of(0.5), Sym.add(trips, Sym.of(-1)))));
    }

    /** What one iteration holds at most: the loop counter at its last value. */
    private static Sym maxOver(Sym perIteration, Sym trips, String var) {
        if (var != null && perIteration.mentions(var)) return perIteration.subst(var, Sym.add(trips, Sym.of(-1)));
        return perIteration;
    }

    /** Names rebound to a longer copy of what they held: quadratic churn, and the final size. */
    private List<Obj> churn(Map<String, Obj> before, Sym trips, Interpreter.Loop l) {
        Interpreter.Frame f = in.frame();
        List<Obj> copies = new ArrayList<>();
        for (var e : before.entrySet()) {
            Obj now = f.env.get(e.getKey());
            Obj old = e.getValue();
            if (now != null && old != null && now != old && now.fresh && now.concatenation && now.count != null
                    && old.count != null && (now.isSequence() || now.kind == Obj.Kind.BYTES || now.kind == Obj.Kind.STR)) {
                Sym growth = Footprint.difference(now.count, old.count);
                if (growth == null) continue;
                in.touch(now);
                now.count = Sym.add(old.count, Sym.mul(trips, growth));
                List<Obj.Group> kept = new ArrayList<>();
                for (Obj.Group g : now.groups) {
                    boolean old1 = old.groups.contains(g);
                    kept.add(old1 || g.item() != null && g.item().born < l.stamp ? g
                            : new Obj.Group(total(g.count(), trips, l.var), g.item(), l.stamp)); // what each copy added
                }
                now.groups = kept;
                if (now.kind != Obj.Kind.STR && in.frames.size() == 1) {
                    in.quadratic = true;
                    in.churnSymbol = trips.symbols().isEmpty() ? null : String.join(", ", trips.symbols());
                }
                copies.add(now);
            }
        }
        return copies;
    }
}
