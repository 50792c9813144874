package dev.memlint.cli;

import java.nio.file.Path;

/**
 * A file to check: where it is and how reports name it (as the user named it, '/' separated).
 *
 * @param content the source when it does not come from the file: standard input read for a
 *                --stdin-filename; null when it is read from path
 */
public record SourceFile(Path path, String displayPath, byte[] content) {
    public SourceFile(Path path, String displayPath) {
        this(path, displayPath, null);
    }
}
