package dev.memlint.cli;

import java.io.File;

/** Paths shown with '/' on every platform, without touching a backslash that is part of a name. */
final class Separators {
    private Separators() {}

    /** On Windows '\' separates names and becomes '/'; elsewhere it is a character of the name and stays. */
    static String slashed(String path) {
        return File.separatorChar == '\\' ? path.replace('\\', '/') : path;
    }
}
