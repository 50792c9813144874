import dev.memlint.server.LanguageServerRunner;
import dev.memlint.server.MemlintLanguageServer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
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

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * bench/server's driver: memlint's language server (debounce 0) and a client in one JVM, talking
 * JSON-RPC over pipes. Edits a 1,000-line file and measures, per edit, the time from sending
 * didChange to receiving publishDiagnostics for that version; then makes many more edits and
 * prints the heap in use after a full GC at intervals, to show whether memory stays flat.
 *   java -cp target/memlint.jar bench/ServerLatency.java [TIMED_EDITS] [MEMORY_EDITS]
 */
public class ServerLatency implements LanguageClient {
    private final SynchronousQueue<PublishDiagnosticsParams> published = new SynchronousQueue<>();

    public static void main(String[] args) throws Exception {
        int timed = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int memoryEdits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        new ServerLatency().run(timed, memoryEdits);
    }

    private void run(int timed, int memoryEdits) throws Exception {
        Path dir = Files.createTempDirectory("memlint-server-bench");
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM\"]\n");
        Path file = dir.resolve("big.py");
        String uri = file.toUri().toString();

        PipedOutputStream toServer = new PipedOutputStream();
        PipedOutputStream toClient = new PipedOutputStream();
        MemlintLanguageServer server = new MemlintLanguageServer("bench", 0, code -> {});
        LanguageServerRunner.start(server, new PipedInputStream(toServer, 1 << 20), toClient);
        var launcher = LSPLauncher.createClientLauncher(this, new PipedInputStream(toClient, 1 << 20), toServer);
        LanguageServer remote = launcher.getRemoteProxy();
        launcher.startListening();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "bench")));
        remote.initialize(init).get();
        remote.initialized(new InitializedParams());

        String text = source(0);
        System.out.printf(Locale.ROOT, "file: %d lines, %d bytes%n", text.split("\n", -1).length - 1, text.length());
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 1, text)));
        int findings = awaitVersion(uri, 1).getDiagnostics().size();
        System.out.printf(Locale.ROOT, "diagnostics per version: %d%n", findings);

        int version = 1;
        for (int i = 0; i < 100; i++) edit(remote, uri, ++version); // JIT warm-up, not counted
        // The check thread's CPU time says what the wall time would be on an idle machine.
        var threads = ManagementFactory.getThreadMXBean();
        long checkThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("memlint-server-check")).findFirst().orElseThrow().getId();
        List<Double> millis = new ArrayList<>();
        List<Double> cpuMillis = new ArrayList<>();
        for (int i = 0; i < timed; i++) {
            long cpu = threads.getThreadCpuTime(checkThread);
            millis.add(edit(remote, uri, ++version) / 1e6);
            cpuMillis.add((threads.getThreadCpuTime(checkThread) - cpu) / 1e6);
        }
        System.out.println("didChange -> publishDiagnostics over " + timed + " edits: " + summary(millis));
        System.out.println("CPU time of the check thread per edit: " + summary(cpuMillis));

        System.out.printf(Locale.ROOT, "heap in use after full GC: %s after %d edits%n", heap(), version - 1);
        int step = Math.max(1, memoryEdits / 4);
        for (int done = 0; done < memoryEdits; ) {
            int n = Math.min(step, memoryEdits - done);
            for (int i = 0; i < n; i++) edit(remote, uri, ++version);
            done += n;
            System.out.printf(Locale.ROOT, "heap in use after full GC: %s after %d more edits%n", heap(), done);
        }
        remote.shutdown().get();
        System.exit(0);
    }

    /** One edit of a distinct text (no cache hit): nanoseconds from sending it to its diagnostics. */
    private long edit(LanguageServer remote, String uri, int version) throws InterruptedException {
        String text = source(version);
        long start = System.nanoTime();
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
        awaitVersion(uri, version);
        return System.nanoTime() - start;
    }

    private PublishDiagnosticsParams awaitVersion(String uri, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = published.poll(60, TimeUnit.SECONDS);
            if (p == null) throw new IllegalStateException("no diagnostics for version " + version + " within a minute");
            if (p.getUri().equals(uri) && p.getVersion() != null && p.getVersion() == version) return p;
        }
    }

    private static String summary(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms",
                v.get(v.size() / 2), v.get((int) (v.size() * 0.9)), v.get(0), v.get(v.size() - 1));
    }

    private static String heap() {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, "%.1f MiB", used / 1048576.0);
    }

    /**
     * 1,000 lines: 100 functions of 10 lines, a mix of the code memlint reports and code it does not.
     * The edit number changes one constant of one function, as typing does.
     */
    static String source(int edit) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < 100; f++) {
            int limit = f == edit % 100 ? 1000 + edit : f;
            switch (f % 4) {
                case 0 -> b.append("def total_").append(f).append("(xs):\n")
                        .append("    limit = ").append(limit).append("\n")
                        .append("    values = [x * limit for x in xs]\n")
                        .append("    return sum([v for v in values])\n");
                case 1 -> b.append("def render_").append(f).append("(rows):\n")
                        .append("    out = \"\"\n")
                        .append("    for row in rows[:").append(limit).append("]:\n")
                        .append("        out = out + str(row) + \"\\n\"\n");
                case 2 -> b.append("def drain_").append(f).append("(queue):\n")
                        .append("    seen = []\n")
                        .append("    while queue:\n")
                        .append("        seen.append(queue.pop(0) + ").append(limit).append(")\n");
                default -> b.append("class Node").append(f).append(":\n")
                        .append("    def __init__(self, parent):\n")
                        .append("        self.parent = parent\n")
                        .append("        self.size = ").append(limit).append("\n");
            }
            b.append("    # padding so that each function is ten lines long\n")
                    .append("    pass\n")
                    .append("    pass\n")
                    .append("    pass\n")
                    .append("\n\n");
        }
        return b.toString();
    }

    @Override public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        try {
            published.put(diagnostics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
    @Override public void telemetryEvent(Object object) {}
    @Override public void showMessage(MessageParams messageParams) {}
    @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
        return CompletableFuture.completedFuture(null);
    }
    @Override public void logMessage(MessageParams message) {}
}
