package dev.memlint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memlint.rule.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Baselines that are not usable SARIF: each is one BaselineException saying what and where, nothing else. */
class BaselineErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String error(Path baseline) {
        return assertThrows(BaselineException.class, () -> Baseline.read(baseline)).getMessage();
    }

    private static final String RESULT = """
            {"ruleId": "MEM301", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}}}],
             "partialFingerprints": {"primaryLocationLineHash": "0123456789abcdef:1"}}""";

    @Test
    void aResultWithWhatAComparisonReadsIsUsable() throws Exception {
        Path ok = file("ok.sarif", "{\"runs\": [{\"results\": [" + RESULT + "]}, {\"results\": null}, {}]}");
        assertEquals(0, Baseline.read(ok).compare(List.of(), Map.of(), new SarifPaths(dir, dir)).states().size());
    }

    @Test
    void wrongTypesAtEachLevelNameThePlace() throws Exception {
        String[][] cases = {
                {"[]", "the top level is an array, not an object"},
                {"{\"version\": \"2.1.0\"}", "the top level has no \"runs\""},
                {"{\"runs\": {}}", "runs is an object, not an array"},
                {"{\"runs\": [\"run\"]}", "runs[0] is a string, not an object"},
                {"{\"runs\": [{\"results\": 3}]}", "runs[0].results is a number, not an array"},
                {"{\"runs\": [{\"results\": [" + RESULT + ", 1]}]}", "runs[0].results[1] is a number, not an object"},
                {"{\"runs\": [{}, {\"results\": [[]]}]}", "runs[1].results[0] is an array, not an object"},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"MEM301\"", "301") + "]}]}",
                        "runs[0].results[0].ruleId is a number, not a string"},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"ruleId\": \"MEM301\"", "\"rule\": {\"index\": 0}") + "]}]}",
                        "runs[0].results[0].rule has no \"id\""},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"ruleId\": \"MEM301\",", "") + "]}]}",
                        "runs[0].results[0] has no \"ruleId\""},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"locations\"", "\"location\"") + "]}]}",
                        "runs[0].results[0] has no \"locations\""},
                {"{\"runs\": [{\"results\": [" + RESULT.replaceAll("\\[\\{\"physical.*\\}\\}\\}\\]", "[]") + "]}]}",
                        "runs[0].results[0].locations is empty"},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("{\"uri\": \"a.py\"}", "{\"index\": 0}") + "]}]}",
                        "runs[0].results[0].locations[0].physicalLocation.artifactLocation has no \"uri\""},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"a.py\"", "null") + "]}]}",
                        "runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri is null, not a string"},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"0123456789abcdef:1\"", "[1]") + "]}]}",
                        "runs[0].results[0].partialFingerprints.primaryLocationLineHash is an array, not a string"},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("\"partialFingerprints\"", "\"fingerprints\"") + "]}]}",
                        "runs[0].results[0] has no \"partialFingerprints\""},
                {"{\"runs\": [{\"results\": [" + RESULT.replace("{\"ruleId\"", "{\"baselineState\": true, \"ruleId\"") + "]}]}",
                        "runs[0].results[0].baselineState is a boolean, not a string"},
        };
        for (String[] c : cases) {
            Path f = file("bad.sarif", c[0]);
            assertEquals("baseline " + f + ": not a usable SARIF log: " + c[1], error(f), c[0]);
        }
    }

    @Test
    void filesThatAreNotJsonGiveTheLineAndColumn() throws Exception {
        Path f = file("a.sarif", "{\n  \"runs\": [\n  oops\n");
        assertTrue(error(f).startsWith("baseline " + f + ":3:3: not valid JSON: Unrecognized token 'oops'"), error(f));
        Path trailing = file("b.sarif", "{\"runs\": []}\n{\"runs\": []}\n");
        assertEquals("baseline " + trailing + ":2:1: not valid JSON: more after the end of the SARIF log", error(trailing));
        Path nonUtf8 = file("c.sarif", new byte[] {'{', '"', 'r', (byte) 0xff, '"', ':', '[', ']', '}'});
        String badByte = error(nonUtf8); // Jackson reports the column where it noticed: 6, not 4
        assertTrue(badByte.matches("baseline \\Q" + nonUtf8 + "\\E:1:\\d: not valid JSON: Invalid UTF-8 start byte 0xff"), badByte);
        for (String empty : new String[] {"", "  \n\t"}) {
            Path e = file("empty.sarif", empty);
            assertEquals("baseline " + e + ": empty file, not a SARIF log", error(e));
        }
        assertEquals("baseline " + dir + ": cannot read: Is a directory", error(dir));
        Path missing = dir.resolve("missing.sarif");
        assertEquals("baseline " + missing + ": no such file", error(missing));
    }

    /** Jackson stops at 1000 levels, without a location of its own; the message gives the parser's. */
    @Test
    void deepNestingIsAnErrorAtTheLevelTooDeep() throws Exception {
        Path deep = file("deep.sarif", "{\"runs\": " + "[".repeat(1000) + "]".repeat(1000) + "}");
        assertEquals("baseline " + deep + ":1:1010: not valid JSON: Document nesting depth (1001) exceeds the maximum "
                + "allowed (1000)", error(deep));
        Path huge = file("huge.sarif", "[".repeat(100_000));
        assertEquals("baseline " + huge + ":1:1002: not valid JSON: Document nesting depth (1001) exceeds the maximum "
                + "allowed (1000)", error(huge));
        // 990 levels inside a result are fine, and survive into the report as an absent result.
        String deepProperty = RESULT.replace("{\"ruleId\"", "{\"properties\": " + "{\"a\": ".repeat(990) + "1"
                + "}".repeat(990) + ", \"ruleId\"");
        Path usable = file("usable.sarif", "{\"runs\": [{\"results\": [" + deepProperty + "]}]}");
        String sarif = renderAgainst(Baseline.read(usable));
        assertTrue(sarif.contains("\"baselineState\" : \"absent\"") || sarif.contains("\"baselineState\": \"absent\""), sarif);
    }

    /** Every cut of a real baseline short of its end is an error, never another exception. */
    @Test
    void everyTruncationIsAnError() throws Exception {
        byte[] full = realBaseline().getBytes(StandardCharsets.UTF_8);
        int end = new String(full, StandardCharsets.UTF_8).stripTrailing().getBytes(StandardCharsets.UTF_8).length;
        int errors = 0;
        for (int k = 0; k < 120; k++) {
            int cut = (int) ((long) end * k / 120);
            Path f = file("cut.sarif", java.util.Arrays.copyOf(full, cut));
            String message = error(f);
            assertTrue(message.startsWith("baseline " + f + ":") && !message.contains("\n"), message);
            errors++;
        }
        assertEquals(120, errors);
    }

    /**
     * Each node of a real baseline's first three levels and of its first result, replaced by a value
     * of every other JSON type: the baseline is refused with a BaselineException or usable all the
     * way to a written report.
     */
    @Test
    void everyNodeReplacedByEveryTypeIsRefusedOrUsable() throws Exception {
        JsonNode original = SarifJson.MAPPER.readTree(realBaseline());
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(original, new ArrayList<>(), paths);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> replacements = List.of(nodes.numberNode(7), nodes.textNode("x"), nodes.arrayNode(),
                nodes.objectNode(), nodes.nullNode(), nodes.booleanNode(false));
        int refused = 0, usable = 0;
        for (List<Object> path : paths) {
            if (path.size() > 3 && !pointer(path).startsWith("/runs/0/results/0/")) continue;
            for (JsonNode replacement : replacements) {
                JsonNode copy = original.deepCopy();
                JsonNode mutated = replace(copy, path, replacement);
                if (mutated.getNodeType() == original.at(pointer(path)).getNodeType() && !path.isEmpty()) continue;
                Path f = file("mutated.sarif", SarifJson.MAPPER.writeValueAsBytes(mutated));
                try {
                    renderAgainst(Baseline.read(f));
                    usable++;
                } catch (BaselineException e) {
                    assertTrue(e.getMessage().startsWith("baseline " + f + ": not a usable SARIF log: "), e.getMessage());
                    refused++;
                } catch (RuntimeException | IOException e) {
                    fail(pointer(path) + " := " + replacement + " gave " + e, e);
                }
            }
        }
        assertTrue(refused > 20 && usable > 20, "refused " + refused + ", usable " + usable);
    }

    /** A baseline written by the SARIF reporter for the fixture project. */
    private static String realBaseline() throws IOException {
        Path root = SarifFixture.root();
        return SarifReporterTest.render(SarifFixture.settings(root, null, null),
                SarifFixture.report(root, SarifFixture.findings(), List.of()));
    }

    /** Compares no findings with the baseline, so every result is absent and copied into the report. */
    private String renderAgainst(Baseline baseline) throws IOException {
        List<Finding> none = List.of();
        BaselineComparison comparison = baseline.compare(none, Map.of(), new SarifPaths(dir, dir));
        StringWriter out = new StringWriter();
        new SarifReporter(SarifFixture.settings(dir, null, comparison))
                .write(new LintReport(none, Map.of(), 0, List.of()), new PrintWriter(out));
        return out.toString();
    }

    private static void collectPaths(JsonNode node, List<Object> path, List<List<Object>> out) {
        out.add(List.copyOf(path));
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                path.add(name);
                collectPaths(node.get(name), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collectPaths(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    /** The tree with the node at path replaced (the replacement itself for the empty path). */
    private static JsonNode replace(JsonNode root, List<Object> path, JsonNode replacement) {
        if (path.isEmpty()) return replacement;
        JsonNode parent = root.at(pointer(path.subList(0, path.size() - 1)));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) ((ArrayNode) parent).set(i, replacement);
        else ((ObjectNode) parent).set((String) last, replacement);
        return root;
    }

    private static String pointer(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object step : path) b.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        return b.toString();
    }
}
