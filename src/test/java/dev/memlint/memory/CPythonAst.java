package dev.memlint.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memlint.ast.Bytes;
import dev.memlint.ast.Complex;
import dev.memlint.ast.Ellipsis;
import dev.memlint.ast.Expr;
import dev.memlint.ast.Module;
import dev.memlint.ast.Pattern;
import dev.memlint.ast.Pos;
import dev.memlint.ast.Stmt;
import dev.memlint.ast.TypeParam;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: memlint's typed tree of a Python source as CPython's own {@code ast} parses it
 * (src/test/python/ast_dump.py under the local 3.11, read back into the records by reflection).
 * Lets the memory pass be tested on real Python independently of memlint's parser.
 */
public final class CPythonAst {
    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> outer : new Class<?>[] {Expr.class, Stmt.class, Pattern.class, TypeParam.class}) {
            for (Class<?> c : outer.getDeclaredClasses()) {
                if (c.isRecord()) TYPES.put(c.getSimpleName(), c);
            }
        }
        TYPES.put("List", Expr.ListExpr.class);
        TYPES.put("Tuple", Expr.TupleExpr.class);
        TYPES.put("Set", Expr.SetExpr.class);
        TYPES.put("Dict", Expr.DictExpr.class);
        TYPES.put("Expr", Stmt.ExprStmt.class);
        TYPES.put("arg", dev.memlint.ast.Arg.class);
        TYPES.put("arguments", dev.memlint.ast.Arguments.class);
        TYPES.put("keyword", dev.memlint.ast.Keyword.class);
        TYPES.put("alias", dev.memlint.ast.Alias.class);
        TYPES.put("withitem", dev.memlint.ast.WithItem.class);
        TYPES.put("match_case", dev.memlint.ast.MatchCase.class);
        TYPES.put("comprehension", dev.memlint.ast.Comprehension.class);
        TYPES.put("ExceptHandler", dev.memlint.ast.ExceptHandler.class);
        TYPES.put("Module", Module.class);
    }

    private CPythonAst() {}

    /** The tree of source, or an AssertionError if no local CPython 3.11 is there or it refuses the code. */
    public static Module parse(String source) throws Exception {
        Path file = Files.createTempFile("memlint-src", ".py");
        try {
            Files.writeString(file, source, StandardCharsets.UTF_8);
            return parseFile(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static Module parseFile(Path file) throws Exception {
        Path python = LocalPython.find("3.11").orElseThrow(() -> new AssertionError("CPython 3.11 not installed"));
        String out = LocalPython.run(python, Path.of("src/test/python/ast_dump.py"), file.toString());
        JsonNode tree = new ObjectMapper().readTree(out);
        if (tree.has("error")) {
            throw new AssertionError("CPython refuses the source: " + tree.get("error"));
        }
        return (Module) node(tree);
    }

    private static Object node(JsonNode json) throws Exception {
        String type = json.get("_type").asText();
        Class<?> c = TYPES.get(type);
        if (c == null) throw new IllegalArgumentException("unknown node type " + type);
        RecordComponent[] components = c.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            if (rc.getType() == Pos.class) {
                values[i] = new Pos(json.get("lineno").asInt(), json.get("col_offset").asInt(),
                        json.get("end_lineno").asInt(), json.get("end_col_offset").asInt());
            } else if (c == Expr.Constant.class && rc.getName().equals("value")) {
                values[i] = constant(json.get("value"));
            } else {
                values[i] = value(json.get(snake(rc.getName())), rc.getType(), rc.getGenericType());
            }
        }
        Constructor<?> k = c.getDeclaredConstructor(types);
        return k.newInstance(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(JsonNode v, Class<?> type, Type generic) throws Exception {
        if (v == null || v.isNull()) return null;
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> elementClass = element instanceof Class<?> ec ? ec : Object.class;
            List<Object> out = new ArrayList<>();
            for (JsonNode x : v) out.add(value(x, elementClass, element));
            return out;
        }
        if (type.isEnum()) return Enum.valueOf((Class<Enum>) type, v.asText());
        if (type == String.class) return v.asText();
        if (type == int.class) return v.asInt();
        if (type == Object.class) return v.isTextual() ? v.asText() : null;
        return node(v);
    }

    private static Object constant(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asBoolean();
        if (v.has("int")) return new BigInteger(v.get("int").asText());
        if (v.has("float")) return Double.longBitsToDouble(Long.parseLong(v.get("float").asText()));
        if (v.has("complex")) return new Complex(Double.longBitsToDouble(Long.parseLong(v.get("complex").get(0).asText())),
                Double.longBitsToDouble(Long.parseLong(v.get("complex").get(1).asText())));
        if (v.has("ellipsis")) return Ellipsis.INSTANCE;
        if (v.has("bytes")) {
            String s = v.get("bytes").asText();
            byte[] b = new byte[s.length()];
            for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
            return new Bytes(b);
        }
        throw new IllegalArgumentException("constant " + v);
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) b.append('_').append(Character.toLowerCase(ch));
            else b.append(ch);
        }
        return b.toString();
    }
}
