package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Files and io buffers: what reading, writing and iterating them allocate. */
final class Files {
    /** Iterating a file reads ahead one 8 KiB chunk. */
    private static final long FILE_READ_AHEAD = 8192;
    private final Interpreter in;

    Files(Interpreter in) {
        this.in = in;
    }

    Obj open(Expr.Call c) {
        String mode = c.args().size() > 1 ? Builtins.constantText(c.args().get(1)) : null;
        for (var k : c.keywords()) if ("mode".equals(k.arg())) mode = Builtins.constantText(k.value());
        boolean binary = mode != null && mode.contains("b");
        Obj file = in.fixed(Obj.Kind.FILE, in.model.library(binary ? "binaryFile" : "textFile"));
        file.producer = binary ? "binary" : "text";
        return file;
    }

    /** Leaving a with block of a library object: a file closes and frees its buffers. */
    void exit(Obj cm) {
        if (cm != null && cm.kind == Obj.Kind.FILE && cm.fresh) {
            in.touch(cm);
            cm.fixed = Sym.of(in.model.library("contextManager"));
        }
    }

    Sym fileSize(Obj file) {
        if (file.fileSize != null) return file.fileSize;
        return Sym.var("size(" + (file.path != null ? file.path : "f") + ")");
    }

    Obj buffer(Obj recv, String name, Obj first, Expr.Call where) {
        boolean text = recv.kind == Obj.Kind.TEXT_BUFFER;
        switch (name) {
            case "write": case "writelines":
                if (first != null) {
                    Sym n = first.count != null ? first.count : Sym.of(Interpreter.ITEM_CHARS);
                    if (!text) in.containers.growBy(recv, n, List.of(), n);
                    else if (name.equals("write")) writeText(recv, first, n, Sym.of(1));
                    else writeText(recv, first.groups, Sym.mul(Sym.of(Interpreter.ITEM_CHARS), n), n);
                }
                return in.computedInt(null);
            case "getvalue": case "read": {
                Sym n = recv.count != null ? recv.count : Sym.var("len(" + recv.path + ")");
                if (text) return in.str(n);
                Obj out = in.make(Obj.Kind.BYTES, n);
                if (recv.fresh && name.equals("getvalue")) { // the bytes object shares the buffer
                    in.touch(recv);
                    recv.bulk = Sym.ZERO;
                }
                return out;
            }
            case "seek": case "truncate": case "tell": case "close": case "flush":
                return in.computedInt(null);
            default:
                in.library.notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    /** Writes a piece of text to a text buffer (io.StringIO) in one write call. */
    void writeText(Obj buffer, Obj piece, Sym chars, Sym writes) {
        writeText(buffer, piece == null ? List.of() : List.of(new Obj.Group(Sym.of(1), piece)), chars, writes);
    }

    /**
     * Writes pieces of text to a text buffer: 3.11 keeps the pieces themselves (a list of them that
     * getvalue joins), a slot each; later versions copy the characters into one growing buffer.
     */
    void writeText(Obj buffer, List<Obj.Group> pieces, Sym chars, Sym writes) {
        long perWrite = in.model.library("stringIOPerWrite");
        Sym copied = Sym.mul(Sym.of(in.model.library("stringIOPerKiloChar") / 1000.0), chars);
        in.containers.growBy(buffer, chars, perWrite > 0 ? pieces : List.of(),
                Sym.add(copied, Sym.mul(Sym.of(perWrite), writes)));
    }

    Obj file(Obj recv, String name, Obj first, Expr.Call where) {
        boolean binary = "binary".equals(recv.producer);
        Sym size = fileSize(recv);
        switch (name) {
            case "read": {
                Sym n = first != null && first.value != null ? first.value : size;
                Obj raw = in.make(Obj.Kind.BYTES, n);
                if (binary) return raw;
                in.observe(in.footprint.own(raw)); // the bytes read, alive while they are decoded
                return in.str(n);
            }
            case "readline":
                guessedLines(where);
                return binary ? in.make(Obj.Kind.BYTES, Sym.of(Interpreter.LINE_CHARS)) : in.str(Sym.of(Interpreter.LINE_CHARS));
            case "readlines": {
                guessedLines(where);
                in.observe(in.footprint.own(in.str(size)));
                return in.library.parts(size, Interpreter.LINE_CHARS);
            }
            case "write": case "writelines": case "flush": case "seek": case "tell": case "truncate":
                return in.computedInt(null);
            case "close":
                exit(recv);
                return in.none();
            case "__enter__":
                return recv;
            default:
                in.library.notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }

    /** How long a file's lines are is a guess about the data: said in limits. */
    private void guessedLines(Expr.Call where) {
        String file = where.func() instanceof Expr.Attribute a ? Interpreter.text(a.value()) : "a file";
        in.library.guessed("lines of " + file, where.pos().line(), Interpreter.LINE_CHARS);
    }

    /** Lines of a text file or buffer: size / LINE_CHARS of them, each a new str; the file reads ahead. */
    void produceLines(Obj file, Consumer<Obj> body, int line, Set<String> carried) {
        in.library.guessed("lines of " + in.pathOf(file), line, Interpreter.LINE_CHARS);
        Sym size = file.kind == Obj.Kind.FILE ? fileSize(file) : file.count == null ? Sym.var("len(?)") : file.count;
        Sym trips = Sym.mul(Sym.of(1.0 / Interpreter.LINE_CHARS), size);
        if (file.kind == Obj.Kind.FILE && file.fresh) {
            in.touch(file);
            file.fixed = Sym.add(file.fixed, Sym.of(FILE_READ_AHEAD)); // iterating reads ahead a chunk, kept until closed
        }
        in.looping.loop(trips, null, null, carried, line, () -> body.accept(in.str(Sym.of(Interpreter.LINE_CHARS))), null);
    }
}
