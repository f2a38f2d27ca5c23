package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonParserTest {
    private static List<String> parse(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        NdjsonParser parser = new NdjsonParser(lines::add, 1 << 16);
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(bytes, i, Math.min(bytes.length, i + chunk));
        }
        parser.end();
        return lines;
    }

    @Test
    void lines_splitAtEveryChunkSize_sameResult() {
        String text = "{\"a\":\"\u00e9\u20ac\"}\n{\"b\":2}\r\n\n{\"c\":3}";
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            assertThat(parse(text, chunk)).containsExactly("{\"a\":\"\u00e9\u20ac\"}", "{\"b\":2}", "{\"c\":3}");
        }
    }

    @Test
    void lineOverLimit_typedError() {
        NdjsonParser parser = new NdjsonParser(line -> {}, 4);
        byte[] bytes = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length)).isInstanceOf(StreamLimitException.class);
    }

    /** A handler that has had its last line stops the parser: the rest of the buffer is left unread and counted. */
    @Test
    void stop_inTheHandler_restOfTheBufferUnreadAndNoLastLine() {
        List<String> lines = new ArrayList<>();
        NdjsonParser[] parser = new NdjsonParser[1];
        parser[0] = new NdjsonParser(
                line -> {
                    lines.add(line);
                    parser[0].stop();
                },
                1 << 16);
        parser[0].feed(ByteBuffer.wrap("{\"a\":1}\n{\"b\":2}\n{\"c\"".getBytes(StandardCharsets.UTF_8)));
        parser[0].end();
        assertThat(lines).containsExactly("{\"a\":1}");
        assertThat(parser[0].unread()).isEqualTo("{\"b\":2}\n{\"c\"".length());
    }
}
