package dev.memlint.cli;

import dev.memlint.oracle.CPython;
import dev.memlint.report.SarifMultitool;
import dev.memlint.report.SarifSchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `memlint check --format sarif` on real trees, checked by the schema and by Microsoft's SARIF Multitool. */
class SarifEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void testdataSarifIsValidAndTheSameOnEveryRun() throws Exception {
        CliRun first = CliRun.of("check", "--format", "sarif", "--category", "memlint", "testdata");
        CliRun second = CliRun.of("check", "--format", "sarif", "--category", "memlint", "testdata");
        assertTrue(first.exitCode() <= 1, first::toString);
        assertEquals(first.out(), second.out(), "byte-identical SARIF for the same input");
        SarifSchemaCheck.assertValid(first.out());
        Path sarif = dir.resolve("testdata.sarif");
        Files.writeString(sarif, first.out());
        assertEquals(List.of(), SarifMultitool.problems(sarif));
    }

    @Test
    void stdlib311SarifPassesTheMultitool() throws Exception {
        CPython python = CPython.find("3.11.7");
        assumeTrue(python != null, "CPython 3.11.7 (pyenv) is not installed; skipping the stdlib SARIF check");
        Path stdlib = python.stdlib();
        Path sarif = dir.resolve("stdlib.sarif");
        long start = System.nanoTime();
        MemlintProcess run = MemlintProcess.run(stdlib, "check", "--target-version", "3.11", "--format", "sarif",
                "--output", sarif.toString(), ".");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(run.exitCode() <= 1, run::toString);
        System.out.printf("stdlib 3.11 SARIF: %d bytes in %d ms (whole check)%n", Files.size(sarif), millis);
        SarifSchemaCheck.assertValid(Files.readString(sarif));
        assertEquals(List.of(), SarifMultitool.problems(sarif));
    }
}
