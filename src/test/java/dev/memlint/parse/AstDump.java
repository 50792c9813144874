package dev.memlint.parse;

import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;
import dev.memlint.ast.Ellipsis;
import dev.memlint.ast.Pos;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Canonical dump of memlint's AST in the format of ast_dump.py, to compare with CPython. */
final class AstDump {
    private AstDump() {}

    private static final Map<String, String> NAMES = Map.of(
            "ListExpr", "List", "TupleExpr", "Tuple", "SetExpr", "Set", "DictExpr", "Dict", "ExprStmt", "Expr",
            "Arguments", "arguments", "Arg", "arg", "Keyword", "keyword", "Alias", "alias");
    private static final Map<String, String> NAMES2 = Map.of(
            "Comprehension", "comprehension", "MatchCase", "match_case", "WithItem", "withitem");

    static String dump(Object o) {
        StringBuilder b = new StringBuilder();
        write(o, b);
        return b.toString();
    }

    private static void write(Object o, StringBuilder b) {
        if (o instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(", ");
                write(list.get(i), b);
            }
            b.append(']');
            return;
        }
        if (o instanceof Enum<?> e) {
            b.append(e.name());
            return;
        }
        if (o instanceof Record r && !(o instanceof Bytes) && !(o instanceof Complex)) {
            String simple = r.getClass().getSimpleName();
            String name = NAMES.getOrDefault(simple, NAMES2.getOrDefault(simple, simple));
            TreeMap<String, Object> fields = new TreeMap<>();
            Pos pos = null;
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
                if (c.getName().equals("pos")) {
                    pos = (Pos) v;
                    continue;
                }
                if (v == null || (v instanceof List<?> l && l.isEmpty())) continue;
                fields.put(snake(c.getName()), v);
            }
            b.append(name).append('(');
            boolean first = true;
            boolean constant = name.equals("Constant") || name.equals("MatchSingleton");
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                if (!first) b.append(", ");
                first = false;
                b.append(f.getKey()).append('=');
                Object v = f.getValue();
                if (constant && f.getKey().equals("value")) value(v, b);
                else write(v, b);
            }
            if (pos != null) {
                if (!first) b.append(", ");
                b.append('@').append(pos.line()).append(':').append(pos.col()).append('-')
                        .append(pos.endLine()).append(':').append(pos.endCol());
            }
            b.append(')');
            return;
        }
        if (o instanceof String s) {
            b.append(json(s));
            return;
        }
        value(o, b);
    }

    private static void value(Object v, StringBuilder b) {
        if (v == null) b.append("None");
        else if (v instanceof Boolean bool) b.append(bool ? "True" : "False");
        else if (v == Ellipsis.INSTANCE) b.append("Ellipsis");
        else if (v instanceof String s) b.append(json(s));
        else if (v instanceof Bytes bytes) {
            b.append('b');
            for (byte x : bytes.data()) b.append(String.format("%02x", x & 0xff));
        } else if (v instanceof BigInteger i) b.append(i);
        else if (v instanceof Double d) b.append('f').append(Double.doubleToRawLongBits(d));
        else if (v instanceof Complex c) {
            b.append('c').append(Double.doubleToRawLongBits(c.real())).append(',')
                    .append(Double.doubleToRawLongBits(c.imag()));
        } else b.append(v);
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }

    /** Like Python's json.dumps with ensure_ascii. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
