package dev.memlint.server;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** memlint as a language server: its capabilities, its lifecycle, and the services that do the work. */
public final class MemlintLanguageServer implements LanguageServer, LanguageClientAware {
    private final String version;
    private final IntConsumer exit;
    private final WorkspaceConfigs configs = new WorkspaceConfigs(List.of(Path.of("").toAbsolutePath()));
    private final OpenDocuments documents = new OpenDocuments();
    private final Analyzer analyzer = new Analyzer(configs);
    private final CheckScheduler checks;
    private final PythonDocuments textDocuments;
    private final WorkspaceEvents workspace;
    private volatile LanguageClient client;
    private volatile boolean watchesFiles;
    private volatile boolean shutDown;

    /**
     * @param debounceMillis how long a check waits after a change for the next one
     * @param exit           what the `exit` notification does with its exit code (0 after shutdown, else 1)
     */
    public MemlintLanguageServer(String version, long debounceMillis, IntConsumer exit) {
        this.version = version;
        this.exit = exit;
        this.checks = new CheckScheduler(documents, analyzer, () -> client);
        this.textDocuments = new PythonDocuments(documents, checks, () -> client, debounceMillis);
        this.workspace = new WorkspaceEvents(configs, documents, checks);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        List<Path> roots = roots(params);
        if (!roots.isEmpty()) configs.useRoots(roots);
        ClientCapabilities caps = params.getCapabilities();
        watchesFiles = caps != null && caps.getWorkspace() != null && caps.getWorkspace().getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(caps.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());

        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Full);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        capabilities.setHoverProvider(true);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("memlint", version)));
    }

    /** Asks a client that can watch files to report pyproject.toml changes; others are covered by the stat before each check. */
    @Override
    public void initialized(InitializedParams params) {
        if (!watchesFiles || client == null) return;
        var options = new DidChangeWatchedFilesRegistrationOptions(
                List.of(new FileSystemWatcher(Either.forLeft("**/pyproject.toml"))));
        client.registerCapability(new RegistrationParams(List.of(
                new Registration("memlint-pyproject", "workspace/didChangeWatchedFiles", options))));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutDown = true;
        checks.stop();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        checks.stop();
        exit.accept(shutDown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() { return textDocuments; }

    @Override
    public WorkspaceService getWorkspaceService() { return workspace; }

    /** How many checks ran rather than reused an earlier analysis (for tests of the cache). */
    long checksRun() { return analyzer.cache().misses(); }

    /** Analyses taken from what `memlint check` stored, without a check. */
    long storedResultsUsed() { return analyzer.storedHits(); }

    @SuppressWarnings("deprecation") // rootUri: older clients send no workspace folders
    private static List<Path> roots(InitializeParams params) {
        List<Path> roots = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) addFileUri(roots, f.getUri());
        }
        if (roots.isEmpty() && params.getRootUri() != null) addFileUri(roots, params.getRootUri());
        return roots;
    }

    private static void addFileUri(List<Path> roots, String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) roots.add(Path.of(parsed));
        } catch (IllegalArgumentException e) {
            // a root that is no file: nothing to find configuration under
        }
    }
}
