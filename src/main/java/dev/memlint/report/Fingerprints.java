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
        LineHasher line = null;
        for (int i : order) {
            Finding f = findings.get(i);
            if (!f.path().equals(currentPath)) {
                currentPath = f.path();
                seen.clear();
                line = null;
            }
            if (line == null || line.line != f.range().line()) {
                line = new LineHasher(sources.get(f.path()), f.range().line());
            }
            String hash = line.hash(f);
            int occurrence = seen.merge(hash, 1, Integer::sum);
            result[i] = hash + ":" + occurrence;
        }
        return List.of(result);
    }

    /**
     * Hashes the keys of the findings on one line. The line's part of a key is normalised and
     * digested once per rule, not once per finding: thousands of findings on one long line would
     * otherwise each hash the whole line.
     */
    private static final class LineHasher {
        private final SourceText source; // null when the file's text is unknown
        private final int line;
        private final String normalisedLine;
        private final Map<String, MessageDigest> afterLine = new HashMap<>(); // by rule code

        LineHasher(SourceText source, int line) {
            this.source = source;
            this.line = line;
            this.normalisedLine = normalise(source == null ? "" : source.line(line));
        }

        String hash(Finding f) {
            MessageDigest prefix = afterLine.computeIfAbsent(f.code(), code -> {
                MessageDigest d = sha256();
                d.update((code + "\n" + normalisedLine + "\n").getBytes(StandardCharsets.UTF_8));
                return d;
            });
            MessageDigest digest;
            try {
                digest = (MessageDigest) prefix.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the SHA-256 digest cannot be copied", e);
            }
            digest.update(normalise(rangeOnLine(f.range())).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        }

        /** The text of the range on this line (to the line's end when the range goes on). */
        private String rangeOnLine(TextRange range) {
            if (source == null) return "";
            int length = source.codePointLength(line);
            int start = Math.max(0, Math.min(range.column() - 1, length));
            int end = range.endLine() > range.line() ? length : Math.max(start, Math.min(range.endColumn() - 1, length));
            return source.text().substring(source.offset(line, start), source.offset(line, end));
        }
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
