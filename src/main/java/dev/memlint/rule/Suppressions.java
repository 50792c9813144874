package dev.memlint.rule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The noqa comments of one file. {@code # noqa} or {@code # noqa: MEM201, MEM202} anywhere in a
 * comment suppresses findings that start on its line; a comment alone on its line reading
 * {@code # memlint: noqa} (optionally {@code : CODES}) suppresses them in the whole file. A peer
 * linter's code for the same check counts as memlint's ({@link PeerCodes}).
 */
public final class Suppressions {
    private static final Pattern LINE = Pattern.compile(
            "#\\s*noqa(?::\\s*([A-Za-z]+[0-9]+(?:[\\s,]+[A-Za-z]+[0-9]+)*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile(
            "#\\s*memlint\\s*:\\s*noqa(?::\\s*([A-Za-z]+[0-9]+(?:[\\s,]+[A-Za-z]+[0-9]+)*))?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> ALL = Set.of("*");

    private final Map<Integer, Set<String>> byLine = new HashMap<>();
    private final Set<String> fileWide = new HashSet<>();

    /**
     * Records one comment.
     *
     * @param line        1-based line
     * @param ownLine     true when only whitespace precedes the comment on its line
     * @param text        the comment from its '#'
     */
    public void addComment(int line, boolean ownLine, String text) {
        Matcher f = FILE.matcher(text);
        if (ownLine && f.lookingAt()) {
            fileWide.addAll(codes(f.group(1)));
            return;
        }
        Matcher m = LINE.matcher(text);
        if (m.find()) {
            byLine.computeIfAbsent(line, l -> new HashSet<>()).addAll(codes(m.group(1)));
        }
    }

    /** False when a comment cannot be a noqa comment of either kind (it does not mention noqa). */
    public static boolean mayBeNoqa(String comment) {
        // toLowerCase returns the comment itself when it has no capital letter (nearly always)
        return comment.toLowerCase(Locale.ROOT).contains("noqa");
    }

    public boolean isSuppressed(String code, int line) {
        if (fileWide.contains("*") || fileWide.contains(code)) return true;
        Set<String> codes = byLine.get(line);
        return codes != null && (codes.contains("*") || codes.contains(code));
    }

    private static Set<String> codes(String list) {
        if (list == null) return ALL;
        Set<String> out = new HashSet<>();
        for (String c : list.split("[\\s,]+")) {
            if (c.isEmpty()) continue;
            String code = c.toUpperCase(Locale.ROOT);
            out.add(code);
            out.addAll(PeerCodes.memlintCodes(code));
        }
        return out;
    }
}
