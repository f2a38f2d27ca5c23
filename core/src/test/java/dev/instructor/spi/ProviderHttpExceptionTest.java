package dev.instructor.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderHttpExceptionTest {
    @Test
    void fiveArgumentConstructor_retryableAsTheStatusSaysWithNoDelay() {
        assertThat(new ProviderHttpException("p", 429, "", "", 1).isRetryable()).isTrue();
        assertThat(new ProviderHttpException("p", 529, "", "", 1).isRetryable()).isTrue();
        assertThat(new ProviderHttpException("p", 401, "", "", 1).isRetryable()).isFalse();
        assertThat(new ProviderHttpException("p", 429, "", "", 1).retryAfter()).isEmpty();
    }

    @Test
    void note_addedToTheMessage_providerMessageKeptAsSent() {
        ProviderHttpException failure =
                new ProviderHttpException("gemini", 429, "RESOURCE_EXHAUSTED", "retry in 30s", 1, false, null, "why");
        assertThat(failure.getMessage()).isEqualTo("gemini: HTTP 429 RESOURCE_EXHAUSTED: retry in 30s (why)");
        assertThat(failure.providerMessage()).isEqualTo("retry in 30s");
    }

    /** OpenRouter's errors carry the status again as their only code: {"error":{"code":402,"message":...}}. */
    @Test
    void message_aCodeThatRepeatsTheStatus_notRepeated() {
        ProviderHttpException failure = new ProviderHttpException("openrouter", 402, "402", "Insufficient credits", 1);
        assertThat(failure.getMessage()).isEqualTo("openrouter: HTTP 402: Insufficient credits");
        assertThat(failure.errorType()).isEqualTo("402");
        assertThat(new ProviderHttpException("vllm", 400, "400", "", 1).getMessage())
                .isEqualTo("vllm: HTTP 400");
    }

    @Test
    void isRetryableStatus_theStatusesTheTransportRetries() {
        for (int status : new int[] {408, 409, 429, 500, 503, 529}) {
            assertThat(ProviderHttpException.isRetryableStatus(status))
                    .as("%d", status)
                    .isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            assertThat(ProviderHttpException.isRetryableStatus(status))
                    .as("%d", status)
                    .isFalse();
        }
    }

    /** A bare 401, 403 or 404 (an empty body, as some gateways send) says what to check; the provider's words win. */
    @Test
    void message_ofAStatusWithoutABody_saysWhatToCheck() {
        assertThat(new ProviderHttpException("openai", 401, "", "", 1).getMessage())
                .contains("HTTP 401")
                .contains("check the API key");
        assertThat(new ProviderHttpException("openai", 403, "", "", 1).getMessage())
                .contains("HTTP 403")
                .contains("check the API key");
        assertThat(new ProviderHttpException("openai", 404, "", "", 1).getMessage())
                .contains("HTTP 404")
                .contains("check the base URL and the model");
        assertThat(new ProviderHttpException("openai", 401, "invalid_api_key", "Incorrect API key provided", 1)
                        .getMessage())
                .contains("HTTP 401 invalid_api_key: Incorrect API key provided")
                .doesNotContain("check the API key");
        assertThat(new ProviderHttpException("openai", 500, "", "", 1).getMessage())
                .doesNotContain("check");
    }
}
