package dev.memlint.memory.size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paths walked from one state (if, try, match): the heaviest is kept, the changes of the others undone. */
final class Branches {
    private final Interpreter in;

    Branches(Interpreter in) {
        this.in = in;
    }

    private record LoopState(Map<Obj, Interpreter.Delta> deltas, Map<Obj, Interpreter.Delta> once, Sym garbage, Sym cap,
                             double tracked) {
        LoopState withDeltas(Map<Obj, Interpreter.Delta> deltas, Map<Obj, Interpreter.Delta> once) {
            return new LoopState(deltas, once, garbage, cap, tracked);
        }
    }

    private LoopState saveLoopState() {
        Interpreter.Loop l = in.loops.peek();
        if (l == null) return new LoopState(null, null, in.garbage, in.garbageCap, 0);
        return new LoopState(new LinkedHashMap<>(l.deltas), new LinkedHashMap<>(l.once), l.garbage, l.cap, l.tracked);
    }

    private void restoreLoopState(LoopState s) {
        Interpreter.Loop l = in.loops.peek();
        if (l == null) {
            in.garbage = s.garbage();
            in.garbageCap = s.cap();
        } else {
            l.deltas = new LinkedHashMap<>(s.deltas());
            l.once = new LinkedHashMap<>(s.once());
            l.garbage = s.garbage();
            l.cap = s.cap();
            l.tracked = s.tracked();
        }
    }

    private record Outcome(Map<String, Obj> env, Interpreter.Flow flow, Map<Obj, Obj.State> after, LoopState loop, double weight,
                           int steps, List<Obj> cyclicMade) {}

    /**
     * Walks each path from the same state and keeps the state of the one that holds most, preferring
     * paths that go on to the next statement over those that return, break or raise.
     */
    void walk(List<Runnable> paths) {
        walk(paths, false);
    }

    /**
     * As above. What the paths change in different objects is all kept; in one object, the kept
     * path's change wins. With averaged, the growth a loop iteration makes is the mean of the paths'
     * (an except clause runs on some iterations, not on all).
     */
    void walk(List<Runnable> paths, boolean averaged) {
        walk(paths, averaged ? equalShares(paths.size()) : null, null);
    }

    /** As below, the paths of a try whose body (walked before them) began where the loop's growth was splitAt. */
    void walk(List<Runnable> paths, boolean averaged, Map<Obj, Interpreter.Delta> splitAt) {
        walk(paths, averaged ? equalShares(paths.size()) : null, splitAt);
    }

    private static double[] equalShares(int paths) {
        double[] shares = new double[paths];
        java.util.Arrays.fill(shares, 1.0 / paths);
        return shares;
    }

    /**
     * As above, the growth a loop iteration makes being the paths' growth times their shares (null:
     * the kept path's). splitAt: the loop's growth where the paths part, when before this state (a
     * try's body; null: here).
     */
    void walk(List<Runnable> paths, double[] shares, Map<Obj, Interpreter.Delta> splitAt) {
        Sym[] symbolic = null;
        if (shares != null) {
            symbolic = new Sym[shares.length];
            for (int i = 0; i < shares.length; i++) symbolic[i] = Sym.of(shares[i]);
        }
        walk(paths, symbolic, splitAt);
    }

    /** As above, with shares that are formulas (the share of nested data's items that are containers). */
    void walk(List<Runnable> paths, Sym[] shares) {
        walk(paths, shares, null);
    }

    /** As above, with shares that are formulas, the paths parting where the loop's growth was splitAt. */
    void walk(List<Runnable> paths, Sym[] shares, Map<Obj, Interpreter.Delta> splitAt) {
        Interpreter.Frame f = in.frame();
        Interpreter.Log log = new Interpreter.Log(in.clock);
        in.logs.push(log);
        Map<String, Obj> env0 = new LinkedHashMap<>(f.env);
        Interpreter.Flow flow0 = f.flow;
        LoopState loop0 = saveLoopState();
        List<Outcome> outcomes = new ArrayList<>();
        int made0 = in.cyclicMade.size();
        Interpreter.Loop loop = in.loops.peek();
        long since = loop != null ? loop.stamp : f.stamp;
        try {
            for (Runnable path : paths) {
                for (var e : log.before.entrySet()) e.getKey().restore(e.getValue());
                log.touchedNow = Footprint.identitySet();
                f.env = new LinkedHashMap<>(env0);
                f.flow = flow0;
                restoreLoopState(loop0);
                int before = in.steps;
                path.run();
                int walked = in.steps - before;
                List<Obj> alive = dropCyclicTemporaries(made0, since);
                Map<Obj, Obj.State> after = new LinkedHashMap<>();
                for (Obj o : log.touchedNow) after.put(o, o.save());
                LoopState ls = saveLoopState();
                outcomes.add(new Outcome(new LinkedHashMap<>(f.env), f.flow, after, ls, branchWeight(ls), walked, alive));
            }
        } finally {
            in.logs.pop();
        }
        for (var e : log.before.entrySet()) e.getKey().restore(e.getValue());
        outcomes = breakingOnce(outcomes, splitAt == null ? loop0.deltas() : splitAt, loop != null && loop.stamp > f.stamp);
        Outcome best = null;
        for (Outcome o : outcomes) {
            boolean goesOn = o.flow() == Interpreter.Flow.NORMAL, bestGoesOn = best != null && best.flow() == Interpreter.Flow.NORMAL;
            // the heavier path; of two as heavy, the one that does more (it may link what the other leaves apart)
            if (best == null || goesOn && !bestGoesOn || goesOn == bestGoesOn && (o.weight() > best.weight()
                    || o.weight() == best.weight() && o.steps() > best.steps())) {
                best = o;
            }
        }
        for (Outcome o : outcomes) {
            if (o != best) for (var e : o.after().entrySet()) e.getKey().restore(e.getValue());
        }
        for (var e : best.after().entrySet()) e.getKey().restore(e.getValue());
        for (Interpreter.Log outer : in.logs) outer.touchedNow.addAll(log.before.keySet());
        f.env = best.env();
        f.flow = best.flow();
        in.cyclicMade.addAll(best.cyclicMade());
        LoopState after = shares != null && best.loop().deltas() != null ? mean(outcomes, shares) : withOthersGrowth(best, outcomes);
        restoreLoopState(withOthersOnce(after, outcomes, loop0));
    }

    /**
     * What the path just walked made in a cycle (since made0) and dropped is garbage on the iterations
     * it runs; the rest, still alive, is returned and taken off the list of what the walk made.
     */
    private List<Obj> dropCyclicTemporaries(int made0, long since) {
        List<Obj> made = in.cyclicMade.subList(made0, in.cyclicMade.size());
        List<Obj> alive = in.looping.dropTemporaries(List.copyOf(made), since);
        made.clear();
        return alive;
    }

    /**
     * Walks a path that does not go on to what follows here (a with block's __exit__ as an exception
     * leaves it) and undoes what it did to objects, names and the loop's growth: only what it recorded
     * while it ran stays (the state a try's handlers start from), and the cyclic garbage it left.
     */
    void aside(Runnable path) {
        Interpreter.Frame f = in.frame();
        Interpreter.Log log = new Interpreter.Log(in.clock);
        in.logs.push(log);
        Map<String, Obj> env0 = new LinkedHashMap<>(f.env);
        Interpreter.Flow flow0 = f.flow;
        LoopState loop0 = saveLoopState();
        int made0 = in.cyclicMade.size();
        Interpreter.Loop loop = in.loops.peek();
        try {
            path.run();
            dropCyclicTemporaries(made0, loop != null ? loop.stamp : f.stamp);
        } finally {
            in.logs.pop();
        }
        for (var e : log.before.entrySet()) e.getKey().restore(e.getValue());
        for (Interpreter.Log outer : in.logs) outer.touchedNow.addAll(log.before.keySet());
        f.env = env0;
        f.flow = flow0;
        LoopState now = saveLoopState();
        restoreLoopState(new LoopState(loop0.deltas(), loop0.once(), now.garbage(), now.cap(), now.tracked()));
    }

    /**
     * A path that breaks out of the loop this frame runs ends the loop: what it adds to older objects
     * beyond what the iteration added before the paths split happens once per run of the loop, not
     * on every trip (for ...: try: found.append(fetch()); break). Its growth per trip is the
     * iteration's before the split. Unchanged when every path breaks.
     */
    private List<Outcome> breakingOnce(List<Outcome> outcomes, Map<Obj, Interpreter.Delta> split, boolean ownLoop) {
        if (!ownLoop || split == null || outcomes.stream().allMatch(o -> o.flow() == Interpreter.Flow.BREAK)) return outcomes;
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.flow() != Interpreter.Flow.BREAK) {
                out.add(o);
                continue;
            }
            Map<Obj, Interpreter.Delta> once = new LinkedHashMap<>(o.loop().once());
            for (var e : o.loop().deltas().entrySet()) {
                Interpreter.Delta d = e.getValue(), base = split.get(e.getKey());
                if (d == base) continue;
                Sym count = base == null ? d.count() : Sym.add(d.count(), Sym.mul(Sym.of(-1), base.count()));
                Sym bulk = base == null ? d.bulk() : Sym.add(d.bulk(), Sym.mul(Sym.of(-1), base.bulk()));
                List<Obj.Group> groups = new ArrayList<>(d.groups());
                if (base != null) groups.removeAll(base.groups());
                Interpreter.Delta before = once.get(e.getKey());
                if (before != null) {
                    count = Sym.add(count, before.count());
                    bulk = Sym.add(bulk, before.bulk());
                    groups.addAll(0, before.groups());
                }
                once.put(e.getKey(), new Interpreter.Delta(count, groups, bulk));
            }
            out.add(new Outcome(o.env(), o.flow(), o.after(), o.loop().withDeltas(new LinkedHashMap<>(split), once),
                    o.weight(), o.steps(), o.cyclicMade()));
        }
        return out;
    }

    /** The loop state with what the other paths do once (break) added, where the kept state does not have it. */
    private LoopState withOthersOnce(LoopState kept, List<Outcome> outcomes, LoopState loop0) {
        if (kept.once() == null) return kept;
        Map<Obj, Interpreter.Delta> once = new LinkedHashMap<>(kept.once());
        for (Outcome o : outcomes) {
            for (var e : o.loop().once().entrySet()) {
                if (loop0.once().get(e.getKey()) != e.getValue()) once.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return kept.withDeltas(kept.deltas(), once);
    }

    /**
     * The kept path's loop state, plus the growth the other paths give objects it leaves alone: a path
     * that appends and returns (if failed: self.failures.append(...); return True) still grows that
     * list on the iterations it runs, though the walk goes on along the path that does not return.
     */
    private LoopState withOthersGrowth(Outcome best, List<Outcome> outcomes) {
        LoopState kept = best.loop();
        Interpreter.Loop loop = in.loops.peek();
        // only a return from a function the loop calls: a return or break in the loop's own frame ends it
        if (kept.deltas() == null || loop == null || loop.stamp > in.frame().stamp) return kept;
        Map<Obj, Interpreter.Delta> deltas = new LinkedHashMap<>(kept.deltas());
        for (Outcome o : outcomes) {
            if (o == best || o.flow() != Interpreter.Flow.RETURN) continue;
            for (var e : o.loop().deltas().entrySet()) deltas.putIfAbsent(e.getKey(), e.getValue());
        }
        return kept.withDeltas(deltas, kept.once());
    }

    /** The loop state of paths taken on shares of the iterations: each one's growth and garbage, times its share. */
    private LoopState mean(List<Outcome> outcomes, Sym[] shares) {
        Map<Obj, Interpreter.Delta> deltas = new LinkedHashMap<>();
        Sym garbageSum = Sym.ZERO;
        Sym cap = null;
        double tracked = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Sym share = shares[i];
            LoopState ls = o.loop();
            for (var e : ls.deltas().entrySet()) {
                Interpreter.Delta d = e.getValue(), sum = deltas.get(e.getKey());
                List<Obj.Group> groups = new ArrayList<>(sum == null ? List.of() : sum.groups());
                for (Obj.Group g : d.groups()) groups.add(new Obj.Group(Sym.mul(share, g.count()), g.item(), g.stamp()));
                deltas.put(e.getKey(), new Interpreter.Delta(Sym.add(sum == null ? Sym.ZERO : sum.count(), Sym.mul(share, d.count())),
                        groups, Sym.add(sum == null ? Sym.ZERO : sum.bulk(), Sym.mul(share, d.bulk()))));
            }
            garbageSum = Sym.add(garbageSum, Sym.mul(share, ls.garbage()));
            if (ls.cap() != null) cap = cap == null ? ls.cap() : Sym.max(cap, ls.cap());
            tracked = Math.max(tracked, ls.tracked());
        }
        return new LoopState(deltas, outcomes.get(0).loop().once(), garbageSum, cap, tracked);
    }

    private double branchWeight(LoopState ls) {
        if (!in.peaks) return 0; // only churn asked for: paths are told apart by what they do
        Sym total = Sym.add(in.live(), ls.garbage());
        if (ls.deltas() != null) {
            for (var e : ls.deltas().entrySet()) {
                for (Obj.Group g : e.getValue().groups()) {
                    if (g.item() != null) total = Sym.add(total, Sym.mul(g.count(), in.footprint.of(List.of(g.item()), x -> false)));
                }
                total = Sym.add(total, Sym.add(e.getValue().bulk(), Sym.mul(Sym.of(8), e.getValue().count())));
            }
        }
        Double w = in.sample(total, Interpreter.MIDDLE);
        return w == null ? 0 : w;
    }
}
