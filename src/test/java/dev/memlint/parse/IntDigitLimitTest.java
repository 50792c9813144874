package dev.memlint.parse;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A decimal int literal of more than 4300 digits is a SyntaxError in every CPython memlint
 * targets (3.8.14+, 3.9.14+, 3.10.7+, 3.11+), worded and placed as each version does; literals in
 * a power-of-two base have no limit. Expected outcomes below were read from pyenv's CPython 3.8.18,
 * 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0 and from CPython 3.14.2 in pyodide; the second test
 * compares with the local interpreters again when they are installed.
 */
class IntDigitLimitTest {
    private static final String TOO_LONG = "2".repeat(4301);

    /** Each case's source (compiled as written) and what the version gives: OK or line:column message. */
    private static List<String[]> cases(PythonVersion v) {
        String limit = v.atLeast(PythonVersion.PY311) ? "4300 digits" : "4300";
        String message = "SyntaxError: Exceeds the limit (" + limit + ") for integer string conversion: value has 4301 "
                + "digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge "
                + "integer literals to avoid decimal conversion limits.";
        // 3.8: at the literal, in UTF-8 bytes; 3.9: column 1; from 3.10: column 0 (none).
        String line3 = v.atLeast(PythonVersion.PY310) ? "3:0 " : "3:1 ";
        String afterAccents = v == PythonVersion.PY38 ? "1:16 " : v == PythonVersion.PY39 ? "1:1 " : "1:0 ";
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"x = " + "9".repeat(4300) + "\n", "OK"},
                new String[] {"x = " + "1_".repeat(4299) + "1\n", "OK"},
                new String[] {"x = " + "0".repeat(5000) + "\n", "OK"},
                new String[] {"x = " + TOO_LONG + ".5 + " + TOO_LONG + "j\n", "OK"},
                new String[] {"x = 0x" + "f".repeat(100_000) + " + 0o" + "7".repeat(100_000) + " + 0b" + "1".repeat(100_000)
                        + "\n", "OK"},
                new String[] {"x = [\n1,\n" + TOO_LONG + "]\n", line3 + message},
                new String[] {"é = 'é'; x = " + "2_".repeat(4300) + "2\n", afterAccents + message}));
        if (v.atLeast(PythonVersion.PY310)) {
            cases.add(new String[] {"match x:\n    case -" + TOO_LONG + ":\n        pass\n", "2:0 " + message});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"})
    void limitAsEachVersionReportsIt(String target) {
        PythonVersion v = PythonVersion.parse(target);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String[] c : cases(v)) {
            expected.add(c[1]);
            actual.add(memlint(c[0], v));
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "CPython {0}")
    @CsvSource({"3.8.18, python3.8, 3.8", "3.9.18, python3.9, 3.9", "3.10.13, python3.10, 3.10",
            "3.11.7, python3.11, 3.11", "3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void sameAsLocalCPython(String pyenv, String exe, String target, @TempDir Path dir)
            throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        PythonVersion v = PythonVersion.parse(target);
        List<String[]> cases = cases(v);
        List<String> escaped = new ArrayList<>();
        for (String[] c : cases) escaped.add(c[0].replace("\\", "\\\\").replace("\n", "\\n"));
        Path file = dir.resolve("cases.txt");
        Files.write(file, escaped, StandardCharsets.UTF_8);
        String out = Interpreters.run(python,
                List.of(AstBuilderOracleTest.resource("compile_exact.py").toString(), file.toString()), "");
        List<String> expected = new ArrayList<>();
        for (String l : out.split("\n")) {
            String[] f = l.split("\t", 4);
            expected.add(l.equals("OK") ? "OK" : f[0] + ":" + f[1] + " " + f[2] + ": " + f[3]);
        }
        List<String> actual = new ArrayList<>();
        for (String[] c : cases) actual.add(memlint(c[0], v));
        assertEquals(expected, actual);
    }

    private static String memlint(String source, PythonVersion v) {
        try {
            PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), v);
            return "OK";
        } catch (PythonSyntaxError e) {
            return e.line() + ":" + e.column() + " " + e.kind() + ": " + e.getMessage();
        }
    }
}
