package dev.memlint.rule.datastructures;

import dev.memlint.rule.support.Costs;
import dev.memlint.ast.Ctx;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Located;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.rule.support.Instantiations;
import dev.memlint.rule.support.ModuleImports;
import dev.memlint.semantic.NodeChildren;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MEM503: a plain class (no bases, no metaclass, at most a {@code @dataclass} without
 * {@code slots=True}) that sets instance attributes, has no {@code __slots__}, and is instantiated
 * in a loop or comprehension of the same module, reported at that instantiation. Classes that look
 * at their own {@code __dict__}, use {@code vars}/{@code setattr}, have class attributes of the same
 * names as instance attributes, or are subclassed in the module are left alone: there slots are not
 * a drop-in change. The advice fits the project's oldest Python ({@link RuleInit#lowestPython()}):
 * {@code slots=True} from 3.10, a {@code __slots__} declaration before, none for a dataclass whose
 * fields have defaults (before 3.10) or that sets attributes that are not fields.
 */
@RuleMeta(code = "MEM503", name = "class-without-slots-in-loop", severity = Severity.NOTE,
        summary = "Instances of a class without __slots__ are created in a loop, each with a per-instance dict.",
        tags = {"memory"})
public final class ClassWithoutSlotsInLoopRule implements Rule {
    private PythonVersion lowestPython;

    @Override
    public void init(RuleInit init) {
        lowestPython = init.lowestPython();
        init.on(Stmt.ClassDef.class, this::check);
    }

    private void check(RuleContext ctx, Stmt.ClassDef cls) {
        SemanticModel model = ctx.model();
        if (!cls.bases().stream().allMatch(b -> model.isBuiltin(b, "object")) || !cls.keywords().isEmpty()) return;
        boolean dataclass = false;
        for (Expr d : cls.decoratorList()) {
            if (!isDataclass(model, d)) return;
            dataclass = true;
        }
        Set<String> classNames = new HashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Stmt s : cls.body()) {
            if (s instanceof Stmt.Assign a) for (Expr t : a.targets()) if (t instanceof Expr.Name n) classNames.add(n.id());
            if (s instanceof Stmt.AnnAssign a && a.target() instanceof Expr.Name n) {
                if (a.value() != null) classNames.add(n.id());
                if (!isClassVar(a.annotation())) fields.add(n.id());
            }
        }
        if (classNames.contains("__slots__")) return;
        Expr.Call site = instantiationInLoop(model, cls); // before the walk of the whole class: most have none
        if (site == null) return;
        Set<String> instanceNames = instanceAttributes(model, cls);
        if (instanceNames == null) return;
        String advice;
        if (dataclass) {
            if (fields.isEmpty() && instanceNames.isEmpty()) return;
            // self.total = ... in __post_init__: no slot for it, so slots would make the class fail.
            if (!fields.containsAll(instanceNames)) return;
            if (lowestPython.atLeast(PythonVersion.PY310)) {
                advice = "`@dataclass(slots=True)`"; // turns the fields into slots and keeps their defaults working
            } else {
                // Before 3.10 only a hand-written __slots__, which clashes with a default's class attribute.
                for (String f : fields) if (classNames.contains(f)) return;
                advice = slotsDeclaration(fields);
            }
        } else {
            if (instanceNames.isEmpty()) return;
            for (String name : instanceNames) if (classNames.contains(name)) return; // a class attribute doubles as a default
            advice = slotsDeclaration(instanceNames);
        }
        ModuleImports imports = ModuleImports.of(model);
        if (imports.weakref()) return; // weakly referenced instances would need "__weakref__" in the slots
        if (imports.testModule()) return; // a test makes a handful of instances
        Costs.Size instances = Costs.runsOf(ctx, site);
        Costs.Verdict verdict = Costs.linear("up to " + instances.label() + " instances each carry an attribute dict",
                instances, Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        ctx.report(site, "each `" + cls.name() + "` made here in a loop outlives its iteration and carries a "
                        + "per-instance attribute dict; " + advice + " in class `" + cls.name() + "` drops it")
                .cost(verdict.cost())
                .related(header(cls), "class `" + cls.name() + "` has no `__slots__`");
    }

    /** __slots__ = ("x", "y"), in the order the attributes are first set. */
    private static String slotsDeclaration(Set<String> names) {
        StringBuilder b = new StringBuilder("`__slots__ = (");
        for (String n : names) b.append('"').append(n).append("\", ");
        b.setLength(b.length() - 2);
        return b.append(names.size() == 1 ? ",)`" : ")`").toString();
    }

    /** ClassVar, ClassVar[int], typing.ClassVar[int]: a class attribute, not a field. */
    private static boolean isClassVar(Expr annotation) {
        Expr e = annotation instanceof Expr.Subscript s ? s.value() : annotation;
        if (e instanceof Expr.Name n) return n.id().equals("ClassVar");
        return e instanceof Expr.Attribute a && a.attr().equals("ClassVar");
    }

    private static boolean isDataclass(SemanticModel model, Expr d) {
        Expr f = d instanceof Expr.Call c ? c.func() : d;
        if (!"dataclasses.dataclass".equals(model.qualifiedName(f))) return false;
        if (d instanceof Expr.Call c) {
            for (Keyword k : c.keywords()) if ("slots".equals(k.arg()) || k.arg() == null) return false;
        }
        return true;
    }

    /** Names assigned as self.x in the methods; null when the class uses __dict__, __weakref__, vars or setattr. */
    private static Set<String> instanceAttributes(SemanticModel model, Stmt.ClassDef cls) {
        Set<String> names = new LinkedHashSet<>();
        boolean[] dynamic = {false};
        NodeChildren.walk(cls, n -> {
            if (n instanceof Expr.Attribute a) {
                if (a.attr().equals("__dict__") || a.attr().equals("__weakref__")) dynamic[0] = true;
                if (a.ctx() == Ctx.Store && a.value() instanceof Expr.Name self
                        && model.selfClass(self) == cls) names.add(a.attr());
            } else if (n instanceof Expr.Name name && (model.isBuiltin(name, "vars") || model.isBuiltin(name, "setattr"))) {
                dynamic[0] = true;
            }
        });
        return dynamic[0] ? null : names;
    }

    /** A call of the class in a loop whose instance outlives its iteration; null when there is none or the class is subclassed here. */
    private static Expr.Call instantiationInLoop(SemanticModel model, Stmt.ClassDef cls) {
        List<Expr.Call> sites = Instantiations.inLoops(model, cls);
        if (sites == null) return null;
        for (Expr.Call c : sites) if (Instantiations.outlivesIteration(model, c) && !pushedOnAStack(model, c)) return c;
        return null;
    }

    /**
     * Whether the instance is appended to a local list that the function also cuts back (pop, clear,
     * {@code del stack[i:]}, {@code stack[:] = []}): a stack of what is open, as parso's f-string
     * nesting; only the open ones live, not one per iteration.
     */
    private static boolean pushedOnAStack(SemanticModel model, Expr.Call instance) {
        if (!(model.parent(instance) instanceof Expr.Call add) || !(add.func() instanceof Expr.Attribute m)
                || !m.attr().equals("append") || !(m.value() instanceof Expr.Name stack)) return false;
        Symbol sym = model.symbol(stack);
        if (sym == null || !sym.scope().isFunctionLike()) return false;
        for (Expr.Name use : sym.uses()) {
            Node p = model.parent(use);
            if (p instanceof Expr.Attribute a && a.value() == use && (a.attr().equals("pop") || a.attr().equals("clear"))
                    && model.parent(a) instanceof Expr.Call call && call.func() == a) return true;
            if (p instanceof Expr.Subscript x && x.value() == use && x.slice() instanceof Expr.Slice
                    && (model.parent(x) instanceof Stmt.Delete || x.ctx() == Ctx.Store)) return true;
        }
        return false;
    }

    /** "class Name": the class's first line up to the end of its name. */
    private static Located header(Stmt.ClassDef cls) {
        Pos p = cls.pos();
        int end = p.col() + "class ".length() + cls.name().getBytes(StandardCharsets.UTF_8).length;
        Pos header = new Pos(p.line(), p.col(), p.line(), end);
        return () -> header;
    }
}
