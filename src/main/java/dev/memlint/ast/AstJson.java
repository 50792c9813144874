package dev.memlint.ast;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSON dump of memlint's syntax tree in CPython's {@code ast} vocabulary: the output of
 * {@code memlint ast FILE}, and the format that {@code src/test/python/ast_dump.py} produces from
 * CPython so that the two trees can be compared field by field.
 *
 * <p>Format:
 * <ul>
 *   <li>A node is an object {@code {"_type": "BinOp", <fields>...}} with CPython's node type name
 *       (so {@code ListExpr} is "List", {@code ExprStmt} "Expr", {@code Arg} "arg",
 *       {@code WithItem} "withitem", {@code MatchCase} "match_case" ...) and CPython's snake_case
 *       field names in CPython's order. A node with a position ends with {@code lineno},
 *       {@code col_offset}, {@code end_lineno}, {@code end_col_offset} (columns in UTF-8 bytes).
 *       {@code type_comment} and {@code type_ignores} are not part of the format.</li>
 *   <li>Lists are arrays; a missing optional child is {@code null}; identifiers, {@code kind} and
 *       other strings are strings; small integer fields ({@code level}, {@code conversion},
 *       {@code simple}, {@code is_async}) are numbers.</li>
 *   <li>Operators and contexts ({@code ctx}, {@code op}, {@code ops}) are their names: "Load", "Add".</li>
 *   <li>Constant values: str as a string; bytes as {@code {"bytes": "<each byte as one latin-1 char>"}};
 *       int as {@code {"int": "<decimal>"}} (with more than 4300 decimal digits, which CPython's
 *       {@code str()} refuses to write, as {@code {"int": "0x<hex>"}} like Python's {@code hex()});
 *       float as {@code {"float": "<IEEE-754 bits as a signed decimal long>"}}; complex as
 *       {@code {"complex": ["<bits of real>", "<bits of imag>"]}};
 *       True/False as booleans; None as null; Ellipsis as {@code {"ellipsis": true}}.</li>
 * </ul>
 */
public final class AstJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    // Python allows trees far deeper than Jackson's default limit of 1000.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build());
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("ListExpr", "List"), Map.entry("TupleExpr", "Tuple"), Map.entry("SetExpr", "Set"),
            Map.entry("DictExpr", "Dict"), Map.entry("ExprStmt", "Expr"), Map.entry("Arg", "arg"),
            Map.entry("Keyword", "keyword"), Map.entry("Alias", "alias"), Map.entry("WithItem", "withitem"),
            Map.entry("MatchCase", "match_case"), Map.entry("Comprehension", "comprehension"),
            Map.entry("Arguments", "arguments"));
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private AstJson() {}

    /** The tree as one line of JSON. */
    public static String toJson(Module module) {
        try {
            return MAPPER.writeValueAsString(toTree(module));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    /** The tree as a Jackson tree (what {@link #toJson} writes). */
    public static JsonNode toTree(Node node) {
        Shape shape = SHAPES.computeIfAbsent(node.getClass(), Shape::of);
        ObjectNode out = F.objectNode();
        out.put("_type", shape.typeName);
        for (int i = 0; i < shape.accessors.length; i++) {
            Object value = invoke(shape.accessors[i], node);
            if (value instanceof Pos pos) {
                out.put("lineno", pos.line());
                out.put("col_offset", pos.col());
                out.put("end_lineno", pos.endLine());
                out.put("end_col_offset", pos.endCol());
            } else if (node instanceof Expr.Constant && shape.fieldNames[i].equals("value")) {
                out.set("value", constant(value));
            } else {
                out.set(shape.fieldNames[i], value(value));
            }
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof Node n) return toTree(n);
        if (v instanceof List<?> list) {
            ArrayNode a = F.arrayNode(list.size());
            for (Object o : list) a.add(value(o));
            return a;
        }
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Enum<?> e) return F.textNode(e.name());
        throw new IllegalArgumentException("no JSON form for a field of type " + v.getClass().getName());
    }

    /** A Constant's value in the tagged form described in the class comment. */
    private static JsonNode constant(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof BigInteger i) return tagged("int", F.textNode(intText(i)));
        if (v instanceof Double d) return tagged("float", bits(d));
        if (v instanceof Complex c) return tagged("complex", F.arrayNode().add(bits(c.real())).add(bits(c.imag())));
        if (v instanceof Ellipsis) return tagged("ellipsis", F.booleanNode(true));
        if (v instanceof Bytes b) {
            char[] chars = new char[b.length()];
            for (int i = 0; i < chars.length; i++) chars[i] = (char) (b.data()[i] & 0xFF);
            return tagged("bytes", F.textNode(new String(chars)));
        }
        throw new IllegalArgumentException("not a Constant value: " + v.getClass().getName());
    }

    /** 10^4300: ints from here on have more decimal digits than CPython's str() writes by default. */
    private static final BigInteger DECIMAL_LIMIT = BigInteger.TEN.pow(4300);
    /** 2^14284 < 10^4300: ints of fewer bits need no comparison. */
    private static final int SURELY_DECIMAL_BITS = 14284;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /**
     * Decimal, or like Python's hex() past CPython's limit: BigInteger's conversions to text take
     * seconds per megabyte of a hex literal (in any radix); this one is linear.
     */
    private static String intText(BigInteger i) {
        if (i.bitLength() <= SURELY_DECIMAL_BITS || i.abs().compareTo(DECIMAL_LIMIT) < 0) return i.toString();
        byte[] magnitude = i.abs().toByteArray();
        char[] digits = new char[magnitude.length * 2];
        for (int k = 0; k < magnitude.length; k++) {
            digits[2 * k] = HEX_DIGITS[(magnitude[k] >> 4) & 0xF];
            digits[2 * k + 1] = HEX_DIGITS[magnitude[k] & 0xF];
        }
        int first = 0;
        while (digits[first] == '0') first++; // a sign byte, a zero high nibble
        return (i.signum() < 0 ? "-0x" : "0x") + new String(digits, first, digits.length - first);
    }

    private static JsonNode bits(double d) {
        return F.textNode(Long.toString(Double.doubleToRawLongBits(d)));
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode o = F.objectNode();
        o.set(tag, value);
        return o;
    }

    private static Object invoke(Method accessor, Node node) {
        try {
            return accessor.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    /** How one record class is written: its CPython type name and its components in order. */
    private record Shape(String typeName, String[] fieldNames, Method[] accessors) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) throw new IllegalArgumentException(type + " is not a record");
            String[] names = new String[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = snakeCase(components[i].getName());
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            String simple = type.getSimpleName();
            return new Shape(TYPE_NAMES.getOrDefault(simple, simple), names, accessors);
        }
    }

    /** decoratorList -> decorator_list */
    private static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }
}
