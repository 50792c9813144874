package dev.memlint.rule;

import dev.memlint.ast.Located;
import dev.memlint.ast.Pos;
import dev.memlint.parse.SourceText;
import dev.memlint.semantic.SemanticModel;

/** What a rule sees of the file being checked, and where it reports. */
public interface RuleContext {
    /** The file's path as the user named it. */
    String path();

    SourceText source();

    SemanticModel model();

    /** The source text a node spans (for fixes and messages). */
    String text(Located node);

    /** A node's position as a report range: 1-based code-point columns, end exclusive. */
    TextRange range(Pos pos);

    /** An edit replacing the text a node spans. */
    default Edit replace(Located node, String replacement) {
        return new Edit(range(node.pos()), replacement);
    }

    /** Reports a finding on node with the rule's severity; refine it with the returned builder. */
    FindingBuilder report(Located node, String message);
}
