package dev.memlint.cli;

import dev.memlint.config.TestCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;

/** Reads --test-code values: lifetime-only, all or skip. */
final class TestCodeModeConverter implements ITypeConverter<TestCode.Mode> {
    @Override
    public TestCode.Mode convert(String value) {
        TestCode.Mode mode = TestCode.Mode.parse(value);
        if (mode == null) {
            throw new TypeConversionException("'" + value + "' is not a test-code mode (expected one of "
                    + String.join(", ", TestCode.Mode.labels()) + ")");
        }
        return mode;
    }

    /** The modes, for help and shell completion. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TestCode.Mode.labels().iterator();
        }
    }
}
