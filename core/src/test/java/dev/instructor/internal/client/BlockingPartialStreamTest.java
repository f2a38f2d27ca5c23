package dev.instructor.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.instructor.ChatRequest;
import dev.instructor.InstructorListener;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Interleavings of the blocking stream's reader and a {@code close()} from another thread, forced with latches. */
class BlockingPartialStreamTest {
    private static final long WAIT_SECONDS = 10;

    record Idea(String title) {}

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final InstructorListener recorder = new InstructorListener() {
        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }
    };

    @Test
    void close_queuedAfterTheReaderDrainedItsInboxOnClosing_stillCancelsTheRun() throws Exception {
        CountDownLatch readerWaits = new CountDownLatch(1);
        CountDownLatch drainedEmpty = new CountDownLatch(1);
        CountDownLatch closeReturned = new CountDownLatch(1);
        Thread reader = Thread.currentThread();
        AtomicBoolean gate = new AtomicBoolean(true);
        // The reader finds the inbox empty while it ends the closed stream, and holds its lock until close() has
        // queued its signal and failed to take the lock: the window close() must not lose.
        LinkedBlockingQueue<BlockingPartialStream.Signal> inbox = new LinkedBlockingQueue<>() {
            @Override
            public BlockingPartialStream.Signal take() throws InterruptedException {
                readerWaits.countDown();
                return super.take();
            }

            @Override
            public BlockingPartialStream.Signal poll() {
                BlockingPartialStream.Signal signal = super.poll();
                if (signal == null && Thread.currentThread() == reader && gate.compareAndSet(true, false)) {
                    drainedEmpty.countDown();
                    await(closeReturned);
                }
                return signal;
            }
        };
        ManualProvider provider = new ManualProvider();
        // A delta arrives as the caller closes: the reader wakes with a partial and, seeing the close, ends the run.
        provider.onCancel = () -> {
            provider.listener.onEvent(new ProviderEvent.TextDelta("{\"items\":["));
            await(drainedEmpty);
        };
        BlockingPartialStream<List<Idea>> stream = new BlockingPartialStream<>(plan(provider), inbox);
        Thread closer = new Thread(() -> {
            await(readerWaits);
            stream.close();
            closeReturned.countDown();
        });
        closer.start();

        Iterator<List<Idea>> partials = stream.iterator();
        assertThat(partials.hasNext()).as("the partial the reader woke with").isTrue();
        closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(errors)
                .as("the run was cancelled and its listeners heard, though the reader asks for nothing more")
                .singleElement()
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void open_throwingAnError_failsTheStreamAndTellsTheListeners() {
        // A provider whose class failed to initialize, say: the listeners heard onRequest, so they must hear the end.
        ManualProvider provider = new ManualProvider() {
            @Override
            public ProviderCall open(ProviderRequest request, ProviderListener listener) {
                throw new NoClassDefFoundError("dev/instructor/Missing");
            }
        };

        BlockingPartialStream<List<Idea>> stream = new BlockingPartialStream<>(plan(provider));

        assertThat(errors).singleElement().isInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(stream::getFinalResponse).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void providerFailure_thrownToTheCaller_carriesTheCallersFrames() throws Exception {
        ManualProvider provider = new ManualProvider();
        BlockingPartialStream<List<Idea>> stream = new BlockingPartialStream<>(plan(provider));
        // The failure is made on the transport's thread, as a real provider's is: its own frames are that thread's.
        Thread transport = new Thread(() -> provider.listener.onFailure(
                new ProviderHttpException("manual", 400, "invalid_request_error", "bad schema", 1)));
        transport.start();
        transport.join();

        Throwable thrown = catchThrowable(stream::getFinalResponse);

        assertThat(thrown).isInstanceOf(ProviderHttpException.class);
        assertThat(thrown.getSuppressed())
                .as("where the caller met the failure, which the failure's own frames cannot show")
                .anySatisfy(caller -> assertThat(caller.getStackTrace())
                        .anySatisfy(frame -> assertThat(frame.getMethodName())
                                .isEqualTo("providerFailure_thrownToTheCaller_carriesTheCallersFrames")));
        Throwable again = catchThrowable(stream::getFinalResponse);
        assertThat(again.getSuppressed())
                .as("added once, however often it is thrown")
                .hasSize(1);
    }

    private CallPlan<List<Idea>> plan(LlmProvider provider) {
        return plan(provider, Duration.ZERO, System::nanoTime);
    }

    CallPlan<List<Idea>> plan(LlmProvider provider, Duration partialInterval, LongSupplier clock) {
        ClientSettings settings =
                ClientSettings.of(provider, null, true, partialInterval, false, List.of(recorder), clock);
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        ChatRequest request = ChatRequest.builder().model("m").user("ideas").build();
        return new CallPlan<>(settings, PreparedModel.of(model), request);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A provider whose one call delivers what the test sends through {@link #listener}. */
    static class ManualProvider implements LlmProvider {
        volatile ProviderListener listener;
        volatile Runnable onCancel = () -> {};

        @Override
        public String name() {
            return "manual";
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
            this.listener = listener;
            AtomicBoolean done = new AtomicBoolean();
            return new ProviderCall() {
                @Override
                public void cancel() {
                    if (done.compareAndSet(false, true)) {
                        onCancel.run();
                    }
                }

                @Override
                public boolean isDone() {
                    return done.get();
                }
            };
        }
    }
}
