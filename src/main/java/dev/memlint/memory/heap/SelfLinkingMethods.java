package dev.memlint.memory.heap;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first method of a class (in source order) after which the instance it ran on stays in a
 * cycle of its own: {@code _add_action} doing {@code action.container = self} and
 * {@code self._actions.append(action)}, or a method queuing its own bound method in a list self
 * holds. Only methods that hand self on (a bare {@code self} other than a receiver, or a bound
 * method of self that is not called) are analysed; a class that takes such a link apart again in
 * another method (see {@link Unlinks}) is left out.
 */
public final class SelfLinkingMethods {
    private final ModuleIndex index;
    private final HeapAnalyzer heap;
    /** What each method's assignments say of the fields it sets: a base class's methods serve every subclass. */
    private final Map<Stmt.FunctionNode, MethodFields> fieldsByMethod = new IdentityHashMap<>();

    /** The self-linking methods of one module's classes. */
    public SelfLinkingMethods(ModuleIndex index, HeapAnalyzer heap) {
        this.index = index;
        this.heap = heap;
    }

    /** A method and the cycle through self it leaves. */
    public record Link(Stmt.FunctionNode method, Cycle cycle) {}

    public Optional<Link> of(ModuleIndex.ClassInfo cls) {
        Fields fields = null;
        for (Stmt.FunctionNode m : cls.methods().values()) {
            if (NOT_ON_AN_INSTANCE.contains(m.name()) || m.args().args().isEmpty()
                    || ModuleIndex.kindOf(m) != ModuleIndex.MethodKind.INSTANCE) {
                continue;
            }
            String self = m.args().args().get(0).arg();
            FunctionNodes code = heap.scope(m).nodes();
            // The cycle runs from self, or what it holds, back to self: it needs a store into one of
            // them, and self handed on. The store is looked for first: two methods in three store
            // into nothing self reaches, and that test reads only the method's node kinds (and its
            // calls' effects, which the prefilter works out for every function anyway).
            if (!storesOnSelf(code, self) && !heap.mayStoreInto(m, self)
                    || !handsOn(code, self, name -> isPlainMethod(index.method(cls.name(), name)), index)) {
                continue;
            }
            HeapAnalyzer.Summary summary = heap.completeSummary(m).orElse(null);
            if (summary == null) {
                continue;
            }
            Site selfSite = Site.param(self, cls.name());
            if (CycleFinder.throughSelf(summary.exit(), selfSite, null, null).isEmpty()) {
                continue; // none even if every field were the instance's own: the fields need not be read
            }
            if (fields == null) {
                fields = instanceFields(cls);
            }
            Optional<Cycle> cycle = CycleFinder.throughSelf(summary.exit(), selfSite, fields.held(), fields.containers());
            if (cycle.isPresent() && !Unlinks.byAMethod(index, cls, cycle.get(), m) && !Unlinks.byAMember(index, cls, cycle.get())) {
                return Optional.of(new Link(m, cycle.get()));
            }
        }
        return Optional.empty();
    }

    /** __init__ is read on its own; the others run on the class (implicit classmethods) or before the instance exists. */
    private static final Set<String> NOT_ON_AN_INSTANCE = Set.of("__init__", "__new__", "__init_subclass__",
            "__class_getitem__");

    /**
     * Whether a method passes or stores self itself, or a bound method of self it does not call (an
     * attribute plainMethod takes for a plain method), or
     * a function of its own that names self (held in a cell), or a caught exception or the running
     * frame (its traceback holds the frame, which holds self).
     * Uses that keep no reference do not count: an attribute's receiver, an operand
     * (`self == other`, `"%s" % self`, f"{self}"), `return self`, and an argument of a builtin that
     * keeps nothing (`type(self)`, `super(C, self)`, `isinstance(self, C)`, `str(error)`): in the
     * 3.11 stdlib they are a third of the methods that name a bare self, each of which would be
     * analysed. A nested function that is only called, and an exception only read, are not handed on
     * (what the nested function's own body does with self is judged with the method's).
     */
    static boolean handsOn(FunctionNodes code, String self, java.util.function.Predicate<String> plainMethod, ModuleIndex index) {
        // Only the names asked about are looked up among the uses that keep nothing, and only
        // attributes of self among the callees: the sets hold just those, not every operand.
        Uses uses = new Uses(Set.of(self), false, index);
        List<Expr.Attribute> ofSelf = new ArrayList<>();
        boolean captured = false;
        Set<String> handedIfUsed = new HashSet<>(); // caught exceptions, and nested functions that name self
        Set<Node> sortKeys = smallIdentitySet();
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) { // any order that has parents first serves
            if (kinds[i] == FunctionNodes.CONSTANT) {
                continue;
            }
            Node n = nodes[i];
            if (uses.visit(n)) {
                if (n instanceof Expr.Attribute a && a.value() instanceof Expr.Name x && x.id().equals(self)) ofSelf.add(a);
                else if (n instanceof Expr.Call c) {
                    captured |= CycleCandidates.handsOutFrame(c); // its frame holds self
                    for (dev.memlint.ast.Keyword k : c.keywords()) {
                        if ("key".equals(k.arg())) sortKeys.add(k.value()); // sorted(..., key=lambda x: self.rank[x]) keeps no key
                    }
                }
            } else if ((n instanceof Expr.Lambda || n instanceof Stmt.FunctionNode || n instanceof Stmt.ClassDef)
                    && !sortKeys.contains(n) && code.names(i, code.end(i), self)) {
                // a nested function or class that names self, even as a receiver, holds it in a cell
                if (n instanceof Stmt.FunctionNode f && f.decoratorList().isEmpty()) handedIfUsed.add(f.name());
                else captured = true;
            } else if (n instanceof dev.memlint.ast.ExceptHandler h && h.name() != null) {
                handedIfUsed.add(h.name()); // a caught exception's traceback holds this frame, and the frame holds self
            }
        }
        if (captured || uses.handedOn()) {
            return true;
        }
        for (Expr.Attribute a : ofSelf) {
            if (!uses.called.contains(a) && plainMethod.test(a.attr())) {
                return true;
            }
        }
        if (handedIfUsed.isEmpty()) {
            return false;
        }
        Uses others = new Uses(handedIfUsed, true, index);
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
            if (kinds[i] != FunctionNodes.CONSTANT) {
                others.visit(nodes[i]);
            }
        }
        return others.handedOn(); // passed on, stored or returned
    }

    /**
     * Whether the method stores into self or an object self reaches: an attribute or item
     * assignment, or an add to a container, whatever the value (a library call's result may keep
     * what it was given: {@code self._handle = loop.call_later(delay, self._tick)}).
     */
    private static boolean storesOnSelf(FunctionNodes code, String self) {
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
            Expr target = kinds[i] != FunctionNodes.EXPR && kinds[i] != FunctionNodes.CALL ? null
                    : nodes[i] instanceof Expr.Attribute a && a.ctx() != dev.memlint.ast.Ctx.Load ? a.value()
                    : nodes[i] instanceof Expr.Subscript sub && sub.ctx() != dev.memlint.ast.Ctx.Load ? sub.value()
                    : nodes[i] instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && CallModel.isAdder(a.attr()) ? a.value()
                    : null;
            Expr.Name root = target == null ? null : CycleCandidates.root(target);
            if (root != null && root.id().equals(self)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The uses of some names in a walk: every one (loads and stores), those that keep no reference,
     * and the attributes of them that are called.
     */
    private static final class Uses {
        final Set<String> names;
        /** Whether calling a name keeps nothing of it (a nested function's); self() may keep self. */
        final boolean callKeepsNothing;
        final ModuleIndex index;
        final List<Expr.Name> all = new ArrayList<>();
        final Set<Node> keptNowhere = smallIdentitySet();
        final Set<Node> called = smallIdentitySet();

        Uses(Set<String> names, boolean callKeepsNothing, ModuleIndex index) {
            this.names = names;
            this.callKeepsNothing = callKeepsNothing;
            this.index = index;
        }

        /** Notes n's uses; false for the kinds of node it does not look into. */
        boolean visit(Node n) {
            if (n instanceof Expr.Name x) {
                if (names.contains(x.id())) all.add(x);
            } else if (n instanceof Expr.Attribute a) {
                keptNowhere(a.value());
            } else if (n instanceof Expr.Call c) {
                if (c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name x && names.contains(x.id())) {
                    called.add(a);
                }
                if (c.func() instanceof Expr.Name f && RetainsNothing.builtinCall(f.id(), index)) {
                    c.args().forEach(this::keptNowhere);
                }
                if (callKeepsNothing) keptNowhere(c.func());
            } else if (n instanceof Expr.Compare c) {
                keptNowhere(c.left());
                c.comparators().forEach(this::keptNowhere);
            } else if (n instanceof Expr.BinOp b) {
                keptNowhere(b.left());
                keptNowhere(b.right());
            } else if (n instanceof Expr.UnaryOp u) {
                keptNowhere(u.operand());
            } else if (n instanceof Expr.FormattedValue f) {
                keptNowhere(f.value());
            } else if (n instanceof Stmt.Return r && r.value() != null) {
                keptNowhere(r.value());
            } else {
                return false;
            }
            return true;
        }

        private void keptNowhere(Node n) {
            if (n instanceof Expr.Name x && names.contains(x.id())) keptNowhere.add(n);
        }

        /** Whether some use may keep a reference. */
        boolean handedOn() {
            for (Expr.Name x : all) {
                if (!keptNowhere.contains(x)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An identity set sized for the few nodes a method's walk notes: the default size (32) made a
     * 128-slot table three times for every method asked about.
     */
    private static Set<Node> smallIdentitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>(4));
    }

    private static boolean isPlainMethod(Stmt.FunctionNode f) {
        return f != null && ModuleIndex.kindOf(f) == ModuleIndex.MethodKind.INSTANCE;
    }

    /**
     * The attributes the class or its module bases assign on self in any method (held: the
     * instance's own), and those among them only ever given a new object (containers: a display,
     * a comprehension or a call), into whose items a store is believed; one given an object from
     * elsewhere ({@code self.text = editwin.text}) may be a widget whose {@code text[key] = f} keeps
     * nothing. One ever given a weak container or reference ({@code WeakSet()}), or a module global
     * ({@code self._map = socket_map}, shared by every instance), is left out of both; a queue
     * ({@code SimpleQueue()}) is left out of the containers: its consumer takes its items.
     */
    record Fields(Set<String> held, Set<String> containers) {}

    private Fields instanceFields(ModuleIndex.ClassInfo cls) {
        Set<String> held = new HashSet<>();
        Set<String> shared = new HashSet<>();
        Set<String> made = new HashSet<>();
        Set<String> given = new HashSet<>();
        for (ModuleIndex.ClassInfo c : index.lineage(cls)) {
            for (Stmt.FunctionNode m : c.methods().values()) {
                if (m.args().args().isEmpty()) {
                    continue;
                }
                MethodFields f = fieldsByMethod.get(m);
                if (f == null) {
                    f = methodFields(m);
                    fieldsByMethod.put(m, f);
                }
                held.addAll(f.held());
                shared.addAll(f.shared());
                made.addAll(f.made());
                given.addAll(f.given());
            }
        }
        held.removeAll(shared);
        made.removeAll(given);
        made.retainAll(held);
        return new Fields(held, made);
    }

    /** The fields one method assigns (held), and of those the ones it gives a shared, a new or another object. */
    private record MethodFields(Set<String> held, Set<String> shared, Set<String> made, Set<String> given) {}

    private MethodFields methodFields(Stmt.FunctionNode m) {
        MethodFields out = new MethodFields(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        String self = m.args().args().get(0).arg();
        // one walk: the method's local names (parameters, and names it binds) and its assignments
        Set<String> locals = new HashSet<>(m.args().names());
        List<Stmt> assignments = new ArrayList<>();
        FunctionNodes code = heap.scope(m).nodes();
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) { // the fields are sets: any order serves
            if (kinds[i] != FunctionNodes.NAME_BOUND && kinds[i] != FunctionNodes.OTHER) {
                continue; // only stored names and assignments are read here
            }
            Node n = nodes[i];
            if (n instanceof Expr.Name x) {
                if (x.ctx() != dev.memlint.ast.Ctx.Load) locals.add(x.id());
            } else if (n instanceof Stmt.Assign || n instanceof Stmt.AugAssign || n instanceof Stmt.AnnAssign) {
                assignments.add((Stmt) n);
            }
        }
        for (Stmt n : assignments) {
            List<Expr> targets = n instanceof Stmt.Assign a ? a.targets()
                    : n instanceof Stmt.AugAssign a ? List.of(a.target()) : List.of(((Stmt.AnnAssign) n).target());
            targets.forEach(t -> addFields(t, self, out.held()));
            if (n instanceof Stmt.Assign a) {
                Expr v = a.value();
                boolean isShared = makesWeak(v, index) || v instanceof Expr.Name g && !locals.contains(g.id());
                Set<String> into = isShared ? out.shared() : isNew(v) ? out.made() : out.given();
                a.targets().forEach(t -> addFields(t, self, into));
            }
        }
        return out;
    }

    /** A display, comprehension or call other than of a queue: a new object. None counts too (not yet made). */
    private static boolean isNew(Expr v) {
        if (v instanceof Expr.Call c) {
            String name = c.func() instanceof Expr.Name n ? n.id() : c.func() instanceof Expr.Attribute a ? a.attr() : "";
            return !name.endsWith("Queue");
        }
        return v instanceof Expr.ListExpr || v instanceof Expr.DictExpr || v instanceof Expr.SetExpr
                || v instanceof Expr.ListComp || v instanceof Expr.DictComp || v instanceof Expr.SetComp
                || v instanceof Expr.Constant k && k.value() == null;
    }

    private static boolean makesWeak(Expr value, ModuleIndex index) {
        boolean[] found = {false};
        NodeChildren.walkAll(List.of(value), n -> {
            if (n instanceof Expr.Call c && index.isWeakFactory(c.func())) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static void addFields(Expr target, String self, Set<String> out) {
        if (target instanceof Expr.Attribute a && a.value() instanceof Expr.Name n && n.id().equals(self)) {
            out.add(a.attr());
        } else if (target instanceof Expr.TupleExpr t) {
            t.elts().forEach(e -> addFields(e, self, out));
        } else if (target instanceof Expr.ListExpr l) {
            l.elts().forEach(e -> addFields(e, self, out));
        }
    }
}
