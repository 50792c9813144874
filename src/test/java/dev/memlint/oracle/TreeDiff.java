package dev.memlint.oracle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** The first difference, in document order, between CPython's JSON tree and memlint's. */
final class TreeDiff {
    private static final int SNIPPET = 200;

    /**
     * @param kind     what differs, for the histogram: "Constant.value", "Call.end_col_offset",
     *                 "Expr.value: Call vs Name", "Module.body: length 3 vs 2"
     * @param line     the line of the nearest enclosing node with a position, 0 if none
     */
    record Difference(String kind, int line, String expected, String actual) {}

    private TreeDiff() {}

    /** Null when the trees are equal. */
    static Difference first(JsonNode expected, JsonNode actual) {
        return compare(expected, actual, "Module", "", 0);
    }

    private static Difference compare(JsonNode e, JsonNode a, String type, String field, int line) {
        if (e.isObject() && e.has("_type")) {
            String eType = e.get("_type").asText();
            if (!a.isObject() || !eType.equals(a.path("_type").asText(null))) {
                String aType = a.isObject() && a.has("_type") ? a.get("_type").asText() : a.getNodeType().toString();
                return diff(type + "." + field + ": " + eType + " vs " + aType, line, e, a);
            }
            int here = e.has("lineno") ? e.get("lineno").asInt() : line;
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("_type")) continue;
                JsonNode other = a.get(f.getKey());
                if (other == null) return diff(eType + "." + f.getKey() + ": missing", here, f.getValue(), a);
                Difference d = compare(f.getValue(), other, eType, f.getKey(), here);
                if (d != null) return d;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!e.has(name)) return diff(eType + "." + name + ": unexpected", here, e, a);
            }
            return null;
        }
        if (e.isArray() && a.isArray()) {
            int n = Math.min(e.size(), a.size());
            for (int i = 0; i < n; i++) {
                Difference d = compare(e.get(i), a.get(i), type, field + "[]", line);
                if (d != null) return d;
            }
            if (e.size() != a.size()) {
                return diff(type + "." + field + ": length", line, e, a);
            }
            return null;
        }
        return e.equals(a) ? null : diff(type + "." + field, line, e, a);
    }

    private static Difference diff(String kind, int line, JsonNode e, JsonNode a) {
        return new Difference(kind, line, snippet(e), snippet(a));
    }

    private static String snippet(JsonNode n) {
        String s = n.toString();
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "...";
    }
}
