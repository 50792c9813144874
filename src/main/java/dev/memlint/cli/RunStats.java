package dev.memlint.cli;

import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.heap.HeapAnalyzer;
import dev.memlint.parse.ParseStats;

/** The hidden `check --stats` line on stderr, for bench/run: how the parser and the run went. */
final class RunStats {
    private final long start = System.nanoTime();

    RunStats() {
        ParseStats.reset();
        ModuleMemory.resetPassCpu();
        LintRunner.WORKER_CPU.reset();
        SourceReader.FILES_READ.reset();
        HeapAnalyzer.ANALYSES.reset();
    }

    /**
     * "stats: 1958 files parsed, 0 LL fallbacks, 15 syntax errors, 4.21 s checking on 2 threads, 310 MB heap used,
     * workers' CPU 7.90 s, 1.20 s of it in the reference-count pass, 1958 files read, 19394 heap analyses"
     */
    String describe(int threads) {
        Runtime rt = Runtime.getRuntime();
        return String.format("stats: %d files parsed, %d LL fallbacks, %d syntax errors, %.2f s checking on %d threads, "
                        + "%d MB heap used, workers' CPU %.2f s, %.2f s of it in the reference-count pass, %d files read, "
                        + "%d heap analyses",
                ParseStats.files(), ParseStats.llFallbacks(), ParseStats.syntaxErrors(),
                (System.nanoTime() - start) / 1e9, threads, (rt.totalMemory() - rt.freeMemory()) >> 20,
                LintRunner.WORKER_CPU.sum() / 1e9, ModuleMemory.passCpuNanos() / 1e9, SourceReader.FILES_READ.sum(),
                HeapAnalyzer.ANALYSES.sum());
    }
}
