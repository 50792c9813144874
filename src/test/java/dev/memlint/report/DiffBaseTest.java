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
    void unknownRevisionOrNoRepositoryIsAClearError() throws Exception {
        DiffBaseException noRepo = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "HEAD"));
        assertTrue(noRepo.getMessage().startsWith("--diff-base: git rev-parse --show-toplevel failed"), noRepo.getMessage());
        git("init", "-q");
        Files.writeString(repo.resolve("a.py"), "a = 1\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        DiffBaseException unknown = assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "no-such-branch"));
        assertTrue(unknown.getMessage().contains("no-such-branch"), unknown.getMessage());
        assertThrows(DiffBaseException.class, () -> DiffBase.load(repo, "--output=x"));
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
