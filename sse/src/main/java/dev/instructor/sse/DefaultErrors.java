package dev.instructor.sse;

/** The default error mapping; see {@link ErrorMapper#defaults()}. */
final class DefaultErrors {
    private static final int MAX_MESSAGE = 500;

    private DefaultErrors() {}

    static SseError map(Throwable failure) {
        Throwable error = ErrorMapper.unwrap(failure);
        if (isA(error, "dev.instructor.InstructorRetryException") || isA(error, "dev.instructor.ValidationException")) {
            return new SseError("validation", peopleMessage(error, "The answer did not pass validation."));
        }
        if (isA(error, "dev.instructor.spi.ProviderException")) {
            return providerError(error.getClass().getSimpleName());
        }
        if (error instanceof java.util.concurrent.CancellationException) {
            return new SseError("internal", "The answer was cancelled.");
        }
        return new SseError("internal", "Something went wrong while writing the answer.");
    }

    private static SseError providerError(String simpleName) {
        return switch (simpleName) {
            case "ProviderTimeoutException" -> new SseError("timeout", "The model provider did not answer in time.");
            case "RefusalException" -> new SseError("provider", "The model declined to answer.");
            case "ContentFilterException" -> new SseError(
                    "provider", "The provider's content filter stopped the answer.");
            case "TruncatedException" -> new SseError(
                    "provider", "The answer was cut off at the model's length limit.");
            case "ConnectionException" -> new SseError("provider", "Could not reach the model provider.");
            default -> new SseError("provider", "The model provider failed.");
        };
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
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "…" : clean;
    }
}
