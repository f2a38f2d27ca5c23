package dev.instructor;

import static dev.instructor.ResponsesStreamTest.EXPECTED;
import static dev.instructor.ResponsesStreamTest.GOOD;
import static dev.instructor.ResponsesStreamTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ResponsesStreamTest.Idea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code elements()} of every collection a response model may be, and the order its elements come in. */
class ElementsOfCollectionsTest {
    /** A collection class of the user's own. */
    static class IdeaList extends ArrayList<Idea> {}

    static Stream<TypeRef<? extends Iterable<Idea>>> collectionModels() {
        return Stream.of(
                new TypeRef<List<Idea>>() {},
                new TypeRef<ArrayList<Idea>>() {},
                new TypeRef<LinkedList<Idea>>() {},
                new TypeRef<Iterable<Idea>>() {},
                new TypeRef<Collection<Idea>>() {},
                new TypeRef<Set<Idea>>() {},
                new TypeRef<LinkedHashSet<Idea>>() {},
                new TypeRef<IdeaList>() {});
    }

    @ParameterizedTest
    @MethodSource("collectionModels")
    <C extends Iterable<Idea>> void elements_ofAnyCollectionModel_areItsItemsInTheAnswersOrder(TypeRef<C> type) {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 2, 1, 1));
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<C> stream = client.responses().stream(request(), type)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).containsExactlyInAnyOrderElementsOf(seen);
        }
        assertThat(seen).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @MethodSource("collectionModels")
    <C extends Iterable<Idea>> void elementsAsync_ofAnyCollectionModel_areItsItemsInTheAnswersOrder(TypeRef<C> type)
            throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 2, 1, 1));
        AsyncPartialStream<C> stream = client.responses().streamAsync(request(), type);
        AsyncResponsesTest.Recorder<Idea> recorder = new AsyncResponsesTest.Recorder<>(Long.MAX_VALUE);

        stream.elements(Idea.class).subscribe(recorder);

        recorder.await();
        assertThat(recorder.items).isEqualTo(EXPECTED);
        assertThat(stream.finalResponse().get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @ParameterizedTest
    @MethodSource("collectionModels")
    <C extends Iterable<Idea>> void elements_ofAnotherType_areRefusedAtOnce(TypeRef<C> type) {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<C> stream = client.responses().stream(request(), type)) {
            assertThatThrownBy(() -> stream.elements(String.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a collection of String, such as List<String>");
            assertThatThrownBy(() -> stream.elements(new TypeRef<List<Idea>>() {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A class of the user's own that is iterable but no collection: Jackson reads it as an object, not an array. */
    record IdeaPage(List<Idea> items) implements Iterable<Idea> {
        @Override
        public Iterator<Idea> iterator() {
            return items.iterator();
        }
    }

    @Test
    void elements_ofAnIterableThatIsNoCollection_areRefusedAtOnce() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<IdeaPage> stream = client.responses().stream(request(), IdeaPage.class)) {
            assertThatThrownBy(() -> stream.elements(Idea.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a collection of Idea");
        }
        AsyncPartialStream<IdeaPage> async = client.responses().streamAsync(request(), IdeaPage.class);
        assertThatThrownBy(() -> async.elements(Idea.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a collection of Idea");
        async.cancel();
    }

    /**
     * A set's items that were not handed out while streaming (here: all of them, when the answer comes in one piece)
     * are handed out when the final value is accepted: in the order the model wrote them, as a list's are, not in the
     * order of Jackson's {@code HashSet}.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void elements_ofASet_comeInTheAnswersOrder(int chunk) {
        List<Idea> written = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (char c = 'Z'; c >= 'K'; c--) {
            Idea idea = new Idea(String.valueOf(c), "b" + c);
            json.append(written.isEmpty() ? "" : ",")
                    .append("{\"title\":\"")
                    .append(idea.title())
                    .append("\",\"blurb\":\"")
                    .append(idea.blurb())
                    .append("\"}");
            written.add(idea);
        }
        json.append("]}");
        ScriptedProvider provider = chunk == 0
                ? new ScriptedProvider().answer(json.toString())
                : new ScriptedProvider().answer(json.toString(), chunk, 1, 1);
        Instructor client = Instructor.from(provider);
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<Set<Idea>> stream = client.responses().stream(request(), new TypeRef<Set<Idea>>() {})) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).containsExactlyInAnyOrderElementsOf(seen);
        }
        assertThat(seen).isEqualTo(written);
    }
}
