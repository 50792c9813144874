package dev.memlint.memory.cfg;

import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Located;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.WithItem;

/**
 * One step a basic block executes, in order. Simple statements appear whole; compound statements
 * are split into the steps their headers perform (evaluate a test, get an iterator, bind the next
 * item, enter or leave a context manager, bind or unbind an exception name, match a case).
 */
public sealed interface Element {

    /** A statement without a body of its own: assignment, expression, return, raise, def, class, import… */
    record Simple(Stmt stmt) implements Element {}

    /** Evaluates a branch condition (if, while, assert, comprehension if-clause, match guard). */
    record Condition(Expr test) implements Element {}

    /** {@code iter(iterable)} at the start of a for loop or a comprehension clause. */
    record IterInit(Expr iterable, Located owner) implements Element {}

    /** Binds target to the iterator's next item at the top of each iteration. */
    record IterNext(Expr target, Located owner) implements Element {}

    /** A for loop ran out of items: its body ran for every one (a break skips this step). */
    record IterDone(Stmt.ForNode loop) implements Element {}

    /** Appends one element of a comprehension to its result (value is null except for dict keys: key). */
    record Collect(Expr element, Expr value, Expr comprehension) implements Element {}

    /** Calls {@code __enter__} of a context manager and binds its optional target. */
    record WithEnter(WithItem item, Stmt with) implements Element {}

    /** Calls {@code __exit__} of every context manager of a with statement. */
    record WithExit(Stmt with) implements Element {}

    /** Entering an except clause: binds its name, if any, to the exception being handled. */
    record HandlerBind(ExceptHandler handler) implements Element {}

    /** Leaving an except clause: CPython deletes its name ({@code e = None; del e}). */
    record HandlerUnbind(ExceptHandler handler) implements Element {}

    /** Evaluates the subject of a match statement. */
    record MatchSubject(Stmt.Match match) implements Element {}

    /** Tries one case's pattern, binding its captures. */
    record MatchTry(MatchCase matchCase) implements Element {}
}
