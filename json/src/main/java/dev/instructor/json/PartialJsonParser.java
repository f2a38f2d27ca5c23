package dev.instructor.json;

import java.util.List;
import java.util.Optional;

/**
 * An incremental JSON parser: feed it text a few characters at a time and ask, after any chunk, what the value
 * looks like so far.
 *
 * <pre>{@code
 * PartialJsonParser parser = PartialJsonParser.strict();
 * for (String chunk : chunks) {
 *     parser.feed(chunk);
 *     parser.snapshot().ifPresent(value -> render(value.toJson()));
 * }
 * PartialValue complete = parser.finish();
 * }</pre>
 *
 * <p>Not thread-safe: one thread feeds a parser at a time. The snapshots it returns are immutable and may be handed
 * to other threads.
 *
 * <p>Skeleton: the engine implementation replaces these bodies.
 */
public final class PartialJsonParser {

    private PartialJsonParser(Builder builder) {}

    /** Returns a parser that accepts exactly one JSON value, surrounded by nothing but whitespace. */
    public static PartialJsonParser strict() {
        return builder().build();
    }

    /**
     * Returns a parser for chatty model output: it skips prose and a markdown fence before the first object or
     * array, and stops at the end of that value, ignoring what follows.
     */
    public static PartialJsonParser lenient() {
        return builder().lenient(true).build();
    }

    /** Returns a builder for a parser with custom mode and limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the next chunk of text.
     *
     * @param chunk any number of chars; a surrogate pair or an escape sequence may be split across chunks
     * @throws JsonParseException when the text is invalid or exceeds a limit; the parser then refuses more input
     *     and keeps its last good snapshot
     */
    public void feed(CharSequence chunk) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Parses the next chunk of UTF-8 bytes.
     *
     * @param utf8 the buffer; its bytes are read during this call only
     * @param offset index of the first byte to read
     * @param length number of bytes to read; a multi-byte sequence may be split across chunks
     * @throws JsonParseException when the input is invalid (including invalid UTF-8) or exceeds a limit
     */
    public void feed(byte[] utf8, int offset, int length) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Returns the value as far as it has arrived, or empty when no value has started. Returns the same instance as
     * the previous call when nothing visible changed in between.
     */
    public Optional<PartialValue> snapshot() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Returns the JSON Pointers of the values completed by the last {@code feed}, innermost first, in the order
     * they completed.
     */
    public List<JsonPointer> completedPaths() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Returns the path of the value being written, or empty when none is (before the start, after the end). */
    public Optional<JsonPointer> activePath() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Returns true once the root value is complete. */
    public boolean isComplete() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Declares the end of input and returns the complete value.
     *
     * @throws JsonIncompleteException when the input ended before the value did
     * @throws JsonSyntaxException when the input was invalid
     */
    public PartialValue finish() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Configures a {@link PartialJsonParser}. */
    public static final class Builder {
        private boolean lenient;
        private JsonLimits limits = JsonLimits.defaults();

        private Builder() {}

        /**
         * Chooses lenient mode (see {@link PartialJsonParser#lenient()}) or strict mode, the default.
         *
         * @param lenient true for lenient
         * @return this builder
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /**
         * Sets the size limits.
         *
         * @param limits the limits; {@link JsonLimits#defaults()} unless set
         * @return this builder
         */
        public Builder limits(JsonLimits limits) {
            if (limits == null) {
                throw new NullPointerException("limits");
            }
            this.limits = limits;
            return this;
        }

        /** Returns a new parser. */
        public PartialJsonParser build() {
            return new PartialJsonParser(this);
        }
    }
}
