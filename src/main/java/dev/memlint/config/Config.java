package dev.memlint.config;

import dev.memlint.parse.PythonVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings of one run: [tool.memlint] of a pyproject.toml (or --config FILE) with command-line
 * flags applied on top. Glob patterns are relative to {@link #root()}, the configuration file's
 * directory (the working directory without one).
 *
 * @param select        codes or prefixes to run; null means the default-enabled rules
 * @param ruleOptions   per code, option name to value
 * @param maxFileSize   larger files are not read, only reported
 * @param testCode      which files are test code and what runs on them
 * @param discovery     whether .gitignore is respected and excludes apply to named files
 * @param requiresPython the lower bound of requires-python in the project's pyproject.toml, or null
 * @param outputFormat  the output-format setting, or null; the command line checks the name
 * @param cacheDir      the cache-dir setting resolved against the configuration file's directory, or null
 */
public record Config(Path root, Path file, List<String> select, List<String> extendSelect, List<String> ignore,
                     Map<String, List<String>> perFileIgnores, List<String> exclude, List<String> extendExclude,
                     PythonVersion targetVersion, Map<String, Map<String, Long>> ruleOptions, long maxFileSize,
                     TestCode testCode, PythonVersion requiresPython, Discovery discovery,
                     String outputFormat, Path cacheDir) {

    /** 20 MB: well above any hand-written module (the largest in CPython's stdlib is under 1 MB). */
    public static final String DEFAULT_MAX_FILE_SIZE_TEXT = "20M";
    public static final long DEFAULT_MAX_FILE_SIZE = ByteSize.parse(DEFAULT_MAX_FILE_SIZE_TEXT);

    /** Directories nobody wants linted, as ruff's defaults. */
    /**
     * Ruff's default exclude list (a package named venv is skipped too, as in Ruff; build is not:
     * Ruff dropped it in 0.3, since a build directory is usually in .gitignore, which is respected), and
     * memlint's own result cache, as Ruff skips .ruff_cache.
     */
    public static final List<String> DEFAULT_EXCLUDE = List.of(".bzr", ".direnv", ".eggs", ".git", ".git-rewrite",
            ".hg", ".ipynb_checkpoints", ".memlint_cache", ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype",
            ".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pypackages__", "_build", "buck-out", "dist",
            "node_modules", "site-packages", "venv");

    /** No configuration file: defaults, globs relative to dir. */
    public static Config defaults(Path dir) {
        return new Config(dir, null, null, List.of(), List.of(), Map.of(), DEFAULT_EXCLUDE, List.of(), null, Map.of(),
                DEFAULT_MAX_FILE_SIZE, TestCode.defaults(), null, Discovery.DEFAULTS, null, null);
    }

    public RuleSelection selection() { return new RuleSelection(select, extendSelect, ignore); }

    /** The version to parse for; 3.14 (the newest) when not configured. */
    public PythonVersion targetVersionOrLatest() {
        return targetVersion == null ? PythonVersion.LATEST : targetVersion;
    }

    /**
     * The oldest Python the project supports, which decides what advice fits (slots=True needs
     * 3.10): the target version when one is set, else requires-python, else 3.8.
     */
    public PythonVersion lowestPython() {
        if (targetVersion != null) return targetVersion;
        return requiresPython != null ? requiresPython : PythonVersion.PY38;
    }

    /** A copy with requires-python read from the project's pyproject.toml. */
    public Config withRequiresPython(PythonVersion version) {
        return new Config(root, file, select, extendSelect, ignore, perFileIgnores, exclude, extendExclude,
                targetVersion, ruleOptions, maxFileSize, testCode, version, discovery, outputFormat, cacheDir);
    }

    /** Command-line flags on top: --select replaces, --extend-select and --ignore add. */
    public Config withOverrides(List<String> cliSelect, List<String> cliExtendSelect, List<String> cliIgnore,
                                PythonVersion cliTarget) {
        List<String> ext = new ArrayList<>(extendSelect);
        if (cliExtendSelect != null) ext.addAll(cliExtendSelect);
        List<String> ign = new ArrayList<>(ignore);
        if (cliIgnore != null) ign.addAll(cliIgnore);
        return new Config(root, file, cliSelect != null ? cliSelect : select, ext, ign, perFileIgnores, exclude,
                extendExclude, cliTarget != null ? cliTarget : targetVersion, ruleOptions, maxFileSize, testCode, requiresPython, discovery, outputFormat, cacheDir);
    }

    /** --respect-gitignore / --no-respect-gitignore and --force-exclude on top; null leaves the configured value. */
    public Config withDiscovery(Boolean cliRespectGitignore, Boolean cliForceExclude) {
        return new Config(root, file, select, extendSelect, ignore, perFileIgnores, exclude, extendExclude,
                targetVersion, ruleOptions, maxFileSize, testCode, requiresPython,
                discovery.with(cliRespectGitignore, cliForceExclude), outputFormat, cacheDir);
    }

    /** --max-file-size on top; null leaves the configured size. */
    public Config withMaxFileSize(Long cliMaxFileSize) {
        if (cliMaxFileSize == null) return this;
        return new Config(root, file, select, extendSelect, ignore, perFileIgnores, exclude, extendExclude,
                targetVersion, ruleOptions, cliMaxFileSize, testCode, requiresPython, discovery, outputFormat, cacheDir);
    }

    /** --test-code on top; null leaves the configured mode. */
    public Config withTestCodeMode(TestCode.Mode cliMode) {
        if (cliMode == null) return this;
        return new Config(root, file, select, extendSelect, ignore, perFileIgnores, exclude, extendExclude,
                targetVersion, ruleOptions, maxFileSize, testCode.withMode(cliMode), requiresPython, discovery, outputFormat, cacheDir);
    }

    /** Whether a file is test code: a test-code glob names it or one of its directories. */
    public boolean isTestCode(Path file) {
        Subject subject = new Subject(file);
        List<String> globs = testCode.globs();
        for (String glob : globs) {
            Glob m = GLOBS.computeIfAbsent(glob, Glob::compile);
            if (m.matches(subject.relative) || m.matches(subject.absolute)) return true;
            if (!glob.contains("/") && m.matches(subject.names.get(subject.names.size() - 1))) return true;
        }
        // What the directories on the way decide is the same for every file in one: found once per directory.
        return TEST_DIRECTORIES.computeIfAbsent(new TestDirectory(globs, subject.parents.isEmpty() ? "" : subject.parents.get(0)),
                d -> isTestDirectory(d.globs(), subject));
    }

    /** The test-code globs and a directory relative to the root ("" for the root itself). */
    private record TestDirectory(List<String> globs, String directory) {
        // Written out: a record's own equals and hashCode are bootstrapped through method handles,
        // classes spun on the first file of every run, warm ones too.
        @Override
        public boolean equals(Object o) {
            return o instanceof TestDirectory d && globs.equals(d.globs) && directory.equals(d.directory);
        }

        @Override
        public int hashCode() {
            return globs.hashCode() * 31 + directory.hashCode();
        }
    }

    private static final Map<TestDirectory, Boolean> TEST_DIRECTORIES = new ConcurrentHashMap<>();

    /** Whether a glob names one of the directories a file is in (its name excluded). */
    private static boolean isTestDirectory(List<String> globs, Subject file) {
        for (String glob : globs) {
            Glob m = GLOBS.computeIfAbsent(glob, Glob::compile);
            List<String> candidates = glob.contains("/") ? file.parents : file.names.subList(0, file.names.size() - 1);
            for (String candidate : candidates) if (m.matches(candidate)) return true;
        }
        return false;
    }

    /** Whether a rule runs on a file: selected, and not ignored for it by per-file-ignores. */
    public boolean isEnabled(String code, Path file) {
        if (!selection().isEnabled(code)) return false;
        Subject subject = null;
        for (Map.Entry<String, List<String>> e : perFileIgnores.entrySet()) {
            if (RuleSelection.matchLength(e.getValue(), code) < 0) continue;
            if (subject == null) subject = new Subject(file);
            if (matches(e.getKey(), subject)) return false;
        }
        return true;
    }

    /** Whether exclude or extend-exclude names the file or one of its directories. */
    public boolean isExcluded(Path file) {
        Subject subject = null;
        Set<String> names = null; // the file's and its directories' names, for the plain-name globs
        for (List<String> globs : List.of(exclude, extendExclude)) {
            for (String glob : globs) {
                if (subject == null) subject = new Subject(file);
                if (isPlainName(glob)) {
                    if (names == null) names = new HashSet<>(subject.names);
                    if (names.contains(glob)) return true;
                } else if (matches(glob, subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A glob without wildcards, brackets or slashes matches exactly one name: the defaults are all such. */
    private static boolean isPlainName(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[]{}\\/".indexOf(glob.charAt(i)) >= 0) return false;
        }
        return !glob.isEmpty();
    }

    /**
     * A file's path in the forms globs are matched against, made once per file: a file is matched
     * against every glob, and making them per glob was most of the matching's time.
     */
    private final class Subject { // not static: relative to this configuration's root
        final String absolute;
        final String relative;
        /** The names on the relative path (as Path iterates them). */
        final List<String> names = new ArrayList<>();
        /** The relative path's parents, nearest first (as getParent() gives them). */
        final List<String> parents = new ArrayList<>();

        Subject(Path file) {
            absolute = slashed(file.toAbsolutePath().normalize());
            // On strings: Path's startsWith and relativize, name by name, were most of a warm run's matching.
            String rootAbs = slashed(root.toAbsolutePath().normalize());
            relative = absolute.equals(rootAbs) ? ""
                    : rootAbs.endsWith("/") && absolute.startsWith(rootAbs) ? absolute.substring(rootAbs.length())
                    : absolute.startsWith(rootAbs + "/") ? absolute.substring(rootAbs.length() + 1)
                    : absolute;
            if (relative.isEmpty()) names.add("");
            for (String name : relative.split("/")) if (!name.isEmpty()) names.add(name);
            for (int i = relative.lastIndexOf('/'); i >= 0; i = i == 0 ? -1 : relative.lastIndexOf('/', i - 1)) {
                parents.add(i == 0 ? "/" : relative.substring(0, i));
            }
        }

        private static String slashed(Path p) {
            String s = p.toString();
            return java.io.File.separatorChar == '/' ? s : s.replace(java.io.File.separatorChar, '/');
        }
    }

    // Compiled once per glob: every file is matched against every glob, and compiling was a hot spot.
    // ConfigLoader has compiled each already, so a malformed one here is a bug (IllegalArgumentException).
    private static final Map<String, Glob> GLOBS = new ConcurrentHashMap<>();

    /**
     * A glob matches a path relative to the root, or, when it has no '/', the name of the file or of
     * any directory on the way to it (so "build" excludes every build directory).
     */
    private boolean matches(String glob, Subject file) {
        Glob m = GLOBS.computeIfAbsent(glob, Glob::compile);
        if (m.matches(file.relative) || m.matches(file.absolute)) return true;
        if (!glob.contains("/")) {
            for (String name : file.names) if (m.matches(name)) return true;
        } else {
            // "tests/**" should also match the directory prefix of a file below it.
            for (String parent : file.parents) if (m.matches(parent)) return true;
        }
        return false;
    }
}
