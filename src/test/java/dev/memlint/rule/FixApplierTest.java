package dev.memlint.rule;

import dev.memlint.parse.SourceText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixApplierTest {
    @Test
    void safeFixesOfRealFindingsAreAppliedAndUnsafeOnesOnlyWhenAsked() {
        String src = """
                def f(orders, n):
                    total = sum([o.total for o in orders])
                    seen = any([o.paid for o in orders])
                    for i in list(range(n)):
                        print("é", i)
                    return total, seen
                """;
        List<Finding> findings = Linting.lint("f.py", src);
        FixApplier.Result safe = FixApplier.apply(new SourceText(src), findings, false);
        assertEquals(2, safe.applied());
        assertEquals("""
                def f(orders, n):
                    total = sum(o.total for o in orders)
                    seen = any([o.paid for o in orders])
                    for i in range(n):
                        print("é", i)
                    return total, seen
                """, safe.text());
        FixApplier.Result all = FixApplier.apply(new SourceText(src), findings, true);
        assertEquals(3, all.applied());
        assertEquals(true, all.text().contains("any(o.paid for o in orders)"));
        assertEquals(List.of(), Linting.lint("f.py", all.text()).stream().filter(f -> f.fix() != null).toList());
    }

    @Test
    void readlinesIsReplacedByTheFileObjectAndTheResultIsClean() {
        String src = """
                def lines(path):
                    with open(path) as fh:
                        for line in fh.readlines():
                            print(line)
                """;
        FixApplier.Result fixed = FixApplier.apply(new SourceText(src), Linting.lint("f.py", src), false);
        assertEquals(1, fixed.applied());
        assertEquals("""
                def lines(path):
                    with open(path) as fh:
                        for line in fh:
                            print(line)
                """, fixed.text());
        assertEquals(List.of(), Linting.lint("f.py", fixed.text()));
    }
}
