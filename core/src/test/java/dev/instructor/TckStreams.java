package dev.instructor;

import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.LongFunction;
import org.reactivestreams.tck.TestEnvironment;

/**
 * Real streams for the Reactive Streams TCK: each one is a streaming call to {@link Generated}, a provider that
 * plays its answer on a thread of its own, event by event, as a provider's HTTP callbacks do.
 */
final class TckStreams {
    /** Generous for a loaded 2-core machine: a signal may wait this long; "no signal" is watched this long. */
    static final long TIMEOUT_MILLIS = 2_000;

    static final long NO_SIGNAL_MILLIS = 50;
    static final long GC_MILLIS = 500; // rule 3.13: how long a cancelled subscriber may stay referenced

    private TckStreams() {}

    static TestEnvironment environment() {
        return new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNAL_MILLIS, NO_SIGNAL_MILLIS);
    }

    static ChatRequest request() {
        return ChatRequest.builder().model("test-model").user("count").build();
    }

    /**
     * Returns a stream whose answer is the list {@code [0, 1, ..., n-1]}, written lazily one item per event, so that
     * even {@code Integer.MAX_VALUE} items cost only what is read before the subscriber cancels.
     */
    static AsyncPartialStream<List<Integer>> list(long n) {
        LongFunction<String> text = i -> {
            if (i == 0) {
                return "{\"items\":[";
            }
            if (i == n + 1) {
                return "]}";
            }
            return (i == 1 ? "" : ",") + (i - 1);
        };
        Generated provider = new Generated(n + 2, text, null, null, 0);
        return Instructor.from(provider).responses().streamAsync(request(), new TypeRef<List<Integer>>() {});
    }

    /** Returns a stream whose provider fails with an HTTP 401, which no policy retries. */
    static <T> AsyncPartialStream<T> failing(TypeRef<T> type) {
        ProviderHttpException failure = new ProviderHttpException("tck", 401, "auth", "no key", 1);
        Generated provider = new Generated(0, i -> "", failure, null, 0);
        return Instructor.from(provider).responses().streamAsync(request(), type);
    }

    /** A line of text: the model of the partials publisher's streams. */
    record Line(String text) {}

    /**
     * Returns a stream of {@link Line}s with {@code partials} partials ({@code >= 1}), the model paced by
     * {@code pacing}: the first event opens the object and the string (partial 1, an empty line), each of the next
     * {@code partials - 1} adds a character (one new partial each), and the last closes both, which binds the final
     * value, equal to the last partial. Event {@code i} waits for the turn of item {@code i + 1}; the closing one
     * waits only when {@code closingTakesATurn}: for the updates, where the final is an item of its own, which must
     * not conflate the last partial away.
     */
    static AsyncPartialStream<Line> lines(long partials, Pacing pacing, boolean closingTakesATurn) {
        LongFunction<String> text = i -> i == 0 ? "{\"text\":\"" : i == partials ? "\"}" : "x";
        long paced = closingTakesATurn ? partials + 1 : partials;
        Generated provider = new Generated(partials + 1, text, null, pacing, paced);
        return Instructor.from(provider).responses().streamAsync(request(), Line.class);
    }

    /**
     * Lets the provider write partial {@code k} only once a subscriber has received partial {@code k - 1} and asked
     * for partial {@code k}; other subscribers see the latest partial when they ask, as any slow subscriber does. The partials publisher conflates: a subscriber is sent the latest partial when it
     * asks, and those it was too slow for are skipped, so how many it gets depends on how fast the model writes. The
     * TCK asks for exactly {@code n}; pacing the model (not the publisher) by demand gives each partial a subscriber
     * that wants it. {@link #wrap} observes requests and deliveries on the way and passes every signal on unchanged,
     * on the thread that made it.
     */
    static final class Pacing {
        private final List<Paced<?>> subscribers = new ArrayList<>(); // guarded by this
        private boolean closed;

        /** Returns a publisher that subscribes to {@code source} through a {@link Paced} observer. */
        <X> Flow.Publisher<X> wrap(Flow.Publisher<X> source) {
            return subscriber -> source.subscribe(subscriber == null ? null : new Paced<>(this, subscriber));
        }

        /** Waits until partial {@code k} (counting from 1) has a taker; false when the call was cancelled. */
        synchronized boolean awaitTurn(long k) throws InterruptedException {
            while (!closed && !ready(k)) {
                wait();
            }
            return !closed;
        }

        /** Whether some subscriber has received item {@code k - 1} and asked for item {@code k}. */
        private boolean ready(long k) {
            for (Paced<?> paced : subscribers) {
                if (paced.requested >= k && paced.delivered >= k - 1) {
                    return true;
                }
            }
            return false;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized void add(Paced<?> paced) {
            subscribers.add(paced);
            notifyAll();
        }

        synchronized void remove(Paced<?> paced) {
            subscribers.remove(paced); // and the subscriber with it: rule 3.13 is checked on the stream, not here
            notifyAll();
        }

        synchronized void requested(Paced<?> paced, long n) {
            if (n > 0) {
                paced.requested = paced.requested + n < 0 ? Long.MAX_VALUE : paced.requested + n;
                notifyAll();
            }
        }

        synchronized void delivered(Paced<?> paced) {
            paced.delivered++;
            notifyAll();
        }
    }

    /** Passes every signal on, in both directions, telling {@link Pacing} of requests and deliveries. */
    private static final class Paced<X> implements Flow.Subscriber<X>, Flow.Subscription {
        private final Pacing pacing;
        private final Flow.Subscriber<? super X> downstream;
        private volatile Flow.Subscription upstream;
        long requested; // guarded by pacing
        long delivered; // guarded by pacing

        Paced(Pacing pacing, Flow.Subscriber<? super X> downstream) {
            this.pacing = pacing;
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            pacing.add(this);
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(X item) {
            downstream.onNext(item);
            pacing.delivered(this);
        }

        @Override
        public void onError(Throwable error) {
            pacing.remove(this);
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            pacing.remove(this);
            downstream.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
            pacing.requested(this, n);
        }

        @Override
        public void cancel() {
            pacing.remove(this);
            upstream.cancel();
        }
    }

    /**
     * A provider whose one call writes {@code count} text deltas made by {@code text}, then usage and the finish
     * reason, then completes, or fails with {@code failure}; with {@code pacing}, each of the first {@code paced}
     * deltas, {@code i} from 0, waits for the turn of item {@code i + 1}.
     */
    static final class Generated implements LlmProvider {
        /** Events written at once; later ones a millisecond apart. More than any TCK test but the huge one reads. */
        private static final long RUNAWAY = 64;

        private final long count;
        private final LongFunction<String> text;
        private final ProviderException failure;
        private final Pacing pacing;
        private final long paced;

        Generated(long count, LongFunction<String> text, ProviderException failure, Pacing pacing, long paced) {
            this.count = count;
            this.text = text;
            this.failure = failure;
            this.pacing = pacing;
            this.paced = paced;
        }

        @Override
        public String name() {
            return "tck";
        }

        @Override
        public Set<Mode> modes() {
            return EnumSet.allOf(Mode.class);
        }

        @Override
        public Mode defaultMode() {
            return Mode.JSON_SCHEMA;
        }

        @Override
        public SchemaDialect dialect(Mode mode) {
            return SchemaDialect.PLAIN;
        }

        @Override
        public ProviderCall open(ProviderRequest request, ProviderListener listener) {
            Call call = new Call();
            Thread thread = new Thread(() -> play(call, listener), "tck-provider");
            thread.setDaemon(true);
            thread.start();
            return call;
        }

        private void play(Call call, ProviderListener listener) {
            try {
                for (long i = 0; i < count; i++) {
                    if (pacing != null && i < paced && !pacing.awaitTurn(i + 1)) {
                        return;
                    }
                    if (i > RUNAWAY) {
                        // A model writes at a finite speed; one that never paused would keep the thread that opened
                        // the stream running its events (the stream's serial driver runs them on whichever thread
                        // is already at it), and fill the heap before a subscriber of a huge list could cancel.
                        Thread.sleep(1);
                    }
                    if (!call.deliver(listener, new ProviderEvent.TextDelta(text.apply(i)))) {
                        return;
                    }
                }
                List<ProviderEvent> end = new ArrayList<>();
                end.add(new ProviderEvent.Usage(1, 1, 2));
                end.add(new ProviderEvent.Finish("stop"));
                for (ProviderEvent event : end) {
                    if (failure == null && !call.deliver(listener, event)) {
                        return;
                    }
                }
                call.end(listener, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One call: cancel stops it between events, as {@link ProviderCall} promises. */
        private final class Call implements ProviderCall {
            private boolean done; // guarded by this

            synchronized boolean deliver(ProviderListener listener, ProviderEvent event) {
                if (!done) {
                    listener.onEvent(event);
                }
                return !done;
            }

            synchronized void end(ProviderListener listener, ProviderException failure) {
                if (done) {
                    return;
                }
                done = true;
                if (failure == null) {
                    listener.onComplete();
                } else {
                    listener.onFailure(failure);
                }
            }

            @Override
            public void cancel() {
                synchronized (this) {
                    done = true;
                }
                if (pacing != null) {
                    pacing.close();
                }
            }

            @Override
            public synchronized boolean isDone() {
                return done;
            }
        }
    }
}
