package dev.instructor.examples;

import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake model of {@link ExampleProvider}: answers every Chat Completions request with the same value, streamed
 * as OpenAI streams it, one {@code chat.completion.chunk} per token and one token per write. It reads the request as
 * the real API does: the tool it must call (or, without tools, message content) and the wrapper member a list is
 * asked for in ({@code {"items": [...]}}).
 */
final class ScriptedAnswer implements Function<RecordedRequest, FakeResponse> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // About the size of a BPE token of English: a word with its leading space, or a short run of JSON punctuation.
    private static final Pattern TOKEN =
            Pattern.compile(" ?[\\p{L}\\p{N}']{1,8}|[^\\p{L}\\p{N}\\s]{1,3}|\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final JsonNode answer;
    private final Duration pace;

    ScriptedAnswer(Object answer, Duration pace) {
        this.answer = JSON.valueToTree(answer);
        this.pace = pace;
    }

    @Override
    public FakeResponse apply(RecordedRequest request) {
        JsonNode body = JSON.readTree(request.bodyText());
        JsonNode function = body.path("tools").path(0).path("function");
        String tool = function.isObject() ? function.path("name").asString() : null;
        JsonNode schema = function.isObject()
                ? function.path("parameters")
                : body.path("response_format").path("json_schema").path("schema");
        String json = JSON.writeValueAsString(wrapped(schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> cuts = new ArrayList<>();
        event(out, cuts, chunk(tool, null, true));
        List<String> tokens = tokens(json);
        for (String token : tokens) {
            event(out, cuts, chunk(tool, token, false));
        }
        ObjectNode stop = JSON.createObjectNode();
        stop.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        stop.path("choices").path(0).withObject("delta");
        event(out, cuts, stop);
        ObjectNode usage = JSON.createObjectNode();
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", request.bodyText().length() / 4)
                .put("completion_tokens", tokens.size())
                .put("total_tokens", request.bodyText().length() / 4 + tokens.size());
        event(out, cuts, usage);
        out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return FakeResponse.sse(out.toByteArray())
                .splitAt(cuts.stream().mapToInt(Integer::intValue).toArray())
                .pacing(pace);
    }

    // A list is asked for inside an object whose only array member names the wrapper.
    private JsonNode wrapped(JsonNode schema) {
        if (!answer.isArray()) {
            return answer;
        }
        for (var member : schema.path("properties").properties()) {
            if (member.getValue().path("type").asString("").equals("array")) {
                return JSON.createObjectNode().set(member.getKey(), answer);
            }
        }
        return answer;
    }

    private static ObjectNode chunk(String tool, String token, boolean first) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-example").put("object", "chat.completion.chunk");
        ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
        if (tool == null) {
            delta.put("content", first ? "" : token);
        } else {
            ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
            if (first) {
                call.put("id", "call_example").put("type", "function");
                call.putObject("function").put("name", tool).put("arguments", "");
            } else {
                call.putObject("function").put("arguments", token);
            }
        }
        return chunk;
    }

    private static void event(ByteArrayOutputStream out, List<Integer> cuts, JsonNode data) {
        if (out.size() > 0) {
            cuts.add(out.size());
        }
        out.writeBytes(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
