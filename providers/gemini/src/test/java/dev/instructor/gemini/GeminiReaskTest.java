package dev.instructor.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.spi.Mode;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Endings of a Gemini answer that the client re-asks, through the whole client over a loopback server. */
class GeminiReaskTest {
    /** A response model for the client. */
    record Person(String name) {}

    private final FakeProviderServer server = FakeProviderServer.start();
    private final Instructor client = Instructor.from(Gemini.builder()
            .apiKey("gm-test")
            .baseUrl(server.url("/v1beta").toString())
            .build());

    @AfterEach
    void close() {
        server.close();
    }

    /**
     * The model tried to answer but wrote a call the API could not read: another try may well succeed, as pydantic-ai
     * finds, so it is re-asked like an answer that fails validation.
     */
    @Test
    void malformedFunctionCall_reaskedWithTheReason() {
        String secondAnswer = "{\"functionCall\":{\"name\":\"Person\",\"args\":{\"name\":\"Ada\"}}}";
        assertReasked(Mode.TOOLS, "MALFORMED_FUNCTION_CALL", secondAnswer);
    }

    /** In a JSON mode no tool is offered, and a model that calls one anyway is re-asked alike. */
    @Test
    void unexpectedToolCall_reaskedWithTheReason() {
        assertReasked(Mode.JSON_SCHEMA, "UNEXPECTED_TOOL_CALL", "{\"text\":\"{\\\"name\\\":\\\"Ada\\\"}\"}");
    }

    private void assertReasked(Mode mode, String reason, String secondAnswerPart) {
        server.enqueue(FakeResponse.sse("data: {\"candidates\":[{\"finishReason\":\"" + reason
                + "\",\"finishMessage\":\"Malformed function call: print(Person(name='Ada'))\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9}}\r\n\r\n"));
        server.enqueue(FakeResponse.sse("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + secondAnswerPart + "]},\"finishReason\":\"STOP\",\"index\":0}]}\r\n\r\n"));

        Person person = client.responses()
                .create(
                        ChatRequest.builder()
                                .model("gemini-2.5-flash")
                                .mode(mode)
                                .user("Ada")
                                .build(),
                        Person.class);

        assertThat(person).isEqualTo(new Person("Ada"));
        server.takeRequest();
        assertThat(server.takeRequest().bodyText()).contains(reason).contains("print(Person(name='Ada'))");
    }
}
