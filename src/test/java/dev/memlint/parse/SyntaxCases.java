package dev.memlint.parse;

import java.nio.charset.StandardCharsets;

/** Runs one escaped syntax case through memlint's parser, reporting like compile_cases.py. */
final class SyntaxCases {
    private SyntaxCases() {}

    static String unescape(String raw) {
        return raw.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t").replace("\0", "\\");
    }

    static String outcome(String raw, PythonVersion v) {
        try {
            PythonSourceParser.parse((unescape(raw) + "\n").getBytes(StandardCharsets.UTF_8), v);
            return "OK";
        } catch (PythonSyntaxError e) {
            return e.kind() + " " + e.getMessage() + " " + e.line();
        }
    }
}
