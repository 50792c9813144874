package dev.memlint.server;

import dev.memlint.config.Config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last analyses, keyed by file, configuration and a hash of the text: undoing an edit, saving,
 * or asking for code actions and hovers on text already checked costs no new check. Bounded, least
 * recently used first out, so that memory stays flat however long the editor runs.
 */
final class RecentAnalyses {
    record Key(Path path, Config config, String textHash) {}

    private final int capacity;
    private final Map<Key, Analysis> entries;
    private long misses;

    RecentAnalyses(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized Analysis get(Key key, Supplier<Analysis> compute) {
        Analysis known = entries.get(key);
        if (known != null) return known;
        misses++;
        Analysis fresh = compute.get();
        entries.put(key, fresh);
        if (entries.size() > capacity) entries.remove(entries.keySet().iterator().next());
        return fresh;
    }

    /** How many analyses were computed rather than reused. */
    synchronized long misses() { return misses; }
}
