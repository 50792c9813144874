package dev.memlint.memory.size;

import dev.memlint.memory.SizeModel;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Bytes of what a set of roots keeps alive, each object once: its own bytes (all of them when the
 * call made it, only its growth otherwise), plus the objects it refers to. An object standing for a
 * group of items counts once per item. An object reached both through a group and directly (the
 * last item appended, still named) counts through the group only.
 */
final class Footprint {
    /** Bytes per item a container the call did not make gains (a list slot, a dict entry, a set slot). */
    static final long LIST_SLOT = 8, DICT_ENTRY = 36, SET_SLOT = 32;

    private final SizeModel model;
    private final ModuleIndex index;

    Footprint(SizeModel model, ModuleIndex index) {
        this.model = model;
        this.index = index;
    }

    /** Bytes the roots keep alive, leaving out (and not looking into) objects skip accepts. */
    Sym of(Collection<Obj> roots, Predicate<Obj> skip) {
        return new Walk(roots, skip).total;
    }

    /**
     * As {@link #of}, less what CPython's free lists hand out again: the list, dict, float and small
     * tuple objects a warmed-up process reuses instead of allocating (up to each free list's length).
     */
    Sym live(Collection<Obj> roots, Predicate<Obj> skip) {
        Walk w = new Walk(roots, skip);
        Sym total = w.total;
        for (var e : w.reusable.entrySet()) {
            String kind = e.getKey();
            long each = switch (kind) {
                case "list" -> model.listExact(0);
                case "dict" -> model.dictWithTable(0, false);
                case "dictkeys" -> model.dictWithTable(8, true) - model.dictWithTable(0, true);
                case "float" -> model.floatObject();
                default -> model.tuple(Long.parseLong(kind.substring(6)));
            };
            long free = model.freeList(kind.startsWith("tuple") ? "tuple" : kind);
            total = Sym.add(total, Sym.mul(Sym.of(-each), Sym.min(e.getValue(), Sym.of(free))));
        }
        return total;
    }

    /** How many containers and instances the roots keep alive: what copy.deepcopy puts in its memo. */
    Sym containers(Collection<Obj> roots) {
        return new Walk(roots, x -> false).containers;
    }

    /**
     * For the instances the roots keep alive, what copy.deepcopy adds: what each copy holds beyond the
     * instance's own bytes (see SizeModel.instanceRebuilt), and the copy of each one's __dict__ (its
     * state) that the memo keeps until the copy is done, and how many such states there are.
     */
    Sym[] instanceCopies(Collection<Obj> roots) {
        Walk w = new Walk(roots, x -> false);
        return new Sym[] {w.rebuilt, w.states, w.instances};
    }

    /** One count of what roots keep alive. */
    private final class Walk {
        final Predicate<Obj> skip;
        final Set<Obj> representatives = identitySet();
        final Set<Obj> counted = identitySet();
        final java.util.List<Obj> shared = new java.util.ArrayList<>();
        /** How many objects of each free-listed kind were counted ("list", "dict", "float", "tuple 2"). */
        final java.util.Map<String, Sym> reusable = new java.util.HashMap<>();
        Sym total = Sym.ZERO;
        Sym containers = Sym.ZERO;
        /** For copy.deepcopy: see instanceCopies. */
        Sym rebuilt = Sym.ZERO, states = Sym.ZERO, instances = Sym.ZERO;

        Walk(Collection<Obj> roots, Predicate<Obj> skip) {
            this.skip = skip;
            Set<Obj> seen = identitySet();
            for (Obj r : roots) collectRepresentatives(r, skip, seen, representatives);
            for (Obj r : roots) {
                if (r != null && !representatives.contains(r)) total = Sym.add(total, bytes(r, Long.MIN_VALUE, Sym.of(1)));
            }
            // a root that is an item only of itself or of other such roots (items.append(items)): once
            for (Obj r : roots) {
                if (r != null && representatives.contains(r)) total = Sym.add(total, bytes(r, Long.MIN_VALUE, Sym.of(1)));
            }
            // objects the items of a group share (older than the loop that made them): once each
            for (int i = 0; i < shared.size(); i++) {
                total = Sym.add(total, bytes(shared.get(i), Long.MIN_VALUE, Sym.of(1)));
            }
        }

        /**
         * Bytes of o and what it refers to, counted once. Below a group's item (floor = the stamp of
         * the loop that made the group), an object older than the loop is shared by all the items:
         * it is put aside to be counted once rather than once per item. times is how many objects
         * o stands for.
         */
        private Sym bytes(Obj o, long floor, Sym times) {
            if (o == null || skip.test(o) || counted.contains(o)) return Sym.ZERO;
            if (o.born < floor) {
                shared.add(o);
                return Sym.ZERO;
            }
            counted.add(o);
            note(o, times);
            if (o.isContainer() || o.kind == Obj.Kind.INSTANCE) containers = Sym.add(containers, times);
            ModuleIndex.ClassInfo cls = o.kind == Obj.Kind.INSTANCE && o.fresh && o.cls != null ? index.classNamed(o.cls) : null;
            if (cls != null && !hasSlots(cls)) {
                long k = o.attrs.size();
                rebuilt = Sym.add(rebuilt, Sym.mul(times, Sym.of(model.instanceRebuilt(k) - model.instance(k))));
                states = Sym.add(states, Sym.mul(times, Sym.of(model.dictInserted(k, true))));
                instances = Sym.add(instances, times);
            }
            Sym total = Sym.add(own(o), o.bulk);
            for (Obj.Group g : o.groups) {
                Obj item = g.item();
                if (item == null || skip.test(item) || counted.contains(item)) continue;
                boolean one = g.count() instanceof Sym.Const c && c.value() == 1;
                long itemFloor = one ? floor : Math.max(floor, g.stamp());
                if (item.born < itemFloor && !one) {
                    total = Sym.add(total, bytes(item, Long.MIN_VALUE, Sym.of(1)));
                    continue; // one object the group refers to many times
                }
                total = Sym.add(total, Sym.mul(g.count(), bytes(item, itemFloor, Sym.mul(times, g.count()))));
            }
            for (Obj a : o.attrs.values()) {
                if (!representatives.contains(a)) total = Sym.add(total, bytes(a, floor, times));
            }
            for (Obj x : o.sources) {
                if (!representatives.contains(x)) total = Sym.add(total, bytes(x, floor, times));
            }
            if (o.frame != null) {
                for (Obj v : o.frame.values()) {
                    if (!representatives.contains(v)) total = Sym.add(total, bytes(v, floor, times));
                }
            }
            return total;
        }

        private void note(Obj o, Sym times) {
            if (!o.fresh) return;
            String kind = switch (o.kind) {
                case LIST -> "deque".equals(o.producer) ? null : "list";
                case DICT -> "dict";
                case FLOAT -> "float";
                case TUPLE -> o.count instanceof Sym.Const c && c.value() >= 1 && c.value() < 20 && !"namedtuple".equals(o.producer)
                        ? "tuple " + (long) c.value() : null;
                default -> null;
            };
            if (kind != null) reusable.merge(kind, times, Sym::add);
            if (o.kind == Obj.Kind.DICT && o.strKeys && o.count instanceof Sym.Const c && c.value() >= 1
                    && c.value() <= SizeModel.dictUsable(8)) {
                reusable.merge("dictkeys", times, Sym::add); // the smallest str-keyed table has a free list too
            }
        }
    }

    /** Every object the roots reach, skipped ones excluded. */
    Set<Obj> reachable(Collection<Obj> roots, Predicate<Obj> skip) {
        Set<Obj> seen = identitySet();
        Deque<Obj> work = new ArrayDeque<>();
        for (Obj r : roots) {
            if (r != null && !skip.test(r) && seen.add(r)) work.push(r);
        }
        while (!work.isEmpty()) {
            Obj o = work.pop();
            forEachReferent(o, x -> {
                if (x != null && !skip.test(x) && seen.add(x)) work.push(x);
            });
        }
        return seen;
    }

    /**
     * A set of objects by identity (Obj keeps Object's equals), in insertion order: an
     * IdentityHashMap iterates by identity hash, which depends on what the process allocated
     * before, so the same file could be estimated differently beside other files.
     */
    static Set<Obj> identitySet() {
        return new java.util.LinkedHashSet<>();
    }

    private void collectRepresentatives(Obj root, Predicate<Obj> skip, Set<Obj> seen, Set<Obj> out) {
        if (root == null || skip.test(root) || !seen.add(root)) return;
        Deque<Obj> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Obj o = work.pop();
            for (Obj.Group g : o.groups) {
                if (g.item() != null) out.add(g.item());
            }
            forEachReferent(o, x -> {
                if (x != null && !skip.test(x) && seen.add(x)) work.push(x);
            });
        }
    }

    /** The objects o keeps alive. */
    static void forEachReferent(Obj o, java.util.function.Consumer<Obj> f) {
        for (Obj.Group g : o.groups) f.accept(g.item());
        for (Obj a : o.attrs.values()) f.accept(a);
        for (Obj s : o.sources) f.accept(s);
        if (o.frame != null) o.frame.values().forEach(f);
    }

    /** Its own bytes: all of them when fresh, else what it grew by. */
    Sym own(Obj o) {
        if (!o.fresh) {
            return growth(o);
        }
        Sym n = o.count;
        return switch (o.kind) {
            case STR -> n == null ? Sym.ZERO : small(n, 1) ? Sym.ZERO
                    : o.fixed instanceof Sym.Const w && w.value() <= 1
                    ? Sym.add(Sym.of(model.strSizeof(0, 'a')), n)
                    : Sym.add(Sym.of(model.strSizeof(0, 0x101) - 2), Sym.mul(o.fixed, Sym.add(n, Sym.of(1))));
            case BYTES -> n == null || small(n, 1) ? Sym.ZERO : Sym.add(Sym.of(model.bytesSizeof(0)), n);
            case BYTEARRAY -> n == null ? Sym.of(model.bytearray(0)) : Sym.add(Sym.of(model.bytearray(0) + 1), n);
            case LIST -> n == null ? Sym.of(model.listExact(0)) : switch (o.layout) {
                case EXACT -> Sym.add(Sym.of(model.listExact(0)), Sym.mul(Sym.of(LIST_SLOT), n));
                case APPENDED -> o.exactBeforeAppends > 0 && n instanceof Sym.Const c
                        ? Sym.of(model.listWithCapacity(SizeModel.listCapacityAfterAppends(o.exactBeforeAppends, (long) c.value())))
                        : new Sym.Growth(Sym.Kind.LIST_APPENDED, n);
                case SIZED -> new Sym.Growth(Sym.Kind.LIST_FROM_SIZED, n);
            };
            case TUPLE -> n == null ? Sym.ZERO : small(n, 0) ? Sym.ZERO
                    : Sym.add(Sym.of(model.tupleSizeof(0)), Sym.mul(Sym.of(model.tupleSizeof(1) - model.tupleSizeof(0)), n));
            case DICT -> o.cls == null ? new Sym.Growth(o.strKeys ? Sym.Kind.DICT_INSERTED_STR : Sym.Kind.DICT_INSERTED, keys(o))
                    : Sym.add(new Sym.Growth(o.strKeys ? Sym.Kind.DICT_INSERTED_STR : Sym.Kind.DICT_INSERTED, keys(o)), dictSubclass(o));
            case SET -> new Sym.Growth(Sym.Kind.SET_ADDED, keys(o));
            case INSTANCE -> instance(o);
            default -> o.fixed;
        };
    }

    /**
     * What an instance of a dict subclass holds beyond the dict: its larger object and, once it has an
     * attribute, its __dict__ (one size for the first few attributes: a table of the class's shared keys).
     */
    private Sym dictSubclass(Obj o) {
        boolean attributes = o.attrs.keySet().stream().anyMatch(a -> !a.startsWith("["));
        return Sym.of(model.library("dictSubclassObject") + (attributes ? model.library("dictSubclassAttributes") : 0));
    }

    static Sym keys(Obj o) {
        Sym n = o.count == null ? Sym.ZERO : o.count;
        return o.keyCap == null ? n : Containers.capped(n, o.keyCap);
    }

    private Sym instance(Obj o) {
        if (o.cls == null) return o.fixed;
        ModuleIndex.ClassInfo c = index.classNamed(o.cls);
        if (c == null) return o.fixed;
        long attributes = o.attrs.size();
        return Sym.of(hasSlots(c) ? model.slotsInstance(attributes) : model.instance(attributes));
    }

    static boolean hasSlots(ModuleIndex.ClassInfo c) {
        for (var s : c.node().body()) {
            if (s instanceof dev.memlint.ast.Stmt.Assign a && a.targets().get(0) instanceof dev.memlint.ast.Expr.Name n
                    && n.id().equals("__slots__")) {
                return true;
            }
        }
        return false;
    }

    /** A container the call was given, grown by the call: the slots or entries it gained. */
    private Sym growth(Obj o) {
        if (o.baseCount == null || o.count == null) return Sym.ZERO;
        Sym added = difference(o.count, o.baseCount);
        if (added == null) return Sym.ZERO;
        long per = switch (o.kind) {
            case LIST, UNKNOWN -> LIST_SLOT;
            case DICT -> DICT_ENTRY;
            case SET -> SET_SLOT;
            case STR, BYTES, BYTEARRAY, TEXT_BUFFER, BYTES_BUFFER -> 1;
            default -> 0;
        };
        return Sym.mul(Sym.of(per), added);
    }

    private static boolean small(Sym n, double limit) {
        return n instanceof Sym.Const c && c.value() <= limit;
    }

    /** now - before when now is before plus some terms with a positive value, else null. */
    static Sym difference(Sym now, Sym before) {
        java.util.List<Sym> terms = now instanceof Sym.Add a ? new java.util.ArrayList<>(a.terms()) : new java.util.ArrayList<>(java.util.List.of(now));
        java.util.List<Sym> remove = before instanceof Sym.Add b ? b.terms() : java.util.List.of(before);
        for (Sym r : remove) {
            if (r instanceof Sym.Const c) {
                boolean found = false;
                for (int i = 0; i < terms.size(); i++) {
                    if (terms.get(i) instanceof Sym.Const d) {
                        terms.set(i, Sym.of(d.value() - c.value()));
                        found = true;
                        break;
                    }
                }
                if (!found && c.value() != 0) return null;
            } else if (!terms.remove(r)) {
                return null;
            }
        }
        Sym out = Sym.ZERO;
        for (Sym t : terms) out = Sym.add(out, t);
        if (out instanceof Sym.Const c && c.value() <= 0) return null;
        return out;
    }
}
