package dev.memlint.cli;

import dev.memlint.check.ResultCache;
import dev.memlint.config.Config;
import dev.memlint.config.ConfigException;
import dev.memlint.config.ConfigLoader;
import dev.memlint.config.ConfigResolver;
import dev.memlint.config.Glob;
import dev.memlint.config.RuleSelection;
import dev.memlint.config.TestCode;
import dev.memlint.memory.ThreadCpu;
import dev.memlint.report.Baseline;
import dev.memlint.report.BaselineException;
import dev.memlint.report.DiffBase;
import dev.memlint.report.DiffBaseException;
import dev.memlint.report.FileFailure;
import dev.memlint.report.LintReport;
import dev.memlint.report.Reporter;
import dev.memlint.report.SarifPaths;
import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** `memlint check PATH...`: find the Python files, check them on all cores, report, set the exit code. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = "Check Python files and directories for code that uses more memory than it needs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings (at or above --fail-on, new since --baseline)", "1:findings",
                "2:usage error, bad baseline or revision, or a file could not be checked"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files or directories to check (default: the current directory); - reads the source from standard input.")
    List<Path> paths;

    private static final Path STDIN = Path.of("-");

    @Mixin
    CheckOptions options;

    @Override
    public Integer call() throws Exception {
        if (options.format != null && !Reporters.exists(options.format)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '" + options.format
                    + "' (expected one of " + String.join(", ", new Reporters.Names()) + ")");
        }
        // As Ruff: `-`, or no path with --stdin-filename, reads the source from standard input.
        boolean stdin = paths == null ? options.stdinFilename != null : paths.contains(STDIN);
        if (paths == null) paths = List.of(stdin ? STDIN : Path.of("."));
        if (stdin && paths.size() > 1) {
            throw new ParameterException(spec.commandLine(), "'-' (standard input) cannot be combined with other paths");
        }
        if (stdin && options.fix) {
            throw new ParameterException(spec.commandLine(), "--fix cannot be used on standard input (there is no file to write)");
        }
        Path stdinPath = options.stdinFilename == null ? STDIN : Path.of(options.stdinFilename);
        ExcludeFilter excludeFilter;
        try {
            excludeFilter = new ExcludeFilter(options.exclude, Path.of(""));
        } catch (Glob.InvalidGlobException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--exclude': " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path workingDirectory = Path.of("").toAbsolutePath();
        SarifPaths reportPaths = new SarifPaths(SarifPaths.sourceRoot(workingDirectory), workingDirectory);
        Baseline baseline;
        DiffBase diff;
        try { // before the run: a bad baseline or revision should not cost a whole check first
            baseline = options.baseline == null ? null : Baseline.read(options.baseline);
            diff = options.diffBase == null ? null : DiffBase.load(workingDirectory, options.diffBase);
        } catch (BaselineException | DiffBaseException e) {
            err.println("memlint: error: " + e.getMessage());
            return ExitStatus.ERROR;
        }
        for (Path target : new Path[] {options.writeBaseline, options.output}) {
            String problem = target == null ? null : unwritable(target);
            if (problem != null) {
                err.println("memlint: error: cannot write " + target + ": " + problem);
                return ExitStatus.ERROR;
            }
        }

        List<Path> named = stdin ? List.of(stdinPath) : paths;
        UnaryOperator<Config> overrides = c -> c
                .withOverrides(options.select, options.extendSelect, options.ignore, options.targetVersion)
                .withMaxFileSize(options.maxFileSize)
                .withTestCodeMode(options.testCode)
                .withDiscovery(options.respectGitignore, options.forceExclude);
        ConfigResolver configs;
        Config config; // for what holds for the whole run: the output format
        try {
            checkSelectors(options.select, "--select");
            checkSelectors(options.extendSelect, "--extend-select");
            checkSelectors(options.ignore, "--ignore");
            configs = options.config != null ? ConfigResolver.forced(ConfigLoader.load(options.config), overrides)
                    : ConfigResolver.discovering(named, overrides);
            config = runConfig(configs, named, workingDirectory);
        } catch (ConfigException e) {
            err.println("memlint: error: " + e.getMessage());
            return ExitStatus.ERROR;
        }
        String format = options.format != null ? options.format
                : config.outputFormat() != null ? config.outputFormat() : "text";
        if (!Reporters.exists(format)) {
            err.println("memlint: error: " + config.file() + ": '" + (isPyproject(config.file()) ? "tool.memlint." : "")
                    + "output-format' must be one of " + String.join(", ", new Reporters.Names()) + ", got \"" + format + "\"");
            return ExitStatus.ERROR;
        }
        for (String warning : IneffectiveOptions.warnings(options, format, stdin)) err.println("warning: " + warning);
        if (options.stats) ThreadCpu.enable(); // off otherwise: it loads the JVM's management classes
        RunStats stats = new RunStats();
        SourceFinder.Result found;
        if (stdin) {
            try { // read whole before the run, as a file is; checked against max-file-size like one
                byte[] source = SourceReader.readLimited(System.in, configs.forPath(stdinPath).maxFileSize());
                found = new SourceFinder.Result(List.of(new SourceFile(stdinPath, SourceFinder.displayName(stdinPath),
                        source, source.length)), List.of());
            } catch (IOException e) {
                err.println("memlint: error: cannot read standard input: " + SourceFinder.describe(e));
                return ExitStatus.ERROR;
            } catch (ConfigException e) {
                err.println("memlint: error: " + e.getMessage());
                return ExitStatus.ERROR;
            }
        } else {
            ConfigException[] walkError = new ConfigException[1];
            found = SourceFinder.find(paths, excludeFilter, dir -> {
                try {
                    return configs.forDirectory(dir).discovery().respectGitignore();
                } catch (ConfigException e) {
                    if (walkError[0] == null) walkError[0] = e;
                    return true;
                }
            });
            if (walkError[0] != null) {
                err.println("memlint: error: " + walkError[0].getMessage());
                return ExitStatus.ERROR;
            }
        }
        // Configured excludes skip what directory walks find; files named on the command line (or
        // given on standard input) are checked unless force-exclude says the excludes apply to them
        // too. test-code = "skip" drops test code however it was named (pre-commit names every changed file).
        // Each file by its own configuration, resolved here, before the run: a broken one stops it.
        List<SourceFile> files = new ArrayList<>();
        try {
            for (SourceFile f : found.files()) {
                Config own = configs.forPath(f.path());
                boolean kept = stdin || paths.contains(f.path())
                        ? !own.discovery().forceExclude() || !(own.isExcluded(f.path()) || excludeFilter.excludesNamedFile(f.path()))
                        : !own.isExcluded(f.path());
                boolean skippedTest = own.testCode().mode() == TestCode.Mode.SKIP && own.isTestCode(f.path());
                if (kept && !skippedTest) files.add(f);
            }
        } catch (ConfigException e) {
            err.println("memlint: error: " + e.getMessage());
            return ExitStatus.ERROR;
        }
        for (String option : new String[] {"--output", "--write-baseline"}) {
            Path target = option.equals("--output") ? options.output : options.writeBaseline;
            if (target != null && isInput(target, files)) {
                err.println("memlint: error: " + option + " " + target + " is one of the files to check; "
                        + "refusing to overwrite it");
                return ExitStatus.ERROR;
            }
        }
        boolean fixing = options.fix || options.diff;
        FileLinter.FixMode fixMode = !fixing ? FileLinter.FixMode.NONE
                : options.unsafeFixes ? FileLinter.FixMode.UNSAFE : FileLinter.FixMode.SAFE;
        FixOutcomes fixes = new FixOutcomes(!options.diff);
        ResultCache cache = stdin || options.noCache ? null : openCache(configs, workingDirectory, err);
        FileLinter linter = new FileLinter(configs, fixMode, fixes, cache);
        ProgressBar progress = ProgressBar.create(err, files.size());
        LintReport report = new LintRunner(linter::lint, options.threads)
                .run(files, found.failures(), progress);
        progress.finish();
        fixes.printSkipped(err);
        if (options.fix) err.println("memlint: applied " + fixes.applied() + " fix(es)");
        if (options.fix && options.showFixes) fixes.printFixes(err);

        for (FileFailure failure : report.failures()) {
            err.println(failure.path() + ": " + failure.message());
        }
        if (found.files().isEmpty() && found.failures().isEmpty()) {
            err.println("warning: no Python files found under the given paths");
        }
        if (options.stats) err.println(stats.describe(options.threads));
        if (options.diff) {
            fixes.printDiffs(out);
            out.flush();
            if (options.showFixes) fixes.printFixes(err);
            if (!report.failures().isEmpty()) return ExitStatus.ERROR;
            return fixes.applied() > 0 ? ExitStatus.FINDINGS : ExitStatus.CLEAN;
        }
        Gate gate = Gate.apply(report, diff, baseline, reportPaths, options.failOn,
                options.exitZero || options.writeBaseline != null);
        Set<Config> used = configs.used();
        List<RuleInfo> rules = RuleRegistry.all().stream()
                .filter(r -> used.stream().anyMatch(c -> c.selection().isEnabled(r.code()))).toList();
        Reporters.Context context = new Reporters.Context(reportPaths, rules, VersionProvider.version(), gate.comparison());
        if (options.writeBaseline != null && !write(options.writeBaseline, gate.report(),
                Reporters.sarif(options.category, new Reporters.Context(reportPaths, rules, context.version(), null)), err)) {
            return ExitStatus.ERROR;
        }
        LintReport shown = Reporters.showsBaselineStates(format) ? gate.report() : gate.shown();
        Reporter reporter = Reporters.create(format, options, context);
        if (options.output != null) {
            if (!write(options.output, shown, reporter, err)) return ExitStatus.ERROR;
        } else {
            reporter.write(shown, out);
            out.flush();
        }
        return gate.exitStatus();
    }

    /** The result cache of this run, or null (with a warning) when its directory cannot be used. */
    private ResultCache openCache(ConfigResolver configs, Path workingDirectory, PrintWriter err) {
        Config project;
        try {
            project = configs.forDirectory(workingDirectory);
        } catch (ConfigException e) { // the working directory is not among the checked ones: its defaults
            project = Config.defaults(workingDirectory);
        }
        Path dir = ResultCache.location(options.cacheDir, System.getenv("MEMLINT_CACHE_DIR"), project);
        try {
            return ResultCache.open(dir);
        } catch (IOException | RuntimeException e) {
            err.println("warning: cannot use the cache directory " + dir + " (" + SourceFinder.describe(e) + "); checking without the cache");
            return null;
        }
    }

    /** Writes a report to a file (UTF-8); false, with a message, when the file cannot be written. */
    private static boolean write(Path file, LintReport report, Reporter reporter, PrintWriter err) {
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            reporter.write(report, writer);
            if (writer.checkError()) throw new IOException("write failed");
            return true;
        } catch (NoSuchFileException e) {
            err.println("memlint: error: cannot write " + file + ": no such directory");
            return false;
        } catch (AccessDeniedException e) {
            err.println("memlint: error: cannot write " + file + ": permission denied");
            return false;
        } catch (FileSystemException e) {
            err.println("memlint: error: cannot write " + file + ": " + (e.getReason() != null ? e.getReason() : e));
            return false;
        } catch (IOException e) {
            err.println("memlint: error: cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** Whether the report file is (through a link or not) one of the files about to be checked. */
    private static boolean isInput(Path report, List<SourceFile> files) {
        if (!Files.exists(report)) return false; // a file that does not exist yet is no input
        for (SourceFile file : files) {
            try {
                if (Files.isSameFile(report, file.path())) return true;
            } catch (IOException e) {
                // vanished or unreadable: the run reports it; it is not the report file we can write
            }
        }
        return false;
    }

    /**
     * Why a report file cannot be written, or null when it looks writable: asked before the run, so
     * that a mistyped --write-baseline or --output costs no run. write() still catches what this misses.
     */
    private static String unwritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) return "is a directory";
        Path parent = absolute.getParent();
        if (parent == null || !Files.exists(parent)) return "no such directory";
        if (!Files.isDirectory(parent)) return parent + " is not a directory";
        boolean writable = Files.exists(absolute) ? Files.isWritable(absolute) : Files.isWritable(parent);
        return writable ? null : "permission denied";
    }

    /**
     * The configuration whose run-wide settings (output-format) apply: the one all named paths share,
     * else the working directory's, so that argument order never decides.
     */
    private static Config runConfig(ConfigResolver configs, List<Path> named, Path workingDirectory)
            throws ConfigException {
        if (named.size() == 1) return configs.forPath(named.get(0)); // no Config hashed: see SourceChecker
        Set<Config> shared = new HashSet<>();
        for (Path path : named) shared.add(configs.forPath(path));
        return shared.size() == 1 ? shared.iterator().next() : configs.forDirectory(workingDirectory);
    }

    private static boolean isPyproject(Path configFile) {
        return configFile.getFileName().toString().equals("pyproject.toml");
    }

    private static void checkSelectors(List<String> selectors, String option) throws ConfigException {
        if (selectors == null) return;
        for (String s : selectors) {
            if (!RuleSelection.isValidSelector(s)) throw new ConfigException(option + " has \"" + s
                    + "\", which is no rule code or prefix (see `memlint rules`)");
        }
    }
}
