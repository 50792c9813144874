package dev.memlint.cli;

import dev.memlint.rule.RuleRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesAndExplainTest {
    @Test
    void rulesListsEveryCodeOncePerLine() {
        CliRun run = CliRun.of("rules");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(RuleRegistry.all().size(), run.out().lines().count(), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("MEM604\\s+mutated-mutable-default\\s+on\\s+.+")),
                run.toString());
        // Opt-in: under 90% of its judged findings on real code were worth acting on (precision.tsv).
        assertTrue(run.out().lines().anyMatch(l -> l.matches("MEM201\\s+string-concatenation-in-loop\\s+opt-in\\s+.+")),
                run.toString());
    }

    @Test
    void explainPrintsTheDocOfACodeInAnyCase() {
        CliRun run = CliRun.of("explain", "mem001");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("# MEM001 syntax-error"), run.toString());
    }

    @Test
    void explainOfAnUnknownCodeIsAUsageError() {
        CliRun run = CliRun.of("explain", "MEM999");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("unknown rule code 'MEM999'"), run.toString());
    }
}
