package dev.memlint.cli;

import java.io.IOException;

/**
 * A file memlint will not read: not a regular file, or too large. The message is the reason as
 * users see it after "path: error: ".
 */
final class RefusedFile extends IOException {
    RefusedFile(String reason) {
        super(reason);
    }
}
