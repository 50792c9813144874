package dev.memlint.server;

import dev.memlint.check.SourceChecker;
import dev.memlint.parse.SourceDecoder;
import dev.memlint.config.Config;
import dev.memlint.config.ConfigException;
import dev.memlint.config.TestCode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks an open document's text under its file's configuration, through SourceChecker as
 * `memlint check` does, reusing the analysis of a text already checked under the same configuration.
 */
final class Analyzer {
    /** Open documents times a few versions each: enough for undo and for requests on recent text. */
    private static final int CACHED_ANALYSES = 64;

    private final WorkspaceConfigs configs;
    private final SourceChecker checker = new SourceChecker();
    private final ResultCache cache = new ResultCache(CACHED_ANALYSES);

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
        ResultCache.Key key = new ResultCache.Key(document.path(), config, sha256(content));
        return cache.get(key, () -> {
            try {
                return Analysis.of(checker.check(document.path(), document.path().toString(), content, config));
            } catch (RuntimeException | StackOverflowError e) { // a bug of memlint's: this text only, the server goes on
                return Analysis.failed("memlint could not check this file (internal error: " + e + ")");
            }
        });
    }

    /**
     * What the command line does with a file named on it: checked unless force-exclude applies its
     * excludes to named files too, or test-code = "skip" and the file is test code.
     */
    private static boolean skips(Config config, OpenDocument document) {
        return config.discovery().forceExclude() && config.isExcluded(document.path())
                || config.testCode().mode() == TestCode.Mode.SKIP && config.isTestCode(document.path());
    }

    ResultCache cache() { return cache; }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
