package dev.instructor.internal.client;

import dev.instructor.InstructorListener;
import dev.instructor.PartialUpdate;
import dev.instructor.Usage;
import dev.instructor.Violation;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client's listeners as one: the logging listener first, then the user's in registration order. Each call is
 * isolated: a listener that throws is logged and skipped, and the others and the stream carry on.
 */
final class Listeners implements InstructorListener {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    private final List<InstructorListener> listeners;

    private Listeners(List<InstructorListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static InstructorListener of(List<InstructorListener> user) {
        List<InstructorListener> all = new ArrayList<>();
        all.add(new LoggingListener());
        all.addAll(user);
        return new Listeners(all);
    }

    /**
     * Returns the client's listener followed by a call's own, each call listener isolated as the client's are; the
     * client's alone when the call has none.
     */
    static InstructorListener forCall(InstructorListener client, List<InstructorListener> call) {
        if (call.isEmpty()) {
            return client;
        }
        List<InstructorListener> all = new ArrayList<>();
        all.add(client);
        all.addAll(call);
        return new Listeners(all);
    }

    private void each(String callback, Consumer<InstructorListener> call) {
        for (InstructorListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.log(Level.WARNING, "listener " + listener.getClass().getName() + " threw in " + callback, e);
            }
        }
    }

    @Override
    public void onRequest(ProviderRequest request, int attempt) {
        each("onRequest", l -> l.onRequest(request, attempt));
    }

    @Override
    public void onProviderEvent(ProviderEvent event, int attempt) {
        each("onProviderEvent", l -> l.onProviderEvent(event, attempt));
    }

    @Override
    public void onPartial(PartialUpdate<?> update) {
        each("onPartial", l -> l.onPartial(update));
    }

    @Override
    public void onValidationFailure(List<Violation> violations, int attempt) {
        each("onValidationFailure", l -> l.onValidationFailure(violations, attempt));
    }

    @Override
    public void onRetry(List<Violation> violations, int attempt) {
        each("onRetry", l -> l.onRetry(violations, attempt));
    }

    @Override
    public void onUsage(Usage usage, int attempt) {
        each("onUsage", l -> l.onUsage(usage, attempt));
    }

    @Override
    public void onComplete(Object value, Usage usage) {
        each("onComplete", l -> l.onComplete(value, usage));
    }

    @Override
    public void onError(Throwable error) {
        each("onError", l -> l.onError(error));
    }
}
