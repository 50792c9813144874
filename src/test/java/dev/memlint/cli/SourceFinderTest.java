package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceFinderTest {
    @TempDir
    Path dir;

    private void touch(String... relatives) throws IOException {
        for (String relative : relatives) {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x = 1\n");
        }
    }

    private List<String> found(List<String> excludes, Path... roots) {
        SourceFinder.Result result = SourceFinder.find(List.of(roots), new ExcludeFilter(excludes, dir));
        assertEquals(List.of(), result.failures());
        return result.files().stream().map(f -> dir.relativize(f.path()).toString()).toList();
    }

    @Test
    void findsPythonSourcesAndStubsInNameOrder() throws IOException {
        touch("b.py", "a/z.py", "a/m.pyi", "notes.txt", "script", "a/data.json");
        assertEquals(List.of("a/m.pyi", "a/z.py", "b.py"), found(List.of(), dir));
    }

    @Test
    void skipsRuffsDefaultDirectories() throws IOException {
        touch("src/ok.py", ".git/hooks/h.py", "__pycache__/c.py", "node_modules/p/x.py", ".tox/py311/t.py",
                ".mypy_cache/m.py", "dist/d.py", "lib/site-packages/s.py", "_build/b.py");
        assertEquals(List.of("src/ok.py"), found(List.of(), dir));
    }

    @Test
    void buildDirectoriesAreChecked() throws IOException {
        touch("build/tool.py"); // ruff no longer skips "build"; it is often a real package
        assertEquals(List.of("build/tool.py"), found(List.of(), dir));
    }

    @Test
    void skipsVirtualEnvironmentsByTheirMarkersNotByNameAlone() throws IOException {
        touch("anyname/pyvenv.cfg", "anyname/lib/x.py",
                "venv/bin/activate", "venv/lib/y.py",
                "env/__init__.py", "env/settings.py",
                "venv2/lib/z.py");
        assertEquals(List.of("env/__init__.py", "env/settings.py", "venv2/lib/z.py"), found(List.of(), dir));
    }

    @Test
    void explicitlyNamedFilesAreAlwaysChecked() throws IOException {
        touch("node_modules/tool.py", "README");
        Path readme = dir.resolve("README");
        Path excluded = dir.resolve("node_modules/tool.py");
        assertEquals(List.of("README", "node_modules/tool.py"), found(List.of("tool.py"), readme, excluded));
    }

    @Test
    void excludeGlobsMatchNamesOrRelativePaths() throws IOException {
        touch("pkg/gen_x.py", "pkg/y.py", "tests/data/bad.py", "other/tests/data/kept.py");
        assertEquals(List.of("other/tests/data/kept.py", "pkg/y.py"),
                found(List.of("gen_*.py", "tests/data"), dir));
    }

    @Test
    void symlinkLoopsAreNotFollowedAndLinkedFilesAreCheckedOnce() throws IOException {
        touch("pkg/a.py");
        Files.createSymbolicLink(dir.resolve("pkg/loop"), dir.resolve("pkg"));
        Files.createSymbolicLink(dir.resolve("pkg/self"), Path.of("."));
        Files.createSymbolicLink(dir.resolve("pkg/alias.py"), dir.resolve("pkg/a.py"));
        assertEquals(List.of("pkg/a.py"), found(List.of(), dir));
    }

    @Test
    void overlappingArgumentsCheckAFileOnce() throws IOException {
        touch("pkg/a.py");
        assertEquals(List.of("pkg/a.py"), found(List.of(), dir, dir.resolve("pkg"), dir.resolve("pkg/a.py")));
    }

    @Test
    void displayPathsAreAsTheUserWroteThemButNormalised() {
        assertEquals("src/a.py", SourceFinder.displayName(Path.of("./src/a.py")));
        assertEquals("src/a.py", SourceFinder.displayName(Path.of("src/../src/a.py")));
        assertEquals("../x/a.py", SourceFinder.displayName(Path.of("../x/a.py")));
        assertEquals(".", SourceFinder.displayName(Path.of("")));
    }

    @Test
    void missingRootIsAFailure() {
        SourceFinder.Result result = SourceFinder.find(List.of(dir.resolve("gone")), new ExcludeFilter(List.of(), dir));
        assertTrue(result.files().isEmpty());
        assertEquals(1, result.failures().size());
        assertEquals("error: no such file or directory", result.failures().get(0).message());
    }
}
