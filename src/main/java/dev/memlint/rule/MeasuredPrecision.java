package dev.memlint.rule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How many of a rule's findings on real code a strict reviewer judged worth acting on
 * (precision.tsv, docs/precision.md). It decides which rules run by default: a linter earns its
 * place in CI only when nearly everything it says is worth changing.
 */
public record MeasuredPrecision(int judged, int worthActingOn, String review) {
    /** The share of judged findings worth acting on that keeps a rule on by default. */
    public static final double DEFAULT_ON = 0.90;

    private static final Map<String, MeasuredPrecision> BY_CODE = load();

    /** The measurement of a code, or null when its findings were never judged (none on real code). */
    public static MeasuredPrecision of(String code) {
        return BY_CODE.get(code);
    }

    public boolean keepsRuleOn() {
        return worthActingOn >= DEFAULT_ON * judged;
    }

    private static Map<String, MeasuredPrecision> load() {
        Map<String, MeasuredPrecision> out = new HashMap<>();
        try (InputStream in = MeasuredPrecision.class.getResourceAsStream("precision.tsv")) {
            if (in == null) throw new IllegalStateException("precision.tsv is missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                out.put(f[0], new MeasuredPrecision(Integer.parseInt(f[1]), Integer.parseInt(f[3]), f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
