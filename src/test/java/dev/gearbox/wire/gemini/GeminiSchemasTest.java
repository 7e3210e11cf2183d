package dev.gearbox.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiSchemasTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : GeminiFixtures.json("schemas.json")) {
            out.add(Arguments.of(c.get("name").asText(), c.get("input"), c.get("expected")));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parameters_are_cut_to_gemini_schema_subset(String name, JsonNode input, JsonNode expected) {
        JsonNode converted = GeminiSchemas.forParameters(input);

        if (expected.isNull()) assertThat(converted).isNull();
        else assertThat(converted).isEqualTo(expected);
    }

    @Test
    void no_schema_means_no_parameters() {
        assertThat(GeminiSchemas.forParameters(null)).isNull();
    }

    @Test
    void response_schema_keeps_standard_json_schema_but_not_the_dialect_marker() {
        JsonNode in = GeminiRequestsTest.json("""
                {"$schema": "x", "type": "object", "additionalProperties": false,
                 "properties": {"a": {"type": ["string", "null"]}}}""");

        JsonNode out = GeminiSchemas.forResponse(in);

        assertThat(out.has("$schema")).isFalse();
        assertThat(out.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(out.at("/properties/a/type").isArray()).isTrue();
        assertThat(in.has("$schema")).as("the client's schema is not modified").isTrue();
    }
}
