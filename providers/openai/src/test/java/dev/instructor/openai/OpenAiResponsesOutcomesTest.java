package dev.instructor.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import dev.instructor.testing.ScriptedAnswer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses API outcomes the recordings do not cover. */
class OpenAiResponsesOutcomesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = OpenAi.builder()
            .apiKey("sk-test")
            .baseUrl(server.url("/v1").toString())
            .api(OpenAi.Api.RESPONSES)
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener run(String body) {
        return run(Mode.JSON_SCHEMA, body);
    }

    private RecordingListener run(Mode mode, String body) {
        server.enqueue(FakeResponse.sse(body));
        return open(mode);
    }

    private RecordingListener open(Mode mode) {
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("gpt-5")
                        .mode(mode)
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        return listener;
    }

    @Test
    void toolArgumentsOnlyInTheDoneEvent_areTheArguments() {
        // gpt-5.3-codex-spark sends no argument deltas: the whole arguments come in function_call_arguments.done.
        RecordingListener listener = run(Mode.TOOLS, """
                event: response.output_item.added
                data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"Person","arguments":""}}

                event: response.function_call_arguments.done
                data: {"type":"response.function_call_arguments.done","output_index":0,"item_id":"fc_1","name":"Person","arguments":"{\\"name\\":\\"Ada\\"}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void argumentsWithoutOutputIndex_beforeTheToolsItem_areNotTheArguments() {
        // Another call's arguments, from a server that leaves out output_index: "no index" must not match "no tool
        // yet".
        RecordingListener listener = run(Mode.TOOLS, """
                event: response.output_item.added
                data: {"type":"response.output_item.added","item":{"type":"function_call","id":"fc_0","call_id":"call_0","name":"Other","arguments":""}}

                event: response.function_call_arguments.delta
                data: {"type":"response.function_call_arguments.delta","item_id":"fc_0","delta":"{\\"secret\\":1}"}

                event: response.function_call_arguments.done
                data: {"type":"response.function_call_arguments.done","item_id":"fc_0","name":"Other","arguments":"{\\"secret\\":1}"}

                event: response.output_item.added
                data: {"type":"response.output_item.added","output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"Person","arguments":""}}

                event: response.function_call_arguments.delta
                data: {"type":"response.function_call_arguments.delta","output_index":1,"item_id":"fc_1","delta":"{\\"name\\":\\"Ada\\"}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void toolArgumentsInDeltasAndTheDoneEvent_sentOnce() {
        RecordingListener listener = run(Mode.TOOLS, """
                event: response.output_item.added
                data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"Person","arguments":""}}

                event: response.function_call_arguments.delta
                data: {"type":"response.function_call_arguments.delta","output_index":0,"item_id":"fc_1","delta":"{}"}

                event: response.function_call_arguments.done
                data: {"type":"response.function_call_arguments.done","output_index":0,"item_id":"fc_1","name":"Person","arguments":"{}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void refusal_typedFailure() {
        RecordingListener listener = run("""
                event: response.refusal.delta
                data: {"type":"response.refusal.delta","output_index":0,"delta":"I can't"}

                event: response.refusal.delta
                data: {"type":"response.refusal.delta","output_index":0,"delta":" help."}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        assertThat(listener.awaitFailure(RefusalException.class).refusal()).isEqualTo("I can't help.");
    }

    @Test
    void refusalOnlyInTheDoneEvent_typedFailure() {
        // Like text and arguments, a refusal that came without deltas comes whole in its done event.
        RecordingListener listener = run("""
                event: response.refusal.done
                data: {"type":"response.refusal.done","output_index":0,"content_index":0,"item_id":"msg_1","refusal":"I can't help."}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        assertThat(listener.awaitFailure(RefusalException.class).refusal()).isEqualTo("I can't help.");
        assertThat(listener.events()).contains(new ProviderEvent.Refusal("I can't help."));
    }

    @Test
    void refusalDeltasThenTheDoneEvent_refusalOnce() {
        RecordingListener listener = run("""
                event: response.refusal.delta
                data: {"type":"response.refusal.delta","output_index":0,"content_index":0,"delta":"No."}

                event: response.refusal.done
                data: {"type":"response.refusal.done","output_index":0,"content_index":0,"refusal":"No."}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        assertThat(listener.awaitFailure(RefusalException.class).refusal()).isEqualTo("No.");
    }

    @Test
    void incompleteContentFilter_typedFailureWithPartialText() {
        RecordingListener listener = run("""
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","output_index":0,"delta":"{\\"na"}

                event: response.incomplete
                data: {"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"content_filter"}}}

                """);
        ContentFilterException failure = listener.awaitFailure(ContentFilterException.class);
        assertThat(failure.partialText()).isEqualTo("{\"na");
    }

    @Test
    void usageWithoutTotal_totalIsTheSum() {
        RecordingListener listener = run("""
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","output_index":0,"delta":"{}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":9,"output_tokens":4}}}

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 4, 13));
    }

    @Test
    void outputTextOnlyInTheDoneEvent_isTheText() {
        RecordingListener listener = run("""
                event: response.output_text.done
                data: {"type":"response.output_text.done","output_index":0,"content_index":0,"item_id":"msg_1","text":"{\\"name\\":\\"Ada\\"}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void outputTextInDeltasAndTheDoneEvent_sentOnce() {
        RecordingListener listener = run("""
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","output_index":0,"content_index":0,"item_id":"msg_1","delta":"{}"}

                event: response.output_text.done
                data: {"type":"response.output_text.done","output_index":0,"content_index":0,"item_id":"msg_1","text":"{}"}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void errorThenFailedResponse_failsWithTheErrorAndReportsTheFailedResponsesUsage() {
        // The API follows an error event with response.failed, whose usage is what the failed response is billed.
        server.enqueue(ScriptedAnswer.openAiResponsesText("{\"name\":\"Ada\"}")
                .usage(9, 4)
                .errorAfter(2, "overloaded")
                .failedAfterError()
                .toResponse());
        RecordingListener listener = open(Mode.JSON_SCHEMA);

        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.getMessage()).contains("overloaded");
        assertThat(failure.errorType()).isEqualTo("server_error"); // the error event's, which the response lacks
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 4, 13));
    }

    @Test
    void errorEventAlone_failsWithTheError() {
        server.enqueue(ScriptedAnswer.openAiResponsesText("{\"name\":\"Ada\"}")
                .errorAfter(2, "overloaded")
                .toResponse());
        RecordingListener listener = open(Mode.JSON_SCHEMA);

        assertThat(listener.awaitFailure(StreamErrorException.class).getMessage())
                .contains("overloaded");
        assertThat(listener.usage()).isNull();
    }

    @Test
    void errorEventWhoseDataIsNotJson_streamErrorWithTheText() {
        // A proxy's plain-text failure in an error event is still the server's error, not a garbled stream.
        RecordingListener listener = run("""
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"{\\"name\\":"}

                event: error
                data: upstream connect error or disconnect/reset before headers

                """);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.providerMessage()).isEqualTo("upstream connect error or disconnect/reset before headers");
        assertThat(failure.partialText()).isEqualTo("{\"name\":");
    }

    @Test
    void errorEventThenSilence_failsWithTheErrorAfterTheWait_notTheIdleTimeout() {
        byte[] body = ScriptedAnswer.openAiResponsesText("{\"name\":\"Ada\"}")
                .errorAfter(2, "overloaded")
                .toBytes();
        server.enqueue(FakeResponse.sse(body).stallAfter(body.length));
        long start = System.nanoTime();
        RecordingListener listener = open(Mode.JSON_SCHEMA);

        assertThat(listener.awaitFailure(StreamErrorException.class).getMessage())
                .contains("overloaded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void errorEventThenConnectionReset_failsWithTheError() {
        byte[] body = ScriptedAnswer.openAiResponsesText("{\"name\":\"Ada\"}")
                .errorAfter(2, "overloaded")
                .toBytes();
        server.enqueue(FakeResponse.sse(body).resetAfter(body.length));
        RecordingListener listener = open(Mode.JSON_SCHEMA);

        assertThat(listener.awaitFailure(StreamErrorException.class).getMessage())
                .contains("overloaded");
    }

    @Test
    void silentReasoningAfterResponseCreated_governedByFirstEvent_notIdle() {
        // The API acknowledges at once (response.created, response.in_progress), then a reasoning model thinks in
        // silence before its first output item: that wait is the first-event limit's, not the idle limit's.
        String acknowledged = """
                event: response.created
                data: {"type":"response.created","sequence_number":0,"response":{"status":"in_progress"}}

                event: response.in_progress
                data: {"type":"response.in_progress","sequence_number":1,"response":{"status":"in_progress"}}

                """;
        String answer = """
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","sequence_number":2,"output_index":0,"delta":"{}"}

                event: response.completed
                data: {"type":"response.completed","sequence_number":3,"response":{"status":"completed"}}

                """;
        assertAnswerAfterSilentThinking(acknowledged, answer);
    }

    /** {@code named}: false for a compatible server that writes no event lines, the type in each event's data alone. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void silentReasoningAfterItsReasoningItemIsAdded_governedByFirstEvent_notIdle(boolean named) {
        // The API adds the reasoning item as the model starts thinking, and without summaries sends nothing more until
        // the item is done: in openai-responses-reasoning-then-function-call.sse the ids, which hold when each item
        // was made, put 69 s between the reasoning item and the function call, more than the default idle limit.
        String thinking = """
                event: response.created
                data: {"type":"response.created","sequence_number":0,"response":{"status":"in_progress"}}

                event: response.in_progress
                data: {"type":"response.in_progress","sequence_number":1,"response":{"status":"in_progress"}}

                event: response.output_item.added
                data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,\
                "item":{"id":"rs_1","type":"reasoning","summary":[]}}

                """;
        String answer = """
                event: response.output_item.done
                data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,\
                "item":{"id":"rs_1","type":"reasoning","summary":[]}}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","sequence_number":4,"output_index":1,"delta":"{}"}

                event: response.completed
                data: {"type":"response.completed","sequence_number":5,"response":{"status":"completed"}}

                """;
        if (!named) {
            thinking = thinking.replaceAll("(?m)^event: .*\n", "");
            answer = answer.replaceAll("(?m)^event: .*\n", "");
        }
        assertAnswerAfterSilentThinking(thinking, answer);
    }

    /**
     * Plays {@code beforeThinking}, 800 ms of silence, then {@code answer} (whose text is {@code {}}), to a provider
     * whose idle limit is 300 ms and first-event limit 5 s: the call must succeed.
     */
    private void assertAnswerAfterSilentThinking(String beforeThinking, String answer) {
        server.enqueue(FakeResponse.sse(beforeThinking + answer)
                .splitAt(beforeThinking.length())
                .pacing(Duration.ofMillis(800)));
        LlmProvider thinking = OpenAi.builder()
                .apiKey("sk-test")
                .baseUrl(server.url("/v1").toString())
                .api(OpenAi.Api.RESPONSES)
                .timeouts(Timeouts.DEFAULT.withFirstEvent(Duration.ofSeconds(5)).withIdle(Duration.ofMillis(300)))
                .build();
        RecordingListener listener = new RecordingListener();
        thinking.open(
                ProviderRequest.builder("gpt-5")
                        .mode(Mode.JSON_SCHEMA)
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);

        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void failedResponse_usageReportedBeforeTheFailure() {
        RecordingListener listener = run("""
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","output_index":0,"delta":"{"}

                event: response.failed
                data: {"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"boom"},"usage":{"input_tokens":9,"output_tokens":4,"total_tokens":13}}}

                """);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.getMessage()).contains("boom");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 4, 13));
    }
}
