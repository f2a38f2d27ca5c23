package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

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
    void defaults_cancellation() {
        assertThat(ErrorMapper.defaults().map(new CancellationException()).message())
                .isEqualTo("The answer was cancelled.");
    }

    @Test
    void unwrap_removesCompletionAndExecutionWrappers() {
        IllegalStateException cause = new IllegalStateException();
        assertThat(ErrorMapper.unwrap(new CompletionException(new ExecutionException(cause))))
                .isSameAs(cause);
        assertThat(ErrorMapper.unwrap(new CompletionException(null))).isInstanceOf(CompletionException.class);
    }
}
