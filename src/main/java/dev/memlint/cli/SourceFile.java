package dev.memlint.cli;

import java.nio.file.Path;

/** A file to check: where it is and how reports name it (as the user named it, '/' separated). */
public record SourceFile(Path path, String displayPath) {
}
