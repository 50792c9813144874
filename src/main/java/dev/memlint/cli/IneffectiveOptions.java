package dev.memlint.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Options that were given but do nothing in the chosen combination: each gets one warning, so that
 * a user does not believe, say, that --unsafe-fixes changed anything without --fix.
 */
final class IneffectiveOptions {
    private IneffectiveOptions() {}

    /**
     * The warnings for these options, in option order, each once; format is the effective format,
     * stdin whether the source comes from standard input.
     */
    static List<String> warnings(CheckOptions options, String format, boolean stdin) {
        List<String> warnings = new ArrayList<>();
        if (options.statistics && !Reporters.printsStatistics(format)) {
            warnings.add("--statistics has no effect with --format " + format + " (statistics are shown by --format "
                    + String.join(", ", Reporters.statisticsFormats()) + ")");
        }
        if (options.unsafeFixes && !options.fix) {
            warnings.add("--unsafe-fixes has no effect without --fix");
        }
        if (options.category != null && !format.equals("sarif") && options.writeBaseline == null) {
            warnings.add("--category has no effect with --format " + format
                    + " (it names the analysis in SARIF: --format sarif or --write-baseline)");
        }
        if (options.stdinFilename != null && !stdin) {
            warnings.add("--stdin-filename has no effect without '-' (standard input) as the path");
        }
        return warnings;
    }
}
