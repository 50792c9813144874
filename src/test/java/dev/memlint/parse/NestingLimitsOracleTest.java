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
 * Deeply nested constructs around the depths where CPython starts refusing them, run as a file by
 * the interpreter (compile() from a script starts a few levels deeper for the compiler's limit): the
 * same outcome, kind and message as memlint's (3.9 to 3.11 give the parser's MemoryError no message,
 * 3.8 prints "s_push: parser stack overflow" on the line before it).
 */
class NestingLimitsOracleTest {
    /** Both sides of each threshold measured on 3.10-3.13 (docs/nesting-limits.md). */
    private static final Map<String, int[]> DEPTHS = Map.ofEntries(
            Map.entry("lambda", new int[] {2983, 2984}), Map.entry("pow", new int[] {2983, 2984}),
            Map.entry("minus", new int[] {2998, 2999, 5966, 5967, 5968}), Map.entry("not", new int[] {2998, 2999, 5967, 5968}),
            Map.entry("ifelse", new int[] {2998, 2999, 5967, 5968}), Map.entry("elif", new int[] {2998, 2999, 5962, 5963}),
            Map.entry("calls", new int[] {2998, 2999, 9998, 9999}), Map.entry("plus", new int[] {2998, 2999, 9998, 9999}),
            Map.entry("minus_in_call", new int[] {2998, 5960, 5961}), Map.entry("minus_in_if", new int[] {2998, 5960, 5961}),
            Map.entry("minus_in_parens", new int[] {2998, 5900, 5901}), Map.entry("parens_in_blocks", new int[] {64, 65}),
            Map.entry("parens", new int[] {200, 201}), Map.entry("tuples", new int[] {199, 200}),
            Map.entry("lambda_paren", new int[] {199, 200}));
    /** 3.8's LL(1) parser and 3.8/3.9's constant folding. */
    private static final Map<String, int[]> DEPTHS_38_39 = Map.ofEntries(
            Map.entry("lambda", new int[] {839, 840, 2983, 2984}), Map.entry("pow", new int[] {839, 840, 2983, 2984}),
            Map.entry("minus", new int[] {1679, 1680, 5967, 5968}), Map.entry("not", new int[] {1679, 1680, 2998, 2999}),
            Map.entry("ifelse", new int[] {1679, 1680, 2998, 2999}), Map.entry("elif", new int[] {2998, 2999}),
            Map.entry("calls", new int[] {2998, 2999}), Map.entry("attrs", new int[] {2998, 2999}),
            Map.entry("subscripts", new int[] {2998, 2999}), Map.entry("plus", new int[] {2998, 2999}),
            Map.entry("minus_in_call", new int[] {1662, 1663, 5961, 5962}), Map.entry("minus_in_if", new int[] {1675, 1676, 5961, 5962}),
            Map.entry("minus_in_parens", new int[] {1628, 1629, 5901, 5902}), Map.entry("parens_in_blocks", new int[] {64, 65}),
            Map.entry("parens", new int[] {98, 99, 200, 201}), Map.entry("lists", new int[] {98, 99, 200, 201}),
            Map.entry("nested_calls", new int[] {98, 99, 200, 201}), Map.entry("parens_in_call", new int[] {97, 98}),
            Map.entry("tuples", new int[] {98, 99, 199, 200}), Map.entry("lambda_paren", new int[] {88, 89, 199, 200}),
            Map.entry("dicts", new int[] {104, 105}),
            Map.entry("ones", new int[] {5000}), Map.entry("minus_name", new int[] {1679, 1680, 2998, 2999}),
            Map.entry("minus_tuple", new int[] {1662, 1663, 2998, 2999}), Map.entry("invert_float", new int[] {1679, 1680, 2998, 2999}));

    @ParameterizedTest
    @CsvSource({"3.8.18, python3.8, 3.8", "3.9.18, python3.9, 3.9", "3.10.13, python3.10, 3.10", "3.11.7, python3.11, 3.11", "3.12.1, python3.12, 3.12",
            "3.13.0, python3.13, 3.13"})
    void refusedLikeCPython(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        PythonVersion version = PythonVersion.parse(target);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        Path file = Files.createTempFile("nested", ".py");
        try {
            Map<String, int[]> depths = version.atLeast(PythonVersion.PY310) ? DEPTHS : DEPTHS_38_39;
            for (var entry : new java.util.TreeMap<>(depths).entrySet()) {
                for (int depth : entry.getValue()) {
                    String source = NestingLimitsTest.nested(entry.getKey(), depth);
                    Files.writeString(file, source, StandardCharsets.UTF_8);
                    String cpython = run(python, file);
                    String memlint = NestingLimitsTest.outcome(source, version);
                    if (!memlint.equals("OK")) memlint = memlint.substring(0, memlint.lastIndexOf(' '));
                    if (cpython.equals("MemoryError")) memlint = memlint.split(" ")[0];
                    expected.add(entry.getKey() + " " + depth + " -> " + cpython);
                    actual.add(entry.getKey() + " " + depth + " -> " + memlint);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) differences.add(expected.get(i) + ", memlint: " + actual.get(i));
        }
        assertEquals(List.of(), differences);
    }

    /** "OK" when the file compiled (it may fail running: a traceback), else "Kind message". */
    private static String run(Path python, Path file) throws Exception {
        Process p = new ProcessBuilder(python.toString(), file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc = p.waitFor();
        if (rc == 0 || err.contains("Traceback (most recent call last)")) return "OK";
        String last = err.substring(err.lastIndexOf('\n') + 1);
        if (last.equals("MemoryError") && err.contains("s_push: parser stack overflow")) return "MemoryError s_push: parser stack overflow";
        return last.replaceFirst(": ", " ");
    }
}
