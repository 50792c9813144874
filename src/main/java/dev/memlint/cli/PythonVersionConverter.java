package dev.memlint.cli;

import dev.memlint.parse.PythonVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;

/** Reads --target-version values such as "3.12" (or "py312"). */
final class PythonVersionConverter implements ITypeConverter<PythonVersion> {
    @Override
    public PythonVersion convert(String value) {
        PythonVersion version = PythonVersion.parse(value);
        if (version == null) {
            throw new TypeConversionException("'" + value + "' is not a supported Python version (expected one of "
                    + String.join(", ", new Labels()) + ")");
        }
        return version;
    }

    /** "3.8" ... "3.14", for help and shell completion. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PythonVersion.values()).map(PythonVersion::label)
                    .collect(Collectors.toList()).iterator();
        }
    }
}
