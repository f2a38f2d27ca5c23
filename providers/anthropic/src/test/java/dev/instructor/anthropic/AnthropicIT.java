package dev.instructor.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.ProviderStream;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Live smoke test against api.anthropic.com; runs only when ANTHROPIC_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
class AnthropicIT {
    @ParameterizedTest
    @EnumSource(Mode.class)
    void messages_eachMode_streamsTheObject(Mode mode) {
        ProviderRequest request = ProviderRequest.builder("claude-haiku-4-5")
                .mode(mode)
                .schema("Person", AnthropicContractTest.schema())
                .message(Message.user("Extract: Zoë Smith is a person."))
                .build();
        StringBuilder text = new StringBuilder();
        try (ProviderStream stream = Anthropic.fromEnv().stream(request)) {
            stream.forEachRemaining(event -> {
                if (event instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            });
        }
        assertThat(text.toString()).contains("Zo");
    }
}
