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
 * `a ** a ** a`, `f()()()`, `a + a + a`, long elif chains), measured on 3.8.18 to 3.13.0 running the
 * file (docs/nesting-limits.md has the figures; bench/nesting/thresholds.py measures them):
 * <ul>
 * <li>the parser refuses a rule nested too deep: 3.8's LL(1) parser has a stack of 1700 rules
 * ("s_push: parser stack overflow", then a MemoryError), the PEG parser of 3.9 to 3.13 6000 calls
 * ("Parser stack overflowed", a MemoryError). The depth is estimated from the tree with the costs each
 * grammar has, measured per construct ({@link Grammar}); it is exact for those shapes and close elsewhere.
 * The tree keeps no parentheses: they are counted in the source before each operand (17 rules each
 * for 3.8; for the PEG parser 10 for the first pair on the way to an operand, 28 for each further one).</li>
 * <li>after parsing, the compiler refuses a tree whose statements and expressions nest deeper than 3000
 * (3.8-3.12) or 10000 (3.13): "maximum recursion depth exceeded during compilation" (a
 * RecursionError), after any syntax error in the file. 3.8 and 3.9 fold constants first, without a
 * limit ({@link ConstantFolding}).</li>
 * </ul>
 * CPython gives neither error a position: memlint reports the line of the top-level statement holding it.
 * Only expressions long enough to come near a limit are walked ({@link Grammar#gate}).
 */
final class NestingLimits {
    /**
     * A parser's stack and what each construct costs on it: `level` is the stack's height at an operand
     * standing alone (a name), a child is that many levels deeper than its parent.
     *
     * @param gate no limit is reached in an expression shorter than this many characters, even under 99
     *     blocks: shorter ones are not walked. Parentheses are the cheapest way down: 8.5 rules a character
     *     for 3.8 (gate 150 at most), 14 for the PEG parser (380 at most).
     * @param assignment levels to the operand of `x = E` (also a return, a test, an iterable...)
     * @param bare the levels of the shallowest statement (`pass`) below its own level
     * @param display an element of a list, a comprehension's parts, an f-string's fields and the rest
     * @param braces an element of a set or dict, or of their comprehensions
     * @param atConstant a constant's extra level over a name
     * @param paren the cost of the first pair of parentheses on the way to an operand (also a tuple's)
     * @param nestedParen the cost of each further pair on that way
     */
    record Grammar(int stack, String overflow, int gate, int assignment, int expressionStatement, int annotated,
                   int bare, int block, int elif, int unary, int powerRight, int lambdaBody, int orElse,
                   int boolOperand, int comparator, int callArgument, int keywordArgument, int subscript,
                   int tupleElement, int starred, int await, int display, int braces, int atConstant, int paren,
                   int nestedParen) {}

    /** 3.8's LL(1) parser, levels counted in its grammar (Grammar/Grammar) and measured on 3.8.18. */
    static final Grammar LL1 = new Grammar(1700, "s_push: parser stack overflow", 100,
            21, 21, 22, 5, 4, 0, 1, 2, 2, 1, 0, 0, 17, 17, 17, 0, -4, 0, 17, 16, 0, 17, 17);
    private static final String PEG_OVERFLOW = "Parser stack overflowed - Python source too complex to parse";
    /** The PEG parser of 3.9 to 3.11 (measured on 3.9.18, 3.10.13, 3.11.7; 3.9 and 3.11 print a bare MemoryError). */
    static final Grammar PEG = new Grammar(6000, PEG_OVERFLOW, 300,
            33, 31, 34, 31, 6, 1, 1, 2, 2, 1, 2, 3, 6, 9, 6, 2, 2, 1, 11, 11, 0, 10, 28);
    /** From 3.12 atom looks ahead for a string or f-string start before NUMBER, and statements one rule more. */
    static final Grammar PEG_312 = new Grammar(6000, PEG_OVERFLOW, 300,
            33, 31, 34, 32, 6, 1, 1, 2, 2, 1, 2, 3, 6, 9, 6, 2, 2, 1, 11, 11, 1, 10, 28);

    /** One version's limits: its parser, the compiler's depth limit, whether constants fold before it counts. */
    record Limits(Grammar grammar, int compilerDepth, boolean foldsFirst) {
        static Limits of(PythonVersion v) {
            if (v.atLeast(PythonVersion.PY313)) return new Limits(PEG_312, 10_000, false);
            if (v.atLeast(PythonVersion.PY312)) return new Limits(PEG_312, 3_000, false);
            if (v.atLeast(PythonVersion.PY310)) return new Limits(PEG, 3_000, false);
            if (v.atLeast(PythonVersion.PY39)) return new Limits(PEG, 3_000, true);
            return new Limits(LL1, 3_000, true);
        }
    }

    private final Limits limits;
    private final Grammar g;
    private final SourceText source;
    private final ConstantFolding folding = new ConstantFolding();
    private PythonSyntaxError tooDeepToCompile;
    private Stmt statement;
    private int deepest;
    // Where the parentheses before an operand are looked for: from the parent's start, but not its own '('.
    private int parentStart;
    private int ownParen;

    // The walk's stack: node, its depth in the tree (statements and expressions, a folded constant one
    // node), its parser level, whether it is inside a folded constant.
    private Node[] nodes = new Node[64];
    private int[] depths = new int[64];
    private int[] levels = new int[64];
    private boolean[] folded = new boolean[64];
    /** How many pairs of parentheses hold the node. */
    private int[] parensAround = new int[64];
    private int currentParens;
    private boolean pushingFolded;
    private int size;

    NestingLimits(PythonVersion version, SourceText source) {
        this.limits = Limits.of(version);
        this.g = limits.grammar();
        this.source = source;
    }

    /**
     * Checks a top-level statement just built: throws when CPython's parser would overflow in it;
     * remembers the first statement too deep to compile.
     */
    void check(Stmt statement) {
        this.statement = statement;
        size = 0;
        pushingFolded = false;
        parentStart = 0;
        ownParen = -1;
        currentParens = 0;
        push(statement, 1, 0);
        deepest = 0;
        while (size > 0) {
            size--;
            Node n = nodes[size];
            int depth = depths[size];
            int level = levels[size];
            currentParens = parensAround[size];
            // A statement is at least `bare` rules below its own level (`pass` in an elif chain).
            if (level + (n instanceof Stmt ? g.bare() : 0) > g.stack()) throw parserOverflow();
            deepest = Math.max(deepest, depth);
            pushingFolded = folded[size] || limits.foldsFirst() && n instanceof Expr e && foldable(e) && folding.folds(e);
            int d = pushingFolded ? depth : depth + 1;
            aroundChildrenOf(n);
            if (n instanceof Stmt s) statementChildren(s, d, level);
            else if (n instanceof Expr e) expressionChildren(e, d, level);
        }
        folding.clear();
        if (deepest > limits.compilerDepth() && tooDeepToCompile == null) {
            tooDeepToCompile = new PythonSyntaxError("RecursionError", "maximum recursion depth exceeded during compilation",
                    statement.pos().line(), 1, statement.pos().line(), 1);
        }
    }

    private static boolean foldable(Expr e) {
        return e instanceof UnaryOp || e instanceof BinOp || e instanceof TupleExpr;
    }

    static boolean isParserOverflow(PythonSyntaxError e) {
        return e.kind().equals("MemoryError");
    }

    /** After a whole file parsed: the compiler's error, if a statement nests too deep. */
    void throwIfTooDeepToCompile() {
        if (tooDeepToCompile != null) throw tooDeepToCompile;
    }

    // ---- statements: `level` is the statement's own, the base of its expressions is added here;
    // `d` is the depth of the children

    private void statementChildren(Stmt s, int d, int level) {
        int inner = level + g.block();
        int base = level + g.assignment();
        if (s instanceof Stmt.ExprStmt x) expr(x.value(), d, level + g.expressionStatement());
        else if (s instanceof Stmt.Assign a) {
            expr(a.value(), d, base);
            for (Expr t : a.targets()) expr(t, d, base);
        } else if (s instanceof Stmt.AugAssign a) {
            expr(a.value(), d, base);
        } else if (s instanceof Stmt.AnnAssign a) {
            expr(a.value(), d, level + g.annotated());
            expr(a.annotation(), d, level + g.annotated());
        } else if (s instanceof Stmt.Return r) expr(r.value(), d, base);
        else if (s instanceof Stmt.If i) {
            expr(i.test(), d, base);
            block(i.body(), d, inner);
            // An `elif` is not a block: one rule deeper in the PEG parser (elif_stmt), none in 3.8's (a loop).
            if (i.orelse().size() == 1 && i.orelse().get(0) instanceof Stmt.If elif && isElif(i, elif)) {
                push(elif, d, level + g.elif());
            } else block(i.orelse(), d, inner);
        } else if (s instanceof Stmt.While w) {
            expr(w.test(), d, base);
            block(w.body(), d, inner);
            block(w.orelse(), d, inner);
        } else if (s instanceof Stmt.ForNode f) {
            expr(f.iter(), d, base);
            block(f.body(), d, inner);
            block(f.orelse(), d, inner);
        } else if (s instanceof Stmt.WithNode w) {
            for (WithItem item : w.items()) expr(item.contextExpr(), d, base);
            block(w.body(), d, inner);
        } else if (s instanceof Stmt.FunctionNode f) {
            for (Expr e : f.decoratorList()) expr(e, d, base);
            arguments(f.args(), d, base);
            block(f.body(), d, inner);
        } else if (s instanceof Stmt.ClassDef c) {
            for (Expr e : c.decoratorList()) expr(e, d, base);
            for (Expr e : c.bases()) expr(e, d, base);
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
            expr(m.subject(), d, base);
            for (var c : m.cases()) block(c.body(), d, inner + g.block());
        } else if (s instanceof Stmt.Raise r) {
            expr(r.exc(), d, base);
        } else if (s instanceof Stmt.Assert a) {
            expr(a.test(), d, base);
            expr(a.msg(), d, base);
        } else if (s instanceof Stmt.Delete del) {
            for (Expr t : del.targets()) expr(t, d, base);
        }
        // import, global, nonlocal, pass, break, continue, type: nothing nests in them
    }

    /** An `elif` is an If alone in the else branch, at the column of the If it continues. */
    private static boolean isElif(Stmt.If outer, Stmt.If inner) {
        return inner.pos().col() == outer.pos().col() && inner.pos().line() > outer.pos().line();
    }

    private void block(List<Stmt> body, int d, int level) {
        for (Stmt s : body) push(s, d, level);
    }

    private void arguments(Arguments a, int d, int level) {
        for (Expr e : a.defaults()) expr(e, d, level);
        for (Expr e : a.kwDefaults()) expr(e, d, level);
    }

    // ---- expressions

    /** An operand of a statement: walked only when long enough to matter; a short one counts as one node. */
    private void expr(Expr e, int d, int level) {
        if (e == null) return;
        if (long_(e.pos())) push(e, d, level);
        else {
            if (level + parenCost(parens(e)) > g.stack()) throw parserOverflow();
            deepest = Math.max(deepest, d);
        }
    }

    private void expressionChildren(Expr e, int d, int level) {
        if (e instanceof UnaryOp u) {
            // factor: '-' factor, inversion: 'not' inversion: one rule per operator
            push(u.operand(), d, level + g.unary());
        } else if (e instanceof BinOp b) {
            // Left operands are read in a loop; `**` is power: primary '**' factor.
            push(b.left(), d, level);
            push(b.right(), d, level + (b.op() == Operator.Pow ? g.powerRight() : 0));
        } else if (e instanceof Lambda l) {
            push(l.body(), d, level + g.lambdaBody());
            arguments(l.args(), d, level + g.lambdaBody());
        } else if (e instanceof IfExp i) {
            push(i.body(), d, level);
            push(i.test(), d, level);
            push(i.orelse(), d, level + g.orElse());
        } else if (e instanceof BoolOp b) {
            for (Expr v : b.values()) push(v, d, level + g.boolOperand());
        } else if (e instanceof Compare c) {
            push(c.left(), d, level);
            for (Expr v : c.comparators()) push(v, d, level + g.comparator());
        } else if (e instanceof Call c) {
            push(c.func(), d, level);
            for (Expr a : c.args()) push(a, d, level + g.callArgument());
            for (Keyword k : c.keywords()) push(k.value(), d, level + g.keywordArgument());
        } else if (e instanceof Attribute a) {
            push(a.value(), d, level);
        } else if (e instanceof Subscript s) {
            push(s.value(), d, level);
            push(s.slice(), d, level + g.subscript());
        } else if (e instanceof TupleExpr t) {
            // The parentheses of a tuple are its own: every element is inside them, the first as in a group.
            if (!isParenthesized(t)) {
                for (Expr x : t.elts()) push(x, d, level + g.tupleElement());
                return;
            }
            int inside = level + parenCost(1);
            currentParens++;
            for (int i = 0; i < t.elts().size(); i++) push(t.elts().get(i), d, inside + (i > 0 ? g.tupleElement() : 0));
        } else if (e instanceof Starred s) {
            push(s.value(), d, level + g.starred());
        } else if (e instanceof Await a) {
            push(a.value(), d, level + g.await());
        } else if (e instanceof Constant) {
            levelOnly(level + g.atConstant());
        } else {
            otherChildren(e, d, level);
        }
    }

    /** Displays, comprehensions, f-strings and the rest: an element starts a fresh expression. */
    private void otherChildren(Node n, int d, int level) {
        int inner = level + g.display();
        int braced = level + g.braces();
        if (n instanceof ListExpr l) pushAll(l.elts(), d, inner);
        else if (n instanceof SetExpr s) pushAll(s.elts(), d, braced);
        else if (n instanceof DictExpr x) {
            for (Expr k : x.keys()) if (k != null) push(k, d, braced);
            pushAll(x.values(), d, braced);
        } else if (n instanceof NamedExpr x) push(x.value(), d, inner);
        else if (n instanceof ListComp c) comprehension(c.elt(), c.generators(), d, inner);
        else if (n instanceof SetComp c) comprehension(c.elt(), c.generators(), d, braced);
        else if (n instanceof GeneratorExp c) comprehension(c.elt(), c.generators(), d, inner);
        else if (n instanceof DictComp c) {
            push(c.key(), d, braced);
            comprehension(c.value(), c.generators(), d, braced);
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

    private void comprehension(Expr elt, List<Comprehension> generators, int d, int level) {
        push(elt, d, level);
        for (Comprehension c : generators) {
            push(c.iter(), d + 1, level);
            pushAll(c.ifs(), d + 1, level);
        }
    }

    private void pushAll(List<Expr> list, int d, int level) {
        for (Expr e : list) push(e, d, level);
    }

    /** A leaf deeper than its node: only the parser's level counts. */
    private void levelOnly(int level) {
        if (level > g.stack()) throw parserOverflow();
    }

    private PythonSyntaxError parserOverflow() {
        int line = statement.pos().line();
        return new PythonSyntaxError("MemoryError", g.overflow(), line, 1, line, 1);
    }

    private void push(Node n, int depth, int level) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            depths = Arrays.copyOf(depths, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
            folded = Arrays.copyOf(folded, size * 2);
            parensAround = Arrays.copyOf(parensAround, size * 2);
        }
        int parens = n instanceof Expr e ? parens(e) : 0;
        nodes[size] = n;
        depths[size] = depth;
        levels[size] = level + parenCost(parens);
        folded[size] = pushingFolded;
        parensAround[size] = n instanceof Stmt ? 0 : currentParens + parens;
        size++;
    }

    // ---- parentheses

    /** Sets where the parentheses of n's children are looked for: after n's start, other than n's own '('. */
    private void aroundChildrenOf(Node n) {
        Pos p = n instanceof Expr e ? e.pos() : n instanceof Stmt s ? s.pos() : null;
        parentStart = p == null ? Integer.MAX_VALUE : source.offset(p.line(), p.col());
        ownParen = -1;
        if (n instanceof Call c && c.func().pos() != null) {
            Pos f = c.func().pos();
            ownParen = after(source.offset(f.endLine(), f.endCol()), ')');
        } else if ((n instanceof TupleExpr t && isParenthesized(t)) || n instanceof GeneratorExp) {
            ownParen = parentStart;
        }
    }

    /** The first character from i on that is neither blank nor `skip` (a call's '(' after `(f)`). */
    private int after(int i, char skip) {
        String text = source.text();
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == skip || text.charAt(i) == '\\')) i++;
        return i;
    }

    /** The levels that `count` more pairs of parentheses around the current node's child cost. */
    private int parenCost(int count) {
        if (count == 0) return 0;
        return currentParens == 0 ? g.paren() + (count - 1) * g.nestedParen() : count * g.nestedParen();
    }

    /** How many redundant pairs of parentheses are right before e (blanks and line continuations between them). */
    private int parens(Expr e) {
        if (e.pos() == null) return 0;
        String text = source.text();
        int count = 0;
        for (int i = source.offset(e.pos().line(), e.pos().col()) - 1; i >= parentStart; i--) {
            char c = text.charAt(i);
            if (c == '(') {
                if (i != ownParen) count++;
            } else if (!Character.isWhitespace(c) && c != '\\') break;
        }
        return count;
    }

    private static boolean isParenthesized(TupleExpr t) {
        if (t.elts().isEmpty() || t.pos() == null || t.elts().get(0).pos() == null) return true;
        Pos first = t.elts().get(0).pos();
        return first.col() != t.pos().col() || first.line() != t.pos().line();
    }

    /** Whether an expression spans at least the gate's characters (counting bytes on its last line: never fewer). */
    private boolean long_(Pos p) {
        if (p == null) return true;
        if (p.line() == p.endLine()) return p.endCol() - p.col() >= g.gate();
        return source.offset(p.endLine(), 0) + p.endCol() - source.offset(p.line(), 0) >= g.gate();
    }
}
