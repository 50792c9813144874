package dev.memlint.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one .gitignore (or .git/info/exclude) file, as git reads them: blank lines and
 * {@code #} comments are skipped, {@code !} re-includes, a trailing {@code /} matches directories
 * only, a pattern with a {@code /} before its end is anchored to the file's directory (else it
 * matches a name at any depth), {@code **} spans directories ({@code **}{@code /x} also matches
 * {@code x}, {@code a/**}{@code /b} also {@code a/b}). The last rule that matches decides.
 */
public final class GitIgnoreFile {
    private record Rule(List<Glob> globs, boolean negated, boolean directoriesOnly, boolean anchored) {}

    private final List<Rule> rules;

    private GitIgnoreFile(List<Rule> rules) {
        this.rules = rules;
    }

    public static GitIgnoreFile parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            Rule rule = rule(raw);
            if (rule != null) rules.add(rule);
        }
        return new GitIgnoreFile(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * TRUE when the last rule matching path (relative to this file's directory, '/' separated)
     * ignores it, FALSE when it re-includes it, null when no rule matches.
     */
    public Boolean decide(String relativePath, boolean directory) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        Boolean decision = null;
        for (Rule r : rules) {
            if (r.directoriesOnly() && !directory) continue;
            String subject = r.anchored() ? relativePath : name;
            for (Glob g : r.globs()) {
                if (g.matches(subject)) {
                    decision = !r.negated();
                    break;
                }
            }
        }
        return decision;
    }

    private static Rule rule(String raw) {
        String line = trimTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) return null;
        boolean negated = line.startsWith("!");
        if (negated) line = line.substring(1);
        else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.substring(1);
        boolean directoriesOnly = line.endsWith("/");
        if (directoriesOnly) line = line.substring(0, line.length() - 1);
        if (line.isEmpty()) return null;
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) line = line.substring(1);
        List<String> variants = new ArrayList<>();
        variants.add(line);
        if (line.startsWith("**/")) variants.add(line.substring(3));
        if (line.contains("/**/")) variants.add(line.replaceFirst("/\\*\\*/", "/"));
        List<Glob> globs = new ArrayList<>();
        try {
            for (String v : variants) globs.add(Glob.compile(escapeBraces(v)));
        } catch (Glob.InvalidGlobException e) {
            return null; // git ignores a pattern it cannot use; so does the walk
        }
        return new Rule(globs, negated, directoriesOnly, anchored);
    }

    /** Trailing spaces are dropped unless a backslash escapes them. */
    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) end--;
        return line.substring(0, end);
    }

    /** Braces are literal in gitignore patterns, alternatives in our globs. */
    private static String escapeBraces(String pattern) {
        return pattern.replace("{", "\\{").replace("}", "\\}").replace(",", "\\,");
    }
}
