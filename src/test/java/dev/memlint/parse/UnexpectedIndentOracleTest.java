package dev.memlint.parse;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "unexpected indent" is reported where CPython reports it, to the column: the width of the
 * indentation in characters (tabs count one).
 */
class UnexpectedIndentOracleTest {
    private static final List<String> CASES = List.of("x = 1\\n  y = 2\\n", "if x:\\n    a\\n        b\\n", "\\tx = 1\\n",
            "  x = 1\\n", "def f():\\n  a\\n    b = (1,\\n  2)\\n", "x = 1\\n    # c\\n      y\\n",
            "class A:\\n  pass\\n   \\tz\\n", "if 1:\\n x\\n  \u00e9 = 1\\n");

    @ParameterizedTest
    @CsvSource({"3.8.18, python3.8, 3.8", "3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void atCPythonsColumn(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        Path cases = Files.createTempFile("memlint-indent", ".txt");
        try {
            Files.write(cases, CASES, StandardCharsets.UTF_8);
            String out = Interpreters.run(python,
                    List.of(AstBuilderOracleTest.resource("compile_exact.py").toString(), cases.toString()), "");
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            String[] lines = out.split("\n");
            for (int i = 0; i < CASES.size(); i++) {
                expected.add(CASES.get(i) + " -> " + lines[i]);
                actual.add(CASES.get(i) + " -> " + memlint(CASES.get(i), PythonVersion.parse(target)));
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual));
        } finally {
            Files.deleteIfExists(cases);
        }
    }

    /** As compile_exact.py prints it: line, column, kind and message, tab-separated. */
    private static String memlint(String raw, PythonVersion version) {
        try {
            PythonSourceParser.parse(SyntaxCases.unescape(raw).getBytes(StandardCharsets.UTF_8), version);
            return "OK";
        } catch (PythonSyntaxError e) {
            return e.line() + "\t" + e.column() + "\t" + e.kind() + "\t" + e.getMessage();
        }
    }
}
