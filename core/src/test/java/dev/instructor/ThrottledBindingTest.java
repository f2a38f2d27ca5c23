package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A throttled stream ({@code partialInterval}) binds a partial only when it may show one, or when an item completed
 * (items are handed out as they complete): a chunk held back is not bound, so a long {@code String} being written is
 * not copied for partials nobody sees.
 */
class ThrottledBindingTest {
    /** Counts its instances: one per partial bound, and the final value's. */
    record Essay(String title, String body) {
        static final AtomicInteger MADE = new AtomicInteger();

        Essay {
            MADE.incrementAndGet();
        }
    }

    static final String JSON = "{\"title\": \"On tea\", \"body\": \"" + "steep it, then wait. ".repeat(150) + "\"}";

    @Test
    void chunksHeldBack_areNotBound() {
        Essay.MADE.set(0);
        List<Essay> shown = stream(Duration.ofHours(1));
        int throttled = Essay.MADE.get();

        Essay.MADE.set(0);
        List<Essay> all = stream(Duration.ZERO);
        int unthrottled = Essay.MADE.get();

        assertThat(all).hasSizeGreaterThan(900);
        assertThat(unthrottled).isGreaterThan(900);
        // The first partial passes, the rest of the hour is held back; the final value is Jackson's.
        assertThat(shown).hasSizeLessThan(5);
        assertThat(throttled).isLessThan(10);
        assertThat(shown.get(shown.size() - 1)).isEqualTo(all.get(all.size() - 1));
    }

    @Test
    void theHeldBackPartial_isBoundWhenTheIntervalEnds() {
        // The JSON arrives within ~100 ms and the stream ends 800 ms later: the partial held back is bound and shown
        // when its interval ends, with the whole text, before the final value.
        ScriptedProvider provider = new ScriptedProvider().heldAnswer(JSON, 40, 1, 800);
        Instructor client = Instructor.builder()
                .provider(provider)
                .partialInterval(Duration.ofMillis(300))
                .build();
        List<PartialUpdate<Essay>> updates = new ArrayList<>();
        try (PartialStream<Essay> stream = client.responses().stream(request(), Essay.class)) {
            stream.updates().forEach(updates::add);
        }

        assertThat(updates).hasSizeGreaterThanOrEqualTo(3);
        PartialUpdate<Essay> beforeFinal = updates.get(updates.size() - 2);
        assertThat(beforeFinal.isFinal()).isFalse();
        assertThat(beforeFinal.value())
                .isEqualTo(updates.get(updates.size() - 1).value());
    }

    /**
     * Sleeps for 2.5 s, once per {@link #arm}, in the first partial with most of its body that is bound off the
     * provider's thread: the throttle's flush of the partial held back.
     */
    record Slow(String title, String body) {
        static volatile CountDownLatch stuck;
        static final AtomicBoolean ARMED = new AtomicBoolean();

        static void arm(int streams) {
            stuck = new CountDownLatch(streams);
            ARMED.set(true);
        }

        Slow {
            if (body != null
                    && body.length() > 2000
                    && ARMED.get()
                    && !Thread.currentThread().getName().startsWith("scripted-provider")) {
                CountDownLatch latch = stuck;
                latch.countDown();
                if (latch.getCount() == 0) {
                    ARMED.set(false);
                }
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void async_slowConstructorsInSomeStreamsDoNotDelayAnotherStreamsFlush(int slowStreams) throws Exception {
        // Streams A: each one's held-back partial is bound when its one-second interval ends, and its constructor then
        // sleeps for 2.5 s (more streams than a small fixed pool would have workers).
        Slow.arm(slowStreams);
        List<AsyncPartialStream<Slow>> slow = new ArrayList<>();
        for (int i = 0; i < slowStreams; i++) {
            Instructor slowClient = Instructor.builder()
                    .provider(new ScriptedProvider().heldAnswer(JSON, 40, 1, 4000))
                    // Longer than the text takes to arrive, so the partial of all of it is bound by the flush.
                    .partialInterval(Duration.ofMillis(1000))
                    .build();
            slow.add(slowClient.responses().streamAsync(request(), Slow.class));
        }
        assertThat(Slow.stuck.await(10, TimeUnit.SECONDS)).isTrue();

        // Meanwhile stream B delivers its text within ~100 ms, holds the partial of it back for its 300 ms interval,
        // and ends 1.5 s later: the partial must be shown when its interval ends, not when A's constructor returns.
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().heldAnswer(JSON, 40, 1, 1500))
                .partialInterval(Duration.ofMillis(300))
                .build();
        AsyncPartialStream<Essay> stream = client.responses().streamAsync(request(), Essay.class);
        List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {nanoTime, body length, 1 if final}
        CountDownLatch done = new CountDownLatch(1);
        stream.updates().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(PartialUpdate<Essay> update) {
                String body = update.value().body();
                arrivals.add(
                        new long[] {System.nanoTime(), body == null ? 0 : body.length(), update.isFinal() ? 1 : 0});
            }

            @Override
            public void onError(Throwable error) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        long[] last = arrivals.get(arrivals.size() - 1);
        assertThat(last[2]).isEqualTo(1);
        assertThat(arrivals)
                .as("a partial with all but the last chunk, shown well before the final value")
                .anySatisfy(update -> {
                    assertThat(update[2]).isZero();
                    assertThat(update[1]).isGreaterThan(3000);
                    assertThat(last[0] - update[0]).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
                });
        for (AsyncPartialStream<Slow> each : slow) {
            assertThat(each.finalResponse().get(10, TimeUnit.SECONDS).body()).hasSize((int) last[1]);
        }
    }

    /** Throws an Error (after a pause, so that the provider's last deltas queue up) from the first flush that binds it. */
    record Breaking(String body, @Size(max = 5) String title) {
        static final AtomicBoolean THROWN = new AtomicBoolean();

        Breaking {
            if (Thread.currentThread().getName().startsWith("instructor-flush") && !THROWN.getAndSet(true)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BreakingError();
            }
        }
    }

    static final class BreakingError extends Error {}

    @Test
    void async_anErrorInAFlush_endsTheRun_soTheDeltasQueuedBehindItStartNoReAsk() throws Exception {
        // The body arrives and is held back; the flush that binds it throws after the title, which breaks its
        // @Size(max = 5) and would make a live run re-ask, has been delivered and queued behind the flush.
        Breaking.THROWN.set(false);
        String json = "{\"body\": \"" + "words ".repeat(40) + "\", \"title\": \"far too long a title\"}";
        ScriptedProvider provider =
                new ScriptedProvider().slowAnswer(json, 8, 10).answer(json);
        Instructor client = Instructor.builder()
                .provider(provider)
                .partialInterval(Duration.ofMillis(100))
                .build();
        AsyncPartialStream<Breaking> stream = client.responses().streamAsync(request(), Breaking.class);

        assertThatThrownBy(() -> stream.finalResponse().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BreakingError.class);
        Thread.sleep(1000); // time for the queued deltas and the end of the call to run
        assertThat(Breaking.THROWN).isTrue();
        assertThat(provider.requests).hasSize(1);
    }

    private static List<Essay> stream(Duration interval) {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(JSON, 3, 1, 1))
                .partialInterval(interval)
                .build();
        List<Essay> shown = new ArrayList<>();
        try (PartialStream<Essay> stream = client.responses().stream(request(), Essay.class)) {
            stream.forEach(shown::add);
        }
        return shown;
    }

    private static ChatRequest request() {
        return ChatRequest.builder().model("test-model").user("An essay").build();
    }
}
