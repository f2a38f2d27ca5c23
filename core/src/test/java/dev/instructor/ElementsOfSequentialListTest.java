package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code elements()} of a response model that is a list without random access ({@code LinkedList}, a class of the
 * user's extending it): handing out its items costs the items handed out, not a walk from either end per item.
 */
class ElementsOfSequentialListTest {
    record Step(String text) {}

    /** Counts the links a {@code LinkedList} follows to reach an index, by {@code get} or {@code listIterator}. */
    public static final class Steps extends LinkedList<Step> {
        static final AtomicLong WALKED = new AtomicLong();

        @Override
        public Step get(int index) {
            WALKED.addAndGet(walk(index));
            return super.get(index);
        }

        @Override
        public ListIterator<Step> listIterator(int index) {
            WALKED.addAndGet(walk(index));
            return super.listIterator(index);
        }

        /** As LinkedList.node(index): from the nearer end. */
        private long walk(int index) {
            return Math.min(index, size() - index);
        }
    }

    @Test
    void elements_ofALinkedListWrittenInOneChunk_walksNoLinkTwice() {
        // The whole answer in one chunk (a provider that batches, or answers at once): every item completes in the
        // same partial, where a walk from the nearer end per item would cost count² / 4 links.
        int count = 2_000;
        StringBuilder answer = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            answer.append(i == 0 ? "" : ",").append("{\"text\":\"s").append(i).append("\"}");
        }
        ScriptedProvider provider =
                new ScriptedProvider().deltas(answer.append("]}").toString());
        List<Step> seen = new ArrayList<>();
        Steps.WALKED.set(0);
        try (PartialStream<Steps> stream =
                Instructor.from(provider).responses().stream(ElementsRestartTest.request(), Steps.class)) {
            stream.elements(Step.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).hasSize(count);
        }

        assertThat(seen).hasSize(count).last().isEqualTo(new Step("s" + (count - 1)));
        assertThat(Steps.WALKED.get())
                .as("links walked to reach items by index")
                .isLessThan(4L * count);
    }
}
