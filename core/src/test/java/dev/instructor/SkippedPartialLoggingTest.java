package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A chunk that gives no typed partial is logged at TRACE with the binder's reason, through {@code System.Logger}. */
class SkippedPartialLoggingTest {
    /** Held so that the logging configuration of this name is not collected while the test runs. */
    private static final Logger JUL = Logger.getLogger("dev.instructor.Instructor");

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getLevel() + " "
                    + java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previous;

    /** A root whose constructor rejects the partial arguments of its first snapshots. */
    record Titled(String title) {
        Titled {
            Objects.requireNonNull(title, "title");
        }
    }

    @BeforeEach
    void record() {
        previous = JUL.getLevel();
        JUL.setLevel(Level.ALL);
        recorder.setLevel(Level.ALL);
        JUL.addHandler(recorder);
    }

    @AfterEach
    void restore() {
        JUL.removeHandler(recorder);
        JUL.setLevel(previous);
    }

    @Test
    void chunkWithoutPartial_loggedAtTraceWithTheReason() {
        Instructor client = Instructor.from(new ScriptedProvider().answer("{\"title\":\"Heat\"}", 3, 1, 1));

        Titled titled = client.responses().create(ResponsesStreamTest.request(), Titled.class);

        assertThat(titled).isEqualTo(new Titled("Heat"));
        // System.Logger's TRACE is java.util.logging's FINER.
        assertThat(messages)
                .filteredOn(message -> message.startsWith("FINER attempt 1: no partial from this chunk: "))
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains("title"));
    }
}
