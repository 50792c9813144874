package dev.memlint.server;

import dev.memlint.config.Config;
import dev.memlint.config.ConfigException;
import dev.memlint.config.ConfigResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Each file's configuration as `memlint check` finds it (the closest pyproject.toml with
 * [tool.memlint]), kept fresh while the editor runs: before each check the pyproject.toml files
 * above the file are looked at (modification time and size, one stat per directory), and any
 * change since the last look drops every configuration read so far. A client's
 * workspace/didChangeWatchedFiles drops them too, for clients that watch files.
 */
final class WorkspaceConfigs {
    private List<Path> roots;
    private ConfigResolver resolver;
    private final Map<Path, List<String>> stampsByDirectory = new HashMap<>();

    WorkspaceConfigs(List<Path> roots) {
        this.roots = List.copyOf(roots);
        this.resolver = fresh();
    }

    synchronized Config forFile(Path file) throws ConfigException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir != null) {
            List<String> now = stamps(dir);
            List<String> before = stampsByDirectory.put(dir, now);
            if (before != null && !before.equals(now)) {
                forgetAll();
                stampsByDirectory.put(dir, now);
            }
        }
        return resolver.forPath(file);
    }

    /**
     * The configuration of the workspace folder holding the file (of the file's own directory outside
     * every folder): where `memlint check` run in that folder keeps its result cache.
     */
    synchronized Config forWorkspaceOf(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            if (absolute.startsWith(r)) return resolver.forDirectory(r);
        }
        Path dir = absolute.getParent();
        return resolver.forDirectory(dir != null ? dir : absolute);
    }

    /** The workspace folders the client names, which relative globs of files without configuration start from. */
    synchronized void useRoots(List<Path> workspaceRoots) {
        roots = List.copyOf(workspaceRoots);
        forgetAll();
    }

    /** Forgets every configuration read: the next check of each file reads them again. */
    synchronized void forgetAll() {
        resolver = fresh();
        stampsByDirectory.clear();
    }

    private ConfigResolver fresh() {
        return ConfigResolver.discovering(roots, UnaryOperator.identity());
    }

    /** For dir and each directory above it, whether it has a pyproject.toml, and its time and size. */
    private static List<String> stamps(Path dir) {
        List<String> stamps = new ArrayList<>();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("pyproject.toml");
            try {
                BasicFileAttributes a = Files.readAttributes(candidate, BasicFileAttributes.class);
                stamps.add(a.lastModifiedTime() + "/" + a.size());
            } catch (IOException e) {
                stamps.add("-"); // none (or unreadable, which the configuration loader reports)
            }
        }
        return stamps;
    }
}
