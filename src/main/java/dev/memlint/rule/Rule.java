package dev.memlint.rule;

/**
 * A rule: one class, annotated with {@link RuleMeta}, with a public no-argument constructor. The
 * engine makes a fresh instance per file (fields may hold per-file state) and calls
 * {@link #init(RuleInit)} once, where the rule subscribes to the node kinds it wants.
 */
public interface Rule {
    void init(RuleInit init);
}
