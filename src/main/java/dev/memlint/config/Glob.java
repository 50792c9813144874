package dev.memlint.config;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A path glob, compiled once and matched in time proportional to the path's length times the glob's.
 * java.nio's glob matcher compiles to a backtracking regex, which a glob such as
 * {@code *a*a*a*a*a*b} keeps busy for hours on a long name; this one runs the glob as an NFA that
 * follows every choice at once (Thompson's construction), so no input can make it backtrack.
 *
 * <p>The syntax is java.nio's, which memlint used before: {@code *} matches any characters but
 * {@code /}, {@code **} any characters at all, {@code ?} one character but {@code /},
 * {@code [abc]}, {@code [a-z]} and {@code [!a-z]} one character of (or not of) a set, never
 * {@code /}; {@code {a,b}} either alternative (groups do not nest); {@code \} makes the next
 * character literal. Inside brackets every character but {@code ]} and {@code -} is literal; a
 * {@code -} is literal first or last. Paths use {@code /} between names.
 */
public final class Glob {
    /** A glob that cannot be compiled; the message names the glob and what is wrong. */
    public static final class InvalidGlobException extends IllegalArgumentException {
        InvalidGlobException(String glob, String problem) {
            super("invalid glob " + quoted(glob) + ": " + problem);
        }
    }

    private enum Op { CHAR, CLASS, ONE_IN_NAME, ANY, FORK, MATCH }

    /** One NFA state: consumes a character (CHAR, CLASS, ONE_IN_NAME, ANY), forks, or accepts. */
    private static final class State {
        final Op op;
        final int codePoint;
        final CharClass charClass;
        int[] next; // FORK: the states it moves to without consuming

        State(Op op, int codePoint, CharClass charClass, int[] next) {
            this.op = op;
            this.codePoint = codePoint;
            this.charClass = charClass;
            this.next = next;
        }

        boolean accepts(int c) {
            return switch (op) {
                case CHAR -> c == codePoint;
                case CLASS -> charClass.contains(c);
                case ONE_IN_NAME -> c != '/';
                case ANY -> true;
                case FORK, MATCH -> false;
            };
        }
    }

    /** A bracket expression: inclusive code point ranges, possibly negated; never matches '/'. */
    private record CharClass(int[] ranges, boolean negated) {
        boolean contains(int c) {
            if (c == '/') return false;
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) in = ranges[i] <= c && c <= ranges[i + 1];
            return in != negated;
        }
    }

    private final String pattern;
    private final State[] states;
    /** Literal text every match starts and ends with: most paths fail on these before the NFA runs. */
    private final String literalPrefix;
    private final String literalSuffix;

    private Glob(String pattern, State[] states) {
        this.pattern = pattern;
        this.states = states;
        this.literalPrefix = literalPrefix(states);
        this.literalSuffix = literalSuffix(states);
    }

    /** The characters the NFA must consume first: the CHAR states from the start up to the first other one. */
    private static String literalPrefix(State[] states) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < states.length && states[i].op == Op.CHAR; i++) b.appendCodePoint(states[i].codePoint);
        return b.toString();
    }

    /**
     * The characters the NFA must consume last: the CHAR states before MATCH, from the last one that a
     * fork can jump to (a '*' loop's exit, the end of a group), since a jump skips those before it.
     */
    private static String literalSuffix(State[] states) {
        int match = states.length - 1;
        int start = match;
        while (start > 0 && states[start - 1].op == Op.CHAR) start--;
        for (State s : states) {
            if (s.op != Op.FORK) continue;
            for (int target : s.next) if (target > start) start = target;
        }
        StringBuilder b = new StringBuilder();
        for (int i = start; i < match; i++) b.appendCodePoint(states[i].codePoint);
        return b.toString();
    }

    public String pattern() { return pattern; }

    @Override
    public String toString() { return pattern; }

    /** Whether the whole path matches; on Windows its '\' separators count as '/'. */
    public boolean matches(Path path) {
        String s = path.toString();
        return matches(File.separatorChar == '/' ? s : s.replace(File.separatorChar, '/'));
    }

    /** Whether the whole string matches, '/' separating names. */
    public boolean matches(String path) {
        if (!path.startsWith(literalPrefix) || !path.endsWith(literalSuffix)) return false;
        int n = states.length;
        int[] current = new int[n];
        int[] next = new int[n];
        int[] addedIn = new int[n]; // the step at which a state was last added: each once per step
        int[] stack = new int[2 * n + 1];
        int step = 1;
        int size = addWithForks(0, current, 0, addedIn, step, stack);
        for (int i = 0; i < path.length() && size > 0; ) {
            int c = path.codePointAt(i);
            i += Character.charCount(c);
            step++;
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                int s = current[k];
                if (states[s].accepts(c)) nextSize = addWithForks(s + 1, next, nextSize, addedIn, step, stack);
            }
            int[] swap = current;
            current = next;
            next = swap;
            size = nextSize;
        }
        for (int k = 0; k < size; k++) {
            if (states[current[k]].op == Op.MATCH) return true;
        }
        return false;
    }

    /** Adds a state to the list, following forks; a state already added at this step is skipped. */
    private int addWithForks(int start, int[] list, int size, int[] addedIn, int step, int[] stack) {
        int top = 0;
        stack[top++] = start;
        while (top > 0) {
            int s = stack[--top];
            if (addedIn[s] == step) continue;
            addedIn[s] = step;
            if (states[s].op == Op.FORK) {
                for (int t : states[s].next) stack[top++] = t;
            } else {
                list[size++] = s;
            }
        }
        return size;
    }

    /** Compiles a glob; throws {@link InvalidGlobException} when it is malformed. */
    public static Glob compile(String glob) {
        return new Compiler(glob).compile();
    }

    private static final class Compiler {
        private final String glob;
        private final List<State> states = new ArrayList<>();
        private int pos;

        Compiler(String glob) { this.glob = glob; }

        Glob compile() {
            State groupFork = null;            // the fork at the '{' of the open group
            List<Integer> groupStarts = null;  // where each alternative of the open group starts
            List<State> groupExits = null;     // the jumps from the end of each alternative to after '}'
            int groupOpenedAt = 0;
            while (pos < glob.length()) {
                int at = pos;
                int c = next();
                switch (c) {
                    case '\\' -> {
                        if (pos == glob.length()) throw error("'\\' at the end escapes nothing");
                        add(Op.CHAR, next(), null);
                    }
                    case '*' -> {
                        boolean crossesNames = pos < glob.length() && glob.charAt(pos) == '*';
                        while (pos < glob.length() && glob.charAt(pos) == '*') pos++;
                        // a loop: the fork goes on to one more character (which leads back) or past the loop
                        int loop = states.size();
                        add(Op.FORK, 0, null).next = new int[] {loop + 1, loop + 3};
                        add(crossesNames ? Op.ANY : Op.ONE_IN_NAME, 0, null);
                        add(Op.FORK, 0, null).next = new int[] {loop};
                    }
                    case '?' -> add(Op.ONE_IN_NAME, 0, null);
                    case '[' -> add(Op.CLASS, 0, charClass(at));
                    case '{' -> {
                        if (groupFork != null) throw error("'{' at character " + column(at)
                                + " inside the group opened at character " + column(groupOpenedAt)
                                + ": groups do not nest");
                        groupFork = add(Op.FORK, 0, null);
                        groupStarts = new ArrayList<>(List.of(states.size()));
                        groupExits = new ArrayList<>();
                        groupOpenedAt = at;
                    }
                    case ',' -> {
                        if (groupFork == null) {
                            add(Op.CHAR, c, null);
                        } else {
                            groupExits.add(add(Op.FORK, 0, null));
                            groupStarts.add(states.size());
                        }
                    }
                    case '}' -> {
                        if (groupFork == null) {
                            add(Op.CHAR, c, null);
                        } else {
                            groupFork.next = groupStarts.stream().mapToInt(Integer::intValue).toArray();
                            for (State exit : groupExits) exit.next = new int[] {states.size()};
                            groupFork = null;
                        }
                    }
                    default -> add(Op.CHAR, c, null);
                }
            }
            if (groupFork != null) throw error("unclosed '{' at character " + column(groupOpenedAt));
            add(Op.MATCH, 0, null);
            return new Glob(glob, states.toArray(State[]::new));
        }

        /** The bracket expression after the '[' at index open. */
        private CharClass charClass(int open) {
            boolean negated = pos < glob.length() && glob.charAt(pos) == '!';
            if (negated) pos++;
            List<Integer> ranges = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (pos == glob.length()) throw error("unclosed '[' at character " + column(open));
                int at = pos;
                int c = next();
                if (c == ']') {
                    if (first) throw error("empty '[]' at character " + column(open) + " matches nothing");
                    break;
                }
                if (c == '/') throw error("'/' at character " + column(at) + " inside '[...]': a class never matches '/'");
                int last = c;
                boolean closesNext = pos < glob.length() && glob.charAt(pos) == ']';
                if (c == '-' && !first && !closesNext) {
                    throw error("'-' at character " + column(at) + " is neither first, last, nor between two characters");
                }
                if (pos + 1 < glob.length() && glob.charAt(pos) == '-' && glob.charAt(pos + 1) != ']') {
                    pos++;
                    int endAt = pos;
                    last = next();
                    if (last == '/') throw error("'/' at character " + column(endAt)
                            + " inside '[...]': a class never matches '/'");
                    if (last < c) throw error("range '" + glob.substring(at, pos) + "' at character " + column(at)
                            + " runs backwards");
                }
                ranges.add(c);
                ranges.add(last);
                first = false;
            }
            return new CharClass(ranges.stream().mapToInt(Integer::intValue).toArray(), negated);
        }

        /** The 1-based character position of a string index, for messages. */
        private int column(int index) {
            return glob.codePointCount(0, index) + 1;
        }

        private int next() {
            int c = glob.codePointAt(pos);
            pos += Character.charCount(c);
            return c;
        }

        private State add(Op op, int codePoint, CharClass charClass) {
            State s = new State(op, codePoint, charClass, null);
            states.add(s);
            return s;
        }

        private InvalidGlobException error(String problem) {
            return new InvalidGlobException(glob, problem);
        }
    }

    /** The glob in double quotes, with quotes, backslashes and control characters escaped. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
