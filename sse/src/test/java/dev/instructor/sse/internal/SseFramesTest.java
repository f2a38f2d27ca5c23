package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void event_idAndNameLoseLineEnds() {
        assertThat(SseFrames.event("1\r\ndata: x", "done\nevent: evil", "{}", true))
                .isEqualTo("id: 1data: x\nevent: doneevent: evil\ndata: {}\n\n");
    }

    @Test
    void event_eachPayloadLineIsOneDataLine() {
        assertThat(SseFrames.event(null, "done", "{\n  \"a\": 1\r\n}\rx", true))
                .isEqualTo("event: done\ndata: {\ndata:   \"a\": 1\ndata: }\ndata: x\n\n");
    }

    @Test
    void event_deltaPatchWithoutSpace() {
        assertThat(SseFrames.event(null, null, "\"text\"", false)).isEqualTo("data:\"text\"\n\n");
    }

    @Test
    void errorBody_withAndWithoutField() {
        assertThat(HttpParts.errorBody("bad \"x\"", "items.0.name"))
                .isEqualTo("{\"error\":\"bad \\\"x\\\"\",\"field\":\"items.0.name\"}");
        assertThat(HttpParts.errorBody("bad", null)).isEqualTo("{\"error\":\"bad\"}");
    }

    @Test
    void merge_joinsVary() {
        assertThat(HttpParts.merge(java.util.Map.of("Vary", "Accept"), java.util.Map.of("Vary", "Origin", "X", "1")))
                .containsEntry("Vary", "Accept, Origin")
                .containsEntry("X", "1");
    }

    @Test
    void queryParameter_decodedFirstValue() {
        assertThat(HttpParts.queryParameter("a=1&format=del%74a&format=snapshot", "format"))
                .isEqualTo("delta");
        assertThat(HttpParts.queryParameter("format", "format")).isEmpty();
        assertThat(HttpParts.queryParameter(null, "format")).isNull();
        assertThat(HttpParts.queryParameter("formats=delta", "format")).isNull();
    }

    @Test
    void quote_splitSurrogatePairEscapedOnBothSides() {
        String text = "a😀";
        StringBuilder first = new StringBuilder();
        JsonWriting.appendQuoted(text.substring(0, 2), 0, first);
        StringBuilder second = new StringBuilder();
        JsonWriting.appendQuoted(text, 2, second);
        assertThat(first).hasToString("\"a\\ud83d\"");
        assertThat(second).hasToString("\"\\ude00\"");
        assertThat(JsonWriting.quote(text)).isEqualTo("\"a😀\"");
    }
}
