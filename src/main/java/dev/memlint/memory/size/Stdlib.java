package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Functions of the standard library with a model: io, struct, json, copy, collections, itertools and more. */
final class Stdlib {
    private final Interpreter in;

    Stdlib(Interpreter in) {
        this.in = in;
    }

    /** Characters of an exception type's name as traceback prints it (ValueError, module.ParseError). */
    private static final int EXCEPTION_TYPE_CHARS = 16;
    /** Characters of an exception's message when the walk does not know it. */
    private static final int MESSAGE_CHARS = 24;

    /** The length of str(exc) for the exception among args: its one string argument, else a guess. */
    private static Sym messageLength(List<Obj> args) {
        for (int i = args.size() - 1; i >= 0; i--) {
            Obj a = args.get(i);
            Obj excArgs = a == null ? null : a.attrs.get("args");
            if (excArgs == null) continue;
            if (excArgs.groups.size() == 1 && excArgs.groups.get(0).item() != null
                    && excArgs.groups.get(0).item().kind == Obj.Kind.STR && excArgs.groups.get(0).item().count != null) {
                return excArgs.groups.get(0).item().count;
            }
            break;
        }
        return Sym.of(MESSAGE_CHARS);
    }

    /**
     * collections.Counter: over a generator or iterator, each item it produces is a key, counted
     * again where it repeats (see Containers.addKey); over anything else, as dict() of it. Marked
     * as counting, for the keys later stores count.
     */
    private Obj counter(Obj src, Expr srcExpr, Map<String, Obj> kwargs) {
        Obj counts;
        if (src != null && (src.kind == Obj.Kind.GENERATOR || src.kind == Obj.Kind.ITERATOR)) {
            Obj out = in.make(Obj.Kind.DICT, Sym.ZERO);
            out.producer = "counter";
            Expr keyExpr = src.genexp != null ? src.genexp.elt() : null;
            in.temps.add(out);
            try {
                in.iterables.produce(src, key -> {
                    List<Obj.Group> groups = new ArrayList<>();
                    if (key != null && key.fresh) groups.add(new Obj.Group(Sym.of(1), key));
                    in.containers.addKey(out, key, keyExpr, groups);
                    if (out.item == null) out.item = key;
                }, srcExpr);
            } finally {
                in.temps.remove(out);
            }
            counts = out;
        } else {
            counts = in.builtins.dict(src, srcExpr, kwargs);
        }
        counts.producer = "counter";
        return counts;
    }

    /**
     * A call of operator.itemgetter's or attrgetter's callable on x: the field of x it reads (a
     * tuple of them for several); an attribute by its literal name, an item as x's value or item.
     */
    Obj getter(Obj getter, Obj x, Expr where) {
        List<Obj> fields = new ArrayList<>();
        for (Obj name : getter.sources) {
            if (getter.producer.equals("attrgetter") && name != null && name.literal != null && !name.literal.contains(".")) {
                fields.add(in.expressions.attribute(x, name.literal, where));
            } else if (x != null && x.kind == Obj.Kind.DICT && x.value2 != null) {
                fields.add(x.value2);
            } else {
                fields.add(in.expressions.elementOf(x));
            }
        }
        return fields.size() == 1 ? fields.get(0) : in.tuple(fields);
    }

    Obj call(String name, List<Obj> args, Map<String, Obj> kwargs, Expr where) {
        Obj first = Library.arg(args, 0);
        switch (name) {
            case "io.StringIO": {
                Obj b = in.fixed(Obj.Kind.TEXT_BUFFER, in.model.library("stringIO"));
                b.count = first == null || first.count == null ? Sym.ZERO : first.count;
                return b;
            }
            case "io.BytesIO": {
                Obj b = in.fixed(Obj.Kind.BYTES_BUFFER, in.model.library("bytesIO"));
                b.count = first == null || first.count == null ? Sym.ZERO : first.count;
                return b;
            }
            case "struct.pack":
                return in.make(Obj.Kind.BYTES, Sym.of(structSize(where, 0)));
            case "struct.Struct": {
                Obj s = in.fixed(Obj.Kind.OPAQUE, in.model.library("struct"));
                s.producer = "struct";
                s.value = Sym.of(structSize(where, 0));
                s.value2 = in.constantInt(Sym.of(fieldCount(where, 0)));
                return s;
            }
            case "struct.calcsize":
                return in.constantInt(Sym.of(structSize(where, 0)));
            case "struct.unpack": case "struct.unpack_from":
                return in.library.fields(fieldCount(where, 0));
            case "json.dumps": case "json.dump": {
                Sym length = jsonLength(first, 0);
                Obj text = in.str(length);
                in.observe(Sym.add(Sym.mul(Sym.of(in.model.library("jsonDumpsTempPerKiloChar") / 1000.0), length),
                        name.endsWith("dump") ? in.footprint.own(text) : Sym.ZERO));
                return name.equals("json.dumps") ? text : in.none();
            }
            case "json.loads": case "json.load": {
                Sym chars = first == null ? Sym.var("len(?)") : first.kind == Obj.Kind.FILE ? in.files.fileSize(first)
                        : in.library.countOf(first, "?");
                Obj doc = in.make(Obj.Kind.DICT, null);
                doc.bulk = Sym.mul(Sym.of(in.model.library("jsonLoadsPerKiloChar") / 1000.0), chars);
                return doc;
            }
            case "traceback.format_exception_only": {
                // no frames walked, no source read: one line, "<type>: <message>\n"
                in.observe(Sym.of(in.model.library("formatExceptionOnlyTemp")));
                return in.library.listOf(Sym.of(1), in.str(Sym.add(Sym.of(EXCEPTION_TYPE_CHARS + 3), messageLength(args))));
            }
            case "traceback.format_exc": case "traceback.format_exception": case "traceback.format_tb":
            case "traceback.print_exc": case "traceback.extract_tb": {
                in.observe(Sym.of(in.model.library("formatExcTemp")));
                if (name.endsWith("print_exc")) return in.none();
                if (name.endsWith("format_exc")) return in.str(Sym.of(300));
                // the others return lists: of lines (one for the exception alone), or of frame summaries
                return in.library.listOf(Sym.of(4), in.str(Sym.of(75)));
            }
            case "copy.copy": return in.builtins.shallowCopy(first);
            case "copy.deepcopy": return in.builtins.deepCopy(first, where);
            case "collections.deque": {
                // where is the call, or what map(collections.deque, groups) is iterated through
                Expr.Call call = where instanceof Expr.Call c ? c : new Expr.Call(where, List.of(), List.of(), where.pos());
                Obj d = in.builtins.copy("list", first, call.args().isEmpty() ? null : call.args().get(0), Map.of(), call);
                d.producer = "deque";
                return d;
            }
            case "collections.defaultdict": {
                Obj d = in.make(Obj.Kind.DICT, Sym.ZERO);
                d.defaultFactory = first;
                return d;
            }
            case "collections.OrderedDict": case "collections.ChainMap":
                return in.builtins.dict(first, where instanceof Expr.Call c && !c.args().isEmpty() ? c.args().get(0) : null, kwargs);
            case "collections.Counter":
                return counter(first, where instanceof Expr.Call c && !c.args().isEmpty() ? c.args().get(0) : null, kwargs);
            case "collections.namedtuple": case "typing.NamedTuple":
                return in.classes.runtimeClass("namedtupleClass", "namedtuplePeak", "namedtuple");
            case "dataclasses.make_dataclass":
                return in.classes.runtimeClass("dataclassClass", "dataclassPeak", null);
            case "types.new_class":
                return in.classes.runtimeClass("classObject", "classObject", null);
            case "enum.Enum": case "enum.IntEnum": case "enum.Flag": case "enum.StrEnum": {
                Obj members = Library.arg(args, 1);
                Sym n = members == null || members.count == null ? Sym.of(4) : members.count;
                Sym bytes = Sym.add(Sym.of(in.model.library("enumClass")), Sym.mul(Sym.of(in.model.library("enumPerMember")), n));
                Obj cls = in.make(Obj.Kind.CLASS, null);
                cls.fixed = bytes;
                cls.cyclic = true;
                // making it allocates more than it keeps (the members' namespace, the maps being built): measured peak
                Sym peak = Sym.add(Sym.of(in.model.library("enumPeak")), Sym.mul(Sym.of(in.model.library("enumPeakPerMember")), n));
                in.observeHolding(cls, Sym.max(Sym.ZERO, Sym.add(peak, Sym.mul(Sym.of(-1), bytes))));
                return cls;
            }
            case "traceback.TracebackException": case "traceback.TracebackException.from_exception": {
                in.observe(Sym.of(in.model.library("tracebackExceptionPeak")));
                return in.fixed(Obj.Kind.OPAQUE, in.model.library("tracebackException"));
            }
            case "types.MethodType": {
                // a bound method made by hand (a hook bound to one object): calling it calls the function with the object first
                if (first == null || first.function == null || args.size() != 2 || args.get(1) == null) {
                    in.library.notFollowed(name, where);
                    return null;
                }
                Obj bound = in.fixed(Obj.Kind.BOUND_METHOD, in.model.boundMethod());
                bound.function = first.function;
                bound.attrs.put("__self__", args.get(1));
                return bound;
            }
            case "types.SimpleNamespace": {
                Obj ns = in.make(Obj.Kind.INSTANCE, null);
                ns.fixed = Sym.of(in.model.bareObject() + 32 + in.model.dictInserted(kwargs.size(), true));
                ns.attrs.putAll(kwargs);
                return ns;
            }
            case "functools.partial": {
                Obj p = in.fixed(Obj.Kind.OPAQUE, in.model.library("partial"));
                p.partialOf = first;
                p.sources = args.size() > 1 ? new ArrayList<>(args.subList(1, args.size())) : new ArrayList<>();
                p.sources.removeIf(java.util.Objects::isNull);
                return p;
            }
            case "functools.lru_cache": case "functools.cache": {
                if (first != null && (first.kind == Obj.Kind.FUNCTION || first.kind == Obj.Kind.BOUND_METHOD)
                        && kwargs.isEmpty() && args.size() == 1) {
                    return in.calls.cached(first, name.endsWith(".cache") ? null : Sym.of(Calls.LRU_DEFAULT_MAXSIZE));
                }
                // lru_cache(maxsize=k): a decorator that gives what it wraps a cache of k entries (None: unbounded)
                Obj size = kwargs.containsKey("maxsize") ? kwargs.get("maxsize") : first;
                Obj decorator = in.given(Obj.Kind.FUNCTION, name);
                decorator.producer = "cache decorator";
                decorator.value = size == null && !kwargs.containsKey("maxsize") && args.isEmpty() ? Sym.of(Calls.LRU_DEFAULT_MAXSIZE)
                        : size != null && size.kind != Obj.Kind.NONE && size.value != null ? size.value : null;
                return decorator;
            }
            case "functools.reduce": {
                Obj[] acc = {Library.arg(args, 2)};
                Obj f = first;
                in.iterables.produce(Library.arg(args, 1), x -> acc[0] = in.calls.callObject(f, java.util.Arrays.asList(acc[0], x), Map.of(), where), where);
                return acc[0];
            }
            case "operator.itemgetter": case "operator.attrgetter": {
                // a callable reading a field of what it is given (measured: 64 and 104 bytes with its tuple of names)
                Obj getter = in.fixed(Obj.Kind.OPAQUE, name.equals("operator.itemgetter") ? 64 : 104);
                getter.producer = name.substring("operator.".length());
                getter.sources = new ArrayList<>(args);
                return getter;
            }
            case "itertools.groupby": {
                // the groupby object (88 bytes, 80 on 3.11) and the iterator it takes of its source
                Obj it = in.fixed(Obj.Kind.ITERATOR, 88 + in.model.sequenceIterator());
                it.producer = "groupby";
                it.sources = first == null ? List.of() : List.of(first);
                it.partialOf = kwargs.containsKey("key") ? kwargs.get("key") : Library.arg(args, 1);
                return it;
            }
            case "itertools.count": case "itertools.cycle": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 48);
                it.producer = "count";
                return it;
            }
            case "itertools.islice": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 56);
                it.producer = "islice";
                it.sources = first == null ? List.of() : List.of(first);
                Obj stop = args.size() >= 3 ? args.get(2) : Library.arg(args, 1);
                Obj start = args.size() >= 3 ? args.get(1) : null;
                Sym n = stop == null ? null : stop.value;
                if (n != null && start != null && start.value != null) n = Sym.add(n, Sym.mul(Sym.of(-1), start.value));
                it.count = n;
                return it;
            }
            case "itertools.chain": case "itertools.zip_longest": case "itertools.product": case "itertools.repeat":
            case "itertools.accumulate": case "itertools.pairwise": case "itertools.starmap": case "itertools.takewhile":
            case "itertools.dropwhile": case "itertools.compress": case "itertools.chain.from_iterable": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 64);
                it.producer = name.substring("itertools.".length());
                it.sources = new ArrayList<>(args);
                it.sources.removeIf(java.util.Objects::isNull);
                if (name.equals("itertools.repeat")) it.count = args.size() > 1 && args.get(1) != null ? args.get(1).value : null;
                return it;
            }
            case "weakref.ref": case "weakref.proxy": {
                // Without a callback CPython hands out the referent's one basic reference (or proxy) again:
                // a child per loop iteration pointing back at the same parent shares one.
                boolean basic = args.size() == 1 && kwargs.isEmpty() && first != null && name.equals("weakref.ref");
                if (basic && first.basicWeakref != null) return first.basicWeakref;
                Obj ref = in.fixed(Obj.Kind.OPAQUE, in.model.library("weakref"));
                if (basic) {
                    ref.born = Math.min(ref.born, first.born); // there from the referent's first reference on
                    first.basicWeakref = ref;
                }
                return ref;
            }
            case "weakref.WeakMethod":
                return in.fixed(Obj.Kind.OPAQUE, in.model.library("weakMethod"));
            case "weakref.WeakSet": {
                Obj w = in.fixed(Obj.Kind.OPAQUE, in.model.library("weakSet"));
                w.producer = "weakset";
                w.count = Sym.ZERO;
                return w;
            }
            case "weakref.WeakValueDictionary": case "weakref.WeakKeyDictionary": {
                Obj w = in.fixed(Obj.Kind.OPAQUE, in.model.library("weakValueDictionary"));
                w.producer = name.endsWith("ValueDictionary") ? "weak values" : "weak keys";
                w.count = Sym.ZERO;
                w.attrs.put("data", in.make(Obj.Kind.DICT, Sym.ZERO)); // the plain dict of its entries
                return w;
            }
            case "weakref.finalize": {
                Obj f = in.fixed(Obj.Kind.OPAQUE, in.model.library("weakref") + in.model.library("partial"));
                List<Obj> kept = new ArrayList<>(args.size() > 1 ? args.subList(1, args.size()) : List.of());
                kept.removeIf(java.util.Objects::isNull);
                f.sources = kept;
                return f;
            }
            case "contextlib.redirect_stdout": {
                Obj r = in.fixed(Obj.Kind.OPAQUE, in.model.library("contextManager"));
                r.producer = "redirect";
                r.sources = first == null ? List.of() : List.of(first);
                return r;
            }
            case "contextlib.suppress": {
                Obj cm = in.fixed(Obj.Kind.OPAQUE, in.model.library("contextManager"));
                cm.producer = "suppress";
                return cm;
            }
            case "contextlib.ExitStack":
            case "contextlib.redirect_stderr": case "contextlib.nullcontext": case "threading.Lock": case "threading.RLock":
            case "threading.Event": case "threading.Condition":
                return in.fixed(Obj.Kind.OPAQUE, in.model.library("contextManager"));
            case "contextlib.closing":
                return first;
            case "re.compile":
                return in.patterns.compiled(first);
            case "re.finditer":
                return in.patterns.matches(in.patterns.compiled(first), Library.arg(args, 1), where);
            case "logging.getLogger": case "re.escape":
                return in.given(Obj.Kind.OPAQUE, name);
            case "re.match": case "re.search": case "re.fullmatch":
                return in.fixed(Obj.Kind.OPAQUE, 200);
            case "re.split":
                return in.patterns.method(in.patterns.compiled(first), "split", Library.arg(args, 1), where);
            case "re.findall":
                return in.patterns.method(in.patterns.compiled(first), "findall", Library.arg(args, 1), where);
            case "re.sub": {
                Obj text = Library.arg(args, 2);
                return in.str(text == null || text.count == null ? Sym.of(Interpreter.ITEM_CHARS) : text.count);
            }
            case "textwrap.wrap": {
                Obj width = Library.arg(args, 1) != null ? Library.arg(args, 1) : kwargs.get("width");
                long w = width != null && width.value instanceof Sym.Const c ? (long) c.value() : 70;
                return in.library.parts(first == null ? null : first.count, w);
            }
            case "textwrap.fill": case "textwrap.dedent": case "textwrap.indent": case "os.path.join":
            case "os.path.basename": case "os.path.dirname": case "os.path.abspath": case "os.fspath":
            case "os.path.normpath": case "os.path.splitext": case "os.getcwd": case "sys.intern":
                return in.str(first == null || first.count == null ? Sym.of(40) : first.count);
            case "sys.getsizeof": case "time.time": case "time.perf_counter": case "time.monotonic":
            case "random.random": case "random.randint": case "random.uniform": case "math.sqrt": case "math.floor":
            case "math.ceil": case "math.log": case "math.exp": case "math.fsum": case "math.isclose": case "time.sleep":
            case "random.seed": case "os.getpid": case "math.pow":
            case "time.time_ns": case "time.perf_counter_ns": case "os.path.exists": case "os.path.isfile": case "os.path.isdir":
            case "os.path.getsize": case "gc.collect": case "gc.disable": case "gc.enable": case "gc.isenabled":
                return in.computedInt(null);
            case "random.choice":
                return in.expressions.elementOf(first);
            case "sys._getframe": case "inspect.currentframe": {
                Obj frame = in.fixed(Obj.Kind.OPAQUE, in.model.frame(in.frame().function == null ? 8 : in.syntax.slots(in.frame().function)));
                frame.cyclic = true;
                frame.frameOf = in.frame();
                return frame;
            }
            case "sys.exc_info": {
                Obj exc = in.lastRaised != null ? in.lastRaised : in.exceptions.exception(null);
                return in.tuple(List.of(in.given(Obj.Kind.CLASS, "type"), exc, in.none()));
            }
            case "csv.reader": case "csv.DictReader": {
                Obj it = in.fixed(Obj.Kind.ITERATOR, 200);
                it.producer = name.equals("csv.reader") ? "csv" : "csvdict";
                it.sources = first == null ? List.of() : List.of(first);
                it.count = first == null ? null : first.kind == Obj.Kind.FILE
                        ? Sym.mul(Sym.of(1.0 / Interpreter.LINE_CHARS), in.files.fileSize(first))
                        : first.kind == Obj.Kind.TEXT_BUFFER && first.count != null
                        ? Sym.mul(Sym.of(1.0 / Interpreter.LINE_CHARS), first.count) : first.count;
                return it;
            }
            case "csv.writer": case "csv.DictWriter": {
                // with its record buffer, 32768 code points allocated by the first writerow
                Obj w = in.fixed(Obj.Kind.OPAQUE, in.model.library("csvWriter"));
                w.producer = "csvwriter";
                w.sources = first == null ? List.of() : List.of(first);
                Obj fields = kwargs.containsKey("fieldnames") ? kwargs.get("fieldnames") : Library.arg(args, 1);
                if (name.equals("csv.DictWriter") && fields != null) w.attrs.put("fieldnames", fields);
                return w;
            }
            case "base64.b64encode": case "base64.b64decode": case "binascii.hexlify": case "zlib.compress":
            case "zlib.decompress": case "hashlib.sha256": case "hashlib.md5": case "hashlib.sha1":
                return in.make(Obj.Kind.BYTES, first == null || first.count == null ? Sym.of(64) : first.count);
            default: {
                Obj document = in.documents.call(name, args, kwargs);
                if (document == null) in.library.notFollowed(name, where);
                return document;
            }
        }
    }

    /** The format of struct.pack/Struct: its byte size (standard sizes, "<IdH" = 14). */
    private long structSize(Expr where, int arg) {
        String fmt = where instanceof Expr.Call c && c.args().size() > arg ? Builtins.constantText(c.args().get(arg)) : null;
        if (fmt == null) return 16;
        long size = 0, repeat = 0;
        for (char ch : fmt.toCharArray()) {
            if (Character.isDigit(ch)) {
                repeat = repeat * 10 + (ch - '0');
                continue;
            }
            long n = repeat == 0 ? 1 : repeat;
            repeat = 0;
            size += n * switch (ch) {
                case 'x', 'c', 'b', 'B', '?', 's', 'p' -> 1;
                case 'h', 'H', 'e' -> 2;
                case 'i', 'I', 'l', 'L', 'f' -> 4;
                case 'q', 'Q', 'd', 'n', 'N', 'P' -> 8;
                default -> 0;
            };
        }
        return size;
    }

    private long fieldCount(Expr where, int arg) {
        String fmt = where instanceof Expr.Call c && c.args().size() > arg ? Builtins.constantText(c.args().get(arg)) : null;
        if (fmt == null) return 2;
        long n = 0;
        for (char ch : fmt.toCharArray()) if (Character.isLetter(ch) && ch != 'x') n++;
        return n;
    }

    /** The characters json.dumps writes for a value, from its shape. */
    private Sym jsonLength(Obj v, int depth) {
        if (v == null || depth > 6) return Sym.of(Interpreter.ITEM_CHARS);
        return switch (v.kind) {
            case STR -> Sym.add(v.count == null ? Sym.of(Interpreter.ITEM_CHARS) : v.count, Sym.of(2));
            case INT -> v.value instanceof Sym.Const c ? Sym.of(Long.toString((long) c.value()).length()) : Sym.of(5);
            case FLOAT -> Sym.of(17);
            case BOOL -> Sym.of(5);
            case NONE -> Sym.of(4);
            case LIST, TUPLE, SET -> {
                Sym total = Sym.of(2);
                for (Obj.Group g : v.groups) total = Sym.add(total, Sym.mul(g.count(), Sym.add(jsonLength(g.item(), depth + 1), Sym.of(2))));
                yield total;
            }
            case DICT -> {
                Sym total = Sym.of(2);
                if (v.count != null) total = Sym.add(total, Sym.mul(Sym.of(12), v.count));
                for (Obj.Group g : v.groups) total = Sym.add(total, Sym.mul(g.count(), jsonLength(g.item(), depth + 1)));
                yield total;
            }
            default -> v.count != null ? Sym.mul(Sym.of(8), v.count) : Sym.of(Interpreter.ITEM_CHARS);
        };
    }
}
