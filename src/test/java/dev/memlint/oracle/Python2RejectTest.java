package dev.memlint.oracle;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python 2.7's standard library (pyenv 2.7.18) read as Python 3.13: most files are not Python 3.
 * Where CPython 3.13 refuses a file, memlint must refuse it too, with a PythonSyntaxError (never
 * another exception) on the same line; where 3.13 accepts one, the trees must match. Report:
 * target/oracle-py27-as-3.13.txt.
 */
class Python2RejectTest {
    /** Share of refused files that memlint refuses on CPython's line (measured, see the report). */
    static final double MIN_SAME_LINE = 0.93;

    @Test
    void python2FilesAreRefusedLikeCPython313() throws Exception {
        CPython python = CPython.find("3.13.0");
        assumeTrue(python != null, "CPython 3.13.0 is not installed (pyenv): skipping the Python 2 refusal oracle");
        CPython python2 = CPython.find("2.7.18");
        assumeTrue(python2 != null, "Python 2.7.18 is not installed (pyenv): skipping the Python 2 refusal oracle");
        Path stdlib = python2.stdlib();
        List<Path> files = Corpus.pythonFiles(stdlib);
        OracleReport r = OracleRun.run("memlint vs " + python.label() + " on Python 2.7's stdlib", stdlib, files,
                python, "py27-stdlib", PythonVersion.PY313);
        r.write(Path.of("target", "oracle-py27-as-3.13.txt"));
        System.out.println(r.summary());
        assertEquals(0, r.count(OracleRun.Kind.REFUSED_CRASHED) + r.count(OracleRun.Kind.CRASHED),
                () -> "memlint crashed: " + r.summary());
        assertTrue(r.rejectAgreement() >= MIN_SAME_LINE, r::summary);
        assertTrue(r.identicalRatio() >= StdlibOracleTest.MIN_IDENTICAL, r::summary);
    }
}
