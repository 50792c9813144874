package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the default-channel tokens of a source text, rendered as "TYPE 'text' line:column". */
final class LexedTokens {
    private LexedTokens() {}

    static List<Token> lex(String source) {
        PythonLexer lexer = new PythonLexer(CharStreams.fromString(source));
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(t);
            }
            if (t.getType() == Token.EOF) {
                return tokens;
            }
        }
    }

    static String name(int type) {
        return type == Token.EOF ? "EOF" : PythonLexer.VOCABULARY.getSymbolicName(type);
    }

    /** Space-separated token names, e.g. "NAME EQUAL NUMBER NEWLINE EOF". */
    static String types(String source) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(source)) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(name(t.getType()));
        }
        return sb.toString();
    }

    /** One token per line: TYPE 'text' line:column. */
    static String dump(String source) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(source)) {
            sb.append(name(t.getType())).append(" '").append(t.getType() == Token.EOF ? "" : t.getText())
              .append("' ").append(t.getLine()).append(':').append(t.getCharPositionInLine()).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        for (String a : args) {
            String src = a.replace("\\n", "\n").replace("\\t", "\t");
            try {
                System.out.print(dump(src));
            } catch (PythonSyntaxError e) {
                System.out.println(e.kind() + ": " + e.getMessage() + " @" + e.line() + ":" + e.column());
            }
            System.out.println("--");
        }
    }
}
