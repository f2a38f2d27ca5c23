package dev.instructor;

import dev.instructor.internal.client.Calls;
import dev.instructor.spi.ProviderEvent;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Structured calls of an {@link Instructor} client, from {@link Instructor#responses()}: blocking streams,
 * reactive streams, single values and raw provider events. Each method takes the response type as a
 * {@link Class}, a {@link TypeRef} for generic types, or a {@link ResponseModel} for a custom Jackson mapper and
 * extra {@link Validator}s.
 *
 * <p>Thread-safe: any number of calls may run concurrently.
 *
 * <p><b>Errors.</b> Methods throw {@link IllegalArgumentException} at once for a mode the provider does not support
 * or a type that cannot be bound; everything that happens after the request is sent reaches the caller through the
 * returned stream (see {@link PartialStream}).
 */
public final class Responses {
    private final Calls calls;

    Responses(Calls calls) {
        this.calls = calls;
    }

    /**
     * Sends the request and returns a stream of ever-fuller partials of {@code type}, ending with the final validated
     * value; iterate it on the caller's thread and close it (try-with-resources) to abort early.
     */
    public <T> PartialStream<T> stream(ChatRequest request, ResponseModel<T> type) {
        return calls.stream(Objects.requireNonNull(request, "request"), Objects.requireNonNull(type, "type"));
    }

    /** Same as {@link #stream(ChatRequest, ResponseModel)} for a generic type such as {@code List<Idea>}. */
    public <T> PartialStream<T> stream(ChatRequest request, TypeRef<T> type) {
        return stream(request, calls.model(type));
    }

    /** Same as {@link #stream(ChatRequest, ResponseModel)} for a class such as a record. */
    public <T> PartialStream<T> stream(ChatRequest request, Class<T> type) {
        return stream(request, calls.model(type));
    }

    /**
     * Sends the request and waits for the final validated value, re-asking as needed; no partials. For the tokens it
     * used, call {@link #stream} instead and read {@link PartialStream#usage()} after {@link
     * PartialStream#getFinalResponse()} returns or throws (a truncated answer is billed too), or add an {@link
     * InstructorListener} whose {@code onUsage} hears each attempt's tokens.
     *
     * @throws RuntimeException the call's failure, as described in {@link PartialStream}
     */
    public <T> T create(ChatRequest request, ResponseModel<T> type) {
        try (PartialStream<T> stream = stream(request, type)) {
            return stream.getFinalResponse();
        }
    }

    /** Same as {@link #create(ChatRequest, ResponseModel)} for a generic type. */
    public <T> T create(ChatRequest request, TypeRef<T> type) {
        return create(request, calls.model(type));
    }

    /** Same as {@link #create(ChatRequest, ResponseModel)} for a class. */
    public <T> T create(ChatRequest request, Class<T> type) {
        return create(request, calls.model(type));
    }

    /**
     * Sends the request and returns a publisher of its partials that holds no thread: it runs on the HTTP client's
     * callbacks. The request is sent at once, and this method returns once it is: what the provider answers meanwhile
     * is handled on another thread, never on the caller's. See {@link AsyncPartialStream} for backpressure and
     * cancellation.
     */
    public <T> AsyncPartialStream<T> streamAsync(ChatRequest request, ResponseModel<T> type) {
        return calls.streamAsync(Objects.requireNonNull(request, "request"), Objects.requireNonNull(type, "type"));
    }

    /** Same as {@link #streamAsync(ChatRequest, ResponseModel)} for a generic type. */
    public <T> AsyncPartialStream<T> streamAsync(ChatRequest request, TypeRef<T> type) {
        return streamAsync(request, calls.model(type));
    }

    /** Same as {@link #streamAsync(ChatRequest, ResponseModel)} for a class. */
    public <T> AsyncPartialStream<T> streamAsync(ChatRequest request, Class<T> type) {
        return streamAsync(request, calls.model(type));
    }

    /**
     * Sends the request once and returns the provider's events as they arrive, raw wire events included, for
     * debugging: no parsing, validation or re-ask. Consume it on one thread; the stream blocks for each event and
     * throws the call's {@link dev.instructor.spi.ProviderException}. Close it (try-with-resources) to abort the
     * call. Listeners hear of it as of one attempt: the request, each event read, and its end ({@code onComplete}
     * with a null value, or {@code onError}, a close before the end included).
     */
    public <T> Stream<ProviderEvent> raw(ChatRequest request, ResponseModel<T> type) {
        return calls.raw(Objects.requireNonNull(request, "request"), Objects.requireNonNull(type, "type"));
    }

    /** Same as {@link #raw(ChatRequest, ResponseModel)} for a generic type. */
    public <T> Stream<ProviderEvent> raw(ChatRequest request, TypeRef<T> type) {
        return raw(request, calls.model(type));
    }

    /** Same as {@link #raw(ChatRequest, ResponseModel)} for a class. */
    public <T> Stream<ProviderEvent> raw(ChatRequest request, Class<T> type) {
        return raw(request, calls.model(type));
    }
}
