package dev.memlint.cli;

import dev.memlint.config.GitIgnoreFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What git ignores in the trees a walk visits: inside a repository (a directory holding .git),
 * the rules of .git/info/exclude, then of each .gitignore from the repository's top down to the
 * file's directory; the last matching rule wins. Outside a repository nothing is ignored, as in
 * Ruff. Files are read once per directory.
 */
final class GitIgnores {
    private final Map<Path, Optional<Path>> repositoryOf = new HashMap<>();
    private final Map<Path, GitIgnoreFile> fileOf = new HashMap<>();

    boolean ignored(Path path, boolean directory) {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) return false;
        Optional<Path> top = repository(parent);
        if (top.isEmpty()) return false;
        List<Path> dirs = new ArrayList<>();
        for (Path d = parent; d != null && d.startsWith(top.get()); d = d.getParent()) dirs.add(0, d);
        Boolean decision = rules(top.get().resolve(".git/info/exclude"))
                .decide(relative(top.get(), absolute), directory);
        for (Path dir : dirs) {
            Boolean here = rules(dir.resolve(".gitignore")).decide(relative(dir, absolute), directory);
            if (here != null) decision = here;
        }
        return Boolean.TRUE.equals(decision);
    }

    private static String relative(Path dir, Path path) {
        return dir.relativize(path).toString().replace('\\', '/');
    }

    private Optional<Path> repository(Path dir) {
        Optional<Path> known = repositoryOf.get(dir);
        if (known != null) return known;
        Optional<Path> found = Files.exists(dir.resolve(".git")) ? Optional.of(dir)
                : dir.getParent() == null ? Optional.empty() : repository(dir.getParent());
        repositoryOf.put(dir, found);
        return found;
    }

    private GitIgnoreFile rules(Path file) {
        return fileOf.computeIfAbsent(file, f -> {
            try {
                return GitIgnoreFile.parse(Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "");
            } catch (IOException | java.io.UncheckedIOException e) {
                return GitIgnoreFile.parse(""); // unreadable: git would skip it too
            }
        });
    }
}
