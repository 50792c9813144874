package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Decides, before parsing, which `match`, `case`, `type` and `_` tokens are keywords, and turns
 * the others into NAMEs. CPython decides this by backtracking; doing it here keeps the grammar
 * LL(1) at statement starts (a `match` line is a statement exactly when it is a block header, a
 * `case` is a keyword only directly inside a match block, `type` only when a name follows).
 */
final class SoftKeywords {
    private SoftKeywords() {}

    static void resolve(List<Token> tokens) {
        Deque<Integer> matchBlockLevels = new ArrayDeque<>();
        int level = 0;
        boolean matchHeaderPending = false;
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            int type = t.getType();
            boolean lineStart = i == 0 || isLineBreak(tokens.get(i - 1).getType());
            if (type == PythonLexer.INDENT) {
                level++;
                if (matchHeaderPending) matchBlockLevels.push(level);
                matchHeaderPending = false;
                continue;
            }
            if (type == PythonLexer.DEDENT) {
                level--;
                while (!matchBlockLevels.isEmpty() && matchBlockLevels.peek() > level) matchBlockLevels.pop();
                continue;
            }
            if (lineStart) matchHeaderPending = false;
            switch (type) {
                case PythonLexer.MATCH -> {
                    if (lineStart && endsBlockHeader(tokens, i)) matchHeaderPending = true;
                    else rename(t);
                }
                case PythonLexer.CASE -> {
                    boolean inMatchBlock = !matchBlockLevels.isEmpty() && matchBlockLevels.peek() == level;
                    if (!(lineStart && inMatchBlock)) rename(t);
                }
                case PythonLexer.TYPE -> {
                    if (i + 1 >= n || !isNameLike(tokens.get(i + 1).getType())) rename(t);
                }
                case PythonLexer.UNDERSCORE -> rename(t);
                default -> { }
            }
        }
    }

    private static boolean isLineBreak(int type) {
        return type == PythonLexer.NEWLINE || type == PythonLexer.INDENT || type == PythonLexer.DEDENT;
    }

    static boolean isNameLike(int type) {
        return type == PythonLexer.NAME || type == PythonLexer.MATCH || type == PythonLexer.CASE
                || type == PythonLexer.TYPE || type == PythonLexer.UNDERSCORE;
    }

    /** True when the logical line starting at {@code from} ends with ':' (a block header). */
    private static boolean endsBlockHeader(List<Token> tokens, int from) {
        for (int j = from + 1; j < tokens.size(); j++) {
            int type = tokens.get(j).getType();
            if (type == PythonLexer.NEWLINE || type == Token.EOF) {
                return tokens.get(j - 1).getType() == PythonLexer.COLON && j - 1 > from;
            }
        }
        return false;
    }

    private static void rename(Token t) {
        ((WritableToken) t).setType(PythonLexer.NAME);
    }
}
