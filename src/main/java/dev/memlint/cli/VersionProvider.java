package dev.memlint.cli;

import dev.memlint.check.BuildStamp;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;

/** `memlint --version`, from the project version Maven writes into version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"memlint " + version()};
    }

    /** The project version, e.g. "0.1.0"; also the SARIF driver version. */
    static String version() throws IOException {
        return BuildStamp.version();
    }
}
