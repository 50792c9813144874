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
                if (in.index.classNamed(b) == null && namedAsException(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A class outside the module named as exception types are (ValueError, errors.APIError, BaseException). */
    static boolean namedAsException(String name) {
        return name.endsWith("Error") || name.endsWith("Exception") || name.endsWith("Warning");
    }

    void initException(Obj inst, List<Obj> args) {
        inst.fixed = Sym.of(in.model.exception());
        inst.attrs.put("args", in.tuple(new ArrayList<>(args)));
    }

    /**
     * The exception an except clause binds: the one raised in the try body (by a followed call or a
     * raise), with its traceback: an entry per frame from the raise to this one, each keeping its
     * frame's object alive. CPython makes a frame's object once per call however many tracebacks
     * name it: the calls the exception left (exited, innermost first) and this one.
     */
    Obj caught(Obj raised, Interpreter.Frame here, List<Interpreter.Frame> exited) {
        Obj exc = raised != null ? raised : exception(null);
        if (exc.attrs.containsKey("__traceback__")) return exc;
        Obj tb = in.fixed(Obj.Kind.OPAQUE, (exited.size() + 1) * in.model.traceback());
        tb.attrs.put("tb_frame", frameObject(here));
        for (int i = 0; i < exited.size(); i++) {
            Interpreter.Frame left = exited.get(i);
            Obj frame = frameObject(left);
            // a call that has returned: its frame object now owns the locals it had when the exception left it
            left.env.forEach((name, value) -> { if (value != null) frame.attrs.putIfAbsent("f_locals." + name, value); });
            tb.attrs.put("tb_next" + i, frame);
        }
        in.touch(exc);
        exc.attrs.put("__traceback__", tb);
        return exc;
    }

    /** The call's frame object, made with the call as far as loops are concerned: it is counted once. */
    Obj frameObject(Interpreter.Frame frame) {
        if (frame.frameObject == null) {
            frame.frameObject = new Obj(Obj.Kind.OPAQUE, null, true, frame.stamp);
            frame.frameObject.frameOf = frame;
            frame.frameObject.made = in.clock++;
            frame.frameObject.fixed = Sym.of(in.model.frame(frame.function == null ? 8 : in.syntax.slots(frame.function)));
        }
        return frame.frameObject;
    }
}
