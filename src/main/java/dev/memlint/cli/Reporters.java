package dev.memlint.cli;

import dev.memlint.report.BaselineComparison;
import dev.memlint.report.ConciseReporter;
import dev.memlint.report.GithubReporter;
import dev.memlint.report.GitlabReporter;
import dev.memlint.report.GroupedReporter;
import dev.memlint.report.JunitReporter;
import dev.memlint.report.JsonReporter;
import dev.memlint.report.Reporter;
import dev.memlint.report.SarifPaths;
import dev.memlint.report.SarifReporter;
import dev.memlint.report.TextReporter;
import dev.memlint.rule.RuleInfo;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The output formats of `memlint check --format NAME`; a new format is one more entry here. */
final class Reporters {
    /**
     * What a reporter may need beyond the options, known once the files are checked.
     *
     * @param paths    the source root and working directory that report paths are relative to
     * @param rules    the enabled rules
     * @param baseline the comparison with --baseline, or null
     */
    record Context(SarifPaths paths, List<RuleInfo> rules, String version, BaselineComparison baseline) {}

    private static final Map<String, BiFunction<CheckOptions, Context, Reporter>> BY_NAME = new LinkedHashMap<>();

    static {
        // A file named by --output gets colour only when asked for it with --color always.
        BY_NAME.put("text", (options, context) -> new TextReporter(colored(options), options.statistics));
        BY_NAME.put("concise", (options, context) -> new ConciseReporter(colored(options)));
        BY_NAME.put("grouped", (options, context) -> new GroupedReporter(colored(options)));
        BY_NAME.put("json", (options, context) -> new JsonReporter());
        BY_NAME.put("sarif", (options, context) -> sarif(options.category, context));
        BY_NAME.put("github", (options, context) -> new GithubReporter(context.paths()));
        BY_NAME.put("gitlab", (options, context) -> new GitlabReporter(context.paths()));
        BY_NAME.put("junit", (options, context) -> new JunitReporter());
    }

    private static boolean colored(CheckOptions options) {
        return options.output == null ? options.color.enabled() : options.color == ColorMode.always;
    }

    static SarifReporter sarif(String category, Context context) {
        return new SarifReporter(new SarifReporter.Settings(context.paths(), context.rules(), context.version(),
                category, context.baseline()));
    }

    private Reporters() {}

    static boolean exists(String name) {
        return BY_NAME.containsKey(name);
    }

    static Reporter create(String name, CheckOptions options, Context context) {
        return BY_NAME.get(name).apply(options, context);
    }

    /** SARIF shows every finding with its baseline state; the other formats show only what is new. */
    static boolean showsBaselineStates(String name) {
        return name.equals("sarif");
    }

    /** The formats that --statistics changes. */
    static List<String> statisticsFormats() {
        return List.of("text");
    }

    static boolean printsStatistics(String name) {
        return statisticsFormats().contains(name);
    }

    /** The format names, for help, completion and error messages. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BY_NAME.keySet().iterator();
        }
    }
}
