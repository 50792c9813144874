package dev.memlint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The `memlint` command line. Exit codes: 0 no findings, 1 findings, 2 usage or internal error. */
@Command(name = "memlint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A static analyzer for Python code that uses more memory than it needs.")
public final class Main implements Callable<Integer> {
    /** The subcommands by name, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("ast", AstCommand::new);
        SUBCOMMANDS.put("rules", RulesCommand::new);
        SUBCOMMANDS.put("explain", ExplainCommand::new);
        SUBCOMMANDS.put("estimate", EstimateCommand::new);
        SUBCOMMANDS.put("server", ServerCommand::new);
    }

    @Spec
    CommandSpec spec;

    /** `memlint` alone: show what it can do, and fail like any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.ERROR;
    }

    /** The command line, ready for {@link CommandLine#execute}; tests set its out and err. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments that start with first: only that subcommand when it names one
     * (picocli builds each subcommand's model by reflection, a cost every run of a fresh JVM pays),
     * every one otherwise (the top-level help lists them, a misspelt one gets suggestions).
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        boolean one = SUBCOMMANDS.containsKey(first);
        SUBCOMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) cl.addSubcommand(name, command.get());
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("memlint: internal error: " + e);
            return ExitStatus.ERROR;
        });
        return cl;
    }

    /** A short message and a pointer to --help; the full help would bury the message. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("memlint: error: " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitStatus.ERROR;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check") && Warmup.worthIt(args, System.getenv("MEMLINT_CACHE_DIR"))) {
            Warmup.start();
        }
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        // UTF-8 whatever the locale, buffered because a large run prints thousands of lines.
        cl.setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16)));
        cl.setErr(new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
