package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
    @CsvSource(
            delimiter = '|',
            value = {
                "text/event-stream;format=delta;q=0, text/event-stream | SNAPSHOT",
                "text/event-stream;q=0.1, text/event-stream;format=delta | DELTA",
                "text/event-stream;format=delta;q=0.5, text/event-stream;q=0.4 | DELTA",
                "text/event-stream;format=delta, text/event-stream | DELTA",
                "text/event-stream;format=delta;q=x | DELTA",
                "text/event-stream;format=delta;q=NaN | DELTA",
                "text/event-stream;q=0.5, text/event-stream;format=delta;q=NaN | DELTA",
                "text/event-stream;format=delta;q=0, */* | SNAPSHOT",
                "text/event-stream;format=delta;q=0.2, text/*;q=0.5 | SNAPSHOT",
                "text/event-stream;format=delta;q=0.5, text/*;q=0.2 | DELTA",
                "text/event-stream;format=snapshot;q=0, text/event-stream | DELTA",
                "text/event-stream, text/event-stream;format=delta | SNAPSHOT",
                "text/event-stream;format=delta;q=0.0005, text/event-stream;q=0.5 | DELTA",
                "text/event-stream;format=delta;q=0 | SNAPSHOT",
            })
    void negotiate_preferredRangeWins_qZeroRefused(String accept, SseFormat expected) {
        assertThat(SseFormat.negotiate(accept, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"DELTA, DELTA", "Delta, DELTA", "SNAPSHOT, SNAPSHOT", "sNaPsHoT, SNAPSHOT"})
    void negotiate_queryValue_caseIgnoredAsInAccept(String query, SseFormat expected) {
        // One parameter, two places to send it: Accept's format=DELTA asks for the delta format, so this must too.
        assertThat(SseFormat.negotiate(null, query)).isEqualTo(expected);
        assertThat(SseFormat.negotiate("text/event-stream; format=" + query, null))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"xml", "''", "delta2", "'delta '", "\u017Fnapshot"})
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

    @Test
    void negotiate_longQueryValue_shortenedWithoutCuttingASurrogatePair() {
        // The emoji's two chars sit at 39 and 40, where the 40-char cut falls: a lone half would show as U+FFFD.
        String query = "x".repeat(39) + "\uD83D\uDE00 and more";
        assertThatThrownBy(() -> SseFormat.negotiate(null, query)).hasMessageEndingWith("\"" + "x".repeat(39) + "…\"");
    }
}
