package dev.memlint.server;

import dev.memlint.check.SourceChecker;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules' fixes as quick-fix code actions, for the findings on the lines the editor asks about:
 * a safe fix is the preferred action (editors apply it with one key), an unsafe one says "(unsafe)"
 * in its title, since it may change what the code does. Each edit names the document version it was
 * computed for, so that an editor never applies it to newer text.
 */
final class QuickFixes {
    private QuickFixes() {}

    static List<Either<org.eclipse.lsp4j.Command, CodeAction>> of(OpenDocument document, Analysis analysis, Range asked) {
        SourceChecker.Checked checked = analysis.checked();
        List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = new ArrayList<>();
        if (checked == null) return actions;
        for (Finding finding : checked.findings()) {
            Fix fix = finding.fix();
            if (fix == null || !overlaps(finding, asked)) continue;
            boolean safe = fix.applicability() == Fix.Applicability.SAFE;
            CodeAction action = new CodeAction(finding.code() + ": " + fix.description() + (safe ? "" : " (unsafe)"));
            action.setKind(CodeActionKind.QuickFix);
            action.setIsPreferred(safe);
            action.setDiagnostics(List.of(Diagnostics.of(document.uri(), checked.source(), finding)));
            List<TextEdit> edits = new ArrayList<>();
            for (Edit e : fix.edits()) edits.add(new TextEdit(LspRanges.of(checked.source(), e.range()), e.replacement()));
            TextDocumentEdit change = new TextDocumentEdit(
                    new VersionedTextDocumentIdentifier(document.uri(), document.version()), edits);
            action.setEdit(new WorkspaceEdit(List.of(Either.forLeft(change))));
            actions.add(Either.forRight(action));
        }
        return actions;
    }

    /** Whether the finding's lines meet the asked range's lines (0-based there, 1-based here). */
    private static boolean overlaps(Finding finding, Range asked) {
        int first = asked.getStart().getLine() + 1;
        int last = asked.getEnd().getLine() + 1;
        return finding.range().line() <= last && finding.range().endLine() >= first;
    }
}
