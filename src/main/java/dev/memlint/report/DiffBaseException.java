package dev.memlint.report;

/** {@code --diff-base} cannot be honoured: no git, no repository, or an unknown revision. */
public final class DiffBaseException extends Exception {
    public DiffBaseException(String message) {
        super(message);
    }
}
