package dev.memlint.report;

import com.contrastsecurity.sarif.Artifact;
import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Related;
import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for GitHub code scanning and SARIF viewers, built with java-sarif. One run; the same
 * inputs give the same bytes (no timestamps, no absolute paths but {@code originalUriBaseIds}).
 * Each object is complete before it goes into one of java-sarif's hash sets, because those hash
 * their elements deeply.
 */
public final class SarifReporter implements Reporter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/memlint/memlint";

    /** A rule's documentation, rules/CODE.md on the project's main branch: SARIF help and LSP codeDescription. */
    public static URI helpUri(String code) {
        return URI.create(INFORMATION_URI + "/blob/main/rules/" + code + ".md");
    }

    /**
     * @param paths    the source root that {@code %SRCROOT%} names, normally the repository root
     * @param rules    the enabled rules; rules of reported findings are added when missing
     * @param category {@code automationDetails.id} prefix, or null
     * @param baseline the comparison with {@code --baseline}, or null
     */
    public record Settings(SarifPaths paths, List<RuleInfo> rules, String toolVersion, String category,
                           BaselineComparison baseline) {
    }

    private final Settings settings;
    private final SarifPaths paths;

    public SarifReporter(Settings settings) {
        this.settings = settings;
        this.paths = settings.paths();
    }

    @Override
    public void write(LintReport report, PrintWriter out) throws IOException {
        out.write(SarifJson.WRITER.writeValueAsString(toJson(report)));
        out.write('\n');
        out.flush();
    }

    /** The SARIF log as a JSON tree. */
    public JsonNode toJson(LintReport report) {
        List<RuleInfo> rules = rulesFor(report.findings());
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleInfo rule : rules) ruleIndex.put(rule.code(), ruleIndex.size());
        ObjectNode log = SarifJson.MAPPER.valueToTree(build(report, rules, ruleIndex));
        if (settings.baseline() != null) {
            appendAbsentResults((ArrayNode) log.path("runs").path(0).path("results"), ruleIndex);
        }
        return log;
    }

    private SarifSchema210 build(LintReport report, List<RuleInfo> rules, Map<String, Integer> ruleIndex) {
        List<Finding> findings = report.findings();

        Map<String, Integer> artifactIndex = new LinkedHashMap<>();
        for (Finding f : findings) artifactIndex.putIfAbsent(f.path(), artifactIndex.size());

        List<String> fingerprints = Fingerprints.of(findings, report.sources());
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            Result result = result(f, ruleIndex.get(f.code()), artifactIndex.get(f.path()),
                    report.sources().get(f.path()), fingerprints.get(i));
            if (settings.baseline() != null) result.setBaselineState(settings.baseline().states().get(i));
            results.add(result);
        }

        Run run = new Run()
                .withTool(new Tool().withDriver(driver(rules)))
                .withInvocations(List.of(invocation(report.failures())))
                .withOriginalUriBaseIds(new OriginalUriBaseIds().withAdditionalProperty(SarifPaths.SRCROOT,
                        new ArtifactLocation().withUri(paths.rootUri())))
                .withArtifacts(artifacts(artifactIndex.keySet()))
                .withResults(results)
                .withColumnKind(Run.ColumnKind.UNICODE_CODE_POINTS);
        if (settings.category() != null) {
            // GitHub reads the part up to the last '/' as the category; nothing after it keeps runs stable.
            String id = settings.category().endsWith("/") ? settings.category() : settings.category() + "/";
            run.setAutomationDetails(new RunAutomationDetails().withId(id));
        }
        return new SarifSchema210()
                .with$schema(URI.create(SCHEMA))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    /** Enabled rules plus the rule of every reported finding, sorted by code, each once. */
    private List<RuleInfo> rulesFor(List<Finding> findings) {
        Map<String, RuleInfo> byCode = new TreeMap<>();
        for (RuleInfo rule : settings.rules()) byCode.put(rule.code(), rule);
        for (Finding f : findings) {
            if (byCode.containsKey(f.code())) continue;
            RuleInfo known = RuleRegistry.all().stream().filter(r -> r.code().equals(f.code())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("finding of unregistered rule " + f.code()));
            byCode.put(known.code(), known);
        }
        return List.copyOf(byCode.values());
    }

    private ToolComponent driver(List<RuleInfo> rules) {
        Set<ReportingDescriptor> descriptors = new LinkedHashSet<>();
        for (RuleInfo rule : rules) descriptors.add(descriptor(rule));
        return new ToolComponent()
                .withName("memlint")
                .withVersion(settings.toolVersion())
                .withSemanticVersion(settings.toolVersion())
                .withInformationUri(URI.create(INFORMATION_URI))
                .withRules(descriptors);
    }

    private static ReportingDescriptor descriptor(RuleInfo rule) {
        SarifRuleHelp help = SarifRuleHelp.load(rule.code());
        String full = help == null || help.fullDescription().isEmpty() ? rule.summary() : help.fullDescription();
        ReportingDescriptor descriptor = new ReportingDescriptor()
                .withId(rule.code())
                .withName(rule.name())
                .withShortDescription(new MultiformatMessageString().withText(sentence(rule.summary())))
                .withFullDescription(new MultiformatMessageString().withText(sentence(full)))
                .withHelpUri(helpUri(rule.code()))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(configurationLevel(rule.severity())))
                .withProperties(new PropertyBag()
                        .withTags(new LinkedHashSet<>(rule.tags()))
                        .withAdditionalProperty("precision", rule.precision())
                        .withAdditionalProperty("problem.severity", problemSeverity(rule.severity())));
        descriptor.setHelp(help != null
                ? new MultiformatMessageString().withText(help.text()).withMarkdown(help.markdown())
                : new MultiformatMessageString().withText(sentence(full)));
        return descriptor;
    }

    private Result result(Finding f, int ruleIndex, int artifactIndex, SourceText source, String fingerprint) {
        Result result = new Result()
                .withRuleId(f.code())
                .withRuleIndex(ruleIndex)
                .withLevel(resultLevel(f.severity()))
                .withMessage(message(f.message()))
                .withLocations(List.of(new Location()
                        .withPhysicalLocation(physical(f.path(), artifactIndex, f.range(), source))))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty("primaryLocationLineHash", fingerprint));
        if (!f.related().isEmpty()) {
            Set<Location> related = new LinkedHashSet<>();
            int id = 1;
            for (Related r : f.related()) {
                related.add(new Location()
                        .withId(id++)
                        .withPhysicalLocation(physical(f.path(), artifactIndex, r.range(), source))
                        .withMessage(message(r.message())));
            }
            result.setRelatedLocations(related);
        }
        if (!f.flow().isEmpty()) {
            List<ThreadFlowLocation> steps = new ArrayList<>();
            for (FlowStep step : f.flow()) {
                steps.add(new ThreadFlowLocation().withLocation(new Location()
                        .withPhysicalLocation(physical(f.path(), artifactIndex, step.range(), source))
                        .withMessage(message(step.message()))));
            }
            result.setCodeFlows(List.of(new CodeFlow().withThreadFlows(List.of(new ThreadFlow().withLocations(steps)))));
        }
        if (f.cost() != null) result.setProperties(costProperties(f.cost()));
        if (f.fix() != null) {
            List<Replacement> replacements = new ArrayList<>();
            for (Edit edit : f.fix().edits()) {
                Replacement replacement = new Replacement().withDeletedRegion(region(edit.range()));
                if (!edit.replacement().isEmpty()) {
                    replacement.setInsertedContent(new ArtifactContent().withText(edit.replacement()));
                }
                replacements.add(replacement);
            }
            result.setFixes(Set.of(new com.contrastsecurity.sarif.Fix()
                    .withDescription(message(fixDescription(f.fix())))
                    .withArtifactChanges(Set.of(new ArtifactChange()
                            .withArtifactLocation(artifactLocation(f.path(), artifactIndex))
                            .withReplacements(replacements)))));
        }
        return result;
    }

    /** result.properties.cost: the same object as the JSON format's "cost". */
    private static PropertyBag costProperties(Cost cost) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", cost.text());
        if (cost.growth() != null) fields.put("growth", cost.growth());
        if (cost.size() != null) fields.put("size", cost.size());
        fields.put("provenance", cost.provenance());
        return new PropertyBag().withAdditionalProperty("cost", fields);
    }

    private PhysicalLocation physical(String path, int artifactIndex, TextRange range, SourceText source) {
        Region region = region(range);
        String snippet = snippet(source, range);
        if (!snippet.isEmpty()) region.setSnippet(new ArtifactContent().withText(snippet));
        return new PhysicalLocation()
                .withArtifactLocation(artifactLocation(path, artifactIndex))
                .withRegion(region);
    }

    /** The text a range covers, clamped to the file; "" when the file's text is unknown. */
    static String snippet(SourceText source, TextRange range) {
        if (source == null || range.line() > source.lineCount()) return "";
        int start = offset(source, range.line(), range.column());
        int end = offset(source, Math.min(range.endLine(), source.lineCount()),
                range.endLine() > source.lineCount() ? Integer.MAX_VALUE : range.endColumn());
        return end > start ? source.text().substring(start, end) : "";
    }

    /** UTF-16 index of a 1-based line and 1-based code-point column, the column clamped to the line. */
    private static int offset(SourceText source, int line, int column) {
        return source.offset(line, Math.max(0, Math.min(column - 1, source.codePointLength(line))));
    }

    private static Region region(TextRange range) {
        return new Region()
                .withStartLine(range.line())
                .withStartColumn(range.column())
                .withEndLine(range.endLine())
                .withEndColumn(range.endColumn());
    }

    private ArtifactLocation artifactLocation(String path, int artifactIndex) {
        return uriOnly(path).withIndex(artifactIndex);
    }

    private ArtifactLocation uriOnly(String path) {
        String uri = paths.uri(path);
        ArtifactLocation location = new ArtifactLocation().withUri(uri);
        if (paths.isRelative(uri)) location.setUriBaseId(SarifPaths.SRCROOT);
        return location;
    }

    private Set<Artifact> artifacts(Iterable<String> files) {
        Set<Artifact> artifacts = new LinkedHashSet<>();
        for (String file : files) {
            artifacts.add(new Artifact().withLocation(uriOnly(file)).withSourceLanguage("python"));
        }
        return artifacts;
    }

    private Invocation invocation(List<FileFailure> failures) {
        List<Notification> notifications = new ArrayList<>();
        for (FileFailure failure : failures) {
            notifications.add(new Notification()
                    .withLevel(Notification.Level.ERROR)
                    .withMessage(message(failure.message()))
                    .withLocations(Set.of(new Location().withPhysicalLocation(
                            new PhysicalLocation().withArtifactLocation(uriOnly(failure.path()))))));
        }
        return new Invocation()
                .withExecutionSuccessful(failures.isEmpty())
                .withToolExecutionNotifications(notifications);
    }

    /** Appends the baseline's vanished results, re-pointed at this run's rule table. */
    private void appendAbsentResults(ArrayNode results, Map<String, Integer> ruleIndex) {
        for (JsonNode absent : settings.baseline().absent()) {
            ObjectNode copy = absent.deepCopy();
            copy.remove("ruleIndex");
            Integer index = ruleIndex.get(copy.path("ruleId").asText());
            if (index != null) copy.put("ruleIndex", index);
            removeArtifactIndexes(copy);
            copy.put("baselineState", "absent");
            results.add(copy);
        }
    }

    /** The baseline's artifact table is not this run's: keep the URIs, drop the indexes. */
    private static void removeArtifactIndexes(JsonNode node) {
        if (node.isObject()) {
            JsonNode artifactLocation = node.get("artifactLocation");
            if (artifactLocation instanceof ObjectNode location) location.remove("index");
            node.forEach(SarifReporter::removeArtifactIndexes);
        } else if (node.isArray()) {
            node.forEach(SarifReporter::removeArtifactIndexes);
        }
    }

    /** SARIF fixes have no applicability: viewers offer every fix alike, so an unsafe one says so. */
    private static String fixDescription(Fix fix) {
        String description = sentence(fix.description());
        return fix.applicability() == Fix.Applicability.UNSAFE
                ? description + " Unsafe: it can change what the code does, so review it." : description;
    }

    /** SARIF wants complete sentences: a message without final punctuation gets a period. */
    static Message message(String text) {
        return new Message().withText(sentence(text));
    }

    static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?")) return t;
        return t + ".";
    }

    static Result.Level resultLevel(Severity severity) {
        return switch (severity) {
            case ERROR -> Result.Level.ERROR;
            case WARNING -> Result.Level.WARNING;
            case NOTE -> Result.Level.NOTE;
        };
    }

    private static ReportingConfiguration.Level configurationLevel(Severity severity) {
        return switch (severity) {
            case ERROR -> ReportingConfiguration.Level.ERROR;
            case WARNING -> ReportingConfiguration.Level.WARNING;
            case NOTE -> ReportingConfiguration.Level.NOTE;
        };
    }

    /** GitHub's non-security severity scale. */
    private static String problemSeverity(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "recommendation";
        };
    }
}
