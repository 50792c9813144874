package dev.memlint.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SARIF of the fixture, with and without a baseline, passes the Multitool's SARIF and GitHub rules. */
class SarifMultitoolTest {
    @TempDir
    Path dir;

    private void assertClean(String sarif) throws Exception {
        Path file = dir.resolve("memlint.sarif");
        Files.writeString(file, sarif);
        assertEquals(List.of(), SarifMultitool.problems(file));
    }

    @Test
    void fixtureSarifHasNoErrorsOrWarnings() throws Exception {
        Path root = SarifFixture.root();
        assertClean(SarifReporterTest.render(SarifFixture.settings(root, "memlint", null),
                SarifFixture.report(root, SarifFixture.findings())));
    }

    @Test
    void sarifWithBaselineStatesHasNoErrorsOrWarnings() throws Exception {
        Path root = SarifFixture.root();
        Path baseline = dir.resolve("baseline.sarif");
        Files.writeString(baseline, SarifReporterTest.render(SarifFixture.settings(root, null, null),
                SarifFixture.report(root, SarifFixture.findings(), List.of())));
        var now = SarifFixture.findings().subList(0, 3);
        LintReport report = SarifFixture.report(root, now, List.of());
        BaselineComparison comparison = Baseline.read(baseline).compare(now, report.sources(), new SarifPaths(root, root));
        assertEquals(2, comparison.absent().size());
        assertClean(SarifReporterTest.render(SarifFixture.settings(root, null, comparison), report));
    }

    @Test
    void theCheckNoticesAFaultyLog() throws Exception {
        Path file = dir.resolve("faulty.sarif");
        Files.writeString(file, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                + " \"results\": [{\"message\": {\"text\": \"m\"}}]}]}");
        List<String> problems = SarifMultitool.problems(file);
        org.junit.jupiter.api.Assertions.assertTrue(problems.stream().anyMatch(p -> p.startsWith("error SARIF1010")),
                String.join("\n", problems));
    }

    @Test
    void everyRegisteredRuleDescriptorPasses() throws Exception {
        var settings = new SarifReporter.Settings(new SarifPaths(SarifFixture.root(), SarifFixture.root()),
                dev.memlint.rule.RuleRegistry.all(), "0.1.0", null, null);
        assertClean(SarifReporterTest.render(settings, SarifFixture.report(SarifFixture.root(), List.of(), List.of())));
    }
}
