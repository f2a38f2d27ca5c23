package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.transport.Json;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.ProviderRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Replays a recorded stream from a provider module's {@code /provider-streams/} test resources: once in one write
 * and then cut at random byte positions with several seeds, checking every run yields the same events.
 */
public final class FixtureReplay {
    private static final int SPLIT_RUNS = 3;

    private FixtureReplay() {}

    /** Returns the bytes of a fixture file, exactly as stored. */
    public static byte[] bytes(String name) {
        try (InputStream in = FixtureReplay.class.getResourceAsStream("/provider-streams/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /provider-streams/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a value of the fixture's entry in {@code expected.json}, e.g. {@code assembled}. */
    public static JsonNode expected(String name) {
        return Json.parse(new String(bytes("expected.json"), java.nio.charset.StandardCharsets.UTF_8))
                .path(name);
    }

    /** Replays {@code name} to {@code provider} with the SSE framing. */
    public static RecordingListener replay(
            FakeProviderServer server, LlmProvider provider, ProviderRequest request, String name) {
        return replay(server, provider, request, name, FakeResponse::sse);
    }

    /**
     * Replays {@code name} whole and split, returning the listener of the whole run after checking the split runs
     * produced the same events and outcome.
     */
    public static RecordingListener replay(
            FakeProviderServer server,
            LlmProvider provider,
            ProviderRequest request,
            String name,
            Function<byte[], FakeResponse> framing) {
        byte[] bytes = bytes(name);
        RecordingListener whole = run(server, provider, request, framing.apply(bytes));
        for (int seed = 1; seed <= SPLIT_RUNS; seed++) {
            int maxPiece = seed == 1 ? 3 : 64;
            RecordingListener split =
                    run(server, provider, request, framing.apply(bytes).randomSplits(seed, maxPiece));
            assertThat(split.events()).as("events with splits, seed " + seed).isEqualTo(whole.events());
            assertThat(String.valueOf(split.failure()))
                    .as("outcome with splits, seed " + seed)
                    .isEqualTo(String.valueOf(whole.failure()));
        }
        return whole;
    }

    private static RecordingListener run(
            FakeProviderServer server, LlmProvider provider, ProviderRequest request, FakeResponse response) {
        server.enqueue(response);
        RecordingListener listener = new RecordingListener();
        provider.open(request, listener);
        listener.await(Duration.ofSeconds(10));
        return listener;
    }
}
