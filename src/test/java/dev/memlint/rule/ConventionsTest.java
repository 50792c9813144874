package dev.memlint.rule;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule is one class registered in sorted order, with a fixture and a doc whose Example
 * triggers it and whose Use instead does not.
 */
class ConventionsTest {
    private static final List<String> SECTIONS = List.of("## What it does", "## Why is this bad?", "## Example",
            "## Use instead", "## References");
    private static final Pattern PYTHON_BLOCK = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);

    @Test
    void codesAreUniqueWellFormedAndSorted() {
        List<String> codes = RuleRegistry.all().stream().map(RuleInfo::code).toList();
        assertEquals(codes.size(), new HashSet<>(codes).size(), "duplicate codes: " + codes);
        assertEquals(codes.stream().sorted().toList(), codes, "RuleRegistry must stay sorted by code");
        Set<String> names = new HashSet<>();
        for (RuleInfo r : RuleRegistry.all()) {
            assertTrue(r.code().matches("MEM[0-9]{3}"), r.code());
            assertTrue(r.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), r.code() + " name " + r.name());
            assertTrue(names.add(r.name()), "duplicate name " + r.name());
            assertTrue(Set.of("very-high", "high", "medium", "low").contains(r.precision()), r.code());
            assertTrue(r.summary().endsWith("."), r.code() + " summary should be a sentence");
        }
    }

    @Test
    void everyRuleClassIsRegistered() throws IOException {
        Set<String> registered = new HashSet<>();
        for (Class<? extends Rule> c : RuleRegistry.ruleClasses()) registered.add(c.getName());
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/memlint/rule"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("Rule.java")
                    && !f.getFileName().toString().equals("Rule.java")).toList()) {
                String cls = Path.of("src/main/java").relativize(p).toString().replace('/', '.').replace(".java", "");
                assertTrue(registered.contains(cls), cls + " is not in RuleRegistry");
            }
        }
    }

    @Test
    void everyFixtureBelongsToARuleAndEveryRuleHasOne() throws IOException {
        Set<String> fixtures = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("testdata"))) {
            files.filter(RuleFixturesTest::isRuleFixture).forEach(f -> {
                String code = f.getFileName().toString().replace(".py", "");
                assertNotNull(RuleRegistry.ruleClass(code), f + " is no registered rule's fixture");
                assertTrue(fixtures.add(code), "two fixtures for " + code);
            });
        }
        for (Class<? extends Rule> c : RuleRegistry.ruleClasses()) {
            assertTrue(fixtures.contains(RuleRegistry.meta(c).code()), RuleRegistry.meta(c).code() + " has no fixture");
        }
    }

    @TestFactory
    List<DynamicTest> docsHaveTheSectionsAndTheirExamplesBehave() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RuleInfo r : RuleRegistry.all()) {
            tests.add(DynamicTest.dynamicTest(r.code(), () -> checkDoc(r)));
        }
        return tests;
    }

    @Test
    void everyPeerCodeIsDocumentedInTheConfigurationAndTheRulesDocs() throws IOException {
        String configuration = Files.readString(Path.of("docs", "configuration.md"));
        for (Map.Entry<String, List<String>> e : PeerCodes.table().entrySet()) {
            assertTrue(configuration.contains("`" + e.getKey() + "`"), "docs/configuration.md lacks " + e.getKey());
            for (String code : e.getValue()) {
                assertNotNull(RuleRegistry.ruleClass(code), e.getKey() + " stands for no rule: " + code);
                String doc = Files.readString(Path.of("rules", code + ".md"));
                assertTrue(doc.contains("`# noqa: " + e.getKey() + "`"), "rules/" + code + ".md lacks " + e.getKey());
            }
        }
    }

    private static void checkDoc(RuleInfo rule) throws IOException {
        Path doc = Path.of("rules", rule.code() + ".md");
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# " + rule.code() + " " + rule.name() + "\n"), doc + " must start with '# "
                + rule.code() + " " + rule.name() + "'");
        int last = -1;
        for (String s : SECTIONS) {
            int at = text.indexOf("\n" + s + "\n");
            assertTrue(at > last, doc + ": section '" + s + "' missing or out of order");
            last = at;
        }
        if (RuleRegistry.ruleClass(rule.code()) == null) return; // MEM001: reported by the linter itself
        String example = firstBlock(text, "## Example");
        String instead = firstBlock(text, "## Use instead");
        assertTrue(Linting.lint(doc + " Example", example).stream().anyMatch(f -> f.code().equals(rule.code())),
                doc + ": the Example does not trigger " + rule.code());
        assertFalse(Linting.lint(doc + " Use instead", instead).stream().anyMatch(f -> f.code().equals(rule.code())),
                doc + ": the Use instead block triggers " + rule.code());
    }

    private static String firstBlock(String text, String section) {
        int start = text.indexOf("\n" + section + "\n");
        Matcher m = PYTHON_BLOCK.matcher(text);
        assertTrue(m.find(start), section + " has no ```python block");
        int nextSection = text.indexOf("\n## ", start + 1);
        assertTrue(nextSection < 0 || m.start() < nextSection, section + " has no ```python block of its own");
        return m.group(1);
    }
}
