package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Library iterators (map, zip, enumerate, filter, itertools...) run item by item. */
final class Producers {
    private final Interpreter in;

    Producers(Interpreter in) {
        this.in = in;
    }

    /** A row of csv.DictReader: a dict of the line's fields, str keys shared with the header, str values. */
    private Obj csvRow() {
        long fields = Interpreter.LINE_CHARS / Interpreter.WORD_CHARS;
        Obj row = in.make(Obj.Kind.DICT, Sym.of(fields));
        row.strKeys = true;
        Obj value = in.str(Sym.of(Interpreter.WORD_CHARS));
        row.groups.add(new Obj.Group(Sym.of(fields), value));
        row.value2 = value;
        return row;
    }

    /**
     * The item another iterable gives in step with the one being walked (zip's second source): what
     * a map makes of its source's item, made once per step; else the source's item.
     */
    private Obj drawn(Obj source, Expr where) {
        if (source != null && source.kind == Obj.Kind.ITERATOR && "map".equals(source.producer) && source.partialOf != null
                && !source.sources.isEmpty()) {
            List<Obj> args = new ArrayList<>();
            for (Obj s : source.sources) args.add(in.expressions.elementOf(s));
            return in.calls.callObject(source.partialOf, args, Map.of(), where);
        }
        return in.expressions.elementOf(source);
    }

    /** Whether it is a generator function's generator, or iter() of one. */
    private static boolean generatorBehind(Obj it) {
        if (it != null && it.kind == Obj.Kind.ITERATOR && "iter".equals(it.producer) && it.sources.size() == 1) it = it.sources.get(0);
        return it != null && it.kind == Obj.Kind.GENERATOR && it.function != null;
    }

    /** Runs body for each item an iterator made by a builtin yields. */
    void produceIterator(Obj it, Consumer<Obj> body, Expr where, Set<String> carried) {
        int line = where.pos().line();
        Obj src = it.sources.isEmpty() ? null : it.sources.get(0);
        switch (it.producer == null ? "" : it.producer) {
            case "range" -> {
                String var = "i@" + line + ":" + in.clock;
                Sym value = Sym.add(it.value == null ? Sym.ZERO : it.value,
                        Sym.mul(it.fixed2 == null ? Sym.of(1) : it.fixed2, Sym.var(var)));
                in.looping.loop(it.count, var, null, carried, line, () -> body.accept(in.computedInt(value)), null);
            }
            case "map" -> in.iterables.produce(src, x -> {
                List<Obj> args = new ArrayList<>();
                args.add(x);
                for (int i = 1; i < it.sources.size(); i++) args.add(in.expressions.elementOf(it.sources.get(i)));
                Obj f = it.partialOf;
                body.accept(f == null ? null : in.calls.callObject(f, args, Map.of(), where));
            }, where, carried);
            case "filter" -> in.iterables.produce(src, x -> {
                if (it.partialOf != null && it.partialOf.kind != Obj.Kind.NONE) in.calls.callObject(it.partialOf, java.util.Arrays.asList(x), Map.of(), where);
                body.accept(x);
            }, where, carried);
            case "zip", "zip_longest" -> in.iterables.produce(src, x -> {
                List<Obj> parts = new ArrayList<>();
                parts.add(x);
                for (int i = 1; i < it.sources.size(); i++) parts.add(drawn(it.sources.get(i), where));
                body.accept(in.tuple(parts));
            }, where, carried);
            case "enumerate" -> in.iterables.produce(src, x -> body.accept(in.tuple(java.util.Arrays.asList(in.computedInt(null), x))), where, carried);
            case "iter", "reversed", "takewhile", "dropwhile", "accumulate", "compress" -> in.iterables.produce(src, body, where, carried);
            case "chain" -> {
                for (Obj s : it.sources) in.iterables.produce(s, body, where, carried);
            }
            case "from_iterable" -> in.iterables.produce(src, x -> in.iterables.produce(x, body, where), where, carried);
            case "product" -> in.iterables.produce(src, x -> {
                Obj other = it.sources.size() > 1 ? it.sources.get(1) : null;
                in.iterables.produce(other, y -> body.accept(in.tuple(java.util.Arrays.asList(x, y))), where);
            }, where, carried);
            case "groupby" -> {
                // how many distinct keys follow one another is not known: one group, holding every item
                in.limit("groups of itertools.groupby at line " + line + ": taken as one holding all the items; "
                        + "each change of key starts another");
                Obj item = in.expressions.elementOf(src);
                Obj key = it.partialOf == null || it.partialOf.kind == Obj.Kind.NONE ? item
                        : in.calls.callObject(it.partialOf, java.util.Arrays.asList(item), Map.of(), where);
                Obj group = in.fixed(Obj.Kind.ITERATOR, 48); // its _grouper
                group.producer = "iter";
                group.sources = src == null ? List.of() : List.of(src);
                in.looping.loop(Sym.of(1), null, null, carried, line, () -> body.accept(in.tuple(java.util.Arrays.asList(key, group))), null);
            }
            case "pairwise" -> in.iterables.produce(src, x -> body.accept(in.tuple(java.util.Arrays.asList(x, x))), where, carried);
            case "starmap" -> in.iterables.produce(Library.arg(it.sources, 1), x -> body.accept(in.calls.callObject(src, in.bindings.partsOf(x, 2), Map.of(), where)), where, carried);
            case "keys", "values", "items" -> {
                Obj dict = src;
                Obj key = dict == null ? null : dict.item != null ? dict.item : in.expressions.elementOf(dict);
                Obj value = dict == null ? null : dict.value2 != null ? dict.value2 : key;
                Obj item = switch (it.producer) {
                    case "keys" -> key;
                    case "values" -> value;
                    default -> null;
                };
                if (dict != null && !dict.fresh) in.looping.over = dict;
                in.looping.loop(it.count, null, dict != null && !dict.fresh ? item : null, carried, line,
                        () -> body.accept(it.producer.equals("items") ? in.tuple(java.util.Arrays.asList(key, value)) : item), null);
            }
            case "islice", "repeat" -> {
                // a generator runs on to its next yield at each step, making that step's item
                boolean stepped = it.producer.equals("islice") && in.iterables.itemsOf(src) != null && generatorBehind(src);
                Obj item = it.producer.equals("repeat") ? src : stepped ? null : in.builtins.next(src, where);
                Sym n = it.count;
                Sym available = it.producer.equals("islice") ? in.iterables.itemsOf(src) : null;
                if (n != null && available != null) n = Sym.min(n, available); // no more than the iterator has
                if (n == null) {
                    in.iterables.produce(null, body, where, carried);
                } else {
                    in.looping.loop(n, null, null, carried, line, () -> body.accept(stepped ? in.builtins.next(src, where) : item), null);
                }
            }
            case "chunks" -> in.looping.loop(it.count == null ? Sym.var("iterations_L" + line) : it.count, null, null, carried, line,
                    () -> body.accept(in.library.fields(it.value2.count instanceof Sym.Const c ? (long) c.value() : 2)), null);
            case "matches" -> in.looping.loop(it.count == null ? Sym.var("iterations_L" + line) : it.count, null, null, carried, line,
                    () -> body.accept(in.patterns.match(it)), it.count == null ? "loop at line " + line + ": iterations unknown" : null);
            case "csv", "csvdict" -> {
                in.limit("rows of the csv reader at line " + line + ": each line taken as " + Interpreter.LINE_CHARS
                        + " characters, in fields of " + Interpreter.WORD_CHARS);
                java.util.function.Supplier<Obj> row = it.producer.equals("csv")
                        ? () -> in.library.parts(Sym.of(Interpreter.LINE_CHARS), Interpreter.WORD_CHARS) : this::csvRow;
                in.looping.loop(it.count == null ? Sym.var("iterations_L" + line) : it.count, null, null, carried, line,
                        () -> body.accept(row.get()), null);
            }
            case "call" -> in.looping.loop(Sym.var("iterations_L" + line), null, null, carried, line,
                    () -> body.accept(in.calls.callObject(it.partialOf, List.of(), Map.of(), where)),
                    "loop at line " + line + ": iterations unknown");
            default -> in.iterables.produce(null, body, where, carried);
        }
    }
}
