package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.List;
import java.util.Map;

/** Methods of str and bytes, and the characters a formatted value takes. */
final class Texts {
    private final Interpreter in;

    Texts(Interpreter in) {
        this.in = in;
    }

    /** The characters a value takes when formatted (str(), an f-string field). */
    Sym formattedLength(Obj v, Expr spec) {
        if (v == null) return Sym.of(8);
        return switch (v.kind) {
            case STR -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : v.count;
            case INT -> v.value instanceof Sym.Const c ? Sym.of(Long.toString((long) c.value()).length()) : Sym.of(5);
            case FLOAT -> spec != null ? Sym.of(8) : Sym.of(17);
            case BOOL -> Sym.of(5);
            case NONE -> Sym.of(4);
            case LIST, TUPLE, SET, DICT -> v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : Sym.mul(Sym.of(8), v.count);
            default -> Sym.of(Interpreter.ITEM_CHARS);
        };
    }

    /**
     * A fresh str made of these pieces: its length; how many texts it can be, when each field takes
     * few values (a text made of values from small sets is one of few texts); the loop counters it is
     * made of, when every field is an int computed from counters (f"key{i}": the text is the same on
     * every iteration of a loop whose counter it does not mention).
     */
    Obj ofPieces(List<Obj.Piece> pieces) {
        Sym length = Sym.ZERO, distinct = Sym.of(1);
        java.util.Set<String> counters = new java.util.LinkedHashSet<>();
        for (Obj.Piece p : pieces) {
            length = Sym.add(length, p.length());
            distinct = distinct == null || p.distinct() == null ? null : Sym.mul(distinct, p.distinct());
            if (counters != null && p.counters() != null) counters.addAll(p.counters());
            else counters = null;
        }
        Obj text = in.str(length);
        text.distinct = distinct;
        text.counters = counters == null || counters.isEmpty() ? null : counters;
        return text;
    }

    /** A field that formats as [-]digits never holds a separator with none of those characters. */
    private static final String DIGITS = "-0123456789";

    /**
     * The parts of an f-string's text split at a separator found in its literals
     * (f"pkg{i % 10}/mod{i}".split("/") is f"pkg{i % 10}" and f"mod{i}"), each the pieces between two
     * separators: a part keeps their length, their few values (a prefix many texts share) and their
     * counters. Null when the text's pieces are not known or a field could hold the separator.
     */
    private static List<List<Obj.Piece>> splitPieces(Obj recv, String sep) {
        if (recv.pieces == null || sep == null || sep.isEmpty()) return null;
        return splitPieces(recv, sep, false);
    }

    /**
     * As above, split() without a separator: at runs of whitespace, with no empty parts (a digits
     * field holds no whitespace and is never empty, so a part with no pieces is an empty text).
     */
    private static List<List<Obj.Piece>> splitPieces(Obj recv, String sep, boolean whitespace) {
        if (recv.pieces == null) return null;
        List<List<Obj.Piece>> parts = new java.util.ArrayList<>();
        List<Obj.Piece> current = new java.util.ArrayList<>();
        for (Obj.Piece p : recv.pieces) {
            if (p.text() == null) {
                if (!p.digits() || !whitespace && sep.chars().anyMatch(ch -> DIGITS.indexOf(ch) >= 0)) return null;
                current.add(p);
                continue;
            }
            String[] chunks = whitespace ? whitespaceChunks(p.text()) : p.text().split(java.util.regex.Pattern.quote(sep), -1);
            for (int k = 0; k < chunks.length; k++) {
                if (k > 0) {
                    parts.add(current);
                    current = new java.util.ArrayList<>();
                }
                if (!chunks[k].isEmpty()) current.add(Obj.Piece.literal(chunks[k]));
            }
        }
        parts.add(current);
        if (whitespace) parts.removeIf(List::isEmpty);
        return parts;
    }

    /** A literal cut at each run of whitespace (str.isspace's characters), an empty chunk where it begins or ends with one. */
    private static String[] whitespaceChunks(String text) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && !isSpace(text.charAt(i))) continue;
            out.add(text.substring(start, i));
            while (i + 1 < text.length() && isSpace(text.charAt(i + 1))) i++;
            start = i + 1;
        }
        return out.toArray(String[]::new);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** Parts put back together with the separator between them, adjacent literals as one. */
    private static List<Obj.Piece> joined(List<List<Obj.Piece>> parts, String sep) {
        List<Obj.Piece> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            List<Obj.Piece> all = new java.util.ArrayList<>(parts.get(i));
            if (i > 0) all.add(0, Obj.Piece.literal(sep));
            for (Obj.Piece p : all) {
                Obj.Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (p.text() != null && last != null && last.text() != null) out.set(out.size() - 1, Obj.Piece.literal(last.text() + p.text()));
                else out.add(p);
            }
        }
        return out;
    }

    /** A str that is this literal text, shared as a constant is (a separator, an empty or one-character part). */
    private Obj literalStr(String text) {
        Obj s = in.constantStr(text.length());
        s.literal = text;
        return s;
    }

    /** A part of a split text: a str of its pieces; an empty or one-character literal is CPython's cached one. */
    private Obj part(List<Obj.Piece> pieces) {
        StringBuilder text = new StringBuilder();
        for (Obj.Piece p : pieces) {
            if (text != null && p.text() != null) text.append(p.text());
            else text = null;
        }
        if (text != null && text.length() <= 1) return literalStr(text.toString());
        Obj out = ofPieces(pieces);
        out.pieces = pieces;
        if (text != null) out.literal = text.toString();
        return out;
    }

    /** How many parts a split of a text whose pieces are not known makes is a guess about the data: said in limits. */
    private Obj guessedParts(Sym n, Expr.Call where, String what, long each) {
        if (where != null && where.func() instanceof Expr.Attribute a) {
            return in.library.guessedParts(n, each, what + " of " + Interpreter.text(a.value()), where.pos().line());
        }
        return in.library.parts(n, each);
    }

    Obj text(Obj recv, String name, List<Obj> args, Map<String, Obj> kwargs, Expr firstExpr, Expr.Call where) {
        Obj first = Library.arg(args, 0);
        Sym n = recv.count != null ? recv.count : Sym.var("len(" + (recv.path != null ? recv.path : "?") + ")");
        boolean bytes = recv.kind == Obj.Kind.BYTES;
        if (Library.SAME_LENGTH.contains(name)) {
            Obj out = bytes ? in.make(Obj.Kind.BYTES, n) : in.str(n);
            if (!bytes) out.fixed = recv.fixed;
            return out;
        }
        switch (name) {
            case "split": case "rsplit": {
                Obj max = args.size() > 1 ? args.get(1) : kwargs.get("maxsplit");
                if (max != null && max.value instanceof Sym.Const k && k.value() >= 0) {
                    return in.library.listOf(Sym.of(k.value() + 1), in.str(Sym.mul(Sym.of(1 / (k.value() + 1)), n)));
                }
                String sep = firstExpr == null ? null : Builtins.constantText(firstExpr);
                boolean whitespace = args.isEmpty() && kwargs.isEmpty();
                List<List<Obj.Piece>> known = max != null ? null : whitespace ? splitPieces(recv, null, true) : splitPieces(recv, sep);
                if (known != null) {
                    Obj list = in.make(Obj.Kind.LIST, Sym.of(known.size()));
                    list.layout = Obj.Layout.APPENDED;
                    for (List<Obj.Piece> p : known) list.groups.add(new Obj.Group(Sym.of(1), part(p)));
                    list.item = list.groups.get(0).item();
                    return list;
                }
                boolean lines = sep != null && sep.equals("\n");
                return guessedParts(n, where, lines ? "lines" : "parts", lines ? Interpreter.LINE_CHARS : Interpreter.WORD_CHARS);
            }
            case "splitlines":
                return guessedParts(n, where, "lines", Interpreter.LINE_CHARS);
            case "partition": case "rpartition": {
                String sep = firstExpr == null ? null : Builtins.constantText(firstExpr);
                List<List<Obj.Piece>> known = splitPieces(recv, sep);
                if (known != null && known.size() == 1) { // not found: the text itself and two empty ones
                    Obj empty = in.constantStr(0);
                    return in.tuple(name.equals("partition") ? List.of(recv, empty, empty) : List.of(empty, empty, recv));
                }
                if (known != null) { // the separator given is the middle part
                    int at = name.equals("partition") ? 1 : known.size() - 1;
                    return in.tuple(List.of(part(joined(known.subList(0, at), sep)), literalStr(sep),
                            part(joined(known.subList(at, known.size()), sep))));
                }
            }
                return in.tuple(List.of(in.str(n), in.constantStr(1), in.str(Sym.of(Interpreter.WORD_CHARS))));
            case "join": {
                if (first == null) return in.str(Sym.var("len(" + Interpreter.text(where) + ")"));
                Obj items = first;
                if (in.builtins.consumable(first)) {
                    Obj list = in.make(Obj.Kind.LIST, Sym.ZERO);
                    list.layout = Obj.Layout.APPENDED;
                    in.temps.add(list);
                    try {
                        in.iterables.produce(first, x -> in.containers.grow(list, Sym.of(1), x), firstExpr);
                    } finally {
                        in.temps.remove(list);
                    }
                    items = list;
                    in.temps.add(list);
                }
                Sym length = Sym.ZERO;
                Sym count = in.library.countOf(items, Interpreter.text(firstExpr));
                if (!items.groups.isEmpty()) {
                    for (Obj.Group g : items.groups) {
                        Obj it = g.item();
                        Sym each = it != null && it.count != null && it.isText() ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                        length = Sym.add(length, Sym.mul(g.count(), each));
                    }
                } else {
                    Obj it = in.expressions.elementOf(items);
                    Sym each = it != null && it.count != null ? it.count : Sym.of(Interpreter.ITEM_CHARS);
                    length = Sym.mul(count, each);
                }
                length = Sym.add(length, Sym.mul(count, n));
                Obj out = bytes ? in.make(Obj.Kind.BYTES, length) : in.str(length);
                in.observe(in.footprint.own(out));
                if (items != first) in.temps.remove(items);
                return out;
            }
            case "format": {
                Sym length = n;
                for (Obj a : args) length = Sym.add(length, formattedLength(a, null));
                for (Obj a : kwargs.values()) length = Sym.add(length, formattedLength(a, null));
                return in.str(length);
            }
            case "encode":
                return in.make(Obj.Kind.BYTES, n);
            case "decode":
                return in.str(n);
            case "hex":
                return in.str(Sym.mul(Sym.of(2), n));
            case "count": case "index": case "find":
                return in.computedInt(null);
            default:
                in.library.notFollowed(Interpreter.text(where.func()), where);
                return null;
        }
    }
}
