package dev.instructor.examples;

import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fake model of {@link ExampleProvider}: answers every Chat Completions request with the same value, written by
 * the testing module's {@link ScriptedAnswer} in OpenAI's wire format, one token per event and one event per write.
 * It reads the request as the real API does: the tool it must call (or, without tools, message content) and the
 * wrapper member a list is asked for in ({@code {"items": [...]}}).
 */
final class ScriptedModel implements Function<RecordedRequest, FakeResponse> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // About the size of a BPE token of English: a word with its leading space, or a short run of JSON punctuation.
    private static final Pattern TOKEN =
            Pattern.compile(" ?[\\p{L}\\p{N}']{1,8}|[^\\p{L}\\p{N}\\s]{1,3}|\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final JsonNode answer;
    private final Duration pace;

    ScriptedModel(Object answer, Duration pace) {
        this.answer = JSON.valueToTree(answer);
        this.pace = pace;
    }

    @Override
    public FakeResponse apply(RecordedRequest request) {
        JsonNode body = JSON.readTree(request.bodyText());
        JsonNode function = body.path("tools").path(0).path("function");
        boolean tool = function.isObject();
        JsonNode schema = tool
                ? function.path("parameters")
                : body.path("response_format").path("json_schema").path("schema");
        String json = JSON.writeValueAsString(wrapped(schema));
        List<String> tokens = tokens(json);
        ScriptedAnswer scripted = tool
                ? ScriptedAnswer.openAiChatTool(function.path("name").asString(), json)
                : ScriptedAnswer.openAiChatContent(json);
        return scripted.toolCallId("call_example")
                .model(body.path("model").asString("offline-model"))
                .tokens(tokens)
                .usage(request.bodyText().length() / 4, tokens.size())
                .toResponse()
                .eventPacing(pace);
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

    /** Cuts {@code text} into token-sized pieces that concatenate to it. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
