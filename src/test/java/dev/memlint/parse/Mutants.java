package dev.memlint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Character-level mutants of real Python source for the fuzz oracle: a window of whole top-level
 * statements from a file, with one small edit (a character or span deleted; a keyword, operator,
 * bracket, quote, backslash, walrus or f-string start inserted; a line's indentation changed).
 */
final class Mutants {
    record Mutant(String edit, String source) {}

    private static final String[] KEYWORDS = {"if", "else", "elif", "def", "class", "return", "lambda", "for",
            "in", "not", "and", "or", "is", "await", "async", "yield", "with", "as", "import", "from", "pass",
            "None", "True", "try", "except", "finally", "while", "del", "global", "nonlocal", "raise", "match",
            "case", "type", "print"};
    private static final String[] OPERATORS = {"+", "-", "*", "/", "**", "//", "%", "@", "=", "==", "!=", "<",
            ">", "<=", ">=", "->", ".", ",", ";", ":", "~", "|", "&", "^", "<<", ">>", "+=", "...", "!", "$", "?"};
    private static final String[] BRACKETS = {"(", ")", "[", "]", "{", "}"};
    private static final String[] QUOTES = {"'", "\"", "'''", "\"\"\"", "b'", "r\""};
    private static final String[] OTHERS = {"\\", ":=", "f\"", "f'", "f'{", "}\""};

    private Mutants() {}

    /** {@code count} mutants of windows of {@code files} (their texts), the same for the same seed. */
    static List<Mutant> generate(List<String> files, int count, long seed) {
        Random random = new Random(seed);
        List<Mutant> mutants = new ArrayList<>(count);
        while (mutants.size() < count) {
            String text = window(files.get(random.nextInt(files.size())), random);
            if (text.isEmpty()) continue;
            mutants.add(mutate(text, random));
        }
        return mutants;
    }

    /** 20 to 60 lines starting at a top-level line and ending before one (so the window parses as it is). */
    private static String window(String file, Random random) {
        String[] lines = file.split("\n", -1);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) if (topLevel(lines[i])) starts.add(i);
        if (starts.isEmpty()) return "";
        int start = starts.get(random.nextInt(starts.size()));
        int end = Math.min(lines.length, start + 20);
        while (end < lines.length && end < start + 60 && !topLevel(lines[end])) end++;
        return String.join("\n", List.of(lines).subList(start, end)) + "\n";
    }

    private static boolean topLevel(String line) {
        return !line.isEmpty() && " \t#)]}'\"".indexOf(line.charAt(0)) < 0;
    }

    private static Mutant mutate(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(9)) {
            case 0: {
                int end = Math.min(text.length(), at + 1);
                return edit("delete 1 at " + at, text, at, end, "");
            }
            case 1: {
                int end = Math.min(text.length(), at + 2 + random.nextInt(7));
                return edit("delete span at " + at, text, at, end, "");
            }
            case 2: return insert(text, at, " " + pick(KEYWORDS, random) + " ");
            case 3: return insert(text, at, pick(OPERATORS, random));
            case 4: return insert(text, at, pick(BRACKETS, random));
            case 5: return insert(text, at, pick(QUOTES, random));
            case 6: case 7: return insert(text, at, pick(OTHERS, random));
            default: return reindent(text, random);
        }
    }

    /** One line's leading whitespace: a few spaces more or fewer, or a tab for spaces. */
    private static Mutant reindent(String text, Random random) {
        String[] lines = text.split("\n", -1);
        int n = random.nextInt(Math.max(1, lines.length - 1));
        String line = lines[n];
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) indent++;
        String body = line.substring(indent);
        String old = line.substring(0, indent);
        String now = switch (random.nextInt(3)) {
            case 0 -> old + " ".repeat(1 + random.nextInt(4));
            case 1 -> old.substring(0, Math.max(0, indent - 1 - random.nextInt(4)));
            default -> old.replaceFirst(" {1,8}", "\t");
        };
        lines[n] = now + body;
        return new Mutant("reindent line " + (n + 1), String.join("\n", lines));
    }

    private static Mutant insert(String text, int at, String what) {
        return edit("insert " + what + " at " + at, text, at, at, what);
    }

    private static Mutant edit(String description, String text, int from, int to, String replacement) {
        return new Mutant(description, text.substring(0, from) + replacement + text.substring(to));
    }

    private static String pick(String[] choices, Random random) {
        return choices[random.nextInt(choices.length)];
    }
}
