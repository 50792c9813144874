package dev.memlint.report;

import com.contrastsecurity.sarif.Result;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memlint.rule.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineTest {
    @TempDir
    Path dir;

    /** Copies the fixture project so that its files can be edited. */
    private Path project() throws IOException {
        Path root = dir.resolve("project");
        try (var files = Files.walk(SarifFixture.root())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = root.resolve(SarifFixture.root().relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return root;
    }

    private Path writeBaseline(Path root, List<Finding> findings) throws IOException {
        Path baseline = dir.resolve("baseline.sarif");
        Files.writeString(baseline, SarifReporterTest.render(SarifFixture.settings(root, null, null),
                SarifFixture.report(root, findings, List.of())));
        return baseline;
    }

    @Test
    void editedFileKeepsOldFindingsUnchangedAndReportsNewAndVanishedOnes() throws Exception {
        Path root = project();
        List<Finding> old = SarifFixture.findings();
        Path baseline = writeBaseline(root, old);

        // Two lines inserted at the top of report.py move every finding in it down by two lines;
        // the MEM990 finding is fixed (gone) and a new MEM991 appears at the end.
        Path report = root.resolve("pkg/report.py");
        Files.writeString(report, "import sys\n\n" + Files.readString(report) + "\n\nfirst = min(list(sys.argv))\n");
        List<Finding> now = new ArrayList<>();
        for (Finding f : old) {
            if (f.code().equals("MEM990")) continue;
            now.add(f.path().equals("pkg/report.py") ? shifted(f, 2) : f);
        }
        Finding added = new Finding("MEM991", "pkg/report.py", new dev.memlint.rule.TextRange(14, 13, 14, 27),
                dev.memlint.rule.Severity.NOTE, "`list()` builds a list only to be iterated once.");
        now.add(added);
        now.sort(LintReport.ORDER);

        LintReport lint = SarifFixture.report(root, now, List.of());
        BaselineComparison comparison = Baseline.read(baseline).compare(now, lint.sources(), new SarifPaths(root, root));
        for (int i = 0; i < now.size(); i++) {
            assertEquals(now.get(i) == added ? Result.BaselineState.NEW : Result.BaselineState.UNCHANGED,
                    comparison.states().get(i), now.get(i).toString());
        }
        assertEquals(1, comparison.absent().size());
        assertEquals("MEM990", comparison.absent().get(0).path("ruleId").asText());

        String sarif = SarifReporterTest.render(SarifFixture.settings(root, null, comparison), lint);
        JsonNode results = SarifJson.MAPPER.readTree(sarif).path("runs").path(0).path("results");
        assertEquals(now.size() + 1, results.size());
        JsonNode absent = results.path(now.size());
        assertEquals("absent", absent.path("baselineState").asText());
        assertEquals(1, absent.path("ruleIndex").asInt(), "re-pointed at MEM990 in this run's rules");
        assertTrue(absent.findValues("index").isEmpty(), "no artifact index of the old run survives");

        // The output of a --baseline run serves as the next baseline: absent results are skipped.
        Files.writeString(baseline, sarif, StandardCharsets.UTF_8);
        BaselineComparison again = Baseline.read(baseline).compare(now, lint.sources(), new SarifPaths(root, root));
        assertTrue(again.states().stream().allMatch(s -> s == Result.BaselineState.UNCHANGED));
        assertTrue(again.absent().isEmpty());
    }

    private static Finding shifted(Finding f, int lines) {
        var r = f.range();
        List<dev.memlint.rule.Related> related = f.related().stream().map(x -> new dev.memlint.rule.Related(
                new dev.memlint.rule.TextRange(x.range().line() + lines, x.range().column(), x.range().endLine() + lines,
                        x.range().endColumn()), x.message())).toList();
        return new Finding(f.code(), f.path(), new dev.memlint.rule.TextRange(r.line() + lines, r.column(),
                r.endLine() + lines, r.endColumn()), f.severity(), f.message(), related, f.flow(), f.fix());
    }

    @Test
    void sameFindingInAnotherFileIsNew() throws Exception {
        Path root = project();
        Files.copy(root.resolve("pkg/report.py"), root.resolve("pkg/copy.py"));
        Path baseline = writeBaseline(root, SarifFixture.findings());
        Finding original = SarifFixture.findings().get(4);
        Finding copy = new Finding(original.code(), "pkg/copy.py", original.range(), original.severity(), original.message());
        List<Finding> now = List.of(copy);
        BaselineComparison comparison = Baseline.read(baseline)
                .compare(now, SarifFixture.sources(root, now), new SarifPaths(root, root));
        assertEquals(List.of(Result.BaselineState.NEW), comparison.states());
    }
}
