package dev.memlint.report;

import dev.memlint.rule.Finding;
import dev.memlint.rule.TextRange;

import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands, one line per finding, so findings show inline on a pull request
 * without code scanning: {@code ::warning file=app.py,line=3,col=5,endLine=3,endColumn=9,title=MEM201::message}.
 * Paths are relative to the source root (the repository root in Actions). Files that could not be
 * checked become {@code ::error} lines too.
 */
public final class GithubReporter implements Reporter {
    private final SarifPaths paths;

    public GithubReporter(SarifPaths paths) {
        this.paths = paths;
    }

    @Override
    public void write(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            TextRange r = f.range();
            out.print("::" + command(f) + " file=" + property(paths.displayPath(f.path()))
                    + ",line=" + r.line() + ",col=" + r.column()
                    + ",endLine=" + r.endLine() + ",endColumn=" + r.endColumn()
                    + ",title=" + property(f.code()) + "::" + data(f.message()) + "\n");
        }
        for (FileFailure failure : report.failures()) {
            out.print("::error file=" + property(paths.displayPath(failure.path())) + ",title=memlint::"
                    + data(failure.message()) + "\n");
        }
        out.flush();
    }

    private static String command(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
    }

    /** The message after "::": the runner decodes %25, %0D and %0A. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as data, and ':' and ',' too, which would end the value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
