package dev.memlint.oracle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs an {@link AstOracle} over files and hands out its lines in order. Dumping a whole standard
 * library takes CPython about a minute, so complete dumps are kept in a cache
 * (~/.cache/memlint-oracle, or -Dmemlint.oracle.cache=DIR) keyed by the oracle, ast_dump.py and the
 * files' paths, sizes and modification times.
 */
final class Dumps {
    private Dumps() {}

    /** The oracle's output, one line per input file. */
    interface Lines extends AutoCloseable {
        /** The next line; IOException if the oracle died before writing it. */
        String next() throws IOException;

        @Override void close() throws IOException;
    }

    /** A live run of the oracle. */
    static Lines run(AstOracle oracle, List<Path> files) throws IOException {
        Path stderr = Files.createTempFile("memlint-oracle", ".stderr");
        Process process = new ProcessBuilder(oracle.command()).redirectError(stderr.toFile()).start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
                for (Path f : files) w.write(f.toAbsolutePath() + "\n");
            } catch (IOException e) {
                // The process died; next() reports it with its stderr.
            }
        }, "oracle-feeder");
        feeder.setDaemon(true);
        feeder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                1 << 20);
        return new Lines() {
            @Override public String next() throws IOException {
                String line = out.readLine();
                if (line == null) {
                    String err = Files.readString(stderr);
                    throw new IOException(oracle.label() + " stopped early: "
                            + err.substring(Math.max(0, err.length() - 2000)));
                }
                return line;
            }

            @Override public void close() throws IOException {
                process.destroy();
                out.close();
                Files.deleteIfExists(stderr);
            }
        };
    }

    /**
     * The oracle's lines from the cache, or from a live run that fills the cache when read to the end
     * (replacing older dumps of the same oracle and corpus).
     */
    static Lines cached(AstOracle oracle, String corpus, List<Path> files) throws IOException {
        Path dir = Path.of(System.getProperty("memlint.oracle.cache",
                Path.of(System.getProperty("user.home"), ".cache", "memlint-oracle").toString()));
        Files.createDirectories(dir);
        String prefix = (oracle.label() + "-" + corpus).replaceAll("[^A-Za-z0-9.]+", "_") + "-";
        Path cache = dir.resolve(prefix + key(oracle, files) + ".jsonl");
        if (Files.exists(cache)) {
            BufferedReader in = Files.newBufferedReader(cache, StandardCharsets.UTF_8);
            return new Lines() {
                @Override public String next() throws IOException {
                    String line = in.readLine();
                    if (line == null) throw new IOException("truncated oracle cache " + cache);
                    return line;
                }

                @Override public void close() throws IOException { in.close(); }
            };
        }
        Path partial = dir.resolve(cache.getFileName() + ".part" + ProcessHandle.current().pid());
        Writer tee = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        Lines live = run(oracle, files);
        return new Lines() {
            int count;

            @Override public String next() throws IOException {
                String line = live.next();
                tee.write(line);
                tee.write('\n');
                count++;
                return line;
            }

            @Override public void close() throws IOException {
                live.close();
                tee.close();
                if (count == files.size()) {
                    try (Stream<Path> old = Files.list(dir)) {
                        for (Path p : (Iterable<Path>) old::iterator) {
                            if (p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jsonl")) {
                                Files.deleteIfExists(p);
                            }
                        }
                    }
                    Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(partial);
                }
            }
        };
    }

    private static String key(AstOracle oracle, List<Path> files) throws IOException {
        MessageDigest d = sha256();
        d.update(oracle.cacheKey().getBytes(StandardCharsets.UTF_8));
        for (Path f : files) {
            d.update((f.toAbsolutePath() + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 20);
    }

    static String hashFile(Path file) {
        try {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
