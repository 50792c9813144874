package dev.memlint.cli;

import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.TextRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Checks one file: the only place that turns a path into findings. A file that does not parse
 * gets exactly one MEM001 finding at CPython's error position, with CPython's message.
 */
public final class FileLinter {
    private final PythonVersion target;

    public FileLinter(PythonVersion target) {
        this.target = target;
    }

    /** @throws IOException when the file cannot be read (it vanished, permissions, ...) */
    public FileResult lint(SourceFile file) throws IOException {
        byte[] content = Files.readAllBytes(file.path());
        ParsedFile parsed;
        try {
            parsed = PythonSourceParser.parse(content, target);
        } catch (PythonSyntaxError error) {
            return new FileResult(List.of(syntaxError(file.displayPath(), error)), displayText(content));
        }
        List<Finding> findings = List.of(); // the rule engine's findings on `parsed` go here
        return new FileResult(findings, findings.isEmpty() ? null : parsed.source());
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
    private static SourceText displayText(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return new SourceText(text.startsWith("\ufeff") ? text.substring(1) : text);
    }
}
