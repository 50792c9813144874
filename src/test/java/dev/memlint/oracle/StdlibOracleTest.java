package dev.memlint.oracle;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * memlint's tree of every .py file of the 3.11, 3.12, 3.13 (pyenv) and 3.14 (pyodide) standard
 * libraries, test/ included, against CPython's own, field by field with positions. Reports go to
 * target/oracle-3.X.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StdlibOracleTest {
    /** Share of the files CPython accepts whose memlint tree must be identical. */
    static final double MIN_IDENTICAL = 0.999;
    /** Share of the files CPython refuses that memlint must refuse with an error on the same line. */
    static final double MIN_SAME_LINE_REFUSALS = 1.0;

    private final Map<String, OracleReport> reports = new HashMap<>();

    @ParameterizedTest(name = "CPython {0}")
    @CsvSource({"3.11.7, PY311", "3.12.1, PY312", "3.13.0, PY313"})
    void treesAreCPythons(String version, PythonVersion target) throws Exception {
        assertIdenticalEnough(report(version, target));
    }

    @ParameterizedTest(name = "CPython {0}")
    @CsvSource({"3.11.7, PY311", "3.12.1, PY312", "3.13.0, PY313"})
    void refusalsAreCPythons(String version, PythonVersion target) throws Exception {
        assertRefusalsAgree(report(version, target));
    }

    @Test
    void treesAreCPython314s() throws Exception {
        assertIdenticalEnough(report314());
    }

    @Test
    void refusalsAreCPython314s() throws Exception {
        assertRefusalsAgree(report314());
    }

    /** Hand-written files of 3.14-only syntax (t-strings, PEP 758 excepts...): every tree must be CPython's. */
    @Test
    void syntaxSamplesAreCPython314s() throws Exception {
        String[] why = new String[1];
        Pyodide pyodide = Pyodide.find(why);
        assumeTrue(pyodide != null, () -> "skipping the 3.14 syntax samples: " + why[0]);
        Path root = Path.of("src", "test", "resources", "oracle", "py314").toAbsolutePath();
        List<Path> files = Corpus.pythonFiles(root);
        OracleReport r = OracleRun.run("memlint vs " + pyodide.label() + " on the 3.14 syntax samples", root, files,
                pyodide, "py314-samples", PythonVersion.PY314);
        r.write(Path.of("target", "oracle-3.14-samples.txt"));
        assertEquals(files.size(), r.count(OracleRun.Kind.IDENTICAL), () -> r.render());
    }

    private OracleReport report(String version, PythonVersion target) throws Exception {
        CPython python = CPython.find(version);
        assumeTrue(python != null, "CPython " + version + " is not installed (pyenv): skipping its stdlib oracle");
        OracleReport cached = reports.get(version);
        if (cached != null) return cached;
        Path stdlib = python.stdlib();
        List<Path> files = Corpus.pythonFiles(stdlib);
        OracleReport r = OracleRun.run("memlint vs " + python.label() + " on its stdlib", stdlib, files, python,
                "stdlib", target);
        r.write(Path.of("target", "oracle-" + target.label() + ".txt"));
        System.out.println(r.summary());
        reports.put(version, r);
        return r;
    }

    private OracleReport report314() throws Exception {
        String[] why = new String[1];
        Pyodide pyodide = Pyodide.find(why);
        assumeTrue(pyodide != null, () -> "skipping the 3.14 stdlib oracle: " + why[0]);
        OracleReport cached = reports.get("3.14");
        if (cached != null) return cached;
        List<Path> files = pyodide.stdlibFiles();
        Path root = Path.of("target", "oracle", "py314-stdlib");
        OracleReport r = OracleRun.run("memlint vs " + pyodide.label() + " on its python_stdlib.zip",
                root.toAbsolutePath(), files.stream().map(Path::toAbsolutePath).toList(), pyodide, "stdlib",
                PythonVersion.PY314);
        r.write(Path.of("target", "oracle-3.14.txt"));
        System.out.println(r.summary());
        reports.put("3.14", r);
        return r;
    }

    private static void assertIdenticalEnough(OracleReport r) {
        assertTrue(r.identicalRatio() >= MIN_IDENTICAL, () -> r.summary() + "\n(details in target/oracle-*.txt)");
    }

    private static void assertRefusalsAgree(OracleReport r) {
        assertEquals(0, r.count(OracleRun.Kind.REFUSED_CRASHED), () -> "memlint crashed: " + r.summary());
        assertTrue(r.rejectAgreement() >= MIN_SAME_LINE_REFUSALS, r::summary);
    }
}
