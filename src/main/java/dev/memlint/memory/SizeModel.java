package dev.memlint.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Bytes that 64-bit CPython allocates for its objects, as tracemalloc counts them (the size requested
 * from the allocator). Constants come from {@code memory/sizes-cpython.properties} (not JSON: a
 * fresh JVM took 180 ms to make Jackson's first ObjectMapper); the growth rules of lists, dicts and
 * sets are CPython's own formulas (Objects/listobject.c, dictobject.c, setobject.c), which
 * are the same in 3.11, 3.12 and 3.13. Cached singletons (small ints, empty and one-character strings,
 * empty tuple, bytes of length 0 or 1) cost nothing. Free lists are ignored.
 */
public final class SizeModel {
    private static final String RESOURCE = "/memory/sizes-cpython.properties";
    /** One model per version, read once: rules ask for one per file. */
    private static final Map<String, SizeModel> MODELS = readModels();

    private final String version;
    /** kind -> part -> bytes: "int" -> "header" -> 24; a kind with one size has the part "". */
    private final Map<String, Map<String, Long>> sizes = new HashMap<>();

    private SizeModel(String version) {
        this.version = version;
    }

    /** The model for "3.11", "3.12" or "3.13". */
    public static SizeModel of(String version) {
        SizeModel model = MODELS.get(version);
        if (model == null) {
            throw new IllegalArgumentException("no size model for Python " + version + "; known: " + versions());
        }
        return model;
    }

    /** The model nearest a target version: 3.11's before it, 3.13's after it (the ones measured). */
    public static SizeModel forTarget(dev.memlint.parse.PythonVersion target) {
        int minor = Math.max(11, Math.min(13, target.minor()));
        return of("3." + minor);
    }

    /** The versions the table has ("3.11", …), in order. */
    public static List<String> versions() {
        return List.copyOf(MODELS.keySet());
    }

    public String version() {
        return version;
    }

    private long get(String kind) {
        return get(kind, "");
    }

    private long get(String kind, String part) {
        Long bytes = sizes.getOrDefault(kind, Map.of()).get(part);
        if (bytes == null) {
            throw new IllegalStateException("size table lacks " + kind + (part.isEmpty() ? "" : "." + part) + " for " + version);
        }
        return bytes;
    }

    // ---- numbers ----

    public boolean isCachedInt(BigInteger value) {
        return value.compareTo(BigInteger.valueOf(get("int", "smallMin"))) >= 0
                && value.compareTo(BigInteger.valueOf(get("int", "smallMax"))) <= 0;
    }

    /** The least int CPython caches (-5). */
    public long smallIntMin() {
        return get("int", "smallMin");
    }

    /** The largest int CPython caches (256). */
    public long smallIntMax() {
        return get("int", "smallMax");
    }

    /** Number of 30-bit digits CPython stores for |value| (at least 1). */
    public int intDigits(BigInteger value) {
        int bits = value.abs().bitLength();
        int digitBits = (int) get("int", "digitBits");
        return Math.max(1, (bits + digitBits - 1) / digitBits);
    }

    /** sys.getsizeof of an int. */
    public long intSizeof(BigInteger value) {
        return get("int", "header") + get("int", "digitBytes") * intDigits(value);
    }

    /**
     * An int made by conversion (len(), int(float), enumerate counters): one-digit values come from the
     * "medium int" path, which allocates the whole PyLongObject struct (32 bytes); larger ones exactly.
     */
    public long intObject(BigInteger value) {
        if (isCachedInt(value)) {
            return 0;
        }
        int digits = Math.max(2, intDigits(value));
        return get("int", "header") + get("int", "digitBytes") * digits;
    }

    /** An int produced by + - *: CPython allocates one digit more than the result keeps. */
    public long intArithmetic(BigInteger value) {
        if (isCachedInt(value)) {
            return 0;
        }
        return get("int", "header") + get("int", "digitBytes") * (intDigits(value) + 1L);
    }

    public long floatObject() {
        return get("float");
    }

    public long complexObject() {
        return get("complex");
    }

    /** A plain {@code object()}. */
    public long bareObject() {
        return get("object");
    }

    // ---- text and bytes ----

    /** A str of length code points whose largest code point is maxCodePoint (compact representation). */
    public long str(long length, int maxCodePoint) {
        if (length == 0 || (length == 1 && maxCodePoint < 256)) {
            return 0;
        }
        return strSizeof(length, maxCodePoint);
    }

    /** sys.getsizeof of a str, cached or not. */
    public long strSizeof(long length, int maxCodePoint) {
        if (maxCodePoint < 128) {
            return get("str", "asciiHeader") + length + 1;
        }
        int width = maxCodePoint < 256 ? 1 : maxCodePoint < 65536 ? 2 : 4;
        return get("str", "compactHeader") + (length + 1) * width;
    }

    public long bytes(long length) {
        return length <= 1 ? 0 : bytesSizeof(length);
    }

    public long bytesSizeof(long length) {
        return get("bytes", "header") + length;
    }

    public long bytearray(long length) {
        return get("bytearray", "object") + (length == 0 ? 0 : length + 1);
    }

    // ---- sequences ----

    public long tuple(long items) {
        return items == 0 ? 0 : tupleSizeof(items);
    }

    public long tupleSizeof(long items) {
        return get("tuple", "header") + get("tuple", "perItem") * items;
    }

    /** A list whose item array holds exactly its items: displays, {@code [x] * n}, slices, {@code a + b}. */
    public long listExact(long items) {
        return listWithCapacity(items);
    }

    /** {@code list(it)} / {@code sorted(it)} of a sized iterable: CPython rounds the capacity up to even. */
    public long listFromSized(long items) {
        return listWithCapacity((items + 1) & ~1L);
    }

    /** A list built by n appends from empty (loops with append, list comprehensions). */
    public long listAppended(long items) {
        return listWithCapacity(listCapacityAfterAppends(items));
    }

    public long listWithCapacity(long capacity) {
        return get("list", "object") + get("list", "perSlot") * capacity;
    }

    /** Capacity of a list grown by appends from empty to the given size. */
    public static long listCapacityAfterAppends(long items) {
        return listCapacityAfterAppends(0, items);
    }

    /**
     * Capacity of a list made with exactly exact items (a display, a slice) and then grown by appends
     * to the given size: its first append resizes from a full list, so [x] appended once has room for 8.
     */
    public static long listCapacityAfterAppends(long exact, long items) {
        // Jump from one resize to the next: between them appends only fill the spare capacity.
        long allocated = exact;
        long size = exact;
        while (size < items) {
            if (size == allocated) {
                allocated = listResize(allocated, size, size + 1);
            }
            size = Math.min(items, allocated);
        }
        return allocated;
    }

    /** list_resize: the capacity CPython picks when a list of oldSize with capacity allocated becomes newSize. */
    public static long listResize(long allocated, long oldSize, long newSize) {
        if (allocated >= newSize && newSize >= (allocated >> 1)) {
            return allocated;
        }
        if (newSize == 0) {
            return 0;
        }
        long grown = (newSize + (newSize >> 3) + 6) & ~3L;
        if (newSize - oldSize > grown - newSize) {
            grown = (newSize + 3) & ~3L;
        }
        return grown;
    }

    // ---- dicts ----

    /** Usable entries of a dict table of the given (power-of-two) size. */
    public static long dictUsable(long tableSize) {
        return (tableSize << 1) / 3;
    }

    /** Table size of a dict that received n distinct keys one by one from empty. */
    public long dictTableAfterInserts(long keys) {
        if (keys == 0) {
            return 0;
        }
        long size = get("dict", "minSize");
        long used = Math.min(keys, dictUsable(size));
        while (used < keys) {
            size = powerOfTwoAtLeast(used * 3, get("dict", "minSize")); // the insert that finds no room
            used = Math.min(keys, dictUsable(size));
        }
        return size;
    }

    /** Table size of a dict display {k: v, ...} with n keys (BUILD_MAP presizes). */
    public long dictTablePresized(long keys) {
        long min = get("dict", "minSize");
        if (keys == 0) {
            return 0;
        }
        if (keys <= dictUsable(min)) {
            return min;
        }
        return powerOfTwoAtLeast((keys * 3 + 1) / 2, min);
    }

    /** A dict with the given table size (0: the shared empty table); unicodeKeys when every key is a str. */
    public long dictWithTable(long tableSize, boolean unicodeKeys) {
        long object = get("dict", "object");
        if (tableSize == 0) {
            return object;
        }
        long indexBytes = tableSize <= 0xff ? 1 : tableSize <= 0xffff ? 2 : tableSize <= 0xffffffffL ? 4 : 8;
        long entry = unicodeKeys ? get("dict", "entryUnicode") : get("dict", "entryGeneral");
        return object + get("dict", "keysHeader") + tableSize * indexBytes + dictUsable(tableSize) * entry;
    }

    public long dictInserted(long keys, boolean unicodeKeys) {
        return dictWithTable(dictTableAfterInserts(keys), unicodeKeys);
    }

    public long dictDisplay(long keys, boolean unicodeKeys) {
        return dictWithTable(dictTablePresized(keys), unicodeKeys);
    }

    // ---- sets ----

    /** Table size of a set that received n distinct elements one by one. */
    public long setTableAfterAdds(long elements) {
        long size = get("set", "smallTable");
        long fill = 0;
        while (fill < elements) {
            long mask = size - 1;
            long resizeAt = (mask * 3 + 4) / 5; // the first fill with fill * 5 >= mask * 3
            if (elements < resizeAt) {
                break;
            }
            fill = resizeAt;
            long minUsed = fill > 50000 ? fill * 2 : fill * 4;
            long grown = get("set", "smallTable");
            while (grown <= minUsed) {
                grown <<= 1;
            }
            size = grown;
        }
        return size;
    }

    /** A set or frozenset built by adding n distinct elements (displays, set(list), comprehensions). */
    public long setAdded(long elements) {
        long table = setTableAfterAdds(elements);
        long external = table > get("set", "smallTable") ? table * get("set", "entry") : 0;
        return get("set", "object") + external;
    }

    /**
     * The insert (1-based) at which a dict (set) filled one by one to n keys last resized: from it on
     * the old table and the new one were both allocated, until the copy was done.
     */
    public long lastResizeAt(boolean set, long n) {
        long table = set ? setTableAfterAdds(n) : dictTableAfterInserts(n);
        long lo = 1, hi = Math.max(1, n);
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if ((set ? setTableAfterAdds(mid) : dictTableAfterInserts(mid)) == table) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Bytes of the table the last resize of a dict (set) filled one by one to n keys freed (0: none was allocated). */
    public long resizedAwayTable(boolean set, long n, boolean unicodeKeys) {
        long at = lastResizeAt(set, n);
        if (at <= 1) return 0;
        if (set) {
            long before = setTableAfterAdds(at - 1);
            return before > get("set", "smallTable") ? before * get("set", "entry") : 0;
        }
        long before = dictTableAfterInserts(at - 1);
        return before == 0 ? 0 : dictWithTable(before, unicodeKeys) - dictWithTable(0, unicodeKeys);
    }

    // ---- instances, functions, frames ----

    /** An instance of a class without __slots__ with n attributes (inline values with their order prefix). */
    public long instance(long attributes) {
        long prefix = 8 * ((attributes + get("instance", "orderPrefixOffset") + 7) / 8);
        return get("instance", "base") + get("instance", "perAttr") * attributes + prefix;
    }

    /** A class statement run in a function: the class object, its dict and functions (measured: about 110 bytes a member). */
    public long classStatement(int members) {
        return library("classObject") + 420 + 110L * members;
    }

    /**
     * An instance made by cls.__new__ and given its n attributes by __dict__.update, as copy.deepcopy
     * rebuilds one: its values under a dict object (3.13), or, before, a dict with keys of its own.
     */
    public long instanceRebuilt(long attributes) {
        return get("instance", "rebuiltKeepsValues") == 1 ? instance(attributes) + dictWithTable(0, true)
                : instanceSizeof() + dictInserted(attributes, true);
    }

    /** sys.getsizeof of such an instance, which leaves out its values. */
    public long instanceSizeof() {
        return get("instance", "sizeofWithoutValues");
    }

    public long slotsInstance(long slots) {
        return get("slotsInstance", "base") + get("slotsInstance", "perSlot") * slots;
    }

    public long function() {
        return get("function");
    }

    public long cell() {
        return get("cell");
    }

    /** A generator (or coroutine) whose frame has slots = locals + cells + free vars + stack depth. */
    public long generator(long frameSlots) {
        return get("generator", "base") + get("generator", "perFrameSlot") * frameSlots;
    }

    /** A frame object kept alive after its function returned (by a traceback or sys._getframe). */
    public long frame(long frameSlots) {
        return get("frame", "base") + get("frame", "perFrameSlot") * frameSlots;
    }

    public long traceback() {
        return get("traceback");
    }

    public long exception() {
        return get("exception");
    }

    public long boundMethod() {
        return get("boundMethod");
    }

    public long builtinMethod() {
        return get("builtinMethod");
    }

    public long range() {
        return get("range");
    }

    /** iter() of a list, tuple or str, and reversed() of a list. */
    public long sequenceIterator() {
        return get("sequenceIterator");
    }

    public long rangeIterator() {
        return get("rangeIterator");
    }

    /** The enumerate object alone; it also holds an iterator of its argument and a reused result pair. */
    public long enumerate() {
        return get("enumerate");
    }

    /** The map object alone; it also holds a tuple of iterators of its arguments. */
    public long map() {
        return get("map");
    }

    /** The filter object alone; it also holds an iterator of its argument. */
    public long filter() {
        return get("filter");
    }

    public long slice() {
        return get("slice");
    }

    // ---- the collector and library objects ----

    /** The youngest generation's threshold: net container allocations between automatic collections. */
    public long gcThreshold() {
        return get("gc", "threshold0");
    }

    /** How many freed objects of a kind ("list", "dict", "float", "tuple" of each length) CPython keeps for reuse. */
    public long freeList(String kind) {
        return get("freelist", kind);
    }

    /**
     * A library object's measured aggregate size ("textFile", "classObject", "stringIOPerKiloChar"...):
     * what making one allocates in all, or per 1000 characters it holds or reads.
     */
    public long library(String name) {
        return get("library", name);
    }

    /** What pymalloc really hands out for a request (blocks of 16 up to 512 bytes; larger go to malloc). */
    public long allocatorBlock(long requested) {
        long alignment = get("allocatorAlignment");
        return requested > 512 ? requested : (requested + alignment - 1) / alignment * alignment;
    }

    private static long powerOfTwoAtLeast(long min, long floor) {
        long size = floor;
        while (size < min) {
            size <<= 1;
        }
        return size;
    }

    /** Keys read "3.11.int.header = 24": the version, the kind of object, and the part, if any. */
    private static Map<String, SizeModel> readModels() {
        Properties table = new Properties();
        try (InputStream in = SizeModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, SizeModel> models = new TreeMap<>();
        for (String key : table.stringPropertyNames()) {
            String[] parts = key.split("\\.", 4); // "3", "11", kind, part
            SizeModel model = models.computeIfAbsent(parts[0] + "." + parts[1], SizeModel::new);
            model.sizes.computeIfAbsent(parts[2], k -> new HashMap<>())
                    .put(parts.length > 3 ? parts[3] : "", Long.parseLong(table.getProperty(key).strip()));
        }
        return models;
    }
}
