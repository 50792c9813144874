package dev.memlint.cli;

import dev.memlint.check.BigStack;
import dev.memlint.ast.AstJson;
import dev.memlint.config.Config;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `memlint ast FILE`: the syntax tree as JSON in CPython's ast vocabulary (format: {@link AstJson}). */
@Command(name = "ast", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the syntax tree of a Python file as one line of JSON, in the vocabulary of CPython's ast module.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the tree was printed", "1:the file has a syntax error (reported on stderr)",
                "2:usage error, or the file could not be read"})
final class AstCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The Python file.")
    Path file;

    @Option(names = "--target-version", paramLabel = "VERSION", defaultValue = "3.14",
            converter = PythonVersionConverter.class, completionCandidates = PythonVersionConverter.Labels.class,
            description = "Python version whose syntax is accepted: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PythonVersion targetVersion;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = Config.DEFAULT_MAX_FILE_SIZE_TEXT,
            converter = ByteSizeConverter.class,
            description = "Do not read files larger than BYTES (K, M or G suffix for 1024-based units) (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String path = SourceFinder.displayName(file);
        String json;
        try {
            // Parsing and the JSON walk both recurse per nesting level.
            json = BigStack.call(() -> AstJson.toJson(
                    PythonSourceParser.parse(SourceReader.read(file, maxFileSize), targetVersion).module()));
        } catch (PythonSyntaxError e) {
            err.println(path + ":" + e.line() + ":" + e.column() + ": " + e.kind() + ": " + e.getMessage());
            return ExitStatus.FINDINGS;
        } catch (Throwable e) { // unreadable, refused, or out of memory: one line, never a stack trace
            err.println(path + ": " + FailureMessages.of(e));
            return ExitStatus.ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return ExitStatus.CLEAN;
    }
}
