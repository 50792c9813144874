package dev.memlint.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** `memlint --version`, from the project version Maven writes into version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) properties.load(in);
        }
        return new String[] {"memlint " + properties.getProperty("version", "(unknown version)")};
    }
}
