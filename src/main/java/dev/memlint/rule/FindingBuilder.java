package dev.memlint.rule;

import dev.memlint.ast.Located;

/** Adds details to a reported finding. */
public interface FindingBuilder {
    /** A secondary location (for instance the loop that repeats the reported operation). */
    FindingBuilder related(Located node, String message);

    /**
     * The loop that repeats the reported operation: a related location, and the key that makes the
     * findings of one rule in one loop a single finding (the others become its related locations).
     */
    FindingBuilder loop(Located loop);

    /** One step of the chain of statements that explains the finding, in order (SARIF codeFlows). */
    FindingBuilder step(Located node, String message);

    /** Overrides the rule's default severity for this finding (null keeps it). */
    FindingBuilder severity(Severity severity);

    /** What the finding costs; its text is added to the message. */
    FindingBuilder cost(Cost cost);

    /** A mechanical rewrite that removes the finding. */
    FindingBuilder fix(String description, Fix.Applicability applicability, Edit... edits);
}
