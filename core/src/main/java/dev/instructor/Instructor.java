package dev.instructor;

import dev.instructor.internal.client.Calls;
import dev.instructor.internal.client.ClientSettings;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The client: asks an LLM provider for values of your own types, streams them as partials, validates them and asks
 * again when they are wrong.
 *
 * <pre>{@code
 * Instructor client = Instructor.from(OpenAi.fromEnv());
 * record Idea(String title, @Size(max = 140) String blurb) {}
 * ChatRequest request = ChatRequest.builder()
 *     .model("gpt-4o-mini")
 *     .user("Generate 3 marketing ideas for a note-taking app")
 *     .build();
 * try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
 *     for (List<Idea> partial : stream) System.out.println("partial: " + partial);
 *     List<Idea> ideas = stream.getFinalResponse();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per provider configuration and share it; one instance serves any number of
 * concurrent streams without a thread per stream.
 */
public final class Instructor {
    private final ClientSettings settings;
    private final Responses responses;

    private Instructor(ClientSettings settings) {
        this.settings = settings;
        this.responses = new Responses(new Calls(settings));
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a client of {@code provider} with default settings: its default mode, fail-fast on. */
    public static Instructor from(LlmProvider provider) {
        return builder().provider(provider).build();
    }

    /** Returns the structured calls: {@code stream}, {@code create}, {@code streamAsync} and {@code raw}. */
    public Responses responses() {
        return responses;
    }

    /** Returns the provider requests go to. */
    public LlmProvider provider() {
        return settings.provider();
    }

    @Override
    public String toString() {
        return "Instructor[" + settings.provider().name() + "]";
    }

    /** Configures an {@link Instructor}. Setters check their argument at once; not thread-safe. */
    public static final class Builder {
        private LlmProvider provider;
        private Mode defaultMode;
        private boolean failFast = true;
        private Duration partialInterval = Duration.ZERO;
        private boolean startsInsideReasoning;
        private final List<InstructorListener> listeners = new ArrayList<>();
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {}

        /** Sets the provider requests go to; required. */
        public Builder provider(LlmProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sets the mode of requests that name none; the provider's default unless set.
         *
         * @throws IllegalArgumentException when the provider, if already set, does not support it
         */
        public Builder defaultMode(Mode mode) {
            Objects.requireNonNull(mode, "defaultMode");
            if (provider != null && !provider.modes().contains(mode)) {
                throw new IllegalArgumentException(
                        provider.name() + " does not support mode " + mode + "; it supports " + provider.modes());
            }
            this.defaultMode = mode;
            return this;
        }

        /**
         * Sets whether an attempt is aborted as soon as a completed part of the answer breaks a constraint, and the
         * model re-asked at once; on unless set. Requests may override it.
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * Shows at most one partial per {@code interval}, the latest; the final value is never held back. Zero (the
         * default) shows every partial. Requests may override it.
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
         * Sets whether answers start inside the model's reasoning, as those of a model whose chat template writes the
         * opening {@code <think>} into the prompt do (QwQ, DeepSeek-R1 and its distills, Qwen3's Thinking-2507 models,
         * served without a reasoning parser): in {@code JSON} and {@code MD_JSON} mode, everything up to the first
         * {@code </think>} is then skipped, drafts of the value included. Off unless set; requests may override it.
         * See {@link ChatRequest.Builder#startsInsideReasoning} for the details.
         */
        public Builder startsInsideReasoning(boolean startsInsideReasoning) {
            this.startsInsideReasoning = startsInsideReasoning;
            return this;
        }

        /** Adds a listener; listeners are called in the order added, after the built-in logging. */
        public Builder listener(InstructorListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets the clock of the partial throttle, in nanoseconds; {@link System#nanoTime()} unless set (tests). */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * Returns the client.
         *
         * @throws IllegalStateException when no provider was set
         * @throws IllegalArgumentException when the default mode is not supported by the provider
         */
        public Instructor build() {
            if (provider == null) {
                throw new IllegalStateException("provider(...) was not set");
            }
            if (defaultMode != null && !provider.modes().contains(defaultMode)) {
                throw new IllegalArgumentException(provider.name() + " does not support mode " + defaultMode
                        + "; it supports " + provider.modes());
            }
            return new Instructor(ClientSettings.of(
                    provider,
                    defaultMode,
                    failFast,
                    partialInterval,
                    startsInsideReasoning,
                    List.copyOf(listeners),
                    nanoClock));
        }
    }
}
