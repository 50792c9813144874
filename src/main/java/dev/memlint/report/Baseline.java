package dev.memlint.report;

import com.contrastsecurity.sarif.Result;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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

    /**
     * Reads a SARIF file and checks the parts a comparison uses, so that a file that is not a usable
     * baseline is an error before the run, naming the file, what is wrong and where.
     */
    public static Baseline read(Path file) throws BaselineException {
        JsonNode log = parse(file);
        Map<Key, ArrayDeque<JsonNode>> results = new HashMap<>();
        List<JsonNode> inOrder = new ArrayList<>();
        Shape shape = new Shape(file);
        JsonNode runs = shape.field(shape.object(log, "the top level"), "runs", "", JsonNodeType.ARRAY);
        for (int i = 0; i < runs.size(); i++) {
            String run = "runs[" + i + "]";
            JsonNode runResults = shape.object(runs.get(i), run).get("results");
            if (runResults == null || runResults.isNull()) continue; // SARIF: the tool did not get to run
            shape.check(runResults, run + ".results", JsonNodeType.ARRAY);
            for (int j = 0; j < runResults.size(); j++) {
                String where = run + ".results[" + j + "]";
                JsonNode result = shape.object(runResults.get(j), where);
                JsonNode state = result.get("baselineState");
                if (state != null) shape.check(state, where + ".baselineState", JsonNodeType.STRING);
                if (state != null && state.asText().equals("absent")) continue;
                results.computeIfAbsent(shape.key(result, where), k -> new ArrayDeque<>()).add(result);
                inOrder.add(result);
            }
        }
        return new Baseline(results, inOrder);
    }

    /** The file as a JSON tree; any failure to read or parse it is a BaselineException. */
    private static JsonNode parse(Path file) throws BaselineException {
        String name = "baseline " + file;
        JsonParser parser = null;
        try (InputStream in = Files.newInputStream(file)) {
            parser = SarifJson.MAPPER.createParser(in);
            JsonNode log = SarifJson.MAPPER.readTree(parser);
            if (log == null || log.isMissingNode()) throw new BaselineException(name + ": empty file, not a SARIF log");
            if (parser.nextToken() != null) {
                throw new BaselineException(name + at(parser.currentTokenLocation()) + ": not valid JSON: "
                        + "more after the end of the SARIF log");
            }
            return log;
        } catch (StreamConstraintsException e) { // carries no location: the parser has it
            throw new BaselineException(name + at(parser == null ? null : parser.currentLocation()) + ": not valid JSON: "
                    + e.getOriginalMessage().replaceFirst(", from `[^`]*`\\)", ")"));
        } catch (JacksonException e) {
            throw new BaselineException(name + at(e.getLocation()) + ": not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new BaselineException(name + ": not valid JSON: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BaselineException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BaselineException(name + ": permission denied");
        } catch (FileSystemException e) {
            throw new BaselineException(name + ": cannot read: " + (e.getReason() != null ? e.getReason() : e));
        } catch (IOException e) {
            throw new BaselineException(name + ": cannot read: " + e.getMessage());
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /** Checks that the parts of a SARIF log a comparison reads have the types SARIF gives them. */
    private record Shape(Path file) {
        Key key(JsonNode result, String where) throws BaselineException {
            JsonNode ruleId = result.get("ruleId");
            String rule;
            if (ruleId != null) {
                rule = check(ruleId, where + ".ruleId", JsonNodeType.STRING).asText();
            } else if (result.get("rule") != null) {
                rule = field(object(result.get("rule"), where + ".rule"), "id", where + ".rule", JsonNodeType.STRING).asText();
            } else {
                throw error(where + " has no \"ruleId\"");
            }
            JsonNode locations = field(result, "locations", where, JsonNodeType.ARRAY);
            if (locations.isEmpty()) throw error(where + ".locations is empty");
            JsonNode location = object(locations.get(0), where + ".locations[0]");
            JsonNode physical = field(location, "physicalLocation", where + ".locations[0]", JsonNodeType.OBJECT);
            String at = where + ".locations[0].physicalLocation";
            JsonNode artifact = field(physical, "artifactLocation", at, JsonNodeType.OBJECT);
            String uri = field(artifact, "uri", at + ".artifactLocation", JsonNodeType.STRING).asText();
            JsonNode fingerprints = field(result, "partialFingerprints", where, JsonNodeType.OBJECT);
            String hash = field(fingerprints, "primaryLocationLineHash", where + ".partialFingerprints",
                    JsonNodeType.STRING).asText();
            return new Key(rule, uri, hash);
        }

        JsonNode object(JsonNode node, String where) throws BaselineException {
            return check(node, where, JsonNodeType.OBJECT);
        }

        /** The named member of an object; where is the object's path, "" for the top level. */
        JsonNode field(JsonNode object, String name, String where, JsonNodeType type) throws BaselineException {
            JsonNode value = object.get(name);
            if (value == null) throw error((where.isEmpty() ? "the top level" : where) + " has no \"" + name + "\"");
            return check(value, where.isEmpty() ? name : where + "." + name, type);
        }

        JsonNode check(JsonNode node, String where, JsonNodeType type) throws BaselineException {
            if (node.getNodeType() != type) throw error(where + " is " + describe(node.getNodeType()) + ", not " + describe(type));
            return node;
        }

        private BaselineException error(String problem) {
            return new BaselineException("baseline " + file + ": not a usable SARIF log: " + problem);
        }

        private static String describe(JsonNodeType type) {
            return switch (type) {
                case ARRAY -> "an array";
                case OBJECT, POJO -> "an object";
                case STRING, BINARY -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL, MISSING -> "null";
            };
        }
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
