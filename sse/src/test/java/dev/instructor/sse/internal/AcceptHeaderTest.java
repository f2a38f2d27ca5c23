package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.sse.SseFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptHeaderTest {

    @Test
    void refusesEventStream_everyRangeAtQZero() {
        assertThat(AcceptHeader.refusesEventStream("text/event-stream; q=0, */*;q=0.0"))
                .isTrue();
    }

    /** RFC 9110: the most specific matching range decides, so a catch-all does not undo a refusal of the type. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/event-stream; q=0, */*",
                "text/event-stream;q=0, application/json",
                "text/*;q=0, */*",
                "application/json",
                "text/plain, application/*",
                "text/event-stream;format=delta;q=0",
                "text/event-stream;format=delta;q=0, text/event-stream;format=snapshot;q=0, */*",
            })
    void refusesEventStream_mostSpecificRangeRefusesOrNoneMatches(String accept) {
        assertThat(AcceptHeader.refusesEventStream(accept)).isTrue();
        assertThat(AcceptHeader.preferred(accept)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/event-stream",
                "*/*",
                "text/*, */*;q=0",
                "text/event-stream;q=0.001, */*;q=0",
                "text/event-stream;format=delta;q=0, */*",
                "application/json, text/event-stream;charset=utf-8",
                "TEXT/Event-Stream",
            })
    void refusesEventStream_someRangeLetsItIn(String accept) {
        assertThat(AcceptHeader.refusesEventStream(accept)).isFalse();
    }

    /** Empty header lines, joined, list no media range at all: the client refuses nothing, as with no header. */
    @Test
    void refusesEventStream_noRangeListed_refusesNothing() {
        assertThat(AcceptHeader.refusesEventStream(HttpParts.joinLines(List.of("", ""))))
                .isFalse();
        assertThat(AcceptHeader.refusesEventStream(" , ,")).isFalse();
        assertThat(AcceptHeader.refusesEventStream(null)).isFalse();
    }

    /** RFC 9110, section 12.4.2: 0 to 1 with at most three decimals; anything else is no q value and counts as 1. */
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "0., 0",
        "0.0, 0",
        "0.000, 0",
        "0.5, 500",
        "0.05, 50",
        "0.001, 1",
        "0.999, 999",
        "1, 1000",
        "1.000, 1000",
        "NaN, 1000",
        "x, 1000",
        "'', 1000",
        "0d, 1000",
        "0f, 1000",
        "0x0p0, 1000",
        "-0, 1000",
        "+0, 1000",
        "2, 1000",
        "1.5, 1000",
        "0.0001, 1000",
        ".5, 1000",
        "00, 1000",
        "1e-3, 1000"
    })
    void quality_rfcGrammarOrOne(String value, int thousandths) {
        assertThat(AcceptHeader.quality(value)).as(value).isEqualTo(thousandths);
    }

    @Test
    void refusesEventStream_qThatJavaReadsButHttpDoesNot_countsAsOne() {
        for (String q : List.of("0d", "0f", "0x0p0", "-0", "+0", " 0D", "NaN", "0.0000")) {
            assertThat(AcceptHeader.refusesEventStream("text/event-stream;q=" + q))
                    .as(q)
                    .isFalse();
        }
        assertThat(AcceptHeader.refusesEventStream("text/event-stream;q=0.000")).isTrue();
        assertThat(AcceptHeader.refusesEventStream("text/event-stream;q=\"0\"")).isTrue();
    }

    @Test
    void preferred_quotedCommaOrSemicolonStaysInsideItsParameter() {
        assertThat(AcceptHeader.preferred("text/event-stream;x=\"a,text/event-stream;format=delta\""))
                .isEqualTo(SseFormat.SNAPSHOT);
        assertThat(AcceptHeader.preferred("text/event-stream;x=\"a;q=0\";format=delta"))
                .isEqualTo(SseFormat.DELTA);
    }

    /** The wire format defines {@code format}'s values as case-insensitive tokens, as {@code charset}'s are. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/event-stream;format=DELTA",
                "text/event-stream; Format=Delta",
                "TEXT/EVENT-STREAM;FORMAT=DeLtA"
            })
    void preferred_formatValueInAnyCase_namesItsFormat(String accept) {
        assertThat(AcceptHeader.preferred(accept)).isEqualTo(SseFormat.DELTA);
    }

    /** RFC 9110, section 5.6.4: a backslash in a quoted string stands for the character after it. */
    @Test
    void preferred_quotedPairInValue_standsForTheEscapedCharacter() {
        assertThat(AcceptHeader.preferred("text/event-stream;format=\"d\\elta\""))
                .isEqualTo(SseFormat.DELTA);
        assertThat(AcceptHeader.preferred("text/event-stream;format=\"delta\\\"\""))
                .isEqualTo(SseFormat.SNAPSHOT);
        assertThat(AcceptHeader.refusesEventStream("text/event-stream;q=\"0\\.0\""))
                .isTrue();
    }
}
