package dev.instructor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.schema.SchemaDialect;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProviderStreamTest {
    private ProviderListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile boolean isDoneThrows;

    private final LlmProvider provider = new LlmProvider() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<Mode> modes() {
            return EnumSet.of(Mode.JSON);
        }

        @Override
        public Mode defaultMode() {
            return Mode.JSON;
        }

        @Override
        public SchemaDialect dialect(Mode mode) {
            return SchemaDialect.PLAIN;
        }

        @Override
        public ProviderCall open(ProviderRequest request, ProviderListener newListener) {
            listener = newListener;
            return new ProviderCall() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isDone() {
                    if (isDoneThrows) {
                        throw new IllegalStateException("a provider bug");
                    }
                    return cancelled.get();
                }
            };
        }
    };

    private final ProviderRequest request = ProviderRequest.builder("m")
            .schema("x", JsonMapper.builder().build().createObjectNode())
            .message(Message.user("q"))
            .build();

    @Test
    void eventsThenComplete() {
        ProviderStream stream = provider.stream(request);
        listener.onEvent(new ProviderEvent.TextDelta("{}"));
        listener.onEvent(new ProviderEvent.Finish("stop"));
        listener.onComplete();
        assertThat(stream.next()).isEqualTo(new ProviderEvent.TextDelta("{}"));
        assertThat(stream.next()).isEqualTo(new ProviderEvent.Finish("stop"));
        assertThat(stream.hasNext()).isFalse();
    }

    @Test
    void failureThrownAfterEarlierEvents() {
        ProviderStream stream = provider.stream(request);
        listener.onEvent(new ProviderEvent.TextDelta("{"));
        TruncatedException failure = new TruncatedException("fake", "length", "{", 1);
        listener.onFailure(failure);
        assertThat(stream.next()).isEqualTo(new ProviderEvent.TextDelta("{"));
        assertThatThrownBy(stream::hasNext).isSameAs(failure);
        assertThat(stream.hasNext()).isFalse();
    }

    @Test
    void closeFromAnotherThread_wakesBlockedReaderAndCancels() throws Exception {
        ProviderStream stream = provider.stream(request);
        CompletableFuture<Throwable> reader = readOnAnotherThread(stream);
        Thread.sleep(50);
        stream.close();
        assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(cancelled).isTrue();
    }

    /** A call that cannot tell whether it has ended is taken as running: cancelled, and its reader woken. */
    @Test
    void close_callWhoseIsDoneThrows_cancelsAndWakesReader() throws Exception {
        ProviderStream stream = provider.stream(request);
        CompletableFuture<Throwable> reader = readOnAnotherThread(stream);
        isDoneThrows = true;
        stream.close();
        assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(cancelled).isTrue();
    }

    /** Blocks another thread in {@code stream.hasNext()}; the future holds what it threw, or null. */
    private static CompletableFuture<Throwable> readOnAnotherThread(ProviderStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                stream.hasNext();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
    }
}
