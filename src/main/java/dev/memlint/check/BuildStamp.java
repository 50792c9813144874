package dev.memlint.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Which build of memlint is running: its version, and the jar's size and modification time (the
 * newest class file's time when it runs from a classes directory). A rebuilt jar has a new stamp
 * even when the version did not change, so the result cache never serves what an older build found.
 */
public final class BuildStamp {
    private BuildStamp() {}

    private static final class Holder { // computed once per JVM, when the cache first asks
        static final String STAMP = compute();
    }

    public static String get() {
        return Holder.STAMP;
    }

    /** The project version Maven writes into version.properties, e.g. "0.1.0": what --version and SARIF say. */
    public static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BuildStamp.class.getResourceAsStream("version.properties")) {
            if (in != null) properties.load(in);
        }
        return properties.getProperty("version", "(unknown version)");
    }

    private static String compute() {
        String version;
        try {
            version = version();
        } catch (IOException e) {
            version = "(unknown version)";
        }
        try {
            Path code = Path.of(BuildStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return version + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
            }
            try (Stream<Path> files = Files.walk(code)) {
                return version + " classes " + files.filter(Files::isRegularFile)
                        .mapToLong(BuildStamp::modified).max().orElse(0);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Unknown: a stamp of this JVM's start makes every run a cold one rather than a stale one.
            return version + " unknown " + ProcessHandle.current().pid() + " " + System.nanoTime();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the stamp is then unknown
        }
    }
}
