package dev.instructor.internal.client;

import dev.instructor.ChatRequest;
import dev.instructor.InstructorListener;
import dev.instructor.ResponseModel;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One structured call resolved against the client's settings: the mode, the schema and its name, the retry and
 * streaming policy. Immutable; built once per call, before the first request.
 */
final class CallPlan<T> {
    final ClientSettings settings;
    final ResponseModel<T> model;
    final ChatRequest request;
    final Mode mode;
    final ObjectNode schema;
    final String schemaName;
    final boolean failFast;
    final Duration partialInterval;
    /**
     * Whether the answer starts inside the model's reasoning, which its parser then skips up to the closing marker:
     * only in the modes whose answer is text the model writes freely, as a TOOLS or JSON_SCHEMA answer is held to the
     * schema from its first char.
     */
    final boolean startsInsideReasoning;
    /** The client's listeners, then the call's own. */
    final InstructorListener listener;

    CallPlan(ClientSettings settings, PreparedModel<T> prepared, ChatRequest request) {
        this.settings = settings;
        this.model = prepared.model();
        this.request = request;
        LlmProvider provider = settings.provider();
        this.mode =
                request.mode().orElse(settings.defaultMode() != null ? settings.defaultMode() : provider.defaultMode());
        if (!provider.modes().contains(mode)) {
            throw new IllegalArgumentException(
                    provider.name() + " does not support mode " + mode + "; it supports " + provider.modes());
        }
        this.schema = prepared.schema();
        this.schemaName = prepared.schemaName();
        this.failFast = request.failFast().orElse(settings.failFast());
        this.partialInterval = request.partialInterval().orElse(settings.partialInterval());
        this.startsInsideReasoning = (mode == Mode.JSON || mode == Mode.MD_JSON)
                && request.startsInsideReasoning().orElse(settings.startsInsideReasoning());
        this.listener = Listeners.forCall(settings.listener(), request.listeners());
        // Limits of this provider alone (Anthropic's temperature) fail here, on the caller's thread, not as a 400.
        provider.validate(providerRequest(request.messages()));
    }

    LlmProvider provider() {
        return settings.provider();
    }

    int maxRetries() {
        return request.maxRetries();
    }

    /** Returns the provider request for a conversation: the caller's messages and any re-ask turns. */
    ProviderRequest providerRequest(List<Message> messages) {
        ProviderRequest.Builder builder = ProviderRequest.builder(request.model())
                .messages(messages)
                .mode(mode)
                .schema(schemaName, schema);
        // The root type's description (@Description, @JsonClassDescription) also describes the tool or response
        // format, where providers show it to the model next to the name, as Python Instructor does with a docstring.
        if (schema.get("description") instanceof StringNode description) {
            builder.schemaDescription(description.stringValue());
        }
        request.temperature().ifPresent(builder::temperature);
        request.maxTokens().ifPresent(builder::maxTokens);
        request.timeouts().ifPresent(builder::timeouts);
        request.timeoutsAdjustment()
                .ifPresent(adjust -> builder.timeouts(Objects.requireNonNull(
                        adjust.apply(settings.provider().timeouts()),
                        "the request's timeouts adjustment returned null")));
        request.extraBody().forEach(builder::extraBody);
        return builder.build();
    }
}
