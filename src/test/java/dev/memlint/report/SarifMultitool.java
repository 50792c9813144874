package dev.memlint.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Microsoft's SARIF Multitool ({@code @microsoft/sarif-multitool} 5.7.0 from npm), which .ci/run
 * installs into {@code ~/.cache/memlint-multitool} (or {@code $MEMLINT_MULTITOOL_DIR}). When it is not
 * there and npm is, it is installed on first use; without node and npm the tests that need it are
 * skipped. The npm wrapper passes its arguments through a shell, which splits "Sarif;Ghas" at the
 * ';', so the platform binary is run directly.
 */
public final class SarifMultitool {
    static final String VERSION = "5.7.0";

    private SarifMultitool() {}

    static Path binary() throws IOException, InterruptedException {
        dev.memlint.Oracles.assumeEnabled("the SARIF Multitool " + VERSION + " (npm installs it, 104 MB)");
        String os = System.getProperty("os.name").toLowerCase();
        String platform = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : "win32";
        Path dir = Path.of(System.getenv().getOrDefault("MEMLINT_MULTITOOL_DIR",
                System.getProperty("user.home") + "/.cache/memlint-multitool"));
        Path binary = dir.resolve("node_modules/@microsoft/sarif-multitool-" + platform
                + (platform.equals("win32") ? "/Sarif.Multitool.exe" : "/Sarif.Multitool"));
        if (!Files.exists(binary)) {
            assumeTrue(run(List.of("npm", "--version"), dir.getParent()) == 0,
                    "node/npm not found; skipping the SARIF Multitool validation");
            Files.createDirectories(dir);
            int status = run(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                    "@microsoft/sarif-multitool@" + VERSION), dir);
            assumeTrue(status == 0 && Files.exists(binary), "npm could not install @microsoft/sarif-multitool; skipping");
        }
        // npm may skip the package's postinstall script that sets the run bit.
        binary.toFile().setExecutable(true);
        return binary;
    }

    private static int run(List<String> command, Path dir) throws InterruptedException {
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.MINUTES) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Runs {@code validate --rule-kind "Sarif;Ghas"} on a SARIF file.
     *
     * @return one line per error or warning the Multitool reports (notes are advice, not problems)
     */
    public static List<String> problems(Path sarif) throws IOException, InterruptedException {
        Path binary = binary();
        Path report = Files.createTempFile("multitool", ".sarif");
        try {
            Process p = new ProcessBuilder(binary.toString(), "validate", sarif.toString(), "--rule-kind", "Sarif;Ghas",
                    "--output", report.toString(), "--log", "ForceOverwrite")
                    .redirectErrorStream(true).start();
            String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError("Multitool failed:\n" + console);
            JsonNode run = SarifJson.MAPPER.readTree(report.toFile()).path("runs").path(0);
            List<String> problems = new ArrayList<>();
            for (JsonNode result : run.path("results")) {
                String level = result.path("level").asText("warning"); // SARIF's default level
                if (level.equals("error") || level.equals("warning")) {
                    problems.add(level + " " + result.path("ruleId").asText() + " " + result.path("message"));
                }
            }
            for (JsonNode notification : run.path("invocations").path(0).path("toolExecutionNotifications")) {
                problems.add("tool notification " + notification.path("message"));
            }
            if (!problems.isEmpty()) problems.add("Multitool console:\n" + console);
            return problems;
        } finally {
            Files.deleteIfExists(report);
        }
    }
}
