package dev.memlint.server;

import dev.memlint.cli.Main;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server over the protocol, driven by LSP4J's own launcher as a scripted client. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LanguageServerTest {
    static final String SAMPLE = """
            def total(xs):
                return sum([x * x for x in xs])


            def render(rows):
                out = ""
                for row in rows:
                    out = out + f"{row}" + "\\n"
                return out


            def quiet(xs):
                return sum([x for x in xs])  # noqa: MEM301
            """;

    @TempDir
    Path project;
    private ScriptedClient client;
    private String uri;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM\"]\n");
        Path file = project.resolve("s.py");
        Files.writeString(file, SAMPLE);
        uri = file.toUri().toString();
    }

    @AfterEach
    void close() throws Exception {
        if (client != null) client.close();
    }

    private ScriptedClient start(long debounceMillis) throws Exception {
        client = new ScriptedClient(debounceMillis);
        client.initialize(project);
        return client;
    }

    private static List<String> codesAndLines(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream()
                .map(d -> d.getCode().getLeft() + "@" + d.getRange().getStart().getLine()).sorted().toList();
    }

    @Test
    void initializeShutdownExit() throws Exception {
        client = new ScriptedClient(0);
        InitializeResult result = client.initialize(project);
        var sync = result.getCapabilities().getTextDocumentSync().getRight();
        assertEquals(TextDocumentSyncKind.Full, sync.getChange());
        assertTrue(sync.getOpenClose());
        assertTrue(result.getCapabilities().getHoverProvider().getLeft());
        assertEquals(List.of("quickfix"), result.getCapabilities().getCodeActionProvider().getRight().getCodeActionKinds());
        assertEquals("memlint", result.getServerInfo().getName());
        assertNull(client.remote.shutdown().get(30, TimeUnit.SECONDS));
        client.remote.exit();
        assertEquals(0, client.exitCode.get(30, TimeUnit.SECONDS));
    }

    @Test
    void exitWithoutShutdownIsAnError() throws Exception {
        start(0).remote.exit();
        assertEquals(1, client.exitCode.get(30, TimeUnit.SECONDS));
    }

    @Test
    void openPublishesFindingsWithTheirDetails() throws Exception {
        start(0).open(uri, SAMPLE);
        PublishDiagnosticsParams p = client.next(uri);
        assertEquals(1, p.getVersion());
        // the noqa line (12) has none
        assertEquals(List.of("MEM201@7", "MEM301@1"), codesAndLines(p));
        Diagnostic comprehension = p.getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("MEM301")).findFirst().orElseThrow();
        assertEquals(new Range(new Position(1, 15), new Position(1, 34)), comprehension.getRange());
        assertEquals(DiagnosticSeverity.Information, comprehension.getSeverity());
        assertEquals("memlint", comprehension.getSource());
        assertTrue(comprehension.getMessage().startsWith("list comprehension passed to sum() is built in full"),
                comprehension.getMessage());
        assertEquals("https://github.com/memlint/memlint/blob/main/rules/MEM301.md",
                comprehension.getCodeDescription().getHref());
        Diagnostic concatenation = p.getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("MEM201")).findFirst().orElseThrow();
        assertEquals(DiagnosticSeverity.Warning, concatenation.getSeverity());
    }

    @Test
    void theLoopIsRelatedInformation() throws Exception {
        String text = """
                def newest_first(events):
                    history = []
                    for e in events:
                        history.insert(0, e)
                    return history
                """;
        start(0).open(uri, text);
        List<Diagnostic> diagnostics = client.next(uri).getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("MEM501", diagnostics.get(0).getCode().getLeft());
        var related = diagnostics.get(0).getRelatedInformation();
        assertEquals(1, related.size(), related.toString());
        assertEquals("the loop", related.get(0).getMessage());
        assertEquals(uri, related.get(0).getLocation().getUri());
        assertEquals(new Position(2, 4), related.get(0).getLocation().getRange().getStart());
    }

    @Test
    void severalQuickChangesPublishOnlyTheLast() throws Exception {
        start(1000).open(uri, SAMPLE);
        assertEquals(1, client.next(uri).getVersion()); // opening is not debounced
        client.change(uri, 2, SAMPLE + "\n\ndef two(xs):\n    return sum([x for x in xs])\n");
        client.change(uri, 3, "x = 1\n");
        client.change(uri, 4, "def four(xs):\n    return max([x for x in xs])\n");
        PublishDiagnosticsParams last = client.next(uri);
        assertEquals(4, last.getVersion(), "versions 2 and 3 were cancelled while they waited");
        assertEquals(List.of("MEM301@1"), codesAndLines(last));
        assertNull(client.published.poll(1500, TimeUnit.MILLISECONDS), "nothing published after the last version");
    }

    @Test
    void aFileThatStopsParsingGetsOneSyntaxError() throws Exception {
        start(0).open(uri, SAMPLE);
        client.next(uri);
        client.change(uri, 2, SAMPLE.replace("def render(rows):", "def render(rows:"));
        PublishDiagnosticsParams broken = client.forVersion(uri, 2);
        assertEquals(1, broken.getDiagnostics().size(), broken.toString());
        Diagnostic syntax = broken.getDiagnostics().get(0);
        assertEquals("MEM001", syntax.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, syntax.getSeverity());
        assertEquals(4, syntax.getRange().getStart().getLine());
        // the server is still there: a half-typed line, then the fixed text
        client.change(uri, 3, SAMPLE + "def half(");
        assertEquals(List.of("MEM001@13"), codesAndLines(client.forVersion(uri, 3)));
        client.change(uri, 4, SAMPLE);
        assertEquals(List.of("MEM201@7", "MEM301@1"), codesAndLines(client.forVersion(uri, 4)));
    }

    @Test
    void safeQuickFixIsPreferredAndApplies() throws Exception {
        start(0).open(uri, SAMPLE);
        client.next(uri);
        List<CodeAction> actions = codeActions(1);
        assertEquals(1, actions.size(), actions.toString());
        CodeAction action = actions.get(0);
        assertEquals("quickfix", action.getKind());
        assertTrue(action.getIsPreferred());
        assertFalse(action.getTitle().contains("(unsafe)"), action.getTitle());
        assertEquals("MEM301", action.getDiagnostics().get(0).getCode().getLeft());
        TextDocumentEdit edit = action.getEdit().getDocumentChanges().get(0).getLeft();
        assertEquals(1, edit.getTextDocument().getVersion());
        String fixed = TextEdits.apply(SAMPLE, edit.getEdits());
        assertEquals(SAMPLE.replace("sum([x * x for x in xs])", "sum(x * x for x in xs)"), fixed);
        assertEquals(List.of(), codeActions(4), "no fix on a line without a fixable finding");
    }

    @Test
    void unsafeQuickFixSaysSo() throws Exception {
        String text = "def positive(xs):\n    return any([x > 0 for x in xs])\n";
        start(0).open(uri, text);
        client.next(uri);
        List<CodeAction> actions = codeActions(1);
        assertEquals(1, actions.size(), actions.toString());
        assertTrue(actions.get(0).getTitle().endsWith("(unsafe)"), actions.get(0).getTitle());
        assertFalse(actions.get(0).getIsPreferred());
    }

    private List<CodeAction> codeActions(int line) throws Exception {
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri),
                new Range(new Position(line, 0), new Position(line, 0)), new CodeActionContext(List.of()));
        return client.remote.getTextDocumentService().codeAction(params).get(30, TimeUnit.SECONDS).stream()
                .map(Either::getRight).toList();
    }

    @Test
    void hoverOnADefLineShowsTheEstimateCommandsText() throws Exception {
        start(0).open(uri, SAMPLE);
        client.next(uri);
        Hover hover = hover(4);
        assertEquals("markdown", hover.getContents().getRight().getKind());
        String markdown = hover.getContents().getRight().getValue();
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.execute("estimate", project.resolve("s.py").toString());
        String estimate = out.toString();
        // the render entry of `memlint estimate`, its lines as printed
        int start = estimate.indexOf(": render\n") + ": render\n".length();
        String entry = estimate.substring(start, estimate.lastIndexOf('\n', estimate.indexOf("s.py:12:")) + 1);
        assertTrue(entry.contains("peak      82 + 34·len(rows) bytes   growth O(len(rows))"), estimate);
        assertTrue(markdown.contains("`render`"), markdown);
        assertTrue(markdown.contains(entry), markdown + "\n---\n" + estimate);
        assertNull(hover(5), "no hover inside the body");
    }

    private Hover hover(int line) throws Exception {
        return client.remote.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(line, 2))).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCancelledRequestLeavesTheServerWorking() throws Exception {
        start(0).open(uri, SAMPLE);
        client.next(uri);
        CompletableFuture<Hover> cancelled = client.remote.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(0, 2)));
        // sends $/cancelRequest unless the answer came first (a fast machine, nothing left to cancel);
        // either way the server must go on answering
        cancelled.cancel(true);
        assertTrue(hover(0).getContents().getRight().getValue().contains("`total`"));
        client.change(uri, 2, "x = 1\n");
        assertEquals(List.of(), client.forVersion(uri, 2).getDiagnostics());
    }

    @Test
    void unchangedTextIsNotCheckedAgain() throws Exception {
        start(0).open(uri, SAMPLE);
        PublishDiagnosticsParams first = client.next(uri);
        client.change(uri, 2, "x = 1\n");
        client.forVersion(uri, 2);
        client.change(uri, 3, SAMPLE); // undo
        PublishDiagnosticsParams again = client.forVersion(uri, 3);
        codeActions(1);
        hover(0);
        assertEquals(first.getDiagnostics(), again.getDiagnostics());
        assertEquals(2, client.server.checksRun());
    }

    @Test
    void pyprojectChangesApplyToTheNextCheck() throws Exception {
        start(0).open(uri, SAMPLE);
        assertEquals(List.of("MEM201@7", "MEM301@1"), codesAndLines(client.next(uri)));
        // no notification: the change is seen before the next check
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM\"]\nignore = [\"MEM201\"]\n");
        client.change(uri, 2, SAMPLE + "\n");
        assertEquals(List.of("MEM301@1"), codesAndLines(client.forVersion(uri, 2)));
        // a watched-files notification re-checks the open documents without an edit
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM2\"]\n");
        client.remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(project.resolve("pyproject.toml").toUri().toString(), FileChangeType.Changed))));
        assertEquals(List.of("MEM201@7"), codesAndLines(client.forVersion(uri, 2)));
    }

    @Test
    void aBrokenPyprojectIsOneDiagnosticNotACrash() throws Exception {
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = 3\n");
        start(0).open(uri, SAMPLE);
        List<Diagnostic> diagnostics = client.next(uri).getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertTrue(diagnostics.get(0).getMessage().contains("pyproject.toml"), diagnostics.get(0).getMessage());
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM3\"]\n");
        client.change(uri, 2, SAMPLE);
        assertEquals(List.of("MEM301@1"), codesAndLines(client.forVersion(uri, 2)));
    }

    @Test
    void aDocumentOverMaxFileSizeIsOneDiagnosticAsTheCommandLineRefusesIt() throws Exception {
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM\"]\nmax-file-size = 100\n");
        start(0).open(uri, SAMPLE);
        List<Diagnostic> diagnostics = client.next(uri).getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertTrue(diagnostics.get(0).getMessage().contains("larger than max-file-size ("
                + SAMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes > 100 bytes)"), diagnostics.get(0).getMessage());
        Files.writeString(project.resolve("pyproject.toml"), "[tool.memlint]\nselect = [\"MEM3\"]\n");
        client.change(uri, 2, SAMPLE);
        assertEquals(List.of("MEM301@1"), codesAndLines(client.forVersion(uri, 2)));
    }

    @Test
    void aLatin1DocumentIsReadAsItsCookieSays() throws Exception {
        // Sent as UTF-8 and read back as latin-1, the 'é' became two characters and moved the finding.
        String text = "# -*- coding: latin-1 -*-\ndef total(xs):\n    return ('\u00e9', sum([x * x for x in xs]))\n";
        start(0).open(uri, text);
        List<Diagnostic> diagnostics = client.next(uri).getDiagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals(2, diagnostics.get(0).getRange().getStart().getLine());
        assertEquals(text.split("\n")[2].indexOf("[x * x"), diagnostics.get(0).getRange().getStart().getCharacter());
    }

    @Test
    void aFileThatCheckStoredIsNotCheckedAgainWhenOpened() throws Exception {
        // Where both look: $MEMLINT_CACHE_DIR (the build sets one for the tests), else cache-dir.
        String environment = System.getenv("MEMLINT_CACHE_DIR");
        Path cache = environment != null && !environment.isEmpty() ? Path.of(environment) : project.resolve("check-cache");
        Files.writeString(project.resolve("pyproject.toml"),
                "[tool.memlint]\nselect = [\"MEM\"]\ncache-dir = \"" + cache.toString().replace("\\", "/") + "\"\n");
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.execute("check", "--cache-dir", cache.toString(), project.resolve("s.py").toString());
        assertTrue(Files.isDirectory(cache));

        start(0).open(uri, SAMPLE);
        List<Diagnostic> stored = client.next(uri).getDiagnostics();
        assertEquals(1, client.server.storedResultsUsed());
        assertTrue(hover(4).getContents().getRight().getValue().contains("`render`"), "the tree is made for a hover");
        client.change(uri, 2, SAMPLE + "\n"); // other bytes: checked, the same findings
        List<Diagnostic> checked = client.forVersion(uri, 2).getDiagnostics();
        assertEquals(1, client.server.storedResultsUsed());
        assertEquals(checked, stored);
        assertEquals(List.of("MEM201@7", "MEM301@1"), codesAndLines(new PublishDiagnosticsParams(uri, stored)));
    }
}
