package dev.memlint.cli;

import dev.memlint.report.JsonReporter;
import dev.memlint.report.Reporter;
import dev.memlint.report.TextReporter;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The output formats of `memlint check --format NAME`; a new format is one more entry here. */
final class Reporters {
    private static final Map<String, Function<CheckOptions, Reporter>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("text", options -> new TextReporter(options.color.enabled(), options.statistics));
        BY_NAME.put("json", options -> new JsonReporter());
    }

    private Reporters() {}

    static boolean exists(String name) {
        return BY_NAME.containsKey(name);
    }

    static Reporter create(String name, CheckOptions options) {
        return BY_NAME.get(name).apply(options);
    }

    /** The format names, for help, completion and error messages. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BY_NAME.keySet().iterator();
        }
    }
}
