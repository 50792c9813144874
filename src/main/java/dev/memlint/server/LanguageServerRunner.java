package dev.memlint.server;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Serves the Language Server Protocol on a pair of streams (standard input and output for `memlint server`). */
public final class LanguageServerRunner {
    private LanguageServerRunner() {}

    /** Starts serving; the returned future completes when the input ends. */
    public static Future<Void> start(MemlintLanguageServer server, InputStream in, OutputStream out) {
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        return launcher.startListening();
    }

    /** Serves until the input ends (the client went away) or `exit` arrives. */
    public static void serve(MemlintLanguageServer server, InputStream in, OutputStream out)
            throws InterruptedException, ExecutionException {
        start(server, in, out).get();
    }
}
