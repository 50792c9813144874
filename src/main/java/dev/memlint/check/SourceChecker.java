package dev.memlint.check;

import dev.memlint.config.Config;
import dev.memlint.config.RuleSelection;
import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleEngine;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.TextRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks one source (its bytes, already read) under one configuration: the single place where a
 * source becomes findings, for `memlint check` and `memlint server` alike. A source that does not
 * parse gets exactly one MEM001 finding at CPython's error position, with CPython's message,
 * whatever select, ignore, per-file-ignores and test-code say. Safe on many threads.
 */
public final class SourceChecker {
    // Keyed by the configuration object, not its value: a run shares one Config per directory, and
    // hashing a Config (its globs, selections, options: a record's hashCode through method handles)
    // per file was a tenth of a warm run's Java work.
    private final Map<Config, List<Class<? extends Rule>>> selectedByConfig = new IdentityHashMap<>();
    private final Map<Config, List<Class<? extends Rule>>> selectedForTestCode = new IdentityHashMap<>();

    /**
     * What checking produced. parsed and engine are null when the source did not parse; the engine
     * is the one that ran, for fixing and re-checking.
     */
    public record Checked(List<Finding> findings, SourceText source, ParsedFile parsed, RuleEngine engine) {
        public boolean parses() { return parsed != null; }
    }

    /** @param path where the source lives (its per-file-ignores and test-code globs); displayPath names it in findings */
    public Checked check(Path path, String displayPath, byte[] content, Config config) {
        PythonVersion target = config.targetVersionOrLatest();
        ParsedFile parsed;
        try {
            parsed = PythonSourceParser.parse(content, target);
        } catch (PythonSyntaxError error) {
            // Always reported, whatever the selection: a file that did not parse was not checked at all,
            // and dropping its MEM001 would turn it into a clean file.
            return new Checked(List.of(syntaxError(displayPath, error)), displayText(content), null, null);
        }
        RuleEngine engine = new RuleEngine(rulesFor(config, path), config.ruleOptions(), target, config.lowestPython())
                .forTestCode(config.isTestCode(path));
        return new Checked(engine.check(displayPath, parsed), parsed.source(), parsed, engine);
    }

    private List<Class<? extends Rule>> selected(Config config) {
        return memo(selectedByConfig, config, c -> {
            RuleSelection selection = c.selection();
            return RuleRegistry.ruleClasses().stream().filter(r -> selection.isEnabled(RuleRegistry.meta(r).code())).toList();
        });
    }

    /** The rules that run on a file: selected, not in its per-file-ignores, and allowed on test code if it is. */
    public List<Class<? extends Rule>> rulesFor(Config config, Path file) {
        boolean testCode = config.isTestCode(file);
        if (config.perFileIgnores().isEmpty()) { // the same rules for every file of the configuration, or of its test code
            return !testCode ? selected(config) : memo(selectedForTestCode, config, c -> selected(c).stream()
                    .filter(r -> c.testCode().runsOnTestCode(RuleRegistry.meta(r).code())).toList());
        }
        return selected(config).stream().filter(c -> runs(config, RuleRegistry.meta(c).code(), file, testCode)).toList();
    }

    /**
     * The result cache's key for everything besides the file's bytes and memlint's build that decides
     * its findings: the rules that run on it (selection, per-file-ignores and test code applied), their
     * options, and the Python versions it is parsed for and advised for. Most files of a run share
     * one, so it is hashed once per distinct set (hashing it per file was a tenth of a warm run's work).
     */
    public String cacheKey(Config config, Path file) {
        return memo(cacheKeys, new Settings(config, rulesFor(config, file), config.targetVersionOrLatest()),
                s -> ResultCache.settingsKey(s.describe()));
    }

    private final Map<Settings, String> cacheKeys = new HashMap<>();

    /**
     * computeIfAbsent on a map shared by the run's threads. Emptied when it reaches MEMO_LIMIT keys:
     * `memlint server` makes new Config objects each time a configuration file changes, and keys
     * held by identity would otherwise pile up for as long as it runs.
     */
    private static <K, V> V memo(Map<K, V> map, K key, Function<K, V> compute) {
        synchronized (map) {
            V known = map.get(key);
            if (known == null) {
                if (map.size() >= MEMO_LIMIT) map.clear();
                known = compute.apply(key);
                map.put(key, known);
            }
            return known;
        }
    }

    private static final int MEMO_LIMIT = 1024;

    private record Settings(Config config, List<Class<? extends Rule>> rules, PythonVersion target) {
        @Override
        public boolean equals(Object o) { // the configuration by identity, as above
            return o instanceof Settings s && config == s.config && target == s.target && rules.equals(s.rules);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(config) * 31 + rules.hashCode()) * 31 + target.hashCode();
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(target).append(' ').append(config.lowestPython()).append('\n');
            for (Class<? extends Rule> rule : rules) s.append(RuleRegistry.meta(rule).code()).append(' ');
            s.append('\n');
            new TreeMap<>(config.ruleOptions()).forEach((code, options) ->
                    s.append(code).append(new TreeMap<>(options)).append('\n'));
            return s.toString();
        }
    }

    /** Whether a rule runs on a file: selected, not in its per-file-ignores, and allowed on test code. */
    private static boolean runs(Config config, String code, Path file, boolean testCode) {
        return config.isEnabled(code, file) && (!testCode || config.testCode().runsOnTestCode(code));
    }

    private static Finding syntaxError(String path, PythonSyntaxError error) {
        int line = Math.max(1, error.line());
        int column = Math.max(1, error.column());
        boolean endBeforeStart = error.endLine() < line || (error.endLine() == line && error.endColumn() < column);
        TextRange range = endBeforeStart
                ? new TextRange(line, column, line, column)
                : new TextRange(line, column, error.endLine(), error.endColumn());
        return new Finding(RuleRegistry.SYNTAX_ERROR.code(), path, range, RuleRegistry.SYNTAX_ERROR.severity(),
                error.getMessage());
    }

    /** The text to show under a syntax error; lenient, because the error may be the encoding itself. */
    public static SourceText displayText(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return new SourceText(text.startsWith("\ufeff") ? text.substring(1) : text);
    }
}
