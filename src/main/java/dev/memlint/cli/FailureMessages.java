package dev.memlint.cli;

import java.io.IOException;

/** What a file that could not be checked gets after "path: ", the same in every command. */
final class FailureMessages {
    private FailureMessages() {}

    static String of(Throwable failure) {
        if (failure instanceof RefusedFile) return "error: " + failure.getMessage();
        if (failure instanceof IOException) return "error: cannot read: " + SourceFinder.describe(failure);
        if (failure instanceof StackOverflowError) return "internal error: stack overflow";
        if (failure instanceof OutOfMemoryError) return "internal error: out of memory";
        return "internal error: " + failure; // a bug in memlint
    }
}
