package dev.instructor.spi;

import java.util.Objects;

/**
 * What a provider reports while a call streams: the common vocabulary every provider module maps its wire events
 * to. A successful call delivers any number of {@link TextDelta}, {@link ToolCall}, {@link Usage}, {@link Refusal}
 * and {@link Raw} events and then exactly one {@link Finish}. Failures are not events: they end the call through
 * {@link ProviderListener#onFailure}.
 */
public sealed interface ProviderEvent
        permits ProviderEvent.TextDelta,
                ProviderEvent.ToolCall,
                ProviderEvent.Refusal,
                ProviderEvent.Usage,
                ProviderEvent.Finish,
                ProviderEvent.Raw {

    /** The next piece of the structured output's JSON text; the pieces concatenated are the whole output. */
    record TextDelta(String text) implements ProviderEvent {
        /** Checks the text is present. */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The forced tool call that carries the structured output has started; its id (and signature, where the
     * provider gives one) is needed to re-ask in {@link Mode#TOOLS}.
     *
     * @param id the provider's tool call id, or {@code ""} when it sent none (the re-ask then makes one up)
     * @param name the tool name
     * @param signature the opaque signature the provider wants back with the call when it is replayed (Gemini's
     *     {@code thoughtSignature}), or {@code null}
     */
    record ToolCall(String id, String name, String signature) implements ProviderEvent {
        /** Checks id and name are present; the signature may be {@code null}. */
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }

        /** A tool call without a signature. */
        public ToolCall(String id, String name) {
            this(id, name, null);
        }
    }

    /** The next piece of a refusal message; a refused call ends with a {@link RefusalException}. */
    record Refusal(String text) implements ProviderEvent {
        /** Checks the text is present. */
        public Refusal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Token counts reported by the provider; a later event replaces an earlier one.
     *
     * @param inputTokens prompt tokens
     * @param outputTokens generated tokens (including reasoning tokens where the provider counts them there)
     * @param totalTokens as reported, or the sum when the provider gives none
     */
    record Usage(long inputTokens, long outputTokens, long totalTokens) implements ProviderEvent {
        /** Checks that no count is negative: a provider reads a count it was not given as 0. */
        public Usage {
            if (inputTokens < 0 || outputTokens < 0 || totalTokens < 0) {
                throw new IllegalArgumentException(
                        "token counts must not be negative: " + inputTokens + ", " + outputTokens + ", " + totalTokens);
            }
        }
    }

    /**
     * The output is complete.
     *
     * @param reason the provider's own finish reason, verbatim (e.g. {@code stop}, {@code tool_calls},
     *     {@code end_turn}, {@code STOP}, {@code completed})
     */
    record Finish(String reason) implements ProviderEvent {
        /** Checks the reason is present. */
        public Finish {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One wire event as received, for debugging and logging.
     *
     * @param event the SSE event name ({@code message} when the provider names none; {@code line} for NDJSON)
     * @param data the event's data
     */
    record Raw(String event, String data) implements ProviderEvent {
        /** Checks both parts are present. */
        public Raw {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(data, "data");
        }
    }
}
