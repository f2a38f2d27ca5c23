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
}
