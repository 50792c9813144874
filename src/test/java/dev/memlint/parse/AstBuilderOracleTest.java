package dev.memlint.parse;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The builder's tree for a file using every construct (statements, expressions, patterns, type
 * parameters, f-strings, positions) is CPython's, field by field, for each interpreter installed.
 */
class AstBuilderOracleTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(AstBuilderOracleTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @CsvSource({"3.13.0, python3.13, 3.13"})
    void everyConstructMatchesCPython(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        Path source = resource("constructs_313.py");
        String expected = Interpreters.run(python, List.of(resource("ast_dump.py").toString(), "-"),
                Files.readString(source)).trim();
        String actual = AstDump.dump(PythonSourceParser.parse(Files.readAllBytes(source),
                PythonVersion.parse(target)).module());
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @CsvSource({"3.11.7, python3.11, 3.11", "3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void fStringPartsFollowEachVersionsPositions(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv)");
        String source = "x = \"a\" f\"b{c!r:>{w}}d\" \"e\"\ny = f\"{x=}\" f'{ x = }'\nz = f\"{x:}\" f\"{x:{y}{z}}\"\n"
                + "w = f\"\"\"a\nb{x}\nc\"\"\" \"\" f\"{{a}}b\"\n";
        String expected = Interpreters.run(python, List.of(resource("ast_dump.py").toString(), "-"), source).trim();
        String actual = AstDump.dump(PythonSourceParser.parse(source.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                PythonVersion.parse(target)).module());
        assertEquals(expected, actual);
    }
}
