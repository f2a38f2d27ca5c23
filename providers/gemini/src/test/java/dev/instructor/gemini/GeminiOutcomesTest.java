package dev.instructor.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP answers before the stream, as the Gemini API sends them, and endings the recordings do not cover. */
class GeminiOutcomesTest {
    /** A free-tier quota 429 as the Gemini API sends it: the delay is in the body, there is no retry-after. */
    private static final String QUOTA_429 = """
            {
              "error": {
                "code": 429,
                "message": "You exceeded your current quota. Please retry in 7.5s.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaValue": "5"}]},
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "7.5s"}
                ]
              }
            }
            """;

    private final FakeProviderServer server = FakeProviderServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    /** Opens a request for a {@code Person} with {@code provider}, and returns what it hears. */
    private static RecordingListener open(LlmProvider provider) {
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("gemini-2.5-flash")
                        .schema("Person", GeminiContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        return listener;
    }

    private ProviderHttpException failWith(FakeResponse response) {
        LlmProvider noRetries = Gemini.builder()
                .apiKey("gm-test")
                .baseUrl(server.url("/v1beta").toString())
                .maxRetries(0)
                .build();
        server.enqueue(response);
        RecordingListener listener = open(noRetries);
        return listener.awaitFailure(ProviderHttpException.class);
    }

    @Test
    void http429_retryInfoInTheBody_isTheRequestedDelay() {
        ProviderHttpException failure = failWith(FakeResponse.status(429).body(QUOTA_429));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(7500));
    }

    @Test
    void http429_dailyQuotaExhausted_notRetried() {
        // The free tier's requests per day: the short retryDelay Google adds does not bring the day's quota back, so
        // a retry only delays the failure, as with OpenAI's insufficient_quota.
        String daily = QUOTA_429
                .replace("\"quotaValue\": \"5\"", "\"quotaId\": \"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"")
                .replace("7.5s", "0.01s");
        LlmProvider retrying = Gemini.builder()
                .apiKey("gm-test")
                .baseUrl(server.url("/v1beta").toString())
                .maxRetries(2)
                .build();
        for (int i = 0; i < 3; i++) {
            server.enqueue(FakeResponse.status(429).body(daily));
        }
        RecordingListener listener = open(retrying);

        ProviderHttpException failure = listener.awaitFailure(ProviderHttpException.class);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    /**
     * The daily quota's error also names Google's short retryDelay ("Please retry in 30s"), which does not bring the
     * quota back: the exception says it is the day's quota and reports no delay a scheduler would act on.
     */
    @Test
    void http429_dailyQuotaExhausted_saysSoAndReportsNoRetryDelay() {
        String daily = QUOTA_429
                .replace("\"quotaValue\": \"5\"", "\"quotaId\": \"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"")
                .replace("7.5s", "30s");

        ProviderHttpException failure = failWith(FakeResponse.status(429).body(daily));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage())
                .contains("daily quota")
                .contains("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
        assertThat(failure.providerMessage()).isEqualTo("You exceeded your current quota. Please retry in 30s.");
    }

    /** Google's body delay counts as a header's does: over the builder's maxRetryAfter, the call fails with it. */
    @Test
    void http429_retryInfoOverMaxRetryAfter_failsAtOnceWithTheDelay() {
        LlmProvider provider = Gemini.builder()
                .apiKey("gm-test")
                .baseUrl(server.url("/v1beta").toString())
                .maxRetryAfter(Duration.ofSeconds(5))
                .build();
        server.enqueue(FakeResponse.status(429).body(QUOTA_429));
        server.enqueue(FakeResponse.status(429).body(QUOTA_429));
        RecordingListener listener = open(provider);

        ProviderHttpException failure = listener.awaitFailure(ProviderHttpException.class);
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(7500));
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void http429_perMinuteQuota_stillRetried() {
        String perMinute = QUOTA_429.replace(
                "\"quotaValue\": \"5\"", "\"quotaId\": \"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"");

        assertThat(failWith(FakeResponse.status(429).body(perMinute)).isRetryable())
                .isTrue();
    }

    @Test
    void http429_aRetryAfterHeader_winsOverTheBody() {
        ProviderHttpException failure =
                failWith(FakeResponse.status(429).header("retry-after", "2").body(QUOTA_429));

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void errorChunkMidStream_reportsTheTokensCountedBefore() {
        RecordingListener listener = streamAfterTwoTokens(
                "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"
                        + "\r\n\r\n");

        assertThat(listener.awaitFailure(StreamErrorException.class).errorType())
                .isEqualTo("UNAVAILABLE");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 2, 11));
    }

    @Test
    void errorEventWhoseDataIsNotJson_streamErrorWithTheText() {
        // A proxy's plain-text failure in an error event is still the server's error, not a garbled stream.
        RecordingListener listener = streamAfterTwoTokens(
                "event: error\r\ndata: upstream connect error or disconnect/reset before headers\r\n\r\n");

        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.providerMessage()).isEqualTo("upstream connect error or disconnect/reset before headers");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 2, 11));
    }

    /** Streams a chunk of two answer tokens (nine prompt tokens), then {@code end}, and returns what was heard. */
    private RecordingListener streamAfterTwoTokens(String end) {
        LlmProvider provider = Gemini.builder()
                .apiKey("gm-test")
                .baseUrl(server.url("/v1beta").toString())
                .build();
        server.enqueue(FakeResponse.sse("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"{\\\"name\"}]}}],"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":2,\"totalTokenCount\":11}}\r\n\r\n"
                + end));
        RecordingListener listener = open(provider);
        return listener;
    }
}
