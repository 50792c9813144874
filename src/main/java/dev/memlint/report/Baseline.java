package dev.memlint.report;

import com.contrastsecurity.sarif.Result;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of an earlier SARIF log ({@code --baseline OLD.sarif}), for adopting memlint on code
 * that already has findings. A finding matches a baseline result with the same rule, the same
 * artifact URI and the same {@code primaryLocationLineHash} (see {@link Fingerprints}); each baseline
 * result matches at most one finding. Results marked absent in the file are ignored, so the output of
 * a {@code --baseline} run can itself serve as the next baseline.
 */
public final class Baseline {
    private record Key(String ruleId, String uri, String fingerprint) {}

    private final Map<Key, ArrayDeque<JsonNode>> results;
    private final List<JsonNode> inOrder;

    private Baseline(Map<Key, ArrayDeque<JsonNode>> results, List<JsonNode> inOrder) {
        this.results = results;
        this.inOrder = inOrder;
    }

    /** Reads a SARIF file; a file that is not SARIF is an error naming the file and the problem. */
    public static Baseline read(Path file) throws BaselineException {
        JsonNode log;
        try {
            log = SarifJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BaselineException(file + ": no such file");
        } catch (JacksonException e) {
            throw new BaselineException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BaselineException(file + ": cannot read: " + e.getMessage());
        }
        if (log == null || !log.path("runs").isArray()) {
            throw new BaselineException(file + ": not a SARIF log (no \"runs\" array)");
        }
        Map<Key, ArrayDeque<JsonNode>> results = new HashMap<>();
        List<JsonNode> inOrder = new ArrayList<>();
        for (JsonNode run : log.path("runs")) {
            for (JsonNode result : run.path("results")) {
                if ("absent".equals(result.path("baselineState").asText())) continue;
                Key key = new Key(ruleId(result),
                        result.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText(),
                        result.path("partialFingerprints").path("primaryLocationLineHash").asText());
                results.computeIfAbsent(key, k -> new ArrayDeque<>()).add(result);
                inOrder.add(result);
            }
        }
        return new Baseline(results, inOrder);
    }

    private static String ruleId(JsonNode result) {
        String id = result.path("ruleId").asText();
        return id.isEmpty() ? result.path("rule").path("id").asText() : id;
    }

    /** Compares findings (any order) with the baseline; this baseline is not changed. */
    public BaselineComparison compare(List<Finding> findings, Map<String, SourceText> sources, SarifPaths paths) {
        Map<Key, ArrayDeque<JsonNode>> unmatched = new HashMap<>();
        results.forEach((key, queue) -> unmatched.put(key, new ArrayDeque<>(queue)));
        List<String> fingerprints = Fingerprints.of(findings, sources);
        List<Result.BaselineState> states = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            ArrayDeque<JsonNode> candidates = unmatched.get(new Key(f.code(), paths.uri(f.path()), fingerprints.get(i)));
            boolean matched = candidates != null && candidates.poll() != null;
            states.add(matched ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
        }
        List<JsonNode> absent = new ArrayList<>();
        Set<JsonNode> left = Collections.newSetFromMap(new IdentityHashMap<>());
        unmatched.values().forEach(left::addAll);
        for (JsonNode result : inOrder) {
            if (left.contains(result)) absent.add(result);
        }
        return new BaselineComparison(states, absent);
    }
}
