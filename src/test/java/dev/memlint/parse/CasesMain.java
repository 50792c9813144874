package dev.memlint.parse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: `CasesMain 3.13 cases.txt` prints each case like compile_cases.py does. */
public final class CasesMain {
    public static void main(String[] args) throws Exception {
        PythonVersion v = PythonVersion.parse(args[0]);
        for (String raw : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            System.out.println(raw + " | " + SyntaxCases.outcome(raw, v));
        }
    }
}
