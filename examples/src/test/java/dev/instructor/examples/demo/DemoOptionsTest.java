package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parse_defaults() {
        DemoOptions options = DemoOptions.parse(List.of(), Map.of());

        assertThat(options)
                .isEqualTo(new DemoOptions("127.0.0.1", 8080, List.of(), false, Duration.ofMillis(30), null));
    }

    @Test
    void parse_environmentThenCommandLineWins() {
        Map<String, String> env =
                Map.of("PORT", "9000", "DEMO_CORS_ORIGINS", "http://a.test, http://b.test", "DEMO_MODEL", "gpt-x");

        DemoOptions fromEnv = DemoOptions.parse(List.of(), env);
        DemoOptions fromArgs = DemoOptions.parse(
                List.of("--port", "0", "--cors-origin", "http://c.test", "--offline", "--model", "m"), env);

        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.corsOrigins()).containsExactly("http://a.test", "http://b.test");
        assertThat(fromEnv.model()).isEqualTo("gpt-x");
        assertThat(fromArgs.port()).isZero();
        assertThat(fromArgs.corsOrigins()).containsExactly("http://a.test", "http://b.test", "http://c.test");
        assertThat(fromArgs.offline()).isTrue();
        assertThat(fromArgs.model()).isEqualTo("m");
    }

    @Test
    void parse_blankPortIsUnset() {
        assertThat(DemoOptions.parse(List.of(), Map.of("PORT", "")).port()).isEqualTo(8080);
        assertThat(DemoOptions.parse(List.of(), Map.of("PORT", "  ")).port()).isEqualTo(8080);
    }

    @Test
    void parse_portOnTheCommandLineWinsOverABadPortVariable() {
        assertThat(DemoOptions.parse(List.of("--port", "9001"), Map.of("PORT", "http"))
                        .port())
                .isEqualTo(9001);
    }

    @Test
    void parse_rejectsAnOriginTheCorsPolicyWouldRefuse_namingWhereItCameFrom() {
        // Caught here, the demo prints its usage and exits 2 instead of failing with a stack trace at start-up.
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--cors-origin", "http://localhost:3000/"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--cors-origin: origin must be a scheme and host");
        assertThatThrownBy(() -> DemoOptions.parse(List.of(), Map.of("DEMO_CORS_ORIGINS", "http://a.test,*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DEMO_CORS_ORIGINS: origin must be a scheme and host");
    }

    @Test
    void pageUrl_localhostForLoopbackAndWildcard_theAddressOtherwise() {
        for (String local : List.of("127.0.0.1", "localhost", "0.0.0.0", "::", "[::]", "::1", "0:0:0:0:0:0:0:1")) {
            assertThat(DemoOptions.parse(List.of("--host", local), Map.of()).pageUrl(8080))
                    .as(local)
                    .isEqualTo("http://localhost:8080/");
        }
        assertThat(DemoOptions.parse(List.of("--host", "192.168.1.5"), Map.of()).pageUrl(80))
                .isEqualTo("http://192.168.1.5:80/");
        assertThat(DemoOptions.parse(List.of("--host", "fd00::5"), Map.of()).pageUrl(80))
                .isEqualTo("http://[fd00::5]:80/");
        assertThat(DemoOptions.parse(List.of("--host", "demo.internal"), Map.of())
                        .pageUrl(80))
                .isEqualTo("http://demo.internal:80/");
    }

    @Test
    void parse_rejectsABlankValue() {
        // --model "" would send a model name of "" to the provider rather than the default one.
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--model", " "), Map.of()))
                .hasMessage("--model needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--host", ""), Map.of()))
                .hasMessage("--host needs a value");
    }

    @Test
    void parse_rejectsBadValuesByName() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--port", "70000"), Map.of()))
                .hasMessage("--port must be a port from 0 to 65535, got \"70000\"");
        assertThatThrownBy(() -> DemoOptions.parse(List.of(), Map.of("PORT", "http")))
                .hasMessage("PORT must be a port from 0 to 65535, got \"http\"");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--port"), Map.of())).hasMessage("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--verbose"), Map.of()))
                .hasMessage("unknown option: --verbose");
    }

    @Test
    void choose_offlineWithoutKeysAndWhenAsked() {
        DemoOptions plain = DemoOptions.parse(List.of(), Map.of());
        DemoOptions forced = DemoOptions.parse(List.of("--offline"), Map.of());

        try (ProviderChoice none = ProviderChoice.choose(plain, Map.of("OPENAI_API_KEY", " "));
                ProviderChoice asked = ProviderChoice.choose(forced, Map.of("OPENAI_API_KEY", "sk-test"))) {
            assertThat(none.isOffline()).isTrue();
            assertThat(none.label()).isEqualTo("offline");
            assertThat(none.model()).isEqualTo(OfflineModel.MODEL);
            assertThat(asked.isOffline()).isTrue();
        }
    }
}
