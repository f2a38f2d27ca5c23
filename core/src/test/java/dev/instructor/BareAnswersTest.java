package dev.instructor;

import static dev.instructor.CheckRuns.streamed;
import static dev.instructor.CheckRuns.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model asked for a wrapped type ({@code {"items": [...]}}, {@code {"value": ...}}) that answers the bare value
 * instead, as models in JSON and MD_JSON mode sometimes do: the bare value is read as the wrapped one, in partials,
 * the final value, violation paths, fail-fast checks and {@code elements()}.
 */
class BareAnswersTest {
    record Idea(String title, @Size(max = 10) String blurb) {}

    enum Colour {
        RED,
        GREEN
    }

    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};
    private static final String BARE = "[{\"title\":\"a\",\"blurb\":\"short\"},{\"title\":\"b\",\"blurb\":\"tiny\"}]";
    private static final String BROKEN =
            "[{\"title\":\"a\",\"blurb\":\"short\"},{\"title\":\"b\",\"blurb\":\"far too long\"}]";
    private static final String WRAPPER = "{\"items\":";

    private static ChatRequest request() {
        return ChatRequest.builder().model("m").user("ideas").build();
    }

    private static List<Idea> jackson(String json) {
        return JsonMapper.builder().build().readValue(json, new TypeReference<List<Idea>>() {});
    }

    private static int chunk(int size, String json) {
        return size == 0 ? json.length() : size;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void aBareArray_streamsAsTheWrappedList(int size) {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(BARE, chunk(size, BARE), 10, 20);
        List<List<Idea>> partials = new ArrayList<>();
        List<Idea> result;
        try (PartialStream<List<Idea>> stream = Instructor.from(provider).responses().stream(request(), IDEAS)) {
            stream.forEach(partials::add);
            result = stream.getFinalResponse();
        }

        assertThat(result).isEqualTo(jackson(BARE));
        assertThat(partials).isNotEmpty().last().isEqualTo(result);
        if (size == 1) {
            assertThat(partials).as("partials while it streams").hasSizeGreaterThan(4);
        }
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void aBareArraysUpdates_completeTheWrappedAnswersPaths(int size) {
        assertThat(completedPaths(BARE, size))
                .contains("/0/title", "")
                .isEqualTo(completedPaths(WRAPPER + BARE + "}", size));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 0})
    void aBareArraysUpdates_areTheWrappedAnswers_partialForPartial(int size) {
        // The wrapped answer shows its list at its [; the bare one must not wait for the char after it.
        String spaced = "[\n  " + BARE.substring(1);
        String words = "[\"a\", \"b\"]";
        TypeRef<List<String>> strings = new TypeRef<>() {};

        for (String bare : List.of(BARE, spaced)) {
            assertThat(updates(IDEAS, split(size, bare)))
                    .as("%s in chunks of %d", bare, size)
                    .isEqualTo(updates(IDEAS, split(size, WRAPPER, bare, "}")));
        }
        List<String> updates = updates(strings, split(size, words));
        assertThat(updates).isEqualTo(updates(strings, split(size, WRAPPER, words, "}")));
        if (size == 1) {
            assertThat(updates).first().asString().startsWith("[] ");
        }
        // An empty list's path completes only at the end, which alone tells it from a checkbox before the wrapper.
        assertThat(values(updates(IDEAS, split(size, "[]"))))
                .isEqualTo(values(updates(IDEAS, split(size, WRAPPER, "[]", "}"))));
    }

    private static List<String> completedPaths(String answer, int size) {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, chunk(size, answer), 10, 20);
        List<String> paths = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = Instructor.from(provider).responses().stream(request(), IDEAS)) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                update.completedPaths().forEach(path -> paths.add(path.toString()));
            }
        }
        return paths;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void elements_ofABareArray_yieldsEachItem(int size) {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(BARE, chunk(size, BARE), 10, 20);
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = Instructor.from(provider).responses().stream(request(), IDEAS)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(seen);
        }

        assertThat(seen).isEqualTo(jackson(BARE));
    }

    @Test
    void aBareArraysViolations_haveTheWrappedAnswersPaths_finallyAndWhileStreaming() {
        ResponseModel<List<Idea>> model = ResponseModel.of(IDEAS);
        String wrapped = WRAPPER + BROKEN + "}";

        assertThat(violations(model, BROKEN))
                .isNotEmpty()
                .isEqualTo(violations(model, wrapped))
                .allMatch(line -> line.startsWith("/items/1/blurb "));
        assertThat(streamed(model, BROKEN).stream().map(BareAnswersTest::withoutOffset))
                .isNotEmpty()
                .isEqualTo(streamed(model, wrapped).stream()
                        .map(BareAnswersTest::withoutOffset)
                        .toList());
    }

    private static String withoutOffset(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }

    @Test
    void aBareArrayBreakingAConstraint_isReaskedWithTheWrappedPath() {
        ScriptedProvider provider =
                new ScriptedProvider(Mode.JSON).answer(BROKEN).answer(BARE);

        List<Idea> result = Instructor.from(provider).responses().create(request(), IDEAS);

        assertThat(result).isEqualTo(jackson(BARE));
        assertThat(provider.requests).hasSize(2);
        assertThat(provider.requests.get(1).messages().toString()).contains("/items/1/blurb");
    }

    @Test
    void failFast_aBareListPastItsBound_failsAsTheItemStarts() {
        String one = "[{\"title\":\"a\",\"blurb\":\"short\"}]";
        ScriptedProvider provider =
                new ScriptedProvider(Mode.JSON).slowAnswer(BARE, 1, 10).answer(one);

        List<Idea> result =
                Instructor.from(provider).responses().create(request(), new TypeRef<@Size(max = 1) List<Idea>>() {});

        assertThat(result).isEqualTo(jackson(one));
        assertThat(provider.calls.get(0).cancelled).isTrue();
        assertThat(provider.calls.get(0).delivered.get())
                .as("events delivered before the abort")
                .isLessThan(provider.calls.get(0).total);
        assertThat(provider.requests.get(1).messages().toString()).contains("`/items`: size must be between 0 and 1");
    }

    @Test
    void bareScalars_areTheWrappedValue() {
        ResponseModel<String> text = ResponseModel.of(String.class);
        ResponseModel<Colour> colour = ResponseModel.of(Colour.class);
        ResponseModel<Integer> number = ResponseModel.of(int.class);

        assertThat(text.parseAndValidate("\"hello\"", ValidationContext.empty()))
                .isEqualTo("hello");
        assertThat(colour.parseAndValidate("\"GREEN\"", ValidationContext.empty()))
                .isEqualTo(Colour.GREEN);
        assertThat(number.parseAndValidate("42", ValidationContext.empty())).isEqualTo(42);
        assertThat(violations(text, "null")).isNotEmpty().isEqualTo(violations(text, "{\"value\":null}"));
        assertThat(violations(colour, "\"BLUE\"")).isNotEmpty().allMatch(line -> line.startsWith("/value "));
    }

    @Test
    void aBareScalarInAJsonFence_streamsAsTheWrappedValue() {
        String answer = "Here it is:\n```json\n\"hello there\"\n```\n";
        ScriptedProvider provider = new ScriptedProvider(Mode.MD_JSON)
                .answer(answer, 1, 10, 20)
                .answer("```json\n\"GREEN\"\n```", 2, 10, 20)
                .answer("```json\n42\n```", 2, 10, 20);
        Instructor client = Instructor.from(provider);
        List<String> partials = new ArrayList<>();

        try (PartialStream<String> stream = client.responses().stream(request(), String.class)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo("hello there");
        }
        assertThat(partials).contains("hello").last().isEqualTo("hello there");
        assertThat(client.responses().create(request(), Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(client.responses().create(request(), int.class)).isEqualTo(42);
        assertThat(provider.requests).as("none re-asked").hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void inJsonMode_aBareScalarOrArrayOfScalars_isReadFromTheFirstChar(int size) {
        String text = " \"hello there\"\n";
        String words = "\n[\"a\", \"b\"]";
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer(text, chunk(size, text), 10, 20)
                .answer(words, chunk(size, words), 10, 20)
                .answer("-42", chunk(size, "-42"), 10, 20);
        Instructor client = Instructor.from(provider);
        List<String> partials = new ArrayList<>();

        try (PartialStream<String> stream = client.responses().stream(request(), String.class)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo("hello there");
        }
        assertThat(partials).last().isEqualTo("hello there");
        if (size == 1) {
            assertThat(partials).contains("hello");
        }
        assertThat(client.responses().create(request(), new TypeRef<List<String>>() {}))
                .containsExactly("a", "b");
        assertThat(client.responses().create(request(), int.class)).isEqualTo(-42);
        assertThat(provider.requests).as("none re-asked").hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void inJsonMode_textAfterABareScalar_isIgnored_asAfterAWrappedOne(int size) {
        // The lenient parser ignores what follows the wrapper object; a scalar written bare ends as early.
        String bare = "\"hello\"\nHope this helps!";
        String wrapped = "{\"value\":\"hello\"}\nHope this helps!";

        assertThat(scalarUpdates(bare, size))
                .as("not re-asked, same updates")
                .isEqualTo(scalarUpdates(wrapped, size))
                .last()
                .isEqualTo("1 [] hello final");
    }

    private static List<String> scalarUpdates(String answer, int size) {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer(answer, chunk(size, answer), 10, 20)
                .answer("\"second attempt\"");
        List<String> updates = new ArrayList<>();
        try (PartialStream<String> stream = Instructor.from(provider).responses().stream(request(), String.class)) {
            for (PartialUpdate<String> update : stream.updates()) {
                updates.add(update.attempt() + " " + update.completedPaths() + " " + update.value()
                        + (update.isFinal() ? " final" : ""));
            }
        }
        return updates;
    }

    @Test
    void inJsonMode_aByteOrderMarkBeforeABareValue_isSkipped() {
        // The parsers accept a BOM at the very start, as Jackson does, wherever the first delta ends.
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .deltas("\uFEFF", "\"hello\"")
                .deltas("\uFEFF \"hello\"")
                .deltas("\uFEFF[\"a\",", "\"b\"]");
        Instructor client = Instructor.from(provider);

        assertThat(client.responses().create(request(), String.class)).isEqualTo("hello");
        assertThat(client.responses().create(request(), String.class)).isEqualTo("hello");
        assertThat(client.responses().create(request(), new TypeRef<List<String>>() {}))
                .containsExactly("a", "b");
        assertThat(provider.requests).as("none re-asked").hasSize(3);
    }

    @Test
    void inMdJsonMode_proseThatStartsLikeAValue_isStillProse() {
        String answer = "1. the idea:\n```json\n{\"value\":\"hello\"}\n```";
        ScriptedProvider provider = new ScriptedProvider(Mode.MD_JSON).answer(answer);

        assertThat(Instructor.from(provider).responses().create(request(), String.class))
                .isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the ideas: ", "1 idea first, then more: ", "no doubt, here: "})
    void inJsonMode_proseBeforeAWrappedList_thatStartsLikeAScalar_isStillProse(String prose) {
        // Only an array can be a list written bare: prose from a model that ignores JSON mode is skipped as ever.
        String answer = prose + WRAPPER + BARE + "}";
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, 3, 10, 20);

        assertThat(Instructor.from(provider).responses().create(request(), IDEAS))
                .isEqualTo(jackson(BARE));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1] Here is the JSON: ", "[ ] ", "[]\n", "[note] the ideas: ", "[\"draft\"] "})
    void inJsonMode_proseBeforeAWrappedList_thatStartsLikeAnArray_isStillProse(String prose) {
        // A footnote, a checkbox or a tag before the wrapper: no list of objects is written so.
        String answer = prose + WRAPPER + BARE + "}";
        for (int size : new int[] {1, 2, 3, answer.length()}) {
            ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, size, 10, 20);

            assertThat(Instructor.from(provider).responses().create(request(), IDEAS))
                    .as("chunks of %d", size)
                    .isEqualTo(jackson(BARE));
            assertThat(provider.requests).as("not re-asked").hasSize(1);
            // The leading [ shows the list open and empty, until the prose shows it is no list.
            assertThat(afterEmpty(updates(IDEAS, split(size, prose, WRAPPER + BARE + "}"))))
                    .as("chunks of %d", size)
                    .isEqualTo(afterEmpty(updates(IDEAS, split(size, WRAPPER + BARE + "}"))));
        }
    }

    /** The updates without their completed paths. */
    private static List<String> values(List<String> updates) {
        return updates.stream()
                .map(update -> update.replaceAll(" \\[[^\\]]*\\] Optional", " Optional"))
                .toList();
    }

    /** The updates from the first that shows an item, or the final one. */
    private static List<String> afterEmpty(List<String> updates) {
        int first = 0;
        while (first < updates.size() - 1 && updates.get(first).startsWith("[] ")) {
            first++;
        }
        return updates.subList(first, updates.size());
    }

    /** Each part cut in chunks of {@code size} chars (the whole part for 0), so that parts chunk alike after others. */
    private static String[] split(int size, String... parts) {
        List<String> deltas = new ArrayList<>();
        for (String part : parts) {
            int chunk = chunk(size, part);
            for (int at = 0; at < part.length(); at += chunk) {
                deltas.add(part.substring(at, Math.min(at + chunk, part.length())));
            }
        }
        return deltas.toArray(String[]::new);
    }

    /** Each update's value, completed and active paths, for an answer in {@code deltas}. */
    private static <T> List<String> updates(TypeRef<T> type, String... deltas) {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).deltas(deltas);
        List<String> updates = new ArrayList<>();
        try (PartialStream<T> stream = Instructor.from(provider).responses().stream(request(), type)) {
            for (PartialUpdate<T> update : stream.updates()) {
                updates.add(update.value() + " " + update.completedPaths() + " " + update.activePath()
                        + (update.isFinal() ? " final" : ""));
            }
        }
        return updates;
    }

    @ParameterizedTest
    @ValueSource(strings = {"[ ] ", "[]\n", "[note] the words: "})
    void inJsonMode_proseBeforeAWrappedListOfScalars_thatStartsLikeAnArray_isStillProse(String prose) {
        String answer = prose + "{\"items\":[\"a\",\"b\"]}";
        for (int size : new int[] {1, 2, 3, answer.length()}) {
            ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, size, 10, 20);

            assertThat(Instructor.from(provider).responses().create(request(), new TypeRef<List<String>>() {}))
                    .as("chunks of %d", size)
                    .containsExactly("a", "b");
            assertThat(provider.requests).as("not re-asked").hasSize(1);
            String wrapped = "{\"items\":[\"a\",\"b\"]}";
            assertThat(afterEmpty(updates(new TypeRef<List<String>>() {}, split(size, prose, wrapped))))
                    .as("chunks of %d", size)
                    .isEqualTo(afterEmpty(updates(new TypeRef<List<String>>() {}, split(size, wrapped))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", " [ ]\n", "[\n]\nThere are none.", "[\n  {\"title\":\"a\",\"blurb\":\"short\"}\n]"})
    void inJsonMode_aBareArray_isStillTheList(String answer) {
        String json = answer.substring(0, answer.lastIndexOf(']') + 1);
        for (int size : new int[] {1, 2, 3, answer.length()}) {
            ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, size, 10, 20);

            assertThat(Instructor.from(provider).responses().create(request(), IDEAS))
                    .as("chunks of %d", size)
                    .isEqualTo(jackson(json));
            assertThat(provider.requests).as("not re-asked").hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"the value: ", "1. value: ", "- value: ", "no doubt, here: "})
    void inJsonMode_proseBeforeAWrappedScalar_thatStartsLikeAScalar_isStillProse(String prose) {
        // Prose from a model that ignores JSON mode, read as a scalar written bare, fails before any value: it is
        // prose, and the wrapper is looked for after it as before.
        String answer = prose + "{\"value\":\"hello\"}";
        for (int size : new int[] {1, 3, answer.length()}) {
            ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, size, 10, 20);

            assertThat(Instructor.from(provider).responses().create(request(), String.class))
                    .isEqualTo("hello");
            assertThat(provider.requests).as("not re-asked").hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"items\":" + BARE + "}", BARE})
    void inJsonMode_aMagistralReasoningBlockFirst_isSkipped_beforeAWrappedOrBareList(String json) {
        // [THINK] starts like an array: the bare-array parser must still take it for a reasoning block.
        String answer = "[THINK]Two ideas [a, b], short ones.[/THINK]" + json;
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(answer, 2, 10, 20);

        assertThat(Instructor.from(provider).responses().create(request(), IDEAS))
                .isEqualTo(jackson(BARE));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    @Test
    void aBareArrayInAJsonFence_isReadInMdJsonMode() {
        String answer = "Sure! Here are two ideas [1]:\n```json\n" + BARE + "\n```\nEnjoy.";
        ScriptedProvider provider = new ScriptedProvider(Mode.MD_JSON).answer(answer, 2, 10, 20);

        assertThat(Instructor.from(provider).responses().create(request(), IDEAS))
                .isEqualTo(jackson(BARE));
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void aWrappedAnswer_isReadAsBefore() {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer(WRAPPER + BARE + "}", 1, 10, 20)
                .answer("{\"value\":\"hello\"}");
        Instructor client = Instructor.from(provider);

        assertThat(client.responses().create(request(), IDEAS)).isEqualTo(jackson(BARE));
        assertThat(client.responses().create(request(), String.class)).isEqualTo("hello");
        assertThat(provider.requests).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void aBareSingleValue_forAListThatAcceptsOne_isStreamedAsParseReadsIt(int size) {
        // Under ACCEPT_SINGLE_VALUE_AS_ARRAY, Jackson reads a lone value as a list of it: parse takes one written
        // bare, and so must the stream rather than re-ask.
        JsonMapper single = JsonMapper.builder()
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
        ResponseModel<List<String>> words = ResponseModel.builder(new TypeRef<List<String>>() {})
                .mapper(single)
                .build();
        ResponseModel<List<Integer>> numbers = ResponseModel.builder(new TypeRef<List<Integer>>() {})
                .mapper(single)
                .build();
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer("\"hello\"", chunk(size, "\"hello\""), 10, 20)
                .answer("42\n", chunk(size, "42\n"), 10, 20);
        Instructor client = Instructor.from(provider);

        assertThat(client.responses().create(request(), words)).isEqualTo(words.parse("\"hello\""));
        assertThat(client.responses().create(request(), numbers)).isEqualTo(numbers.parse("42"));
        assertThat(provider.requests).as("none re-asked").hasSize(2);
    }

    @Test
    void aBareSingleValue_forAListThatAcceptsNone_isRejectedByBoth() {
        // Without the feature, prose that starts like a scalar is still skipped for a list, and parse refuses it.
        ResponseModel<List<String>> words = ResponseModel.of(new TypeRef<List<String>>() {});
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer("1 word first: {\"items\":[\"a\"]}")
                .answer("\"hello\"")
                .answer("{\"items\":[\"b\"]}");

        assertThatThrownBy(() -> words.parse("\"hello\"")).isInstanceOf(ValidationException.class);
        assertThat(Instructor.from(provider).responses().create(request(), words))
                .containsExactly("a");
        assertThat(Instructor.from(provider).responses().create(request(), words))
                .containsExactly("b");
        assertThat(provider.requests).as("the bare value re-asked").hasSize(3);
    }

    @Test
    void aBareObject_forAWrappedMap_isTakenForTheWrapper() {
        // An object could be either the wrapper or a bare map: it is read as the wrapper, as it was asked for.
        ResponseModel<Map<String, Integer>> model = ResponseModel.of(new TypeRef<Map<String, Integer>>() {});

        assertThat(model.parse("{\"value\":{\"a\":1}}")).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> model.parse("{\"a\":1}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing member \"value\"");
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    sealed interface Figure permits Circle, Square {}

    record Circle(double radius) implements Figure {}

    record Square(double side) implements Figure {}

    @Test
    void aBareObject_forAWrappedMapOrUnion_isReaskedWhileStreaming_asParseRejectsIt() {
        // A map takes any object: one without the wrapper member ({"error": "..."}) would pass for it, so an object
        // is the wrapper, streamed as parsed, and the re-ask names the member.
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON)
                .answer("{\"a\":1}", 1, 10, 20)
                .answer("{\"value\":{\"a\":1}}")
                .answer("{\"type\":\"BareAnswersTest$Circle\",\"radius\":2.0}", 1, 10, 20)
                .answer("{\"value\":{\"type\":\"BareAnswersTest$Circle\",\"radius\":2.0}}");
        Instructor client = Instructor.from(provider);

        assertThat(client.responses().create(request(), new TypeRef<Map<String, Integer>>() {}))
                .isEqualTo(Map.of("a", 1));
        assertThat(client.responses().create(request(), Figure.class)).isEqualTo(new Circle(2.0));
        assertThat(provider.requests).hasSize(4);
        assertThat(provider.requests.get(1).messages().toString()).contains("missing member \"value\"");
        assertThat(provider.requests.get(3).messages().toString()).contains("missing member \"value\"");
    }

    @Test
    void inToolsMode_theReaskShowsABareAnswerWrapped_asToolArgumentsMustBeAnObject() {
        ScriptedProvider provider =
                new ScriptedProvider(Mode.TOOLS).toolAnswer("c1", BROKEN).toolAnswer("c2", BARE);

        List<Idea> result = Instructor.from(provider).responses().create(request(), IDEAS);

        assertThat(result).isEqualTo(jackson(BARE));
        List<Message> reask = provider.requests.get(1).messages();
        assertThat(reask)
                .filteredOn(Message.ToolCallMessage.class::isInstance)
                .map(message -> ((Message.ToolCallMessage) message).arguments())
                .as("the answer up to where fail-fast stopped it, wrapped")
                .singleElement()
                .satisfies(arguments -> assertThat(arguments).startsWith(WRAPPER + "[{\"title\":\"a\""))
                .satisfies(arguments -> assertThat(JsonMapper.builder()
                                .build()
                                .readTree(arguments)
                                .at("/items/1/title")
                                .asString())
                        .isEqualTo("b"));
        assertThat(reask.toString()).contains("/items/1/blurb");
    }
}
