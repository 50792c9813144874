package dev.memlint.memory.size;

import dev.memlint.ast.Stmt;
import dev.memlint.memory.heap.ModuleIndex;

import java.util.ArrayList;
import java.util.List;

/** Exceptions raised and caught: the objects and the traceback CPython keeps. */
final class Exceptions {
    private final Interpreter in;

    Exceptions(Interpreter in) {
        this.in = in;
    }

    Obj exception(Obj message) {
        Obj e = in.make(Obj.Kind.EXCEPTION, null);
        e.fixed = Sym.of(in.model.exception());
        Obj msg = message != null ? message : in.str(Sym.of(24));
        e.attrs.put("args", in.tuple(List.of(msg)));
        return e;
    }

    boolean isExceptionClass(ModuleIndex.ClassInfo cls) {
        for (ModuleIndex.ClassInfo c : in.index.lineage(cls)) {
            for (String b : c.baseNames()) {
                if (in.index.classNamed(b) == null && (b.endsWith("Error") || b.endsWith("Exception")
                        || b.endsWith("Warning") || b.equals("BaseException") || b.equals("Exception"))) {
                    return true;
                }
            }
        }
        return false;
    }

    void initException(Obj inst, List<Obj> args) {
        inst.fixed = Sym.of(in.model.exception());
        inst.attrs.put("args", in.tuple(new ArrayList<>(args)));
    }

    /**
     * The exception an except clause binds: the one raised in the try body (by a followed call or a
     * raise), with the traceback entries and the frames they keep from the raise to this frame.
     */
    Obj caught(Obj raised, int raisedDepth, int depth, Stmt.FunctionNode here) {
        Obj exc = raised != null ? raised : exception(null);
        if (exc.attrs.containsKey("__traceback__")) return exc;
        int entries = Math.max(1, raisedDepth - depth + 1);
        long slots = here == null ? 8 : in.syntax.slots(here);
        Obj tb = in.fixed(Obj.Kind.OPAQUE, entries * (in.model.traceback() + in.model.frame(slots)));
        in.touch(exc);
        exc.attrs.put("__traceback__", tb);
        return exc;
    }
}
