package dev.memlint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.TextRange;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * A JSON array with one object per finding: code, path, line, column, endLine, endColumn (1-based,
 * columns in characters, end exclusive), severity, message, fix when there is one, and cost when
 * the finding knows what it costs.
 */
public final class JsonReporter implements Reporter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void write(LintReport report, PrintWriter out) throws IOException {
        // The generator must not close the caller's writer (it may be stdout).
        try (JsonGenerator json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(pretty);
            json.writeStartArray();
            for (Finding finding : report.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
        }
        out.println();
    }

    private static void writeFinding(JsonGenerator json, Finding f) throws IOException {
        json.writeStartObject();
        json.writeStringField("code", f.code());
        json.writeStringField("path", f.path());
        writeRange(json, f.range());
        json.writeStringField("severity", f.severity().label());
        json.writeStringField("message", f.message());
        if (f.fix() != null) writeFix(json, f.fix());
        if (f.cost() != null) writeCost(json, f.cost());
        json.writeEndObject();
    }

    private static void writeRange(JsonGenerator json, TextRange r) throws IOException {
        json.writeNumberField("line", r.line());
        json.writeNumberField("column", r.column());
        json.writeNumberField("endLine", r.endLine());
        json.writeNumberField("endColumn", r.endColumn());
    }

    private static void writeCost(JsonGenerator json, Cost cost) throws IOException {
        json.writeObjectFieldStart("cost");
        json.writeStringField("text", cost.text());
        if (cost.growth() != null) json.writeStringField("growth", cost.growth());
        if (cost.size() != null) json.writeStringField("size", cost.size());
        json.writeStringField("provenance", cost.provenance());
        json.writeEndObject();
    }

    private static void writeFix(JsonGenerator json, Fix fix) throws IOException {
        json.writeObjectFieldStart("fix");
        json.writeStringField("message", fix.description());
        json.writeStringField("applicability", fix.applicability().name().toLowerCase());
        json.writeArrayFieldStart("edits");
        for (Edit edit : fix.edits()) {
            json.writeStartObject();
            writeRange(json, edit.range());
            json.writeStringField("content", edit.replacement());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
