package dev.instructor.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to ask a provider for: the conversation, the plain JSON schema of the wanted output and the generation
 * settings. The provider rewrites the schema for itself with its {@link LlmProvider#dialect(Mode)}.
 *
 * @param model the model name, or empty when the endpoint decides (an Azure OpenAI deployment); a provider whose
 *     API needs one rejects an empty model with {@link #requireModel()}
 * @param messages the conversation, in order
 * @param mode how to ask for structured output, or {@code null} for the provider's default
 * @param schema the plain JSON schema of the output; copied, so neither the caller's later changes nor the
 *     provider's reach the other
 * @param schemaName the tool / schema name the provider sees (letters, digits, {@code _} and {@code -})
 * @param schemaDescription a description of the output for the model, or {@code null}
 * @param temperature sampling temperature in [0, 2], or {@code null} for the provider default
 * @param maxTokens the output token limit, or {@code null} for the provider default
 * @param timeouts per-call timeouts, or {@code null} for the provider's
 * @param extraBody provider-specific body fields merged last into the request JSON (values: JSON trees, strings,
 *     numbers, booleans, maps and lists); they override what the provider built, an object merging its members
 *     into an object the provider built of the same {@code type} (or with none)
 */
public record ProviderRequest(
        String model,
        List<Message> messages,
        Mode mode,
        ObjectNode schema,
        String schemaName,
        String schemaDescription,
        Double temperature,
        Integer maxTokens,
        Timeouts timeouts,
        Map<String, Object> extraBody) {
    /** What every provider accepts as a schema or tool name; compiled once, as a request is made per call. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Checks the required parts and copies the collections and the schema.
     *
     * @throws NullPointerException naming the field, when {@code model}, {@code messages}, {@code schema},
     *     {@code schemaName}, a message, an extra body name or an extra body value is {@code null}
     * @throws IllegalArgumentException when there are no messages, or the schema name, the temperature or the token
     *     limit is out of range
     */
    public ProviderRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(schema, "schema");
        checkSchemaName(schemaName);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        if (temperature != null) {
            checkTemperature(temperature);
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        messages = List.copyOf(messages);
        // A provider rewrites the schema for its dialect; a copy keeps a shared or cached node out of its reach.
        schema = schema.deepCopy();
        extraBody = extraBody == null ? Map.of() : copyExtraBody(extraBody);
    }

    private static void checkSchemaName(String schemaName) {
        Objects.requireNonNull(schemaName, "schemaName");
        if (!SCHEMA_NAME.matcher(schemaName).matches()) {
            throw new IllegalArgumentException(
                    "schemaName must be 1-64 letters, digits, '_' or '-': \"" + schemaName + "\"");
        }
    }

    private static void checkTemperature(double temperature) {
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2]: " + temperature);
        }
    }

    private static Map<String, Object> copyExtraBody(Map<String, Object> extraBody) {
        extraBody.forEach(ProviderRequest::checkExtraBodyField);
        return Map.copyOf(extraBody);
    }

    private static void checkExtraBodyField(String name, Object value) {
        Objects.requireNonNull(name, "extraBody name");
        Objects.requireNonNull(value, () -> "extraBody value of \"" + name + "\"");
    }

    /**
     * Returns the model name, for a provider whose API needs one.
     *
     * @throws IllegalArgumentException when the model is empty
     */
    public String requireModel() {
        if (model.isEmpty()) {
            throw new IllegalArgumentException(
                    "no model: set ChatRequest.Builder.model(...); only an Azure OpenAI deployment or an OpenAI-compatible"
                            + " server may choose its own");
        }
        return model;
    }

    /** Returns a builder for a request to {@code model}, empty when the endpoint decides the model. */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * Builds a {@link ProviderRequest}. Each setter checks its own argument at once and names the bad value;
     * {@link #build()} checks what needs them all (a schema and at least one message). Not thread-safe.
     */
    public static final class Builder {
        private final String model;
        private final List<Message> messages = new ArrayList<>();
        private final Map<String, Object> extraBody = new LinkedHashMap<>();
        private Mode mode;
        private ObjectNode schema;
        private String schemaName = "response";
        private String schemaDescription;
        private Double temperature;
        private Integer maxTokens;
        private Timeouts timeouts;

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Appends a message. */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Appends messages. */
        public Builder messages(List<? extends Message> more) {
            Objects.requireNonNull(more, "messages").forEach(this::message);
            return this;
        }

        /** Sets the mode; unset means the provider's default. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the plain JSON schema and the name the provider sees for it.
         *
         * @throws IllegalArgumentException when the name is not 1-64 letters, digits, {@code _} or {@code -}
         */
        public Builder schema(String name, ObjectNode schema) {
            checkSchemaName(name);
            this.schemaName = name;
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Sets the description of the output for the model; {@code null} (the default) sends none. */
        public Builder schemaDescription(String description) {
            this.schemaDescription = description;
            return this;
        }

        /**
         * Sets the sampling temperature.
         *
         * @throws IllegalArgumentException when outside [0, 2]
         */
        public Builder temperature(double temperature) {
            checkTemperature(temperature);
            this.temperature = temperature;
            return this;
        }

        /**
         * Sets the output token limit.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Sets this call's timeouts, replacing the provider's whole (except connect); unset means the provider's. */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Adds a provider-specific body field, merged last into the request JSON.
         *
         * @throws NullPointerException when the name or the value is {@code null}; the message names the field
         */
        public Builder extraBody(String name, Object value) {
            checkExtraBodyField(name, value);
            extraBody.put(name, value);
            return this;
        }

        /** Returns the request. */
        public ProviderRequest build() {
            if (schema == null) {
                throw new IllegalStateException("schema(name, schema) was not called");
            }
            return new ProviderRequest(
                    model,
                    messages,
                    mode,
                    schema,
                    schemaName,
                    schemaDescription,
                    temperature,
                    maxTokens,
                    timeouts,
                    extraBody);
        }
    }
}
