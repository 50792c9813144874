package dev.memlint.check;

import dev.memlint.config.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The results of `check` per file, in a directory such as .memlint_cache: one small entry per
 * source file, named by the file's absolute path (so `memlint server` finds what `check` stored for
 * a file it opens), holding what it was found under (a hash of the build and
 * the file's effective settings, a hash of its bytes and the file's stat when they were read) and
 * its findings. An entry whose settings or bytes differ is a miss and is overwritten; so the cache holds one entry per file ever checked, not one per
 * version of it. Entries are written to a temporary file and renamed into place, so concurrent
 * runs never see half an entry; one that cannot be read is a miss.
 */
public final class ResultCache {
    /** What the cache directory is called in the project root, as Ruff's .ruff_cache. */
    public static final String DEFAULT_NAME = ".memlint_cache";

    private final Path dir;

    private ResultCache(Path dir) {
        this.dir = dir;
    }

    /**
     * Where the cache lives: --cache-dir, else $MEMLINT_CACHE_DIR, else the cache-dir setting of the
     * working directory's configuration, else .memlint_cache in its root (the directory of its
     * configuration file, or the working directory without one), as Ruff's .ruff_cache.
     */
    public static Path location(Path option, String environment, Config project) {
        if (option != null) return option;
        if (environment != null && !environment.isEmpty()) return Path.of(environment);
        return project.cacheDir() != null ? project.cacheDir() : project.root().resolve(DEFAULT_NAME);
    }

    /**
     * Opens (creating) the cache directory, marked with a CACHEDIR.TAG for backup tools and a
     * .gitignore that keeps it out of git.
     *
     * @throws IOException when the directory cannot be made or written
     */
    public static ResultCache open(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeOnce(dir.resolve("CACHEDIR.TAG"), """
                Signature: 8a477f597d28d172789f06886806bc55
                # This file is a cache directory tag created by memlint.
                # For information about cache directory tags see https://bford.info/cachedir/
                """);
        writeOnce(dir.resolve(".gitignore"), "# Created by memlint: the cache is not for version control.\n*\n");
        return new ResultCache(dir);
    }

    /** The cache in dir if a run made one there, else null: for readers that must not create it (the server). */
    public static ResultCache existing(Path dir) {
        return Files.isDirectory(dir) ? new ResultCache(dir) : null;
    }

    /** The key of the settings a file's results depend on: this build and FileLinter's description of the settings. */
    static String settingsKey(String settings) {
        MessageDigest sha = sha256();
        sha.update(BuildStamp.get().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(settings.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The hash of a file's bytes: only computed when its stat does not match the stored one. */
    public static String contentHash(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** The stored results for a file under these settings, or null (none, other settings, unreadable). */
    public CachedResult load(Path file, String settingsKey) {
        try {
            CachedResult entry = CachedResult.decode(Files.readAllBytes(entry(file)));
            return entry != null && entry.settingsKey().equals(settingsKey) ? entry : null;
        } catch (IOException | RuntimeException e) {
            return null; // no entry yet, or one we cannot read: check the file
        }
    }

    /** Stores a file's results; a failure only costs the next run a check. */
    public void store(Path file, CachedResult result) {
        Path target = entry(file);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            Files.write(temporary, result.encode());
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // full disk, permissions, the directory removed meanwhile: the results are still reported
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * One entry per file where it is, whatever name a run gives it (CachedResult.findingsFor puts the
     * run's name into the findings): 128 bits of the SHA-256 of its absolute path.
     */
    private Path entry(Path file) {
        byte[] name = file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        return dir.resolve(HexFormat.of().formatHex(sha256().digest(name), 0, 16));
    }

    /** Creates a small file unless it exists; two runs creating it at once both succeed. */
    private static void writeOnce(Path file, String text) throws IOException {
        if (Files.exists(file)) return;
        try {
            Files.writeString(Files.createFile(file), text);
        } catch (FileAlreadyExistsException e) {
            // another run made it
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
