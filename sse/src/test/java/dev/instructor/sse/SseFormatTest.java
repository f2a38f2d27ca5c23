package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SseFormatTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL | NULL | SNAPSHOT",
                "text/event-stream | NULL | SNAPSHOT",
                "text/event-stream; format=delta | NULL | DELTA",
                "text/event-stream;format=delta | NULL | DELTA",
                "Text/Event-Stream; FORMAT=\"delta\" | NULL | DELTA",
                "text/event-stream; format=snapshot | NULL | SNAPSHOT",
                "text/event-stream; format=delta2 | NULL | SNAPSHOT",
                "text/event-stream; charset=utf-8; format=delta | NULL | DELTA",
                "application/json, text/event-stream; format=delta | NULL | DELTA",
                "application/json; format=delta | NULL | SNAPSHOT",
                "*/* | NULL | SNAPSHOT",
                "text/event-stream; format=delta | snapshot | SNAPSHOT",
                "text/event-stream | delta | DELTA",
                "NULL | delta | DELTA",
            })
    void negotiate_queryWinsOverAccept_unknownAcceptParameterIgnored(String accept, String query, SseFormat expected) {
        assertThat(SseFormat.negotiate(accept, query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"xml", "DELTA", "''", "delta2"})
    void negotiate_unknownQueryValue_isBadRequest(String query) {
        assertThatThrownBy(() -> SseFormat.negotiate("text/event-stream; format=delta", query))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format must be \"snapshot\" or \"delta\", got \"" + query + "\"");
    }

    @ParameterizedTest
    @CsvSource({"'a\"b\nc', 'a?b?c'"})
    void negotiate_messageKeepsNoControlCharacters(String query, String shown) {
        assertThatThrownBy(() -> SseFormat.negotiate(null, query)).hasMessageEndingWith("\"" + shown + "\"");
    }
}
