package dev.memlint.cli;

import java.nio.file.Path;

/**
 * A file to check: where it is and how reports name it (as the user named it, '/' separated).
 *
 * @param content the source when it does not come from the file: standard input read for a
 *                --stdin-filename; null when it is read from path
 * @param size    its size in bytes as the directory walk saw it, -1 when not known: the biggest
 *                files are checked first, so that no long one is left for the end of the run
 */
public record SourceFile(Path path, String displayPath, byte[] content, long size) {
    public SourceFile(Path path, String displayPath) {
        this(path, displayPath, null, -1);
    }

    public SourceFile(Path path, String displayPath, long size) {
        this(path, displayPath, null, size);
    }
}
