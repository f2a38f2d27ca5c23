package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RawEventsTest {

    @Test
    void run_printsWireEventsAndTheTextTheParserWouldSee() {
        Output out = new Output();
        String text;
        try (ExampleProvider provider = ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            text = RawEvents.run(provider, out.stream());
        }

        JsonMapper json = JsonMapper.builder().build();
        // In tool mode a list travels wrapped in an object: the deltas add up to {"items": [...]}.
        assertThat(json.readTree(text).path("items")).isEqualTo(json.valueToTree(BasicStreaming.OFFLINE_ANSWER));
        List<String> lines = out.lines();
        assertThat(lines).last().isEqualTo("json: " + text);
        assertThat(lines)
                .anyMatch(line -> line.startsWith("raw   message: {\"id\":\"chatcmpl-")
                        && line.contains("\"model\":\"offline-model\""));
        assertThat(lines).contains("raw   message: [DONE]");
        assertThat(lines).anyMatch(line -> line.startsWith("event ToolCall[id=call_example, name="));
        assertThat(lines).anyMatch(line -> line.startsWith("event Finish[reason=tool_calls]"));
        assertThat(lines.stream().filter(line -> line.startsWith("text  ")).count())
                .isGreaterThan(20);
    }
}
