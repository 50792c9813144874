package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.List;

/**
 * Compiled regular expressions (re.compile) and what their methods make: the matches finditer
 * yields, the parts split and findall return, and the match objects' groups.
 */
final class Patterns {
    private final Interpreter in;

    Patterns(Interpreter in) {
        this.in = in;
    }

    /** A pattern re.compile made from this source (null when it is not a literal): made before the call. */
    Obj compiled(Obj source) {
        Obj p = in.given(Obj.Kind.OPAQUE, "re.compile");
        p.producer = "pattern";
        p.literal = source == null ? null : source.literal;
        return p;
    }

    /** A method of a compiled pattern on text, or null when it has no model (search and match read only). */
    Obj method(Obj pattern, String name, Obj text, Expr where) {
        return switch (name) {
            case "finditer" -> matches(pattern, text, where);
            case "split" -> {
                List<String> known = text == null ? null : split(pattern.literal, text.literal);
                yield known != null ? partsOf(known) : guessedParts(text, where);
            }
            case "findall" -> guessedParts(text, where);
            default -> null;
        };
    }

    /** Parts of a text whose matches are not known: one per 8 characters, a guess about the data, said in limits. */
    private Obj guessedParts(Obj text, Expr where) {
        return in.library.guessedParts(text == null ? null : text.count, Interpreter.WORD_CHARS,
                "parts of " + (text == null ? "?" : in.pathOf(text)), where.pos().line());
    }

    /**
     * The iterator finditer returns, yielding match objects. Each match other than an empty one takes at
     * least one character and CPython steps past an empty match, so a text of len(text) characters has
     * at most len(text) + 1 matches: an upper bound, which limits states. CPython 3.11-3.13 (tracemalloc):
     * the iterator and its scanner take 439 bytes plus 16 per group (431 on 3.12), and its first search
     * about 1,100 more for its state; each match object 152 plus 16 per group.
     */
    Obj matches(Obj pattern, Obj text, Expr where) {
        int groups = groups(pattern == null ? null : pattern.literal);
        Obj it = in.fixed(Obj.Kind.ITERATOR, in.model.library("reScanner") + 16L * Math.max(groups, 0));
        it.producer = "matches";
        it.sources = text == null ? List.of() : List.of(text);
        it.value2 = pattern;
        if (text != null && text.count != null) {
            it.count = Sym.add(text.count, Sym.of(1));
            in.limit("re.finditer at line " + where.pos().line() + ": at most len(" + in.pathOf(text)
                    + ") + 1 matches taken, an upper bound");
        }
        return it;
    }

    /** One match of a matches iterator: its object, with the text it was found in. */
    Obj match(Obj it) {
        Obj pattern = it.value2;
        int groups = groups(pattern == null ? null : pattern.literal);
        Obj m = in.fixed(Obj.Kind.OPAQUE, in.model.library("reMatch") + 16L * Math.max(groups, 0));
        m.producer = "match";
        m.sources = it.sources;
        m.count = it.count;
        return m;
    }

    /**
     * A method of a match a matches iterator yielded, or null when it has none. The texts of all the
     * matches hold at most the text's characters together: each group is taken as its share of them
     * (len(text) / (len(text) + 1), under one character), a str of its own, so the matches' texts
     * cost one str each plus the text's characters at most.
     */
    Obj matchMethod(Obj m, String name) {
        Obj text = m.sources.isEmpty() ? null : m.sources.get(0);
        return switch (name) {
            case "group" -> {
                if (text == null || text.count == null || m.count == null) yield in.str(Sym.of(Interpreter.WORD_CHARS));
                Obj s = in.make(Obj.Kind.STR, Sym.div(text.count, m.count));
                s.fixed = text.fixed == null ? Sym.of(1) : text.fixed;
                yield s;
            }
            case "start", "end" -> in.computedInt(null);
            case "span" -> in.tuple(java.util.Arrays.asList(in.computedInt(null), in.computedInt(null)));
            default -> null;
        };
    }

    /** The most parts a literal text is split into one by one; a longer split is counted as any text's. */
    private static final int MAX_KNOWN_PARTS = 64;

    /**
     * What re.split returns for a literal pattern and a literal text, as CPython does: the text between
     * matches with each match's groups between them (null for a group that took no part), found by
     * java.util.regex where it reads the pattern as Python's re does (names as (?P<name>...), \w and
     * \d over Unicode, only \n ending a line); null for a pattern it reads otherwise (a backreference
     * by name, a conditional, \Z), an empty match (split at one differs) or more than
     * MAX_KNOWN_PARTS parts.
     */
    static List<String> split(String pattern, String text) {
        if (pattern == null || text == null || pattern.contains("(?P=") || pattern.contains("(?(") || pattern.contains("\\Z")) {
            return null;
        }
        java.util.regex.Matcher m;
        try {
            m = java.util.regex.Pattern.compile(pattern.replace("(?P<", "(?<"),
                    java.util.regex.Pattern.UNICODE_CHARACTER_CLASS | java.util.regex.Pattern.UNIX_LINES)
                    .matcher(new BoundedText(text));
        } catch (java.util.regex.PatternSyntaxException e) {
            return null;
        }
        List<String> parts = new java.util.ArrayList<>();
        int last = 0;
        try {
            while (m.find()) {
                if (m.end() == m.start()) return null;
                parts.add(text.substring(last, m.start()));
                for (int g = 1; g <= m.groupCount(); g++) parts.add(m.group(g));
                last = m.end();
                if (parts.size() > MAX_KNOWN_PARTS) return null;
            }
        } catch (BoundedText.TooManyReads e) {
            return null; // a pattern that backtracks without end on this text: its parts are guessed, never a hang
        }
        parts.add(text.substring(last));
        return parts;
    }

    /** Characters of the text the matcher may read in all, before the split gives up. */
    static final int MAX_READS = 1_000_000;

    /** The text, read at most MAX_READS times: the source file chose the pattern, and some patterns backtrack for ever. */
    private static final class BoundedText implements CharSequence {
        static final class TooManyReads extends RuntimeException {
            TooManyReads() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int[] reads;

        BoundedText(String text) {
            this(text, new int[1]);
        }

        private BoundedText(String text, int[] reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > MAX_READS) throw new TooManyReads();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedText(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A list of these parts, appended one by one: each a str of its own, CPython's cached one when empty or of one Latin-1 character. */
    private Obj partsOf(List<String> parts) {
        Obj list = in.make(Obj.Kind.LIST, Sym.of(parts.size()));
        list.layout = Obj.Layout.APPENDED;
        for (String p : parts) {
            Obj part;
            if (p == null) {
                part = in.none();
            } else {
                int widest = p.codePoints().max().orElse(0);
                part = p.length() == 0 || p.length() == 1 && widest < 256 ? in.constantStr(p.length()) : in.str(Sym.of(p.length()));
                part.fixed = Sym.of(widest < 256 ? 1 : widest < 65536 ? 2 : 4);
                part.literal = p;
            }
            list.groups.add(new Obj.Group(Sym.of(1), part));
        }
        list.item = list.groups.get(0).item();
        return list;
    }

    /** The capturing groups of a pattern's source ((...), (?P<name>...)), or -1 when not known. */
    static int groups(String source) {
        if (source == null) return -1;
        int n = 0;
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') inClass = false;
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < source.length() && source.charAt(i + 1) == ']') i++; // []...] holds a ]
            } else if (c == '(' && (!source.startsWith("?", i + 1) || source.startsWith("?P<", i + 1))) {
                n++;
            }
        }
        return n;
    }
}
