package dev.memlint.server;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A language client driven by a test: memlint's server runs in this JVM behind LSP4J's launcher,
 * and the two talk JSON-RPC over a pair of pipes, as an editor and `memlint server` do over stdio.
 */
final class ScriptedClient implements LanguageClient, AutoCloseable {
    final MemlintLanguageServer server;
    final LanguageServer remote;
    final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final PipedOutputStream toServer = new PipedOutputStream();
    private final PipedOutputStream toClient = new PipedOutputStream();
    private final Future<Void> serving;
    private final Future<Void> listening;

    ScriptedClient(long debounceMillis) throws IOException {
        server = new MemlintLanguageServer("test", debounceMillis, exitCode::complete);
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(toClient, 1 << 16);
        serving = LanguageServerRunner.start(server, serverIn, toClient);
        var launcher = LSPLauncher.createClientLauncher(this, clientIn, toServer);
        remote = launcher.getRemoteProxy();
        listening = launcher.startListening();
    }

    InitializeResult initialize(Path root) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setCapabilities(new ClientCapabilities());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "test")));
        InitializeResult result = remote.initialize(params).get(30, TimeUnit.SECONDS);
        remote.initialized(new InitializedParams());
        return result;
    }

    void open(String uri, String text) {
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 1, text)));
    }

    void change(String uri, int version, String text) {
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The next diagnostics published for uri (others are dropped), failing after a minute. */
    PublishDiagnosticsParams next(String uri) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = published.poll(60, TimeUnit.SECONDS);
            if (p == null) throw new AssertionError("no diagnostics published for " + uri + " within a minute");
            if (p.getUri().equals(uri)) return p;
        }
    }

    /** Diagnostics published for uri with the given version, skipping earlier ones. */
    PublishDiagnosticsParams forVersion(String uri, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = next(uri);
            if (p.getVersion() != null && p.getVersion() == version) return p;
        }
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        published.add(diagnostics);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}

    @Override
    public void close() throws IOException {
        server.shutdown(); // stops its check thread
        toServer.close();
        toClient.close();
        serving.cancel(true);
        listening.cancel(true);
    }
}
