package dev.memlint.config;

import dev.memlint.parse.PythonVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The configuration of each file, as Ruff's hierarchical configuration without inheritance: the
 * closest pyproject.toml with [tool.memlint] at or above the file's directory wins, or the one
 * --config names wins everywhere. The command-line flags (overrides) are applied once per loaded
 * configuration. Each directory is looked up once and each file loaded once; safe on many threads.
 */
public final class ConfigResolver {
    private final Config forced;
    private final UnaryOperator<Config> overrides;
    private final List<Path> roots;
    private final Path workingDir = Path.of("").toAbsolutePath().normalize();
    private final Map<Path, Config> byDirectory = new ConcurrentHashMap<>();
    private final Map<Path, Config> byFile = new ConcurrentHashMap<>();

    private ConfigResolver(Config forced, UnaryOperator<Config> overrides, List<Path> roots) {
        this.forced = forced == null ? null : overrides.apply(forced);
        this.overrides = overrides;
        this.roots = roots.stream().map(r -> {
            Path abs = r.toAbsolutePath().normalize();
            return Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent();
        }).toList();
    }

    /** One configuration (--config FILE) for every file. */
    public static ConfigResolver forced(Config config, UnaryOperator<Config> overrides) {
        return new ConfigResolver(config, overrides, List.of());
    }

    /**
     * The closest configuration for each file. roots are the paths named on the command line: a file
     * outside the working directory with no configuration has its globs relative to the root it was found under.
     */
    public static ConfigResolver discovering(List<Path> roots, UnaryOperator<Config> overrides) {
        return new ConfigResolver(null, overrides, roots);
    }

    /** The configuration for a file (or for a directory, which is then the file's own). */
    public Config forPath(Path path) throws ConfigException {
        if (forced != null) return forced;
        Path abs = path.toAbsolutePath().normalize();
        return forDirectory(Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent());
    }

    /** The configuration for the files directly in dir. */
    public Config forDirectory(Path dir) throws ConfigException {
        if (forced != null) return forced;
        Path abs = dir.toAbsolutePath().normalize();
        Config config = byDirectory.get(abs);
        if (config != null) return config;
        synchronized (this) { // rare after the first files: one lookup per directory, not one per thread
            return lookup(abs);
        }
    }

    /**
     * The configurations handed out so far (the forced one, with --config), each object once:
     * directories share their parent's object, and telling equal objects apart by value would hash
     * every field of each one once per directory.
     */
    public Set<Config> used() {
        if (forced != null) return Set.of(forced);
        Set<Config> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(byDirectory.values());
        return distinct;
    }

    /**
     * dir's configuration from its own pyproject.toml, else its parent's (looked up and cached the
     * same way), so a directory's file is read once however many directories lie below it. Without
     * a [tool.memlint] anywhere above, the defaults with the nearest [project]'s requires-python.
     */
    private Config lookup(Path dir) throws ConfigException {
        Config known = byDirectory.get(dir);
        if (known != null) return known;
        ConfigLoader.Level here = ConfigLoader.level(dir);
        Config config;
        if (here.memlintFile() != null) {
            config = byFile.get(here.memlintFile());
            if (config == null) {
                config = overrides.apply(ConfigLoader.load(here.memlintFile()));
                byFile.put(here.memlintFile(), config);
            }
        } else {
            Config up = dir.getParent() == null ? null : lookup(dir.getParent());
            if (up != null && up.file() != null) {
                config = up;
            } else {
                PythonVersion requiresPython = here.declaresProject() ? here.requiresPython()
                        : up == null ? null : up.requiresPython();
                Path root = defaultsRoot(dir);
                config = up != null && up.root().equals(root) && Objects.equals(up.requiresPython(), requiresPython)
                        ? up : overrides.apply(Config.defaults(root).withRequiresPython(requiresPython));
            }
        }
        byDirectory.put(dir, config);
        return config;
    }

    /**
     * Without a configuration file, globs are relative to the working directory, or, outside it, to the
     * outermost command-line path holding dir (as they were to the single one before).
     */
    private Path defaultsRoot(Path dir) {
        if (dir.startsWith(workingDir)) return workingDir;
        Path best = null;
        for (Path root : roots) {
            if (dir.startsWith(root) && (best == null || root.getNameCount() < best.getNameCount())) best = root;
        }
        return best != null ? best : dir;
    }
}
