package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ExtraHeadersTest {
    private final ExtraHeaders extra = new ExtraHeaders();

    @Test
    void over_replacesTheProvidersHeaderWhateverItsCase() {
        extra.put("AUTHORIZATION", "Bearer mine");
        extra.put("X-Trace", "1");

        assertThat(extra.over(Map.of("Authorization", "Bearer theirs", "x-api-version", "2")))
                .containsOnly(
                        Map.entry("Authorization", "Bearer mine"),
                        Map.entry("x-api-version", "2"),
                        Map.entry("X-Trace", "1"));
    }

    @Test
    void put_sameNameInAnotherCase_keepsTheLast() {
        extra.put("x-trace", "1");
        extra.put("X-Trace", "2");

        assertThat(extra.over(Map.of())).containsOnly(Map.entry("X-Trace", "2"));
    }

    @Test
    void put_headersTheHttpClientRefuses_failAtOnce() {
        assertThatThrownBy(() -> extra.put("Host", "example.dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Host");
        assertThatThrownBy(() -> extra.put("bad name", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> extra.put("X-Key", "sk-secret\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Key")
                .message()
                .doesNotContain("sk-secret");
        assertThatThrownBy(() -> extra.put(" ", "v")).hasMessage("header name must not be blank");
        assertThatThrownBy(() -> extra.put(null, "v")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void outgoingRequest_configuredAcceptReplacesOurs() {
        OutgoingRequest request = new OutgoingRequest(
                URI.create("http://localhost:9/x"),
                Map.of("accept", "application/json"),
                JsonNodeFactory.instance.objectNode());

        assertThat(request.toHttpRequest("text/event-stream").headers().allValues("Accept"))
                .containsExactly("application/json");
    }
}
