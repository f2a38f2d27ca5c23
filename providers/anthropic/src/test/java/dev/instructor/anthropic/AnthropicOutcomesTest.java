package dev.instructor.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.IncompleteStreamException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages outcomes the recordings do not cover. */
class AnthropicOutcomesTest {
    /** The start of an answer after 17 prompt tokens and one answer token, for a failure that follows it. */
    private static final String STARTED = """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":17,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{\\"name\\""}}

                """;

    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = Anthropic.builder()
            .apiKey("sk-ant-test")
            .baseUrl(server.url("/").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void refusalStopReason_typedFailureWithTheModelsText() {
        RefusalException failure = refusalIn(Mode.TOOLS);
        assertThat(failure.refusal()).isEqualTo("I can't help with that.");
        assertThat(failure.partialText()).isEmpty();
    }

    @Test
    void promptCache_readAndWrittenTokensCountAsInput_onceEach() {
        // message_delta repeats the cumulative input counts, as current Messages streams do.
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":12,"cache_creation_input_tokens":300,"cache_read_input_tokens":2000,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":12,"cache_creation_input_tokens":300,"cache_read_input_tokens":2000,"output_tokens":7}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(2312, 7, 2319));
    }

    @Test
    void messageDeltaWithZeroInput_keepsTheInputOfMessageStart() {
        // Compatible servers (sglang's /v1/messages) put input_tokens 0 in message_delta. Counts are cumulative, so a
        // later event never lowers one.
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":42,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":0,"output_tokens":9}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(42, 9, 51));
    }

    @Test
    void toolUseWithoutInputDeltas_theInputOfContentBlockStartIsTheArguments() {
        // The SDKs keep content_block_start's input unless a non-empty partial_json replaces it: an empty input
        // may come as {} and one empty delta.
        RecordingListener listener = run(Mode.TOOLS, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"Person","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":5}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void refusalStopReason_outsideTools_refusalIsTheTextReceived() {
        RefusalException failure = refusalIn(Mode.JSON_SCHEMA);
        assertThat(failure.refusal()).isEqualTo("I can't help with that.");
        assertThat(failure.partialText()).isEqualTo("I can't help with that.");
    }

    /** Streams a refusal written as text, asked for in {@code mode}, and returns the failure it ends with. */
    private RefusalException refusalIn(Mode mode) {
        RecordingListener listener = run(mode, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I can't help with that."}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"refusal"},"usage":{"output_tokens":6}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        return listener.awaitFailure(RefusalException.class);
    }

    @Test
    void pauseTurnStopReason_isIncomplete_notAFinishedAnswer() {
        // A turn paused mid-way (long server-tool work) ends unfinished; the API wants it sent back to continue.
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{\\"name\\":\\"Zo"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"pause_turn"},"usage":{"output_tokens":6}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        IncompleteStreamException failure = listener.awaitFailure(IncompleteStreamException.class);
        assertThat(failure.getMessage()).contains("pause_turn");
        assertThat(failure.partialText()).isEqualTo("{\"name\":\"Zo");
    }

    @Test
    void contextWindowExceededStopReason_truncatedWithTheTextSoFar() {
        // Sonnet 4.5 and later stop at the context window with this reason, rather than failing the request.
        RecordingListener listener = run(Mode.JSON_SCHEMA, STARTED + """
                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"model_context_window_exceeded"},"usage":{"output_tokens":6}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        TruncatedException failure = listener.awaitFailure(TruncatedException.class);
        assertThat(failure.finishReason()).isEqualTo("model_context_window_exceeded");
        assertThat(failure.partialText()).isEqualTo("{\"name\"");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(17, 6, 23));
    }

    @Test
    void emptyStopReason_readAsNone_finishesAsEndTurn() {
        // The API always names a reason; a server speaking its wire that writes an empty one has none to give, as a
        // message_delta without stop_reason.
        RecordingListener listener = run(Mode.JSON_SCHEMA, STARTED + """
                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":":\\"Zoë\\"}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":""},"usage":{"output_tokens":6}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Zoë\"}");
        assertThat(listener.finish()).isEqualTo(new ProviderEvent.Finish("end_turn"));
    }

    @Test
    void negativeOrMissingCount_keepsTheLastOneReported() {
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":-1,"output_tokens":"7"}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(12, 1, 13));
    }

    @Test
    void inputDeltaWithoutIndex_beforeTheToolStarted_isNotTheArguments() {
        // Another tool's input, from a server that leaves out the index: "no index" must not match "no tool yet".
        RecordingListener listener = run(Mode.TOOLS, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","content_block":{"type":"tool_use","id":"toolu_0","name":"Other","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{\\"secret\\":1}"}}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"Person","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"name\\":\\"Ada\\"}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":5}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void errorEventMidStream_reportsTheTokensCountedBefore() {
        // The prompt was read and billed input before the stream broke: usage() must not say nothing was used.
        RecordingListener listener = run(Mode.JSON_SCHEMA, STARTED + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """);
        listener.awaitFailure(StreamErrorException.class);
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(17, 1, 18));
    }

    @Test
    void errorEventWhoseDataIsNotJson_streamErrorWithTheText() {
        // A proxy's plain-text failure in an error event is still the server's error, not a garbled stream.
        RecordingListener listener = run(Mode.JSON_SCHEMA, STARTED + """
                event: error
                data: upstream connect error or disconnect/reset before headers

                """);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.providerMessage()).isEqualTo("upstream connect error or disconnect/reset before headers");
        assertThat(failure.partialText()).isEqualTo("{\"name\"");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(17, 1, 18));
    }

    @Test
    void streamCutBeforeMessageStop_reportsTheTokensCountedBefore() {
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":17,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{\\"name\\""}}

                """);
        listener.awaitFailure(IncompleteStreamException.class);
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(17, 1, 18));
    }

    /** Streams {@code body} as the answer to a request in {@code mode}; returns the listener of the call. */
    private RecordingListener run(Mode mode, String body) {
        server.enqueue(FakeResponse.sse(body));
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("claude")
                        .mode(mode)
                        .schema("Person", AnthropicContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        return listener;
    }
}
