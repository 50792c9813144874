package dev.memlint.report;

import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.Result;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson set up for java-sarif's classes. java-sarif 2.0 annotates every class
 * {@code @JsonInclude(NON_DEFAULT)}, so a level equal to the schema default ("warning") would vanish
 * from the output; the mix-ins below make every level explicit, as GitHub and the Multitool expect.
 * Output is indented with '\n' line ends on every platform, so the bytes depend on the input only.
 */
final class SarifJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(Result.class, ExplicitLevel.class)
            .addMixIn(ReportingConfiguration.class, ExplicitLevel.class)
            .addMixIn(Notification.class, ExplicitLevel.class)
            .build();

    static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private SarifJson() {}

    /** Field-level inclusion overrides java-sarif's class-level NON_DEFAULT for "level". */
    private abstract static class ExplicitLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Object level;
    }
}
