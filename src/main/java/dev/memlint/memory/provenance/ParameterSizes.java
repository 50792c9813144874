package dev.memlint.memory.provenance;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.Scope;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.ArrayList;
import java.util.List;

/**
 * The size of a parameter. A public function's parameters are input-driven: any caller may pass
 * anything. A private one (a leading underscore, or nested in another function) is only called
 * from this module, so its parameter is as large as the largest argument its call sites pass,
 * as long as every use of the function is a plain call; {@code self} and {@code cls} are no data.
 * {@code *args} and {@code **kwargs} hold what each call writes out: input, but never large.
 */
final class ParameterSizes {
    private final SemanticModel model;
    private final SizeProvenance sizes;

    ParameterSizes(SemanticModel model, SizeProvenance sizes) {
        this.model = model;
        this.sizes = sizes;
    }

    Provenance of(Binding b) {
        Arg arg = (Arg) b.node();
        Node owner = b.scope().node();
        if (!(owner instanceof Stmt.FunctionNode f)) return Provenance.UNKNOWN; // a lambda: called from anywhere
        Arguments args = f.args();
        List<Arg> positional = new ArrayList<>(args.posonlyargs());
        positional.addAll(args.args());
        boolean method = model.parent(f) instanceof Stmt.ClassDef;
        boolean isStatic = f.decoratorList().stream().anyMatch(d -> d instanceof Expr.Name n && n.id().equals("staticmethod"));
        if (method && !isStatic && !positional.isEmpty() && positional.get(0) == arg) return Provenance.UNKNOWN;
        if (arg == args.vararg() || arg == args.kwarg()) return Provenance.input(Provenance.Origin.ARGUMENTS, arg.arg());
        Provenance public_ = Provenance.input(Provenance.Origin.PARAMETER, arg.arg());
        if (!isPrivate(f)) return public_;
        List<Expr.Call> calls = callSites(f, method);
        if (calls == null || calls.isEmpty()) return public_;
        int index = indexOf(positional, arg);
        int shift = method && !isStatic ? 1 : 0; // self.f(x): x is the second parameter
        int kwIndex = indexOf(args.kwonlyargs(), arg);
        Provenance result = Provenance.constant(0);
        for (Expr.Call call : calls) {
            Expr passed = argumentFor(call, arg.arg(), index < 0 ? -1 : index - shift);
            if (passed == null) {
                if (hasUnpacking(call)) return public_;
                passed = defaultOf(args, positional, index, kwIndex);
                if (passed == null) continue; // a required parameter left out: the call raises
            }
            result = result.join(sizes.size(passed));
        }
        return result;
    }

    private boolean isPrivate(Stmt.FunctionNode f) {
        if (model.enclosingFunction(f) != null) return true;
        String name = f.name();
        return name.startsWith("_") && !name.endsWith("__");
    }

    /** Every call of f in the module; null when f is also used otherwise (passed on, stored, decorated). */
    private List<Expr.Call> callSites(Stmt.FunctionNode f, boolean method) {
        if (!f.decoratorList().isEmpty() && !method) return null;
        List<Expr.Call> calls = new ArrayList<>();
        if (method) {
            for (Node n : model.nodes()) {
                if (n instanceof Expr.Attribute a && a.attr().equals(f.name())) {
                    if (!(model.parent(a) instanceof Expr.Call c) || c.func() != a) return null;
                    calls.add(c);
                }
            }
            return calls;
        }
        Scope defining = model.scopeOf(f);
        Symbol s = defining.symbol(f.name());
        if (s == null || s.bindings().size() != 1) return null;
        for (Expr.Name use : s.uses()) {
            if (!(model.parent(use) instanceof Expr.Call c) || c.func() != use) return null;
            calls.add(c);
        }
        return calls;
    }

    private static Expr argumentFor(Expr.Call call, String name, int position) {
        for (Keyword k : call.keywords()) if (name.equals(k.arg())) return k.value();
        if (position >= 0 && position < call.args().size()) {
            for (int i = 0; i <= position; i++) if (call.args().get(i) instanceof Expr.Starred) return null;
            return call.args().get(position);
        }
        return null;
    }

    private static boolean hasUnpacking(Expr.Call call) {
        return call.args().stream().anyMatch(a -> a instanceof Expr.Starred)
                || call.keywords().stream().anyMatch(k -> k.arg() == null);
    }

    private static Expr defaultOf(Arguments args, List<Arg> positional, int index, int kwIndex) {
        if (index >= 0) {
            int firstDefault = positional.size() - args.defaults().size();
            return index >= firstDefault ? args.defaults().get(index - firstDefault) : null;
        }
        return kwIndex >= 0 ? args.kwDefaults().get(kwIndex) : null;
    }

    private static int indexOf(List<Arg> args, Arg arg) {
        for (int i = 0; i < args.size(); i++) if (args.get(i) == arg) return i;
        return -1;
    }
}
