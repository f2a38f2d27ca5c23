package dev.instructor.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.transport.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialArgsWriterTest {
    private final StringBuilder text = new StringBuilder();
    private final PartialArgsWriter writer = new PartialArgsWriter(text::append);

    private void entry(String json) {
        writer.accept(Json.parse(json));
    }

    @Test
    void valuesOfEachType_nestedContainers_closedAtFinish() {
        entry("{\"jsonPath\":\"$.a.b[0][0]\",\"numberValue\":1.5}");
        entry("{\"jsonPath\":\"$.a.b[0][1]\",\"boolValue\":true}");
        entry("{\"jsonPath\":\"$.a.b[1].c\",\"stringValue\":\"x\\\"y\",\"willContinue\":true}");
        entry("{\"jsonPath\":\"$.a.b[1].c\",\"stringValue\":\"é\",\"willContinue\":true}");
        entry("{\"jsonPath\":\"$.a.b[1].c\",\"stringValue\":\"\"}");
        entry("{\"jsonPath\":\"$['d e']\",\"nullValue\":null}");
        writer.finish();
        assertThat(text.toString()).isEqualTo("{\"a\":{\"b\":[[1.5,true],{\"c\":\"x\\\"yé\"}]},\"d e\":null}");
    }

    @Test
    void parse_pathSegments() {
        assertThat(PartialArgsWriter.parse("$.recipe.steps[9]")).isEqualTo(List.of("recipe", "steps", 9));
        assertThat(PartialArgsWriter.parse("$['a.b'][2].c")).isEqualTo(List.of("a.b", 2, "c"));
    }
}
