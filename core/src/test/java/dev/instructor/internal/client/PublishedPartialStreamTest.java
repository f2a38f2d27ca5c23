package dev.instructor.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.InstructorListener;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.internal.client.BlockingPartialStreamTest.Idea;
import dev.instructor.internal.client.BlockingPartialStreamTest.ManualProvider;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A provider whose user gave it an executor: what it delivered while the stream started, and a throttled partial
     * shown later, are handed to that executor, not to the library's pools, so subscribers hear of them there.
     */
    @Test
    void providersExecutor_takesTheStartsHandOffAndTheThrottlesFlush() throws Exception {
        AtomicInteger count = new AtomicInteger();
        ExecutorService user = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "user-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ManualProvider provider = new ManualProvider() {
            @Override
            public Optional<Executor> callbackExecutor() {
                return Optional.of(user);
            }

            @Override
            public ProviderCall open(ProviderRequest request, ProviderListener listener) {
                ProviderCall call = super.open(request, listener);
                listener.onEvent(new ProviderEvent.TextDelta("{\"items\":[")); // before streamAsync returns
                return call;
            }
        };
        LinkedBlockingQueue<String> eventThreads = new LinkedBlockingQueue<>();
        InstructorListener threads = new InstructorListener() {
            @Override
            public void onProviderEvent(ProviderEvent event, int attempt) {
                eventThreads.add(Thread.currentThread().getName());
            }
        };
        // Real time: a fake clock advanced by this thread could pass the interval before the hand-off has shown the
        // first partial, which the interval counts from.
        ClientSettings settings = ClientSettings.of(
                provider, null, true, Duration.ofSeconds(1), false, List.of(threads), System::nanoTime);
        ChatRequest request = ChatRequest.builder().model("m").user("ideas").build();
        PublishedPartialStream<List<Idea>> stream = new PublishedPartialStream<>(
                new CallPlan<>(settings, PreparedModel.of(ResponseModel.of(new TypeRef<List<Idea>>() {})), request));
        try {
            assertThat(eventThreads.poll(5, TimeUnit.SECONDS))
                    .as("the hand-off's thread")
                    .startsWith("user-");

            LinkedBlockingQueue<String> partialThreads = new LinkedBlockingQueue<>();
            stream.subscribe(new Flow.Subscriber<List<Idea>>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(List<Idea> item) {
                    if (!item.isEmpty()) {
                        partialThreads.add(Thread.currentThread().getName());
                    }
                }

                @Override
                public void onError(Throwable throwable) {}

                @Override
                public void onComplete() {}
            });
            // Held back: the first partial was shown well within the interval, which the timer's flush then ends.
            provider.listener.onEvent(new ProviderEvent.TextDelta("{\"title\":\"A\"}"));
            assertThat(partialThreads.poll(5, TimeUnit.SECONDS))
                    .as("the flush's thread")
                    .startsWith("user-");
        } finally {
            stream.cancel();
            user.shutdownNow();
        }
    }
}
