package dev.memlint.cli;

import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * `memlint rules`: every rule with its code, name, whether it runs by default ("on") or only when
 * selected ("opt-in": --extend-select), and its summary.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List every rule: code, name, on by default or opt-in, summary.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int nameWidth = RuleRegistry.all().stream().mapToInt(r -> r.name().length()).max().orElse(10);
        for (RuleInfo r : RuleRegistry.all()) {
            out.printf("%-7s %-" + nameWidth + "s  %-6s  %s%n", r.code(), r.name(), r.defaultEnabled() ? "on" : "opt-in",
                    r.summary());
        }
        out.flush();
        return ExitStatus.CLEAN;
    }
}
