package dev.instructor.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.client.BlockingPartialStreamTest.Idea;
import dev.instructor.internal.client.BlockingPartialStreamTest.ManualProvider;
import dev.instructor.spi.ProviderEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The reactive stream's hand-offs when no thread can be had for them. */
class PublishedPartialStreamTest {

    @Test
    void throttledPartial_whoseFlushCannotStartAThread_isStillShown() throws Exception {
        Duration interval = Duration.ofMillis(20);
        AtomicLong clock = new AtomicLong();
        ManualProvider provider = new ManualProvider();
        CountDownLatch flushRefused = new CountDownLatch(1);
        PublishedPartialStream<List<Idea>> stream = new PublishedPartialStream<>(
                new BlockingPartialStreamTest().plan(provider, interval, clock::get), task -> {
                    flushRefused.countDown();
                    throw new OutOfMemoryError("unable to create native thread");
                });
        LinkedBlockingQueue<List<Idea>> partials = new LinkedBlockingQueue<>();
        stream.subscribe(new Flow.Subscriber<List<Idea>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Idea> item) {
                partials.add(item);
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        });

        provider.listener.onEvent(new ProviderEvent.TextDelta("{\"items\":["));
        assertThat(partials.poll(5, TimeUnit.SECONDS)).isEmpty();
        provider.listener.onEvent(new ProviderEvent.TextDelta("{\"title\":\"A\"}")); // held: the interval is not over
        clock.addAndGet(interval.toNanos());

        assertThat(flushRefused.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(partials.poll(5, TimeUnit.SECONDS))
                .as("the held partial, shown though no worker could be started for its flush")
                .containsExactly(new Idea("A"));
        stream.cancel();
    }
}
