package dev.instructor.testing;

/** The streaming wire formats a {@link ScriptedAnswer} can be written in, each with its writer. */
enum WireFormat {
    OPENAI_CHAT_TOOL(new OpenAiChatWire(true), true, true),
    OPENAI_CHAT_CONTENT(new OpenAiChatWire(false), true, true),
    OPENAI_RESPONSES_FUNCTION_CALL(new OpenAiResponsesWire(true), true, true),
    OPENAI_RESPONSES_TEXT(new OpenAiResponsesWire(false), true, true),
    ANTHROPIC_TOOL(new AnthropicWire(true), false, true),
    ANTHROPIC_TEXT(new AnthropicWire(false), false, true),
    GEMINI_TEXT(new GeminiWire(false), true, false),
    GEMINI_FUNCTION_CALL(new GeminiWire(true), true, false),
    OLLAMA(new OllamaWire(), false, false);

    private final WireWriter writer;
    private final boolean contentFilter;
    private final boolean refusal;

    WireFormat(WireWriter writer, boolean contentFilter, boolean refusal) {
        this.writer = writer;
        this.contentFilter = contentFilter;
        this.refusal = refusal;
    }

    byte[] write(ScriptedAnswer answer) {
        return writer.write(answer);
    }

    boolean hasContentFilter() {
        return contentFilter;
    }

    boolean hasRefusal() {
        return refusal;
    }
}
