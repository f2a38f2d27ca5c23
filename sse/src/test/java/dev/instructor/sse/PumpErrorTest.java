package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An Error, not an exception, while writing the answer still ends the response and stops the model. */
class PumpErrorTest {
    private static final StructuredSse UNPACED = StructuredSse.builder()
            .partialInterval(Duration.ZERO)
            .heartbeat(Duration.ZERO)
            .build();

    /** A sink whose every write fails with an Error, as a class of the server missing at run time. */
    static final class ErrorSink implements SseSink {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void open(Map<String, String> headers) {}

        @Override
        public void write(byte[] bytes) throws IOException {
            throw new NoClassDefFoundError("some/Codec");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A final value whose serialization fails with an Error, as a class missing at run time. */
    public static final class Broken {
        public String getName() {
            throw new NoClassDefFoundError("some/Missing");
        }
    }

    @Test
    void async_sinkError_cancelsTheStream_andEnds() throws Exception {
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1", "]").silentUntilClosed());
        ErrorSink sink = new ErrorSink();

        var ended = UNPACED.streamAsync(stream, SseFormat.SNAPSHOT, sink);

        assertThat(stream.awaitCancelled(5_000)).isTrue();
        ended.get(5, TimeUnit.SECONDS);
        assertThat(sink.closed.getCount()).isZero();
    }

    @Test
    void sync_sinkError_closesTheStream_andEnds() {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1", "]").silentUntilClosed());
        ErrorSink sink = new ErrorSink();

        UNPACED.stream(stream, SseFormat.SNAPSHOT, sink);

        assertThat(stream.closedAtNanos()).isNotZero();
        assertThat(sink.closed.getCount()).isZero();
    }

    @Test
    void async_errorWritingTheFinalValue_isAnErrorEvent() throws Exception {
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("{}").finish("{}", new Broken()));
        RecordingSink sink = new RecordingSink();

        UNPACED.streamAsync(stream, SseFormat.SNAPSHOT, sink).get(5, TimeUnit.SECONDS);

        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text()).startsWith("data: {}\n\nevent: error\ndata: {\"error\":");
    }

    @Test
    void sync_errorWritingTheFinalValue_isAnErrorEvent() {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("{}").finish("{}", new Broken()));
        RecordingSink sink = new RecordingSink();

        try {
            UNPACED.stream(stream, SseFormat.SNAPSHOT, sink);
        } catch (Error expected) {
            // it may go on to the caller, once the response has ended
        }

        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text()).startsWith("data: {}\n\nevent: error\ndata: {\"error\":");
    }

    @Test
    void async_sinkCloseError_theResponseStillEnds() throws Exception {
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1", "]").finish("[1]"));
        RecordingSink recorded = new RecordingSink();
        SseSink sink = new SseSink() {
            @Override
            public void open(Map<String, String> headers) {
                recorded.open(headers);
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                recorded.write(bytes);
            }

            @Override
            public void close() {
                throw new NoClassDefFoundError("some/Codec");
            }
        };

        var ended = UNPACED.streamAsync(stream, SseFormat.SNAPSHOT, sink);

        ended.get(5, TimeUnit.SECONDS);
        assertThat(recorded.text()).endsWith("event: done\ndata: [1]\n\n");
    }

    @Test
    void async_cancelThrowsAnError_theResponseStillEnds() throws Exception {
        HandoverStream handover = new HandoverStream();
        AsyncPartialStream<?> stream = (AsyncPartialStream<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {AsyncPartialStream.class}, (proxy, method, args) -> {
                    if (method.getName().equals("cancel")) {
                        throw new NoClassDefFoundError("some/Codec");
                    }
                    try {
                        return method.invoke(handover, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RecordingSink sink = new RecordingSink().failFromWrite(1); // the client has gone

        var ended = UNPACED.streamAsync(stream, SseFormat.SNAPSHOT, sink);
        var pump = handover.subscriber.get();
        pump.onSubscribe(new AsyncPumpRulesTest.Recorded());
        try {
            pump.onNext(new Script().partials("[1").steps().get(0).update());
        } catch (Error ignored) {
            // what the stream's own cancel threw may reach its publisher
        }

        ended.get(5, TimeUnit.SECONDS);
        assertThat(sink.isClosed()).isTrue();
    }
}
