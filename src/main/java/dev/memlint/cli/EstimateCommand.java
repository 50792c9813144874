package dev.memlint.cli;

import dev.memlint.check.BigStack;
import dev.memlint.config.Config;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import dev.memlint.report.FileFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `memlint estimate PATH… [--bind NAME=VALUE]… [--python 3.11|3.12|3.13] [--gc on|off] [--format text|json]`:
 * per function, the peak memory formula and value, growth class, retained bytes and the reference
 * cycles it leaves (docs/estimate.md).
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Estimate each function's peak memory and the reference cycles it leaves.")
final class EstimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Python files, or directories to walk as check does (default excludes, .gitignore).")
    List<Path> paths;

    @Option(names = "--bind", paramLabel = "NAME=VALUE",
            description = "Bind a size symbol (n, len(items), size(f), ...) to a number; repeatable.")
    List<String> binds = new ArrayList<>();

    @Option(names = "--python", paramLabel = "VERSION", defaultValue = "3.12",
            description = "CPython whose object sizes to use: 3.11, 3.12 or 3.13 (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--gc", paramLabel = "on|off", defaultValue = "on",
            description = "Whether the cyclic garbage collector runs during the call (default: ${DEFAULT-VALUE}): "
                    + "on caps the cyclic garbage a loop leaves at the collector's threshold; off keeps it all until the call returns.")
    String gc;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = Config.DEFAULT_MAX_FILE_SIZE_TEXT,
            converter = ByteSizeConverter.class,
            description = "Do not read files larger than BYTES (K, M or G suffix for 1024-based units) (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!SizeModel.versions().contains(python)) {
            err.println("memlint: error: --python must be one of " + String.join(", ", SizeModel.versions())
                    + ", got '" + python + "'");
            return ExitStatus.ERROR;
        }
        if (!format.equals("text") && !format.equals("json")) {
            err.println("memlint: error: --format must be text or json, got '" + format + "'");
            return ExitStatus.ERROR;
        }
        CollectorMode mode;
        Map<String, Double> bindings;
        try {
            mode = CollectorMode.parse(gc);
            bindings = Estimates.bindings(binds);
        } catch (IllegalArgumentException e) {
            err.println("memlint: error: " + e.getMessage());
            return ExitStatus.ERROR;
        }
        SizeModel sizes = SizeModel.of(python);
        List<Estimates.Entry> entries = new ArrayList<>();
        int status;
        try {
            status = estimateAll(sizes, mode, bindings, entries, err);
        } catch (InterruptedException e) { // nothing to report but the reason
            err.println("memlint: internal error: " + e);
            return ExitStatus.ERROR;
        }
        Estimates.Output output = new Estimates.Output(python, mode.text(), bindings, entries);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? Estimates.json(output) + "\n" : Estimates.text(output));
        out.flush();
        return status;
    }

    /** One file's estimates, or the one line that says why it has none. */
    private record FileEstimate(List<Estimates.Entry> entries, String error) {}

    /**
     * Adds each file's entries, in the order of the paths; a file that fails gets one line on err
     * and the others go on. Files are estimated on all cores, on threads with a large stack (parsing
     * and the memory analysis recurse per nesting level).
     */
    private int estimateAll(SizeModel sizes, CollectorMode mode, Map<String, Double> bindings,
                            List<Estimates.Entry> entries, PrintWriter err) throws InterruptedException {
        int status = ExitStatus.CLEAN;
        List<SourceFile> files = new ArrayList<>();
        ExcludeFilter defaults = new ExcludeFilter(List.of(), Path.of(""));
        for (Path path : paths) { // in the order given; a directory's files by name
            SourceFinder.Result found = SourceFinder.find(List.of(path), defaults, dir -> true);
            for (FileFailure f : found.failures()) {
                err.println(f.path() + ": " + f.message());
                status = ExitStatus.ERROR;
            }
            files.addAll(found.files());
        }
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, BigStack.threads("memlint-estimate"));
        try {
            List<Future<FileEstimate>> results = new ArrayList<>();
            for (SourceFile file : files) {
                results.add(pool.submit(() -> estimate(file, sizes, mode, bindings)));
            }
            for (Future<FileEstimate> result : results) {
                FileEstimate done = result.get();
                entries.addAll(done.entries());
                if (done.error() != null) {
                    err.println(done.error());
                    status = ExitStatus.ERROR;
                }
            }
        } catch (ExecutionException e) { // estimate catches everything; kept for the compiler
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return status;
    }

    private FileEstimate estimate(SourceFile file, SizeModel sizes, CollectorMode mode, Map<String, Double> bindings) {
        String shown = file.displayPath();
        try {
            ParsedFile parsed = PythonSourceParser.parse(SourceReader.read(file.path(), maxFileSize),
                    PythonVersion.parse(python));
            return new FileEstimate(Estimates.of(parsed.module(), shown, sizes, mode, bindings), null);
        } catch (PythonSyntaxError e) {
            return new FileEstimate(List.of(), shown + ":" + e.line() + ":" + e.column() + ": syntax error: " + e.getMessage());
        } catch (Throwable e) { // unreadable, refused, or a failure of memlint's: for this file only
            return new FileEstimate(List.of(), shown + ": " + FailureMessages.of(e));
        } finally {
            ModuleMemory.forgetLast(); // the thread's cached analysis holds the module
        }
    }
}
