package dev.memlint.rule;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Codes other linters give the same check, honoured in noqa comments so that one comment serves
 * both tools: {@code # noqa: B019} silences MEM602 as it silences flake8-bugbear. The one table;
 * docs/configuration.md and each rule's documentation list it (ConventionsTest checks both).
 */
public final class PeerCodes {
    /** Peer code to the memlint codes it stands for. */
    private static final Map<String, List<String>> ALIASES = Map.of(
            "B019", List.of("MEM602"),            // flake8-bugbear: lru_cache/cache on a method
            "C419", List.of("MEM301"),            // flake8-comprehensions: list comprehension in any()/all()
            "PERF101", List.of("MEM302", "MEM104"), // perflint: list() around an iterable in a for loop
            "FURB129", List.of("MEM305"),         // refurb: for line in f.readlines()
            "RUF017", List.of("MEM203"));         // ruff: sum() of lists

    private PeerCodes() {}

    /** The memlint codes a peer code stands for; empty for any other code. */
    public static List<String> memlintCodes(String peer) {
        return ALIASES.getOrDefault(peer, List.of());
    }

    /** Peer code to memlint codes, sorted by peer code. */
    public static Map<String, List<String>> table() {
        return new TreeMap<>(ALIASES);
    }

    /** The peer codes that stand for a memlint code, sorted. */
    public static List<String> peersOf(String code) {
        return table().entrySet().stream().filter(e -> e.getValue().contains(code)).map(Map.Entry::getKey).toList();
    }
}
