package dev.memlint.parse;

import dev.memlint.ast.Arg;
import dev.memlint.ast.Arguments;
import dev.memlint.ast.Comprehension;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Expr.*;
import dev.memlint.ast.Keyword;
import dev.memlint.ast.Node;
import dev.memlint.ast.Operator;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.UnaryOperator;
import dev.memlint.ast.WithItem;

import java.util.Arrays;
import java.util.List;

/**
 * CPython's limits on nesting that brackets and indentation do not bound (`- - - 1`, `lambda: lambda:`,
 * `a ** a ** a`, `f()()()`, `a + a + a`, long elif chains), measured on 3.10.13 to 3.13.0
 * running the file (docs/nesting-limits.md has the figures):
 * <ul>
 * <li>from 3.10 the parser refuses a rule nested 6000 calls deep (MAXSTACK): "Parser stack overflowed"
 * (a MemoryError). The depth is estimated from the tree with the costs CPython's grammar has, measured
 * per construct; it is exact for those shapes and close elsewhere (parentheses, which the tree does not
 * keep, cost about 10 each).</li>
 * <li>after parsing, the compiler refuses a tree whose statements and expressions nest deeper than 3000
 * (3.10-3.12) or 10000 (3.13): "maximum recursion depth exceeded during compilation" (a
 * RecursionError), after any syntax error in the file.</li>
 * </ul>
 * CPython gives neither error a position: memlint reports the line of the top-level statement holding it.
 * Only expressions long enough to come near a limit are walked (see {@link #GATE}).
 */
final class NestingLimits {
    static final int MAXSTACK = 6000;
    /**
     * Every level of nesting takes at least one character, and no limit is reached below about 2,900
     * levels (100 indented blocks cost 600 parser levels, 200 parentheses about 2,000): an expression
     * shorter than this is never walked.
     */
    static final int GATE = 1000;

    // Parser levels to the first operand of a statement (measured: `x = E`, `E`, `x: T = E`).
    private static final int ASSIGNMENT = 33;
    private static final int EXPRESSION_STATEMENT = 31;
    private static final int ANNOTATED = 34;
    private static final int BARE = 32;
    /** An indented block: block, statements, statement, compound_stmt... */
    private static final int BLOCK = 6;

    private final PythonVersion version;
    private final SourceText source;
    private PythonSyntaxError tooDeepToCompile;
    private Stmt statement;
    private int deepest;
    /** One rule more from 3.12 at a constant and under a statement (measured: 3.10 and 3.11 refuse one level later). */
    private final int since312;

    // The walk's stack: node, its depth in the tree (statements and expressions), its parser level.
    private Node[] nodes = new Node[64];
    private int[] depths = new int[64];
    private int[] levels = new int[64];
    private int size;

    NestingLimits(PythonVersion version, SourceText source) {
        this.version = version;
        this.source = source;
        this.since312 = version.atLeast(PythonVersion.PY312) ? 1 : 0;
    }

    /** The compiler's limit on the depth of statements and expressions; 0 when not modelled. */
    static int compilerLimit(PythonVersion v) {
        if (v.atLeast(PythonVersion.PY313)) return 10_000;
        if (v.atLeast(PythonVersion.PY310)) return 3_000;
        return 0;
    }

    static boolean parserLimited(PythonVersion v) {
        return v.atLeast(PythonVersion.PY310);
    }

    /**
     * Checks a top-level statement just built: throws when CPython's parser would overflow in it;
     * remembers the first statement too deep to compile.
     */
    void check(Stmt statement) {
        int compiler = compilerLimit(version);
        boolean parser = parserLimited(version);
        if (compiler == 0 && !parser) return;
        this.statement = statement;
        size = 0;
        push(statement, 1, 0);
        deepest = 0;
        while (size > 0) {
            size--;
            Node n = nodes[size];
            int depth = depths[size];
            int level = levels[size];
            // A statement is at least BARE rules below its own level (`pass` in an elif chain).
            if (parser && level + (n instanceof Stmt ? BARE - 1 + since312 : 0) > MAXSTACK) throw parserOverflow();
            deepest = Math.max(deepest, depth);
            if (n instanceof Stmt s) statementChildren(s, depth, level);
            else if (n instanceof Expr e) expressionChildren(e, depth, level);
            else otherChildren(n, depth, level);
        }
        if (compiler > 0 && deepest > compiler && tooDeepToCompile == null) {
            tooDeepToCompile = new PythonSyntaxError("RecursionError", "maximum recursion depth exceeded during compilation",
                    statement.pos().line(), 1, statement.pos().line(), 1);
        }
    }

    static boolean isParserOverflow(PythonSyntaxError e) {
        return e.kind().equals("MemoryError");
    }

    /** After a whole file parsed: the compiler's error, if a statement nests too deep. */
    void throwIfTooDeepToCompile() {
        if (tooDeepToCompile != null) throw tooDeepToCompile;
    }

    // ---- statements: `level` is the statement's own, the base of its expressions is added here

    private void statementChildren(Stmt s, int depth, int level) {
        int d = depth + 1;
        int inner = level + BLOCK;
        if (s instanceof Stmt.ExprStmt x) expr(x.value(), d, level + EXPRESSION_STATEMENT);
        else if (s instanceof Stmt.Assign a) {
            expr(a.value(), d, level + ASSIGNMENT);
            for (Expr t : a.targets()) expr(t, d, level + ASSIGNMENT);
        } else if (s instanceof Stmt.AugAssign a) {
            expr(a.value(), d, level + ASSIGNMENT);
        } else if (s instanceof Stmt.AnnAssign a) {
            expr(a.value(), d, level + ANNOTATED);
            expr(a.annotation(), d, level + ANNOTATED);
        } else if (s instanceof Stmt.Return r) expr(r.value(), d, level + ASSIGNMENT);
        else if (s instanceof Stmt.If i) {
            expr(i.test(), d, level + ASSIGNMENT);
            block(i.body(), d, inner);
            // `elif` is one more rule deep (elif_stmt), not a block.
            if (i.orelse().size() == 1 && i.orelse().get(0) instanceof Stmt.If elif && isElif(i, elif)) {
                push(elif, d, level + 1);
            } else block(i.orelse(), d, inner);
        } else if (s instanceof Stmt.While w) {
            expr(w.test(), d, level + ASSIGNMENT);
            block(w.body(), d, inner);
            block(w.orelse(), d, inner);
        } else if (s instanceof Stmt.ForNode f) {
            expr(f.iter(), d, level + ASSIGNMENT);
            block(f.body(), d, inner);
            block(f.orelse(), d, inner);
        } else if (s instanceof Stmt.WithNode w) {
            for (WithItem item : w.items()) expr(item.contextExpr(), d, level + ASSIGNMENT);
            block(w.body(), d, inner);
        } else if (s instanceof Stmt.FunctionNode f) {
            for (Expr e : f.decoratorList()) expr(e, d, level + ASSIGNMENT);
            arguments(f.args(), d, level + ASSIGNMENT);
            block(f.body(), d, inner);
        } else if (s instanceof Stmt.ClassDef c) {
            for (Expr e : c.decoratorList()) expr(e, d, level + ASSIGNMENT);
            for (Expr e : c.bases()) expr(e, d, level + ASSIGNMENT);
            block(c.body(), d, inner);
        } else if (s instanceof Stmt.Try t) {
            block(t.body(), d, inner);
            for (var h : t.handlers()) block(h.body(), d + 1, inner);
            block(t.orelse(), d, inner);
            block(t.finalbody(), d, inner);
        } else if (s instanceof Stmt.TryStar t) {
            block(t.body(), d, inner);
            for (var h : t.handlers()) block(h.body(), d + 1, inner);
            block(t.orelse(), d, inner);
            block(t.finalbody(), d, inner);
        } else if (s instanceof Stmt.Match m) {
            expr(m.subject(), d, level + ASSIGNMENT);
            for (var c : m.cases()) block(c.body(), d, inner + BLOCK);
        } else if (s instanceof Stmt.Raise r) {
            expr(r.exc(), d, level + ASSIGNMENT);
        } else if (s instanceof Stmt.Assert a) {
            expr(a.test(), d, level + ASSIGNMENT);
            expr(a.msg(), d, level + ASSIGNMENT);
        } else if (s instanceof Stmt.Delete del) {
            for (Expr t : del.targets()) expr(t, d, level + ASSIGNMENT);
        }
        // import, global, nonlocal, pass, break, continue, type: nothing nests in them
    }

    /** An `elif` is an If alone in the else branch, at the column of the If it continues. */
    private static boolean isElif(Stmt.If outer, Stmt.If inner) {
        return inner.pos().col() == outer.pos().col() && inner.pos().line() > outer.pos().line();
    }

    private void block(List<Stmt> body, int depth, int level) {
        for (Stmt s : body) push(s, depth, level);
    }

    private void arguments(Arguments a, int depth, int level) {
        for (Expr e : a.defaults()) expr(e, depth, level);
        for (Expr e : a.kwDefaults()) expr(e, depth, level);
    }

    // ---- expressions: the costs in parser levels are those measured on CPython 3.13 (the same in 3.10-3.12)

    /** An operand: walked only when long enough to matter; a short one counts as one node. */
    private void expr(Expr e, int depth, int level) {
        if (e == null) return;
        if (long_(e.pos())) push(e, depth, level);
        else {
            if (level > MAXSTACK && parserLimited(version)) throw parserOverflow();
            deepest = Math.max(deepest, depth);
        }
    }

    private void expressionChildren(Expr e, int depth, int level) {
        int d = depth + 1;
        if (e instanceof UnaryOp u) {
            // factor: '-' factor, inversion: 'not' inversion: one rule per operator
            push(u.operand(), d, level + 1);
        } else if (e instanceof BinOp b) {
            // Left operands are read in a loop (left recursion); `**` is power: await_primary '**' factor.
            push(b.left(), d, level);
            push(b.right(), d, level + (b.op() == Operator.Pow ? 2 : 0));
        } else if (e instanceof Lambda l) {
            push(l.body(), d, level + 2);
            arguments(l.args(), d, level + 2);
        } else if (e instanceof IfExp i) {
            push(i.body(), d, level);
            push(i.test(), d, level);
            push(i.orelse(), d, level + 1);
        } else if (e instanceof BoolOp b) {
            for (Expr v : b.values()) push(v, d, level + 2);
        } else if (e instanceof Compare c) {
            push(c.left(), d, level);
            for (Expr v : c.comparators()) push(v, d, level + 3);
        } else if (e instanceof Call c) {
            push(c.func(), d, level);
            for (Expr a : c.args()) push(a, d, level + 6);
            for (Keyword k : c.keywords()) push(k.value(), d, level + 9);
        } else if (e instanceof Attribute a) {
            push(a.value(), d, level);
        } else if (e instanceof Subscript s) {
            push(s.value(), d, level);
            push(s.slice(), d, level + 6);
        } else if (e instanceof TupleExpr t) {
            for (Expr x : t.elts()) push(x, d, level + 2);
        } else if (e instanceof Starred s) {
            push(s.value(), d, level + 2);
        } else if (e instanceof Await a) {
            push(a.value(), d, level + 1);
        } else if (e instanceof Constant) {
            // From 3.12 atom looks ahead for a string or f-string start with a rule before NUMBER: one deeper than a name.
            levelOnly(level + since312);
        } else {
            otherChildren(e, depth, level);
        }
    }

    /** Displays, comprehensions, f-strings and the rest: an element starts a fresh expression, ~11 deeper. */
    private void otherChildren(Node n, int depth, int level) {
        int d = depth + 1;
        int inner = level + 11;
        if (n instanceof ListExpr l) pushAll(l.elts(), d, inner);
        else if (n instanceof SetExpr s) pushAll(s.elts(), d, inner);
        else if (n instanceof DictExpr x) {
            for (Expr k : x.keys()) if (k != null) push(k, d, inner);
            pushAll(x.values(), d, inner);
        } else if (n instanceof NamedExpr x) push(x.value(), d, inner);
        else if (n instanceof ListComp c) comprehension(c.elt(), c.generators(), d, inner);
        else if (n instanceof SetComp c) comprehension(c.elt(), c.generators(), d, inner);
        else if (n instanceof GeneratorExp c) comprehension(c.elt(), c.generators(), d, inner);
        else if (n instanceof DictComp c) {
            push(c.key(), d, inner);
            comprehension(c.value(), c.generators(), d, inner);
        } else if (n instanceof Yield y) {
            if (y.value() != null) push(y.value(), d, inner);
        } else if (n instanceof YieldFrom y) push(y.value(), d, inner);
        else if (n instanceof JoinedStr j) pushAll(j.values(), d, inner);
        else if (n instanceof FormattedValue f) push(f.value(), d, inner);
        else if (n instanceof Slice s) {
            if (s.lower() != null) push(s.lower(), d, inner);
            if (s.upper() != null) push(s.upper(), d, inner);
            if (s.step() != null) push(s.step(), d, inner);
        }
    }

    private void comprehension(Expr elt, List<Comprehension> generators, int depth, int level) {
        push(elt, depth, level);
        for (Comprehension g : generators) {
            push(g.iter(), depth + 1, level);
            pushAll(g.ifs(), depth + 1, level);
        }
    }

    private void pushAll(List<Expr> list, int depth, int level) {
        for (Expr e : list) push(e, depth, level);
    }

    /** A leaf one rule deeper than its node: only the parser's level counts. */
    private void levelOnly(int level) {
        if (level > MAXSTACK && parserLimited(version)) throw parserOverflow();
    }

    private PythonSyntaxError parserOverflow() {
        int line = statement.pos().line();
        return new PythonSyntaxError("MemoryError", "Parser stack overflowed - Python source too complex to parse",
                line, 1, line, 1);
    }

    private void push(Node n, int depth, int level) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            depths = Arrays.copyOf(depths, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        nodes[size] = n;
        depths[size] = depth;
        levels[size] = level;
        size++;
    }

    /** Whether an expression spans at least GATE characters (counting bytes on its last line: never fewer). */
    private boolean long_(Pos p) {
        if (p == null) return true;
        if (p.line() == p.endLine()) return p.endCol() - p.col() >= GATE;
        return source.offset(p.endLine(), 0) + p.endCol() - source.offset(p.line(), 0) >= GATE;
    }
}
