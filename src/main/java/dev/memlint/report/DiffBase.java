package dev.memlint.report;

import dev.memlint.rule.Finding;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.TextRange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines changed since a git revision ({@code --diff-base REV}): what the working tree has that
 * the merge-base of REV and HEAD had not, committed or not, so that on a branch only the branch's
 * own changes count (what a pull request shows), not what REV gained since. From
 * {@code git diff --unified=0 BASE}. Untracked files (not ignored) count as changed throughout. A
 * finding is kept when its range, or any step of its code flow, touches a changed line.
 *
 * <p>The analysed repository is not trusted: git runs with {@code core.fsmonitor} off (its
 * configuration could name a command to run), without external diff tools and textconv filters.
 */
public final class DiffBase {
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    private final Path workingDirectory;
    private final Map<Path, BitSet> changedLines;
    private final List<Path> wholeFiles;

    private DiffBase(Path workingDirectory, Map<Path, BitSet> changedLines, List<Path> wholeFiles) {
        this.workingDirectory = workingDirectory;
        this.changedLines = changedLines;
        this.wholeFiles = wholeFiles;
    }

    /**
     * Asks git, run in {@code workingDirectory}, what changed since {@code revision}.
     *
     * @throws DiffBaseException when git is missing, this is no repository, or the revision is unknown
     */
    public static DiffBase load(Path workingDirectory, String revision) throws DiffBaseException {
        String option = "--diff-base " + revision + ": ";
        if (revision.startsWith("-") || revision.isBlank()) throw new DiffBaseException(option + "not a revision");
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        Path top = realPath(Path.of(git(option, cwd, "rev-parse", "--show-toplevel").strip()));
        if (!isCommit(cwd, revision)) throw new DiffBaseException(option + "no such commit in " + top);
        if (!isCommit(cwd, "HEAD")) throw new DiffBaseException(option + "the repository has no commit yet (HEAD)");
        Output mergeBase = run(cwd, "merge-base", "--end-of-options", revision, "HEAD");
        String base = mergeBase.out.strip();
        if (mergeBase.exit == 1 && base.isEmpty()) throw new DiffBaseException(option + "no common ancestor with HEAD");
        if (mergeBase.exit != 0) git(option, cwd, "merge-base", "--end-of-options", revision, "HEAD"); // its message
        String diff = git(option, top, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv",
                "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", base, "--");
        List<Path> untracked = new ArrayList<>();
        for (String name : git(option, top, "ls-files", "-z", "--others", "--exclude-standard").split("\0")) {
            if (!name.isEmpty()) untracked.add(top.resolve(name).normalize());
        }
        return new DiffBase(cwd, parse(diff, top), untracked);
    }

    /** Changed lines by absolute file, from the output of {@code git diff --unified=0} run in {@code top}. */
    static Map<Path, BitSet> parse(String diff, Path top) {
        Map<Path, BitSet> changed = new HashMap<>();
        BitSet current = null;
        String[] lines = diff.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("+++ ")) {
                // Git ends a name that has a space with a tab.
                String name = line.substring(4).replaceFirst("\t$", "");
                current = name.equals("/dev/null") ? null
                        : changed.computeIfAbsent(top.resolve(unquote(name).substring(2)).normalize(), p -> new BitSet());
                continue;
            }
            Matcher hunk = HUNK.matcher(line);
            if (!hunk.find()) continue;
            int removed = hunk.group(1) == null ? 1 : Integer.parseInt(hunk.group(1));
            int start = Integer.parseInt(hunk.group(2));
            int added = hunk.group(3) == null ? 1 : Integer.parseInt(hunk.group(3));
            if (current != null && added > 0) current.set(start, start + added);
            // Skip the hunk's own lines: a removed line "-- x" would otherwise read as a "--- " header.
            i += removed + added;
            while (i + 1 < lines.length && lines[i + 1].startsWith("\\")) i++; // "\ No newline at end of file"
        }
        return changed;
    }

    /** Git quotes unusual names C-style: "b/t\303\244b.py". */
    static String unquote(String name) {
        if (!name.startsWith("\"") || !name.endsWith("\"")) return name;
        byte[] out = new byte[name.length()];
        int n = 0;
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c != '\\') {
                n += putUtf8(out, n, c);
                continue;
            }
            char e = name.charAt(++i);
            if (e >= '0' && e <= '7') {
                out[n++] = (byte) Integer.parseInt(name.substring(i, i + 3), 8);
                i += 2;
            } else {
                out[n++] = (byte) switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 11;
                    default -> e;
                };
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int putUtf8(byte[] out, int at, char c) {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return bytes.length;
    }

    /** Whether the finding's range or any step of its flow lies on a changed line. */
    public boolean touches(Finding f) {
        Path file = realPath(workingDirectory.resolve(f.path()).normalize());
        if (wholeFiles.contains(file)) return true;
        BitSet lines = changedLines.get(file);
        if (lines == null) return false;
        if (touches(lines, f.range())) return true;
        for (FlowStep step : f.flow()) {
            if (touches(lines, step.range())) return true;
        }
        return false;
    }

    private static boolean touches(BitSet lines, TextRange range) {
        // An end at column 1 of a later line stops before that line.
        int last = range.endLine() > range.line() && range.endColumn() == 1 ? range.endLine() - 1 : range.endLine();
        int next = lines.nextSetBit(range.line());
        return next >= 0 && next <= Math.max(range.line(), last);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static boolean isCommit(Path dir, String revision) throws DiffBaseException {
        return run(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}").exit == 0;
    }

    /** Git's output; when git fails, its first line of complaint (without "fatal: ") after prefix. */
    private static String git(String prefix, Path dir, String... args) throws DiffBaseException {
        Output output = run(dir, args);
        if (output.exit == 0) return output.out;
        String reason = output.err.lines().filter(l -> !l.isBlank()).findFirst()
                .map(l -> l.replaceFirst("^(fatal|error): ", "")).orElse("git " + args[0] + " failed");
        throw new DiffBaseException(prefix + reason);
    }

    private record Output(int exit, String out, String err) {}

    /**
     * Runs git in dir. Options that git reads from the repository's configuration and that could run
     * a command are switched off (fsmonitor); names are not quoted, so non-ASCII paths arrive as UTF-8.
     */
    private static Output run(Path dir, String... args) throws DiffBaseException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "core.fsmonitor=",
                "-c", "core.quotePath=false"));
        command.addAll(List.of(args));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("LC_ALL", "C"); // git's messages in English, as the tests expect
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DiffBaseException("--diff-base needs git on the PATH: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String out = new String(readAll(process.getInputStream()), StandardCharsets.UTF_8);
            String error = new String(err.join(), StandardCharsets.UTF_8).strip();
            return new Output(process.waitFor(), out, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiffBaseException("--diff-base: interrupted while running git");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

}
