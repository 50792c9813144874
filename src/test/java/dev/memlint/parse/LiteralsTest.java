package dev.memlint.parse;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Expected values and messages below are what CPython 3.11-3.13 produce for the same literals. */
class LiteralsTest {

    @Test
    void integersInEveryBase() {
        assertEquals(BigInteger.valueOf(1000), Literals.number("1_000"));
        assertEquals(BigInteger.valueOf(255), Literals.number("0x_fF"));
        assertEquals(BigInteger.valueOf(15), Literals.number("0O17"));
        assertEquals(BigInteger.valueOf(5), Literals.number("0b101"));
        assertEquals(BigInteger.ZERO, Literals.number("000"));
        assertEquals(BigInteger.valueOf(255), Literals.number("2_55"));
        assertEquals(BigInteger.valueOf(256), Literals.number("256"));
        assertEquals(BigInteger.valueOf(999), Literals.number("999"));
        assertSame(Literals.number("7"), Literals.number("7")); // small ints are shared
        assertEquals(new BigInteger("123456789012345678901234567890"), Literals.number("123456789012345678901234567890"));
    }

    /** Values checked against CPython: int(digits, base) % 1000000007 and int.bit_length(). */
    @Test
    void longLiteralsInPowerOfTwoBases() {
        BigInteger prime = BigInteger.valueOf(1_000_000_007);
        BigInteger hex = (BigInteger) Literals.number("0x" + "123456789abcdef".repeat(1000));
        assertEquals(182513984, hex.mod(prime).intValue());
        assertEquals(59997, hex.bitLength());
        BigInteger octal = (BigInteger) Literals.number("0o" + "1234567".repeat(1000));
        assertEquals(423156922, octal.mod(prime).intValue());
        assertEquals(20998, octal.bitLength());
        BigInteger binary = (BigInteger) Literals.number("0B" + "1101".repeat(1000));
        assertEquals(682884449, binary.mod(prime).intValue());
        assertEquals(4000, binary.bitLength());
    }

    @Test
    void powersOfTenRoundTripThroughHexOctalAndBinary() {
        for (int k : new int[] {0, 1, 19, 20, 4300, 30_000}) {
            BigInteger p = BigInteger.TEN.pow(k);
            assertEquals(p, Literals.number("0x" + p.toString(16)), "hex of 10^" + k);
            assertEquals(p, Literals.number("0X_" + String.join("_", p.toString(16).toUpperCase().split(""))), "10^" + k);
            assertEquals(p, Literals.number("0o" + p.toString(8)), "octal of 10^" + k);
            assertEquals(p, Literals.number("0b" + p.toString(2)), "binary of 10^" + k);
        }
    }

    @Test
    void leadingZeroDigitsAndDigitCountsThatAreNotMultiplesOfAByte() {
        assertEquals(BigInteger.ZERO, Literals.number("0x" + "0".repeat(10_001)));
        assertEquals(BigInteger.ONE.shiftLeft(4 * 9_999), Literals.number("0x0001" + "0".repeat(9_999)));
        assertEquals(BigInteger.ONE.shiftLeft(3 * 5_001).subtract(BigInteger.ONE), Literals.number("0o" + "7".repeat(5_001)));
        assertEquals(BigInteger.ONE.shiftLeft(7).subtract(BigInteger.ONE), Literals.number("0b1111111"));
        assertEquals(BigInteger.valueOf(0x1ff), Literals.number("0o777"));
    }

    /** CPython's limit applies to decimal digits, underscores not counted, and not to 0, 00...; floats have none. */
    @Test
    void decimalIntsUpToTheDigitLimit() {
        assertEquals(BigInteger.TEN.pow(4300).subtract(BigInteger.ONE), Literals.number("9".repeat(4300)));
        assertEquals(4301, assertThrows(Literals.TooManyDigits.class, () -> Literals.number("1" + "0".repeat(4300))).digits());
        assertEquals(4301, assertThrows(Literals.TooManyDigits.class, () -> Literals.number("1_".repeat(4300) + "1")).digits());
        assertEquals(new BigInteger("1".repeat(4300)), Literals.number("1_".repeat(4299) + "1"));
        assertEquals(1_000_000, assertThrows(Literals.TooManyDigits.class, () -> Literals.number("7".repeat(1_000_000))).digits());
        assertEquals(BigInteger.ZERO, Literals.number("0_".repeat(5000) + "0"));
        assertEquals(Double.POSITIVE_INFINITY, Literals.number("1".repeat(5000) + ".0"));
        assertEquals(new Complex(0.0, Double.POSITIVE_INFINITY), Literals.number("1".repeat(5000) + "j"));
    }

    @Test
    void floatsAndImaginaries() {
        assertEquals(1000.5, Literals.number("1_000.5"));
        assertEquals(1.0, Literals.number("1."));
        assertEquals(0.5, Literals.number(".5"));
        assertEquals(1e-5, Literals.number("1E-5"));
        assertEquals(0.0, Literals.number("0e0"));
        assertEquals(Double.POSITIVE_INFINITY, Literals.number("1e500"));
        assertEquals(new Complex(0.0, 2.0), Literals.number("2j"));
        assertEquals(new Complex(0.0, 1500.0), Literals.number("1.5e3J"));
        assertEquals(new Complex(0.0, 10.0), Literals.number("1_0j"));
    }

    @Test
    void simpleEscapesAndContinuations() {
        assertEquals("a\nb\t\u0007\b\f\r\u000b\\'\"", str("'a\\nb\\t\\a\\b\\f\\r\\v\\\\\\'\\\"'"));
        assertEquals("ab", str("\"a\\\nb\""));
        assertEquals("ab", str("\"a\\\r\nb\""));
        assertEquals("a\nb\nc", str("\"\"\"a\r\nb\rc\"\"\""));
        assertEquals("\\q", str("'\\q'"));
        assertEquals("\\é", str("'\\é'"));
        assertEquals("\u01ff", str("'\\777'"));
        assertEquals("\u0000" + "9", str("'\\09'"));
    }

    @Test
    void numericAndNamedEscapes() {
        assertEquals("A\u00e9\u20ac\uD83D\uDE00", str("'\\x41\\u00e9\\u20AC\\U0001F600'"));
        assertEquals("\uDC80", str("'\\udc80'"));
        assertEquals("a\n\u0007\u0000\u00a0\ufeff", str("'\\N{latin small letter a}\\N{LINE FEED}\\N{BEL}\\N{NUL}\\N{NBSP}\\N{BOM}'"));
        assertEquals("\u4e00\uac00\ud55c", str("'\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{HANGUL SYLLABLE GA}\\N{HANGUL SYLLABLE HAN}'"));
    }

    @Test
    void rawAndUnicodeKind() {
        assertEquals("a\\nb\\\\", str("r'a\\nb\\\\'"));
        assertEquals("\\x", str("R\"\\x\""));
        assertEquals("u", Literals.kind("U'x'"));
        assertNull(Literals.kind("rb'x'"));
        assertEquals("é", str("u'\\xe9'"));
    }

    @Test
    void bytesLiterals() {
        assertArrayEquals(new byte[] {'a', 10, (byte) 0xff, (byte) 0xff, '\\', 'u', '0', '0'},
                bytes("b'a\\n\\xff\\777\\u00'"));
        assertArrayEquals("\\N{BEL}".getBytes(StandardCharsets.US_ASCII), bytes("b'\\N{BEL}'"));
        assertArrayEquals("\\x0".getBytes(StandardCharsets.US_ASCII), bytes("rB'\\x0'"));
        assertEquals("(value error) invalid \\x escape at position 0", error("b\"\\x1\""));
        assertEquals("(value error) invalid \\x escape at position 2", error("b\"ab\\xg0\""));
        assertEquals("bytes can only contain ASCII literal characters", error("b\"é\""));
        assertEquals("bytes can only contain ASCII literal characters", error("rb\"é\""));
    }

    @Test
    void unicodeErrorsCountPositionsLikeCPython() {
        String pre = "(unicode error) 'unicodeescape' codec can't decode bytes in position ";
        assertEquals(pre + "0-2: truncated \\xXX escape", error("\"\\x1\""));
        assertEquals(pre + "2-4: truncated \\xXX escape", error("\"ab\\x1g\""));
        assertEquals(pre + "0-3: truncated \\uXXXX escape", error("\"\\u12\""));
        assertEquals(pre + "3-11: truncated \\UXXXXXXXX escape", error("\"abc\\U0000004\""));
        assertEquals(pre + "0-9: illegal Unicode character", error("\"\\U0011ffff\""));
        assertEquals(pre + "0-6: unknown Unicode character name", error("\"\\N{foo}\""));
        assertEquals(pre + "0-1: malformed \\N character escape", error("\"\\N\""));
        assertEquals(pre + "0-1: malformed \\N character escape", error("\"\\Nx\""));
        assertEquals(pre + "0-2: malformed \\N character escape", error("\"\\N{\""));
        assertEquals(pre + "0-22: malformed \\N character escape", error("\"\\N{LATIN SMALL LETTER A\""));
        // Non-ASCII characters count 10 (CPython rewrites them as \U........ before decoding).
        assertEquals(pre + "10-12: truncated \\xXX escape", error("\"é\\x1\""));
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class, () -> Literals.string("'\\x'", 3, 7));
        assertEquals(3, e.line());
        assertEquals(7, e.column());
    }

    @Test
    void fstringMiddles() {
        assertEquals("a{b}c\n", Literals.fstringMiddle("a{{b}}c\\n", false, 1, 1));
        assertEquals("a{b\\n", Literals.fstringMiddle("a{{b\\n", true, 1, 1));
        assertEquals("\u2014}", Literals.fstringMiddle("\\N{EM DASH}}}", false, 1, 1));
        assertEquals("\\{", Literals.fstringMiddle("\\{{", false, 1, 1));
        assertEquals("\\", Literals.fstringMiddle("\\", false, 1, 1));
        assertEquals("x\ny", Literals.fstringMiddle("x\r\ny", true, 1, 1));
        // Each doubled brace ends a piece decoded on its own: positions restart after it.
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class,
                () -> Literals.fstringMiddle("ab{{\\x1", false, 1, 1));
        assertEquals("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
                e.getMessage());
    }

    /** Random float literals: Java's conversion must give CPython's float() bits. */
    @Test
    void floatRoundingMatchesCPython() throws Exception {
        Path python = Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.11.7", "bin", "python3.11");
        assumeTrue(Files.isExecutable(python), "CPython 3.11.7 (pyenv) not installed: skipping float cross-check");
        Random random = new Random(42);
        List<String> literals = new ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            StringBuilder b = new StringBuilder();
            int digits = 1 + random.nextInt(25);
            for (int d = 0; d < digits; d++) b.append((char) ('0' + random.nextInt(10)));
            b.insert(random.nextInt(digits + 1), '.');
            if (random.nextBoolean()) b.append('e').append(random.nextInt(700) - 350);
            literals.add(b.toString());
        }
        literals.addAll(List.of("2.2250738585072011e-308", "4.9e-324", "2.4703282292062327e-324", "1.7976931348623158e308",
                "1.7976931348623159e308", "9007199254740993.0", "0.1"));
        Path input = Files.createTempFile("floats", ".txt");
        Files.write(input, literals);
        Process p = new ProcessBuilder(python.toString(), "-c",
                "import sys,struct\nfor l in open(sys.argv[1]): print(struct.unpack('<q', struct.pack('<d', float(l)))[0])",
                input.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        Files.delete(input);
        String[] bits = out.strip().split("\n");
        assertEquals(literals.size(), bits.length, out);
        for (int k = 0; k < bits.length; k++) {
            String literal = literals.get(k);
            double d = (Double) Literals.number(literal);
            assertEquals(Long.parseLong(bits[k].strip()), Double.doubleToRawLongBits(d), () -> "float literal " + literal);
        }
    }

    private static String str(String token) {
        return (String) Literals.string(token, 1, 1);
    }

    private static byte[] bytes(String token) {
        return ((Bytes) Literals.string(token, 1, 1)).data();
    }

    private static String error(String token) {
        return assertThrows(PythonSyntaxError.class, () -> Literals.string(token, 1, 1)).getMessage();
    }
}
