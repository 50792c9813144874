package dev.memlint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs `memlint` in a child JVM with a chosen working directory, as CI runs it: what --diff-base
 * asks git and what SARIF takes as its source root both depend on the working directory, which an
 * in-process run cannot change.
 */
record MemlintProcess(int exitCode, String out, String err) {
    static MemlintProcess run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return run(List.of(), workingDirectory, args);
    }

    /** With options for the child JVM, such as a small -Xmx. */
    static MemlintProcess run(List<String> jvmOptions, Path workingDirectory, String... args)
            throws IOException, InterruptedException {
        return run(jvmOptions, new byte[0], workingDirectory, args);
    }

    /** With changes to the child's environment: a null value removes the variable. */
    static MemlintProcess withEnvironment(Map<String, String> environment, Path workingDirectory, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), new byte[0], environment, workingDirectory, args);
    }

    /** With input on the child's standard input. */
    static MemlintProcess withInput(String input, Path workingDirectory, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), input.getBytes(StandardCharsets.UTF_8), workingDirectory, args);
    }

    private static MemlintProcess run(List<String> jvmOptions, byte[] input, Path workingDirectory, String... args)
            throws IOException, InterruptedException {
        return run(jvmOptions, input, Map.of(), workingDirectory, args);
    }

    private static MemlintProcess run(List<String> jvmOptions, byte[] input, Map<String, String> environment,
                                      Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        environment.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        return of(builder, input);
    }

    /** Starts any command (a launcher, an installed memlint) with input on its stdin and collects what it says. */
    static MemlintProcess of(ProcessBuilder builder, byte[] input) throws IOException, InterruptedException {
        Process p = builder.start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // the child exited without reading it all (a usage error): its exit code tells
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        return new MemlintProcess(p.waitFor(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
