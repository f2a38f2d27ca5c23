package dev.instructor;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What to ask the model: the conversation and the settings of one structured call. The response type is not part
 * of the request; it is given to {@link Responses#stream} or {@link Responses#create}, so one request can be reused
 * for several types.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("gpt-4o-mini")
 *     .system("You are a marketing assistant.")
 *     .user("Generate 3 marketing ideas for a note-taking app")
 *     .maxRetries(2)
 *     .build();
 * }</pre>
 *
 * <p>The model may be left unset for an endpoint that chooses its own: an Azure OpenAI deployment, or an
 * OpenAI-compatible server's Chat Completions, which then get no {@code model} field. OpenAI itself, its Responses API,
 * Anthropic, Gemini and Ollama fail the call with {@link IllegalArgumentException} before anything is sent.
 *
 * <p>Immutable and thread-safe; two requests with equal settings are equal.
 */
public final class ChatRequest {
    /** Re-asks after a failed validation unless {@link Builder#maxRetries(int)} says otherwise: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    private final String model;
    private final List<Message> messages;
    private final Mode mode;
    private final int maxRetries;
    private final Double temperature;
    private final Integer maxTokens;
    private final Timeouts timeouts;
    private final UnaryOperator<Timeouts> timeoutsAdjustment;
    private final ValidationContext validationContext;
    private final Map<String, Object> extraBody;
    private final Duration partialInterval;
    private final Boolean failFast;
    private final Boolean startsInsideReasoning;
    private final List<InstructorListener> listeners;

    private ChatRequest(Builder builder) {
        this.model = builder.model;
        this.messages = List.copyOf(builder.messages);
        this.mode = builder.mode;
        this.maxRetries = builder.maxRetries;
        this.temperature = builder.temperature;
        this.maxTokens = builder.maxTokens;
        this.timeouts = builder.timeouts;
        this.timeoutsAdjustment = builder.timeoutsAdjustment;
        this.validationContext = builder.validationContext;
        this.extraBody = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraBody));
        this.partialInterval = builder.partialInterval;
        this.failFast = builder.failFast;
        this.startsInsideReasoning = builder.startsInsideReasoning;
        this.listeners = List.copyOf(builder.listeners);
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this request's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.model = model;
        builder.messages.addAll(messages);
        builder.mode = mode;
        builder.maxRetries = maxRetries;
        builder.temperature = temperature;
        builder.maxTokens = maxTokens;
        builder.timeouts = timeouts;
        builder.timeoutsAdjustment = timeoutsAdjustment;
        builder.validationContext = validationContext;
        builder.extraBody.putAll(extraBody);
        builder.partialInterval = partialInterval;
        builder.failFast = failFast;
        builder.startsInsideReasoning = startsInsideReasoning;
        builder.listeners.addAll(listeners);
        return builder;
    }

    /**
     * Returns the model name, or empty when none was set (an Azure OpenAI deployment or an OpenAI-compatible server
     * chooses).
     */
    public String model() {
        return model;
    }

    /** Returns the conversation, in order. */
    public List<Message> messages() {
        return messages;
    }

    /** Returns the mode, or empty for the client's default. */
    public Optional<Mode> mode() {
        return Optional.ofNullable(mode);
    }

    /** Returns how many times the model is asked again after a failed validation. */
    public int maxRetries() {
        return maxRetries;
    }

    /** Returns the sampling temperature, or empty for the provider's default. */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** Returns the output token limit, or empty for the provider's default. */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /** Returns the timeouts that replace the provider's for this request, or empty for the provider's. */
    public Optional<Timeouts> timeouts() {
        return Optional.ofNullable(timeouts);
    }

    /**
     * Returns how this request adjusts the provider's timeouts, or empty when it keeps them or replaces them whole
     * ({@link #timeouts()}).
     */
    public Optional<UnaryOperator<Timeouts>> timeoutsAdjustment() {
        return Optional.ofNullable(timeoutsAdjustment);
    }

    /** Returns the data the response model's validators receive. */
    public ValidationContext validationContext() {
        return validationContext;
    }

    /** Returns the provider-specific body fields, merged last into the provider's request. */
    public Map<String, Object> extraBody() {
        return extraBody;
    }

    /** Returns the least time between two partials, or empty for the client's setting. */
    public Optional<Duration> partialInterval() {
        return Optional.ofNullable(partialInterval);
    }

    /** Returns whether streaming validation may abort an attempt early, or empty for the client's setting. */
    public Optional<Boolean> failFast() {
        return Optional.ofNullable(failFast);
    }

    /**
     * Returns whether the answer starts inside the model's reasoning (see {@link Builder#startsInsideReasoning}), or
     * empty for the client's setting.
     */
    public Optional<Boolean> startsInsideReasoning() {
        return Optional.ofNullable(startsInsideReasoning);
    }

    /** Returns the listeners of this call alone, told after the client's, in the order added. */
    public List<InstructorListener> listeners() {
        return listeners;
    }

    /**
     * Returns whether {@code other} is a request with equal settings: the same model, equal messages, mode, retries,
     * temperature, token limit, timeouts, validation context, extra body, partial interval, fail-fast and reasoning
     * settings, and the same listeners and timeouts adjustment (these compare as their classes define, usually by
     * identity).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ChatRequest that
                && model.equals(that.model)
                && messages.equals(that.messages)
                && Objects.equals(mode, that.mode)
                && maxRetries == that.maxRetries
                && Objects.equals(temperature, that.temperature)
                && Objects.equals(maxTokens, that.maxTokens)
                && Objects.equals(timeouts, that.timeouts)
                && Objects.equals(timeoutsAdjustment, that.timeoutsAdjustment)
                && validationContext.equals(that.validationContext)
                && extraBody.equals(that.extraBody)
                && Objects.equals(partialInterval, that.partialInterval)
                && Objects.equals(failFast, that.failFast)
                && Objects.equals(startsInsideReasoning, that.startsInsideReasoning)
                && listeners.equals(that.listeners);
    }

    /** Returns a hash of the settings, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(
                model,
                messages,
                mode,
                maxRetries,
                temperature,
                maxTokens,
                timeouts,
                timeoutsAdjustment,
                validationContext,
                extraBody,
                partialInterval,
                failFast,
                startsInsideReasoning,
                listeners);
    }

    /** Returns the request's shape for logs: the model, how many messages, the mode and retries; no message text. */
    @Override
    public String toString() {
        // Message texts may be long or private: the shape is enough for logs.
        return "ChatRequest[model=" + model + ", messages=" + messages.size() + ", mode=" + mode + ", maxRetries="
                + maxRetries + "]";
    }

    /**
     * Configures a {@link ChatRequest}. Each setter checks its argument at once and names the bad value; not
     * thread-safe.
     */
    public static final class Builder {
        private String model = "";
        private final List<Message> messages = new ArrayList<>();
        private Mode mode;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Double temperature;
        private Integer maxTokens;
        private Timeouts timeouts;
        private UnaryOperator<Timeouts> timeoutsAdjustment;
        private ValidationContext validationContext = ValidationContext.empty();
        private final Map<String, Object> extraBody = new LinkedHashMap<>();
        private Duration partialInterval;
        private Boolean failFast;
        private Boolean startsInsideReasoning;
        private final List<InstructorListener> listeners = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the model name, e.g. {@code gpt-4o-mini}. Every provider needs one except Azure OpenAI, whose
         * deployment names the model, and an OpenAI-compatible server's Chat Completions, which may choose its own.
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder model(String model) {
            Objects.requireNonNull(model, "model");
            if (model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank: \"" + model + "\"");
            }
            this.model = model;
            return this;
        }

        /** Appends a system message (instructions for the model). */
        public Builder system(String text) {
            return message(Message.system(Objects.requireNonNull(text, "text")));
        }

        /** Appends a user message. */
        public Builder user(String text) {
            return message(Message.user(Objects.requireNonNull(text, "text")));
        }

        /** Appends an assistant message, e.g. an earlier answer of a conversation. */
        public Builder assistant(String text) {
            return message(Message.assistant(Objects.requireNonNull(text, "text")));
        }

        /** Appends any message of the provider SPI. */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Appends messages, in order. */
        public Builder messages(List<? extends Message> more) {
            Objects.requireNonNull(more, "messages").forEach(this::message);
            return this;
        }

        /** Sets how to ask for structured output; unset means the client's default. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets how many times the model is asked again after a failed validation: {@value #DEFAULT_MAX_RETRIES}
         * unless set, 0 for none. A request that fails before its answer starts (a connection error, a 429) is sent
         * again by the provider, as often as the provider builder's {@code maxRetries} says, without counting here.
         *
         * @throws IllegalArgumentException when negative or above 20
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 20) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 20: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the sampling temperature.
         *
         * @throws IllegalArgumentException when outside [0, 2]
         */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * Sets the output token limit; an answer cut off by it fails with
         * {@link dev.instructor.spi.TruncatedException}, not a re-ask.
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

        /**
         * Sets this request's timeouts, replacing the provider's whole (except connect, which is the provider's).
         * Nothing of the provider's is kept: {@link Timeouts#DEFAULT} has a two-minute first event, where the Ollama
         * provider waits five minutes for a model to load. To change one limit and keep the provider's others, use
         * {@link #timeouts(UnaryOperator)}. Replaces an adjustment set before.
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            this.timeoutsAdjustment = null;
            return this;
        }

        /**
         * Adjusts the provider's own timeouts for this request: {@code adjust} receives them when each attempt is
         * sent and returns this request's, e.g. {@code .timeouts(t -> t.withIdle(Duration.ofSeconds(20)))} keeps the
         * provider's first-event limit (five minutes for Ollama) and changes only the idle one. The returned
         * {@code connect} is ignored. The provider's timeouts are its {@link dev.instructor.spi.LlmProvider#timeouts()}
         * (those it was built with, for the built-in providers). Replaces timeouts set before with {@link
         * #timeouts(Timeouts)}.
         *
         * @param adjust maps the provider's timeouts to this request's; must not return {@code null}
         */
        public Builder timeouts(UnaryOperator<Timeouts> adjust) {
            this.timeoutsAdjustment = Objects.requireNonNull(adjust, "timeouts");
            this.timeouts = null;
            return this;
        }

        /** Sets the data the response model's {@link Validator}s receive. */
        public Builder validationContext(ValidationContext context) {
            this.validationContext = Objects.requireNonNull(context, "validationContext");
            return this;
        }

        /**
         * Adds a provider-specific body field (e.g. {@code seed}, {@code top_p}), merged last into the provider's
         * request, where it overrides what the provider built; an object given for a field the provider built as an
         * object of the same {@code type}, or with none (Gemini's {@code generationConfig}, Ollama's
         * {@code options}), is merged into it, its members replacing same-named ones.
         *
         * @param name the JSON field name
         * @param value a JSON tree, string, number, boolean, map or list
         * @throws IllegalArgumentException when the name is blank
         * @throws NullPointerException when the name or the value is {@code null} (to send a JSON {@code null}, pass
         *     {@code NullNode.getInstance()}); the message names the field
         */
        public Builder extraBody(String name, Object value) {
            Objects.requireNonNull(name, "extraBody name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("extra body field name must not be blank: \"" + name + "\"");
            }
            extraBody.put(name, Objects.requireNonNull(value, () -> "extraBody value of \"" + name + "\""));
            return this;
        }

        /**
         * Shows at most one partial per {@code interval}, the latest; the final value is never held back. Overrides
         * the client's setting; {@link Duration#ZERO} shows every partial.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder partialInterval(Duration interval) {
            Objects.requireNonNull(interval, "partialInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("partialInterval must not be negative: " + interval);
            }
            this.partialInterval = interval;
            return this;
        }

        /**
         * Aborts an attempt as soon as a completed part of the answer breaks a constraint and re-asks at once;
         * overrides the client's setting (on by default).
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * Says that the model's answer starts inside its reasoning, as the answer of a model whose chat template
         * writes the opening {@code <think>} into the prompt does (QwQ, DeepSeek-R1 and its distills, Qwen3's
         * Thinking-2507 models, served without a reasoning parser): everything up to the first {@code </think>} (or
         * another closing marker of the blocks lenient parsing knows) is then skipped, drafts of the value included,
         * and the value sought after it. Overrides the client's setting (off by default). Applies in {@link Mode#JSON}
         * and {@link Mode#MD_JSON}, where the model writes the answer as text; a {@link Mode#TOOLS} or {@link
         * Mode#JSON_SCHEMA} answer, which the provider holds to the schema from its first char, is read as ever. After
         * the reasoning, a value written bare is found as in {@code MD_JSON}: an array of objects anywhere, a scalar or
         * an array of scalars in a json fence. An answer that never ends its reasoning holds no value: the attempt
         * fails with a violation saying so, and is re-asked.
         *
         * @see dev.instructor.json.PartialJsonParser.Builder#startsInsideReasoning
         */
        public Builder startsInsideReasoning(boolean startsInsideReasoning) {
            this.startsInsideReasoning = startsInsideReasoning;
            return this;
        }

        /**
         * Adds a listener told of this call alone, after the client's listeners: to tag one request's tokens, time or
         * outcome (a listener of the client cannot tell concurrent calls apart). An exception it throws is logged and
         * does not disturb the call.
         */
        public Builder listener(InstructorListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Returns the request.
         *
         * @throws IllegalStateException when no message was given
         */
        public ChatRequest build() {
            if (messages.isEmpty()) {
                throw new IllegalStateException("no message: add one with user(...), system(...) or message(...)");
            }
            return new ChatRequest(this);
        }
    }
}
