/**
 * The rule engine. To add a rule (three files and one registry line):
 * <ol>
 * <li>{@code rule/<family>/<ProblemName>Rule.java}: a class implementing {@link dev.memlint.rule.Rule},
 *     annotated {@code @RuleMeta(code = "MEM201", name = "string-concatenation-in-loop", severity = ...,
 *     summary = "...")}. In {@code init(RuleInit init)} subscribe by node type:
 *     {@code init.on(Stmt.AugAssign.class, (ctx, node) -> ...)} (interfaces like {@code Stmt.ForNode}
 *     work too; {@code init.onFileEnd(ctx -> ...)} runs once at the end). Report with
 *     {@code ctx.report(node, "neutral message")}, optionally {@code .loop(loop)} (the loop that repeats it: one finding per rule and loop),
 *     {@code .related(node, "defined here")},
 *     {@code .severity(Severity.NOTE)}, {@code .fix("description", Fix.Applicability.SAFE, ctx.replace(node, "new"))}.
 *     Ask {@code ctx.model()} (a {@link dev.memlint.semantic.SemanticModel}) for parents, scopes, symbols
 *     with bindings and uses, {@code qualifiedName(expr)} ("collections.deque", "builtins.list"),
 *     {@code typeOf(expr)} (a {@link dev.memlint.semantic.PyType}; UNKNOWN means stay silent) and
 *     {@code enclosingLoop(node)}. A fresh rule instance is made per file, so fields may hold state.</li>
 * <li>{@code testdata/<family>/<CODE>.py}: real-looking Python; every line that must be flagged ends
 *     with {@code # expect: CODE}; every other line must stay clean (have at least as many clean
 *     look-alikes as flagged lines). RuleFixturesTest runs it.</li>
 * <li>{@code rules/<CODE>.md} with sections What it does / Why is this bad? / Example / Use instead /
 *     References; the Example block must trigger the rule and the Use instead block must not
 *     (ConventionsTest).</li>
 * <li>One line in {@link dev.memlint.rule.RuleRegistry}'s sorted list.</li>
 * </ol>
 * Suppression ({@code # noqa}), configuration and selection are applied by the engine and its caller,
 * never by rules.
 */
package dev.memlint.rule;
