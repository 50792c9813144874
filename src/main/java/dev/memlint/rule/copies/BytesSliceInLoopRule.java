package dev.memlint.rule.copies;

import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.Operator;
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

import java.util.Set;

/**
 * MEM105: a slice of bytes or a bytearray made in a loop and handed straight to something that reads
 * any buffer (a socket's send, a file's write, a hash's update, struct.unpack, zlib…), where a slice
 * of a memoryview would pass the same bytes without copying them. Slices of a few constant bytes
 * are left alone: a memoryview object is larger than they are.
 */
@RuleMeta(code = "MEM105", name = "bytes-slice-in-loop", severity = Severity.WARNING,
        summary = "Bytes are sliced in a loop for a reader that accepts a memoryview, which would not copy.",
        tags = {"memory", "performance"})
public final class BytesSliceInLoopRule implements Rule {
    /** Methods (on sockets, files, hashes, compressors, bytearrays) that accept any bytes-like object. */
    private static final Set<String> BUFFER_METHODS = Set.of("send", "sendall", "sendto", "write", "update",
            "compress", "decompress", "extend");
    /** Functions that accept any bytes-like object. */
    private static final Set<String> BUFFER_FUNCTIONS = Set.of("struct.unpack", "zlib.crc32", "zlib.adler32",
            "binascii.crc32", "binascii.hexlify", "binascii.b2a_hex", "base64.b64encode", "zlib.compress",
            "zlib.decompress", "hashlib.sha1", "hashlib.sha256", "hashlib.md5", "hashlib.sha512");
    /** Slices up to this many bytes are cheaper to copy than a memoryview (184 bytes on CPython 3.13). */
    private static final long SMALL_SLICE = 64;

    @Override
    public void init(RuleInit init) {
        init.on(Expr.Subscript.class, this::check);
    }

    private void check(RuleContext ctx, Expr.Subscript slice) {
        SemanticModel model = ctx.model();
        if (!(slice.slice() instanceof Expr.Slice sl) || sl.step() != null || !large(slice, sl)) return;
        if (Trees.isLiteralSized(slice.value())) return; // (b"\x00" * 32)[:size]: a few bytes at most
        PyType type = model.typeOf(slice.value());
        if (type != PyType.BYTES && type != PyType.BYTEARRAY) return;
        String reader = model.parent(slice) instanceof Expr.Call call && SemanticModel.contains(call.args(), slice)
                ? bufferReader(model, call) : readerThroughLocal(model, slice);
        if (reader == null) return;
        Located loop = model.enclosingLoop(slice);
        if (loop == null) return;
        // data[i:i + n], one window per iteration: the windows add up to the data once, a linear copy.
        Costs.Verdict verdict = isWindow(sl)
                ? Costs.linear("copies all of " + "len(" + ctx.text(slice.value()) + ") once, window by window",
                        Costs.sizeOf(ctx, slice.value()), Costs.Unknown.REPORT)
                : Costs.perIteration("copies up to %s bytes",
                        new Costs.Size(SizeProvenance.of(model).size(slice), "len(" + ctx.text(slice) + ")"),
                        Costs.runsOf(ctx, slice), Costs.Unknown.REPORT);
        if (verdict.silent()) return;
        String advice = reader.equals("struct.unpack")
                ? "use `struct.unpack_from(fmt, data, offset)`, which reads in place"
                : "slice a `memoryview` of the data instead, which shares the bytes";
        ctx.report(slice, "`" + ctx.text(slice) + "` copies bytes on every iteration only to pass them to `"
                + reader + "`; " + advice).severity(verdict.severity()).cost(verdict.cost()).loop(loop);
    }

    /**
     * {@code chunk = data[i:j]} whose every use is an argument of buffer readers ({@code sock.send(chunk)}):
     * the name only carries the copy to them. The reader's name, or null.
     */
    private static String readerThroughLocal(SemanticModel model, Expr.Subscript slice) {
        if (!(model.parent(slice) instanceof dev.memlint.ast.Stmt.Assign a) || a.targets().size() != 1
                || !(a.targets().get(0) instanceof Expr.Name target)) return null;
        var sym = model.symbol(target);
        if (sym == null || sym.bindings().size() != 1 || sym.uses().isEmpty() || !sym.scope().isFunctionLike()) return null;
        String reader = null;
        for (Expr.Name use : sym.uses()) {
            if (!(model.parent(use) instanceof Expr.Call call) || !SemanticModel.contains(call.args(), use)
                    || model.enclosingLoop(use) != model.enclosingLoop(slice)) return null;
            String r = bufferReader(model, call);
            if (r == null) return null;
            if (reader == null) reader = r;
        }
        return reader;
    }

    private static String bufferReader(SemanticModel model, Expr.Call call) {
        String q = model.qualifiedName(call.func());
        if (q != null && BUFFER_FUNCTIONS.contains(q)) return q;
        if (call.func() instanceof Expr.Attribute a && BUFFER_METHODS.contains(a.attr())) return a.attr();
        return null;
    }

    private static boolean isWindow(Expr.Slice sl) {
        return sl.lower() != null && sl.upper() instanceof Expr.BinOp b && b.op() == Operator.Add
                && Mutations.sameReference(b.left(), sl.lower());
    }

    /** Not a slice of a few constant bytes: a[i:i+4], a[:8], a[-2:] are left alone. */
    private static boolean large(Expr.Subscript s, Expr.Slice sl) {
        SliceShape shape = SliceShape.of(s);
        if (shape == SliceShape.FULL) return false;
        if (shape.grows()) return true;
        if (sl.lower() == null || sl.upper() == null) return false; // a[:8], a[-2:]
        Long lo = Trees.intConstant(sl.lower());
        Long hi = Trees.intConstant(sl.upper());
        if (lo != null && hi != null) return hi - lo > SMALL_SLICE;
        if (sl.upper() instanceof Expr.BinOp b && b.op() == Operator.Add) {
            Long width = Trees.intConstant(b.right()) != null ? Trees.intConstant(b.right()) : Trees.intConstant(b.left());
            Expr base = Trees.intConstant(b.right()) != null ? b.left() : b.right();
            if (width != null && Mutations.sameReference(base, sl.lower())) return width > SMALL_SLICE;
        }
        return true;
    }
}
