package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener's VirtualMachineError after the call's outcome went out (in {@code onComplete} or {@code onError}) can
 * change that outcome no more: it is logged, never dropped unseen.
 */
class ListenerOverflowLoggingTest {
    /** Held so that the logging configuration of this name is not collected while the test runs. */
    private static final Logger JUL = Logger.getLogger("dev.instructor.Instructor");

    private final List<LogRecord> withThrown = new CopyOnWriteArrayList<>();
    private final CountDownLatch logged = new CountDownLatch(1);
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() != null) {
                withThrown.add(record);
                logged.countDown();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void record() {
        JUL.addHandler(recorder);
    }

    @AfterEach
    void restore() {
        JUL.removeHandler(recorder);
    }

    private static final InstructorListener OVERFLOWING_ON_COMPLETE = new InstructorListener() {
        @Override
        public void onComplete(Object value, Usage usage) {
            throw new StackOverflowError("onComplete recursed too deep");
        }
    };

    private static final InstructorListener OVERFLOWING_ON_ERROR = new InstructorListener() {
        @Override
        public void onError(Throwable error) {
            throw new StackOverflowError("onError recursed too deep");
        }
    };

    @Test
    void onCompleteOverflowing_blocking_valueReturnedAndTheErrorLogged() throws InterruptedException {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(ResponsesStreamTest.GOOD))
                .listener(OVERFLOWING_ON_COMPLETE)
                .build();

        assertThat(client.responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS))
                .isEqualTo(ResponsesStreamTest.EXPECTED);
        assertLogged("onComplete recursed too deep");
    }

    @Test
    void onCompleteOverflowing_async_valueReturnedAndTheErrorLogged() throws Exception {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(ResponsesStreamTest.GOOD))
                .listener(OVERFLOWING_ON_COMPLETE)
                .build();

        assertThat(client.responses()
                        .streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)
                        .finalResponse()
                        .get(10, TimeUnit.SECONDS))
                .isEqualTo(ResponsesStreamTest.EXPECTED);
        assertLogged("onComplete recursed too deep");
    }

    @Test
    void onErrorOverflowing_blocking_failureThrownAndTheErrorLogged() throws InterruptedException {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().truncated("{\"items\":["))
                .listener(OVERFLOWING_ON_ERROR)
                .build();

        assertThatThrownBy(() -> client.responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS))
                .isInstanceOf(dev.instructor.spi.TruncatedException.class);
        assertLogged("onError recursed too deep");
    }

    @Test
    void onErrorOverflowing_async_failureThrownAndTheErrorLogged() throws InterruptedException, TimeoutException {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().truncated("{\"items\":["))
                .listener(OVERFLOWING_ON_ERROR)
                .build();

        try {
            client.responses()
                    .streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)
                    .finalResponse()
                    .get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected the truncation");
        } catch (ExecutionException expected) {
            assertThat(expected).hasCauseInstanceOf(dev.instructor.spi.TruncatedException.class);
        }
        assertLogged("onError recursed too deep");
    }

    /** Waits for the record: the async stream completes its future before the run's last step returns. */
    private void assertLogged(String message) throws InterruptedException {
        assertThat(logged.await(10, TimeUnit.SECONDS))
                .as("a record with a throwable")
                .isTrue();
        assertThat(withThrown).singleElement().satisfies(record -> {
            assertThat(record.getThrown())
                    .isInstanceOf(StackOverflowError.class)
                    .hasMessage(message);
            assertThat(record.getLevel().intValue()).isGreaterThanOrEqualTo(Level.WARNING.intValue());
        });
    }
}
