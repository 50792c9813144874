package dev.memlint.report;

import dev.memlint.rule.Finding;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DiffBaseTest {
    @TempDir
    Path repo;

    @BeforeEach
    void requireGit() {
        assumeTrue(gitAvailable(), "git is not on the PATH; skipping --diff-base tests");
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(),
                "-c", "user.name=memlint", "-c", "user.email=memlint@example.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private static Finding finding(String path, int line, int endLine, List<FlowStep> flow) {
        return new Finding("MEM990", path, new TextRange(line, 5, endLine, 9), Severity.WARNING, "m", List.of(), flow, null);
    }

    @Test
    void keepsFindingsOnLinesChangedSinceTheRevision() throws Exception {
        git("init", "-q");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/app.py"), "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n");
        Files.writeString(repo.resolve("old name.py"), "x = 1\ny = 2\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");

        // Line 2 edited, a line inserted after 4 (new line 5), line "e" stays (now line 6).
        Files.writeString(repo.resolve("src/app.py"), "a = 1\nb = 20\nc = 3\nd = 4\nnew = 0\ne = 5\n");
        Files.writeString(repo.resolve("old name.py"), "x = 1\ny = 3\n");
        Files.writeString(repo.resolve("fresh.py"), "z = 1\n");

        DiffBase diff = DiffBase.load(repo.resolve("src"), "HEAD");
        assertTrue(diff.touches(finding("app.py", 2, 2, List.of())));
        assertFalse(diff.touches(finding("app.py", 1, 1, List.of())));
        assertFalse(diff.touches(finding("app.py", 6, 6, List.of())));
        assertTrue(diff.touches(finding("app.py", 4, 6, List.of())), "a range spanning a changed line");
        assertFalse(diff.touches(new Finding("MEM990", "app.py", new TextRange(3, 1, 5, 1), Severity.WARNING, "m")),
                "a range ending at column 1 of line 5 stops before line 5");
        assertTrue(diff.touches(finding("app.py", 6, 6, List.of(new FlowStep(new TextRange(5, 1, 5, 8), "step")))),
                "a flow step on a changed line");
        assertTrue(diff.touches(finding("../old name.py", 2, 2, List.of())), "names with a space");
        assertFalse(diff.touches(finding("../old name.py", 1, 1, List.of())));
        assertTrue(diff.touches(finding("../fresh.py", 1, 1, List.of())), "untracked files count as changed");
    }

    @Test
    void unknownRevisionOrNoRepositoryIsOneClearMessage() throws Exception {
        DiffBaseException noRepo = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "HEAD"));
        assertTrue(noRepo.getMessage().startsWith("--diff-base HEAD: not a git repository"), noRepo.getMessage());
        git("init", "-q", "--initial-branch=master");
        DiffBaseException empty = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "HEAD"));
        assertTrue(empty.getMessage().startsWith("--diff-base HEAD: no such commit"), empty.getMessage());
        Files.writeString(repo.resolve("a.py"), "a = 1\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        DiffBaseException unknown = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "no-such-branch"));
        assertEquals("--diff-base no-such-branch: no such commit in " + repo.toRealPath(), unknown.getMessage());
        assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "--output=x"));

        git("checkout", "-q", "--orphan", "other");
        git("commit", "-q", "-m", "unrelated");
        DiffBaseException unrelated = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "master"));
        assertEquals("--diff-base master: no common ancestor with HEAD", unrelated.getMessage());
        for (DiffBaseException e : List.of(noRepo, empty, unknown, unrelated)) {
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    /** On a branch, what the branch changed counts; what the base branch gained since does not. */
    @Test
    void comparesWithTheMergeBaseOfTheRevisionAndHead() throws Exception {
        git("init", "-q", "--initial-branch=master");
        Files.writeString(repo.resolve("a.py"), "a = 1\nb = 2\nc = 3\nd = 4\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("a.py"), "a = 1\nb = 20\nc = 3\nd = 4\n");
        git("commit", "-q", "-am", "feature");
        git("checkout", "-q", "master");
        Files.writeString(repo.resolve("a.py"), "a = 1\nb = 2\nc = 3\nd = 40\n");
        git("commit", "-q", "-am", "main moves on");
        git("checkout", "-q", "feature");

        DiffBase diff = DiffBase.load(repo, "master");
        assertTrue(diff.touches(finding("a.py", 2, 2, List.of())), "the branch's own change");
        assertFalse(diff.touches(finding("a.py", 4, 4, List.of())), "master's later change is not the branch's");
    }

    /** A repository's configuration can name commands; git must run none of them for memlint. */
    @Test
    void theRepositorysConfigurationRunsNoCommand() throws Exception {
        git("init", "-q", "--initial-branch=master");
        Files.writeString(repo.resolve("a.py"), "a = 1\n");
        Files.writeString(repo.resolve(".gitattributes"), "*.py diff=shown\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        Files.writeString(repo.resolve("a.py"), "a = 2\n");
        Path marker = repo.getParent().resolve(repo.getFileName() + "-ran");
        Path hook = Files.writeString(repo.getParent().resolve(repo.getFileName() + "-hook.sh"),
                "#!/bin/sh\necho \"$0\" >> '" + marker + "'\ncat \"$1\" 2>/dev/null\n");
        assertTrue(hook.toFile().setExecutable(true));
        git("config", "core.fsmonitor", hook.toString());
        git("config", "diff.shown.textconv", hook.toString());
        git("diff", "HEAD");
        assertTrue(Files.exists(marker), "the test's hook does run under a plain git diff");
        Files.delete(marker);

        DiffBase diff = DiffBase.load(repo, "HEAD");
        assertTrue(diff.touches(finding("a.py", 1, 1, List.of())));
        assertFalse(Files.exists(marker), "fsmonitor or textconv ran a command");
    }

    @Test
    void hunkBodiesThatLookLikeHeadersAreSkipped() {
        String diff = """
                diff --git a/a.py b/a.py
                --- a/a.py
                +++ b/a.py
                @@ -3 +2,0 @@ def f():
                --- a/evil.py
                @@ -10,2 +10,3 @@
                -x
                -y
                ++++ b/evil.py
                +z
                +w
                \\ No newline at end of file
                diff --git "a/t\\303\\244b.py" "b/t\\303\\244b.py"
                --- "a/t\\303\\244b.py"
                +++ "b/t\\303\\244b.py"
                @@ -1 +1 @@
                -a
                +b
                """;
        Path top = Path.of("/r");
        Map<Path, BitSet> changed = DiffBase.parse(diff, top);
        assertEquals(2, changed.size(), changed.toString());
        BitSet a = changed.get(Path.of("/r/a.py"));
        assertEquals("{10, 11, 12}", a.toString());
        assertEquals("{1}", changed.get(Path.of("/r/täb.py")).toString());
    }
}
