package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code CharSequence} field being written is the engine's view of its text, not a copy: a long text streamed a
 * few chars at a time costs time linear in its length, where a {@code String} field is copied for every partial.
 */
class LongTextPartialsTest {
    record Essay(String title, CharSequence body) {}

    record CopiedEssay(String title, String body) {}

    record Notes(List<CharSequence> lines, Set<CharSequence> tags, Map<String, CharSequence> byKey) {}

    record Tag(CharSequence name, int weight) {}

    record Tagged(Set<CharSequence> names, Set<Tag> tags) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, Streamer.WHOLE})
    void charSequenceField_isTheEngineViewWhileOpen_andAStringOnceComplete(int chunkSize) {
        ResponseModel<Essay> model = ResponseModel.of(Essay.class);
        String json = "{\"title\": \"On tea\", \"body\": \"" + text(300) + "\\n\\u00e8\\\" caf\u00e9 \ud83c\udf75\"}";

        Streamer.Run<Essay> run = Streamer.stream(model, json, chunkSize);

        Streamer.assertConsistent(model, run);
        String body = (String) run.result().body();
        for (PartialResult<Essay> partial : run.partials()) {
            CharSequence shown = partial.value().body();
            if (shown instanceof String complete) {
                assertThat(complete).isEqualTo(body);
            } else if (shown != null) {
                assertThat(body).startsWith(shown.toString());
                assertThat(shown.length()).isLessThanOrEqualTo(body.length());
            }
        }
        Essay last = run.partials().get(run.partials().size() - 1).value();
        assertThat(last.body()).isInstanceOf(String.class).isEqualTo(body);
        assertThat(last).isEqualTo(run.result());
    }

    @Test
    void charSequenceField_isReplayedWhileItGrows() {
        ResponseModel<Essay> model = ResponseModel.of(Essay.class);
        String json = "{\"title\": \"On tea\", \"body\": \"" + text(3_000) + "\"}";

        Streamer.Replays replays = Streamer.assertEachPartialMatchesAFreshBind(
                model, Streamer.chunks(json, 3), List.of("/title", "/body"), value -> true, "essay");

        assertThat(replays.replays()).isGreaterThan(900);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, Streamer.WHOLE})
    void charSequencesInCollections_areViewsWhileOpen_andEqualToTheFinalOnceComplete(int chunkSize) {
        ResponseModel<Notes> model = ResponseModel.of(Notes.class);
        String json = "{\"lines\": [\"first line\", \"second \\\"line\\\"\", \"third\"],"
                + " \"tags\": [\"tea\", \"caf\u00e9\", \"tea\", \"green tea\"],"
                + " \"byKey\": {\"a\": \"alpha\", \"b\": \"beta\", \"a\": \"again\"}}";

        Streamer.Run<Notes> run = Streamer.stream(model, json, chunkSize);

        Notes last = run.partials().get(run.partials().size() - 1).value();
        assertThat(last.lines()).containsExactly("first line", "second \"line\"", "third");
        assertThat(last.tags()).containsExactlyInAnyOrder("tea", "caf\u00e9", "green tea");
        assertThat(last.byKey()).containsExactly(Map.entry("a", "again"), Map.entry("b", "beta"));
        Streamer.assertEachPartialMatchesAFreshBind(
                model, Streamer.chunks(json, chunkSize), List.of("/lines", "/tags", "/byKey"), v -> true, "notes");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, Streamer.WHOLE})
    void openSetItemEqualToACompletedOne_isShownOnce(int chunkSize) {
        // A set compares its open item with the completed ones, which are Strings: there, open text is a String too.
        ResponseModel<Tagged> model = ResponseModel.of(Tagged.class);
        String json = "{\"names\": [\"tea\", \"green\", \"tea\", \"green tea\"],"
                + " \"tags\": [{\"weight\": 1, \"name\": \"tea\"}, {\"weight\": 1, \"name\": \"tea\"}]}";

        Streamer.Run<Tagged> run = Streamer.stream(model, json, chunkSize);

        Tagged result = run.result();
        for (PartialResult<Tagged> partial : run.partials()) {
            Set<CharSequence> names = partial.value().names();
            if (names != null) {
                assertThat(names)
                        .as("%s", partial)
                        .hasSizeLessThanOrEqualTo(result.names().size());
                assertThat(names).allSatisfy(name -> assertThat(name).isInstanceOf(String.class));
            }
            Set<Tag> tags = partial.value().tags();
            if (tags != null) {
                // An open tag whose name has all its text equals the completed one, and is shown once.
                assertThat(tags.stream().map(String::valueOf).distinct().count())
                        .as("%s", partial)
                        .isEqualTo(tags.size());
            }
        }
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(result);
        Streamer.assertEachPartialMatchesAFreshBind(
                model, Streamer.chunks(json, chunkSize), List.of("/names", "/tags"), v -> true, "tagged");
    }

    @Test
    void openCharSequence_serializesAsItsText() throws Exception {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"title\": \"On tea\", \"body\": \"caf\u00e9 na");
        Essay partial = ResponseModel.of(Essay.class)
                .newPartialBinder()
                .bind(parser.snapshot().orElseThrow())
                .orElseThrow()
                .value();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(partial.body());
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo("caf\u00e9 na");
        }
    }

    @Test
    void charSequenceField_allocationGrowsLinearlyWithTheText() {
        ResponseModel<Essay> model = ResponseModel.of(Essay.class);
        long small = leastAllocated(model, essay(2_000));
        long large = leastAllocated(model, essay(20_000));

        assertThat((double) large / small).isBetween(5.0, 20.0);
    }

    @Test
    void stringField_allocationGrowsWithTheSquareOfTheText() {
        // The cost a CharSequence avoids, and the proof that the test above can tell the two apart: each partial of a
        // String field holds its own copy of the text so far.
        ResponseModel<CopiedEssay> model = ResponseModel.of(CopiedEssay.class);
        long small = leastAllocated(model, essay(2_000));
        long large = leastAllocated(model, essay(20_000));

        assertThat((double) large / small).isGreaterThan(40.0);
    }

    private static String essay(int length) {
        return "{\"title\": \"On tea\", \"body\": \"" + text(length) + "\"}";
    }

    private static String text(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append("word").append(random.nextInt(100)).append(' ');
        }
        return text.substring(0, length);
    }

    /** The least of a few runs, to leave out what class loading and interpreted code allocate in the first. */
    private static long leastAllocated(ResponseModel<?> model, String json) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            boolean complete = streamAll(model, json);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(complete).isTrue();
        }
        return least;
    }

    /** Feeds {@code json} in 3-char chunks, binding every snapshot; returns whether the last partial was complete. */
    private static boolean streamAll(ResponseModel<?> model, String json) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<?> binder = model.newPartialBinder();
        boolean complete = false;
        for (int at = 0; at < json.length(); at += 3) {
            parser.feed(json, at, Math.min(3, json.length() - at));
            Optional<PartialValue> snapshot = parser.snapshot();
            if (snapshot.isPresent()) {
                complete = binder.bind(snapshot.get())
                        .map(PartialResult::isComplete)
                        .orElse(complete);
            }
        }
        return complete;
    }
}
