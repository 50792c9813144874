package dev.memlint.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The documents the editor has open, by URI; read by the check thread, written by the protocol thread. */
final class OpenDocuments {
    private final Map<String, OpenDocument> byUri = new ConcurrentHashMap<>();

    OpenDocument get(String uri) { return byUri.get(uri); }

    void put(OpenDocument document) { byUri.put(document.uri(), document); }

    void remove(String uri) { byUri.remove(uri); }

    Iterable<OpenDocument> all() { return byUri.values(); }
}
