package dev.memlint.rule;

import dev.memlint.ast.Node;
import dev.memlint.parse.PythonVersion;

import java.util.function.Consumer;

/** What a rule can do in {@link Rule#init}: subscribe to node kinds and read its options. */
public interface RuleInit {

    /** A callback for one node of a subscribed kind. */
    @FunctionalInterface
    interface NodeHandler<T extends Node> {
        void visit(RuleContext ctx, T node);
    }

    /**
     * Calls handler for every node that is an instance of kind (a record such as Expr.Call, or an
     * interface such as Stmt.ForNode), in source order (pre-order).
     */
    <T extends Node> void on(Class<T> kind, NodeHandler<T> handler);

    /** Calls handler once after the whole file was walked. */
    void onFileEnd(Consumer<RuleContext> handler);

    /** The value of one of the rule's declared {@link RuleMeta.Option}s, as configured. */
    long option(String name);

    /** The Python version the code targets (--target-version). */
    PythonVersion targetVersion();

    /**
     * The oldest Python the code must run on: --target-version when given, else requires-python of
     * the project's pyproject.toml, else 3.8. Advice must work there (slots=True needs 3.10).
     */
    PythonVersion lowestPython();

    /**
     * Whether the file is test code (the test-code globs): of the rules that still run there, one
     * may hold back advice that does not fit a test, such as caching a class a helper makes per call.
     */
    default boolean testCode() {
        return false;
    }
}
