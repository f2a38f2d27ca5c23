package dev.instructor.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.ProviderStream;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Live smoke test against the Gemini API; runs only when GEMINI_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
class GeminiIT {
    @ParameterizedTest
    @EnumSource(Mode.class)
    void generate_eachMode_streamsTheObject(Mode mode) {
        ProviderRequest request = ProviderRequest.builder("gemini-2.5-flash")
                .mode(mode)
                .schema("Person", GeminiContractTest.schema())
                .message(Message.user("Extract: Zoë Smith is a person."))
                .build();
        StringBuilder text = new StringBuilder();
        try (ProviderStream stream = Gemini.fromEnv().stream(request)) {
            stream.forEachRemaining(event -> {
                if (event instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            });
        }
        assertThat(text.toString()).contains("Zo");
    }
}
