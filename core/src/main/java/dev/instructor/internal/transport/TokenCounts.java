package dev.instructor.internal.transport;

import dev.instructor.spi.ProviderEvent;
import tools.jackson.databind.JsonNode;

/**
 * Token counts as providers report them, made safe to emit. Usage is bookkeeping: a server that leaves a count out
 * (several OpenAI-compatible servers send no {@code total_tokens}) or reports a negative one must not fail an
 * answer that is otherwise fine, so a missing or negative count reads as unknown.
 */
public final class TokenCounts {
    private TokenCounts() {}

    /** Returns the count at {@code field}, or -1 when it is absent, not a number in range or negative. */
    public static long read(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : -1;
    }

    /**
     * Returns a usage event; an unknown (negative) input or output count is 0, and an unknown total is their sum.
     *
     * @param input prompt tokens, or -1
     * @param output generated tokens, or -1
     * @param total the provider's own total, or -1
     */
    public static ProviderEvent.Usage usage(long input, long output, long total) {
        long in = Math.max(0, input);
        long out = Math.max(0, output);
        return new ProviderEvent.Usage(in, out, total >= 0 ? total : in + out);
    }
}
