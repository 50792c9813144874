package dev.memlint.config;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigResolverTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theClosestConfigurationWinsAndIsLoadedOnceWithTheOverrides() throws Exception {
        write("pyproject.toml", "[tool.memlint]\nselect = [\"MEM2\"]\n");
        write("sub/pyproject.toml", "[tool.memlint]\nselect = [\"MEM3\"]\n");
        write("sub/plain/pyproject.toml", "[project]\nname = \"plain\"\n"); // no [tool.memlint]: sub's applies
        ConfigResolver resolver = ConfigResolver.discovering(List.of(dir),
                c -> c.withOverrides(null, null, null, PythonVersion.PY39));
        Config top = resolver.forPath(dir.resolve("pkg/a.py"));
        Config sub = resolver.forPath(dir.resolve("sub/a.py"));
        assertEquals(List.of("MEM2"), top.select());
        assertEquals(List.of("MEM3"), sub.select());
        assertEquals(PythonVersion.PY39, sub.targetVersion());
        assertSame(sub, resolver.forPath(dir.resolve("sub/plain/deep/b.py")));
        assertSame(top, resolver.forDirectory(dir.resolve("other")));
        assertEquals(2, resolver.used().size());
    }

    @Test
    void withoutAConfigurationTheDefaultsApplyRelativeToTheWorkingDirectoryOrThePathChecked() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("proj/pkg")).getParent(); // not under the working directory
        ConfigResolver resolver = ConfigResolver.discovering(List.of(outside), c -> c);
        Config config = resolver.forPath(outside.resolve("pkg/a.py"));
        assertNull(config.file());
        assertNull(config.select());
        assertEquals(outside, config.root());
        assertTrue(config.isExcluded(outside.resolve("pkg/venv/x.py")));
    }

    @Test
    void aForcedConfigurationHoldsEverywhereAndABrokenOneNamesItsFile() throws Exception {
        Path forced = write("memlint.toml", "select = [\"MEM6\"]\n");
        write("sub/pyproject.toml", "[tool.memlint]\nselect = [\"MEM3\"]\n");
        ConfigResolver resolver = ConfigResolver.forced(ConfigLoader.load(forced), c -> c);
        assertEquals(List.of("MEM6"), resolver.forPath(dir.resolve("sub/a.py")).select());

        write("broken/pyproject.toml", "[tool.memlint]\nselect = \"MEM2\"\n");
        ConfigResolver discovering = ConfigResolver.discovering(List.of(dir), c -> c);
        ConfigException e = assertThrows(ConfigException.class, () -> discovering.forPath(dir.resolve("broken/a.py")));
        assertTrue(e.getMessage().startsWith(dir.resolve("broken/pyproject.toml") + ": 'tool.memlint.select'"),
                e.getMessage());
        assertEquals(List.of("MEM3"), discovering.forPath(dir.resolve("sub/a.py")).select());
    }
}
