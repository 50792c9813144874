package dev.memlint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.memlint.rule.Finding;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * GitLab's Code Quality report: a JSON array of issues, each with description, check_name,
 * fingerprint, severity and location (path relative to the repository root, begin and end line).
 * The fingerprint hashes the path with the SARIF fingerprint ({@link Fingerprints}), so an issue
 * keeps it when unrelated lines move and GitLab can tell new issues from old ones in a merge request.
 * A file that could not be checked is a critical issue on its first line.
 */
public final class GitlabReporter implements Reporter {
    private static final JsonFactory JSON = new JsonFactory();

    private final SarifPaths paths;

    public GitlabReporter(SarifPaths paths) {
        this.paths = paths;
    }

    @Override
    public void write(LintReport report, PrintWriter out) throws IOException {
        List<String> fingerprints = Fingerprints.of(report.findings(), report.sources());
        try (JsonGenerator json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartArray();
            for (int i = 0; i < report.findings().size(); i++) {
                Finding f = report.findings().get(i);
                String path = paths.displayPath(f.path());
                writeIssue(json, f.code() + " " + f.message(), f.code(), severity(f), path, f.range().line(),
                        lastLine(f), hash(path + "\n" + fingerprints.get(i)));
            }
            for (FileFailure failure : report.failures()) {
                String path = paths.displayPath(failure.path());
                writeIssue(json, failure.message(), "memlint", "critical", path, 1, 1,
                        hash(path + "\nnot checked"));
            }
            json.writeEndArray();
        }
        out.println();
    }

    private static void writeIssue(JsonGenerator json, String description, String check, String severity,
                                   String path, int begin, int end, String fingerprint) throws IOException {
        json.writeStartObject();
        json.writeStringField("description", description);
        json.writeStringField("check_name", check);
        json.writeStringField("fingerprint", fingerprint);
        json.writeStringField("severity", severity);
        json.writeObjectFieldStart("location");
        json.writeStringField("path", path);
        json.writeObjectFieldStart("lines");
        json.writeNumberField("begin", begin);
        json.writeNumberField("end", Math.max(begin, end));
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The last line the range covers: an end at column 1 of a later line stops before that line. */
    private static int lastLine(Finding f) {
        boolean endsAtLineStart = f.range().endLine() > f.range().line() && f.range().endColumn() == 1;
        return endsAtLineStart ? f.range().endLine() - 1 : f.range().endLine();
    }

    /** GitLab's levels are info, minor, major, critical and blocker. */
    private static String severity(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case NOTE -> "info";
        };
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
