package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpPartsTest {

    @Test
    void refusesEveryType_everyRangeAtQZero() {
        assertThat(HttpParts.refusesEveryType("text/event-stream; q=0, */*;q=0.0"))
                .isTrue();
        assertThat(HttpParts.refusesEveryType("text/event-stream; q=0, */*")).isFalse();
    }

    /** Empty header lines, joined, list no media range at all: the client refuses nothing, as with no header. */
    @Test
    void refusesEveryType_noRangeListed_refusesNothing() {
        assertThat(HttpParts.refusesEveryType(HttpParts.joinLines(List.of("", ""))))
                .isFalse();
        assertThat(HttpParts.refusesEveryType(" , ,")).isFalse();
        assertThat(HttpParts.refusesEveryType(null)).isFalse();
    }

    /** Java reads 0d, 0f, hex and -0 as numbers; as a q value they are no number, which counts as 1. */
    @Test
    void refusesEveryType_qThatJavaReadsButHttpDoesNot_countsAsOne() {
        for (String q : List.of("0d", "0f", "0x0p0", "-0", "+0", " 0D")) {
            assertThat(HttpParts.refusesEveryType("text/event-stream;q=" + q))
                    .as(q)
                    .isFalse();
        }
        assertThat(HttpParts.refusesEveryType("text/event-stream;q=0.000")).isTrue();
    }
}
