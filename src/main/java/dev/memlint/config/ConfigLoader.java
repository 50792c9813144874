package dev.memlint.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.RuleMeta;
import dev.memlint.rule.RuleRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads [tool.memlint] from a pyproject.toml (or the top level of a memlint.toml given with
 * --config) and checks every key, so a typo is an error naming the key rather than a silently
 * ignored setting.
 */
public final class ConfigLoader {
    private static final Set<String> KEYS = Set.of("select", "ignore", "extend-select", "per-file-ignores",
            "exclude", "extend-exclude", "target-version", "rules", "max-file-size", "test-code", "test-code-globs",
            "respect-gitignore", "force-exclude", "output-format", "cache-dir");

    private ConfigLoader() {}

    /**
     * What one directory's own pyproject.toml says: a [tool.memlint] table (its file), or a [project]
     * table (its requires-python, maybe null), or nothing for memlint (no file, or neither table).
     * ConfigResolver climbs the directories one level at a time, so each file is read once.
     */
    record Level(Path memlintFile, boolean declaresProject, PythonVersion requiresPython) {
        static final Level NONE = new Level(null, false, null);
    }

    static Level level(Path dir) throws ConfigException {
        Path candidate = dir.resolve("pyproject.toml");
        if (!Files.isRegularFile(candidate)) return Level.NONE;
        JsonNode doc = read(candidate);
        if (memlintTable(doc, candidate) != null) return new Level(candidate, false, null);
        return doc.has("project") ? new Level(null, true, requiresPython(doc)) : Level.NONE;
    }

    /**
     * The lower bound of [project] requires-python, or null when there is none or it cannot be read
     * (it belongs to the packaging tools: memlint does not fail on it, it only advises less).
     */
    private static PythonVersion requiresPython(JsonNode doc) {
        JsonNode project = doc.get("project");
        JsonNode spec = project == null ? null : project.get("requires-python");
        return spec != null && spec.isTextual() ? RequiresPython.lowest(spec.asText()) : null;
    }

    /** Loads a pyproject.toml ([tool.memlint]) or any other TOML file (its top level). */
    public static Config load(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": configuration file not found");
        JsonNode doc = read(file);
        boolean pyproject = file.getFileName().toString().equals("pyproject.toml");
        JsonNode table = pyproject ? memlintTable(doc, file) : doc;
        String prefix = pyproject ? "tool.memlint." : "";
        Path root = file.toAbsolutePath().normalize().getParent();
        if (table == null) return new Config(root, file, null, List.of(), List.of(), Map.of(),
                Config.DEFAULT_EXCLUDE, List.of(), null, Map.of(), Config.DEFAULT_MAX_FILE_SIZE, TestCode.defaults(),
                requiresPython(doc), Discovery.DEFAULTS, null, null);
        return parse(table, file, prefix, root, pyproject ? doc : null);
    }

    private static JsonNode read(Path file) throws ConfigException {
        try {
            return new TomlMapper().readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new ConfigException(file + ": invalid TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static JsonNode memlintTable(JsonNode doc, Path file) throws ConfigException {
        JsonNode tool = doc.get("tool");
        if (tool == null || !tool.isObject()) return null;
        JsonNode t = tool.get("memlint");
        if (t == null) return null;
        if (!t.isObject()) throw new ConfigException(file + ": tool.memlint must be a table");
        return t;
    }

    private static Config parse(JsonNode table, Path file, String prefix, Path root, JsonNode pyproject)
            throws ConfigException {
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw new ConfigException(file + ": unknown key '" + prefix + key
                    + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        List<String> select = table.has("select") ? selectors(table, "select", file, prefix) : null;
        List<String> extendSelect = table.has("extend-select") ? selectors(table, "extend-select", file, prefix) : List.of();
        List<String> ignore = table.has("ignore") ? selectors(table, "ignore", file, prefix) : List.of();
        List<String> exclude = table.has("exclude") ? globs(table.get("exclude"), file, prefix + "exclude")
                : Config.DEFAULT_EXCLUDE;
        List<String> extendExclude = table.has("extend-exclude")
                ? globs(table.get("extend-exclude"), file, prefix + "extend-exclude") : List.of();
        PythonVersion target = null;
        if (table.has("target-version")) {
            JsonNode v = table.get("target-version");
            target = v.isTextual() ? PythonVersion.parse(v.asText()) : null;
            if (target == null) throw new ConfigException(file + ": '" + prefix + "target-version' must be one of "
                    + "\"3.8\" ... \"3.14\" (or \"py38\" ... \"py314\"), got " + v);
        }
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        if (table.has("per-file-ignores")) {
            JsonNode pf = table.get("per-file-ignores");
            if (!pf.isObject()) throw new ConfigException(file + ": '" + prefix
                    + "per-file-ignores' must be a table of glob = [codes]");
            for (Iterator<Map.Entry<String, JsonNode>> it = pf.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkGlob(e.getKey(), file, prefix + "per-file-ignores");
                String key = prefix + "per-file-ignores.\"" + e.getKey() + "\"";
                List<String> codes = strings(e.getValue(), file, key);
                for (String c : codes) checkSelector(c, file, key);
                perFile.put(e.getKey(), codes);
            }
        }
        return new Config(root, file, select, extendSelect, ignore, perFile, exclude, extendExclude, target,
                ruleOptions(table.get("rules"), file, prefix), maxFileSize(table.get("max-file-size"), file, prefix),
                testCode(table, file, prefix), pyproject == null ? null : requiresPython(pyproject),
                discovery(table, file, prefix), outputFormat(table.get("output-format"), file, prefix),
                cacheDir(table.get("cache-dir"), root, file, prefix));
    }

    private static Discovery discovery(JsonNode table, Path file, String prefix) throws ConfigException {
        return new Discovery(bool(table, "respect-gitignore", Discovery.DEFAULTS.respectGitignore(), file, prefix),
                bool(table, "force-exclude", Discovery.DEFAULTS.forceExclude(), file, prefix));
    }

    private static boolean bool(JsonNode table, String key, boolean otherwise, Path file, String prefix) throws ConfigException {
        JsonNode value = table.get(key);
        if (value == null) return otherwise;
        if (!value.isBoolean()) throw new ConfigException(file + ": '" + prefix + key + "' must be true or false, got " + value);
        return value.asBoolean();
    }

    /** A string; which names exist is the command line's business (it owns the formats). */
    private static String outputFormat(JsonNode value, Path file, String prefix) throws ConfigException {
        if (value == null) return null;
        if (!value.isTextual()) throw new ConfigException(file + ": '" + prefix + "output-format' must be a string, got "
                + value);
        return value.asText();
    }

    /** A directory name, relative to the configuration file's directory (as Ruff's cache-dir). */
    private static Path cacheDir(JsonNode value, Path root, Path file, String prefix) throws ConfigException {
        if (value == null) return null;
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ConfigException(file + ": '" + prefix + "cache-dir' must be a directory name, got " + value);
        }
        try {
            return root.resolve(value.asText());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(file + ": '" + prefix + "cache-dir' is not a valid path: " + e.getReason());
        }
    }

    private static TestCode testCode(JsonNode table, Path file, String prefix) throws ConfigException {
        TestCode.Mode mode = TestCode.Mode.LIFETIME_ONLY;
        JsonNode value = table.get("test-code");
        if (value != null) {
            mode = value.isTextual() ? TestCode.Mode.parse(value.asText()) : null;
            if (mode == null) throw new ConfigException(file + ": '" + prefix + "test-code' must be one of \""
                    + String.join("\", \"", TestCode.Mode.labels()) + "\", got " + value);
        }
        List<String> globs = table.has("test-code-globs")
                ? globs(table.get("test-code-globs"), file, prefix + "test-code-globs") : List.of();
        return TestCode.of(mode, globs);
    }

    /** A number of bytes, or a string with a suffix: 20971520 or "20M". */
    private static long maxFileSize(JsonNode value, Path file, String prefix) throws ConfigException {
        if (value == null) return Config.DEFAULT_MAX_FILE_SIZE;
        String problem;
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) return value.asLong();
        if (value.isTextual()) {
            try {
                return ByteSize.parse(value.asText());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        } else {
            problem = "expected a number of bytes or a string such as \"20M\", got " + value;
        }
        throw new ConfigException(file + ": '" + prefix + "max-file-size': " + problem);
    }

    private static Map<String, Map<String, Long>> ruleOptions(JsonNode rules, Path file, String prefix)
            throws ConfigException {
        if (rules == null) return Map.of();
        if (!rules.isObject()) throw new ConfigException(file + ": '" + prefix + "rules' must be a table of "
                + "[" + prefix + "rules.CODE] tables");
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String code = e.getKey();
            String key = prefix + "rules." + code;
            if (RuleRegistry.info(code) == null) throw new ConfigException(file + ": unknown rule code in '" + key + "'");
            if (!e.getValue().isObject()) throw new ConfigException(file + ": '" + key + "' must be a table");
            List<RuleMeta.Option> declared = RuleRegistry.options(code);
            Map<String, Long> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> o = e.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> opt = o.next();
                String optKey = key + "." + opt.getKey();
                if (declared.stream().noneMatch(d -> d.name().equals(opt.getKey()))) {
                    throw new ConfigException(file + ": unknown option '" + optKey + "'"
                            + (declared.isEmpty() ? " (" + code + " has no options)" : " (known: "
                            + String.join(", ", declared.stream().map(RuleMeta.Option::name).toList()) + ")"));
                }
                if (!opt.getValue().canConvertToLong() || !opt.getValue().isIntegralNumber() || opt.getValue().asLong() < 0)
                    throw new ConfigException(file + ": '" + optKey + "' must be a non-negative integer, got "
                            + opt.getValue());
                values.put(opt.getKey(), opt.getValue().asLong());
            }
            out.put(code, values);
        }
        return out;
    }

    private static List<String> selectors(JsonNode table, String name, Path file, String prefix) throws ConfigException {
        List<String> list = strings(table.get(name), file, prefix + name);
        for (String s : list) checkSelector(s, file, prefix + name);
        return list;
    }

    private static void checkSelector(String s, Path file, String key) throws ConfigException {
        if (!RuleSelection.isValidSelector(s)) throw new ConfigException(file + ": '" + key
                + "' has \"" + s + "\", which is no rule code or prefix (see `memlint rules`)");
    }

    private static List<String> globs(JsonNode node, Path file, String key) throws ConfigException {
        List<String> list = strings(node, file, key);
        for (String glob : list) checkGlob(glob, file, key);
        return list;
    }

    /** Compiled here, so that a malformed glob stops the run before it starts, naming the key. */
    private static void checkGlob(String glob, Path file, String key) throws ConfigException {
        try {
            Glob.compile(glob);
        } catch (Glob.InvalidGlobException e) {
            throw new ConfigException(file + ": '" + key + "' has an " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node, Path file, String key) throws ConfigException {
        if (node == null || !node.isArray()) throw new ConfigException(file + ": '" + key + "' must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) throw new ConfigException(file + ": '" + key + "' must be an array of strings, has " + n);
            out.add(n.asText());
        }
        return out;
    }
}
