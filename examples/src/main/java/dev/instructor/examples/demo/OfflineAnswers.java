package dev.instructor.examples.demo;

import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline model: answers Chat Completions requests with ideas for the topic in the prompt, streamed one token
 * per write at LLM pace. It reads the request as a real model would: the tool it must call (or the response format),
 * the wrapper member of the schema, and the conversation, so a re-ask's feedback is seen.
 *
 * <p>A topic that mentions "re-ask" gets one blurb over 140 characters in its first attempt (the second idea's, or the
 * only one's), so the page can show a validation failure and the restart that follows.
 */
final class OfflineAnswers implements Function<RecordedRequest, FakeResponse> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOO_LONG = " It also comes with a loyalty scheme, a referral programme, a podcast, a"
            + " printed zine and a yearly festival for everyone involved.";

    private static final Pattern REASK = Pattern.compile("re-?ask", Pattern.CASE_INSENSITIVE);

    private final Duration pace;
    private final AtomicInteger answers = new AtomicInteger();

    /** @param pace the pause between two tokens */
    OfflineAnswers(Duration pace) {
        this.pace = pace;
    }

    @Override
    public FakeResponse apply(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")) {
            return error(404, "offline model: only POST /v1/chat/completions is served, got " + request);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.bodyText());
        } catch (JacksonException e) {
            return error(400, "offline model: the request body is not JSON");
        }
        Conversation conversation = Conversation.of(body.path("messages"));
        IdeasRequest ask = IdeaPrompt.parse(conversation.firstUserText())
                .orElseGet(() -> new IdeasRequest(fallbackTopic(conversation.firstUserText()), 3));
        boolean demoReask = mentionsReask(ask.topic());
        List<Idea> ideas = IdeaWriter.write(demoReask ? withoutReask(ask.topic()) : ask.topic(), ask.count());
        if (demoReask && !conversation.isReask() && !ideas.isEmpty()) {
            // The second idea, so that the page shows a valid one first; the only one when only one is asked for.
            int index = Math.min(1, ideas.size() - 1);
            Idea spoilt = ideas.get(index);
            ideas.set(index, new Idea(spoilt.title(), spoilt.blurb() + TOO_LONG));
        }
        Target target = Target.of(body);
        String json = JSON.writeValueAsString(target.wrap(JSON.valueToTree(ideas)));
        List<String> tokens = TokenSplitter.split(json);
        ScriptedAnswer answer = (target.toolName() == null
                        ? ScriptedAnswer.openAiChatContent(json)
                        : ScriptedAnswer.openAiChatTool(target.toolName(), json))
                .toolCallId("call_offline" + answers.incrementAndGet())
                .model(body.path("model").asString("offline"))
                .tokens(tokens)
                .usage(request.bodyText().length() / 4, tokens.size());
        return answer.toResponse().eventPacing(pace);
    }

    private static boolean mentionsReask(String topic) {
        return REASK.matcher(topic).find();
    }

    // The trigger is an instruction to the offline model, not part of the topic to write about.
    private static String withoutReask(String topic) {
        String rest = REASK.matcher(topic)
                .replaceAll(" ")
                .replaceAll("^[\\s\\p{Punct}]+", "")
                .trim();
        return rest.isEmpty() ? "ideas" : rest;
    }

    /** Returns the topic of a prompt that is not the demo's own: its first line, at most 60 chars. */
    static String fallbackTopic(String text) {
        String line = text.lines().findFirst().orElse("").trim();
        if (line.length() <= 60) {
            return line.isEmpty() ? "ideas" : line;
        }
        return line.substring(0, Character.isHighSurrogate(line.charAt(59)) ? 59 : 60); // no half of a pair
    }

    private static FakeResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error");
        return FakeResponse.status(status).body(JSON.writeValueAsString(body));
    }

    /** What the answer must look like: a call of the forced tool or message content, wrapped in a member or not. */
    private record Target(String toolName, String wrapper) {
        static Target of(JsonNode body) {
            JsonNode function = body.path("tools").path(0).path("function");
            if (function.isObject()) {
                return new Target(function.path("name").asString(), wrapperOf(function.path("parameters")));
            }
            JsonNode schema = body.path("response_format").path("json_schema").path("schema");
            return new Target(null, wrapperOf(schema));
        }

        // A list is sent to the model wrapped as {"items": [...]} since tool arguments must be an object: the
        // schema's only array member names the wrapper.
        private static String wrapperOf(JsonNode schema) {
            if (!schema.path("type").asString("").equals("object")) {
                return null;
            }
            for (var member : schema.path("properties").properties()) {
                if (member.getValue().path("type").asString("").equals("array")) {
                    return member.getKey();
                }
            }
            return null;
        }

        JsonNode wrap(ArrayNode ideas) {
            return wrapper == null ? ideas : JSON.createObjectNode().set(wrapper, ideas);
        }
    }

    /** The messages of a request: the demo's prompt, and whether this is a re-ask after failed validation. */
    private record Conversation(String firstUserText, boolean isReask) {
        static Conversation of(JsonNode messages) {
            String first = null;
            boolean reask = false;
            for (JsonNode message : messages) {
                String role = message.path("role").asString("");
                if (role.equals("user") && first == null) {
                    first = message.path("content").isString()
                            ? message.path("content").asString()
                            : "";
                } else if (role.equals("user") || role.equals("tool")) {
                    reask = true; // feedback on the previous answer
                }
            }
            return new Conversation(first == null ? "" : first, reask);
        }
    }
}
