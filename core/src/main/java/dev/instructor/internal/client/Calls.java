package dev.instructor.internal.client;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.InstructorListener;
import dev.instructor.PartialStream;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderStream;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Starts the calls of the {@code responses()} facade; the one entry point from the API package. */
public final class Calls {
    private final ClientSettings settings;
    private final PreparedModels models = new PreparedModels();

    /** Creates the entry point for a client's settings. */
    public Calls(ClientSettings settings) {
        this.settings = settings;
    }

    /** Returns the model of {@code type}, built once per client. */
    public <T> ResponseModel<T> model(TypeRef<T> type) {
        return models.model(type);
    }

    /** Returns the model of {@code type}, built once per client. */
    public <T> ResponseModel<T> model(Class<T> type) {
        return models.model(type);
    }

    private <T> PreparedModel<T> prepare(ResponseModel<T> model) {
        return models.prepare(model);
    }

    /** Starts a blocking stream. */
    public <T> PartialStream<T> stream(ChatRequest request, ResponseModel<T> model) {
        return new BlockingPartialStream<>(new CallPlan<>(settings, prepare(model), request));
    }

    /** Starts a reactive stream. */
    public <T> AsyncPartialStream<T> streamAsync(ChatRequest request, ResponseModel<T> model) {
        return new PublishedPartialStream<>(new CallPlan<>(settings, prepare(model), request));
    }

    /** Sends one request and returns its raw events; closing the stream cancels the call. */
    public <T> Stream<ProviderEvent> raw(ChatRequest request, ResponseModel<T> model) {
        CallPlan<T> plan = new CallPlan<>(settings, prepare(model), request);
        var providerRequest = plan.providerRequest(request.messages());
        plan.listener.onRequest(providerRequest, 1);
        ProviderStream events;
        try {
            events = settings.provider().stream(providerRequest);
        } catch (RuntimeException | Error e) {
            // An Error too (a provider class that failed to initialize): the listeners heard of the request.
            plan.listener.onError(e);
            throw e;
        }
        RawEvents told = new RawEvents(events, plan.listener);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(told, Spliterator.ORDERED), false)
                .onClose(told::close);
    }

    /**
     * The events of a raw call, told to the listeners as a structured call's are: each event, its usage, and one end
     * (completed, failed, or closed before the end), so that a listener that pairs every request with its end (an
     * in-flight gauge, a per-call tally) is not left waiting.
     */
    private static final class RawEvents implements Iterator<ProviderEvent> {
        private final ProviderStream events;
        private final InstructorListener listener;
        /** Guarded by this, as every listener call is: close() may come from another thread than the reader's. */
        private boolean ended;

        private Usage usage = Usage.ZERO;

        RawEvents(ProviderStream events, InstructorListener listener) {
            this.events = events;
            this.listener = listener;
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = events.hasNext(); // blocks, so outside the lock
            } catch (RuntimeException e) {
                end(e);
                throw e;
            }
            if (!more) {
                end(null);
            }
            return more;
        }

        @Override
        public ProviderEvent next() {
            ProviderEvent event = events.next();
            synchronized (this) {
                if (!ended) {
                    listener.onProviderEvent(event, 1);
                    if (event instanceof ProviderEvent.Usage reported) {
                        usage = new Usage(reported.inputTokens(), reported.outputTokens(), reported.totalTokens());
                        listener.onUsage(usage, 1);
                    }
                }
            }
            return event;
        }

        void close() {
            events.close();
            end(new CancellationException("the stream was closed before the call ended"));
        }

        /** Tells the listeners how the call ended, once: completed with {@code failure} null, or failed. */
        private synchronized void end(RuntimeException failure) {
            if (ended) {
                return;
            }
            ended = true;
            if (failure == null) {
                listener.onComplete(null, usage);
            } else {
                listener.onError(failure);
            }
        }
    }
}
