package dev.memlint.cli;

import dev.memlint.check.CachedResult;
import dev.memlint.check.FileStamp;
import dev.memlint.check.ResultCache;
import dev.memlint.check.SourceChecker;
import dev.memlint.config.Config;
import dev.memlint.config.ConfigException;
import dev.memlint.config.ConfigResolver;
import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import dev.memlint.parse.SourceDecoder;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.FixApplier;
import dev.memlint.rule.Rule;
import dev.memlint.rule.RuleEngine;
import dev.memlint.rule.RuleRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks one file for `memlint check`: reads it under its configuration, has {@link SourceChecker}
 * find what is wrong, and applies fixes when --fix or --diff asks.
 */
public final class FileLinter {
    /** Rounds of fix-and-recheck per file; fixes that overlap wait for the next round. */
    private static final int MAX_FIX_ROUNDS = 10;

    private final ConfigResolver configs;
    private final FixMode fixMode;
    private final SourceChecker checker = new SourceChecker();
    private final FixOutcomes fixes;
    private final ResultCache cache;

    /** Which fixes --fix or --diff apply: none, safe fixes only, or unsafe ones too. */
    public enum FixMode { NONE, SAFE, UNSAFE }

    /**
     * configs gives each file its configuration; fixes collects what fixing did (it says whether
     * files are rewritten), null when fixMode is NONE; cache keeps results between runs, or is null.
     */
    FileLinter(ConfigResolver configs, FixMode fixMode, FixOutcomes fixes, ResultCache cache) {
        this.configs = configs;
        this.fixMode = fixMode;
        this.fixes = fixes;
        this.cache = cache;
    }

    /** @throws IOException when the file cannot be read (it vanished, permissions, not a regular file, too large, ...) */
    public FileResult lint(SourceFile file) throws IOException {
        Config config;
        try { // resolved before the run, so met here only if a configuration changed meanwhile
            config = configs.forPath(file.path());
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        PythonVersion target = config.targetVersionOrLatest();
        // Standard input is never cached: an editor sends a new buffer each time, under one name.
        if (cache == null || file.content() != null) {
            byte[] content = file.content() != null ? SourceReader.checkSize(file.content(), config.maxFileSize())
                    : SourceReader.read(file.path(), config.maxFileSize());
            return check(file, content, config, target, null, null, null);
        }
        String settingsKey = checker.cacheKey(config, file.path());
        FileStamp stamp = FileStamp.of(file.path()); // before reading: a change after it shows in the next stat
        long now = FileStamp.nowNanos();
        CachedResult entry = cache.load(file.path(), settingsKey);
        if (entry != null && !reusable(entry)) entry = null;
        if (entry != null && stamp != null && stamp.equals(entry.stamp()) && SourceReader.readable(stamp, config.maxFileSize())) {
            // Unchanged since it was hashed: its bytes are read only when the report shows them.
            if (entry.source() == CachedResult.SourceKind.NONE) return new FileResult(entry.findingsFor(file.displayPath()), null);
            byte[] content = SourceReader.read(file.path(), config.maxFileSize());
            // A change since the first stat (a stored stamp is settled, so any write moves the times) shows here.
            if (stamp.equals(FileStamp.of(file.path()))) {
                return new FileResult(entry.findingsFor(file.displayPath()), entry.shownText(content));
            }
            return check(file, content, config, target, settingsKey, ResultCache.contentHash(content), null);
        }
        byte[] content = SourceReader.read(file.path(), config.maxFileSize());
        String hash = ResultCache.contentHash(content);
        FileStamp kept = stamp != null && stamp.settledAt(now) ? stamp : null;
        if (entry != null && hash.equals(entry.contentHash())) {
            // The same bytes under a new stat (touched, checked out again): trust the new stat from now on.
            if (kept != null) cache.store(file.path(), entry.withStamp(kept));
            return new FileResult(entry.findingsFor(file.displayPath()), entry.shownText(content));
        }
        return check(file, content, config, target, settingsKey, hash, kept);
    }

    /** Fixing needs the parsed file: only a result with nothing to fix can be taken as it is. */
    private boolean reusable(CachedResult entry) {
        return fixMode == FixMode.NONE || entry.findings().stream().allMatch(f -> f.fix() == null);
    }

    /** Checks the file's bytes and, when settingsKey is not null, stores the result under it. */
    private FileResult check(SourceFile file, byte[] content, Config config, PythonVersion target, String settingsKey,
                             String contentHash, FileStamp stamp) throws IOException {
        SourceChecker.Checked checked = checker.check(file.path(), file.displayPath(), content, config);
        List<Finding> findings = checked.findings();
        if (!checked.parses()) {
            if (settingsKey != null) store(file, settingsKey, contentHash, stamp, findings, CachedResult.SourceKind.DISPLAY);
            return new FileResult(findings, checked.source());
        }
        // Source from standard input has no file to write fixes to (--fix with - is a usage error).
        if (fixMode != FixMode.NONE && file.content() == null && findings.stream().anyMatch(f -> f.fix() != null)) {
            return fix(file, content, checked.parsed(), checked.engine(), findings, target);
        }
        if (settingsKey != null) store(file, settingsKey, contentHash, stamp, findings,
                findings.isEmpty() ? CachedResult.SourceKind.NONE : CachedResult.SourceKind.DECODED);
        return new FileResult(findings, findings.isEmpty() ? null : checked.source());
    }

    private void store(SourceFile file, String settingsKey, String contentHash, FileStamp stamp, List<Finding> findings,
                       CachedResult.SourceKind source) {
        cache.store(file.path(), new CachedResult(settingsKey, contentHash, stamp, findings, source));
    }

    /**
     * Applies fixes and re-checks, round after round, then writes the file back in its own layout
     * (BOM, line endings) or, for --diff, records what would change. A file whose bytes cannot be
     * rebuilt from its text is left alone, with the reason.
     */
    private FileResult fix(SourceFile file, byte[] content, ParsedFile parsed, RuleEngine engine, List<Finding> findings,
                           PythonVersion target) throws IOException {
        String path = file.displayPath();
        String original = parsed.source().text();
        SourceLayout layout = SourceLayout.of(content, original);
        if (!layout.writable()) {
            fixes.skipped(path, layout.reason());
            return new FileResult(findings, parsed.source());
        }
        List<String> codes = new ArrayList<>();
        for (int round = 0; round < MAX_FIX_ROUNDS; round++) {
            FixApplier.Result fixed = FixApplier.apply(parsed.source(), findings, fixMode == FixMode.UNSAFE);
            if (fixed.applied() == 0) break;
            ParsedFile reparsed;
            try {
                reparsed = PythonSourceParser.parse(layout.encode(fixed.text()), target);
            } catch (PythonSyntaxError error) {
                fixes.skipped(path, "a fix made the file invalid (" + error.getMessage() + "); please report it");
                break; // a fix that breaks the file is a bug; keep what the earlier rounds did
            }
            parsed = reparsed;
            codes.addAll(fixed.codes());
            findings = engine.check(path, parsed);
        }
        String text = parsed.source().text();
        if (!codes.isEmpty()) {
            if (fixes.writes()) Files.write(file.path(), layout.encode(text));
            fixes.fixed(path, codes, fixes.writes() ? null : UnifiedDiff.of(path, original, text));
        }
        return new FileResult(findings, findings.isEmpty() ? null : parsed.source());
    }
}
