package dev.memlint.cli;

import dev.memlint.server.LanguageServerRunner;
import dev.memlint.server.MemlintLanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;

/** `memlint server`: the Language Server Protocol over standard input and output, for editors (docs/editors.md). */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run as a language server (LSP over standard input and output) for editors: "
                + "diagnostics as you type, quick fixes, and estimates on hover.")
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--debounce-ms", paramLabel = "MS", defaultValue = "150",
            description = "How long to wait after an edit before checking, so that typing is not checked key by key "
                    + "(default: ${DEFAULT-VALUE}).")
    long debounceMillis;

    @Override
    public Integer call() throws Exception {
        if (debounceMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--debounce-ms must be 0 or more, got " + debounceMillis);
        }
        // Standard output carries the protocol: anything else printed there would corrupt it.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        MemlintLanguageServer server = new MemlintLanguageServer(VersionProvider.version(), debounceMillis, code -> {
            System.err.flush();
            System.exit(code);
        });
        LanguageServerRunner.serve(server, new FileInputStream(FileDescriptor.in), protocol);
        return ExitStatus.CLEAN; // the client closed the stream without `exit`
    }
}
