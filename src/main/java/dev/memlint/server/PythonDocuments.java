package dev.memlint.server;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

import org.eclipse.lsp4j.services.TextDocumentService;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The textDocument/* side: full-text sync of open documents, diagnostics on open, change
 * (debounced) and save, quick fixes and estimate hovers.
 */
final class PythonDocuments implements TextDocumentService {
    private final OpenDocuments documents;
    private final CheckScheduler checks;
    private final Supplier<LanguageClient> client;
    private final long debounceMillis;

    PythonDocuments(OpenDocuments documents, CheckScheduler checks, Supplier<LanguageClient> client, long debounceMillis) {
        this.documents = documents;
        this.checks = checks;
        this.client = client;
        this.debounceMillis = debounceMillis;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        documents.put(new OpenDocument(item.getUri(), path(item.getUri()), item.getText(), item.getVersion()));
        checks.check(item.getUri(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        OpenDocument open = documents.get(uri);
        List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
        if (open == null || changes.isEmpty()) return;
        // Full sync: the last change holds the whole new text.
        String text = changes.get(changes.size() - 1).getText();
        documents.put(new OpenDocument(uri, open.path(), text, params.getTextDocument().getVersion()));
        checks.check(uri, debounceMillis);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        if (documents.get(params.getTextDocument().getUri()) != null) checks.check(params.getTextDocument().getUri(), 0);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        documents.remove(uri);
        checks.cancel(uri);
        client.get().publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return checks.ask(params.getTextDocument().getUri(), List.of(),
                (document, analysis) -> QuickFixes.of(document, analysis, params.getRange()));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return checks.ask(params.getTextDocument().getUri(), null,
                (document, analysis) -> EstimateHover.of(document, analysis, params.getPosition().getLine()));
    }

    /** The file a URI names; a URI of no file (an unsaved buffer) gets a name in the working directory. */
    private static Path path(String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) return Path.of(parsed);
        } catch (IllegalArgumentException e) {
            // not a URI Java can read: named below
        }
        return Path.of("untitled.py").toAbsolutePath();
    }
}
