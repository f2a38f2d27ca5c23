package dev.instructor.spi;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation sent to a provider. Each provider maps these to its own wire form, so the client can
 * build a re-ask without knowing the provider: see {@link #reask}.
 */
public sealed interface Message
        permits Message.SystemMessage,
                Message.UserMessage,
                Message.AssistantMessage,
                Message.ToolCallMessage,
                Message.ToolResultMessage {

    /** Instructions for the model. */
    record SystemMessage(String text) implements Message {
        /** Checks the text is present. */
        public SystemMessage {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A user turn. */
    record UserMessage(String text) implements Message {
        /** Checks the text is present. */
        public UserMessage {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A previous assistant turn in plain text. */
    record AssistantMessage(String text) implements Message {
        /** Checks the text is present. */
        public AssistantMessage {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A previous assistant turn that called a tool.
     *
     * @param id the provider's tool call id (may be generated when the provider gave none)
     * @param name the tool name
     * @param arguments the call's arguments as JSON text, exactly as the model produced them
     * @param signature the provider's opaque signature for the call ({@link ProviderEvent.ToolCall#signature()}),
     *     or {@code null}
     */
    record ToolCallMessage(String id, String name, String arguments, String signature) implements Message {
        /** Checks id, name and arguments are present; the signature may be {@code null}. */
        public ToolCallMessage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }

        /** A tool call without a signature. */
        public ToolCallMessage(String id, String name, String arguments) {
            this(id, name, arguments, null);
        }
    }

    /**
     * The result of a tool call, sent back to the model.
     *
     * @param id the id of the {@link ToolCallMessage} answered
     * @param name the tool name
     * @param content the result or error text
     * @param error whether the content reports an error (the re-ask case)
     */
    record ToolResultMessage(String id, String name, String content, boolean error) implements Message {
        /** Checks all parts are present. */
        public ToolResultMessage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Returns a system message. */
    static Message system(String text) {
        return new SystemMessage(text);
    }

    /** Returns a user message. */
    static Message user(String text) {
        return new UserMessage(text);
    }

    /** Returns a plain assistant message. */
    static Message assistant(String text) {
        return new AssistantMessage(text);
    }

    /**
     * Returns the two messages that show the model its previous output and why it was rejected, in the form the
     * mode needs: for {@link Mode#TOOLS} the assistant's tool call and an error tool result answering it; for the
     * other modes the assistant's text and a user message with the feedback.
     *
     * @param mode the mode of the rejected attempt
     * @param previousOutput the structured text the model produced
     * @param toolCallId the id of the tool call (from {@link ProviderEvent.ToolCall}); needed for TOOLS only
     * @param toolName the tool (schema) name
     * @param feedback what was wrong, addressed to the model
     */
    static List<Message> reask(Mode mode, String previousOutput, String toolCallId, String toolName, String feedback) {
        ProviderEvent.ToolCall call = mode == Mode.TOOLS ? new ProviderEvent.ToolCall(toolCallId, toolName) : null;
        return reask(mode, previousOutput, call, feedback);
    }

    /**
     * Returns the re-ask messages as {@link #reask(Mode, String, String, String, String)} does, replaying the model's
     * own tool call: its id, name and signature (Gemini's {@code thoughtSignature}, which must come back with it).
     *
     * @param mode the mode of the rejected attempt
     * @param previousOutput the structured text the model produced
     * @param call the tool call as the provider reported it; needed for TOOLS only (may be {@code null} otherwise)
     * @param feedback what was wrong, addressed to the model
     */
    static List<Message> reask(Mode mode, String previousOutput, ProviderEvent.ToolCall call, String feedback) {
        if (mode == Mode.TOOLS) {
            Objects.requireNonNull(call, "call");
            return List.of(
                    new ToolCallMessage(call.id(), call.name(), previousOutput, call.signature()),
                    new ToolResultMessage(call.id(), call.name(), feedback, true));
        }
        return List.of(new AssistantMessage(previousOutput), new UserMessage(feedback));
    }
}
