package dev.memlint.cli;

import dev.memlint.memory.ThreadCpu;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.RuleEngine;
import dev.memlint.rule.RuleRegistry;

import java.nio.charset.StandardCharsets;
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
