package dev.memlint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonReporterTest {
    private static JsonNode render(List<Finding> findings) throws IOException {
        StringWriter text = new StringWriter();
        new JsonReporter().write(new LintReport(findings, Map.of(), 1, List.of()), new PrintWriter(text));
        return new ObjectMapper().readTree(text.toString());
    }

    @Test
    void everyFieldOfAFindingWithAFix() throws IOException {
        Fix fix = new Fix("Use a generator", Fix.Applicability.UNSAFE,
                List.of(new Edit(new TextRange(3, 5, 3, 6), "("), new Edit(new TextRange(3, 20, 3, 21), ")")));
        Finding finding = new Finding("MEM999", "src/a \"b\".py", new TextRange(3, 5, 4, 2), Severity.WARNING,
                "a list is built only to be iterated", List.of(), List.of(), fix);
        JsonNode f = render(List.of(finding)).get(0);
        assertEquals("MEM999", f.get("code").asText());
        assertEquals("src/a \"b\".py", f.get("path").asText());
        assertEquals(List.of(3, 5, 4, 2), List.of(f.get("line").asInt(), f.get("column").asInt(),
                f.get("endLine").asInt(), f.get("endColumn").asInt()));
        assertEquals("warning", f.get("severity").asText());
        assertEquals("a list is built only to be iterated", f.get("message").asText());
        assertEquals("Use a generator", f.get("fix").get("message").asText());
        assertEquals("unsafe", f.get("fix").get("applicability").asText());
        JsonNode edit = f.get("fix").get("edits").get(1);
        assertEquals(20, edit.get("column").asInt());
        assertEquals(")", edit.get("content").asText());
    }

    @Test
    void aCostIsItsOwnObject() throws IOException {
        Cost cost = new Cost("O(n²) in len(buf), input-driven (parameter `buf`)", "O(n²)", "len(buf)",
                "input-driven (parameter `buf`)");
        Finding finding = new Finding("MEM103", "a.py", new TextRange(2, 1, 2, 9), Severity.WARNING,
                "buf shrinks (O(n²) in len(buf), input-driven (parameter `buf`))", List.of(), List.of(), null, cost);
        JsonNode c = render(List.of(finding)).get(0).get("cost");
        assertEquals("O(n²)", c.get("growth").asText());
        assertEquals("len(buf)", c.get("size").asText());
        assertEquals("input-driven (parameter `buf`)", c.get("provenance").asText());
        assertEquals(cost.text(), c.get("text").asText());
    }

    @Test
    void anUnknownGrowthIsLeftOut() throws IOException {
        Cost cost = new Cost("how large len(xs) gets is not known", null, "len(xs)", "unknown");
        Finding finding = new Finding("MEM101", "a.py", new TextRange(2, 1, 2, 9), Severity.NOTE, "m",
                List.of(), List.of(), null, cost);
        JsonNode c = render(List.of(finding)).get(0).get("cost");
        assertFalse(c.has("growth"));
        assertEquals("unknown", c.get("provenance").asText());
    }

    @Test
    void noFixNoFixField() throws IOException {
        JsonNode f = render(List.of(new Finding("MEM001", "a.py", new TextRange(1, 1, 1, 1), Severity.ERROR, "x"))).get(0);
        assertFalse(f.has("fix"));
        assertFalse(f.has("cost"));
        assertEquals(8, f.size());
    }
}
