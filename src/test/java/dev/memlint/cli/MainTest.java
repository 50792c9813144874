package dev.memlint.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("memlint \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run::toString);
    }

    /** The version comes from the build (pom.xml through resource filtering), never from a constant in the code. */
    @Test
    void versionIsThePomsVersion() throws java.io.IOException {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        var m = java.util.regex.Pattern.compile("<artifactId>memlint</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the project version in pom.xml");
        assertEquals("memlint " + m.group(1) + "\n", CliRun.of("--version").out());
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            assertEquals("memlint " + m.group(1) + "\n", CliRun.of(command, "--version").out(), command);
        }
    }

    @Test
    void helpExitsZero() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: memlint"), run::toString);
    }

    /** Every registered subcommand, so that a new one without help fails here. */
    @Test
    void helpWorksOnEverySubcommand() {
        var names = Main.commandLine().getSubcommands().keySet();
        assertTrue(names.containsAll(java.util.List.of("check", "ast", "rules", "explain", "estimate", "server")), names::toString);
        for (String name : names) {
            for (String flag : new String[] {"--help", "-h"}) {
                CliRun run = CliRun.of(name, flag);
                assertEquals(0, run.exitCode(), name + " " + flag + ": " + run);
                assertTrue(run.out().startsWith("Usage: memlint " + name), name + " " + flag + ": " + run);
                assertEquals("", run.err(), name + " " + flag + ": " + run);
            }
        }
    }

    @Test
    void negativeDebounceIsAUsageErrorBeforeTheServerStarts() {
        CliRun run = CliRun.of("server", "--debounce-ms", "-1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("memlint: error: --debounce-ms must be 0 or more, got -1"), run::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Usage: memlint"), run::toString);
    }

    @Test
    void unknownOptionIsAShortUsageError() {
        CliRun run = CliRun.of("--verbose");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("memlint: error: Unknown option: '--verbose'\n"), run::toString);
        assertEquals(2, run.err().lines().count(), "the message and one hint, not the whole help: " + run.err());
    }
}
