package dev.memlint.memory.heap;

import dev.memlint.ast.Ctx;
import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Node;
import dev.memlint.ast.NodeKinds;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.NodeChildren;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which functions are worth the heap analysis. A reference cycle among the objects a call leaves
 * behind needs a reference from an object to one made after it, and only a store makes one: an
 * attribute or item assignment, an add to a container, a caught exception kept with its frame, or
 * module code that does one of these. Without such a store every reference goes from an object to
 * older ones, which cannot close a cycle, so the analysis is skipped. A store into a local's object
 * counts only when what it stores may be linked to that local (see {@link LocalLinks}):
 * {@code out.append(Item(name))} closes no cycle, {@code parent.children.append(Node(parent))} may.
 *
 * <p>A store into a parameter or an object it reaches ({@code self.x = v},
 * {@code self.items.append(v)}) goes into an object from outside the call, or one the call hung
 * on it, which stays reachable; such a store makes a garbage cycle only if the call later cuts
 * that object loose again, which real code does not do, so it is not counted. Each function's
 * stores are summed up as the parameters they go into (or "anything"), and a call matters to its
 * caller only when it passes something other than the caller's own parameters or constants to
 * one of those. Those sums are a least fixed point over recursive calls; where a callee's syntax
 * says "anything", its own summary (made then: the caller's analysis would need it) may say which
 * parameters it really stores into. A call also matters when it passes a new object to a parameter
 * whose methods the callee calls: the analysis then specialises the callee's summary by that
 * object's class (see {@link ReceiverParams}). The instance a class call makes is younger than its
 * arguments, so what __init__ stores on it counts only when __init__ may hand self on (see
 * {@link SelfHandOff}); a property's setter or getter and a call of an instance count as the calls
 * they run.
 *
 * <p>What counts as an object follows the heap analysis: a library class's instance keeps what
 * is stored on it (see {@link LibraryObjects}), and a call of a container method that a module
 * class also defines ({@code node.add(x)}) is both a store and a call of that method.
 */
final class CycleCandidates {
    private final ModuleIndex index;
    private final Function<Stmt.FunctionNode, FunctionScope> scopes;
    /** Whether the heap analysis of a callee leaves objects it made in a cycle, returned or not. */
    private final java.util.function.Predicate<Stmt.FunctionNode> callerSeesCycle;
    /** Whether an __init__ leaves its new instance in a cycle of its own (a bound method or closure stored on it). */
    private final java.util.function.Predicate<Stmt.FunctionNode> makesSelfCycle;
    /** The parameters a function's own analysis (made when asked for), as every caller applies it, stores into; empty when unknown. */
    private final Function<Stmt.FunctionNode, Optional<Set<String>>> analysedEffect;
    /** Whether a method may leave a reference to its instance anywhere (see {@link SelfHandOff}). */
    private final java.util.function.Predicate<Stmt.FunctionNode> handsOnSelf;
    /** The parameters whose class, when a caller gives instances of a module class, specialises a function's summary. */
    private final Function<Stmt.FunctionNode, Set<String>> receiverParams;
    /** The module's methods by name: a call of x.name() may run any of them. */
    private final Map<String, List<Stmt.FunctionNode>> methodsNamed = new HashMap<>();
    /** The module's property setters by name: obj.name = v runs them. */
    private final Map<String, List<Stmt.FunctionNode>> settersNamed = new HashMap<>();
    /** The names of the module's properties, true for a cached one: reading obj.name runs the getter. */
    private final Map<String, Boolean> propertiesNamed = new HashMap<>();
    private final Map<Stmt.FunctionNode, Facts> facts = new IdentityHashMap<>();
    /** Per function, the parameters it may store into; empty Optional: it may store anywhere. */
    private final Map<Stmt.FunctionNode, Optional<Set<String>>> effects = new IdentityHashMap<>();
    private final Map<Stmt.FunctionNode, Boolean> leavesCycle = new IdentityHashMap<>();

    /**
     * What one walk of a function finds. storesIntoNew: a store whose target may be anything but
     * a parameter; storesIntoOthers: a store into a local that may hold a caller's object, of values
     * that close no cycle (see {@link LocalLinks}): for callers a store anywhere, but no reason to
     * analyse the function itself; storesIntoFresh: a store that may close a cycle, into a local that
     * only ever holds objects made right there (a display, a comprehension, list(), a class call),
     * which callers cannot see;
     * storedInto: the parameters stored into directly; params: the parameters never rebound;
     * outside: the names that can only hold objects from outside the call (those parameters, and
     * locals only ever given values the analysis knows no object for); scope: the function's, which
     * says which of its names are bound to module classes; calls: the calls of module code.
     */
    private record Facts(boolean storesIntoNew, boolean storesIntoOthers, boolean storesIntoFresh, Set<String> storedInto,
                         Set<String> params, Set<String> outside, FunctionScope scope, List<Call> calls) {}

    /** What a function that may store into anything needs to know no more of (no verdict reads its scope). */
    private static final Facts STORES_INTO_NEW = new Facts(true, true, true, Set.of(), Set.of(), Set.of(), null, List.of());

    /**
     * A call of module code: the functions it may run, and what it passes them. receiver is the
     * object bound to a method's first parameter: null for a plain function, {@link #NEW_INSTANCE}
     * for a class call.
     */
    private record Call(List<Stmt.FunctionNode> targets, Expr receiver, Expr.Call call) {}

    /** Stand-ins no parameter is named after: the instance a class call makes, and what a * or ** argument may supply. */
    private static final Expr NEW_INSTANCE = new Expr.Name("<new instance>", Ctx.Load, null);
    private static final Expr UNKNOWN_ARGUMENT = new Expr.Name("<starred argument>", Ctx.Load, null);

    CycleCandidates(ModuleIndex index, Function<Stmt.FunctionNode, FunctionScope> scopes,
                    java.util.function.Predicate<Stmt.FunctionNode> callerSeesCycle,
                    java.util.function.Predicate<Stmt.FunctionNode> makesSelfCycle,
                    Function<Stmt.FunctionNode, Optional<Set<String>>> analysedEffect,
                    Function<Stmt.FunctionNode, Set<String>> receiverParams,
                    java.util.function.Predicate<Stmt.FunctionNode> handsOnSelf) {
        this.receiverParams = receiverParams;
        this.handsOnSelf = handsOnSelf;
        this.makesSelfCycle = makesSelfCycle;
        this.analysedEffect = analysedEffect;
        this.index = index;
        this.callerSeesCycle = callerSeesCycle;
        this.scopes = scopes;
        index.classes().values().forEach(c -> c.methods().forEach((name, m) ->
                methodsNamed.computeIfAbsent(name, k -> new ArrayList<>()).add(m)));
        index.membersByName().forEach((name, defs) -> {
            for (Stmt.FunctionNode f : defs) {
                ModuleIndex.MethodKind kind = ModuleIndex.kindOf(f);
                if (ModuleIndex.isPropertySetter(f)) {
                    settersNamed.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
                } else if (kind == ModuleIndex.MethodKind.PROPERTY || kind == ModuleIndex.MethodKind.CACHED_PROPERTY) {
                    // one class's cached property of a name counts for every read of that name
                    propertiesNamed.merge(name, kind == ModuleIndex.MethodKind.CACHED_PROPERTY, Boolean::logicalOr);
                }
            }
        });
    }

    /**
     * Whether a call of f could leave (or return) objects in a cycle; a recursive call counts as
     * yes. A call of module code counts when what it passes may be stored into, or when the
     * callee, itself a candidate, was analysed and does leave a cycle of its objects.
     */
    boolean mayLeaveCycle(Stmt.FunctionNode f) {
        Boolean known = leavesCycle.get(f);
        if (known == null) {
            leavesCycle.put(f, Boolean.TRUE);
            known = computeMayLeaveCycle(facts(f));
            leavesCycle.put(f, known);
        }
        return known;
    }

    private boolean computeMayLeaveCycle(Facts fs) {
        if (fs.storesIntoNew() || fs.storesIntoFresh()) {
            return true;
        }
        for (Call c : fs.calls()) {
            for (Stmt.FunctionNode t : c.targets()) {
                boolean analysed = mayLeaveCycle(t); // then callerSeesCycle analyses it, as its own report does
                if (analysed && callerSeesCycle.test(t)) {
                    return true;
                }
                if (c.receiver() == NEW_INSTANCE && makesSelfCycle.test(t)) {
                    return true; // an instance that refers to itself from __init__ on is garbage once dropped
                }
                Optional<Set<String>> effect = effect(t);
                if (effect.isEmpty() && (analysed || !passesNothingNew(c, fs))) {
                    // A callee that may store anywhere by its syntax (into objects of its own, through
                    // locals) stores into the caller's objects only where its analysis says so. One
                    // not analysed yet is analysed now: the caller's own analysis would need it anyway.
                    effect = analysedEffect.apply(t);
                }
                if (effect.isEmpty() ? !passesNothingNew(c, fs) : storesIntoOther(c, t, effect.get(), fs)) {
                    return true;
                }
                if (passesReceiverOfItsOwn(c, t, fs)) {
                    return true; // _use(factory): factory.make_pair() runs on the caller's instance, whose class only it knows
                }
            }
        }
        return false;
    }

    /** Whether a call of f may store into the object its parameter holds or one that object reaches. */
    boolean mayStoreInto(Stmt.FunctionNode f, String param) {
        Optional<Set<String>> stores = effect(f);
        return stores.isEmpty() || stores.get().contains(param);
    }

    /** The parameters of f that a call of f may store into; empty when it may store anywhere. */
    private Optional<Set<String>> effect(Stmt.FunctionNode f) {
        Optional<Set<String>> known = effects.get(f);
        if (known == null) {
            solveEffects(f);
            known = effects.get(f);
        }
        return known;
    }

    private static final Optional<Set<String>> STORES_NOTHING = Optional.of(Set.of());

    /**
     * The effects of f and of every function its calls reach whose effect is not known yet, as the
     * least fixed point: each starts at storing nothing and grows until no effect changes. A call
     * back into a function (recursion, or x.write() in a write method, which may run that method
     * itself) stores only what the function's own stores do; taking it as a store anywhere made
     * every caller that passes such code a new object a candidate (5.6% of the 3.11 stdlib's analyses).
     */
    private void solveEffects(Stmt.FunctionNode f) {
        List<Stmt.FunctionNode> group = new ArrayList<>();
        effects.put(f, STORES_NOTHING);
        group.add(f);
        for (int i = 0; i < group.size(); i++) { // group doubles as the work list
            Facts fs = facts(group.get(i));
            if (fs.storesIntoNew() || fs.storesIntoOthers()) {
                continue;
            }
            for (Call c : fs.calls()) {
                for (Stmt.FunctionNode t : c.targets()) {
                    if (!effects.containsKey(t)) {
                        effects.put(t, STORES_NOTHING);
                        group.add(t);
                    }
                }
            }
        }
        for (boolean changed = true; changed; ) { // effects only grow, and each is bounded by its parameters
            changed = false;
            for (Stmt.FunctionNode g : group) {
                Optional<Set<String>> now = computeEffect(facts(g));
                if (!now.equals(effects.get(g))) {
                    effects.put(g, now);
                    changed = true;
                }
            }
        }
    }

    private Optional<Set<String>> computeEffect(Facts fs) {
        if (fs.storesIntoNew() || fs.storesIntoOthers()) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>(fs.storedInto());
        for (Call c : fs.calls()) {
            for (Stmt.FunctionNode t : c.targets()) {
                Optional<Set<String>> inner = effect(t);
                if (inner.isEmpty()) {
                    return Optional.empty();
                }
                for (String q : inner.get()) {
                    Expr arg = argumentFor(c, t, q);
                    Expr.Name reached = arg == null ? null : root(arg);
                    if (reached != null && fs.params().contains(reached.id())) {
                        out.add(reached.id()); // into the parameter or an object it reaches (self.out.write(text))
                    } else if (arg != null && !(arg instanceof Expr.Constant)) {
                        return Optional.empty(); // a local may alias anything, a new instance is the caller's
                    }
                }
            }
        }
        return Optional.of(out);
    }

    /**
     * Whether the call passes an object it may have made to a parameter of the callee's that a
     * caller's class specialises (see {@link ReceiverParams}): the summary for that class may leave
     * a cycle the callee's own report cannot see. A method's self has its class already.
     */
    private boolean passesReceiverOfItsOwn(Call c, Stmt.FunctionNode target, Facts fs) {
        Set<String> receivers = receiverParams.apply(target);
        if (receivers.isEmpty()) {
            return false;
        }
        String self = scopes.apply(target).self();
        for (String p : receivers) {
            Expr arg = p.equals(self) ? null : argumentFor(c, target, p);
            if (arg != null && !passesNothingNew(arg, fs)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the call passes, to a parameter the callee stores into, an object it may have made.
     * The instance a class call makes is younger than all its arguments: what __init__ stores on
     * it can refer back to it only if __init__ hands it on.
     */
    private boolean storesIntoOther(Call c, Stmt.FunctionNode target, Set<String> storedInto, Facts fs) {
        for (String q : storedInto) {
            Expr arg = argumentFor(c, target, q);
            if (arg == NEW_INSTANCE && !handsOnSelf.test(target)) {
                continue;
            }
            if (arg != null && !passesNothingNew(arg, fs)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The expression a call binds to the callee's parameter, as the analysis binds it (receiver
     * first, then positional arguments, then keywords by name); null when it binds none.
     */
    private Expr argumentFor(Call c, Stmt.FunctionNode target, String param) {
        List<String> positional = scopes.apply(target).positional();
        int index = positional.indexOf(param);
        int offset = c.receiver() != null ? 1 : 0;
        if (index == 0 && offset == 1) {
            return c.receiver();
        }
        List<Expr> args = c.call().args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Expr.Starred) {
                return UNKNOWN_ARGUMENT;
            }
            if (index >= 0 && i + offset == index) {
                return args.get(i);
            }
        }
        for (Keyword k : c.call().keywords()) {
            if (k.arg() == null) {
                return UNKNOWN_ARGUMENT;
            }
            if (k.arg().equals(param)) {
                return k.value();
            }
        }
        return null;
    }

    /** The working collections of a walk, cleared for each function instead of made anew. */
    private static final class Scratch {
        final Set<String> rebound = new HashSet<>();
        final Set<String> storedIntoLocals = new HashSet<>();
        final Set<Node> freshBindings = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<String> boundOtherwise = new HashSet<>();
        final Set<String> holdObjects = new HashSet<>();
        final Set<String> statementBound = new HashSet<>();
        final Set<String> augmented = new HashSet<>();
        final List<Expr.Call> calls = new ArrayList<>();
        final List<Call> setterCalls = new ArrayList<>();
        final List<Expr.Call> namesCalled = new ArrayList<>();
        final List<Node> closures = new ArrayList<>();
        final Set<String> raised = new HashSet<>();
        final Set<Node> harmless = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        /** The position of the value each attribute or item target of an assignment is given. */
        final Map<Node, Integer> assignedAt = new IdentityHashMap<>();
        final List<LocalStore> localStores = new ArrayList<>();

        void clear() {
            rebound.clear();
            storedIntoLocals.clear();
            if (!freshBindings.isEmpty()) {
                freshBindings.clear(); // an identity map's clear empties its whole table, which one large function grew
            }
            boundOtherwise.clear();
            holdObjects.clear();
            statementBound.clear();
            augmented.clear();
            calls.clear();
            setterCalls.clear();
            namesCalled.clear();
            closures.clear();
            raised.clear();
            if (!harmless.isEmpty()) {
                harmless.clear();
            }
            if (!assignedAt.isEmpty()) {
                assignedAt.clear();
            }
            localStores.clear();
        }
    }

    private final Scratch scratch = new Scratch();

    /**
     * A store into the object a local holds (direct) or one it reaches, of the values named in the
     * ranges of the function's nodes (from, to pairs; null when not known) but at root: judged
     * once the walk is done (see {@link LocalLinks}).
     */
    private record LocalStore(Expr.Name root, boolean direct, int[] values) {}

    private Facts facts(Stmt.FunctionNode f) {
        Facts known = facts.get(f); // not computeIfAbsent(f, this::walk): a bound reference costs a VM call under C1
        if (known == null) {
            known = walk(f);
            facts.put(f, known);
        }
        return known;
    }

    private Facts walk(Stmt.FunctionNode f) {
        FunctionScope scope = scopes.apply(f);
        Set<String> params = new HashSet<>(scope.params);
        Set<String> storedInto = new HashSet<>();
        Scratch w = scratch; // walks do not nest: one set of working collections serves them all
        w.clear();
        Set<String> rebound = w.rebound;
        Set<String> storedIntoLocals = w.storedIntoLocals;
        Set<Node> freshBindings = w.freshBindings;
        Set<String> boundOtherwise = w.boundOtherwise;
        // Names that may hold an object: all but locals only ever assigned objectless values.
        Set<String> holdObjects = w.holdObjects;
        if (!scope.declaredOuter.isEmpty()) { // addAll makes an iterator even of an empty set
            boundOtherwise.addAll(scope.declaredOuter);
            holdObjects.addAll(scope.declaredOuter);
        }
        Set<String> statementBound = w.statementBound; // by import, def, class, except ... as, patterns
        Set<String> augmented = w.augmented; // x += v: adds v's items to x when x holds a container
        List<Expr.Call> calls = w.calls;
        List<Node> closures = w.closures; // nested defs and lambdas: cells are late-bound
        Set<String> raised = w.raised; // names raised: a local exception raised is kept by its frame
        // Stores of values the analysis gives no object (numbers, strings, results of unknown calls)
        // make no reference: their targets are harmless.
        Set<Node> harmless = w.harmless;
        // The body's nodes in the order a stack walk visits them (children last to first): the
        // calls, which later verdicts follow in turn, are found in the order they always were.
        FunctionNodes code = scope.nodes();
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; ) {
            int at = i++;
            byte kind = kinds[at];
            if (kind == FunctionNodes.NAME_LOAD || kind == FunctionNodes.CONSTANT
                    || kind == FunctionNodes.ATTRIBUTE_LOAD && (propertiesNamed.isEmpty()
                    || !propertiesNamed.containsKey(((Expr.Attribute) nodes[at]).attr()))) {
                continue; // most nodes, and nothing here needs them
            }
            Node n = nodes[at];
            if (n instanceof Expr.Name name) { // a name stored or deleted
                if (name.ctx() != Ctx.Load) {
                    rebound.add(name.id());
                    if (!freshBindings.contains(name)) {
                        boundOtherwise.add(name.id());
                    }
                    if (!harmless.contains(name)) {
                        holdObjects.add(name.id());
                    }
                }
                continue;
            }
            if (n instanceof Expr.Constant) {
                continue;
            }
            Expr target = null; // the object a store goes into
            int[] values = null; // the ranges of nodes that give what it stores, when known
            if (NodeKinds.isExpr(n)) { // expressions first: one test instead of a chain of statement kinds
                if (n instanceof Expr.Call c) {
                    if (makesRuntimeCycle(c)) {
                        return STORES_INTO_NEW;
                    }
                    if (c.func() instanceof Expr.Attribute a && CallModel.isAdder(a.attr())) {
                        if (!addsOnlyObjectless(c, scope)) {
                            target = a.value();
                            values = new int[] {at, code.end(at)}; // the arguments (and keys the receiver reads)
                        }
                        if (methodsNamed.containsKey(a.attr())) {
                            calls.add(c); // node.add(name) may run a module class's add, as the analysis has it
                        }
                    } else if (CallModel.storesByBaseContainer(c)) {
                        target = c.args().get(0); // dict.__setitem__(self, key, value): into self
                    } else if (c.func() instanceof Expr.Name name && name.id().equals("setattr")) {
                        return STORES_INTO_NEW;
                    } else {
                        calls.add(c);
                        if (c.func() instanceof Expr.Name && methodsNamed.containsKey("__call__")) {
                            w.namesCalled.add(c); // judged once the walk knows the locals
                        }
                    }
                } else if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Load) { // a property's, as the walk above let through
                    calls.add(new Expr.Call(a, List.of(), List.of(), a.pos())); // obj.name runs the getter on obj
                    if (propertiesNamed.get(a.attr())) {
                        target = a.value(); // and a cached property keeps on obj what it returns, which may refer to obj
                    }
                } else if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Store) {
                    List<Stmt.FunctionNode> setters = settersNamed.get(a.attr());
                    if (setters != null) { // obj.name = v runs the setter on obj and v
                        Integer value = w.assignedAt.get(a);
                        w.setterCalls.add(new Call(withWrappers(setters), a.value(), new Expr.Call(a,
                                List.of(value == null ? UNKNOWN_ARGUMENT : (Expr) nodes[value]), List.of(), a.pos())));
                    }
                    if (!harmless.contains(a)) {
                        target = a.value();
                        values = assigned(w.assignedAt.get(a), at, code);
                    }
                } else if (n instanceof Expr.Subscript sub && sub.ctx() == Ctx.Store && !harmless.contains(sub)) {
                    target = sub.value();
                    values = assigned(w.assignedAt.get(sub), at, code); // the key too
                } else if (n instanceof Expr.Subscript sub && sub.ctx() == Ctx.Load && methodsNamed.containsKey("__getitem__")) {
                    // obj[key] may run a module class's __getitem__, as the heap analysis does: judged as that call
                    calls.add(new Expr.Call(new Expr.Attribute(sub.value(), "__getitem__", Ctx.Load, sub.pos()),
                            List.of(sub.slice()), List.of(), sub.pos()));
                } else if (n instanceof Expr.Lambda l) {
                    closures.add(l);
                    i = code.end(at); // the analysis does not evaluate a lambda's body
                    continue;
                } else if (n instanceof Expr.GeneratorExp g) {
                    closures.add(g); // its frame reads the enclosing names through cells, late-bound
                }
            } else {
                boundOtherwise(n, statementBound);
                if (n instanceof Stmt.Assign a) {
                    if (a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name && isFresh(a.value())) {
                        freshBindings.add(a.targets().get(0));
                    }
                    boolean noObject = objectless(a.value(), scope);
                    if (noObject) {
                        harmless.addAll(a.targets());
                    }
                    if (!noObject || !settersNamed.isEmpty()) { // a property's setter gets even an objectless value
                        int value = code.child(at, a.value());
                        for (Expr t : a.targets()) {
                            w.assignedAt.put(t, value);
                        }
                    }
                } else if (n instanceof Stmt.AnnAssign a) {
                    boolean noObject = objectless(a.value(), scope);
                    if (noObject) {
                        harmless.add(a.target());
                    }
                    if (a.value() != null && (!noObject || !settersNamed.isEmpty())) {
                        w.assignedAt.put(a.target(), code.child(at, a.value()));
                    }
                } else if (n instanceof Stmt.AugAssign aug) {
                    harmless.add(aug.target()); // += binds nothing the analysis follows, and stores no attribute
                    if (!objectless(aug.value(), scope)) { // x += [item] adds to x if it is a container
                        int value = code.child(at, aug.value());
                        if (aug.target() instanceof Expr.Name x) {
                            augmented.add(x.id());
                            if (!params.contains(x.id())) {
                                w.localStores.add(new LocalStore(x, true, new int[] {value, code.end(value)}));
                            }
                        } else {
                            target = aug.target(); // self.items += more: into what the attribute holds
                            values = new int[] {value, code.end(value)};
                        }
                    }
                } else if (n instanceof Stmt.Raise r && r.exc() instanceof Expr.Name raisedName) {
                    raised.add(raisedName.id()); // exc = Error(...); raise exc: the frame keeps what its traceback holds
                } else if (n instanceof ExceptHandler h && h.name() != null && keepsException(h)) {
                    return STORES_INTO_NEW;
                } else if (NodeKinds.isFunction(n)) {
                    Stmt.FunctionNode nested = (Stmt.FunctionNode) n;
                    if (FunctionScope.freeNames(nested).contains(nested.name())) {
                        return STORES_INTO_NEW; // a nested function that calls itself refers to itself through its cell
                    }
                    closures.add(nested);
                    i = code.decoratorsFrom(at); // the analysis evaluates a nested def's decorators only
                    continue;
                } else if (n instanceof Stmt.ClassDef) {
                    return STORES_INTO_NEW; // a class object is always in a cycle (its __mro__ holds it)
                }
            }
            if (target != null) {
                Expr.Name root = root(target);
                if (root != null && params.contains(root.id())) {
                    storedInto.add(root.id()); // into the parameter or an object it reaches
                } else if (root != null) {
                    w.localStores.add(new LocalStore(root, root == target, values)); // judged below
                } else {
                    return STORES_INTO_NEW;
                }
            }
        }
        if (bindsAfterClosure(closures, code)) {
            return STORES_INTO_NEW;
        }
        for (String x : raised) {
            if (rebound.contains(x)) {
                return STORES_INTO_NEW;
            }
            if (params.contains(x)) {
                storedInto.add(x); // raise exc: the caller's exception gets a traceback holding this frame, which holds it
            }
        }
        if (!statementBound.isEmpty()) {
            boundOtherwise.addAll(statementBound); // those names hold objects the walk did not see made
            holdObjects.addAll(statementBound);
        }
        for (String x : augmented) {
            if (params.contains(x)) {
                storedInto.add(x);
            }
        }
        for (String p : storedInto) {
            if (rebound.contains(p)) {
                return STORES_INTO_NEW; // a rebound parameter may hold anything
            }
        }
        // Stores into a name that holds no object the analysis knows are skipped: a module global
        // or an enclosing function's name (what is stored there stays reachable from it), or a
        // local only ever assigned numbers, strings or results of unknown calls. A store into a
        // local of values linked to it in no way closes no cycle (see LocalLinks); but a local that
        // may hold what it was given (another's object, reached or passed) may be a caller's.
        boolean intoOthers = false;
        LocalLinks links = null;
        boolean followed = !w.localStores.isEmpty() && !hasMatch(code);
        for (LocalStore st : w.localStores) {
            String local = st.root().id();
            if (!holdObjects.contains(local)) {
                continue;
            }
            boolean given = !st.direct() || boundOtherwise.contains(local);
            if (st.values() != null && followed) {
                if (links == null) {
                    links = LocalLinks.of(code, linkable(scope, rebound, holdObjects, statementBound));
                }
                if (!links.store(local, st.values(), st.root())) {
                    intoOthers |= given;
                    continue;
                }
            }
            if (given) {
                return STORES_INTO_NEW;
            }
            storedIntoLocals.add(local);
        }
        params.removeAll(rebound);
        // In a method, self.m() runs the class's own m: the analysis resolves it statically too.
        String self = scope.self() != null && params.contains(scope.self()) ? scope.self() : null;
        for (Expr.Call c : w.namesCalled) {
            Expr.Name fn = (Expr.Name) c.func();
            if (holdsInstance(fn, scope)) { // x(...) on an instance of a module class runs its __call__, as the heap analysis does
                calls.add(new Expr.Call(new Expr.Attribute(fn, "__call__", Ctx.Load, c.pos()), c.args(), c.keywords(), c.pos()));
            }
        }
        List<Call> modular = new ArrayList<>(w.setterCalls);
        for (Expr.Call c : calls) {
            Call call = resolve(c, scope, self);
            if (call != null) {
                modular.add(call);
            }
        }
        Set<String> outside = params; // only calls ask: most functions call no module code
        if (!modular.isEmpty()) {
            outside = new HashSet<>(params);
            for (String x : rebound) {
                if (!holdObjects.contains(x) && !scope.params.contains(x)) {
                    outside.add(x);
                }
            }
        }
        return new Facts(false, intoOthers, !storedIntoLocals.isEmpty(), storedInto, params, outside, scope, modular);
    }

    /** Whether a name called may hold an instance: a parameter, a local, or a module-level instance (not a def or class). */
    private boolean holdsInstance(Expr.Name fn, FunctionScope scope) {
        return index.functionNamed(fn.id()) == null && index.classNamed(fn.id()) == null
                && (scope.params.contains(fn.id()) || scratch.rebound.contains(fn.id()) || index.moduleInstance(fn.id()) != null);
    }

    /** The values of an item or attribute target: its assignment's value and the target's own keys; null when not assigned. */
    private static int[] assigned(Integer value, int target, FunctionNodes code) {
        return value == null ? null : new int[] {value, code.end(value), target, code.end(target)};
    }

    /**
     * The names that may hold objects the call makes: what it binds, but parameters and locals
     * holding only outside objects, and names declared global or nonlocal.
     */
    private static Set<String> linkable(FunctionScope scope, Set<String> rebound, Set<String> holdObjects,
                                        Set<String> statementBound) {
        Set<String> names = new HashSet<>(statementBound);
        for (String x : rebound) {
            if (holdObjects.contains(x)) {
                names.add(x);
            }
        }
        names.removeAll(scope.declaredOuter);
        return names;
    }

    /** Whether the function has a match statement, whose patterns bind names LocalLinks does not follow. */
    private static boolean hasMatch(FunctionNodes code) {
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
            if (code.kinds()[i] == FunctionNodes.OTHER && code.nodes()[i] instanceof Stmt.Match) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> RUNTIME_CYCLE_CALLS = Set.of("currentframe", "_getframe", "exc_info",
            "namedtuple", "NamedTuple", "make_dataclass", "new_class", "Enum", "IntEnum", "Flag", "IntFlag", "StrEnum");

    private static final Set<String> SELF_CYCLIC_LIBRARY = Set.of("ArgumentParser", "ConfigParser", "RawConfigParser",
            "SafeConfigParser", "OptionParser", "build_opener");

    /** Library classes some of whose methods make classes the object keeps (see LibraryObjects). */
    private static final Set<String> CLASS_MAKING_LIBRARY = Set.of("EmailMessage");

    /** Calls that hand out the running frame or a traceback, make a class or a cyclic library object. */
    private static boolean makesRuntimeCycle(Expr.Call c) {
        String name = calledName(c);
        if (!ANY_RUNTIME_CYCLE.contains(name)) {
            return false; // nearly every call: one lookup instead of five
        }
        return (RUNTIME_CYCLE_CALLS.contains(name) && !c.args().isEmpty()) || SELF_CYCLIC_LIBRARY.contains(name)
                || CLASS_MAKING_LIBRARY.contains(name) || FRAME_CALLS.contains(name)
                || (name.equals("type") && c.args().size() == 3);
    }

    /** sys.exc_info(), sys._getframe(), inspect.currentframe(): a traceback or the running frame, which holds the call's locals. */
    static boolean handsOutFrame(Expr.Call c) {
        return FRAME_CALLS.contains(calledName(c));
    }

    private static final Set<String> FRAME_CALLS = Set.of("exc_info", "_getframe", "currentframe");

    private static final Set<String> ANY_RUNTIME_CYCLE = new HashSet<>();

    static {
        for (Set<String> names : List.of(RUNTIME_CYCLE_CALLS, SELF_CYCLIC_LIBRARY, CLASS_MAKING_LIBRARY, FRAME_CALLS, Set.of("type"))) {
            ANY_RUNTIME_CYCLE.addAll(names);
        }
    }

    private static String calledName(Expr.Call c) {
        return c.func() instanceof Expr.Name n ? n.id() : c.func() instanceof Expr.Attribute a ? a.attr() : "";
    }

    /**
     * Whether a nested function or lambda reads a name this function binds after it is made: its
     * cell then refers to that later value, which may hold the closure itself ({@code box = [get]}).
     */
    private static boolean bindsAfterClosure(List<Node> closures, FunctionNodes code) {
        if (closures.isEmpty()) {
            return false;
        }
        Map<String, Integer> lastBinding = new HashMap<>();
        lastBindings(code, lastBinding);
        for (Node c : closures) {
            int line = ((dev.memlint.ast.Located) c).pos().line();
            for (String name : FunctionScope.freeNames(c)) {
                Integer last = lastBinding.get(name);
                if (last != null && last >= line) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last line each name of the body is assigned on, nested functions, lambdas and classes left out. */
    private static void lastBindings(FunctionNodes code, Map<String, Integer> out) {
        Node[] nodes = code.nodes();
        byte[] kinds = code.kinds();
        for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; ) {
            int at = i++;
            byte kind = kinds[at];
            if (kind == FunctionNodes.NAME_BOUND && nodes[at] instanceof Expr.Name n && n.ctx() == Ctx.Store) {
                out.merge(n.id(), n.pos().line(), Math::max);
            } else if (kind == FunctionNodes.SCOPE || kind == FunctionNodes.EXPR && nodes[at] instanceof Expr.Lambda) {
                i = code.end(at);
            }
        }
    }

    /** The module functions a call may run, or null: a class's __init__, a function, or methods of that name. */
    private Call resolve(Expr.Call c, FunctionScope scope, String self) {
        if (c.func() instanceof Expr.Name n) {
            // node_class(...) with node_class=Node: the default class, unless a caller gives another;
            // make(...) after make = Node
            String cls = scope.params.contains(n.id()) ? scope.classDefaults(index).get(n.id())
                    : scratch.rebound.contains(n.id()) ? classAssigned(scope, n.id()) : n.id();
            if (cls != null && index.classNamed(cls) != null) {
                Stmt.FunctionNode init = index.method(cls, "__init__");
                if (init == null) {
                    init = index.method(cls, "__post_init__"); // a dataclass's generated __init__ calls it
                }
                return init == null ? null : new Call(withWrappers(List.of(init)), NEW_INSTANCE, c);
            }
            Stmt.FunctionNode fn = index.functionNamed(n.id());
            if (fn != null) {
                return new Call(withWrappers(List.of(fn)), null, c);
            }
            // cb(x), cb a parameter or local: it may hold a bound method, which the analysis runs on
            // its object; that object is what the name reaches
            return scope.params.contains(n.id()) || scratch.rebound.contains(n.id()) ? boundMethodCall(c, n) : null;
        }
        if (c.func() instanceof Expr.Call) {
            return boundMethodCall(c, UNKNOWN_ARGUMENT); // make_callback()(x)
        }
        if (c.func() instanceof Expr.Attribute a) {
            List<Stmt.FunctionNode> targets;
            if (self != null && a.value() instanceof Expr.Name r && r.id().equals(self)) {
                Stmt.FunctionNode own = index.method(scope.ownerClass, a.attr());
                targets = own == null ? List.of() : List.of(own);
            } else {
                targets = methodsNamed.getOrDefault(a.attr(), List.of());
            }
            return targets.isEmpty() ? null : new Call(withWrappers(targets), a.value(), c);
        }
        return null;
    }

    /** The functions and the wrappers their decorators put around them, which the analysis runs too. */
    private List<Stmt.FunctionNode> withWrappers(List<Stmt.FunctionNode> functions) {
        List<Stmt.FunctionNode> out = null;
        for (Stmt.FunctionNode f : functions) {
            List<Stmt.FunctionNode> wrappers = index.wrappersOf(f);
            if (!wrappers.isEmpty()) {
                if (out == null) {
                    out = new ArrayList<>(functions);
                }
                out.addAll(wrappers);
            }
        }
        return out == null ? functions : out;
    }

    /** A call of what may be a bound method of the module's: the methods read as values anywhere, or null. */
    private Call boundMethodCall(Expr.Call c, Expr receiver) {
        // Found when first asked for: a walk of the whole module, which many functions' verdicts
        // never need (a store already decided them); an empty list is as good as no call.
        return new Call(new java.util.AbstractList<>() {
            @Override
            public Stmt.FunctionNode get(int i) {
                return boundMethods().get(i);
            }

            @Override
            public int size() {
                return boundMethods().size();
            }
        }, receiver, c);
    }

    /**
     * The module's plain methods that some code of the module reads as a value ({@code self._on_done}
     * not called on the spot): only those can be bound methods the analysis later calls. With the
     * wrappers their decorators put around them; found once per module, as every call of a
     * parameter asks.
     */
    private List<Stmt.FunctionNode> boundMethods() {
        if (boundMethods == null && methodsNamed.isEmpty()) {
            boundMethods = List.of(); // no class of the module has a method: nothing to walk the module for
        } else if (boundMethods == null) {
            Set<Node> called = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            List<Expr.Attribute> read = new ArrayList<>();
            NodeChildren.Collector stack = new NodeChildren.Collector();
            for (Stmt.FunctionNode f : index.functions()) {
                stack.add(f);
            }
            index.classes().values().forEach(cls -> stack.add(cls.node()));
            while (stack.size() > 0) {
                Node n = stack.pop();
                if (NodeKinds.isFunction(n)) { // a function's nodes are kept in one array, which its own walk reads too
                    FunctionNodes code = scopes.apply((Stmt.FunctionNode) n).nodes();
                    Node[] nodes = code.nodes();
                    byte[] kinds = code.kinds();
                    for (int i = 0, to = code.end(0); i < to; i++) {
                        if (kinds[i] == FunctionNodes.CALL || kinds[i] == FunctionNodes.ATTRIBUTE_LOAD) { // others unread
                            noteMethodUse(nodes[i], called, read);
                        }
                    }
                } else {
                    noteMethodUse(n, called, read);
                    NodeChildren.children(n, stack);
                }
            }
            Set<String> names = new java.util.TreeSet<>();
            for (Expr.Attribute a : read) {
                if (!called.contains(a)) {
                    names.add(a.attr());
                }
            }
            List<Stmt.FunctionNode> methods = new ArrayList<>();
            for (String name : names) {
                for (Stmt.FunctionNode m : methodsNamed.get(name)) {
                    if (ModuleIndex.kindOf(m) == ModuleIndex.MethodKind.INSTANCE) {
                        methods.add(m);
                    }
                }
            }
            boundMethods = withWrappers(methods);
        }
        return boundMethods;
    }

    private List<Stmt.FunctionNode> boundMethods;

    /**
     * Notes a call's callee that may be a method of the module's, or an attribute read that may be
     * one: only those callees are ever looked up, and a set of every callee was most of this walk.
     */
    private void noteMethodUse(Node n, Set<Node> called, List<Expr.Attribute> read) {
        if (n instanceof Expr.Call c) {
            if (c.func() instanceof Expr.Attribute f && methodsNamed.containsKey(f.attr())) {
                called.add(f);
            }
        } else if (n instanceof Expr.Attribute a && a.ctx() == Ctx.Load && methodsNamed.containsKey(a.attr())) {
            read.add(a);
        }
    }

    /**
     * Whether a call of the name may make an instance of a module class though it names none: a
     * parameter whose default is one ({@code node_class=Node}), a local assigned one ({@code make = Node}).
     */
    private boolean classValued(FunctionScope scope, String name) {
        return !index.classes().isEmpty() && (scope.classDefaults(index).containsKey(name)
                || scope.assignsNames && classAssigned(scope, name) != null); // no walk for aliases where none can be
    }

    /** A module class assigned to a local name ({@code make = Node}), or null; the last such assignment wins. */
    private String classAssigned(FunctionScope scope, String name) {
        return classAliases(scope).get(name);
    }

    /** The module classes assigned to local names, by name. */
    private Map<String, String> classAliases(FunctionScope scope) {
        Map<String, String> aliases = classAliases.get(scope.function);
        if (aliases == null) { // one walk per function, not one per call of a rebound name
            Map<String, String> found = new HashMap<>();
            // The nodes come children last to first, and no assignment holds another: the first
            // one met here is the last in the source.
            FunctionNodes code = scope.nodes();
            Node[] nodes = code.nodes();
            byte[] kinds = code.kinds();
            for (int i = code.bodyFrom(), to = code.bodyTo(); i < to; i++) {
                if (kinds[i] == FunctionNodes.OTHER && nodes[i] instanceof Stmt.Assign a && a.value() instanceof Expr.Name v
                        && index.classNamed(v.id()) != null) {
                    for (Expr t : a.targets()) {
                        if (t instanceof Expr.Name x) {
                            found.putIfAbsent(x.id(), v.id());
                        }
                    }
                }
            }
            aliases = found;
            classAliases.put(scope.function, aliases);
        }
        return aliases;
    }

    private final Map<Stmt.FunctionNode, Map<String, String>> classAliases = new IdentityHashMap<>();

    /**
     * Whether a handler may keep the exception it names once it ends (Python deletes the name
     * there): it binds it, or something made from it, to another name, returns it, or closes over
     * it. Only then can its traceback's frame and the exception form a cycle. Adds and stores of it
     * into objects are stores, and calls that pass it are calls: both are judged as such.
     */
    private static boolean keepsException(ExceptHandler h) {
        boolean[] keeps = {false};
        for (Stmt st : h.body()) {
            NodeChildren.walk(st, n -> {
                Node kept = n instanceof Stmt.Assign a ? a.value() : n instanceof Stmt.AnnAssign a ? a.value()
                        : n instanceof Stmt.AugAssign a ? a.value() : n instanceof Stmt.Return r ? r.value()
                        : n instanceof Expr.NamedExpr ne ? ne.value() : n instanceof Stmt.ForNode f ? f.iter()
                        : n instanceof dev.memlint.ast.WithItem w ? w.contextExpr()
                        : n instanceof Expr.Lambda || n instanceof Stmt.FunctionNode ? n : null;
                keeps[0] |= kept != null && mentions(kept, h.name());
            });
        }
        return keeps[0];
    }

    private static boolean mentions(Node node, String name) {
        return NodeChildren.anyMatch(List.of(node), n -> n instanceof Expr.Name x && x.id().equals(name));
    }

    /** The name an attribute and subscript chain starts from (`self` in `self.a[i].b`), or null. */
    static Expr.Name root(Expr e) {
        while (true) {
            if (e instanceof Expr.Name n) {
                return n;
            } else if (e instanceof Expr.Attribute a) {
                e = a.value();
            } else if (e instanceof Expr.Subscript sub) {
                e = sub.value();
            } else {
                return null;
            }
        }
    }

    /** A new object the analysis makes on the spot: a display, a comprehension, list()/dict()/set(), a class call. */
    private boolean isFresh(Expr e) {
        if (e instanceof Expr.ListExpr || e instanceof Expr.DictExpr || e instanceof Expr.SetExpr
                || e instanceof Expr.ListComp || e instanceof Expr.SetComp || e instanceof Expr.DictComp) {
            return true;
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name n && !index.isImported(n.id())
                && index.functionNamed(n.id()) == null) {
            return index.classNamed(n.id()) != null || n.id().equals("list") || n.id().equals("dict")
                    || n.id().equals("set");
        }
        return false;
    }

    /** Records the names a node binds other than through a Name target (imports, defs, handlers, patterns). */
    private static void boundOtherwise(Node n, Set<String> names) {
        if (n instanceof Stmt.Import i) {
            i.names().forEach(a -> names.add(a.asname() != null ? a.asname() : a.name().split("\\.")[0]));
        } else if (n instanceof Stmt.ImportFrom i) {
            i.names().forEach(a -> names.add(a.asname() != null ? a.asname() : a.name()));
        } else if (NodeKinds.isFunction(n)) {
            names.add(((Stmt.FunctionNode) n).name());
        } else if (n instanceof Stmt.ClassDef c) {
            names.add(c.name());
        } else if (n instanceof ExceptHandler h && h.name() != null) {
            names.add(h.name());
        } else if (n instanceof dev.memlint.ast.Pattern.MatchAs m && m.name() != null) {
            names.add(m.name());
        } else if (n instanceof dev.memlint.ast.Pattern.MatchStar m && m.name() != null) {
            names.add(m.name());
        } else if (n instanceof dev.memlint.ast.Pattern.MatchMapping m && m.rest() != null) {
            names.add(m.rest());
        }
    }

    /** Whether an add (append, update, ...) passes only values the analysis gives no object. */
    private boolean addsOnlyObjectless(Expr.Call c, FunctionScope scope) {
        for (Expr arg : c.args()) {
            if (!objectless(arg, scope)) {
                return false;
            }
        }
        for (Keyword k : c.keywords()) {
            if (!objectless(k.value(), scope)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the heap analysis evaluates the expression to no object at all: constants, f-strings,
     * arithmetic, comparisons, and calls of code it does not know (a module class or function, a
     * copying builtin, an exception class, a reader like get() or a module method may give objects).
     */
    private boolean objectless(Expr e, FunctionScope scope) {
        if (e == null || e instanceof Expr.Constant || e instanceof Expr.JoinedStr || e instanceof Expr.Compare
                || e instanceof Expr.UnaryOp || e instanceof Expr.Await || e instanceof Expr.Yield
                || e instanceof Expr.YieldFrom) {
            return true;
        }
        if (e instanceof Expr.BinOp b) { // only a + of two sequences makes one
            return b.op() != dev.memlint.ast.Operator.Add || objectless(b.left(), scope) || objectless(b.right(), scope);
        }
        if (e instanceof Expr.BoolOp b) {
            for (Expr v : b.values()) {
                if (!objectless(v, scope)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof Expr.IfExp i) {
            return objectless(i.body(), scope) && objectless(i.orelse(), scope);
        }
        if (e instanceof Expr.Call c) {
            if (index.isWeakFactory(c.func())) {
                return false;
            }
            String qualified = index.importedName(c.func());
            if (qualified != null && LibraryObjects.makesObject(qualified)) {
                return false; // client.HTTPConnection(host): an object that keeps what its methods are given
            }
            if (c.func() instanceof Expr.Name n) {
                return index.classNamed(n.id()) == null && index.functionNamed(n.id()) == null
                        && !classValued(scope, n.id())
                        && !CallModel.isCopyingBuiltin(n.id())
                        && !(CallModel.isBuiltinException(n.id()) && !index.isImported(n.id()));
            }
            if (c.func() instanceof Expr.Attribute a) {
                return !CallModel.isReader(a.attr()) && !methodsNamed.containsKey(a.attr());
            }
            return true; // f()(), fs[i](): unknown code
        }
        return false;
    }

    /** Whether every argument (the receiver too) can only hand the callee objects from outside the call. */
    private boolean passesNothingNew(Call c, Facts fs) {
        if (c.receiver() != null && !passesNothingNew(c.receiver(), fs)) {
            return false;
        }
        for (Expr arg : c.call().args()) {
            if (!passesNothingNew(arg, fs)) {
                return false;
            }
        }
        for (Keyword k : c.call().keywords()) {
            if (k.arg() == null || !passesNothingNew(k.value(), fs)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an argument can only hand the callee objects from outside the call: a constant, a
     * value the analysis gives no object, or what a name of outside reaches (a parameter never
     * rebound, or a local that holds no object the analysis knows). Those stay reachable from the
     * caller's caller, so no store into them leaves garbage.
     */
    private boolean passesNothingNew(Expr e, Facts fs) {
        Expr.Name root = root(e);
        return root != null && fs.outside().contains(root.id()) || objectless(e, fs.scope());
    }
}
