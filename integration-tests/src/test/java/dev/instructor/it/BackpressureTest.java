package dev.instructor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.PartialUpdate;
import dev.instructor.it.SeedModels.Idea;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow subscriber over a fast stream of 10,000 chunks: partials are conflated (it receives the latest when it
 * asks, far fewer than were produced, never more than it requested), list elements are all delivered, and the final
 * value arrives.
 */
class BackpressureTest {
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_JSON_SCHEMA;

    @RegisterExtension
    final ProviderServer server = ProviderServer.of(SETUP);

    /** Requests one item at a time from its own thread, every few milliseconds: slower than the stream. */
    static final class SlowSubscriber<X> implements Flow.Subscriber<X> {
        final List<X> received = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger outstanding = new AtomicInteger();
        volatile int maxOutstandingExceeded;
        volatile Throwable error;
        private final long pauseMillis;
        private Thread requester;

        SlowSubscriber(long pauseMillis) {
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            requester = new Thread(() -> {
                while (done.getCount() > 0) {
                    if (outstanding.get() == 0) {
                        outstanding.incrementAndGet();
                        subscription.request(1);
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            requester.setDaemon(true);
            requester.start();
        }

        @Override
        public void onNext(X item) {
            if (outstanding.decrementAndGet() < 0) {
                maxOutstandingExceeded++;
            }
            received.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    @Test
    void slowSubscriber_getsConflatedPartialsEveryElementAndTheFinal() throws Exception {
        List<Idea> ideas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ideas.add(new Idea("Idea " + i, "A blurb for idea number " + i + " that is long enough"));
        }
        String json = SeedModels.answer(ideas);
        int deltaSize = Math.max(1, json.length() / 10_000);
        int chunks = (json.length() + deltaSize - 1) / deltaSize;
        assertThat(chunks).isGreaterThanOrEqualTo(10_000);
        server.enqueue(SETUP.response(json, "ListOfIdea", "call_1", deltaSize).pieceSize(16 * 1024));
        AtomicInteger produced = new AtomicInteger();
        Instructor client = server.client(new InstructorListener() {
            @Override
            public void onPartial(PartialUpdate<?> update) {
                produced.incrementAndGet();
            }
        });

        AsyncPartialStream<List<Idea>> stream = client.responses()
                .streamAsync(SETUP.request("Generate 300 ideas").build(), SeedModels.IDEAS);
        SlowSubscriber<List<Idea>> partials = new SlowSubscriber<>(5);
        SlowSubscriber<Idea> elements = new SlowSubscriber<>(1);
        stream.subscribe(partials);
        stream.elements(Idea.class).subscribe(elements);

        assertThat(stream.finalResponse().get(30, TimeUnit.SECONDS)).isEqualTo(ideas);
        assertThat(partials.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(elements.done.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(partials.error).isNull();
        assertThat(partials.maxOutstandingExceeded).as("items beyond demand").isZero();
        assertThat(partials.received).last().isEqualTo(ideas);
        assertThat(produced.get()).isGreaterThan(5_000);
        // Conflation: the subscriber saw a small sample of what was produced, each newer than the one before.
        assertThat(partials.received.size()).isLessThan(produced.get() / 10);
        for (int i = 1; i < partials.received.size(); i++) {
            assertThat(partials.received.get(i).size())
                    .isGreaterThanOrEqualTo(partials.received.get(i - 1).size());
        }
        assertThat(elements.error).isNull();
        assertThat(elements.maxOutstandingExceeded).isZero();
        assertThat(elements.received).isEqualTo(ideas);
    }
}
