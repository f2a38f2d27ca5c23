package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One client, 1,000 concurrent async streams: all finish correctly, and no thread is held per stream. */
class ConcurrencyTest {
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_TOOLS;
    private static final int STREAMS = 1000;

    private static final byte[] ANSWER = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 12)
            .toBytes();

    @RegisterExtension
    final ProviderServer server =
            ProviderServer.of(SETUP, FakeProviderServer.builder().dispatcher(request -> paced()));

    /** The answer to every request, paced so that all streams are open at once for a while. */
    private static FakeResponse paced() {
        return FakeResponse.sse(ANSWER).pieceSize(ANSWER.length / 6 + 1).pacing(Duration.ofMillis(150));
    }

    @Test
    void thousandConcurrentStreams_allFinishWithoutAThreadEach() throws Exception {
        Instructor client = server.client();
        ChatRequest request = SETUP.request("Generate 3 marketing ideas").build();
        // Warm-up: the HTTP client's own threads start with its first exchange.
        assertThat(client.responses().create(request, SeedModels.IDEAS)).isEqualTo(EXPECTED_IDEAS);
        int before = clientThreads();
        AtomicInteger peak = new AtomicInteger();

        List<AsyncPartialStream<List<Idea>>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(client.responses().streamAsync(request, SeedModels.IDEAS));
        }
        CompletableFuture<?> all = CompletableFuture.allOf(
                streams.stream().map(AsyncPartialStream::finalResponse).toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            peak.accumulateAndGet(clientThreads(), Math::max);
            Thread.sleep(20);
        }

        all.get(60, TimeUnit.SECONDS);
        for (AsyncPartialStream<List<Idea>> stream : streams) {
            assertThat(stream.finalResponse().join()).isEqualTo(EXPECTED_IDEAS);
            assertThat(stream.usage().totalTokens())
                    .isEqualTo(ProviderSetup.INPUT_TOKENS + ProviderSetup.OUTPUT_TOKENS);
        }
        assertThat(server.requestCount()).isEqualTo(STREAMS + 1);
        // The transport's fixed callback pool may still be filling up; nothing grows with the streams.
        assertThat(peak.get()).isLessThanOrEqualTo(before + 4);
    }

    /** Live threads, leaving out the fake server's, which has one per connection. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !thread.getName().startsWith(FakeProviderServer.THREAD_PREFIX))
                .count();
    }
}
