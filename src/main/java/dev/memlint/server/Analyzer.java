package dev.memlint.server;

import dev.memlint.check.CachedResult;
import dev.memlint.check.ResultCache;
import dev.memlint.check.SourceChecker;
import dev.memlint.parse.SourceDecoder;
import dev.memlint.config.Config;
import dev.memlint.config.ConfigException;
import dev.memlint.config.TestCode;

import java.nio.file.Path;

/**
 * Checks an open document's text under its file's configuration, through SourceChecker as
 * `memlint check` does, reusing the analysis of a text already checked under the same configuration.
 */
final class Analyzer {
    /** Open documents times a few versions each: enough for undo and for requests on recent text. */
    private static final int CACHED_ANALYSES = 64;

    private final WorkspaceConfigs configs;
    private final SourceChecker checker = new SourceChecker();
    private final RecentAnalyses cache = new RecentAnalyses(CACHED_ANALYSES);

    Analyzer(WorkspaceConfigs configs) {
        this.configs = configs;
    }

    Analysis analyze(OpenDocument document) {
        Config config;
        try {
            config = configs.forFile(document.path());
        } catch (ConfigException e) {
            return Analysis.failed("memlint cannot read its configuration: " + e.getMessage());
        }
        if (skips(config, document)) return Analysis.SKIPPED;
        byte[] content = SourceDecoder.encodeAsDeclared(document.text());
        if (content.length > config.maxFileSize()) { // as `check` refuses the file on disk
            return Analysis.failed("memlint does not check this file: it is larger than max-file-size ("
                    + content.length + " bytes > " + config.maxFileSize() + " bytes)");
        }
        String contentHash = ResultCache.contentHash(content);
        RecentAnalyses.Key key = new RecentAnalyses.Key(document.path(), config, contentHash);
        return cache.get(key, () -> {
            Analysis stored = stored(document, config, content, contentHash);
            if (stored != null) return stored;
            try {
                return Analysis.of(checker.check(document.path(), document.path().toString(), content, config));
            } catch (RuntimeException | StackOverflowError e) { // a bug of memlint's: this text only, the server goes on
                return Analysis.failed("memlint could not check this file (internal error: " + e + ")");
            }
        });
    }

    /**
     * What `memlint check` stored in its result cache for exactly these bytes of this file under the
     * same settings (the configuration as the editor sees it: a check run with options that change
     * them stored under another key), or null. The cache is read, never made or written here.
     */
    private Analysis stored(OpenDocument document, Config config, byte[] content, String contentHash) {
        try {
            Path dir = ResultCache.location(null, System.getenv("MEMLINT_CACHE_DIR"), configs.forWorkspaceOf(document.path()));
            ResultCache disk = ResultCache.existing(dir);
            if (disk == null) return null;
            CachedResult entry = disk.load(document.path(), checker.cacheKey(config, document.path()));
            if (entry == null || !entry.contentHash().equals(contentHash)) return null;
            storedHits++;
            return Analysis.stored(entry.findingsFor(document.path().toString()), entry.shownText(content), content,
                    config.targetVersionOrLatest());
        } catch (ConfigException | RuntimeException e) {
            return null; // then the text is checked, which reports a broken configuration itself
        }
    }

    private volatile long storedHits;

    /** How many analyses came from `memlint check`'s result cache: what the tests look at. */
    long storedHits() { return storedHits; }

    /**
     * What the command line does with a file named on it: checked unless force-exclude applies its
     * excludes to named files too, or test-code = "skip" and the file is test code.
     */
    private static boolean skips(Config config, OpenDocument document) {
        return config.discovery().forceExclude() && config.isExcluded(document.path())
                || config.testCode().mode() == TestCode.Mode.SKIP && config.isTestCode(document.path());
    }

    RecentAnalyses cache() { return cache; }
}
