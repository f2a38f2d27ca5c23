package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ValidationException;
import dev.instructor.Violation;
import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.TruncatedException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    @Test
    void defaults_unknownFailure_fixedMessageWithoutItsText() {
        SseError error = ErrorMapper.defaults().map(new IllegalStateException("Authorization: Bearer sk-123"));
        assertThat(error).isEqualTo(new SseError("internal", "Something went wrong while writing the answer."));
    }

    @Test
    void defaults_providerFailures_fixedMessagesNeverTheProvidersText() {
        ErrorMapper mapper = ErrorMapper.defaults();
        assertThat(mapper.map(new ProviderHttpException("openai", 401, "auth", "Incorrect API key sk-123", 1)))
                .isEqualTo(new SseError("provider", "The model provider failed."));
        assertThat(mapper.map(new ProviderHttpException("openai", 429, "rate_limit", "org-42 over quota", 3)))
                .isEqualTo(new SseError("provider", "The model provider is busy; try again in a moment."));
        assertThat(mapper.map(new RefusalException("anthropic", "I can't help with that", "", 1)))
                .isEqualTo(new SseError("provider", "The model declined to answer."));
        assertThat(mapper.map(new TruncatedException("openai", "length", "[{", 1))
                        .message())
                .isEqualTo("The answer was cut off at the model's length limit.");
        assertThat(mapper.map(new ContentFilterException("gemini", "SAFETY", "", 1))
                        .message())
                .isEqualTo("The provider's content filter stopped the answer.");
        assertThat(mapper.map(new ConnectionException("ollama", "", 2, new IOException("Connection refused"))))
                .isEqualTo(new SseError("provider", "Could not reach the model provider."));
        assertThat(mapper.map(new ProviderTimeoutException(
                        "openai", ProviderTimeoutException.Kind.values()[0], Duration.ofSeconds(30), "", 1)))
                .isEqualTo(new SseError("timeout", "The model provider did not answer in time."));
    }

    @Test
    void defaults_longValidationMessage_neverCutInsideASurrogatePair() {
        // The emoji's two chars sit at 499 and 500, where the 500-char cap falls: a lone half would reach the
        // page as U+FFFD.
        int prefix = new ValidationException(List.of(Violation.of("/0/blurb", "")))
                .getMessage()
                .length();
        String message = "x".repeat(499 - prefix) + "\uD83D\uDE00 and more";
        String rendered = new ValidationException(List.of(Violation.of("/0/blurb", message))).getMessage();
        assertThat(rendered.charAt(499)).isEqualTo('\uD83D');

        String shown = ErrorMapper.defaults()
                .map(new ValidationException(List.of(Violation.of("/0/blurb", message))))
                .message();

        assertThat(shown).isEqualTo(rendered.substring(0, 499) + "…");
    }

    @Test
    void defaults_wrappedInCompletionException_unwrapped() {
        assertThat(ErrorMapper.defaults()
                        .map(new CompletionException(new RefusalException("openai", "no", "", 1)))
                        .message())
                .isEqualTo("The model declined to answer.");
    }

    @Test
    void defaults_cancellation() {
        assertThat(ErrorMapper.defaults().map(new CancellationException()).message())
                .isEqualTo("The answer was cancelled.");
    }

    @Test
    void unwrap_removesCompletionAndExecutionWrappers() {
        IllegalStateException cause = new IllegalStateException();
        assertThat(DefaultErrors.unwrap(new CompletionException(new ExecutionException(cause))))
                .isSameAs(cause);
        assertThat(DefaultErrors.unwrap(new CompletionException(null))).isInstanceOf(CompletionException.class);
    }
}
