package dev.memlint.server;

import java.nio.file.Path;

/** A document the editor has open: its text as the editor holds it, at the editor's version. */
record OpenDocument(String uri, Path path, String text, int version) {
}
