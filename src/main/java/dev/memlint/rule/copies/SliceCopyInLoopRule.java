package dev.memlint.rule.copies;

import dev.memlint.ast.CmpOp;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;
import dev.memlint.rule.Mutations;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleContext;
import dev.memlint.rule.RuleInit;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.Severity;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.rule.support.Costs;
import dev.memlint.rule.support.Trees;
import dev.memlint.semantic.PyType;
import dev.memlint.semantic.SemanticModel;

import java.util.List;
import java.util.Set;

/**
 * MEM101: a growing slice ({@code a[i:]}, {@code a[:j]}) of a list, str, tuple or bytes made on every
 * iteration of a loop only to be read once, where the reader accepts indices or an iterator instead:
 * {@code for x in a[i:]}, {@code sum(a[i:])}, {@code x in a[i:]}, {@code s[i:].startswith(p)}.
 * Slices that are kept (stored, returned, passed to other functions) are not flagged.
 */
@RuleMeta(code = "MEM101", name = "slice-copy-in-loop", severity = Severity.WARNING,
        summary = "A slice of a sequence is copied on every iteration of a loop only to be read once.",
        tags = {"memory", "performance"})
public final class SliceCopyInLoopRule implements Rule {
    private static final Set<PyType> SEQUENCES = Set.of(PyType.LIST, PyType.TUPLE, PyType.STR, PyType.BYTES,
            PyType.BYTEARRAY);
    private static final Set<String> ITERATING_BUILTINS = Set.of("sum", "min", "max", "any", "all", "enumerate",
            "set", "frozenset");
    /** str/bytes methods that take start and end positions, so the slice can become arguments. */
    private static final Set<String> POSITIONAL_TEXT_METHODS = Set.of("startswith", "endswith", "find", "rfind",
            "index", "rindex", "count");

    @Override
    public void init(RuleInit init) {
        init.on(Expr.Subscript.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Subscript slice) {
        SliceShape shape = SliceShape.of(slice);
        if (!shape.grows()) return;
        SemanticModel model = ctx.model();
        PyType type = model.typeOf(slice.value());
        if (!SEQUENCES.contains(type)) return;
        Node loop = model.enclosingLoop(slice);
        if (loop == null) return;
        String instead = alternative(model, slice, type);
        if (instead == null || instead.contains("islice") && freshEachIteration(model, slice.value(), loop)) return;
        if (walkedWhileChanged(model, slice)) return;
        // A display's size is fixed in the source (test tables, option lists): slicing it copies a handful
        // of items; so does any slice in a loop of a few iterations.
        Costs.Verdict verdict = Costs.perIteration("copies up to %s " + unit(type),
                new Costs.Size(SizeProvenance.of(model).size(slice), "len(" + ctx.text(slice.value()) + ")"),
                Costs.runsOf(ctx, slice), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        // Text searched from a position: the bounds as arguments save the copy and most of the time.
        // Other readers save the copy's memory, but a C-level list copy is fast: a note.
        boolean positional = instead.startsWith("pass the bounds") || instead.startsWith("use `find");
        ctx.report(slice, "`" + ctx.text(slice) + "` copies " + (shape == SliceShape.SUFFIX ? "the rest" : "the start")
                        + " of the " + type.name().toLowerCase() + " on every iteration only to read it once; " + instead)
                .severity(positional || verdict.severity() == Severity.WARNING ? Severity.WARNING : Severity.NOTE)
                .cost(verdict.cost())
                .loop((Located) loop);
    }

    /**
     * Whether the loop binds the sliced name anew on each iteration ({@code text = wrap(help)}; then
     * {@code for line in text[1:]}): each copy is of a new sequence, made once, so the copies add up
     * to the data the loop makes anyway, and islice would only cost readability. (len(x[:-1]) still
     * deserves len(x) - 1.) A name shrunk by slicing itself (rest = rest[1:]) is no new sequence.
     */
    private static boolean freshEachIteration(SemanticModel model, Expr sliced, Node loop) {
        if (!(sliced instanceof Expr.Name n) || model.symbol(n) == null) return false;
        for (dev.memlint.semantic.Binding b : model.symbol(n).bindings()) {
            if (b.node() == null || !Trees.isWithin(model, b.node(), loop)) continue;
            boolean fromItself = b.value() != null && dev.memlint.semantic.NodeChildren.anyMatch(List.of(b.value()),
                    x -> x instanceof Expr.Name m && m.id().equals(n.id()));
            if (!fromItself && b.kind() != dev.memlint.semantic.Binding.Kind.AUG_ASSIGNMENT) return true;
        }
        return false;
    }

    /**
     * Whether the slice is what a for loop walks and its body changes the sliced sequence
     * ({@code for t in stubs[-k:]: stubs.remove(t)}): the copy keeps the loop from skipping items.
     */
    private static boolean walkedWhileChanged(SemanticModel model, Expr.Subscript slice) {
        if (!(model.parent(slice) instanceof Stmt.ForNode f) || f.iter() != slice) return false;
        for (Stmt s : f.body()) {
            if (Mutations.mutates(s, e -> Mutations.sameReference(e, slice.value()))) return true;
        }
        return false;
    }

    private static String unit(PyType type) {
        return switch (type) {
            case STR -> "characters";
            case BYTES, BYTEARRAY -> "bytes";
            default -> "items";
        };
    }

    /** What the reader of the slice could take instead, or null when the slice may be needed as is. */
    private static String alternative(SemanticModel model, Expr.Subscript slice, PyType type) {
        Node parent = model.parent(slice);
        if (parent instanceof Stmt.ForNode f && f.iter() == slice
                || parent instanceof Comprehension c && c.iter() == slice) {
            return "iterate over `itertools.islice` or a range of indices instead";
        }
        if (parent instanceof Expr.Call call && call.args().size() == 1 && call.args().get(0) == slice) {
            if (model.isBuiltin(call.func(), "len")) return "compute the length from the bounds instead";
            for (String b : ITERATING_BUILTINS)
                if (model.isBuiltin(call.func(), b)) return "pass `itertools.islice(...)` to `" + b + "` instead";
            return null;
        }
        if (parent instanceof Expr.Compare cmp && isMembershipOperand(cmp, slice)) {
            return type == PyType.LIST || type == PyType.TUPLE
                    ? "search with a loop over indices or `itertools.islice` instead"
                    : "use `find(x, start, end)` instead";
        }
        if (parent instanceof Expr.Attribute a && a.value() == slice && model.parent(a) instanceof Expr.Call c
                && c.func() == a) {
            boolean text = type == PyType.STR || type == PyType.BYTES || type == PyType.BYTEARRAY;
            if (text && POSITIONAL_TEXT_METHODS.contains(a.attr()) || !text && a.attr().equals("index")) {
                return "pass the bounds to `" + a.attr() + "(..., start, end)` instead";
            }
        }
        return null;
    }

    private static boolean isMembershipOperand(Expr.Compare cmp, Expr slice) {
        for (int i = 0; i < cmp.ops().size(); i++) {
            CmpOp op = cmp.ops().get(i);
            if ((op == CmpOp.In || op == CmpOp.NotIn) && cmp.comparators().get(i) == slice) return true;
        }
        return false;
    }
}
