package dev.memlint.parse;

import dev.memlint.oracle.Pyodide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each snippet of target_version_cases.txt (f-strings before and after PEP 701, errors at the end of
 * the input, syntax that came with a version, wording that changed), compiled exactly as written,
 * is accepted or refused by memlint with {@code --target-version 3.X} as by CPython 3.X's compile():
 * refused on the same line and, but for the differences listed below, with the same message.
 * 3.14 is CPython in pyodide (optional, as in the stdlib oracle). Report with every case:
 * target/target-version-oracle-3.X.txt.
 */
class TargetVersionOracleTest {
    /**
     * Wording memlint does not reproduce: snippet -> the versions where it differs. 3.8 compiled
     * "(lambda)" on its own and met the end of that text first.
     */
    private static final Map<String, String> KNOWN_WORDING = Map.of("x = f\"{lambda: 1}\"\\n", "3.8");
    /**
     * Two errors in one file where memlint reports another first: snippet -> versions. 3.8 checked
     * assignment targets after parsing the whole file; memlint checks them before a later parse error.
     */
    private static final Map<String, String> KNOWN_ORDER =
            Map.of("f() = 1\\ndef g():\\n    match x:\\n        case 1:\\n            pass\\n", "3.8");

    @ParameterizedTest(name = "CPython {0}")
    @CsvSource({"3.8.18, python3.8, 3.8", "3.9.18, python3.9, 3.9", "3.10.13, python3.10, 3.10",
            "3.11.7, python3.11, 3.11", "3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void refusesAsCPythonDoes(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv): skipping its target-version oracle");
        String out = Interpreters.run(python, List.of(compileScript().toString(), cases().toString()), "");
        compare("CPython " + pyenv, PythonVersion.parse(target), out);
    }

    @Test
    void refusesAsCPython314InPyodideDoes() throws Exception {
        String[] why = new String[1];
        Pyodide pyodide = Pyodide.find(why);
        assumeTrue(pyodide != null, "skipping the 3.14 target-version oracle: " + why[0]);
        compare(pyodide.label(), PythonVersion.PY314, pyodide.run(compileScript(), cases()));
    }

    private static Path cases() throws Exception { return AstBuilderOracleTest.resource("target_version_cases.txt"); }

    private static Path compileScript() throws Exception { return AstBuilderOracleTest.resource("compile_exact.py"); }

    /** Compares memlint with the interpreter's output (one line per case), writes the report, asserts. */
    private static void compare(String oracle, PythonVersion version, String out) throws Exception {
        String target = version.label();
        List<String> raws = Files.readAllLines(cases(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty() && !l.startsWith("##")).toList();
        String[] cpython = out.split("\n");
        assertEquals(raws.size(), cpython.length, "one line of output per case from " + oracle);

        List<String> report = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        int refused = 0;
        int sameVerdict = 0;
        int sameLine = 0;
        int sameColumn = 0;
        int sameMessage = 0;
        for (int i = 0; i < raws.size(); i++) {
            String raw = raws.get(i);
            Outcome theirs = Outcome.of(cpython[i]);
            Outcome ours = Outcome.memlint(unescape(raw), version);
            boolean verdict = theirs.accepted() == ours.accepted();
            boolean line = verdict && theirs.line() == ours.line();
            boolean message = line && theirs.message().equals(ours.message());
            if (verdict) sameVerdict++;
            if (!theirs.accepted()) {
                refused++;
                if (line) sameLine++;
                if (line && theirs.column() == ours.column()) sameColumn++;
                if (message) sameMessage++;
            }
            report.add(raw + "\n    " + oracle + ": " + theirs + "\n    memlint: " + ours
                    + (message || theirs.accepted() && verdict ? "" : verdict && line ? "\n    (message differs)" : "\n    DIFFERS"));
            boolean knownWording = KNOWN_WORDING.getOrDefault(raw, "").contains(target);
            boolean knownOrder = KNOWN_ORDER.getOrDefault(raw, "").contains(target);
            expected.add(raw + " -> " + theirs.comparable(!knownOrder, !knownWording && !knownOrder));
            actual.add(raw + " -> " + ours.comparable(!knownOrder, !knownWording && !knownOrder));
        }
        String summary = String.format("memlint --target-version %s vs %s on %d snippets: same verdict %d/%d, "
                        + "refused on the same line %d/%d (same column %d), same message %d/%d",
                target, oracle, raws.size(), sameVerdict, raws.size(), sameLine, refused, sameColumn, sameMessage, refused);
        report.add(0, summary);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "target-version-oracle-" + target + ".txt"), report, StandardCharsets.UTF_8);
        System.out.println(summary);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    /** The escapes of the cases file (as compile_exact.py reads them). */
    private static String unescape(String raw) {
        return raw.replace("\\\\", "\0").replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
                .replace("\0", "\\");
    }

    /** Accepted, or refused at a line and column with an exception kind and message. */
    private record Outcome(boolean accepted, int line, int column, String message) {
        static Outcome of(String cpythonLine) {
            if (cpythonLine.equals("OK")) return new Outcome(true, 0, 0, "");
            String[] f = cpythonLine.split("\t", 4);
            return new Outcome(false, Integer.parseInt(f[0]), f[1].equals("None") ? 0 : Integer.parseInt(f[1]),
                    f[2] + ": " + f[3]);
        }

        static Outcome memlint(String source, PythonVersion version) {
            try {
                PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), version);
                return new Outcome(true, 0, 0, "");
            } catch (PythonSyntaxError e) {
                return new Outcome(false, e.line(), e.column(), e.kind() + ": " + e.getMessage());
            }
        }

        /** What the test asserts: the verdict, and the line and the message unless told otherwise. */
        String comparable(boolean withLine, boolean withMessage) {
            if (accepted) return "accepted";
            return "refused" + (withLine ? " on line " + line : "") + (withMessage ? ": " + message : "");
        }

        @Override public String toString() {
            return accepted ? "accepted" : line + ":" + column + " " + message;
        }
    }
}
