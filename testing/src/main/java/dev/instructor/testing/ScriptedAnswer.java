package dev.instructor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An answer scripted in a provider's own streaming wire format: the text (usually the structured output's JSON) cut
 * into deltas of a few characters, one event each, followed by usage and a finish reason, as the real API streams
 * it. Configure it, then turn it into a {@link FakeResponse} with the right content type, to split, pace or break
 * like any other.
 *
 * <pre>{@code
 * server.enqueue(ScriptedAnswer.openAiChatTool("Person", "{\"name\":\"Ada\"}") // the tool the request forces
 *         .deltaSize(3)
 *         .usage(12, 5)
 *         .toResponse()
 *         .eventPacing(Duration.ofMillis(20)));   // one event per write: tokens at LLM pace
 * server.enqueue(ScriptedAnswer.anthropicText(json).finish(ScriptedAnswer.Finish.TRUNCATED).toResponse());
 * server.enqueue(ScriptedAnswer.geminiText(json).errorAfter(4, "overloaded").toResponse());
 * }</pre>
 *
 * <p>A tool answer must call the tool the request forces ({@code tool_choice}): a client reads a call of another tool
 * as no answer. The instructor client names the tool after the response type ({@code Person}, {@code ListOfIdea},
 * {@code OptionalOfString}); a {@link FakeProviderServer.Builder#dispatcher dispatcher} can read it from the
 * {@link RecordedRequest}.
 *
 * <p>Setters validate at once. Not thread-safe while configured; {@link #toResponse()} may be called repeatedly and
 * each call returns a new response.
 */
public final class ScriptedAnswer {
    /** How the answer ends, written in each format's own words. */
    public enum Finish {
        /**
         * The model finished: {@code stop} or {@code tool_calls}, {@code completed}, {@code end_turn} or {@code
         * tool_use}, {@code STOP}.
         */
        COMPLETE,
        /**
         * The token limit cut the answer: {@code length}, {@code max_output_tokens}, {@code max_tokens}, {@code
         * MAX_TOKENS}.
         */
        TRUNCATED,
        /**
         * A safety filter stopped the answer: {@code content_filter}, {@code SAFETY}; Anthropic and Ollama have none.
         */
        CONTENT_FILTER
    }

    private final WireFormat format;
    private final String text;
    private final String toolName;
    private String toolCallId;
    private String model = "test-model";
    private List<String> tokens;
    private int deltaSize = 4;
    private long inputTokens = 11;
    private long outputTokens = 7;
    private Finish finish = Finish.COMPLETE;
    private String refusal;
    private int errorAfter = -1;
    private String errorMessage;
    private boolean failedAfterError;

    private ScriptedAnswer(WireFormat format, String toolName, String text) {
        this.format = format;
        this.toolName = toolName;
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * Returns an OpenAI Chat Completions answer as a forced function call: {@code tool_calls[0].function.arguments}.
     */
    public static ScriptedAnswer openAiChatTool(String toolName, String json) {
        return new ScriptedAnswer(WireFormat.OPENAI_CHAT_TOOL, requireName(toolName), json);
    }

    /**
     * Returns an OpenAI Chat Completions answer in {@code delta.content}, as JSON modes and compatible servers send.
     */
    public static ScriptedAnswer openAiChatContent(String json) {
        return new ScriptedAnswer(WireFormat.OPENAI_CHAT_CONTENT, null, json);
    }

    /** Returns an OpenAI Chat Completions answer in {@code delta.content}: prose around a fenced {@code json} block. */
    public static ScriptedAnswer openAiChatMarkdown(String json) {
        return new ScriptedAnswer(
                WireFormat.OPENAI_CHAT_CONTENT, null, "Here you go:\n```json\n" + json + "\n```\nEnjoy!");
    }

    /** Returns an OpenAI Responses answer as a function call: {@code response.function_call_arguments.delta}. */
    public static ScriptedAnswer openAiResponsesFunctionCall(String toolName, String json) {
        return new ScriptedAnswer(WireFormat.OPENAI_RESPONSES_FUNCTION_CALL, requireName(toolName), json);
    }

    /** Returns an OpenAI Responses answer as output text: {@code response.output_text.delta}. */
    public static ScriptedAnswer openAiResponsesText(String json) {
        return new ScriptedAnswer(WireFormat.OPENAI_RESPONSES_TEXT, null, json);
    }

    /** Returns an Anthropic Messages answer as a forced tool use: {@code input_json_delta}. */
    public static ScriptedAnswer anthropicTool(String toolName, String json) {
        return new ScriptedAnswer(WireFormat.ANTHROPIC_TOOL, requireName(toolName), json);
    }

    /** Returns an Anthropic Messages answer as text: {@code text_delta}. */
    public static ScriptedAnswer anthropicText(String json) {
        return new ScriptedAnswer(WireFormat.ANTHROPIC_TEXT, null, json);
    }

    /** Returns a Gemini {@code streamGenerateContent?alt=sse} answer as text parts. */
    public static ScriptedAnswer geminiText(String json) {
        return new ScriptedAnswer(WireFormat.GEMINI_TEXT, null, json);
    }

    /**
     * Returns a Gemini {@code streamGenerateContent?alt=sse} answer as a function call, the form Gemini's {@code TOOLS}
     * mode asks for: a {@code functionCall} part whose {@code args} are {@code json}. Gemini sends a call whole, in one
     * chunk, so {@link #deltaSize(int)} and {@link #tokens(List)} do not cut it, and {@link #errorAfter(int, String)}
     * counts it as one delta.
     *
     * @param toolName the function the request forces
     * @param json a JSON object, written as it is: the call's arguments
     * @throws IllegalArgumentException when {@code json} is not an object's text: it must start with an opening brace
     *     and end with a closing one, blanks aside
     */
    public static ScriptedAnswer geminiFunctionCall(String toolName, String json) {
        String arguments = Objects.requireNonNull(json, "json").strip();
        if (!arguments.startsWith("{") || !arguments.endsWith("}")) {
            throw new IllegalArgumentException("a Gemini function call's arguments are a JSON object: " + json);
        }
        return new ScriptedAnswer(WireFormat.GEMINI_FUNCTION_CALL, requireName(toolName), arguments);
    }

    /** Returns an Ollama {@code /api/chat} answer: NDJSON lines of {@code message.content}, then a done line. */
    public static ScriptedAnswer ollama(String json) {
        return new ScriptedAnswer(WireFormat.OLLAMA, null, json);
    }

    /**
     * Sets the tool call's id, where the format has one (tool and function-call answers); by default one shaped like
     * the provider's own: {@code toolu_01...} for Anthropic, {@code call_1} for OpenAI.
     */
    public ScriptedAnswer toolCallId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("toolCallId must not be empty: " + id);
        }
        this.toolCallId = id;
        return this;
    }

    /** Sets the model name the events carry, where the format names one; {@code test-model} by default. */
    public ScriptedAnswer model(String model) {
        if (model == null || model.isEmpty()) {
            throw new IllegalArgumentException("model must not be empty: " + model);
        }
        this.model = model;
        return this;
    }

    /**
     * Streams the answer in exactly these deltas (a tokenizer's tokens, say) instead of cutting it every {@link
     * #deltaSize(int)} characters. With a {@link #refusal(String)} they are the refusal's deltas, as the refusal is
     * what is streamed.
     *
     * @throws IllegalArgumentException if they are null, do not concatenate to the streamed text (the refusal when
     *     one is set, else the answer) or one is empty
     */
    public ScriptedAnswer tokens(List<String> tokens) {
        if (tokens == null || tokens.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tokens must not be or hold null: " + tokens);
        }
        List<String> copy = List.copyOf(tokens);
        if (copy.contains("")) {
            throw new IllegalArgumentException("tokens must not be empty: " + copy);
        }
        requireSpelledOut(copy, refusal != null ? refusal : text);
        this.tokens = copy;
        return this;
    }

    private static void requireSpelledOut(List<String> tokens, String streamed) {
        if (!String.join("", tokens).equals(streamed)) {
            throw new IllegalArgumentException(
                    "tokens must concatenate to the streamed text \"" + streamed + "\": " + tokens);
        }
    }

    /** Sets how many characters each delta carries, 4 by default; a surrogate pair is never cut. */
    public ScriptedAnswer deltaSize(int chars) {
        if (chars <= 0) {
            throw new IllegalArgumentException("deltaSize must be positive: " + chars);
        }
        this.deltaSize = chars;
        return this;
    }

    /** Sets the token usage reported at the end, 11 in and 7 out by default. */
    public ScriptedAnswer usage(long inputTokens, long outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must not be negative: " + inputTokens + ", " + outputTokens);
        }
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        return this;
    }

    /**
     * Sets how the answer ends, {@link Finish#COMPLETE} by default.
     *
     * @throws IllegalArgumentException for {@link Finish#CONTENT_FILTER} in a format that has no such reason
     */
    public ScriptedAnswer finish(Finish finish) {
        Objects.requireNonNull(finish, "finish");
        if (finish == Finish.CONTENT_FILTER && !format.hasContentFilter()) {
            throw new IllegalArgumentException(format + " has no content-filter finish reason");
        }
        this.finish = finish;
        return this;
    }

    /**
     * Makes the model refuse instead of answering: the text is streamed as the format's refusal ({@code
     * delta.refusal}, {@code response.refusal.delta}, or Anthropic text ending in {@code stop_reason: refusal}).
     *
     * @throws IllegalArgumentException in Gemini and Ollama, whose wire has no refusal, or when {@link #tokens(List)}
     *     set already do not concatenate to the refusal
     */
    public ScriptedAnswer refusal(String text) {
        if (!format.hasRefusal()) {
            throw new IllegalArgumentException(format + " has no refusal on the wire");
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("refusal must not be empty: " + text);
        }
        if (tokens != null) {
            requireSpelledOut(tokens, text);
        }
        this.refusal = text;
        return this;
    }

    /**
     * Sends the format's error event after this many deltas, instead of the rest of the answer and its end. With as
     * many deltas as the answer has, or more, the whole answer is sent and the error replaces only its end.
     */
    public ScriptedAnswer errorAfter(int deltas, String message) {
        if (deltas < 0) {
            throw new IllegalArgumentException("deltas must not be negative: " + deltas);
        }
        this.errorAfter = deltas;
        this.errorMessage = Objects.requireNonNull(message, "message");
        return this;
    }

    /**
     * Follows the error event of {@link #errorAfter(int, String)} with {@code response.failed}, whose response
     * carries the error and the usage so far, as the OpenAI Responses API does (its recorded streams send {@code
     * error} then {@code response.failed}). Without it the error event ends the stream alone.
     *
     * @throws IllegalArgumentException in a format other than OpenAI Responses
     * @throws IllegalStateException before {@link #errorAfter(int, String)}, which it follows: without an error the
     *     answer would stream whole and succeed
     */
    public ScriptedAnswer failedAfterError() {
        if (format != WireFormat.OPENAI_RESPONSES_TEXT && format != WireFormat.OPENAI_RESPONSES_FUNCTION_CALL) {
            throw new IllegalArgumentException(format + " has no response.failed event");
        }
        if (errorAfter < 0) {
            throw new IllegalStateException("failedAfterError() follows the error event: call errorAfter(...) first");
        }
        this.failedAfterError = true;
        return this;
    }

    /** Returns the deltas the answer's text is streamed in, in order (unmodifiable); they concatenate to the text. */
    public List<String> deltas() {
        if (format == WireFormat.GEMINI_FUNCTION_CALL) {
            return List.of(text); // a call comes whole
        }
        if (tokens != null) {
            return tokens;
        }
        String streamed = refusal != null ? refusal : text;
        List<String> deltas = new ArrayList<>();
        int at = 0;
        while (at < streamed.length()) {
            int end = Math.min(at + deltaSize, streamed.length());
            if (end < streamed.length() && Character.isHighSurrogate(streamed.charAt(end - 1))) {
                end++;
            }
            deltas.add(streamed.substring(at, end));
            at = end;
        }
        return List.copyOf(deltas);
    }

    /** Returns the wire bytes of this answer. */
    public byte[] toBytes() {
        return format.write(this);
    }

    /** Returns a 200 response with this answer's bytes and content type ({@code text/event-stream} or NDJSON). */
    public FakeResponse toResponse() {
        byte[] bytes = toBytes();
        return format == WireFormat.OLLAMA ? FakeResponse.ndjson(bytes) : FakeResponse.sse(bytes);
    }

    String toolName() {
        return toolName;
    }

    String model() {
        return model;
    }

    String toolCallId() {
        if (toolCallId != null) {
            return toolCallId;
        }
        return format == WireFormat.ANTHROPIC_TOOL || format == WireFormat.ANTHROPIC_TEXT
                ? "toolu_01A09q90qw90lq917835lq9"
                : "call_1";
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    Finish finish() {
        return finish;
    }

    boolean refused() {
        return refusal != null;
    }

    /** Returns after how many deltas the error event comes, or -1 for none. */
    int errorAfter() {
        return errorAfter;
    }

    String errorMessage() {
        return errorMessage;
    }

    boolean sendsFailedResponse() {
        return failedAfterError;
    }

    private static String requireName(String toolName) {
        if (toolName == null || toolName.isEmpty()) {
            throw new IllegalArgumentException("toolName must not be empty: " + toolName);
        }
        return toolName;
    }

    @Override
    public String toString() {
        return "ScriptedAnswer[" + format + ", " + text.length() + " chars, finish=" + finish + "]";
    }
}
