package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ResponsesStreamTest.Idea;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AsyncResponsesTest {
    static final String GOOD = ResponsesStreamTest.GOOD;
    static final List<Idea> EXPECTED = ResponsesStreamTest.EXPECTED;

    /** Records every signal; requests as told. */
    static class Recorder<X> implements Flow.Subscriber<X> {
        final List<X> items = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        final long initial;
        volatile Flow.Subscription subscription;
        volatile Throwable error;
        volatile boolean completed;
        volatile int signalsAfterEnd;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (initial > 0) {
                subscription.request(initial);
            }
        }

        @Override
        public void onNext(X item) {
            if (done.getCount() == 0) {
                signalsAfterEnd++;
            }
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            done.countDown();
        }

        void await() throws InterruptedException {
            assertThat(done.await(5, TimeUnit.SECONDS)).as("terminated").isTrue();
        }
    }

    /** Starts the seed's request for ideas against {@code provider}. */
    private static AsyncPartialStream<List<Idea>> streamIdeas(ScriptedProvider provider) {
        return Instructor.from(provider)
                .responses()
                .streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
    }

    @Test
    void streamAsync_publishesPartialsAndTheFinal() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);

        recorder.await();
        assertThat(recorder.completed).isTrue();
        assertThat(recorder.items).last().isEqualTo(EXPECTED);
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        assertThat(stream.usage()).isEqualTo(new Usage(10, 20, 30));
    }

    /** Not an exception a partial's binding may skip: a JVM-level failure out of the caller's own constructor. */
    static final class Boom extends Error {
        Boom() {
            super("boom");
        }
    }

    record Fragile(String title, String body) {
        Fragile {
            if (body != null && body.length() > 3) {
                throw new Boom();
            }
        }
    }

    @Test
    void streamAsync_anErrorFromTheCallersConstructor_failsTheStream() throws Exception {
        Instructor client = Instructor.from(
                new ScriptedProvider().answer("{\"title\": \"t\", \"body\": \"long enough\"}", 2, 1, 1));
        AsyncPartialStream<Fragile> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), Fragile.class);

        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(Boom.class);
        Recorder<Fragile> late = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(late);
        late.await();
        assertThat(late.error).isInstanceOf(Boom.class);
    }

    @Test
    void cancelAfterTheErrorOfABadRequest_isANoOp_theStreamGoesOn() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 2, 5));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> other = new Recorder<>(Long.MAX_VALUE); // keeps the stream from being cancelled
        stream.subscribe(other);
        CountDownLatch errored = new CountDownLatch(1);
        stream.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(0);
            }

            @Override
            public void onNext(List<Idea> item) {}

            @Override
            public void onError(Throwable throwable) {
                subscription.cancel(); // as many subscribers clean up; the subscription has ended already
                errored.countDown();
            }

            @Override
            public void onComplete() {}
        });

        assertThat(errored.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
    }

    /** A provider whose calls never answer and are {@code call}: a third party's, with its bugs. */
    static LlmProvider silent(ProviderCall call) {
        return new LlmProvider() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public Set<Mode> modes() {
                return Set.of(Mode.TOOLS);
            }

            @Override
            public Mode defaultMode() {
                return Mode.TOOLS;
            }

            @Override
            public SchemaDialect dialect(Mode mode) {
                return SchemaDialect.PLAIN;
            }

            @Override
            public ProviderCall open(ProviderRequest request, ProviderListener listener) {
                return call;
            }
        };
    }

    @Test
    void cancel_aProviderCallWhoseCancelThrows_theStreamEndsAllTheSame() throws Exception {
        LlmProvider silent = silent(new ProviderCall() {
            @Override
            public void cancel() {
                throw new IllegalStateException("a provider's bug");
            }

            @Override
            public boolean isDone() {
                return false;
            }
        });
        AsyncPartialStream<List<Idea>> stream = Instructor.from(silent)
                .responses()
                .streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);

        stream.cancel();

        recorder.await();
        assertThat(recorder.error).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void cancelOrClose_aProviderCallWhoseIsDoneThrows_theStreamEndsAllTheSame() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        LlmProvider silent = silent(new ProviderCall() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                throw new UnsupportedOperationException("a provider's bug");
            }
        });
        AsyncPartialStream<List<Idea>> stream = Instructor.from(silent)
                .responses()
                .streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        assertThatCode(stream::cancel).doesNotThrowAnyException();
        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
        assertThat(cancelled)
                .as("the call was cancelled, not knowing whether it had ended")
                .isTrue();

        cancelled.set(false);
        List<Throwable> told = new CopyOnWriteArrayList<>();
        Instructor client = Instructor.builder()
                .provider(silent)
                .listener(new InstructorListener() {
                    @Override
                    public void onError(Throwable error) {
                        told.add(error);
                    }
                })
                .build();
        PartialStream<List<Idea>> blocking =
                client.responses().stream(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        assertThatCode(blocking::close).doesNotThrowAnyException();
        assertThat(told).singleElement().isInstanceOf(CancellationException.class);
        assertThat(cancelled).isTrue();
    }

    /** An equals written for nothing but identity, which throws when asked about another instance. */
    record Touchy(String name) {
        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            throw new IllegalStateException("compared");
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void streamAsync_anEqualsThatThrows_countsAsDifferentAndTheFinalIsSent() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer("{\"name\": \"abc\"}", 2, 1, 1));
        AsyncPartialStream<Touchy> stream = client.responses().streamAsync(ResponsesStreamTest.request(), Touchy.class);
        Recorder<Touchy> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);

        recorder.await();
        assertThat(recorder.error).isNull();
        assertThat(recorder.completed).isTrue();
        assertThat(recorder.items).last().extracting(Touchy::name).isEqualTo("abc");
    }

    /**
     * A listener's VirtualMachineError is not swallowed, so it fails the stream; thrown while the final value is shown,
     * it must still end the stream rather than leave the future and the subscribers waiting forever.
     */
    @Test
    void streamAsync_aListenerOverflowingOnTheFinalValue_stillEndsTheStream() throws Exception {
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        if (update.isFinal()) {
                            throw new StackOverflowError("a listener recursed too deep");
                        }
                    }
                })
                .build();
        AsyncPartialStream<List<Idea>> stream = Instructor.from(new ScriptedProvider().answer(GOOD))
                .responses()
                .streamAsync(request, ResponsesStreamTest.IDEAS);

        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StackOverflowError.class);
        Recorder<List<Idea>> late = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(late);
        late.await();
        assertThat(late.error).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void streamAsync_aListenerOverflowingOnTheError_stillEndsTheStream() throws Exception {
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onError(Throwable error) {
                        throw new StackOverflowError("a listener recursed too deep");
                    }
                })
                .build();
        AsyncPartialStream<List<Idea>> stream = Instructor.from(new ScriptedProvider().truncated("{\"items\":["))
                .responses()
                .streamAsync(request, ResponsesStreamTest.IDEAS);

        // The outcome was decided before the listener was told of it: the listener's Error does not replace it.
        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(dev.instructor.spi.TruncatedException.class);
    }

    @Test
    void streamAsync_aListenerOverflowingOnAPartialAndOnTheError_stillEndsTheSubscriptions() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        try {
                            subscribed.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new StackOverflowError("a listener recursed too deep");
                    }

                    @Override
                    public void onError(Throwable error) {
                        throw new StackOverflowError("and again");
                    }
                })
                .build();
        AsyncPartialStream<List<Idea>> stream = Instructor.from(new ScriptedProvider().answer(GOOD))
                .responses()
                .streamAsync(request, ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);
        subscribed.countDown();

        recorder.await();
        assertThat(recorder.error).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void streamAsync_aListenerOverflowingOnAPartialAndOnTheError_stillAbortsTheCall() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        throw new StackOverflowError("a listener recursed too deep");
                    }

                    @Override
                    public void onError(Throwable error) {
                        throw new StackOverflowError("and again");
                    }
                })
                .build();
        AsyncPartialStream<List<Idea>> stream =
                Instructor.from(provider).responses().streamAsync(request, ResponsesStreamTest.IDEAS);

        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StackOverflowError.class);
        assertThat(provider.calls.get(0).cancelled).isTrue();
    }

    @Test
    void streamAsync_throttledForAnHour_isNotHeldByItsTimerOnceEnded() throws Exception {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(GOOD))
                .partialInterval(Duration.ofHours(1))
                .build();
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        java.lang.ref.WeakReference<Object> ended = new java.lang.ref.WeakReference<>(stream);
        stream = null;

        // The flush of a partial held back must not keep a stream that has ended, with all it holds, for an hour.
        assertCollected(ended);
    }

    @Test
    void streamAsync_throttledForAnHour_isNotHeldByAnEarlierAttemptsTimerOnceEnded() throws Exception {
        // The first attempt holds a partial back and is re-asked; the second holds one back again, which schedules a
        // second flush while the first is still pending.
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider()
                        .answer(ResponsesStreamTest.TOO_LONG)
                        .answer(GOOD))
                .partialInterval(Duration.ofHours(1))
                .build();
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        assertThat(stream.usagePerAttempt()).as("attempts").hasSize(2);
        java.lang.ref.WeakReference<Object> ended = new java.lang.ref.WeakReference<>(stream);
        stream = null;

        assertCollected(ended);
    }

    /** Collects garbage until {@code ended} is cleared, for about a second at most, and asserts that it was. */
    private static void assertCollected(java.lang.ref.WeakReference<Object> ended) throws InterruptedException {
        for (int i = 0; i < 50 && ended.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ended.get()).as("the ended stream, after GC").isNull();
    }

    @Test
    void streamAsync_theLastSubscriberThrowing_cancelsTheStreamWithWhatItThrew() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 4, 2));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        IllegalStateException bug = new IllegalStateException("a bug in onNext");
        stream.elements(Idea.class).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Idea item) {
                throw bug;
            }

            @Override
            public void onError(Throwable error) {}

            @Override
            public void onComplete() {}
        });

        // Dropping the only subscriber cancels the call (§2.13 with §3.12): the caller must be able to tell why.
        // The future's own failure: get() on newer Java (25 here) throws a new CancellationException around it.
        Throwable failure =
                stream.finalResponse().handle((value, error) -> error).get(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(CancellationException.class).cause().isSameAs(bug);
    }

    @Test
    void streamAsync_aSubscriberThatThrowsAnError_isDroppedAndTheOthersGoOn() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 4, 2));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> other = new Recorder<>(Long.MAX_VALUE); // keeps the stream from being cancelled
        stream.subscribe(other);
        List<List<Idea>> seen = new CopyOnWriteArrayList<>();
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Idea> item) {
                seen.add(item);
                throw new Boom();
            }

            @Override
            public void onError(Throwable error) {}

            @Override
            public void onComplete() {}
        });

        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        other.await();
        assertThat(other.completed).isTrue();
        assertThat(other.items).last().isEqualTo(EXPECTED);
        assertThat(seen).hasSize(1);
    }

    @Test
    void streamAsync_slowSubscriberGetsTheLatestPartialAndTheFinal() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 1, 1, 1));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        stream.finalResponse().get(5, TimeUnit.SECONDS); // every partial has come and gone
        Recorder<List<Idea>> recorder = new Recorder<>(0);
        stream.subscribe(recorder);
        recorder.subscription.request(1);

        recorder.await();
        assertThat(recorder.items).containsExactly(EXPECTED);
        assertThat(recorder.completed).isTrue();
    }

    @Test
    void streamAsync_nonPositiveRequestSignalsError() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 1, 2));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> recorder = new Recorder<>(0);
        stream.subscribe(recorder);
        recorder.subscription.request(0);

        recorder.await();
        assertThat(recorder.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        stream.cancel();
    }

    /**
     * Rule 1.6: a subscription ended by onError counts as cancelled, so a bad request of the last subscriber aborts
     * the call as its cancel would, rather than leave the model generating (and billing) for no one.
     */
    @Test
    void aNonPositiveRequestOfTheLastSubscriber_abortsTheCall() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        var result = stream.finalResponse();
        Recorder<List<Idea>> recorder = new Recorder<>(1);
        stream.subscribe(recorder);
        assertThat(result).as("still running").isNotDone();
        recorder.subscription.request(0);

        recorder.await();
        assertThat(recorder.error).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        ScriptedProvider.Played call = provider.calls.get(0);
        assertThat(call.cancelled).isTrue();
        assertThat(call.delivered.get()).isLessThan(call.total);
    }

    @Test
    void cancel_abortsTheCallAndFailsTheFuture() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        Recorder<List<Idea>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);
        Thread.sleep(30);
        stream.cancel();

        recorder.await();
        assertThat(recorder.error).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> stream.finalResponse().join()).isInstanceOf(CancellationException.class);
        ScriptedProvider.Played call = provider.calls.get(0);
        assertThat(call.cancelled).isTrue();
        assertThat(call.delivered.get()).isLessThan(call.total);
    }

    @Test
    void cancellingTheLastSubscriptionAbortsTheCall() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        Recorder<List<Idea>> recorder = new Recorder<>(1);
        stream.subscribe(recorder);
        recorder.subscription.cancel();

        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
        assertThat(provider.calls.get(0).cancelled).isTrue();
    }

    /** Rules 1.9 and 2.13: subscribe returns normally when onSubscribe throws, and that subscription is cancelled. */
    @Test
    void aSubscriberWhoseOnSubscribeThrows_isCancelledAndSubscribeReturns() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 4, 2));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> other = new Recorder<>(Long.MAX_VALUE); // keeps the stream from being cancelled
        stream.subscribe(other);
        Recorder<List<Idea>> thrower = new Recorder<>(0) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                throw new IllegalStateException("broken subscriber");
            }
        };

        assertThatCode(() -> stream.subscribe(thrower)).doesNotThrowAnyException();
        thrower.subscription.request(Long.MAX_VALUE); // a no-op: it is cancelled (rule 3.6)
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        other.await();
        assertThat(other.completed).isTrue();
        assertThat(thrower.items).isEmpty();
        assertThat(thrower.done.getCount())
                .as("no terminal signal after the cancel")
                .isEqualTo(1);
    }

    /** Rule 3.13, and "the last cancel aborts": a subscription ended inside onSubscribe must not stay listed. */
    @Test
    void aSubscriptionCancelledInOnSubscribe_isForgotten_soTheLastCancelStillAbortsTheCall() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        Recorder<List<Idea>> first = new Recorder<>(1);
        stream.subscribe(first);
        stream.subscribe(new Recorder<List<Idea>>(0) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }
        });
        stream.updates().subscribe(new Recorder<PartialUpdate<List<Idea>>>(0) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(-1); // ended at once, with onError (rule 3.9)
            }
        });
        first.subscription.cancel();

        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
        assertThat(provider.calls.get(0).cancelled).isTrue();
    }

    /** "The last cancel aborts": a subscriber still in onSubscribe counts, though it is not listed yet. */
    @Test
    void theLastListedSubscriptionCancelled_whileAnotherIsSubscribing_doesNotCancelTheStream() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        var result = stream.finalResponse();
        Recorder<List<Idea>> first = new Recorder<>(1);
        stream.subscribe(first);
        CountDownLatch subscribing = new CountDownLatch(1);
        CountDownLatch firstCancelled = new CountDownLatch(1);
        Recorder<List<Idea>> second = new Recorder<>(Long.MAX_VALUE) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscribing.countDown();
                try {
                    firstCancelled.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onSubscribe(subscription);
            }
        };
        Thread subscriber = new Thread(() -> stream.subscribe(second));
        subscriber.start();
        assertThat(subscribing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result).as("still running").isNotDone();

        first.subscription.cancel();
        firstCancelled.countDown();
        subscriber.join(5_000);

        second.await();
        assertThat(second.error).isNull();
        assertThat(second.items).last().isEqualTo(EXPECTED);
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        assertThat(provider.calls.get(0).delivered.get()).isEqualTo(provider.calls.get(0).total);
    }

    /** A subscriber that takes over from another, cancelling it in its own onSubscribe, keeps the stream going. */
    @Test
    void aSubscriberCancellingTheOnlyOtherInItsOnSubscribe_keepsTheStreamGoing() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 1, 5);
        AsyncPartialStream<List<Idea>> stream = streamIdeas(provider);
        var result = stream.finalResponse();
        Recorder<List<Idea>> first = new Recorder<>(1);
        stream.subscribe(first);
        assertThat(result).as("still running").isNotDone();
        Recorder<List<Idea>> successor = new Recorder<>(Long.MAX_VALUE) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                first.subscription.cancel();
                super.onSubscribe(subscription);
            }
        };
        stream.subscribe(successor);

        successor.await();
        assertThat(successor.error).isNull();
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
    }

    @Test
    void elements_publishesEveryItemEvenToASlowSubscriber() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 2, 1, 1));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<Idea> recorder = new Recorder<>(0);
        stream.elements(Idea.class).subscribe(recorder);
        stream.finalResponse().get(5, TimeUnit.SECONDS);
        recorder.subscription.request(1);
        Thread.sleep(20);
        assertThat(recorder.items).hasSize(1);
        recorder.subscription.request(5);

        recorder.await();
        assertThat(recorder.items).isEqualTo(EXPECTED);
        assertThat(recorder.completed).isTrue();
    }

    @Test
    void elements_handedOutBeforeAFailure_reachASlowSubscriberBeforeTheError() throws Exception {
        String firstItem = GOOD.substring(0, GOOD.indexOf("},{") + 2); // the first idea complete, then cut off
        Instructor client = Instructor.from(new ScriptedProvider().truncated(firstItem));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        assertThatThrownBy(() -> stream.finalResponse().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(dev.instructor.spi.TruncatedException.class);
        Recorder<Idea> slow = new Recorder<>(0);
        stream.elements(Idea.class).subscribe(slow);
        slow.subscription.request(5);

        slow.await();
        assertThat(slow.items).as("elements are never dropped").containsExactly(EXPECTED.get(0));
        assertThat(slow.error).isInstanceOf(dev.instructor.spi.TruncatedException.class);
    }

    @Test
    void updates_carryAttemptsAcrossAReask() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider()
                .slowAnswer(ResponsesStreamTest.TOO_LONG, 2, 1)
                .answer(GOOD));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<PartialUpdate<List<Idea>>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.updates().subscribe(recorder);

        recorder.await();
        assertThat(recorder.items).first().extracting(PartialUpdate::attempt).isEqualTo(1);
        assertThat(recorder.items).last().satisfies(u -> {
            assertThat(u.attempt()).isEqualTo(2);
            assertThat(u.isFinal()).isTrue();
            assertThat(u.value()).isEqualTo(EXPECTED);
        });
        assertThat(stream.usagePerAttempt()).hasSize(2);
    }

    @Test
    void subscribe_neverSendsTheSameValueTwiceInARow_evenAcrossAReask() throws Exception {
        // Both attempts start with the same partial: a re-ask must not send it a second time in a row.
        String rejected = "{\"name\":\"x\",\"prepTimeMinutes\":0}";
        String accepted = "{\"name\":\"x\",\"prepTimeMinutes\":7}";
        int head = "{\"name\":\"x\",\"prepTimeMinutes\":".length();
        ScriptedProvider provider =
                new ScriptedProvider().answer(rejected, head, 1, 1).answer(accepted, head, 1, 1);
        CountDownLatch subscribed = new CountDownLatch(1);
        InstructorListener waitsForTheSubscriber = new InstructorListener() {
            @Override
            public void onPartial(PartialUpdate<?> update) {
                try {
                    subscribed.await(5, TimeUnit.SECONDS); // so that the subscriber sees every partial
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .failFast(false)
                .listener(waitsForTheSubscriber)
                .build();
        AsyncPartialStream<ResponsesStreamTest.Recipe> stream =
                Instructor.from(provider).responses().streamAsync(request, ResponsesStreamTest.Recipe.class);
        Recorder<ResponsesStreamTest.Recipe> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);
        subscribed.countDown();

        recorder.await();
        assertThat(recorder.completed).isTrue();
        assertThat(provider.requests).hasSize(2);
        assertThat(recorder.items).last().isEqualTo(new ResponsesStreamTest.Recipe("x", 7));
        for (int i = 1; i < recorder.items.size(); i++) {
            assertThat(recorder.items.get(i))
                    .as("partial %d of %s", i, recorder.items)
                    .isNotEqualTo(recorder.items.get(i - 1));
        }
    }

    @Test
    void failure_reachesSubscribersAndTheFuture() {
        Instructor client = Instructor.from(new ScriptedProvider().truncated("{\"items\":["));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        assertThatThrownBy(() -> stream.finalResponse().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(dev.instructor.spi.TruncatedException.class);
        Recorder<List<Idea>> late = new Recorder<>(0);
        stream.subscribe(late);
        assertThat(late.error).isInstanceOf(dev.instructor.spi.TruncatedException.class);
    }

    @Test
    void subscriberThatThrows_isDroppedWithoutHarmingOthers() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 4, 1));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        Recorder<List<Idea>> healthy = new Recorder<>(Long.MAX_VALUE);
        Recorder<List<Idea>> broken = new Recorder<>(Long.MAX_VALUE) {
            @Override
            public void onNext(List<Idea> item) {
                super.onNext(item);
                throw new IllegalStateException("broken subscriber");
            }
        };
        stream.subscribe(healthy);
        stream.subscribe(broken);

        healthy.await();
        assertThat(healthy.completed).isTrue();
        assertThat(healthy.items).last().isEqualTo(EXPECTED);
        assertThat(broken.items).hasSize(1);
        assertThat(broken.done.getCount()).isEqualTo(1); // cancelled: no terminal signal
    }

    /** Rule 2.13: a wrapped list the model writes as {@code null} binds a partial of no value, which is not sent. */
    @Test
    void subscribe_neverSendsNull_thoughAPartialHasNoValue() throws Exception {
        ScriptedProvider provider =
                new ScriptedProvider().slowAnswer("{\"items\":null}", 100, 300).answer(GOOD);
        CountDownLatch bound = new CountDownLatch(1);
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onUsage(Usage usage, int attempt) {
                        bound.countDown(); // the event after the partial of {"items":null}: it is the latest
                    }
                })
                .build();
        AsyncPartialStream<List<Idea>> stream =
                Instructor.from(provider).responses().streamAsync(request, ResponsesStreamTest.IDEAS);
        assertThat(bound.await(5, TimeUnit.SECONDS)).isTrue();
        Recorder<List<Idea>> recorder = new Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);

        recorder.await();
        assertThat(recorder.error).isNull();
        assertThat(recorder.items).doesNotContainNull().last().isEqualTo(EXPECTED);
    }

    @Test
    void subscribe_nullIsRejected() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        assertThatThrownBy(() -> stream.subscribe(null)).isInstanceOf(NullPointerException.class);
        assertThat(stream.finalResponse().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(EXPECTED);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void streamAsync_returnsAtOnce_thoughTheProviderDeliversItsAnswerWhileTheCallStarts() throws Exception {
        CountDownLatch returned = new CountDownLatch(1);
        AtomicBoolean handledBeforeReturn = new AtomicBoolean();
        InstructorListener waitsForTheCaller = new InstructorListener() {
            @Override
            public void onPartial(PartialUpdate<?> update) {
                try {
                    if (!handledBeforeReturn.get() && !returned.await(2, TimeUnit.SECONDS)) {
                        handledBeforeReturn.set(true); // the caller's thread is the one handling the answer
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .user("ideas")
                .listener(waitsForTheCaller)
                .build();

        AsyncPartialStream<List<Idea>> stream = Instructor.from(new ScriptedProvider().inlineAnswer(GOOD))
                .responses()
                .streamAsync(request, ResponsesStreamTest.IDEAS);
        returned.countDown();

        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).isEqualTo(EXPECTED);
        assertThat(handledBeforeReturn)
                .as("a partial was handled before streamAsync returned")
                .isFalse();
    }
}
