package dev.memlint.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the pyenv interpreters the memory tests measure against. */
public final class LocalPython {
    /** Model version -> the exact interpreter the project pins for it. */
    public static final Map<String, String> PINNED = Map.of("3.11", "3.11.7", "3.12", "3.12.1", "3.13", "3.13.0");

    private LocalPython() {}

    public static Optional<Path> find(String modelVersion) {
        dev.memlint.Oracles.assumeEnabled("CPython " + PINNED.get(modelVersion) + " from pyenv");
        String release = PINNED.get(modelVersion);
        Path root = Path.of(System.getProperty("user.home"), ".pyenv", "versions", release);
        try {
            Process p = new ProcessBuilder("pyenv", "prefix", release).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                root = Path.of(out);
            }
        } catch (IOException e) {
            // no pyenv on PATH: fall back to its default location
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path exe = root.resolve("bin").resolve("python" + modelVersion);
        return Files.isExecutable(exe) ? Optional.of(exe) : Optional.empty();
    }

    /** Runs a script with the interpreter and returns its stdout; fails with its stderr otherwise. */
    public static String run(Path python, Path script, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = python.toString();
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Path err = Files.createTempFile("memlint-py", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(script + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(script + " failed: " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
