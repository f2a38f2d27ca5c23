package dev.instructor.it;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.anthropic.Anthropic;
import dev.instructor.gemini.Gemini;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.ScriptedAnswer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every provider module and mode the client is tested with end to end: how to build the client against a loopback
 * server, which mode to ask in, and how that provider streams its answer.
 */
enum ProviderSetup {
    OPENAI_CHAT_TOOLS(Mode.TOOLS, ScriptedAnswer::openAiChatTool, url -> openAi(url, OpenAi.Api.CHAT_COMPLETIONS)),
    OPENAI_CHAT_JSON_SCHEMA(
            Mode.JSON_SCHEMA, text(ScriptedAnswer::openAiChatContent), url -> openAi(url, OpenAi.Api.CHAT_COMPLETIONS)),
    OPENAI_CHAT_JSON(
            Mode.JSON, text(ScriptedAnswer::openAiChatContent), url -> openAi(url, OpenAi.Api.CHAT_COMPLETIONS)),
    OPENAI_CHAT_MD_JSON(
            Mode.MD_JSON, text(ScriptedAnswer::openAiChatMarkdown), url -> openAi(url, OpenAi.Api.CHAT_COMPLETIONS)),
    OPENAI_RESPONSES_TOOLS(
            Mode.TOOLS, ScriptedAnswer::openAiResponsesFunctionCall, url -> openAi(url, OpenAi.Api.RESPONSES)),
    OPENAI_RESPONSES_JSON_SCHEMA(
            Mode.JSON_SCHEMA, text(ScriptedAnswer::openAiResponsesText), url -> openAi(url, OpenAi.Api.RESPONSES)),
    OPENAI_COMPATIBLE(Mode.JSON, text(ScriptedAnswer::openAiChatContent), url -> OpenAi.compatible(url)
            .build()),
    ANTHROPIC_TOOLS(Mode.TOOLS, ScriptedAnswer::anthropicTool, ProviderSetup::anthropic),
    ANTHROPIC_NATIVE(Mode.JSON_SCHEMA, text(ScriptedAnswer::anthropicText), ProviderSetup::anthropic),
    GEMINI_JSON_SCHEMA(Mode.JSON_SCHEMA, text(ScriptedAnswer::geminiText), ProviderSetup::gemini),
    OLLAMA_NATIVE(Mode.JSON_SCHEMA, text(ScriptedAnswer::ollama), url -> Ollama.builder()
            .host(url)
            .build());

    /** The token usage every scripted answer reports. */
    static final long INPUT_TOKENS = 11;

    static final long OUTPUT_TOKENS = 7;

    final Mode mode;
    private final BiFunction<String, String, ScriptedAnswer> wire;
    private final Function<String, LlmProvider> provider;

    ProviderSetup(Mode mode, BiFunction<String, String, ScriptedAnswer> wire, Function<String, LlmProvider> provider) {
        this.mode = mode;
        this.wire = wire;
        this.provider = provider;
    }

    /** Returns a client of this provider against {@code server}, with these listeners. */
    Instructor client(FakeProviderServer server, InstructorListener... listeners) {
        String base = this == OLLAMA_NATIVE || this.name().startsWith("ANTHROPIC")
                ? server.url("/").toString().replaceAll("/$", "")
                : server.url("/v1").toString();
        Instructor.Builder builder =
                Instructor.builder().provider(provider.apply(base)).defaultMode(mode);
        for (InstructorListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Returns the request builder of a scripted exchange, in this setup's mode. */
    ChatRequest.Builder request(String prompt) {
        return ChatRequest.builder().model("test-model").user(prompt).mode(mode);
    }

    /** Returns the scripted answer in this provider's wire format; {@code toolName} is used by tool modes only. */
    ScriptedAnswer answer(String json, String toolName, String toolCallId, int deltaSize) {
        return wire.apply(toolName, json)
                .toolCallId(toolCallId)
                .deltaSize(deltaSize)
                .usage(INPUT_TOKENS, OUTPUT_TOKENS);
    }

    /** Returns the scripted answer as a response in this provider's wire format and framing. */
    FakeResponse response(String json, String toolName, String toolCallId, int deltaSize) {
        return answer(json, toolName, toolCallId, deltaSize).toResponse();
    }

    /** Adapts a text answer's factory, which takes no tool name, to the tool factories' shape. */
    private static BiFunction<String, String, ScriptedAnswer> text(Function<String, ScriptedAnswer> factory) {
        return (toolName, json) -> factory.apply(json);
    }

    private static LlmProvider openAi(String url, OpenAi.Api api) {
        return OpenAi.builder().apiKey("sk-test").baseUrl(url).api(api).build();
    }

    private static LlmProvider anthropic(String url) {
        return Anthropic.builder().apiKey("sk-ant-test").baseUrl(url).build();
    }

    private static LlmProvider gemini(String url) {
        return Gemini.builder().apiKey("gemini-test").baseUrl(url).build();
    }
}
