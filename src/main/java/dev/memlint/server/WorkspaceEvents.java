package dev.memlint.server;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The workspace/* side: a pyproject.toml that changes re-checks every open document under fresh configuration. */
final class WorkspaceEvents implements WorkspaceService {
    private final WorkspaceConfigs configs;
    private final OpenDocuments documents;
    private final CheckScheduler checks;

    WorkspaceEvents(WorkspaceConfigs configs, OpenDocuments documents, CheckScheduler checks) {
        this.configs = configs;
        this.documents = documents;
        this.checks = checks;
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        boolean configuration = false;
        for (FileEvent e : params.getChanges()) configuration |= e.getUri().endsWith("/pyproject.toml");
        if (!configuration) return;
        configs.forgetAll();
        for (OpenDocument d : documents.all()) checks.check(d.uri(), 0);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // memlint's settings live in pyproject.toml, not in the editor's settings
    }
}
