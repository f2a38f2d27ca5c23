package dev.instructor.spi;

import dev.instructor.schema.SchemaDialect;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * An LLM provider that streams structured output: one implementation per API (OpenAI Chat Completions, Anthropic
 * Messages...). Implementations are immutable and safe to share between threads; one instance serves any number of
 * concurrent calls without a thread per call.
 */
public interface LlmProvider {
    /** Returns a short name for messages and logs ({@code openai}, {@code anthropic}...). */
    String name();

    /** Returns the modes this provider supports. */
    Set<Mode> modes();

    /** Returns the mode used when a request names none. */
    Mode defaultMode();

    /**
     * Returns the schema dialect the provider applies to the request's schema in {@code mode}.
     *
     * @throws IllegalArgumentException if the mode is not supported
     */
    SchemaDialect dialect(Mode mode);

    /**
     * Checks the settings of {@code request} against this provider's own limits, where they are narrower than those
     * {@link ProviderRequest.Builder} enforces for every provider (Anthropic's temperature ends at 1, for one). The
     * client calls it once per call before anything is sent, so a bad setting fails at once rather than as an HTTP
     * 400 on another thread; {@link #open} implementations call it too. Accepts everything by default.
     *
     * @throws IllegalArgumentException naming the setting and the range this provider accepts
     */
    default void validate(ProviderRequest request) {}

    /**
     * Returns the timeouts of this provider's calls whose request sets none: what a request's
     * {@code ChatRequest.Builder.timeouts(UnaryOperator)} adjusts. {@link Timeouts#DEFAULT} unless overridden.
     */
    default Timeouts timeouts() {
        return Timeouts.DEFAULT;
    }

    /**
     * Returns the executor this provider calls its listeners on, when its user chose one (the built-in providers: an
     * executor given to their HTTP client, {@code httpClient(builder -> builder.executor(...))}); empty by default.
     *
     * <p>The client runs on it, too, the work it hands off for a stream of this provider (what the provider delivered
     * while {@code streamAsync} was starting the call, a throttled partial shown later), so that an
     * {@link dev.instructor.AsyncPartialStream}'s subscribers are signalled on the user's executor only. When empty,
     * the client uses small pools of its own for that work. A provider that returns an executor calls its listeners on
     * it and nowhere else, but for a failure it cannot deliver there because the executor refused work.
     */
    default Optional<Executor> callbackExecutor() {
        return Optional.empty();
    }

    /**
     * Starts a call and returns at once; the outcome goes to {@code listener} (see its threading contract).
     * Retryable HTTP failures are retried until the provider answers 2xx; nothing is retried after that, as the
     * provider may already be generating the answer.
     *
     * @throws IllegalArgumentException if the request's mode is not supported, or {@link #validate} rejects it
     */
    ProviderCall open(ProviderRequest request, ProviderListener listener);

    /**
     * Starts a call and returns a blocking view of its events, for callers that own a thread. Closing the stream
     * cancels the call.
     */
    default ProviderStream stream(ProviderRequest request) {
        ProviderStream stream = new ProviderStream();
        stream.attach(open(request, stream.listener()));
        return stream;
    }
}
