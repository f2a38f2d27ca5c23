package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One test per rule of the WHATWG event stream interpretation; each input is fed at every chunk size. */
class SseParserTest {

    private static List<SseEvent> parse(byte[] bytes, int chunk) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, 1 << 20, 1 << 20);
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(bytes, i, Math.min(bytes.length, i + chunk));
        }
        parser.end();
        return events;
    }

    /** Parses at chunk sizes 1..length and checks all agree, returning the events. */
    private static List<SseEvent> parseAllChunkings(String text) {
        return parseAllChunkings(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SseEvent> parseAllChunkings(byte[] bytes) {
        List<SseEvent> whole = parse(bytes, Math.max(1, bytes.length));
        IntStream.rangeClosed(1, Math.max(1, bytes.length)).forEach(chunk -> assertThat(parse(bytes, chunk))
                .as("chunk size " + chunk)
                .isEqualTo(whole));
        return whole;
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data, "");
    }

    @Test
    void lf_lineEnds() {
        assertThat(parseAllChunkings("data: a\n\ndata: b\n\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void cr_lineEnds() {
        assertThat(parseAllChunkings("data: a\r\rdata: b\r\r")).containsExactly(message("a"), message("b"));
    }

    @Test
    void crlf_lineEnds_splitAcrossChunks() {
        assertThat(parseAllChunkings("data: a\r\n\r\ndata: b\r\n\r\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void mixedLineEnds() {
        assertThat(parseAllChunkings("data: a\r\ndata: b\rdata: c\n\r\n")).containsExactly(message("a\nb\nc"));
    }

    @Test
    void comments_ignored() {
        assertThat(parseAllChunkings(": ping\n\n:\ndata: a\n: inside\n\n")).containsExactly(message("a"));
    }

    @Test
    void eventField_namesEvent_andResetsAfterDispatch() {
        assertThat(parseAllChunkings("event: delta\ndata: a\n\ndata: b\n\n"))
                .containsExactly(new SseEvent("delta", "a", ""), message("b"));
    }

    @Test
    void multiLineData_joinedWithLf() {
        assertThat(parseAllChunkings("data: a\ndata:\ndata: c\n\n")).containsExactly(message("a\n\nc"));
    }

    @Test
    void onlyOneSpaceAfterColon_removed() {
        assertThat(parseAllChunkings("data:  two\n\ndata:none\n\n")).containsExactly(message(" two"), message("none"));
    }

    @Test
    void fieldWithoutColon_isFieldWithEmptyValue() {
        // "data" alone appends an empty line: the data buffer is "\n", so the event carries "".
        assertThat(parseAllChunkings("data\n\n")).containsExactly(message(""));
        assertThat(parseAllChunkings("data\ndata\n\n")).containsExactly(message("\n"));
    }

    @Test
    void emptyData_notDispatched() {
        assertThat(parseAllChunkings("event: x\n\n\n\ndata: a\n\n")).containsExactly(message("a"));
    }

    @Test
    void leadingBom_skippedOnceEvenWhenSplit() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "data: a\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length * 2 + text.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(text, 0, bytes, 3, text.length);
        byte[] one = java.util.Arrays.copyOf(bytes, 3 + text.length);
        assertThat(parseAllChunkings(one)).containsExactly(message("a"));
        // A second BOM is content: it makes the field name "\uFEFFdata", which is unknown.
        byte[] two = new byte[6 + text.length];
        System.arraycopy(bom, 0, two, 0, 3);
        System.arraycopy(bom, 0, two, 3, 3);
        System.arraycopy(text, 0, two, 6, text.length);
        assertThat(parseAllChunkings(two)).isEmpty();
    }

    @Test
    void partialBomPrefix_isContent() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, 'x', '\n', 'd', 'a', 't', 'a', ':', 'a', '\n', '\n'};
        assertThat(parseAllChunkings(bytes)).containsExactly(message("a"));
    }

    @Test
    void unterminatedLastEvent_dropped() {
        assertThat(parseAllChunkings("data: a\n\ndata: b\n")).containsExactly(message("a"));
        assertThat(parseAllChunkings("data: a\n\ndata: b")).containsExactly(message("a"));
    }

    @Test
    void unterminatedLastEvent_namedAsDropped_commentAndCompleteEventNot() {
        assertThat(droppedAtEnd("data: a\n\ndata: [DONE]")).isEqualTo("data: [DONE]");
        assertThat(droppedAtEnd("data: a\n\ndata: b\n")).isEqualTo("b");
        assertThat(droppedAtEnd("data: a\n\n: keep-alive")).isEmpty();
        assertThat(droppedAtEnd("data: a\n\n")).isEmpty();
    }

    private static String droppedAtEnd(String text) {
        SseParser parser = new SseParser(event -> {}, 1 << 20, 1 << 20);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        parser.end();
        return parser.droppedAtEnd();
    }

    @Test
    void utf8_splitAnywhere() {
        String text = "data: {\"t\":\"h\u00e9llo \u20ac \uD83D\uDE00 \u00b0F\"}\n\n";
        assertThat(parseAllChunkings(text))
                .containsExactly(message("{\"t\":\"h\u00e9llo \u20ac \uD83D\uDE00 \u00b0F\"}"));
    }

    @Test
    void malformedUtf8_replaced() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', (byte) 0xC3, '\n', '\n'};
        assertThat(parseAllChunkings(bytes)).containsExactly(message("\uFFFD"));
    }

    @Test
    void id_persistsAcrossEvents_andNulIgnored() {
        assertThat(parseAllChunkings("id: 1\ndata: a\n\ndata: b\n\nid: x\u0000y\ndata: c\n\nid\ndata: d\n\n"))
                .containsExactly(
                        new SseEvent("message", "a", "1"),
                        new SseEvent("message", "b", "1"),
                        new SseEvent("message", "c", "1"),
                        new SseEvent("message", "d", ""));
    }

    @Test
    void retry_onlyAsciiDigits() {
        SseParser parser = new SseParser(e -> {}, 1024, 1024);
        byte[] bytes = "retry: 1500\n\nretry: 12a\n\nretry: -5\n\nretry:\n\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        assertThat(parser.retryMillis()).isEqualTo(1500);
    }

    @Test
    void unknownFields_ignored() {
        assertThat(parseAllChunkings("foo: bar\ndata: a\nbaz\n\n")).containsExactly(message("a"));
    }

    @Test
    void lineOverLimit_typedError() {
        SseParser parser = new SseParser(e -> {}, 16, 1024);
        byte[] bytes = "data: 0123456789abcdef\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length))
                .isInstanceOf(StreamLimitException.class)
                .hasMessageContaining("16");
    }

    @Test
    void eventOverLimit_typedError() {
        SseParser parser = new SseParser(e -> {}, 1024, 10);
        byte[] bytes = "data: 12345\ndata: 67890\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length))
                .isInstanceOf(StreamLimitException.class)
                .hasMessageContaining("10");
    }

    /** A handler that has had its last event stops the parser: the rest of the buffer is left unread and counted. */
    @Test
    void stop_inTheHandler_restOfTheBufferUnread() {
        List<SseEvent> events = new ArrayList<>();
        SseParser[] parser = new SseParser[1];
        parser[0] = new SseParser(
                event -> {
                    events.add(event);
                    parser[0].stop();
                },
                1024,
                1024);
        String rest = ": padding\ndata: b\n\n";
        parser[0].feed(ByteBuffer.wrap(("data: a\n\n" + rest).getBytes(StandardCharsets.UTF_8)));
        assertThat(events).extracting(SseEvent::data).containsExactly("a");
        assertThat(parser[0].unread()).isEqualTo(rest.length());
    }
}
