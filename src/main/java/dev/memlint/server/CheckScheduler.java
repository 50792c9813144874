package dev.memlint.server;

import dev.memlint.check.BigStack;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;


import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs every check on one big-stack thread (the parser recurses per nesting level) and publishes
 * diagnostics. A check waits for the debounce after a change, and a newer change of the same
 * document cancels the one still waiting; a check that was already running when its text changed
 * publishes nothing, since its diagnostics would describe text the editor no longer has.
 */
final class CheckScheduler {
    private final OpenDocuments documents;
    private final Analyzer analyzer;
    private final Supplier<LanguageClient> client;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(BigStack.threads("memlint-server-check"));
    private final Map<String, Future<?>> waiting = new ConcurrentHashMap<>();

    CheckScheduler(OpenDocuments documents, Analyzer analyzer, Supplier<LanguageClient> client) {
        this.documents = documents;
        this.analyzer = analyzer;
        this.client = client;
    }

    /** Checks the document after delayMillis and publishes its diagnostics, unless it changes meanwhile. */
    void check(String uri, long delayMillis) {
        Future<?> next = thread.schedule(() -> publish(uri), delayMillis, TimeUnit.MILLISECONDS);
        Future<?> stale = waiting.put(uri, next);
        if (stale != null) stale.cancel(false);
    }

    /** Forgets a closed document's waiting check. */
    void cancel(String uri) {
        Future<?> stale = waiting.remove(uri);
        if (stale != null) stale.cancel(false);
    }

    /** Answers a request from the document's current analysis (cached when its text was checked). */
    <T> CompletableFuture<T> ask(String uri, T whenClosed, AnalysisQuery<T> query) {
        return CompletableFuture.supplyAsync(() -> {
            OpenDocument document = documents.get(uri);
            if (document == null) return whenClosed;
            return query.answer(document, analyzer.analyze(document));
        }, thread);
    }

    interface AnalysisQuery<T> {
        T answer(OpenDocument document, Analysis analysis);
    }

    private void publish(String uri) {
        OpenDocument document = documents.get(uri);
        if (document == null) return;
        Analysis analysis = analyzer.analyze(document);
        OpenDocument now = documents.get(uri);
        if (now == null || now.version() != document.version()) return; // a newer check is on its way
        client.get().publishDiagnostics(new PublishDiagnosticsParams(uri, Diagnostics.of(uri, analysis), document.version()));
    }

    void stop() {
        thread.shutdownNow();
    }
}
