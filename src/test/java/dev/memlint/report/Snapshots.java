package dev.memlint.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files under src/test/resources/sarif/golden, compared byte for byte. They change only on
 * purpose: run the tests with {@code -Dsnapshots.update=true} to rewrite them, then review the diff.
 */
final class Snapshots {
    private static final Path DIR = Path.of("src/test/resources/sarif/golden");

    private Snapshots() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("snapshots.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), () -> file + " is missing; create it with -Dsnapshots.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                () -> name + " differs; if the change is intended, rerun with -Dsnapshots.update=true");
    }
}
