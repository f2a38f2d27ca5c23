package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Feeds a JSON text through the engine and a {@link PartialBinder} in chunks of a fixed size, recording every partial
 * and checking each against the final value.
 */
final class Streamer {
    /** Chunk size meaning "the whole text at once". */
    static final int WHOLE = Integer.MAX_VALUE;

    private Streamer() {}

    /** The partials one stream produced, in order, and the final value. */
    record Run<T>(List<PartialResult<T>> partials, List<T> distinct, T result, List<String> skipReasons) {
        /** Returns the distinct partial values as strings, for comparing sequences. */
        List<String> distinctStrings() {
            List<String> out = new ArrayList<>();
            for (T value : distinct) {
                out.add(String.valueOf(value));
            }
            return out;
        }
    }

    static <T> Run<T> stream(ResponseModel<T> model, String json, int chunkSize) {
        return stream(model, chunks(json, chunkSize));
    }

    /** Cuts {@code json} into chunks of {@code chunkSize} chars (the last may be shorter). */
    static List<String> chunks(String json, int chunkSize) {
        List<String> chunks = new ArrayList<>();
        for (int at = 0; at < json.length(); at += chunkSize) {
            chunks.add(json.substring(at, (int) Math.min((long) at + chunkSize, json.length())));
        }
        return chunks;
    }

    /** Cuts {@code json} into chunks of 1 to {@code maxChunk} chars, drawn from {@code random}. */
    static List<String> randomChunks(String json, Random random, int maxChunk) {
        List<String> chunks = new ArrayList<>();
        for (int at = 0; at < json.length(); ) {
            int end = Math.min(json.length(), at + 1 + random.nextInt(maxChunk));
            chunks.add(json.substring(at, end));
            at = end;
        }
        return chunks;
    }

    static <T> Run<T> stream(ResponseModel<T> model, List<String> chunks) {
        String json = String.join("", chunks);
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        List<PartialResult<T>> partials = new ArrayList<>();
        List<T> distinct = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String chunk : chunks) {
            parser.feed(chunk);
            Optional<PartialValue> snapshot = parser.snapshot();
            if (snapshot.isEmpty()) {
                continue;
            }
            Optional<PartialResult<T>> partial = binder.bind(snapshot.get());
            if (partial.isPresent()) {
                partials.add(partial.get());
                T value = partial.get().value();
                if (distinct.isEmpty() || !Objects.equals(distinct.get(distinct.size() - 1), value)) {
                    distinct.add(value);
                }
            } else {
                binder.lastSkipReason().ifPresent(reasons::add);
            }
        }
        parser.finish();
        return new Run<>(partials, distinct, model.parse(json), reasons);
    }

    /**
     * Asserts that every partial agrees with the final value: each present field equals the final's, a string is a
     * prefix of the final's, a list is no longer than the final's and agrees item by item.
     */
    static <T> void assertConsistent(ResponseModel<T> model, Run<T> run) {
        ObjectMapper mapper = model.mapper();
        JsonNode expected = mapper.valueToTree(run.result());
        for (PartialResult<T> partial : run.partials()) {
            JsonNode actual = mapper.valueToTree(partial.value());
            assertAgrees(partial, JsonPointer.root(), actual, expected);
        }
    }

    private static void assertAgrees(PartialResult<?> partial, JsonPointer at, JsonNode actual, JsonNode expected) {
        if (!partial.isPresent(at)) {
            return;
        }
        String where = at + " in " + partial.value();
        if (actual.isObject()) {
            assertThat(expected.isObject()).as(where).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode other = expected.get(member.getKey());
                if (partial.isPresent(at.append(member.getKey()))) {
                    assertThat(other).as(where + " member " + member.getKey()).isNotNull();
                    assertAgrees(partial, at.append(member.getKey()), member.getValue(), other);
                }
            }
        } else if (actual.isArray()) {
            assertThat(expected.isArray()).as(where).isTrue();
            assertThat(actual.size()).as(where).isLessThanOrEqualTo(expected.size());
            for (int i = 0; i < actual.size(); i++) {
                assertAgrees(partial, at.append(i), actual.get(i), expected.get(i));
            }
        } else if (actual.isString() && expected.isString()) {
            assertThat(expected.asString()).as(where).startsWith(actual.asString());
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    /** How many snapshots a stream's binder bound by replaying its open path, and how many only grew the open string. */
    record Replays(long replays, long growths) {}

    /**
     * Streams the chunks through one binder, as a stream does, and asserts that each partial is what a binder that
     * sees only that snapshot makes (value as JSON, and by {@code equals} too where {@code byEquals} says so; skip
     * reason;
     * presence at each of {@code pointers}) and that no partial changes after it was handed out.
     */
    static <T> Replays assertEachPartialMatchesAFreshBind(
            ResponseModel<T> model,
            List<String> chunks,
            List<String> pointers,
            Predicate<Object> byEquals,
            String label) {
        ObjectMapper mapper = model.mapper();
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        PartialValue previous = null;
        long growths = 0;
        List<Object> values = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String chunk : chunks) {
            parser.feed(chunk);
            Optional<PartialValue> snapshot = parser.snapshot();
            if (snapshot.isEmpty()) {
                continue;
            }
            if (previous != null && previous != snapshot.get() && OpenPath.onlyStringGrew(snapshot.get(), previous)) {
                growths++;
            }
            previous = snapshot.get();
            Optional<PartialResult<T>> streamed = binder.bind(snapshot.get());
            PartialBinder<T> fresh = model.newPartialBinder();
            Optional<PartialResult<T>> expected = fresh.bind(snapshot.get());
            String where = label + " after " + snapshot.get().toJson();

            assertThat(streamed.isPresent()).as(where).isEqualTo(expected.isPresent());
            assertThat(binder.lastSkipReason()).as(where).isEqualTo(fresh.lastSkipReason());
            if (expected.isPresent()) {
                T value = streamed.get().value();
                String text = mapper.writeValueAsString(value);
                assertThat(text)
                        .as(where)
                        .isEqualTo(mapper.writeValueAsString(expected.get().value()));
                if (byEquals.test(value)) {
                    assertThat(value).as(where).isEqualTo(expected.get().value());
                }
                values.add(value);
                shown.add(text);
                for (String pointer : pointers) {
                    assertThat(streamed.get().isPresent(pointer))
                            .as(where + " " + pointer)
                            .isEqualTo(expected.get().isPresent(pointer));
                }
            }
        }
        parser.finish();
        for (int i = 0; i < values.size(); i++) {
            assertThat(mapper.writeValueAsString(values.get(i)))
                    .as(label + ": partial " + i + " changed after it was handed out")
                    .isEqualTo(shown.get(i));
        }
        return new Replays(binder.replays(), growths);
    }
}
