package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpPartsTest {

    @Test
    void joinLines_listHeaderLinesJoinedWithCommas() {
        assertThat(HttpParts.joinLines(List.of("text/plain", "text/event-stream")))
                .isEqualTo("text/plain, text/event-stream");
        assertThat(HttpParts.joinLines(List.of())).isNull();
        assertThat(HttpParts.joinLines(null)).isNull();
    }

    @Test
    void merge_varyNamesJoinedEachOnce_otherHeadersReplaced() {
        assertThat(HttpParts.merge(
                        Map.of("Vary", "Accept", "Cache-Control", "no-cache"),
                        Map.of("Vary", "origin, Accept", "Cache-Control", "no-store")))
                .containsEntry("Vary", "Accept, origin")
                .containsEntry("Cache-Control", "no-store");
    }
}
