package dev.memlint.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SarifReporterTest {
    static String render(SarifReporter.Settings settings, LintReport report) throws IOException {
        StringWriter out = new StringWriter();
        new SarifReporter(settings).write(report, new PrintWriter(out));
        String sarif = out.toString();
        SarifSchemaCheck.assertValid(sarif);
        return sarif;
    }

    private static String fixtureSarif() throws IOException {
        Path root = SarifFixture.root();
        return render(SarifFixture.settings(root, "memlint", null), SarifFixture.report(root, SarifFixture.findings()));
    }

    /** The machine-specific root URI is replaced so that the golden file is the same everywhere. */
    private static String portable(String sarif) {
        String rootUri = new SarifPaths(SarifFixture.root(), SarifFixture.root()).rootUri();
        return sarif.replace(rootUri, "file:///SRCROOT/");
    }

    @Test
    void fixtureMatchesGoldenFile() throws IOException {
        Snapshots.assertMatches("fixture.sarif", portable(fixtureSarif()));
    }

    @Test
    void aCostGoesIntoTheResultsPropertiesAndStaysValid() throws IOException {
        Path root = SarifFixture.root();
        Cost cost = new Cost("copies up to len(buf) bytes on every iteration: O(n²) in len(buf)", "O(n²)", "len(buf)",
                "input-driven (parameter `buf`)");
        Finding finding = new Finding("MEM990", "pkg/report.py", new TextRange(4, 9, 4, 31), Severity.WARNING,
                "s grows", List.of(), List.of(), null, cost);
        String sarif = render(SarifFixture.settings(root, "memlint", null), SarifFixture.report(root, List.of(finding)));
        JsonNode properties = SarifJson.MAPPER.readTree(sarif).path("runs").path(0).path("results").path(0)
                .path("properties").path("cost");
        assertEquals("O(n²)", properties.path("growth").asText());
        assertEquals("len(buf)", properties.path("size").asText());
        assertEquals("input-driven (parameter `buf`)", properties.path("provenance").asText());
        assertEquals(cost.text(), properties.path("text").asText());
    }

    @Test
    void sameInputGivesSameBytes() throws IOException {
        assertEquals(fixtureSarif(), fixtureSarif());
    }

    @Test
    void everyLevelIsExplicitEvenWhereItEqualsTheSchemaDefault() throws IOException {
        JsonNode run = SarifJson.MAPPER.readTree(fixtureSarif()).path("runs").path(0);
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            assertTrue(rule.path("defaultConfiguration").path("level").isTextual(), rule.toString());
        }
        for (JsonNode result : run.path("results")) {
            assertTrue(result.path("level").isTextual(), result.toString());
        }
        assertEquals("warning", run.path("results").path(2).path("level").asText());
        assertEquals("error", run.path("invocations").path(0).path("toolExecutionNotifications").path(0)
                .path("level").asText());
    }

    @Test
    void rulesListEveryEnabledRuleOnceAndResultsPointAtTheirRuleAndArtifact() throws IOException {
        JsonNode run = SarifJson.MAPPER.readTree(fixtureSarif()).path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertEquals(List.of("MEM001", "MEM990", "MEM991"), rules.findValuesAsText("id"));
        for (JsonNode rule : rules) {
            assertTrue(rule.path("fullDescription").path("text").asText().length() <= 1024);
            assertTrue(rule.path("help").path("text").isTextual());
            assertTrue(rule.path("properties").path("precision").isTextual());
            assertTrue(rule.path("properties").path("problem.severity").isTextual());
            assertTrue(rule.path("properties").path("security-severity").isMissingNode());
        }
        for (JsonNode result : run.path("results")) {
            assertEquals(result.path("ruleId").asText(), rules.path(result.path("ruleIndex").asInt()).path("id").asText());
            JsonNode artifact = result.path("locations").path(0).path("physicalLocation").path("artifactLocation");
            assertEquals(artifact.path("uri"), run.path("artifacts").path(artifact.path("index").asInt()).path("location").path("uri"));
            assertEquals("%SRCROOT%", artifact.path("uriBaseId").asText());
        }
    }

    @Test
    void theOnlyAbsolutePathIsTheSourceRoot() throws IOException {
        String sarif = fixtureSarif();
        JsonNode root = SarifJson.MAPPER.readTree(sarif).path("runs").path(0).path("originalUriBaseIds").path("%SRCROOT%").path("uri");
        assertTrue(root.asText().startsWith("file:///") && root.asText().endsWith("/"), root.asText());
        assertEquals(sarif.indexOf("file:"), sarif.lastIndexOf("file:"));
        String path = SarifFixture.root().toString();
        assertEquals(sarif.indexOf(path), sarif.lastIndexOf(path), "the root path appears once, in its URI");
    }

    @Test
    void aFileOutsideTheRootGetsAnAbsoluteUriWithoutBase(@TempDir Path elsewhere) throws IOException {
        Path file = elsewhere.resolve("outside.py");
        java.nio.file.Files.writeString(file, "x = 1\n");
        Finding f = new Finding("MEM001", file.toString(), new TextRange(1, 1, 1, 2), Severity.ERROR, "invalid syntax");
        JsonNode run = SarifJson.MAPPER.readTree(render(SarifFixture.settings(SarifFixture.root(), null, null),
                SarifFixture.report(SarifFixture.root(), List.of(f), List.of()))).path("runs").path(0);
        JsonNode location = run.path("results").path(0).path("locations").path(0).path("physicalLocation").path("artifactLocation");
        assertEquals(file.toUri().toASCIIString(), location.path("uri").asText());
        assertTrue(location.path("uriBaseId").isMissingNode());
        assertTrue(run.path("invocations").path(0).path("executionSuccessful").asBoolean());
        assertTrue(run.path("automationDetails").isMissingNode());
    }

    @Test
    void anEmptyRunIsValidAndStillDescribesTheRules() throws IOException {
        JsonNode run = SarifJson.MAPPER.readTree(render(SarifFixture.settings(SarifFixture.root(), "ci/python", null),
                SarifFixture.report(SarifFixture.root(), List.of(), List.of()))).path("runs").path(0);
        assertEquals(0, run.path("results").size());
        assertEquals(3, run.path("tool").path("driver").path("rules").size());
        assertEquals("ci/python/", run.path("automationDetails").path("id").asText());
    }

    @Test
    void everyRegisteredRuleGetsACompleteDescriptor() throws IOException {
        var settings = new SarifReporter.Settings(new SarifPaths(SarifFixture.root(), SarifFixture.root()),
                dev.memlint.rule.RuleRegistry.all(), "0.1.0", null, null);
        JsonNode rules = SarifJson.MAPPER.readTree(render(settings, SarifFixture.report(SarifFixture.root(), List.of(), List.of())))
                .path("runs").path(0).path("tool").path("driver").path("rules");
        assertEquals(dev.memlint.rule.RuleRegistry.all().size(), rules.size());
        for (JsonNode rule : rules) {
            String full = rule.path("fullDescription").path("text").asText();
            assertTrue(!full.isEmpty() && full.length() <= SarifRuleHelp.MAX_FULL_DESCRIPTION, rule.toString());
            assertFalse(rule.path("help").path("text").asText().isEmpty(), rule.toString());
        }
    }

    @Test
    void aLongWhatItDoesSectionIsCutAtASentenceEnd() {
        String sentence = "This sentence is forty-four characters long. ";
        String doc = "# MEM999 x\n\n## What it does\n" + sentence.repeat(40) + "\n\n## Why is this bad?\nBecause.\n";
        String full = SarifRuleHelp.fullDescription(doc);
        assertTrue(full.length() <= SarifRuleHelp.MAX_FULL_DESCRIPTION, full);
        assertTrue(full.endsWith("long."), full);
        assertFalse(full.contains("Because"));
    }

    @Test
    void anUnsafeFixSaysSo() throws IOException {
        Finding f = new Finding("MEM991", "pkg/report.py", new TextRange(9, 16, 9, 23), Severity.NOTE, "list built",
                List.of(), List.of(), new dev.memlint.rule.Fix("Pass `a` itself", dev.memlint.rule.Fix.Applicability.UNSAFE,
                List.of(new dev.memlint.rule.Edit(new TextRange(9, 16, 9, 23), "a"))));
        JsonNode fix = SarifJson.MAPPER.readTree(render(SarifFixture.settings(SarifFixture.root(), null, null),
                SarifFixture.report(SarifFixture.root(), List.of(f), List.of()))).path("runs").path(0).path("results").path(0)
                .path("fixes").path(0);
        assertEquals("Pass `a` itself. Unsafe: it can change what the code does, so review it.",
                fix.path("description").path("text").asText());
        assertEquals("a", fix.path("artifactChanges").path(0).path("replacements").path(0).path("insertedContent").path("text").asText());
    }
}
