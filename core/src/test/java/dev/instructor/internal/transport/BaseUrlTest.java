package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BaseUrlTest {
    @Test
    void parse_trailingSlashesDropped() {
        assertThat(BaseUrl.parse("baseUrl", " http://localhost:8000/v1// ").toString())
                .isEqualTo("http://localhost:8000/v1");
    }

    @Test
    void parse_userAndPassword_refusedWithoutQuotingThem() {
        // The JDK client sends no Authorization for them: the proxy behind them would answer 401, and the URL, logged
        // with the provider, would show the password.
        for (String url : new String[] {"https://svc:s3cret@gateway.example/v1", "ftp://svc:s3cret@gateway.example"}) {
            assertThatThrownBy(() -> BaseUrl.parse("baseUrl", url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("baseUrl")
                    .hasMessageContaining("header(\"Authorization\"")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
