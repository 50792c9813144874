package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --write-baseline, --baseline, --diff-base, --fail-on, --exit-zero and --format github on a temporary git repository. */
class CiRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Syntax errors (MEM001) are the one finding whose position and message no rule change can move. */
    private static final String APP = "def pack(chunks)\n    return b\"\".join(chunks)\n";

    @TempDir
    Path repo;

    @BeforeEach
    void gitRepository() throws Exception {
        assumeTrue(git("--version") == 0, "git is not on the PATH");
        assertEquals(0, git("init", "-q"));
        Files.writeString(repo.resolve("app.py"), APP);
        assertEquals(0, git("add", "app.py"));
        assertEquals(0, git("commit", "-q", "-m", "base"));
    }

    private int git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private MemlintProcess memlint(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        return MemlintProcess.run(repo, all.toArray(String[]::new));
    }

    private JsonNode results(Path sarif) throws IOException {
        return JSON.readTree(sarif.toFile()).path("runs").path(0).path("results");
    }

    @Test
    void baselineKeepsOldFindingsQuietAndCatchesNewOnes() throws Exception {
        MemlintProcess plain = memlint(".");
        assertEquals(1, plain.exitCode(), plain::toString);

        MemlintProcess write = memlint("--write-baseline", "baseline.sarif", ".");
        assertEquals(0, write.exitCode(), write::toString);
        assertEquals("MEM001", results(repo.resolve("baseline.sarif")).path(0).path("ruleId").asText());

        // Lines inserted above: the finding moved, but it is the same finding.
        Files.writeString(repo.resolve("app.py"), "import os\n\n\n" + APP);
        MemlintProcess moved = memlint("--baseline", "baseline.sarif", ".");
        assertEquals(0, moved.exitCode(), moved::toString);
        assertTrue(moved.out().lines().noneMatch(l -> l.contains("MEM001")), moved::toString);

        // A second broken file is new; the SARIF has it as new and the old finding as unchanged.
        Files.writeString(repo.resolve("more.py"), "x = (1,\n");
        MemlintProcess added = memlint("--baseline", "baseline.sarif", "--format", "sarif", "--output", "now.sarif", ".");
        assertEquals(1, added.exitCode(), added::toString);
        assertEquals("", added.out(), "--output takes the report off stdout");
        JsonNode now = results(repo.resolve("now.sarif"));
        assertEquals(2, now.size(), now::toString);
        assertEquals("unchanged", now.path(0).path("baselineState").asText());
        assertEquals(4, now.path(0).path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt());
        assertEquals("new", now.path(1).path("baselineState").asText());
        assertEquals("more.py", now.path(1).path("locations").path(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText());

        // Both files fixed: the baseline's finding is reported absent, and nothing fails.
        Files.writeString(repo.resolve("app.py"), "def pack(chunks):\n    return b\"\".join(chunks)\n");
        Files.delete(repo.resolve("more.py"));
        MemlintProcess fixed = memlint("--baseline", "baseline.sarif", "--format", "sarif", "--output", "fixed.sarif", ".");
        assertEquals(0, fixed.exitCode(), fixed::toString);
        JsonNode gone = results(repo.resolve("fixed.sarif"));
        assertEquals(1, gone.size());
        assertEquals("absent", gone.path(0).path("baselineState").asText());
    }

    @Test
    void diffBaseReportsOnlyFindingsOnChangedLines() throws Exception {
        Files.writeString(repo.resolve("ok.py"), "a = 1\nb = 2\n");
        assertEquals(0, git("add", "ok.py"));
        assertEquals(0, git("commit", "-q", "-m", "second"));
        Files.writeString(repo.resolve("ok.py"), "a = 1\nb = 2\nc = (\n");

        MemlintProcess all = memlint("--format", "github", ".");
        assertEquals(2, all.out().lines().count(), all::toString);
        MemlintProcess changed = memlint("--diff-base", "HEAD", "--format", "github", ".");
        assertEquals(1, changed.exitCode(), changed::toString);
        assertEquals(1, changed.out().lines().count(), changed::toString);
        assertTrue(changed.out().startsWith("::error file=ok.py,line=3,"), changed::toString);

        MemlintProcess unknown = memlint("--diff-base", "no-such-rev", ".");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("no-such-rev"), unknown::toString);
    }

    @Test
    void failOnExitZeroAndBadValues() throws Exception {
        assertEquals(1, memlint("--fail-on", "error", ".").exitCode());
        assertEquals(0, memlint("--exit-zero", ".").exitCode());
        MemlintProcess bad = memlint("--fail-on", "fatal", ".");
        assertEquals(2, bad.exitCode(), bad::toString);
        MemlintProcess badBaseline = memlint("--baseline", "missing.sarif", ".");
        assertEquals(2, badBaseline.exitCode(), badBaseline::toString);
        assertTrue(badBaseline.err().contains("missing.sarif: no such file"), badBaseline::toString);
        MemlintProcess badOutput = memlint("--format", "sarif", "--output", "no/such/dir/x.sarif", ".");
        assertEquals(2, badOutput.exitCode(), badOutput::toString);
        assertEquals("memlint: error: cannot write no/such/dir/x.sarif: no such directory\n", badOutput.err());
    }
}
