package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --output-format (alias of --format), the concise, grouped, gitlab and junit formats, and output-format in the configuration. */
class OutputFormatTest {
    @TempDir
    Path dir;
    private String a;
    private String b;

    @BeforeEach
    void sources() throws IOException {
        a = Files.writeString(dir.resolve("a.py"), """
                def render(rows):
                    out = ""
                    for row in rows:
                        out = out + f"{row}" + "\\n"
                    return out


                def total(rows):
                    return sum([len(r) for r in rows])
                """).toString();
        b = Files.writeString(dir.resolve("b.py"), "def f(:\n    pass\n").toString();
    }

    @Test
    void outputFormatIsAnAliasOfFormat() {
        CliRun alias = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--output-format", "json", a);
        CliRun format = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "json", a);
        assertEquals(1, alias.exitCode(), alias.toString());
        assertEquals(format.out(), alias.out());
        CliRun bad = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--output-format", "xml", a);
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("expected one of text, concise, grouped, json, sarif, github, gitlab, junit"),
                bad.toString());
    }

    @Test
    void conciseIsOneLinePerFindingAndTheSummary() {
        CliRun run = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "concise", "--color", "never", a, b);
        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith(a + ":4:9: MEM201 "), run.toString());
        assertTrue(lines.get(1).startsWith(a + ":9:16: MEM301 "), run.toString());
        assertTrue(lines.get(2).startsWith(b + ":1:7: MEM001 "), run.toString());
        assertEquals("Found 3 findings in 2 files (2 files checked).", lines.get(3));
    }

    @Test
    void groupedPutsFindingsUnderTheirFile() {
        CliRun run = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "grouped", "--color", "never", a, b);
        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(a + ":", lines.get(0), run.toString());
        assertTrue(lines.get(1).startsWith("  4:9  MEM201 "), "positions aligned: " + run);
        assertTrue(lines.get(2).startsWith("  9:16 MEM301 "), run.toString());
        assertEquals("", lines.get(3));
        assertEquals(b + ":", lines.get(4));
        assertTrue(lines.get(5).startsWith("  1:7 MEM001 "), run.toString());
        assertEquals(List.of("", "Found 3 findings in 2 files (2 files checked)."), lines.subList(6, 8));
    }

    @Test
    void gitlabIsCodeQualityJsonWithStableFingerprints() throws IOException {
        JsonNode issues = new ObjectMapper().readTree(CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "gitlab", a, b).out());
        assertEquals(3, issues.size(), issues.toString());
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode issue : issues) {
            for (String field : List.of("description", "check_name", "fingerprint", "severity")) {
                assertTrue(issue.path(field).isTextual() && !issue.path(field).asText().isEmpty(), field + ": " + issue);
            }
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(issue.path("severity").asText()));
            assertTrue(issue.path("location").path("path").isTextual(), issue.toString());
            assertTrue(issue.path("location").path("lines").path("begin").isInt(), issue.toString());
            fingerprints.add(issue.path("fingerprint").asText());
        }
        assertEquals(3, fingerprints.size(), "one fingerprint per issue: " + issues);
        JsonNode first = issues.get(0);
        assertEquals("MEM201", first.path("check_name").asText());
        assertEquals(4, first.path("location").path("lines").path("begin").asInt());
        assertEquals("major", issues.get(2).path("severity").asText(), "MEM001 is an error");

        // An unrelated line above moves the finding but keeps its fingerprint.
        Files.writeString(Path.of(a), "import os\n" + Files.readString(Path.of(a)));
        JsonNode moved = new ObjectMapper().readTree(CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "gitlab", a).out()).get(0);
        assertEquals(5, moved.path("location").path("lines").path("begin").asInt());
        assertEquals(first.path("fingerprint"), moved.path("fingerprint"));
        Path copy = Files.copy(Path.of(a), dir.resolve("c.py"));
        JsonNode other = new ObjectMapper().readTree(CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "gitlab", copy.toString()).out()).get(0);
        assertNotEquals(first.path("fingerprint"), other.path("fingerprint"), "the path is part of it");
    }

    @Test
    void junitIsOneSuitePerFileAndOnePassWhenClean() throws Exception {
        Files.writeString(dir.resolve("d.py"), "x = '\u0001 < & >'\ndef g(a):\n    return sum([x for x in a])\n");
        CliRun run = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--format", "junit", a, b, dir.resolve("d.py").toString(),
                dir.resolve("missing.py").toString());
        assertEquals(2, run.exitCode(), run.toString());
        Element root = parse(run.out()).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("5", root.getAttribute("tests"), run.toString());
        assertEquals("4", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(4, suites.getLength(), run.toString());
        Element first = (Element) suites.item(0);
        assertEquals(a, first.getAttribute("name"));
        Element testcase = (Element) first.getElementsByTagName("testcase").item(0);
        assertEquals("MEM201 at 4:9", testcase.getAttribute("name"));
        assertEquals("4", testcase.getAttribute("line"));
        assertEquals("MEM201", ((Element) testcase.getElementsByTagName("failure").item(0)).getAttribute("type"));
        assertEquals(1, root.getElementsByTagName("error").getLength(), "the missing file: " + run);

        Document clean = parse(CliRun.of("check", "--format", "junit", "--select", "MEM5", a).out());
        assertEquals("0", clean.getDocumentElement().getAttribute("failures"));
        assertEquals(1, clean.getElementsByTagName("testcase").getLength());
        assertEquals(0, clean.getElementsByTagName("failure").getLength());
    }

    @Test
    void outputFormatInTheConfigurationAndTheCommandLineWins() throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlint]\noutput-format = \"concise\"\n");
        CliRun configured = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--color", "never", dir.toString());
        assertEquals(List.of(a + ":4:9", a + ":9:16", b + ":1:7"),
                configured.findingLines().stream().map(l -> l.replaceFirst("^(.*?:\\d+:\\d+): .*", "$1")).toList());
        assertEquals(4, configured.out().lines().count(), "no source lines: " + configured);
        CliRun json = CliRun.of("check", "--extend-select", "MEM2,MEM3", "--output-format", "json", dir.toString());
        assertTrue(json.out().startsWith("["), json.toString());

        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlint]\noutput-format = \"pretty\"\n");
        CliRun bad = CliRun.of("check", "--extend-select", "MEM2,MEM3", dir.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'tool.memlint.output-format' must be one of text, concise"), bad.toString());
        assertEquals("", bad.out());
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
