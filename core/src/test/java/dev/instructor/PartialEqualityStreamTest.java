package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stream compares each partial with the one before, to show only partials that differ, through the caller's own
 * {@code equals}. A partial value lacks fields, and an {@code equals} written for complete values may throw on it:
 * the stream must show the partial rather than fail.
 */
class PartialEqualityStreamTest {
    /** Equal by name and count; throws on a missing name, as many hand-written equals do. */
    record Tag(String name, int count) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Tag tag && name.equals(tag.name) && count == tag.count;
        }

        @Override
        public int hashCode() {
            return count;
        }
    }

    record TagSet(Set<Tag> tags) {}

    record TagMap(Map<String, Tag> byKey) {}

    static final String SET = "{\"tags\":[{\"count\":1,\"name\":\"x\"},{\"count\":2,\"name\":\"y\"}]}";

    static final String MAP = "{\"byKey\":{\"a\":{\"count\":1,\"name\":\"x\"},\"b\":{\"count\":2,\"name\":\"y\"}}}";

    static final String LIST = "{\"items\":[{\"count\":1,\"name\":\"x\"},{\"count\":2,\"name\":\"y\"}]}";

    @Test
    void setOfItemsWithAFragileEquals_streamsToItsFinal() {
        TagSet result = stream(SET, TagSet.class);

        assertThat(result.tags()).containsExactlyInAnyOrder(new Tag("x", 1), new Tag("y", 2));
    }

    @Test
    void mapOfItemsWithAFragileEquals_streamsToItsFinal() {
        TagMap result = stream(MAP, TagMap.class);

        assertThat(result.byKey()).containsExactly(Map.entry("a", new Tag("x", 1)), Map.entry("b", new Tag("y", 2)));
    }

    @Test
    void listOfItemsWithAFragileEquals_streamsToItsFinal() {
        ScriptedProvider provider = new ScriptedProvider().answer(LIST, 3, 1, 1);
        try (PartialStream<List<Tag>> stream =
                Instructor.from(provider).responses().stream(request(), new TypeRef<List<Tag>>() {})) {
            int partials = 0;
            for (List<Tag> partial : stream) {
                partials++;
            }
            assertThat(partials).isGreaterThan(3);
            assertThat(stream.getFinalResponse()).containsExactly(new Tag("x", 1), new Tag("y", 2));
        }
    }

    private static <T> T stream(String json, Class<T> type) {
        ScriptedProvider provider = new ScriptedProvider().answer(json, 3, 1, 1);
        try (PartialStream<T> stream = Instructor.from(provider).responses().stream(request(), type)) {
            int partials = 0;
            for (T partial : stream) {
                partials++;
            }
            assertThat(partials).isGreaterThan(3);
            return stream.getFinalResponse();
        }
    }

    private static ChatRequest request() {
        return ChatRequest.builder().model("test-model").user("Tags").build();
    }
}
