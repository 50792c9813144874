package dev.memlint.cli;

import dev.memlint.rule.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `memlint explain CODE`: prints the rule's documentation (rules/CODE.md, shipped in the jar). */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Print the documentation of a rule.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CODE", description = "A rule code, e.g. MEM201 (see `memlint rules`).")
    String code;

    @Override
    public Integer call() throws IOException {
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (RuleRegistry.info(c) == null) {
            spec.commandLine().getErr().println("memlint: error: unknown rule code '" + code
                    + "' (see `memlint rules`)");
            return ExitStatus.ERROR;
        }
        try (InputStream in = ExplainCommand.class.getResourceAsStream("/rules/" + c + ".md")) {
            if (in == null) {
                spec.commandLine().getErr().println("memlint: error: no documentation for " + c);
                return ExitStatus.ERROR;
            }
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        }
        return ExitStatus.CLEAN;
    }
}
