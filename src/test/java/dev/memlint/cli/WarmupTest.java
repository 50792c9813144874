package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmupTest {
    @TempDir
    Path dir;

    @Test
    void warmsUpUnlessAResultCacheIsThere() throws IOException {
        Path cache = dir.resolve("cache");
        String[] named = {"check", "--cache-dir", cache.toString(), "src"};
        assertTrue(Warmup.worthIt(named, null), "no cache yet: files will be parsed");
        Files.createDirectories(cache);
        assertFalse(Warmup.worthIt(named, null), "a cache: a re-run mostly parses nothing");
        assertFalse(Warmup.worthIt(new String[] {"check", "--cache-dir=" + cache, "src"}, null));
        assertFalse(Warmup.worthIt(new String[] {"check", "src"}, cache.toString()), "$MEMLINT_CACHE_DIR");
        assertTrue(Warmup.worthIt(new String[] {"check", "--no-cache", "--cache-dir", cache.toString(), "src"}, null));
        assertTrue(Warmup.worthIt(new String[] {"check", "src"}, dir.resolve("elsewhere").toString()));
    }
}
