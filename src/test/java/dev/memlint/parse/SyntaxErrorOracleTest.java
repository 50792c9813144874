package dev.memlint.parse;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each snippet of syntax_cases.txt is accepted or refused as CPython's compile() does, on the
 * same line, with the same message (for 3.8 and 3.9 in those versions' wording).
 */
class SyntaxErrorOracleTest {
    /**
     * Wording not reproduced, compared by line only: 3.9 called a keyword argument named True an
     * assignment in an expression, a message memlint keeps for other names.
     */
    private static final Map<String, String> KNOWN_WORDING = Map.of("f(True=1)", "3.9");
    /**
     * Not compared before 3.10: a logical line that starts with whitespace and a backslash takes its
     * indentation as 3.10+ does (the column of the first backslash); 3.8 and 3.9 had other rules.
     */
    private static final String JOINED_INDENT = "\\\\\\n";

    @ParameterizedTest
    @CsvSource({"3.8.18, python3.8, 3.8", "3.9.18, python3.9, 3.9", "3.10.13, python3.10, 3.10",
            "3.11.7, python3.11, 3.11", "3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void refusedLikeCPython(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        Path cases = AstBuilderOracleTest.resource("syntax_cases.txt");
        PythonVersion version = PythonVersion.parse(target);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        String out = Interpreters.run(python,
                List.of(AstBuilderOracleTest.resource("compile_cases.py").toString(), cases.toString()), "");
        List<String> raws = Files.readAllLines(cases, StandardCharsets.UTF_8);
        String[] lines = out.split("\n");
        for (int i = 0; i < raws.size(); i++) {
            String raw = raws.get(i);
            String cpython = lines[i].substring(raw.length() + 3);
            if (raw.contains(JOINED_INDENT) && !version.atLeast(PythonVersion.PY310)) continue;
            String memlint = SyntaxCases.outcome(raw, version);
            boolean compareMessages = !KNOWN_WORDING.getOrDefault(raw, "").equals(target);
            expected.add(raw + " -> " + (compareMessages ? cpython : coarse(cpython)));
            actual.add(raw + " -> " + (compareMessages ? memlint : coarse(memlint)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    /** "OK", or "refused on line N". */
    private static String coarse(String outcome) {
        if (outcome.equals("OK")) return outcome;
        return "refused on line " + outcome.substring(outcome.lastIndexOf(' ') + 1);
    }
}
