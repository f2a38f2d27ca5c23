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
    void violations_unionNeedsAMatchingDiscriminator() throws Exception {
        ObjectNode drawing = JsonSchemas.generate(Fixtures.Drawing.class);

        assertThat(SchemaConformance.violations(
                        drawing, MAPPER.readTree("{\"title\":\"d\",\"shapes\":[{\"@type\":\"circle\",\"radius\":1}]}")))
                .singleElement()
                .asString()
                .contains("matches no anyOf branch");
    }
}
