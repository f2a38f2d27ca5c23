package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.TruncatedException;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponsesStreamTest {
    record Idea(String title, @Size(max = 20) String blurb) {}

    record Recipe(String name, @Min(1) int prepTimeMinutes) {}

    record Dish(String name, @JsonAlias("minutes") @Min(1) int prepTimeMinutes) {}

    static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};

    static final String GOOD = "{\"items\":[{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas fast\"},"
            + "{\"title\":\"Think Ink\",\"blurb\":\"Messy to organized\"}]}";

    static final String TOO_LONG = "{\"items\":[{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas at the speed of"
            + " thought, every single time you have one\"},{\"title\":\"Think Ink\",\"blurb\":\"x\"}]}";

    static final List<Idea> EXPECTED =
            List.of(new Idea("Note Ninja", "Capture ideas fast"), new Idea("Think Ink", "Messy to organized"));

    static ChatRequest request() {
        return ChatRequest.builder()
                .model("test-model")
                .user("Generate 2 marketing ideas for a note-taking app")
                .build();
    }

    @Test
    void close_endsTheIterationAtOnceThoughEventsWereAlreadyReceived() throws InterruptedException {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            java.util.Iterator<List<Idea>> partials = stream.iterator();
            assertThat(partials.hasNext()).isTrue();
            partials.next();
            Thread.sleep(200); // the provider delivers the rest of its answer into the stream meanwhile

            stream.close();

            assertThat(partials.hasNext()).as("no partial after close").isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(stream::getFinalResponse)
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
        }
    }

    /** A bean built by a creator, whose other property Jackson sets from the first of its repeated members. */
    public static final class Badge {
        private final String id;
        public String label;

        @com.fasterxml.jackson.annotation.JsonCreator
        Badge(@com.fasterxml.jackson.annotation.JsonProperty("id") String id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Badge badge
                    && java.util.Objects.equals(id, badge.id)
                    && java.util.Objects.equals(label, badge.label);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, label);
        }

        @Override
        public String toString() {
            return "Badge[" + id + ", " + label + "]";
        }
    }

    @Test
    void stream_repeatedMember_finalIsJacksonsBindingOfTheAnswerAsWritten() {
        String answer = "{\"items\":[{\"id\":\"b\",\"label\":\"first\",\"label\":\"second\"}]}";
        TypeRef<List<Badge>> badges = new TypeRef<>() {};
        Instructor client = Instructor.from(new ScriptedProvider().answer(answer));
        List<List<Badge>> partials = new ArrayList<>();
        try (PartialStream<List<Badge>> stream = client.responses().stream(request(), badges)) {
            stream.forEach(partials::add);
            List<Badge> done = stream.getFinalResponse();

            assertThat(done).isEqualTo(ResponseModel.of(badges).parse(answer));
            assertThat(done.get(0).label).isEqualTo("first");
            assertThat(partials).last().isEqualTo(done);
            assertThat(partials).noneMatch(partial -> !partial.isEmpty() && "second".equals(partial.get(0).label));
        }
    }

    @Test
    void stream_partialsGrowToTheValidatedFinal() {
        ScriptedProvider provider = new ScriptedProvider().answer(GOOD);
        Instructor client = Instructor.from(provider);
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            for (List<Idea> partial : stream) {
                partials.add(partial);
            }
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED);
            assertThat(stream.usage()).isEqualTo(new Usage(10, 20, 30));
        }
        assertThat(partials).last().isEqualTo(EXPECTED);
        assertThat(partials).hasSizeGreaterThan(10);
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i))
                    .as("partial %d differs from the one before", i)
                    .isNotEqualTo(partials.get(i - 1));
            assertThat(partials.get(i).size())
                    .isGreaterThanOrEqualTo(partials.get(i - 1).size());
        }
        assertThat(partials).contains(List.of(new Idea("Note Ninja", "Capture")));
        assertThat(provider.requests.get(0).schemaName()).isEqualTo("ListOfIdea");
        assertThat(provider.requests.get(0).schema().toString()).contains("\"items\"");
    }

    @Test
    void updates_speakInTheCallersTermsWithTheWrapperRemoved() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 4, 1, 1));
        List<PartialUpdate<List<Idea>>> updates = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            stream.updates().forEach(updates::add);
        }

        assertThat(updates).allSatisfy(u -> assertThat(u.json().type()).isEqualTo(dev.instructor.json.JsonType.ARRAY));
        assertThat(updates).anySatisfy(u -> assertThat(u.activePath())
                .contains(dev.instructor.json.JsonPointer.parse("/0/title")));
        List<String> completed = updates.stream()
                .flatMap(u -> u.completedPaths().stream())
                .map(Object::toString)
                .toList();
        assertThat(completed)
                .contains("/0/title", "/0/blurb", "/0", "/1/title", "/1", "")
                .doesNotContain("/items");
        assertThat(completed).filteredOn("/0"::equals).hasSize(1);
        PartialUpdate<List<Idea>> last = updates.get(updates.size() - 1);
        assertThat(last.isFinal()).isTrue();
        assertThat(last.activePath()).isEmpty();
        assertThat(last.json().isComplete()).isTrue();
        assertThat(last.json().toJson()).isEqualTo(GOOD.substring("{\"items\":".length(), GOOD.length() - 1));
        assertThat(updates.subList(0, updates.size() - 1)).noneMatch(PartialUpdate::isFinal);
    }

    @Test
    void customValidator_seesTheRequestsContextAndItsViolationsAreReasked() {
        String other = "{\"items\":[{\"title\":\"Memo Mate\",\"blurb\":\"Never forget\"}]}";
        ScriptedProvider provider = new ScriptedProvider().answer(GOOD).answer(other);
        Instructor client = Instructor.from(provider);
        ResponseModel<List<Idea>> model = ResponseModel.builder(IDEAS)
                .validator((ideas, context) -> {
                    String banned = context.get("banned", String.class).orElseThrow();
                    List<Violation> violations = new ArrayList<>();
                    for (int i = 0; i < ideas.size(); i++) {
                        if (ideas.get(i).title().contains(banned)) {
                            violations.add(Violation.of("/" + i + "/title", "must not mention " + banned));
                        }
                    }
                    return violations;
                })
                .build();
        ChatRequest request = request().toBuilder()
                .validationContext(ValidationContext.of(java.util.Map.of("banned", "Think")))
                .build();

        List<Idea> ideas = client.responses().create(request, model);

        assertThat(ideas).containsExactly(new Idea("Memo Mate", "Never forget"));
        assertThat(provider.requests.get(1).messages().toString()).contains("`/items/1/title`: must not mention Think");
    }

    @Test
    void customValidator_throwingValidationException_isReaskedWithItsViolations() {
        String other = "{\"items\":[{\"title\":\"Memo Mate\",\"blurb\":\"Never forget\"}]}";
        ScriptedProvider provider = new ScriptedProvider().answer(GOOD).answer(other);
        ResponseModel<List<Idea>> model = ResponseModel.builder(IDEAS)
                .validator((ideas, context) -> {
                    if (ideas.size() > 1) {
                        throw new ValidationException(List.of(Violation.of("", "one idea only")));
                    }
                    return List.of();
                })
                .build();

        List<Idea> ideas = Instructor.from(provider).responses().create(request(), model);

        assertThat(ideas).containsExactly(new Idea("Memo Mate", "Never forget"));
        // The value's root is the wrapper member in the answer the model wrote, as for a violation returned.
        assertThat(provider.requests.get(1).messages().toString()).contains("`/items`: one idea only");
    }

    @Test
    void emptyAnswer_isReaskedSayingItWasEmpty_notAsJsonEndingAtOffsetZero() {
        ScriptedProvider provider = new ScriptedProvider().deltas().answer(GOOD).deltas();
        Instructor client = Instructor.from(provider);
        ChatRequest text = request().toBuilder().mode(Mode.JSON).build();
        ChatRequest tool = request().toBuilder().mode(Mode.TOOLS).build();

        client.responses().create(text, IDEAS);
        InstructorRetryException failure = catchThrowableOfType(InstructorRetryException.class, () -> client.responses()
                .create(tool.toBuilder().maxRetries(0).build(), IDEAS));

        assertThat(provider.requests.get(1).messages().toString()).contains("the answer was empty");
        // In TOOLS mode the answer is the call's arguments: a model that called no tool (it wrote text, say) sent none.
        assertThat(failure.lastViolations().get(0).message()).contains("the answer was empty", "no call of the tool");
    }

    @Test
    void reask_outsideToolsMode_asksForTheJsonAgain_withNoFunctionToRecall() {
        ScriptedProvider provider = new ScriptedProvider()
                .answer(TOO_LONG)
                .answer(GOOD)
                .answer(TOO_LONG)
                .answer(GOOD);
        Instructor client =
                Instructor.builder().provider(provider).failFast(false).build();

        client.responses().create(request().toBuilder().mode(Mode.JSON).build(), IDEAS);
        client.responses().create(request().toBuilder().mode(Mode.TOOLS).build(), IDEAS);

        // A JSON mode's conversation holds no function call: the model wrote text, and is asked for it again.
        assertThat(provider.requests.get(1).messages().toString())
                .contains("answer again with the whole corrected JSON")
                .doesNotContain("function");
        assertThat(provider.requests.get(3).messages().toString()).contains("Recall the function correctly");
    }

    @Test
    void create_returnsTheValidatedValue() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));

        assertThat(client.responses().create(request(), IDEAS)).isEqualTo(EXPECTED);
    }

    @Test
    void stream_reasksWithTheViolationsWhenTheFinalValueIsInvalid() {
        ScriptedProvider provider = new ScriptedProvider().answer(TOO_LONG).answer(GOOD);
        Instructor client =
                Instructor.builder().provider(provider).failFast(false).build();
        List<Integer> attempts = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                attempts.add(update.attempt());
            }
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED);
            assertThat(stream.usagePerAttempt()).containsExactly(new Usage(10, 20, 30), new Usage(10, 20, 30));
            assertThat(stream.usage()).isEqualTo(new Usage(20, 40, 60));
        }
        assertThat(attempts).first().isEqualTo(1);
        assertThat(attempts).last().isEqualTo(2);
        assertThat(attempts).isSorted();
        List<Message> second = provider.requests.get(1).messages();
        assertThat(second).hasSize(3);
        assertThat(second.get(1)).isEqualTo(Message.assistant(TOO_LONG));
        assertThat(((Message.UserMessage) second.get(2)).text())
                .contains("`/items/0/blurb`: size must be between 0 and 20");
    }

    @Test
    void reask_namesTheAliasTheModelWrote_finalAndFailFast() {
        for (boolean failFast : new boolean[] {false, true}) {
            ScriptedProvider provider = new ScriptedProvider()
                    .answer("{\"name\":\"Soup\",\"minutes\":0}")
                    .answer("{\"name\":\"Soup\",\"minutes\":5}");
            Instructor client =
                    Instructor.builder().provider(provider).failFast(failFast).build();

            assertThat(client.responses().create(request(), Dish.class)).isEqualTo(new Dish("Soup", 5));
            assertThat(((Message.UserMessage)
                                    provider.requests.get(1).messages().get(2))
                            .text())
                    .as("fail-fast %s", failFast)
                    .contains("`/minutes`: must be greater than or equal to 1")
                    .doesNotContain("/prepTimeMinutes");
        }
    }

    @Test
    void stream_failFastAbortsTheAttemptAtTheFirstBrokenConstraint() {
        // Twenty more items after the broken blurb: a reader held up by a busy machine for a few hundred
        // milliseconds still stops the answer well before its middle.
        String tooLongThenMore = TOO_LONG.replace("]}", ",{\"title\":\"More\",\"blurb\":\"x\"}".repeat(20) + "]}");
        ScriptedProvider provider =
                new ScriptedProvider().slowAnswer(tooLongThenMore, 1, 1).answer(GOOD);
        Instructor client = Instructor.from(provider);
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED);
        }
        ScriptedProvider.Played first = provider.calls.get(0);
        assertThat(first.cancelled).isTrue();
        // The blurb passes 20 chars about 60 chars into a ~720-char answer.
        assertThat(first.delivered.get()).isLessThan(first.total / 2);
        assertThat(provider.requests).hasSize(2);
        assertThat(provider.requests.get(1).messages().toString()).contains("size must be between 0 and 20");
    }

    @Test
    void stream_toolsModeReasksWithAnErrorToolResult() {
        ScriptedProvider provider = new ScriptedProvider(Mode.TOOLS)
                .toolAnswer("call_1", "{\"name\":\"Soup\",\"prepTimeMinutes\":0}")
                .toolAnswer("call_2", "{\"name\":\"Soup\",\"prepTimeMinutes\":5}");
        Instructor client = Instructor.from(provider);

        Recipe recipe = client.responses().create(request(), Recipe.class);

        assertThat(recipe).isEqualTo(new Recipe("Soup", 5));
        List<Message> second = provider.requests.get(1).messages();
        assertThat(second.get(1))
                .isEqualTo(
                        new Message.ToolCallMessage("call_1", "Recipe", "{\"name\":\"Soup\",\"prepTimeMinutes\":0}"));
        Message.ToolResultMessage result = (Message.ToolResultMessage) second.get(2);
        assertThat(result.error()).isTrue();
        assertThat(result.id()).isEqualTo("call_1");
        assertThat(result.content()).contains("`/prepTimeMinutes`: must be greater than or equal to 1");
    }

    @Test
    void stream_toolsModeReask_showsTheModelAKeyItRepeatedAsItWroteIt() {
        // Jackson reads both values of the repeated key and rejects the first: the answer shown back must hold it.
        String repeated = "{\"name\":\"Soup\",\"prepTimeMinutes\":\"ten\",\"prepTimeMinutes\":5}";
        ScriptedProvider provider = new ScriptedProvider(Mode.TOOLS)
                .toolAnswer("call_1", repeated)
                .toolAnswer("call_2", "{\"name\":\"Soup\",\"prepTimeMinutes\":5}");

        Instructor.from(provider).responses().create(request(), Recipe.class);

        List<Message> second = provider.requests.get(1).messages();
        assertThat(((Message.ToolResultMessage) second.get(2)).content()).contains("ten");
        assertThat(((Message.ToolCallMessage) second.get(1)).arguments()).isEqualTo(repeated);
    }

    @Test
    void stream_toolsModeReask_aCallWithAnEmptyId_getsOneThatPairsTheResult() {
        ScriptedProvider provider = new ScriptedProvider(Mode.TOOLS)
                .toolAnswer("", "{\"name\":\"Soup\",\"prepTimeMinutes\":0}")
                .toolAnswer("", "{\"name\":\"Soup\",\"prepTimeMinutes\":5}");

        Instructor.from(provider).responses().create(request(), Recipe.class);

        List<Message> second = provider.requests.get(1).messages();
        assertThat(((Message.ToolCallMessage) second.get(1)).id()).isEqualTo("call_1");
        assertThat(((Message.ToolResultMessage) second.get(2)).id()).isEqualTo("call_1");
    }

    @Test
    void stream_toolsModeReaskKeepsTheCallsSignature() {
        ScriptedProvider provider = new ScriptedProvider(Mode.TOOLS)
                .toolAnswer("call_1", "sig-1", "{\"name\":\"Soup\",\"prepTimeMinutes\":0}")
                .toolAnswer("call_2", "{\"name\":\"Soup\",\"prepTimeMinutes\":5}");
        Instructor client = Instructor.from(provider);

        client.responses().create(request(), Recipe.class);

        Message.ToolCallMessage replayed =
                (Message.ToolCallMessage) provider.requests.get(1).messages().get(1);
        assertThat(replayed.signature()).isEqualTo("sig-1");
    }

    @Test
    void stream_allAttemptsFailingThrowsWithEveryAttemptsViolationsAndTotalUsage() {
        ScriptedProvider provider =
                new ScriptedProvider().answer(TOO_LONG).answer(TOO_LONG).answer(TOO_LONG);
        Instructor client = Instructor.from(provider);
        ChatRequest request =
                request().toBuilder().maxRetries(2).failFast(false).build();

        assertThatThrownBy(() -> client.responses().create(request, IDEAS))
                .isInstanceOfSatisfying(InstructorRetryException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.violationsPerAttempt())
                            .allSatisfy(v -> assertThat(Violation.render(v)).contains("/items/0/blurb"));
                    assertThat(e.lastOutput()).startsWith("{\"items\":[{\"title\":\"Note Ninja\"");
                    assertThat(e.usage()).isEqualTo(new Usage(30, 60, 90));
                });
        assertThat(provider.requests).hasSize(3);
    }

    @Test
    void stream_allAttemptsFailingKeepsEachAttemptsOutputViolationsAndUsage() {
        String second = TOO_LONG.replace("Note Ninja", "Idea Vault");
        String third = TOO_LONG.replace("Note Ninja", "Mind Map");
        ScriptedProvider provider = new ScriptedProvider()
                .answer(TOO_LONG, 3, 10, 20)
                .answer(second, 5, 11, 22)
                .answer(third, 7, 12, 24);
        Instructor client = Instructor.from(provider);
        ChatRequest request =
                request().toBuilder().maxRetries(2).failFast(false).build();

        assertThatThrownBy(() -> client.responses().create(request, IDEAS))
                .isInstanceOfSatisfying(InstructorRetryException.class, e -> {
                    assertThat(e.failedAttempts())
                            .extracting(FailedAttempt::number)
                            .containsExactly(1, 2, 3);
                    assertThat(e.failedAttempts())
                            .extracting(FailedAttempt::output)
                            .containsExactly(TOO_LONG, second, third);
                    assertThat(e.failedAttempts())
                            .extracting(FailedAttempt::usage)
                            .containsExactly(new Usage(10, 20, 30), new Usage(11, 22, 33), new Usage(12, 24, 36));
                    assertThat(e.failedAttempts())
                            .extracting(FailedAttempt::violations)
                            .containsExactlyElementsOf(e.violationsPerAttempt());
                    assertThat(e.lastOutput()).isEqualTo(third);
                    assertThat(e.usage()).isEqualTo(new Usage(33, 66, 99));
                });
    }

    @Test
    void stream_attemptStoppedByFailFast_reportsTheOutputSoFarAndNoTokens() {
        ScriptedProvider provider = new ScriptedProvider().answer(TOO_LONG, 2, 10, 20);
        Instructor client = Instructor.from(provider);
        ChatRequest request = request().toBuilder().maxRetries(0).failFast(true).build();

        InstructorRetryException failure = catchThrowableOfType(
                InstructorRetryException.class, () -> client.responses().create(request, IDEAS));

        FailedAttempt only = failure.failedAttempts().get(0);
        // Stopped once the blurb passed its bound: the output reaches into it and stops before the answer's end.
        assertThat(TOO_LONG).startsWith(only.output());
        assertThat(only.output()).contains("\"blurb\":\"Capture ideas").hasSizeLessThan(TOO_LONG.length());
        assertThat(only.usage()).isEqualTo(Usage.ZERO);
        assertThat(failure.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void stream_truncationIsTypedAndNotReasked() {
        ScriptedProvider provider = new ScriptedProvider().truncated("{\"items\":[{\"title\":\"No");
        Instructor client = Instructor.from(provider);

        assertThatThrownBy(() -> client.responses().create(request(), IDEAS)).isInstanceOf(TruncatedException.class);
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void stream_refusalIsTypedAndNotReasked() {
        ScriptedProvider provider = new ScriptedProvider().refused("I can't help with that.");
        Instructor client = Instructor.from(provider);

        assertThatThrownBy(() -> client.responses().create(request(), IDEAS))
                .isInstanceOfSatisfying(dev.instructor.spi.RefusalException.class, e -> assertThat(e.refusal())
                        .isEqualTo("I can't help with that."));
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void elements_yieldsEachCompleteItemOnce() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD, 2, 1, 1));
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            for (Idea idea : stream.elements(Idea.class)) {
                seen.add(idea);
            }
            assertThat(stream.getFinalResponse()).isEqualTo(seen);
        }
        assertThat(seen).isEqualTo(EXPECTED);
    }

    @Test
    void elements_stayInOrderAcrossAReask() {
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"" + "b".repeat(30)
                + "\"},{\"title\":\"C\",\"blurb\":\"c\"}]}";
        String good = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"}]}";
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(bad).answer(good))
                .failFast(false)
                .build();
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(seen);
        }
        // The broken B held C back; the second attempt delivered both, after A of the first.
        assertThat(seen).containsExactly(new Idea("A", "a"), new Idea("B", "b"), new Idea("C", "c"));
    }

    @Test
    void elements_whenJacksonSkipsNullItems_holdBackAnItemThatBrokeAConstraint() {
        // Jackson leaves the null out of the list, so B is its second item but the JSON array's third: B must be
        // judged by the third, which broke @Size, not by the null.
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forContentNulls(Nulls.SKIP))
                .build();
        ResponseModel<List<Idea>> model =
                ResponseModel.builder(IDEAS).mapper(mapper).build();
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},null,{\"title\":\"B\",\"blurb\":\"" + "b".repeat(30)
                + "\"},{\"title\":\"C\",\"blurb\":\"c\"}]}";
        String good = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"}]}";
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(bad, 1, 1, 1).answer(good, 1, 1, 1))
                .failFast(false)
                .build();
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), model)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(seen);
        }
        assertThat(seen).containsExactly(new Idea("A", "a"), new Idea("B", "b"), new Idea("C", "c"));
    }

    @Test
    void elements_ofASet_areItsDistinctItemsOnceEachIsComplete() {
        // A set drops the repeated A, so its positions are not the JSON array's: B is the set's second item.
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"A\",\"blurb\":\"a\"},"
                + "{\"title\":\"B\",\"blurb\":\"b\"}]}";
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 1, 1, 1));
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<Set<Idea>> stream = client.responses().stream(request(), new TypeRef<Set<Idea>>() {})) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).containsExactlyInAnyOrderElementsOf(seen);
        }
        assertThat(seen).containsExactly(new Idea("A", "a"), new Idea("B", "b"));
    }

    @Test
    void elements_ofASet_holdBackAnItemThatBrokeAConstraint() {
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"A\",\"blurb\":\"a\"},"
                + "{\"title\":\"B\",\"blurb\":\"" + "b".repeat(30) + "\"},{\"title\":\"C\",\"blurb\":\"c\"}]}";
        String good = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"}]}";
        List<Idea> seen = setElementsOverAReask(bad, good);
        // The broken B held C back; the second attempt handed out both, after A of the first, and A only once.
        assertThat(seen).containsExactly(new Idea("A", "a"), new Idea("B", "b"), new Idea("C", "c"));
    }

    @Test
    void elements_ofASet_afterAReask_theNewAttemptsItemsComeFromItsFirst() {
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"X\",\"blurb\":\"x\"},"
                + "{\"title\":\"B\",\"blurb\":\"" + "b".repeat(30) + "\"}]}";
        String good = "{\"items\":[{\"title\":\"B\",\"blurb\":\"b\"},{\"title\":\"C\",\"blurb\":\"c\"},"
                + "{\"title\":\"D\",\"blurb\":\"d\"},{\"title\":\"A\",\"blurb\":\"a\"}]}";
        List<Idea> seen = setElementsOverAReask(bad, good);
        // A and X of the first attempt, then the second's in its order, A passed over: B and C need not wait for the
        // final value, which would hand them out after D.
        assertThat(seen)
                .containsExactly(
                        new Idea("A", "a"),
                        new Idea("X", "x"),
                        new Idea("B", "b"),
                        new Idea("C", "c"),
                        new Idea("D", "d"));
    }

    record Titled(@NotBlank String title, String blurb) {}

    @Test
    void elements_ofASet_holdBackABeanReportedOnTheSet_andHandOutTheGoodOnesOnce() {
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"A\",\"blurb\":\"a\"},"
                + "{\"title\":\" \",\"blurb\":\"b\"},{\"title\":\"C\",\"blurb\":\"c\"}]}";
        String good = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"}]}";
        ScriptedProvider provider = new ScriptedProvider().answer(bad, 1, 1, 1).answer(good, 1, 1, 1);
        Instructor client =
                Instructor.builder().provider(provider).failFast(false).build();
        List<Titled> seen = new ArrayList<>();
        try (PartialStream<Set<Titled>> stream = client.responses().stream(request(), new TypeRef<Set<Titled>>() {})) {
            stream.elements(Titled.class).forEach(seen::add);
            assertThat(seen).containsAll(stream.getFinalResponse());
        }
        // The blank title is reported on the set, as the final validation reports it, yet its item held C back.
        assertThat(seen).containsExactly(new Titled("A", "a"), new Titled("B", "b"), new Titled("C", "c"));
        assertThat(provider.requests.get(1).messages().toString())
                .contains("`/items`: title: must not be blank")
                .doesNotContain("/items/2");
    }

    @Test
    void failFast_ofASetOfBeans_abortsAtTheBrokenItem_andReasksNamingTheSet() {
        String bad = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\" \",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"},{\"title\":\"D\",\"blurb\":\"d\"}]}";
        String good = "{\"items\":[{\"title\":\"A\",\"blurb\":\"a\"}]}";
        ScriptedProvider provider =
                new ScriptedProvider().slowAnswer(bad, 1, 10).answer(good);
        Instructor client = Instructor.from(provider);

        try (PartialStream<Set<Titled>> stream = client.responses().stream(request(), new TypeRef<Set<Titled>>() {})) {
            assertThat(stream.getFinalResponse()).containsExactly(new Titled("A", "a"));
        }

        ScriptedProvider.Played first = provider.calls.get(0);
        assertThat(first.cancelled).isTrue();
        assertThat(first.delivered.get()).isLessThan(bad.indexOf("\"C\""));
        assertThat(provider.requests.get(1).messages().toString())
                .contains("`/items`: title: must not be blank")
                .doesNotContain("/items/1");
    }

    /** Streams a {@code Set<Idea>} answered {@code bad}, re-asked and answered {@code good}; returns its elements. */
    private static List<Idea> setElementsOverAReask(String bad, String good) {
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(bad, 1, 1, 1).answer(good, 1, 1, 1))
                .failFast(false)
                .build();
        List<Idea> seen = new ArrayList<>();
        try (PartialStream<Set<Idea>> stream = client.responses().stream(request(), new TypeRef<Set<Idea>>() {})) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(seen).containsAll(stream.getFinalResponse()); // and those of the rejected attempt handed out
        }
        return seen;
    }

    @Test
    void elements_ofAGenericElementType_takeATypeRef() {
        String json = "{\"items\":[{\"x\":{\"title\":\"A\",\"blurb\":\"a\"}},{\"y\":{\"title\":\"B\","
                + "\"blurb\":\"b\"}}]}";
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 1, 1, 1));
        List<Map<String, Idea>> seen = new ArrayList<>();
        try (PartialStream<List<Map<String, Idea>>> stream =
                client.responses().stream(request(), new TypeRef<List<Map<String, Idea>>>() {})) {
            assertThatThrownBy(() -> stream.elements(new TypeRef<Map<String, String>>() {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Map<java.lang.String, java.lang.String>");
            stream.elements(new TypeRef<Map<String, Idea>>() {}).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(seen);
        }
        assertThat(seen).containsExactly(Map.of("x", new Idea("A", "a")), Map.of("y", new Idea("B", "b")));
    }

    @Test
    void elements_asyncOfAGenericElementType_takeATypeRef() throws Exception {
        String json = "{\"items\":[[\"a\",\"b\"],[\"c\"]]}";
        Instructor client = Instructor.from(new ScriptedProvider().answer(json, 1, 1, 1));
        AsyncPartialStream<List<List<String>>> stream =
                client.responses().streamAsync(request(), new TypeRef<List<List<String>>>() {});
        AsyncResponsesTest.Recorder<List<String>> recorder = new AsyncResponsesTest.Recorder<>(Long.MAX_VALUE);

        stream.elements(new TypeRef<List<String>>() {}).subscribe(recorder);

        recorder.await();
        assertThat(recorder.items).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void elements_rejectsANonListModel() {
        Instructor client = Instructor.from(new ScriptedProvider().answer("{\"name\":\"a\",\"prepTimeMinutes\":1}"));
        try (PartialStream<Recipe> stream = client.responses().stream(request(), Recipe.class)) {
            assertThatThrownBy(() -> stream.elements(Idea.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("List<Idea>");
        }
    }

    @Test
    void partialInterval_forever_showsTheFirstPartialThenOnlyTheFinalValue() throws Exception {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        ChatRequest request = request().toBuilder().partialInterval(forever).build();
        Instructor client =
                Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 4, 1).slowAnswer(GOOD, 4, 1));
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, IDEAS)) {
            stream.forEach(partials::add);
        }
        assertThat(partials).hasSize(2).last().isEqualTo(EXPECTED);

        AsyncPartialStream<List<Idea>> async = client.responses().streamAsync(request, IDEAS);
        assertThat(async.finalResponse().get(5, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(EXPECTED);
    }

    @Test
    void elements_ofNull_throwsNullPointerExceptionNamingIt() throws Exception {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD).answer(GOOD));
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            assertThatThrownBy(() -> stream.elements((Class<Idea>) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("elementType");
            assertThatThrownBy(() -> stream.elements((TypeRef<Idea>) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("elementType");
        }
        AsyncPartialStream<List<Idea>> async = client.responses().streamAsync(request(), IDEAS);
        assertThatThrownBy(() -> async.elements((Class<Idea>) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("elementType");
        assertThatThrownBy(() -> async.elements((TypeRef<Idea>) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("elementType");
        async.finalResponse().get();
    }

    @Test
    void close_abortsTheProviderCall() {
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 2, 5);
        Instructor client = Instructor.from(provider);
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            for (List<Idea> partial : stream) {
                if (!partial.isEmpty()) {
                    break;
                }
            }
        }
        ScriptedProvider.Played call = provider.calls.get(0);
        assertThat(call.cancelled).isTrue();
        assertThat(call.delivered.get()).isLessThan(call.total);
    }

    @Test
    void iteration_interruptedWhileWaiting_abortsTheCallAndKeepsTheInterrupt() {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 2, 5);
        Instructor client = Instructor.builder()
                .provider(provider)
                .listener(new InstructorListener() {
                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }
                })
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            java.util.Iterator<List<Idea>> partials = stream.iterator();
            Thread.currentThread().interrupt();

            assertThatThrownBy(partials::hasNext).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted())
                    .as("the interrupt is kept for the caller")
                    .isTrue();
            assertThat(partials.hasNext()).isFalse();
            assertThatThrownBy(stream::getFinalResponse).isInstanceOf(CancellationException.class);
        }
        assertThat(provider.calls.get(0).cancelled).isTrue();
        assertThat(errors).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void getFinalResponse_afterCloseThrowsCancellation() {
        Instructor client = Instructor.from(new ScriptedProvider().slowAnswer(GOOD, 2, 5));
        PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS);
        stream.close();

        assertThatThrownBy(stream::getFinalResponse).isInstanceOf(CancellationException.class);
    }

    @Test
    void iterator_canBeTakenOnce() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            stream.iterator();
            assertThatThrownBy(stream::updates).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void iterator_afterGetFinalResponse_saysWhatConsumedTheStream() {
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            stream.getFinalResponse();
            stream.getFinalResponse();
            assertThatThrownBy(stream::iterator)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("getFinalResponse()");
        }
    }

    @Test
    void aValidatorThatThrows_failsTheStream_soGetFinalResponseThrowsItAgainInsteadOfWaiting() {
        IllegalStateException bug = new IllegalStateException("validator bug");
        ResponseModel<List<Idea>> model = ResponseModel.builder(IDEAS)
                .validator((ideas, context) -> {
                    throw bug;
                })
                .build();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().answer(GOOD))
                .listener(new InstructorListener() {
                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }
                })
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), model)) {
            assertThatThrownBy(() -> stream.forEach(partial -> {})).isSameAs(bug);

            assertThat(errors).as("the listener hears of the failure").containsExactly(bug);
            assertThatThrownBy(stream::getFinalResponse).isSameAs(bug);
        }
    }

    @Test
    void iterator_neverYieldsTheSameValueTwiceInARow_evenAcrossAReask() {
        // Both attempts start with the same partial: a re-ask must not show it a second time in a row.
        String rejected = "{\"name\":\"x\",\"prepTimeMinutes\":0}";
        String accepted = "{\"name\":\"x\",\"prepTimeMinutes\":7}";
        int head = "{\"name\":\"x\",\"prepTimeMinutes\":".length();
        ScriptedProvider provider =
                new ScriptedProvider().answer(rejected, head, 1, 1).answer(accepted, head, 1, 1);
        Instructor client = Instructor.from(provider);
        ChatRequest request = request().toBuilder().failFast(false).build();
        List<Recipe> partials = new ArrayList<>();
        try (PartialStream<Recipe> stream = client.responses().stream(request, Recipe.class)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo(new Recipe("x", 7));
        }

        assertThat(provider.requests).hasSize(2);
        assertThat(partials).last().isEqualTo(new Recipe("x", 7));
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).as("partial %d of %s", i, partials).isNotEqualTo(partials.get(i - 1));
        }
    }

    @Test
    void iterator_aPartialOfNoValueBetweenTwoEqualOnes_doesNotShowTheSecondAgain() {
        // Attempt 2's partial of no value ({"items":null}) is passed over, as the async stream does: it is not
        // shown, so the [] attempt 3 starts with would be [] again, right after attempt 1's.
        ScriptedProvider provider = new ScriptedProvider()
                .answer("{\"items\":[1]}", 10, 1, 1)
                .answer("{\"items\":null}", 100, 1, 1)
                .answer(GOOD, 10, 1, 1);
        Instructor client = Instructor.from(provider);
        ChatRequest request =
                request().toBuilder().failFast(false).maxRetries(2).build();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, IDEAS)) {
            stream.forEach(partials::add);
        }

        assertThat(provider.requests).hasSize(3);
        assertThat(partials).doesNotContainNull().last().isEqualTo(EXPECTED);
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).as("partial %d of %s", i, partials).isNotEqualTo(partials.get(i - 1));
        }
    }

    @Test
    void close_afterBreakingOutOfTheLoop_tellsTheListenersOfTheCancellation() {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Object> completed = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 2, 5);
        Instructor client = Instructor.builder()
                .provider(provider)
                .listener(new InstructorListener() {
                    @Override
                    public void onComplete(Object value, Usage usage) {
                        completed.add(value);
                    }

                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }
                })
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            for (List<Idea> partial : stream) {
                if (!partial.isEmpty()) {
                    break;
                }
            }
        }

        assertThat(provider.calls.get(0).cancelled).isTrue();
        assertThat(completed).isEmpty();
        assertThat(errors).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void close_fromAnotherThreadWhileTheReaderIsBusy_stillTellsTheListenersOfTheCancellation() throws Exception {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch inPartial = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        ScriptedProvider provider = new ScriptedProvider().slowAnswer(GOOD, 2, 5);
        Instructor client = Instructor.builder()
                .provider(provider)
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        inPartial.countDown();
                        try {
                            closed.await(5, java.util.concurrent.TimeUnit.SECONDS); // the reader is busy here
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }
                })
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), IDEAS)) {
            Thread closer = new Thread(() -> {
                try {
                    inPartial.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stream.close();
                closed.countDown();
            });
            closer.start();
            stream.iterator().next(); // then this reader stops reading, and leaves the block
            closer.join(5_000);
        }

        assertThat(provider.calls.get(0).cancelled).isTrue();
        assertThat(errors).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void aListenerOverflowingOnTheFinalValue_failsGetFinalResponseWithThatError() {
        ChatRequest overflowing = request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        if (update.isFinal()) {
                            throw new StackOverflowError("a listener recursed too deep");
                        }
                    }
                })
                .build();
        Instructor client = Instructor.from(new ScriptedProvider().answer(GOOD));
        try (PartialStream<List<Idea>> stream = client.responses().stream(overflowing, IDEAS)) {
            assertThatThrownBy(stream::getFinalResponse).isInstanceOf(StackOverflowError.class);
        }
    }
}
