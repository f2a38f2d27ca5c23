package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A {@link PartialStream} of a long list costs about the same per chunk at its end as at its start: the stream compares
 * each partial with the one before (to show only partials that differ) and hands out completed items, and neither may
 * walk the whole list every chunk. Measured in what is counted exactly: calls to the items' {@code equals} and the
 * bytes the iterating thread allocates.
 */
class StreamScaleTest {
    /** An item that counts its equality calls. */
    record Item(String name, int rank) {
        static final AtomicLong EQUALS_CALLS = new AtomicLong();

        @Override
        public boolean equals(Object other) {
            EQUALS_CALLS.incrementAndGet();
            return other instanceof Item item && Objects.equals(item.name, name) && item.rank == rank;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name) * 31 + rank;
        }
    }

    static final TypeRef<List<Item>> ITEMS = new TypeRef<>() {};

    @Test
    void comparingEachPartialWithTheOneBefore_costsTheOpenItemOnly() {
        String json = items(1_500);
        Item.EQUALS_CALLS.set(0);

        Streamed streamed = stream(json);

        assertThat(streamed.elements).isEqualTo(1_500);
        // A walk of the list per chunk would make ~chunks × items / 2 calls (millions here).
        assertThat(Item.EQUALS_CALLS.get()).isLessThan(4L * (streamed.partials + 1_500));
    }

    @Test
    void anAsyncStream_alsoComparesOnlyTheOpenItem() throws Exception {
        String json = items(1_500);
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 3, 1, 1));
        ChatRequest request =
                ChatRequest.builder().model("test-model").user("List items").build();
        Item.EQUALS_CALLS.set(0);

        AsyncPartialStream<List<Item>> stream = client.responses().streamAsync(request, ITEMS);
        AsyncResponsesTest.Recorder<List<Item>> recorder = new AsyncResponsesTest.Recorder<>(Long.MAX_VALUE);
        stream.subscribe(recorder);
        recorder.await();

        assertThat(recorder.completed).isTrue();
        assertThat(stream.finalResponse().get(5, TimeUnit.SECONDS)).hasSize(1_500);
        long chunks = json.length() / 3 + 1;
        assertThat(Item.EQUALS_CALLS.get()).isLessThan(4L * (chunks + 1_500));
    }

    @Test
    void allocationGrowsLinearlyWithTheItems() {
        long small = leastAllocated(items(300));
        long large = leastAllocated(items(3_000));

        assertThat((double) large / small).isBetween(5.0, 20.0);
    }

    private static String items(int count) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"item number ")
                    .append(i)
                    .append("\",\"rank\":")
                    .append(i % 7)
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private record Streamed(long partials, long elements) {}

    /** Streams {@code json} in 3-char deltas, iterating the partials and collecting the elements. */
    private static Streamed stream(String json) {
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 3, 1, 1));
        ChatRequest request =
                ChatRequest.builder().model("test-model").user("List items").build();
        long partials = 0;
        try (PartialStream<List<Item>> stream = client.responses().stream(request, ITEMS)) {
            for (List<Item> partial : stream) {
                partials++;
            }
            assertThat(stream.getFinalResponse())
                    .hasSize((int) json.chars().filter(c -> c == '{').count() - 1);
        }
        return new Streamed(partials, elements(json));
    }

    /** Streams the elements of {@code json} one by one, as they complete; returns how many there were. */
    private static long elements(String json) {
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 3, 1, 1));
        ChatRequest request =
                ChatRequest.builder().model("test-model").user("List items").build();
        try (PartialStream<List<Item>> stream = client.responses().stream(request, ITEMS)) {
            long count = 0;
            for (Item item : stream.elements(Item.class)) {
                count++;
            }
            return count;
        }
    }

    /** The least of a few streams' allocation by this (the iterating) thread. */
    private static long leastAllocated(String json) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            stream(json);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
