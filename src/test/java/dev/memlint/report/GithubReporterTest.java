package dev.memlint.report;

import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GithubReporterTest {
    private static String render(List<Finding> findings, List<FileFailure> failures) {
        Path root = SarifFixture.root();
        StringWriter out = new StringWriter();
        new GithubReporter(new SarifPaths(root, root)).write(new LintReport(findings, java.util.Map.of(), 1, failures),
                new PrintWriter(out));
        return out.toString();
    }

    @Test
    void oneWorkflowCommandPerFindingWithItsLevel() {
        String out = render(SarifFixture.findings(), List.of(new FileFailure("pkg/locked.py", "cannot read: denied")));
        assertEquals("""
                ::error file=broken.py,line=1,col=24,endLine=1,endColumn=24,title=MEM001::expected ':'
                ::notice file=pkg/größe.py,line=3,col=16,endLine=3,endColumn=35,title=MEM991::`list()` builds a list of the keys only to be iterated once.
                ::warning file=pkg/report.py,line=4,col=9,endLine=4,endColumn=31,title=MEM990::`out` grows by `+=` inside a loop, which copies the whole string on every iteration.
                ::notice file=pkg/report.py,line=9,col=16,endLine=9,endColumn=23,title=MEM991::`list()` builds a list only to be iterated once.
                ::notice file=pkg/report.py,line=9,col=30,endLine=9,endColumn=37,title=MEM991::`list()` builds a list only to be iterated once.
                ::error file=pkg/locked.py,title=memlint::cannot read: denied
                """, out);
    }

    @Test
    void percentLineBreaksCommasAndColonsAreEscaped() {
        Finding f = new Finding("MEM201", "dir,a:b/100%.py", new TextRange(2, 1, 3, 4), Severity.WARNING,
                "50% of a, b:\r\nsecond line");
        assertEquals("::warning file=dir%2Ca%3Ab/100%25.py,line=2,col=1,endLine=3,endColumn=4,title=MEM201"
                + "::50% of a, b:%0D%0Asecond line\n".replace("50%", "50%25"), render(List.of(f), List.of()));
    }
}
