package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.TextRange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code partialFingerprints.primaryLocationLineHash} of each finding: what GitHub code scanning
 * and {@code --baseline} use to recognise a finding again after the file was edited.
 *
 * <p>Recipe. For a finding of rule R whose range starts on line L of its file:
 * <ol>
 *   <li>{@code key = R + "\n" + norm(text of line L) + "\n" + norm(text of the range on line L)}, where
 *       {@code norm} trims the text and turns each run of whitespace into one space (re-indenting a
 *       block keeps its fingerprints);</li>
 *   <li>{@code n} = 1 + the number of findings before this one in the same file (in line, column order)
 *       with the same key;</li>
 *   <li>the fingerprint is the first 16 hex digits of SHA-256(key), a colon, and {@code n}: for
 *       example {@code 4f0c2a9d1b7e3a55:1}.</li>
 * </ol>
 * Line numbers are not hashed, so inserting or deleting unrelated lines anywhere leaves every
 * fingerprint as it was. Two findings on one line differ by the text of their ranges, or else by
 * {@code n}; so do two findings on identical lines of one file. The path is not hashed (GitHub keys
 * alerts by path and fingerprint); the neighbouring lines are not hashed either, so editing the code
 * around a finding does not re-open it. Renaming a file, or editing the finding's own line, does.
 */
public final class Fingerprints {
    private static final Comparator<Finding> POSITION = Comparator
            .comparingInt((Finding f) -> f.range().line())
            .thenComparingInt(f -> f.range().column())
            .thenComparingInt(f -> f.range().endLine())
            .thenComparingInt(f -> f.range().endColumn())
            .thenComparing(Finding::code);

    private Fingerprints() {}

    /**
     * @param findings any order, several files
     * @param sources  text of each file by {@link Finding#path()}; a missing file hashes as empty text
     * @return the fingerprint of each finding, in the order of {@code findings}
     */
    public static List<String> of(List<Finding> findings, Map<String, SourceText> sources) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) order.add(i);
        order.sort(Comparator.comparing((Integer i) -> findings.get(i).path())
                .thenComparing(findings::get, POSITION));

        String[] result = new String[findings.size()];
        Map<String, Integer> seen = new HashMap<>();
        String currentPath = null;
        for (int i : order) {
            Finding f = findings.get(i);
            if (!f.path().equals(currentPath)) {
                currentPath = f.path();
                seen.clear();
            }
            String hash = hash(key(f, sources.get(f.path())));
            int occurrence = seen.merge(hash, 1, Integer::sum);
            result[i] = hash + ":" + occurrence;
        }
        return List.of(result);
    }

    private static String key(Finding f, SourceText source) {
        String line = source == null ? "" : source.line(f.range().line());
        return f.code() + "\n" + normalise(line) + "\n" + normalise(rangeOnFirstLine(line, f.range()));
    }

    private static String rangeOnFirstLine(String line, TextRange range) {
        int length = line.codePointCount(0, line.length());
        int start = Math.max(0, Math.min(range.column() - 1, length));
        int end = range.endLine() > range.line() ? length : Math.max(start, Math.min(range.endColumn() - 1, length));
        return line.substring(line.offsetByCodePoints(0, start), line.offsetByCodePoints(0, end));
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
