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

    private final Map<Path, List<Scope>> scopesOf = new HashMap<>();

    /** One file of rules and the directory its patterns are relative to. */
    private record Scope(Path base, GitIgnoreFile rules) {}

    boolean ignored(Path path, boolean directory) {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) return false;
        Boolean decision = null;
        for (Scope scope : scopes(parent)) {
            Boolean here = scope.rules().decide(relative(scope.base(), absolute), directory);
            if (here != null) decision = here;
        }
        return Boolean.TRUE.equals(decision);
    }

    /**
     * The rules that apply in a directory, in the order git applies them: .git/info/exclude, then
     * each .gitignore from the top down. Found once per directory, and only the files that have
     * rules: most directories have none, and matching each file against them was most of the walk's time.
     */
    private List<Scope> scopes(Path dir) {
        List<Scope> known = scopesOf.get(dir);
        if (known != null) return known;
        List<Scope> scopes = new ArrayList<>();
        Optional<Path> top = repository(dir);
        if (top.isPresent()) {
            Path parent = dir.getParent();
            if (!dir.equals(top.get()) && parent != null) scopes.addAll(scopes(parent));
            else add(scopes, top.get(), top.get().resolve(".git/info/exclude"));
            add(scopes, dir, dir.resolve(".gitignore"));
        }
        List<Scope> result = List.copyOf(scopes);
        scopesOf.put(dir, result);
        return result;
    }

    private void add(List<Scope> scopes, Path base, Path file) {
        GitIgnoreFile rules = rules(file);
        if (!rules.isEmpty()) scopes.add(new Scope(base, rules));
    }

    /** path below dir, '/' separated; on strings, since Path.relativize goes name by name. */
    private static String relative(Path dir, Path path) {
        String base = dir.toString();
        String full = path.toString();
        char separator = java.io.File.separatorChar;
        boolean below = full.startsWith(base) && (full.length() == base.length() || base.endsWith(String.valueOf(separator))
                || full.charAt(base.length()) == separator);
        String tail = !below ? dir.relativize(path).toString()
                : full.length() == base.length() ? ""
                : full.substring(base.endsWith(String.valueOf(separator)) ? base.length() : base.length() + 1);
        return tail.replace('\\', '/');
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
