package dev.instructor.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request adjusts the provider's own timeouts, or replaces them whole. */
class OllamaTimeoutsTest {
    private final FakeProviderServer server = FakeProviderServer.start();

    /** The response type; the server never answers, so it is never bound. */
    record Person(String name) {}

    @AfterEach
    void close() {
        server.close();
    }

    private Instructor client(Timeouts timeouts) {
        return Instructor.from(Ollama.builder()
                .host(server.url("/").toString())
                .timeouts(timeouts)
                .maxRetries(0)
                .build());
    }

    private ProviderTimeoutException neverAnswered(Instructor client, ChatRequest request) {
        server.enqueue(FakeResponse.ndjson(new byte[0]).stallBeforeHeaders());
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.responses().create(request, Person.class));
        assertThat(thrown).isInstanceOf(ProviderTimeoutException.class);
        return (ProviderTimeoutException) thrown;
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder().model("llama3.1").user("Zoë is 7.");
    }

    @Test
    void adjustingTimeouts_keepsTheProvidersFirstEventLimit() {
        Instructor client = client(Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(300)));
        ChatRequest request =
                request().timeouts(t -> t.withIdle(Duration.ofSeconds(30))).build();

        ProviderTimeoutException failure = neverAnswered(client, request);

        assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.FIRST_EVENT);
        assertThat(failure.timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void adjustingTimeouts_receivesTheProvidersOwn() {
        Instructor client = client(Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(600)));
        ChatRequest request = request()
                .timeouts(t -> t.withFirstEvent(t.firstEvent().dividedBy(2)))
                .build();

        assertThat(neverAnswered(client, request).timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void replacingTimeouts_dropsTheProvidersLimits() {
        Instructor client = client(Timeouts.DEFAULT.withFirstEvent(Duration.ofMinutes(5)));
        ChatRequest request = request()
                .timeouts(Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(300)))
                .build();

        assertThat(neverAnswered(client, request).timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void adjustmentReturningNull_failsTheCallNamingTheAdjustment() {
        Instructor client = client(Timeouts.DEFAULT);
        ChatRequest request = request().timeouts(t -> null).build();

        assertThatThrownBy(() -> client.responses().create(request, Person.class))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("adjustment");
    }
}
