package dev.memlint.parse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: finds the pyenv CPython interpreters used as oracles and runs them. */
final class Interpreters {
    private Interpreters() {}

    /** The interpreter of a pyenv version (e.g. "3.13.0", "python3.13"), or null when it is not installed. */
    static Path find(String version, String executable) {
        dev.memlint.Oracles.assumeEnabled("CPython " + version + " from pyenv");
        String pyenvRoot = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
        Path candidate = Path.of(pyenvRoot, "versions", version, "bin", executable);
        return Files.isExecutable(candidate) ? candidate : null;
    }

    /** Runs the interpreter with arguments and standard input; returns its standard output. */
    static String run(Path python, List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(python + " did not finish");
        }
        return out;
    }
}
