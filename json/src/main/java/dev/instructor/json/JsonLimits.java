package dev.instructor.json;

import java.util.Objects;

/**
 * Size limits that protect the parser from hostile or runaway input, like Jackson's {@code StreamReadConstraints}.
 * Exceeding one makes the parser throw {@link JsonLimitException}.
 *
 * <pre>{@code
 * JsonLimits limits = JsonLimits.builder().maxNestingDepth(64).maxDocumentLength(1 << 20).build();
 * }</pre>
 *
 * <p>Instances are immutable and equal when their limits are.
 */
public final class JsonLimits {
    /** The limits that can be exceeded. */
    public enum Limit {
        /** How deeply arrays and objects nest. */
        NESTING_DEPTH("nesting depth"),
        /** The decoded length of one string value, in UTF-16 code units. */
        STRING_LENGTH("string length"),
        /** The decoded length of one member name, in UTF-16 code units. */
        NAME_LENGTH("member name length"),
        /** The number of characters of one number. */
        NUMBER_LENGTH("number length"),
        /** The input units read for one document, prose and whitespace included. */
        DOCUMENT_LENGTH("document length");

        private final String description;

        Limit(String description) {
            this.description = description;
        }

        /** Returns a short human description, such as {@code "nesting depth"}. */
        public String description() {
            return description;
        }
    }

    private static final JsonLimits DEFAULTS = builder().build();

    private final int maxNestingDepth;
    private final int maxStringLength;
    private final int maxNameLength;
    private final int maxNumberLength;
    private final long maxDocumentLength;

    private JsonLimits(Builder builder) {
        this.maxNestingDepth = builder.maxNestingDepth;
        this.maxStringLength = builder.maxStringLength;
        this.maxNameLength = builder.maxNameLength;
        this.maxNumberLength = builder.maxNumberLength;
        this.maxDocumentLength = builder.maxDocumentLength;
    }

    /**
     * Returns the default limits: nesting depth 1,000, strings 20,000,000, names 50,000, numbers 1,000, documents
     * unlimited (Jackson 2.16's defaults; Jackson 3's {@code StreamReadConstraints} allow a nesting depth of 500 and
     * strings of 100,000,000).
     */
    public static JsonLimits defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the maximum nesting depth of arrays and objects. */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** Returns the maximum decoded length of a string value. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Returns the maximum decoded length of a member name. */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** Returns the maximum number of characters of a number. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** Returns the maximum input units of a document, or {@link Long#MAX_VALUE} for unlimited. */
    public long maxDocumentLength() {
        return maxDocumentLength;
    }

    /** Returns whether {@code other} is a {@code JsonLimits} with the same five limits. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JsonLimits that
                && maxNestingDepth == that.maxNestingDepth
                && maxStringLength == that.maxStringLength
                && maxNameLength == that.maxNameLength
                && maxNumberLength == that.maxNumberLength
                && maxDocumentLength == that.maxDocumentLength;
    }

    /** Returns a hash of the five limits, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(maxNestingDepth, maxStringLength, maxNameLength, maxNumberLength, maxDocumentLength);
    }

    /** Returns the five limits, for logs. */
    @Override
    public String toString() {
        return "JsonLimits{maxNestingDepth=" + maxNestingDepth + ", maxStringLength=" + maxStringLength
                + ", maxNameLength=" + maxNameLength + ", maxNumberLength=" + maxNumberLength
                + ", maxDocumentLength=" + maxDocumentLength + "}";
    }

    /** Builds {@link JsonLimits}; each setter rejects a non-positive value at once. */
    public static final class Builder {
        private int maxNestingDepth = 1_000;
        private int maxStringLength = 20_000_000;
        private int maxNameLength = 50_000;
        private int maxNumberLength = 1_000;
        private long maxDocumentLength = Long.MAX_VALUE;

        private Builder() {}

        /**
         * Sets the maximum nesting depth of arrays and objects.
         *
         * @param depth at least 1
         * @return this builder
         */
        public Builder maxNestingDepth(int depth) {
            this.maxNestingDepth = (int) requirePositive("maxNestingDepth", depth);
            return this;
        }

        /**
         * Sets the maximum decoded length of a string value.
         *
         * @param length at least 1
         * @return this builder
         */
        public Builder maxStringLength(int length) {
            this.maxStringLength = (int) requirePositive("maxStringLength", length);
            return this;
        }

        /**
         * Sets the maximum decoded length of a member name.
         *
         * @param length at least 1
         * @return this builder
         */
        public Builder maxNameLength(int length) {
            this.maxNameLength = (int) requirePositive("maxNameLength", length);
            return this;
        }

        /**
         * Sets the maximum number of characters of a number.
         *
         * @param length at least 1
         * @return this builder
         */
        public Builder maxNumberLength(int length) {
            this.maxNumberLength = (int) requirePositive("maxNumberLength", length);
            return this;
        }

        /**
         * Sets the maximum input units of one document: chars for text, bytes for UTF-8. In lenient mode what follows
         * the value is ignored and not counted, the char that ends a top-level number included.
         *
         * @param length at least 1; {@link Long#MAX_VALUE} for unlimited
         * @return this builder
         */
        public Builder maxDocumentLength(long length) {
            this.maxDocumentLength = requirePositive("maxDocumentLength", length);
            return this;
        }

        /** Returns the limits. */
        public JsonLimits build() {
            return new JsonLimits(this);
        }

        private static long requirePositive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
            }
            return value;
        }
    }
}
