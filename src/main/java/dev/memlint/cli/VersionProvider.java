package dev.memlint.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** `memlint --version`, from the project version Maven writes into version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"memlint " + version()};
    }

    /** The project version, e.g. "0.1.0"; also the SARIF driver version. */
    static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) properties.load(in);
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
