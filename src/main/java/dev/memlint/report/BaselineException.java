package dev.memlint.report;

/** A baseline file that cannot be used; the message names the file and says why. */
public final class BaselineException extends Exception {
    public BaselineException(String message) {
        super(message);
    }
}
