package dev.instructor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ProviderRequestTest {
    private final ObjectNode schema = JsonMapper.builder().build().createObjectNode();

    @Test
    void builder_validatesWithTheBadValueNamed() {
        assertThatThrownBy(() -> ProviderRequest.builder("m").temperature(3)).hasMessageContaining("3.0");
        assertThatThrownBy(() -> ProviderRequest.builder("m").maxTokens(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> ProviderRequest.builder("m")
                        .schema("has space", schema)
                        .message(Message.user("q"))
                        .build())
                .hasMessageContaining("\"has space\"");
        assertThatThrownBy(
                        () -> ProviderRequest.builder("m").schema("x", schema).build())
                .hasMessageContaining("messages");
        assertThatThrownBy(() ->
                        ProviderRequest.builder("m").message(Message.user("q")).build())
                .hasMessageContaining("schema");
    }

    @Test
    void schema_isCopiedSoLaterChangesToTheCallersNodeDoNotReachTheRequest() {
        ObjectNode callers = schema.deepCopy().put("type", "object");
        ProviderRequest request = ProviderRequest.builder("m")
                .message(Message.user("q"))
                .schema("x", callers)
                .build();

        callers.put("type", "string");

        assertThat(request.schema().get("type").stringValue()).isEqualTo("object");
        assertThat(request.schema()).isNotSameAs(callers);
    }

    @Test
    void builder_rejectsNullsAtTheSetterWithTheFieldNamed() {
        ProviderRequest.Builder builder = ProviderRequest.builder("m");
        assertThatThrownBy(() -> builder.mode(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("mode");
        assertThatThrownBy(() -> builder.timeouts(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("timeouts");
        assertThatThrownBy(() -> builder.schema("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("schema");
        assertThatThrownBy(() -> builder.extraBody("seed", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("\"seed\"");
    }

    @Test
    void builder_checksTheSchemaNameAtTheSetter() {
        assertThatThrownBy(() -> ProviderRequest.builder("m").schema("has space", schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"has space\"");
    }

    @Test
    void constructor_namesTheNullField() {
        assertThatThrownBy(() -> new ProviderRequest("m", null, null, schema, "x", null, null, null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("messages");
        Map<String, Object> extra = new HashMap<>();
        extra.put("seed", null);
        assertThatThrownBy(() -> new ProviderRequest(
                        "m", List.of(Message.user("q")), null, schema, "x", null, null, null, null, extra))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("\"seed\"");
    }

    @Test
    void constructor_checksTheTemperatureAsTheBuilderDoes() {
        // Otherwise NaN or 5.0 reaches the body, and the provider answers 400 after the call was paid for in time.
        for (double bad : new double[] {Double.NaN, -0.1, 2.5}) {
            assertThatThrownBy(() -> new ProviderRequest(
                            "m", List.of(Message.user("q")), null, schema, "x", null, bad, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("temperature");
        }
        assertThat(new ProviderRequest("m", List.of(Message.user("q")), null, schema, "x", null, 2.0, null, null, null)
                        .temperature())
                .isEqualTo(2.0);
    }

    @Test
    void timeouts_positive() {
        assertThatThrownBy(() -> Timeouts.DEFAULT.withIdle(Duration.ZERO)).hasMessageContaining("idle");
        assertThat(Timeouts.DEFAULT.total()).isNull();
    }

    @Test
    void reask_toolsModeIsToolCallAndErrorResult() {
        assertThat(Message.reask(Mode.TOOLS, "{}", "call_1", "Person", "bad"))
                .containsExactly(
                        new Message.ToolCallMessage("call_1", "Person", "{}"),
                        new Message.ToolResultMessage("call_1", "Person", "bad", true));
    }

    @Test
    void reask_ofTheModelsToolCall_replaysItsSignature() {
        ProviderEvent.ToolCall call = new ProviderEvent.ToolCall("call_1", "Person", "c2ln");

        assertThat(Message.reask(Mode.TOOLS, "{}", call, "bad"))
                .containsExactly(
                        new Message.ToolCallMessage("call_1", "Person", "{}", "c2ln"),
                        new Message.ToolResultMessage("call_1", "Person", "bad", true));
        assertThat(Message.reask(Mode.JSON, "{}", (ProviderEvent.ToolCall) null, "bad"))
                .containsExactly(Message.assistant("{}"), Message.user("bad"));
        assertThatThrownBy(() -> Message.reask(Mode.TOOLS, "{}", (ProviderEvent.ToolCall) null, "bad"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("call");
    }

    @Test
    void reask_jsonModesAreAssistantTextAndUserFeedback() {
        for (Mode mode : List.of(Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON)) {
            assertThat(Message.reask(mode, "{}", null, "Person", "bad"))
                    .containsExactly(Message.assistant("{}"), Message.user("bad"));
        }
    }
}
