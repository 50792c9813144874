package dev.memlint.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs measure_sizes.py under each local CPython and compares every measured size (tracemalloc bytes
 * per object and sys.getsizeof) with what {@link SizeModel} predicts.
 */
class SizeModelCPythonTest {

    @ParameterizedTest
    @ValueSource(strings = {"3.11", "3.12", "3.13"})
    void tableMatchesTheInterpreter(String version) throws Exception {
        Optional<Path> python = LocalPython.find(version);
        assumeTrue(python.isPresent(), "CPython " + LocalPython.PINNED.get(version) + " not installed (pyenv); skipped");
        Path script = Path.of(getClass().getResource("/memory/measure_sizes.py").toURI());
        String out = LocalPython.run(python.get(), script);
        SizeModel model = SizeModel.of(version);
        ObjectMapper json = new ObjectMapper();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : out.strip().split("\n")) {
            JsonNode m = json.readTree(line);
            String c = m.get("case").asText();
            long param = m.get("param").asLong();
            Expected e = expected(model, c, param);
            if (!m.get("traced").isNull() && e.traced() != m.get("traced").asLong()) {
                wrong.add(c + "(" + param + ") traced: model " + e.traced() + ", CPython " + m.get("traced"));
            }
            if (e.sizeof() != m.get("sizeof").asLong()) {
                wrong.add(c + "(" + param + ") getsizeof: model " + e.sizeof() + ", CPython " + m.get("sizeof"));
            }
            checked++;
        }
        assertTrue(checked > 150, "too few measurements: " + checked);
        assertEquals(List.of(), wrong, "size table disagrees with CPython " + version);
    }

    private record Expected(long traced, long sizeof) {
        static Expected same(long size) {
            return new Expected(size, size);
        }
    }

    private static Expected expected(SizeModel s, String kind, long n) {
        BigInteger big = BigInteger.ONE.shiftLeft((int) n);
        return switch (kind) {
            case "intArithmetic" -> new Expected(s.intArithmetic(big.add(BigInteger.ONE)), s.intSizeof(big));
            case "intObject" -> new Expected(s.intObject(big), s.intSizeof(big));
            case "float" -> Expected.same(s.floatObject());
            case "complex" -> Expected.same(s.complexObject());
            case "object" -> Expected.same(s.bareObject());
            case "strAscii" -> Expected.same(s.str(n, 'a'));
            case "strLatin1" -> Expected.same(s.str(n, 0xe9));
            case "strUcs2" -> Expected.same(s.str(n, 0x101));
            case "strUcs4" -> Expected.same(s.str(n, 0x1F600));
            case "bytes" -> Expected.same(s.bytes(n));
            case "bytearray" -> Expected.same(s.bytearray(n));
            case "tuple" -> Expected.same(s.tuple(n));
            case "listExact" -> Expected.same(s.listExact(n));
            // list(range(n)) also allocates the ints from 257 up to n - 1
            case "listFromSized", "sorted" -> new Expected(s.listFromSized(n) + intsAbove256(s, n), s.listFromSized(n));
            case "listAppended", "listComprehension" -> Expected.same(s.listAppended(n));
            case "dictInserted" -> new Expected(s.dictInserted(n, false) + intsAbove256(s, n), s.dictInserted(n, false));
            case "dictInsertedStr" -> Expected.same(s.dictInserted(n, true));
            case "dictDisplayStr" -> Expected.same(s.dictDisplay(n, true));
            case "setAdded", "setComprehension" -> new Expected(s.setAdded(n) + intsAbove256(s, n), s.setAdded(n));
            case "instance" -> new Expected(s.instance(n), s.instanceSizeof());
            case "slotsInstance" -> Expected.same(s.slotsInstance(n));
            case "function" -> Expected.same(s.function());
            // a nested function made in a cold call: the function, its closure tuple and its n cells
            case "closure" -> new Expected(s.function() + s.tuple(n) + s.cell() * n, s.function());
            case "cell" -> Expected.same(s.cell());
            case "generator" -> Expected.same(s.generator(n));
            case "frame" -> Expected.same(s.frame(n));
            case "exception" -> Expected.same(s.exception());
            case "boundMethod" -> Expected.same(s.boundMethod());
            case "builtinMethod" -> Expected.same(s.builtinMethod());
            case "range" -> Expected.same(s.range());
            case "sequenceIterator" -> Expected.same(s.sequenceIterator());
            case "rangeIterator" -> Expected.same(s.rangeIterator());
            // each wraps an iterator of its list argument; enumerate keeps a result pair, map a tuple of iterators
            case "enumerate" -> new Expected(s.enumerate() + s.sequenceIterator() + s.tuple(2), s.enumerate());
            case "map" -> new Expected(s.map() + s.tuple(1) + s.sequenceIterator(), s.map());
            case "filter" -> new Expected(s.filter() + s.sequenceIterator(), s.filter());
            case "slice" -> Expected.same(s.slice());
            default -> throw new AssertionError("measure_sizes.py emitted an unknown case " + kind);
        };
    }

    /** Bytes of the ints 0..n-1 that are not cached, as range iteration makes them. */
    private static long intsAbove256(SizeModel s, long n) {
        long total = 0;
        for (long i = 257; i < n; i++) {
            total += s.intObject(BigInteger.valueOf(i));
        }
        return total;
    }

    @Test
    void listGrowthFollowsCPythonsSequence() {
        // The capacities CPython 3.9+ goes through when appending one item at a time.
        List<Long> seen = new ArrayList<>();
        long last = -1;
        for (long n = 1; n <= 100; n++) {
            long cap = SizeModel.listCapacityAfterAppends(n);
            if (cap != last) {
                seen.add(cap);
                last = cap;
            }
        }
        assertEquals(List.of(4L, 8L, 16L, 24L, 32L, 40L, 52L, 64L, 76L, 92L, 108L), seen);
    }

    @Test
    void unknownVersionIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SizeModel.of("2.7"));
        assertTrue(e.getMessage().contains("3.11"), e.getMessage());
    }
}
