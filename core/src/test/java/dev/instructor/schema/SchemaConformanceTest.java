package dev.instructor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The checker behind {@link BindingAgreementTest} does reject what it should. */
class SchemaConformanceTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void violations_reportsBrokenConstraints() throws Exception {
        ObjectNode idea = JsonSchemas.generate(Fixtures.Idea.class);

        assertThat(SchemaConformance.violations(idea, MAPPER.readTree("{\"title\":\"t\"}")))
                .singleElement()
                .asString()
                .contains("missing required blurb");
        assertThat(SchemaConformance.violations(idea, MAPPER.readTree("{\"title\":1,\"blurb\":\"b\"}")))
                .singleElement()
                .asString()
                .contains("not of type");
        assertThat(SchemaConformance.violations(
                        idea, MAPPER.readTree("{\"title\":\"t\",\"blurb\":\"" + "x".repeat(141) + "\",\"x\":1}")))
                .hasSize(2);
    }

    @Test
    void violations_stringFormatsAsStrictAsRfc3339() throws Exception {
        ObjectNode schema = (ObjectNode) MAPPER.readTree("{\"type\":\"string\",\"format\":\"time\"}");

        assertThat(SchemaConformance.violations(schema, MAPPER.readTree("\"12:30:00Z\"")))
                .isEmpty();
        assertThat(SchemaConformance.violations(schema, MAPPER.readTree("\"12:30Z\"")))
                .singleElement()
                .asString()
                .contains("not in format");
        assertThat(StringFormats.conforms("date-time", "2024-01-31T12:30:00.5+01:00"))
                .isTrue();
        assertThat(StringFormats.conforms("date-time", "2024-01-31T12:30:00")).isFalse();
        assertThat(StringFormats.conforms("date", "2024-02-30")).isFalse();
        assertThat(StringFormats.conforms("duration", "P1W")).isTrue();
        assertThat(StringFormats.conforms("duration", "PT")).isFalse();
        assertThat(StringFormats.conforms("uuid", "123e4567-e89b-12d3-a456-426614174000"))
                .isTrue();
        assertThat(StringFormats.conforms("uri", "/relative")).isFalse();
        assertThat(StringFormats.conforms("email", "anything")).isTrue();
    }

    @Test
    void violations_unionNeedsAMatchingDiscriminator() throws Exception {
        ObjectNode drawing = JsonSchemas.generate(Fixtures.Drawing.class);

        assertThat(SchemaConformance.violations(
                        drawing, MAPPER.readTree("{\"title\":\"d\",\"shapes\":[{\"@type\":\"circle\",\"radius\":1}]}")))
                .singleElement()
                .asString()
                .contains("matches no anyOf branch");
    }

    @Test
    void violations_checksEveryAllOfPart() throws Exception {
        ObjectNode schema = (ObjectNode) MAPPER.readTree(
                "{\"allOf\":[{\"type\":\"object\"},{\"additionalProperties\":{\"type\":\"integer\"}}]}");

        assertThat(SchemaConformance.violations(schema, MAPPER.readTree("{\"a\":1}")))
                .isEmpty();
        assertThat(SchemaConformance.violations(schema, MAPPER.readTree("{\"a\":\"1\"}")))
                .singleElement()
                .asString()
                .contains("not of type");
    }
}
