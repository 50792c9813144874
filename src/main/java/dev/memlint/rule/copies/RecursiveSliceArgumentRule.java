package dev.memlint.rule.copies;

import dev.memlint.ast.Arg;
import dev.memlint.ast.BoolOperator;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.support.Costs;
import dev.memlint.rule.support.ModuleImports;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.List;

/**
 * MEM102: a function that calls itself with its own parameter shortened by a constant
 * ({@code f(a[1:])}, {@code f(s[1:-1])}, {@code f(a[:-1])}): each level copies almost the whole
 * sequence, O(n²) copying in all. The call may go through another instance of the method's class
 * ({@code self.next.total(items[1:])}) when its class is known. Halving slices (merge sort) copy O(n log n) and are not flagged.
 */
@RuleMeta(code = "MEM102", name = "recursive-slice-argument", severity = Severity.WARNING,
        summary = "A recursive call passes its own parameter minus a few items, copying it at every level.",
        tags = {"memory", "performance"})
public final class RecursiveSliceArgumentRule implements Rule {

    @Override
    public void init(RuleInit init) {
        init.on(Expr.Call.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Call call) {
        List<Expr.Subscript> shrunk = new ArrayList<>();
        for (Expr a : call.args()) if (a instanceof Expr.Subscript s && shrinksByConstant(s)) shrunk.add(s);
        for (Keyword k : call.keywords()) if (k.value() instanceof Expr.Subscript s && shrinksByConstant(s)) shrunk.add(s);
        if (shrunk.isEmpty()) return; // checked first: finding the enclosing def is the costly part
        SemanticModel model = ctx.model();
        Stmt.FunctionNode function = model.enclosingFunction(call);
        if (function == null || !callsItself(model, call, function)) return;
        for (Expr.Subscript s : shrunk) {
            Symbol parameter = Trees.symbolOf(model, s.value());
            if (parameter == null || !isParameterOf(model, parameter, function)) continue;
            PyType type = model.typeOf(parameter);
            if (type.isKnown() ? !type.isCopyingSequence() : ModuleImports.of(model).arrayLibrary() || hasAnnotation(parameter)) continue;
            if (onlyWhileAPatternMatches(model, call, function, parameter.name())) continue;
            Costs.Verdict verdict = Costs.quadratic(new Costs.Size(SizeProvenance.of(model).ofSymbol(parameter), "len(" + parameter.name() + ")"),
                    Costs.Unknown.REPORT);
            if (verdict.silent()) continue;
            ctx.report(s, "`" + ctx.text(s) + "` copies nearly all of `" + parameter.name() + "` at every level of "
                    + "the recursion (O(n²) copying); pass start/end indices instead")
                    .cost(verdict.cost())
                    .related(function, "the recursive function");
        }
    }


    /** a[k:], a[:-k], a[k:-m] with small constants k, m (not a[:] and not a[:mid]). */
    private static boolean shrinksByConstant(Expr.Subscript s) {
        if (!(s.slice() instanceof Expr.Slice sl) || sl.step() != null) return false;
        if (sl.lower() == null && sl.upper() == null) return false;
        Long lo = sl.lower() == null ? Long.valueOf(0) : Trees.intConstant(sl.lower());
        Long hi = sl.upper() == null ? Long.valueOf(-1) : Trees.intConstant(sl.upper());
        return lo != null && hi != null && lo >= 0 && hi < 0;
    }

    /**
     * f(...) naming the enclosing def; self.f(...) from a method whose first parameter is self; or
     * other.f(...) where other is known to be another instance of the method's class (self.next
     * assigned Node(...), a parameter annotated "Tree").
     */
    private static boolean callsItself(SemanticModel model, Expr.Call call, Stmt.FunctionNode function) {
        if (call.func() instanceof Expr.Name n) {
            Symbol s = model.symbol(n);
            if (s == null || s.bindings().size() != 1) return false;
            Binding b = s.bindings().get(0);
            return b.kind() == Binding.Kind.FUNCTION && b.node() == function;
        }
        if (!(call.func() instanceof Expr.Attribute a) || !a.attr().equals(function.name())
                || !(model.parent(function) instanceof Stmt.ClassDef cls) || !function.decoratorList().isEmpty()) return false;
        List<Arg> params = function.args().posonlyargs().isEmpty() ? function.args().args()
                : function.args().posonlyargs();
        if (params.isEmpty()) return false;
        if (a.value() instanceof Expr.Name self && model.symbol(self) != null
                && model.symbol(self).name().equals(params.get(0).arg()) && isParameterOf(model, model.symbol(self), function)) {
            return true;
        }
        return model.instanceClass(a.value()) == cls;
    }

    /**
     * Whether the call runs only when the parameter starts or ends with a constant or matches a
     * regular expression ({@code k.startswith("REDIRECT_") and f(k[9:])}): the recursion goes as
     * deep as the pattern repeats, usually once or twice, not as long as the sequence is.
     */
    private static boolean onlyWhileAPatternMatches(SemanticModel model, Expr.Call call, Stmt.FunctionNode function,
                                                    String parameter) {
        Node child = call;
        for (Node p = model.parent(call); p != null && p != function; child = p, p = model.parent(p)) {
            List<Expr> guards = new ArrayList<>();
            if (p instanceof Stmt.If i && SemanticModel.contains(i.body(), child)) guards.add(i.test());
            else if (p instanceof Stmt.While w && SemanticModel.contains(w.body(), child)) guards.add(w.test());
            else if (p instanceof Expr.IfExp i && i.body() == child) guards.add(i.test());
            else if (p instanceof Expr.BoolOp b && b.op() == BoolOperator.And) {
                for (Expr v : b.values()) {
                    if (v == child) break;
                    guards.add(v); // a and f(...): f runs only when a holds
                }
            }
            for (Expr guard : guards) {
                if (Trees.any(List.of(guard), n -> isPatternTest(n, parameter))) return true;
            }
        }
        return false;
    }

    /** p.startswith(constant), p.endswith(constant), or a regex match(…, p) / fullmatch(…, p). */
    private static boolean isPatternTest(Node n, String parameter) {
        if (!(n instanceof Expr.Call c) || !(c.func() instanceof Expr.Attribute a)) return false;
        if (a.attr().equals("startswith") || a.attr().equals("endswith")) {
            return a.value() instanceof Expr.Name name && name.id().equals(parameter)
                    && c.args().size() == 1 && (c.args().get(0) instanceof Expr.Constant
                    || c.args().get(0) instanceof Expr.TupleExpr t && t.elts().stream().allMatch(x -> x instanceof Expr.Constant));
        }
        return (a.attr().equals("match") || a.attr().equals("fullmatch"))
                && c.args().stream().anyMatch(x -> x instanceof Expr.Name name && name.id().equals(parameter));
    }

    /** An annotation memlint cannot read (memoryview, ndarray, Sequence[int]…) may name a type whose slices are views. */
    private static boolean hasAnnotation(Symbol parameter) {
        return parameter.bindings().stream().anyMatch(b -> b.kind() == Binding.Kind.PARAMETER
                && ((Arg) b.node()).annotation() != null);
    }

    private static boolean isParameterOf(SemanticModel model, Symbol s, Stmt.FunctionNode function) {
        return s.scope() == model.scopeCreatedBy(function)
                && s.bindings().stream().anyMatch(b -> b.kind() == Binding.Kind.PARAMETER);
    }
}
