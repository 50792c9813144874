package dev.memlint.cli;

import dev.memlint.report.FileFailure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the Python files under the paths given on the command line. Files named explicitly are
 * always checked; directories are walked in name order, skipping what {@link ExcludeFilter} skips,
 * what git ignores (when asked)
 * and whatever is neither a regular file nor a directory (FIFOs, devices, sockets).
 * Symbolic links are followed, except one that leads back to a directory being walked (a loop).
 * A file reached twice (through links or overlapping arguments) is checked once.
 */
final class SourceFinder {
    private final ExcludeFilter filter;
    private final GitIgnores gitIgnores = new GitIgnores();
    private final Predicate<Path> respectsGitignore; // by directory: its configuration decides
    private final List<SourceFile> files = new ArrayList<>();
    private final List<FileFailure> failures = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();

    record Result(List<SourceFile> files, List<FileFailure> failures) {}

    private SourceFinder(ExcludeFilter filter, Predicate<Path> respectsGitignore) {
        this.filter = filter;
        this.respectsGitignore = respectsGitignore;
    }

    static Result find(List<Path> roots, ExcludeFilter filter) {
        return find(roots, filter, dir -> false);
    }

    /**
     * respectsGitignore: whether a walk skips what git ignores in a directory (named files are
     * still checked); each directory's configuration says.
     */
    static Result find(List<Path> roots, ExcludeFilter filter, Predicate<Path> respectsGitignore) {
        SourceFinder finder = new SourceFinder(filter, respectsGitignore);
        for (Path root : roots) finder.visitRoot(root);
        finder.files.sort(Comparator.comparing(SourceFile::displayPath));
        return new Result(List.copyOf(finder.files), List.copyOf(finder.failures));
    }

    private void visitRoot(Path root) {
        Path path = root.normalize();
        if (path.toString().isEmpty()) path = Path.of(".");
        String display = displayName(path);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            failures.add(new FileFailure(display, "error: " + describe(e)));
            return;
        }
        if (attrs.isDirectory()) {
            Set<Object> ancestors = new HashSet<>();
            ancestors.add(key(path, attrs));
            walk(path, ancestors);
        } else {
            add(path, display, attrs);
        }
    }

    private void walk(Path dir, Set<Object> ancestors) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            failures.add(new FileFailure(displayName(dir), "error: cannot read directory: " + describe(e)));
            return;
        }
        // By name: the children share the directory's prefix, so their whole paths sort as their names
        // do, and Path keeps its string (getFileName made a new Path at every comparison).
        children.sort(Comparator.comparing(Path::toString));
        for (Path child : children) {
            BasicFileAttributes attrs = attributes(child);
            if (attrs == null) continue; // vanished since the listing
            if (attrs.isDirectory()) {
                Object key = key(child, attrs);
                if (ancestors.contains(key) || filter.skipsDirectory(child) || gitIgnored(child, true)) continue;
                ancestors.add(key);
                walk(child, ancestors);
                ancestors.remove(key);
            } else if (attrs.isOther()) {
                continue; // a FIFO, device or socket: no source to read, and reading may never end
            } else if (isPythonSource(child) && !filter.skipsFile(child) && !gitIgnored(child, false)) {
                add(child, displayName(child), attrs);
            }
        }
    }

    private boolean gitIgnored(Path path, boolean directory) {
        Path dir = path.toAbsolutePath().normalize().getParent();
        return dir != null && respectsGitignore.test(dir) && gitIgnores.ignored(path, directory);
    }

    /** Attributes of the link target; of the link itself when it dangles (reading it then reports the error). */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
                return null;
            }
        }
    }

    private void add(Path path, String display, BasicFileAttributes attrs) {
        if (seen.add(key(path, attrs))) files.add(new SourceFile(path, display, attrs.size()));
    }

    private static Object key(Path path, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key != null ? key : path.toAbsolutePath().normalize();
    }

    private static boolean isPythonSource(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".py") || name.endsWith(".pyi");
    }

    /** "src/a.py" for src/a.py, ./src/a.py and src/../src/a.py alike. */
    static String displayName(Path path) {
        String name = Separators.slashed(path.normalize().toString());
        return name.isEmpty() ? "." : name;
    }

    /** "no such file or directory", "permission denied", ...: the reason without a Java class name. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        String reason = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
        String file = e instanceof java.nio.file.FileSystemException fse ? fse.getFile() : null;
        if (file != null && reason.startsWith(file + ": ")) reason = reason.substring(file.length() + 2);
        return reason.isEmpty() ? e.getClass().getSimpleName() : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
