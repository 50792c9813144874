package dev.memlint.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the paths findings carry (as the user named them: relative to the working directory, or
 * absolute) into what reports need: a path relative to the source root ('/' separated) and the SARIF
 * artifact URI. Files under the root get a relative URI resolved against {@code %SRCROOT%}, which is
 * what GitHub and the VS Code SARIF Viewer both understand; a file outside it gets an absolute
 * {@code file:} URI.
 */
public final class SarifPaths {
    public static final String SRCROOT = "%SRCROOT%";

    private final Path root;
    private final Path workingDirectory;

    /**
     * @param root             the source root, normally the repository root
     * @param workingDirectory what relative finding paths are relative to
     */
    public SarifPaths(Path root, Path workingDirectory) {
        this.root = root.toAbsolutePath().normalize();
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /**
     * The source root for a run started in {@code workingDirectory}: the nearest directory at or above
     * it that holds {@code .git} (a directory, or a file in a git worktree), else the directory itself.
     * GitHub resolves relative paths against the repository root.
     */
    public static Path sourceRoot(Path workingDirectory) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) return dir;
        }
        return start;
    }

    /** The absolute {@code file:} URI of the root, ending in '/'. */
    public String rootUri() {
        String uri = root.toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The path of a file relative to the root with '/' separators, or null when it lies outside the root. */
    public String relativePath(String path) {
        Path absolute = absolute(path);
        if (!absolute.startsWith(root) || absolute.equals(root)) return null;
        String relative = root.relativize(absolute).toString();
        // On Windows only: elsewhere a backslash is a character of the name.
        return java.io.File.separatorChar == '\\' ? relative.replace('\\', '/') : relative;
    }

    /** The path to show people: relative to the root when under it, else absolute. */
    public String displayPath(String path) {
        String relative = relativePath(path);
        return relative != null ? relative : absolute(path).toString();
    }

    /** The artifact URI: relative (to be resolved against {@link #SRCROOT}) or absolute. */
    public String uri(String path) {
        String relative = relativePath(path);
        if (relative == null) return absolute(path).toUri().toASCIIString();
        // "./" keeps a first segment such as "a:b.py" from reading as a URI scheme.
        String safe = relative.split("/", 2)[0].contains(":") ? "./" + relative : relative;
        try {
            return new URI(null, null, safe, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express " + path + " as a URI", e);
        }
    }

    public boolean isRelative(String uri) {
        return !uri.startsWith("file:");
    }

    private Path absolute(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
