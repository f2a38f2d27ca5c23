package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A partial of a map or set costs the same however many entries came before: ten times the entries must cost about
 * ten times as much for the whole stream, not a hundred times (as a copy per partial would). Measured in what is
 * counted exactly, not in time: the bytes the streaming thread allocates, and the calls to the items' own
 * {@code hashCode} and {@code equals}.
 */
class CollectionPartialsScaleTest {
    record Leaf(String a, int n) {}

    record Catalog(Map<String, Leaf> byName, Set<String> tags) {}

    /** Counts its own hash and equality calls, as a set of them has to make them. */
    record Tag(String name) {
        static final AtomicLong CALLS = new AtomicLong();

        @Override
        public int hashCode() {
            CALLS.incrementAndGet();
            return name.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            CALLS.incrementAndGet();
            return other instanceof Tag tag && tag.name.equals(name);
        }
    }

    record Tagged(Set<Tag> tags) {}

    @Test
    void mapOfRecords_allocationGrowsLinearlyWithEntries() {
        ResponseModel<Catalog> model = ResponseModel.of(Catalog.class);
        long small = leastAllocated(model, catalog(150, 0));
        long large = leastAllocated(model, catalog(1_500, 0));

        assertThat((double) large / small).isBetween(5.0, 20.0);
    }

    @Test
    void setOfStrings_allocationGrowsLinearlyWithItems() {
        ResponseModel<Catalog> model = ResponseModel.of(Catalog.class);
        long small = leastAllocated(model, catalog(0, 150));
        long large = leastAllocated(model, catalog(0, 1_500));

        assertThat((double) large / small).isBetween(5.0, 20.0);
    }

    @Test
    void setOfRecords_hashesEachItemAConstantNumberOfTimes() {
        ResponseModel<Tagged> model = ResponseModel.of(Tagged.class);
        StringBuilder json = new StringBuilder("{\"tags\":[");
        int items = 2_000;
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"tag number ")
                    .append(i % 1_500)
                    .append("\"}");
        }
        String text = json.append("]}").toString();

        Tag.CALLS.set(0);
        PartialResult<Tagged> last = stream(model, text);
        long calls = Tag.CALLS.get();

        assertThat(last.value().tags()).hasSize(1_500);
        // Per partial: one lookup of the open item; per completed item: one lookup and one insertion. A copy per
        // partial would make ~items²/2 calls (two million here).
        long partials = text.length() / 3 + 1;
        assertThat(calls).isLessThan(4 * (partials + items));
    }

    private static String catalog(int entries, int tags) {
        StringBuilder json = new StringBuilder("{\"byName\":{");
        for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("\"entry ")
                    .append(i)
                    .append("\":{\"a\":\"some text\",\"n\":")
                    .append(i)
                    .append('}');
        }
        json.append("},\"tags\":[");
        for (int i = 0; i < tags; i++) {
            json.append(i == 0 ? "" : ",").append("\"tag number ").append(i).append('"');
        }
        return json.append("]}").toString();
    }

    /** The least of a few runs, to leave out what class loading and interpreted code allocate in the first. */
    private static long leastAllocated(ResponseModel<Catalog> model, String json) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            PartialResult<Catalog> last = stream(model, json);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(last.isComplete()).isTrue();
        }
        return least;
    }

    /** Feeds {@code json} in 3-char chunks, binding every snapshot; returns the last partial. */
    private static <T> PartialResult<T> stream(ResponseModel<T> model, String json) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        PartialResult<T> last = null;
        for (int at = 0; at < json.length(); at += 3) {
            parser.feed(json.substring(at, Math.min(json.length(), at + 3)));
            Optional<PartialValue> snapshot = parser.snapshot();
            if (snapshot.isPresent()) {
                last = binder.bind(snapshot.get()).orElse(last);
            }
        }
        return last;
    }
}
