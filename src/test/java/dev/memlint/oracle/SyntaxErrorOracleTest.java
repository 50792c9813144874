package dev.memlint.oracle;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hundreds of short programs in the doctests of CPython's own test.test_syntax (most of them
 * invalid), extracted by src/test/python/syntax_snippets.py: memlint must refuse what CPython
 * refuses, with a PythonSyntaxError on CPython's line, and read the rest as CPython does.
 * Reports: target/oracle-syntax-3.X.txt.
 */
class SyntaxErrorOracleTest {
    /** Measured share of refusals on CPython's line; see the reports. */
    static final double MIN_SAME_LINE = 0.99;

    @ParameterizedTest(name = "CPython {0}")
    @CsvSource({"3.11.7, PY311", "3.12.1, PY312", "3.13.0, PY313"})
    void syntaxErrorsAreCPythons(String version, PythonVersion target) throws Exception {
        CPython python = CPython.find(version);
        assumeTrue(python != null, "CPython " + version + " is not installed (pyenv): skipping its test_syntax oracle");
        Path dir = Path.of("target", "oracle", "syntax-" + target.label()).toAbsolutePath();
        python.run(Path.of("src", "test", "python", "syntax_snippets.py").toString(), dir.toString());
        List<Path> files = Corpus.pythonFiles(dir);
        OracleReport r = OracleRun.run("memlint vs " + python.label() + " on test_syntax's examples", dir, files, python,
                "test_syntax", target);
        r.write(Path.of("target", "oracle-syntax-" + target.label() + ".txt"));
        System.out.println(r.summary());
        assertEquals(0, r.count(OracleRun.Kind.REFUSED_CRASHED) + r.count(OracleRun.Kind.CRASHED),
                () -> "memlint crashed: " + r.summary());
        assertTrue(r.rejectAgreement() >= MIN_SAME_LINE, r::summary);
        assertTrue(r.identicalRatio() >= StdlibOracleTest.MIN_IDENTICAL, r::summary);
    }
}
