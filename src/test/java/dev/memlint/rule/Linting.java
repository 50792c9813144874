package dev.memlint.rule;

import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Parses Python text with the real parser and runs every registered rule on it. */
final class Linting {
    private Linting() {}

    static List<Finding> lint(String path, String source) {
        try {
            return new RuleEngine(RuleRegistry.ruleClasses(), Map.of())
                    .check(path, PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST));
        } catch (PythonSyntaxError e) {
            throw new AssertionError(path + ": does not parse: " + e.getMessage() + " at " + e.line() + ":" + e.column(), e);
        }
    }
}
