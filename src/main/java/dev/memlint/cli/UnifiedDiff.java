package dev.memlint.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (as `diff -u` and `git diff` print them, three lines of
 * context), from Myers' shortest edit script: fixes change few lines, so the trace stays small.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private enum Op { KEEP, DELETE, INSERT }

    private record Step(Op op, int oldLine, int newLine) {}

    private UnifiedDiff() {}

    /** The diff of before and after, headed --- a/name and +++ b/name; empty when they are equal. */
    static String of(String name, String before, String after) {
        if (before.equals(after)) return "";
        String[] a = lines(before), b = lines(after);
        List<Step> steps = editScript(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(name).append('\n').append("+++ b/").append(name).append('\n');
        int i = 0;
        while (i < steps.size()) {
            if (steps.get(i).op() == Op.KEEP) {
                i++;
                continue;
            }
            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
            // that is no further than 2 * CONTEXT unchanged lines from the one before it.
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int kept = 0;
            for (int j = i; j < steps.size(); j++) {
                if (steps.get(j).op() == Op.KEEP) {
                    if (++kept > 2 * CONTEXT) break;
                } else {
                    kept = 0;
                    end = j;
                }
            }
            end = Math.min(steps.size() - 1, end + CONTEXT);
            appendHunk(out, steps.subList(start, end + 1), a, b);
            i = end + 1;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Step> hunk, String[] a, String[] b) {
        int oldCount = 0, newCount = 0;
        for (Step s : hunk) {
            if (s.op() != Op.INSERT) oldCount++;
            if (s.op() != Op.DELETE) newCount++;
        }
        Step first = hunk.get(0);
        out.append("@@ -").append(range(first.oldLine(), oldCount)).append(" +").append(range(first.newLine(), newCount))
                .append(" @@\n");
        for (Step s : hunk) {
            switch (s.op()) {
                case KEEP -> line(out, ' ', a, s.oldLine());
                case DELETE -> line(out, '-', a, s.oldLine());
                case INSERT -> line(out, '+', b, s.newLine());
            }
        }
    }

    /** start,count in diff's numbering: 1-based, and the line before when the range is empty. */
    private static String range(int index, int count) {
        int start = count == 0 ? index : index + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static void line(StringBuilder out, char mark, String[] lines, int index) {
        String line = lines[index];
        out.append(mark).append(line);
        if (!line.endsWith("\n")) out.append("\n\\ No newline at end of file\n");
    }

    /** The lines with their line feeds: a last line without one differs from the same line with one. */
    private static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines.toArray(new String[0]);
    }

    /** Myers' greedy algorithm: the furthest reaching path on each diagonal, D by D, then back. */
    private static List<Step> editScript(String[] a, String[] b) {
        int n = a.length, m = b.length, max = n + m, offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        outer:
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x].equals(b[y])) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) break outer;
            }
        }
        List<Step> steps = new ArrayList<>();
        int x = n, y = m;
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK = k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
            int prevX = prev[offset + prevK], prevY = prevX - prevK;
            while (x > prevX && y > prevY) steps.add(new Step(Op.KEEP, --x, --y));
            if (x == prevX) steps.add(new Step(Op.INSERT, x, --y));
            else steps.add(new Step(Op.DELETE, --x, y));
        }
        while (x > 0 && y > 0) steps.add(new Step(Op.KEEP, --x, --y));
        java.util.Collections.reverse(steps);
        return steps;
    }
}
