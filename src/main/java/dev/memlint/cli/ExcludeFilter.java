package dev.memlint.cli;

import dev.memlint.config.Glob;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Which directories and files the walk skips: Ruff's default exclusions, virtual environments
 * recognised by their marker files, and the user's --exclude globs. A glob without '/' matches a
 * file or directory name anywhere; a glob with '/' matches the path relative to the working
 * directory (e.g. {@code tests/data} or {@code **}{@code /fixtures/*.py}).
 */
final class ExcludeFilter {
    /** Ruff's default `exclude` list, and __pycache__ (compiled files only). */
    private static final Set<String> DEFAULT_DIRS = defaultDirs();
    /** Other names of virtual environments, skipped when they hold one (an activate script). */
    private static final Set<String> VENV_NAMES = Set.of(".env", "env");

    private final Path workingDir;
    private final List<Glob> nameGlobs;
    private final List<Glob> pathGlobs;

    /** Throws {@link Glob.InvalidGlobException} for a malformed glob. */
    ExcludeFilter(List<String> globs, Path workingDir) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.nameGlobs = globs.stream().filter(g -> !g.contains("/")).map(Glob::compile).toList();
        this.pathGlobs = globs.stream().filter(g -> g.contains("/"))
                .map(g -> g.startsWith("./") ? g.substring(2) : g)
                .map(g -> g.endsWith("/") ? g.substring(0, g.length() - 1) : g)
                .map(Glob::compile).toList();
    }

    boolean skipsDirectory(Path dir) {
        String name = dir.getFileName().toString();
        return DEFAULT_DIRS.contains(name) || isVirtualEnvironment(dir, name) || matchesUserGlob(dir);
    }

    boolean skipsFile(Path file) {
        return matchesUserGlob(file);
    }

    /** With --force-exclude: whether a file named on the command line is excluded, by itself or a directory above it. */
    boolean excludesNamedFile(Path file) {
        if (skipsFile(file)) return true;
        Path absolute = file.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            if (!dir.startsWith(workingDir) || dir.equals(workingDir)) break;
            if (skipsDirectory(dir)) return true;
        }
        return false;
    }

    private static Set<String> defaultDirs() {
        Set<String> dirs = new java.util.HashSet<>(dev.memlint.config.Config.DEFAULT_EXCLUDE);
        dirs.add("__pycache__");
        return Set.copyOf(dirs);
    }

    /**
     * pyvenv.cfg marks every venv made by `python -m venv` or virtualenv >= 20; the usual names
     * count only with an activate script, so a package that happens to be called `env` is kept.
     */
    private static boolean isVirtualEnvironment(Path dir, String name) {
        if (dir.resolve("pyvenv.cfg").toFile().isFile()) return true;
        return VENV_NAMES.contains(name)
                && (dir.resolve("bin/activate").toFile().isFile() || dir.resolve("Scripts/activate").toFile().isFile());
    }

    private boolean matchesUserGlob(Path path) {
        if (nameGlobs.isEmpty() && pathGlobs.isEmpty()) return false;
        Path name = path.getFileName();
        for (Glob m : nameGlobs) {
            if (m.matches(name)) return true;
        }
        Path absolute = path.toAbsolutePath().normalize();
        Path relative = absolute.startsWith(workingDir) ? workingDir.relativize(absolute) : absolute;
        for (Glob m : pathGlobs) {
            if (m.matches(relative)) return true;
        }
        return false;
    }
}
