package dev.memlint.cli;

import dev.memlint.report.FileFailure;
import dev.memlint.report.LintReport;
import dev.memlint.report.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `memlint check PATH...`: find the Python files, check them on all cores, report, set the exit code. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check Python files and directories for code that uses more memory than it needs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings", "2:usage error, or a file could not be checked"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = ".",
            description = "Files or directories to check (default: the current directory).")
    List<Path> paths;

    @Mixin
    CheckOptions options;

    @Override
    public Integer call() throws Exception {
        if (!Reporters.exists(options.format)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '" + options.format
                    + "' (expected one of " + String.join(", ", new Reporters.Names()) + ")");
        }
        Reporter reporter = Reporters.create(options.format, options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        RunStats stats = new RunStats();
        SourceFinder.Result found = SourceFinder.find(paths, new ExcludeFilter(options.exclude, Path.of("")));
        ProgressBar progress = ProgressBar.create(err, found.files().size());
        LintReport report = new LintRunner(new FileLinter(options.targetVersion)::lint, options.threads)
                .run(found.files(), found.failures(), progress);
        progress.finish();

        for (FileFailure failure : report.failures()) {
            err.println(failure.path() + ": " + failure.message());
        }
        if (found.files().isEmpty() && found.failures().isEmpty()) {
            err.println("warning: no Python files found under the given paths");
        }
        if (options.stats) err.println(stats.describe(options.threads));
        reporter.write(report, out);
        out.flush();
        return ExitStatus.of(report);
    }
}
