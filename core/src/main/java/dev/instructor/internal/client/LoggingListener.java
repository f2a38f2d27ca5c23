package dev.instructor.internal.client;

import dev.instructor.InstructorListener;
import dev.instructor.Usage;
import dev.instructor.Violation;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Logs structured calls through {@link System.Logger} ({@code dev.instructor.Instructor}), so any logging backend
 * picks them up without a dependency. Requests are logged by shape (provider, model, mode, message count), never
 * with headers, so keys cannot leak; raw provider events only at TRACE; message texts never.
 */
final class LoggingListener implements InstructorListener {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    @Override
    public void onRequest(ProviderRequest request, int attempt) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(
                    Level.DEBUG,
                    "request attempt {0}: model={1}, mode={2}, schema={3}, messages={4}",
                    attempt,
                    request.model(),
                    request.mode(),
                    request.schemaName(),
                    request.messages().size());
        }
    }

    @Override
    public void onProviderEvent(ProviderEvent event, int attempt) {
        if (event instanceof ProviderEvent.Raw raw && LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, "attempt {0} event {1}: {2}", attempt, raw.event(), raw.data());
        }
    }

    @Override
    public void onValidationFailure(List<Violation> violations, int attempt) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "attempt {0} rejected:\n{1}", attempt, Violation.render(violations));
        }
    }

    @Override
    public void onRetry(List<Violation> violations, int attempt) {
        LOG.log(Level.DEBUG, "re-asking the model (attempt {0}) after {1} violation(s)", attempt, violations.size());
    }

    @Override
    public void onComplete(Object value, Usage usage) {
        LOG.log(Level.DEBUG, "completed; usage {0}", usage);
    }

    @Override
    public void onError(Throwable error) {
        // The caller receives the error; DEBUG avoids reporting it twice in production logs.
        LOG.log(Level.DEBUG, "failed: {0}", error.toString());
    }
}
