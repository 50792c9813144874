package dev.memlint.cli;

import dev.memlint.config.TestCode;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.Severity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of `memlint check`, in one place so that features add a field here and read it where
 * they act, instead of growing the command's method.
 */
final class CheckOptions {
    @Option(names = "--target-version", paramLabel = "VERSION",
            converter = PythonVersionConverter.class, completionCandidates = PythonVersionConverter.Labels.class,
            description = "Python version whose syntax is accepted: ${COMPLETION-CANDIDATES} (default: target-version of the configuration, else 3.14).")
    PythonVersion targetVersion;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read settings from FILE (a pyproject.toml with [tool.memlint], or a TOML file of those keys) instead of the nearest pyproject.toml.")
    java.nio.file.Path config;

    @Option(names = "--select", paramLabel = "CODES", split = ",",
            description = "Rule codes or prefixes to run (MEM2 = the family, ALL = every rule), replacing the configured select.")
    List<String> select;

    @Option(names = "--extend-select", paramLabel = "CODES", split = ",",
            description = "Rule codes or prefixes to run in addition to the selected ones.")
    List<String> extendSelect;

    @Option(names = "--ignore", paramLabel = "CODES", split = ",",
            description = "Rule codes or prefixes not to run (added to the configured ignore).")
    List<String> ignore;

    @Option(names = "--force-exclude", description = "Apply the excludes to files named on the command line too "
            + "(pre-commit names every changed file).")
    Boolean forceExclude;

    @Option(names = "--respect-gitignore", negatable = true, description = "Skip files that .gitignore or "
            + ".git/info/exclude ignore, in a git repository (default: respect-gitignore of the configuration, else true).")
    Boolean respectGitignore;

    @Option(names = "--fix", description = "Apply safe fixes to the files, then report what is left.")
    boolean fix;

    @Option(names = "--unsafe-fixes", description = "With --fix or --diff, also apply fixes that may change behaviour.")
    boolean unsafeFixes;

    @Option(names = "--diff", description = "Print the changes --fix would make as a unified diff, write nothing, "
            + "and exit 1 if there are any (no findings report).")
    boolean diff;

    @Option(names = "--show-fixes", description = "With --fix, list the fixes applied per file and rule (on stderr).")
    boolean showFixes;

    @Option(names = {"--format", "--output-format"}, paramLabel = "FORMAT", completionCandidates = Reporters.Names.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: output-format of the configuration, else text).")
    String format;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: when stdout is a terminal and NO_COLOR is unset).")
    ColorMode color;

    @Option(names = "--statistics", description = "Print the number of findings per rule instead of each finding.")
    boolean statistics;

    @Option(names = "--exclude", paramLabel = "GLOB", split = ",",
            description = "Skip files and directories matching GLOB (a name, or a path relative to the working directory when it contains '/'); repeatable or comma-separated. Files named on the command line are always checked.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--test-code", paramLabel = "MODE", converter = TestCodeModeConverter.class,
            completionCandidates = TestCodeModeConverter.Labels.class,
            description = "What runs on tests, fixtures and docs examples: ${COMPLETION-CANDIDATES} (default: test-code of the configuration, else lifetime-only: the MEM6 rules).")
    TestCode.Mode testCode;

    @Option(names = "--max-file-size", paramLabel = "BYTES", converter = ByteSizeConverter.class,
            description = "Do not read files larger than BYTES (K, M or G suffix for 1024-based units); each is an error (default: max-file-size of the configuration, else 20M).")
    Long maxFileSize;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--category", paramLabel = "ID",
            description = "SARIF automationDetails.id: keeps several memlint analyses of one repository apart in GitHub code scanning.")
    String category;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "note",
            description = "Lowest severity that makes the exit code 1: error, warning or note (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(names = "--exit-zero", description = "Exit 0 even when there are findings (2 still means a file could not be checked).")
    boolean exitZero;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "SARIF of an earlier run: findings already in it do not fail this run and are shown only in SARIF (as unchanged).")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Also write this run's findings to FILE as SARIF, for a later --baseline; the exit code is then 0 unless a file could not be checked.")
    Path writeBaseline;

    @Option(names = "--diff-base", paramLabel = "REV",
            description = "Report only findings on lines changed since the merge-base of the git revision REV and HEAD (committed or not, and untracked files).")
    String diffBase;

    @Option(names = "--stdin-filename", paramLabel = "PATH",
            description = "With - as the path: the name of the source read from standard input, for the findings and to find the configuration (and its per-file settings).")
    String stdinFilename;

    @Option(names = "--no-cache", description = "Neither read nor write the result cache: check every file afresh.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keep the result cache in DIR (default: $MEMLINT_CACHE_DIR, else cache-dir of the configuration, "
                    + "else .memlint_cache in the project root).")
    Path cacheDir;

    @Option(names = "--threads", paramLabel = "N", hidden = true,
            description = "Worker threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--stats", hidden = true,
            description = "Print parser counters and timing on stderr (for bench/run).")
    boolean stats;
}
