package dev.instructor.sse;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.TruncatedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The default error mapping; see {@link ErrorMapper#defaults()}. */
final class DefaultErrors {
    private static final int MAX_MESSAGE = 500;

    private DefaultErrors() {}

    static SseError map(Throwable failure) {
        Throwable error = unwrap(failure);
        if (isA(error, "dev.instructor.InstructorRetryException") || isA(error, "dev.instructor.ValidationException")) {
            return new SseError("validation", peopleMessage(error, "The answer did not pass validation."));
        }
        if (error instanceof ProviderException provider) {
            return providerError(provider);
        }
        if (error instanceof java.util.concurrent.CancellationException) {
            return new SseError("internal", "The answer was cancelled.");
        }
        return new SseError("internal", "Something went wrong while writing the answer.");
    }

    // Fixed texts: a provider's own message may quote the request or name the account.
    private static SseError providerError(ProviderException error) {
        if (error instanceof ProviderTimeoutException) {
            return new SseError("timeout", "The model provider did not answer in time.");
        }
        if (error instanceof RefusalException) {
            return new SseError("provider", "The model declined to answer.");
        }
        if (error instanceof ContentFilterException) {
            return new SseError("provider", "The provider's content filter stopped the answer.");
        }
        if (error instanceof TruncatedException) {
            return new SseError("provider", "The answer was cut off at the model's length limit.");
        }
        if (error instanceof ConnectionException) {
            return new SseError("provider", "Could not reach the model provider.");
        }
        if (error instanceof ProviderHttpException http && http.status() == 429) {
            return new SseError("provider", "The model provider is busy; try again in a moment.");
        }
        return new SseError("provider", "The model provider failed.");
    }

    private static boolean isA(Throwable error, String className) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    // Validation messages are ours and meant for people; still cap them and drop control characters so a value
    // echoed inside a violation cannot flood the page.
    private static String peopleMessage(Throwable error, String fallback) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String clean = message.replaceAll("[\\p{Cntrl}&&[^\n]]", "").replace('\n', ' ');
        if (clean.length() <= MAX_MESSAGE) {
            return clean;
        }
        // Never keep half of a surrogate pair: it would reach the page as U+FFFD.
        int end = Character.isHighSurrogate(clean.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
        return clean.substring(0, end) + "…";
    }

    /** Returns the cause of {@code failure} with completion and execution wrappers removed. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
