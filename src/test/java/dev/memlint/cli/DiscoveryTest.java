package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which files a check finds: .gitignore in a repository, Ruff's default excludes, --force-exclude. */
class DiscoveryTest {
    @TempDir
    Path dir;

    /** Every file is a syntax error, so each checked file shows up as one MEM001 finding. */
    private void files(String... names) throws IOException {
        for (String name : names) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "(\n");
        }
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** The files checked, relative to dir, sorted. */
    private List<String> checked(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("check", "--format", "json", "--select", "MEM001"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(new String[0]));
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(run.out())) {
            out.add(dir.relativize(Path.of(f.get("path").asText())).toString());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void gitignoreRulesSkipFilesInARepository() throws IOException {
        Files.createDirectories(dir.resolve(".git/info"));
        write(".gitignore", "# generated code\ngenerated/\n*_pb2.py\n!keep_pb2.py\n/top.py\nsite/**/x.py\n");
        write("pkg/.gitignore", "!again_pb2.py\nlocal.py\n");
        write(".git/info/exclude", "scratch.py\n");
        files("a.py", "top.py", "pkg/top.py", "generated/b.py", "pkg/generated/c.py", "m_pb2.py", "pkg/n_pb2.py",
                "keep_pb2.py", "pkg/again_pb2.py", "pkg/local.py", "local.py", "site/x.py", "site/a/b/x.py",
                "site/y.py", "scratch.py", "pkg/scratch.py");
        assertEquals(List.of("a.py", "keep_pb2.py", "local.py", "pkg/again_pb2.py", "pkg/top.py", "site/y.py"),
                checked(dir.toString()));
        assertEquals(16, checked("--no-respect-gitignore", dir.toString()).size());
        write("pyproject.toml", "[tool.memlint]\nrespect-gitignore = false\n");
        assertEquals(16, checked(dir.toString()).size());
        // A file named on the command line is checked whatever git ignores.
        assertEquals(List.of("m_pb2.py"), checked(dir.resolve("m_pb2.py").toString()));
    }

    @Test
    void outsideARepositoryGitignoreMeansNothing() throws IOException {
        write(".gitignore", "*.py\n");
        files("a.py", "b/c.py");
        assertEquals(List.of("a.py", "b/c.py"), checked(dir.toString()));
    }

    @Test
    void ruffsDefaultExcludesAreSkipped() throws IOException {
        files("a.py", "build/b.py", "venv/c.py", ".venv/d.py", "site-packages/e.py", ".pytest_cache/f.py",
                ".vscode/g.py", "env/bin/activate", "env/h.py", "envs/i.py", "tools/pyvenv.cfg", "tools/j.py");
        assertEquals(List.of("a.py", "build/b.py", "envs/i.py"), checked(dir.toString()));
    }

    @Test
    void forceExcludeAppliesTheExcludesToNamedFiles() throws IOException {
        write("pyproject.toml", "[tool.memlint]\nextend-exclude = [\"gen\"]\n");
        files("gen/a.py", "venv/b.py", "src/c.py");
        String[] named = {dir.resolve("gen/a.py").toString(), dir.resolve("venv/b.py").toString(),
                dir.resolve("src/c.py").toString()};
        assertEquals(List.of("gen/a.py", "src/c.py", "venv/b.py"), checked(named));
        List<String> withFlag = new ArrayList<>(List.of("--force-exclude"));
        withFlag.addAll(List.of(named));
        assertEquals(List.of("src/c.py"), checked(withFlag.toArray(new String[0])));
        write("pyproject.toml", "[tool.memlint]\nextend-exclude = [\"gen\"]\nforce-exclude = true\n");
        assertEquals(List.of("src/c.py"), checked(named));
    }
}
