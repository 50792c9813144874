package dev.memlint.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The prose of a rule for SARIF {@code tool.driver.rules[]}, from {@code rules/<CODE>.md} as shipped in
 * the jar under {@code /rules/}: the whole page as {@code help.markdown}, a plain-text rendering as
 * {@code help.text}, and its "What it does" section as {@code fullDescription}.
 */
record SarifRuleHelp(String fullDescription, String text, String markdown) {
    /** GitHub code scanning rejects longer full descriptions. */
    static final int MAX_FULL_DESCRIPTION = 1024;

    /** The help of a rule, or null when the jar has no page for it. */
    static SarifRuleHelp load(String code) {
        try (InputStream in = SarifRuleHelp.class.getResourceAsStream("/rules/" + code + ".md")) {
            if (in == null) return null;
            String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").strip();
            return new SarifRuleHelp(fullDescription(markdown), plainText(markdown), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the documentation of " + code, e);
        }
    }

    /** The "What it does" section as one paragraph, cut at a sentence end to fit the limit. */
    static String fullDescription(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inSection = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ")) {
                if (inSection) break;
                inSection = line.substring(3).strip().equalsIgnoreCase("What it does");
            } else if (inSection && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String text = String.join(" ", lines);
        if (text.length() <= MAX_FULL_DESCRIPTION) return text;
        int cut = text.lastIndexOf(". ", MAX_FULL_DESCRIPTION - 1);
        return cut > 0 ? text.substring(0, cut + 1) : text.substring(0, MAX_FULL_DESCRIPTION - 1) + "…";
    }

    /** Markdown without heading marks and code fences: readable where markdown is not rendered. */
    static String plainText(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) continue;
            out.append(line.replaceFirst("^#+ ", "")).append('\n');
        }
        return out.toString().strip();
    }
}
