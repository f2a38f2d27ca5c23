package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
