package dev.memlint.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Character-level mutants of stdlib modules are accepted or refused as CPython's ast.parse does,
 * with the first error on the same line. ast.parse runs once per version over all mutants; the
 * figures (verdicts, error lines, and messages and columns where the lines agree) are printed each run.
 * Set -Dfuzz.dump=DIR to write the disagreements (and the other wordings on the same line) there.
 */
class MutationFuzzOracleTest {
    private static final long SEED = 20261206L;
    private static final int MUTANTS = 3000;
    /** Modules of different styles: plain, async, typing-heavy, f-strings, match statements, grammar tests. */
    private static final List<String> MODULES = List.of("textwrap.py", "dataclasses.py", "json/decoder.py",
            "asyncio/tasks.py", "fractions.py", "argparse.py", "enum.py", "functools.py", "tokenize.py",
            "contextlib.py", "shlex.py", "statistics.py", "difflib.py", "inspect.py", "typing.py",
            "test/test_patma.py", "test/test_grammar.py", "test/test_fstring.py");
    private static final double VERDICT_GOAL = 1.0;
    private static final double LINE_GOAL = 0.97;

    @ParameterizedTest
    @CsvSource({"3.12.1, python3.12, 3.12", "3.13.0, python3.13, 3.13"})
    void mutantsRefusedLikeAstParse(String pyenv, String exe, String target) throws Exception {
        Path python = Interpreters.find(pyenv, exe);
        Assumptions.assumeTrue(python != null, "CPython " + pyenv + " is not installed (pyenv): fuzz test skipped");
        Path lib = python.getParent().getParent().resolve("lib").resolve(exe);
        List<String> files = new ArrayList<>();
        for (String module : MODULES) {
            Path file = lib.resolve(module);
            Assumptions.assumeTrue(Files.isRegularFile(file), file + " is missing: fuzz test skipped");
            files.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        List<Mutants.Mutant> mutants = Mutants.generate(files, MUTANTS, SEED);
        List<JsonNode> cpython = astParse(python, mutants);
        PythonVersion version = PythonVersion.parse(target);

        int verdicts = 0, bothRefused = 0, lines = 0, messages = 0, columns = 0;
        List<String> disagreements = new ArrayList<>();
        List<String> wordings = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            Mutants.Mutant mutant = mutants.get(i);
            JsonNode expected = cpython.get(i);
            PythonSyntaxError actual = memlint(mutant.source(), version);
            boolean expectedOk = expected.has("ok");
            if (expectedOk == (actual == null)) verdicts++;
            String cp = expectedOk ? "OK" : expected.get("kind").asText() + " " + expected.get("msg").asText()
                    + " " + expected.get("line").asText() + ":" + expected.get("col").asText();
            String ml = actual == null ? "OK"
                    : actual.kind() + " " + actual.getMessage() + " " + actual.line() + ":" + actual.column();
            boolean agree = expectedOk == (actual == null);
            if (!expectedOk && actual != null) {
                bothRefused++;
                agree = expected.get("line").asInt() == actual.line();
                if (agree) {
                    lines++;
                    if (expected.get("col").asInt() == actual.column()) columns++;
                    if (expected.get("msg").asText().equals(actual.getMessage())) messages++;
                    else wordings.add("#" + i + " " + mutant.edit() + "\n  cpython: " + cp + "\n  memlint: " + ml);
                }
            }
            if (!agree) disagreements.add("#" + i + " " + mutant.edit() + "\n  cpython: " + cp + "\n  memlint: " + ml);
        }
        double verdictShare = verdicts / (double) mutants.size();
        double lineShare = bothRefused == 0 ? 1 : lines / (double) bothRefused;
        System.out.printf("Mutation fuzz %s: %d mutants; verdicts %d (%.2f%%); both refused %d, same line %d (%.2f%%),"
                        + " where the line agrees: same message %d (%.2f%%), same column %d (%.2f%%)%n", target,
                mutants.size(), verdicts, 100 * verdictShare, bothRefused, lines, 100 * lineShare, messages,
                lines == 0 ? 100 : 100.0 * messages / lines, columns, lines == 0 ? 100 : 100.0 * columns / lines);
        dump(target, mutants, disagreements, wordings);
        disagreements.stream().limit(10).forEach(System.out::println);
        assertTrue(verdictShare >= VERDICT_GOAL, "verdict agreement " + verdictShare + " below " + VERDICT_GOAL);
        assertTrue(lineShare >= LINE_GOAL, "error-line agreement " + lineShare + " below " + LINE_GOAL);
    }

    /** memlint's first error, or null when it accepts the source; any other exception fails the test. */
    private static PythonSyntaxError memlint(String source, PythonVersion version) {
        try {
            PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), version);
            return null;
        } catch (PythonSyntaxError e) {
            return e;
        }
    }

    /** ast.parse's verdict on each mutant, from one interpreter process. */
    private static List<JsonNode> astParse(Path python, List<Mutants.Mutant> mutants) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path input = Files.createTempFile("memlint-mutants", ".jsonl");
        try {
            StringBuilder lines = new StringBuilder();
            for (Mutants.Mutant m : mutants) lines.append(json.writeValueAsString(m.source())).append('\n');
            Files.writeString(input, lines, StandardCharsets.UTF_8);
            String out = Interpreters.run(python,
                    List.of(AstBuilderOracleTest.resource("parse_mutants.py").toString(), input.toString()), "");
            List<JsonNode> results = new ArrayList<>();
            for (String line : out.split("\n")) if (!line.isEmpty()) results.add(json.readTree(line));
            assertTrue(results.size() == mutants.size(), "ast.parse answered " + results.size() + " of " + mutants.size());
            return results;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static void dump(String target, List<Mutants.Mutant> mutants, List<String> disagreements,
                             List<String> wordings) throws Exception {
        String dir = System.getProperty("fuzz.dump");
        if (dir == null) return;
        Path out = Path.of(dir, "fuzz-" + target);
        Files.createDirectories(out);
        Files.write(out.resolve("disagreements.txt"), disagreements, StandardCharsets.UTF_8);
        Files.write(out.resolve("wordings.txt"), wordings, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(disagreements);
        all.addAll(wordings);
        for (String d : all) {
            int index = Integer.parseInt(d.substring(1, d.indexOf(' ')));
            Files.writeString(out.resolve(index + ".py"), mutants.get(index).source(), StandardCharsets.UTF_8);
        }
    }
}
