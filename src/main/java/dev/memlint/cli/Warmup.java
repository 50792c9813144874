package dev.memlint.cli;

import dev.memlint.check.ResultCache;
import dev.memlint.memory.ThreadCpu;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.RuleEngine;
import dev.memlint.rule.RuleRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads and initialises the parser and the rules on a spare core while the main thread reads the
 * command line: in a fresh JVM picocli takes about 140 ms to build the command, and the parser's
 * and rules' classes as long again, one after the other, before the first file is linted.
 */
final class Warmup {
    private static final String SAMPLE = """
            class Queue:
                def drain(self, items):
                    out = []
                    for i in range(len(items)):
                        out.append(items[i][1:] + f"{i}")
                    return sum([len(x) for x in out])
            """;

    private Warmup() {}

    /**
     * Whether a check is likely to parse files: not when it will find a result cache (--cache-dir,
     * $MEMLINT_CACHE_DIR or ./.memlint_cache exists), where a re-run mostly parses nothing and the
     * warm-up took a sixth of a warm run's CPU on two cores. A run whose cache lives where only the
     * configuration says (cache-dir) still warms up.
     */
    static boolean worthIt(String[] args, String cacheEnvironment) {
        Path cache = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-cache")) return true;
            if (args[i].equals("--cache-dir") && i + 1 < args.length) cache = Path.of(args[i + 1]);
            if (args[i].startsWith("--cache-dir=")) cache = Path.of(args[i].substring("--cache-dir=".length()));
        }
        if (cache == null && cacheEnvironment != null && !cacheEnvironment.isEmpty()) cache = Path.of(cacheEnvironment);
        if (cache == null) cache = Path.of(ResultCache.DEFAULT_NAME);
        return !Files.isDirectory(cache);
    }

    static void start() {
        Thread thread = new Thread(Warmup::run, "memlint-warmup");
        thread.setDaemon(true); // never holds the JVM open
        thread.start();
    }

    private static void run() {
        ThreadCpu.leaveOutThisThread(); // --stats reports the run's own work
        try {
            var parsed = PythonSourceParser.parse(SAMPLE.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST);
            new RuleEngine(RuleRegistry.ruleClasses(), Map.of()).check("<warmup>", parsed);
        } catch (Throwable ignored) {
            // only a head start: the real run loads the same classes and reports any problem
        }
    }
}
