package dev.memlint.report;

/**
 * A file memlint could not check: unreadable, vanished, or an internal error while checking it.
 * Shown on stderr as {@code path: message}; makes the exit code 2.
 */
public record FileFailure(String path, String message) {
}
