package dev.memlint.config;

import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path pyproject(String toml) throws Exception {
        Path f = dir.resolve("pyproject.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void findsTheNearestPyprojectWithAMemlintTable() throws Exception {
        pyproject("[tool.memlint]\ntarget-version = \"3.9\"\nexclude = [\"gen\"]\n");
        Path pkg = Files.createDirectories(dir.resolve("src/pkg"));
        Files.writeString(dir.resolve("src/pyproject.toml"), "[tool.black]\nline-length = 100\n");
        Config c = ConfigResolver.discovering(List.of(dir), x -> x).forPath(pkg.resolve("mod.py"));
        assertEquals(dir.resolve("pyproject.toml").toAbsolutePath(), c.file().toAbsolutePath());
        assertEquals(PythonVersion.PY39, c.targetVersion());
        assertTrue(c.isExcluded(dir.resolve("gen/x/y.py")));
        assertFalse(c.isExcluded(dir.resolve("src/pkg/mod.py")));
    }

    @Test
    void noConfigurationMeansDefaults() throws Exception {
        Config c = ConfigResolver.discovering(List.of(dir), x -> x).forDirectory(dir);
        assertNull(c.file());
        assertTrue(c.isExcluded(dir.resolve(".venv/lib/site.py")));
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() throws Exception {
        Path f = pyproject("[tool.memlint]\nselekt = [\"MEM2\"]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("'tool.memlint.selekt'"), e.getMessage());
    }

    @Test
    void wrongTypesAndUnknownCodesAreErrorsNamingTheKey() throws Exception {
        Path f1 = pyproject("[tool.memlint]\nselect = \"MEM001\"\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f1)).getMessage()
                .contains("'tool.memlint.select' must be an array of strings"));
        Path f2 = pyproject("[tool.memlint]\nignore = [\"E501\"]\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f2)).getMessage()
                .contains("'tool.memlint.ignore' has \"E501\""));
        Path f3 = pyproject("[tool.memlint]\ntarget-version = \"2.7\"\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f3)).getMessage()
                .contains("'tool.memlint.target-version'"));
        Path f4 = pyproject("[tool.memlint.rules.MEM001]\nthreshold = 3\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f4)).getMessage()
                .contains("'tool.memlint.rules.MEM001.threshold'"));
        Path f5 = pyproject("[tool.memlint\nselect = []\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f5)).getMessage()
                .contains("invalid TOML"));
    }

    @Test
    void perFileIgnoresMatchGlobsRelativeToTheConfigFile() throws Exception {
        Path f = pyproject("[tool.memlint]\n[tool.memlint.per-file-ignores]\n\"tests/**\" = [\"MEM001\"]\n");
        Config c = ConfigLoader.load(f);
        assertFalse(c.isEnabled("MEM001", dir.resolve("tests/unit/test_a.py")));
        assertTrue(c.isEnabled("MEM001", dir.resolve("src/a.py")));
    }

    @Test
    void aMalformedGlobInAnyGlobKeyIsAnErrorNamingTheKeyAndTheGlob() throws Exception {
        String[][] cases = {
                {"exclude = [\"build\", \"[\"]", "'tool.memlint.exclude' has an invalid glob \"[\": unclosed '['"},
                {"extend-exclude = [\"src/{a,b\"]", "'tool.memlint.extend-exclude' has an invalid glob \"src/{a,b\": unclosed '{'"},
                {"per-file-ignores = { \"tests/[z-a]*\" = [\"MEM6\"] }",
                        "'tool.memlint.per-file-ignores' has an invalid glob \"tests/[z-a]*\": range 'z-a'"},
        };
        for (String[] c : cases) {
            Path f = pyproject("[tool.memlint]\n" + c[0] + "\n");
            String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
            assertTrue(message.startsWith(f + ": " + c[1]), message);
        }
    }

    @Test
    void excludeGlobsMatchTheFileOrAnyDirectoryOnTheWay() throws Exception {
        Path f = pyproject("[tool.memlint]\nexclude = [\"gen_*\", \"docs/**/conf.py\", \"{build,out}\"]\n");
        Config c = ConfigLoader.load(f);
        assertTrue(c.isExcluded(dir.resolve("src/gen_parser.py")));
        assertTrue(c.isExcluded(dir.resolve("src/gen_code/a.py")));
        assertTrue(c.isExcluded(dir.resolve("docs/en/conf.py")));
        assertFalse(c.isExcluded(dir.resolve("docs/conf.py")), "'**/' needs a directory in between");
        assertTrue(c.isExcluded(dir.resolve("out/a.py")));
        assertFalse(c.isExcluded(dir.resolve("src/generator.py")));
    }

    @Test
    void commandLineSelectReplacesAndIgnoreAdds() throws Exception {
        Path f = pyproject("[tool.memlint]\nignore = [\"MEM001\"]\n");
        Config c = ConfigLoader.load(f);
        assertFalse(c.selection().isEnabled("MEM001"));
        Config cli = c.withOverrides(List.of("MEM001"), null, null, PythonVersion.PY312);
        assertFalse(cli.selection().isEnabled("MEM001"), "ignore from the file still applies on a tie");
        assertEquals(PythonVersion.PY312, cli.targetVersion());
    }
}
