package dev.instructor.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.ProviderStream;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Live smoke test against a local Ollama; runs only when OLLAMA_HOST (and OLLAMA_MODEL) are set. */
@EnabledIfEnvironmentVariable(named = "OLLAMA_HOST", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OLLAMA_MODEL", matches = ".+")
class OllamaIT {
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"JSON_SCHEMA", "JSON"})
    void chat_eachMode_streamsTheObject(Mode mode) {
        ProviderRequest request = ProviderRequest.builder(System.getenv("OLLAMA_MODEL"))
                .mode(mode)
                .schema("Person", OllamaContractTest.schema())
                .message(Message.user("Extract: Zoë Smith is a person."))
                .build();
        StringBuilder text = new StringBuilder();
        try (ProviderStream stream = Ollama.fromEnv().stream(request)) {
            stream.forEachRemaining(event -> {
                if (event instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            });
        }
        assertThat(text.toString()).contains("Zo");
    }
}
