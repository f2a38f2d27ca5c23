package dev.instructor;

import static dev.instructor.CheckRuns.streamed;
import static dev.instructor.CheckRuns.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.Nulls;
import dev.instructor.json.JsonPointer;
import dev.instructor.schema.JsonSchemas;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer is held to the {@code required} list of the schema the model was given: a required property that Jackson
 * leaves null, because the model left it out or wrote {@code null}, is reported as {@code must not be null}, finally and
 * while streaming, where the model wrote it.
 */
class RequiredPropertiesTest {
    record Idea(String title, @Size(max = 140) String blurb) {}

    record Tagged(String title, Optional<String> note, List<String> tags) {}

    record Checked(@NotBlank String title) {}

    record Loose(@JsonInclude(JsonInclude.Include.NON_NULL) String note, Object extra, JsonNode raw) {}

    record Emptied(@JsonSetter(nulls = Nulls.AS_EMPTY) String note) {}

    record Named(@JsonAlias("heading") String title) {}

    record Person(String fullName) {}

    /** A bean read through setters: only what it marks required is. */
    public static class Settings {
        private String theme;
        private String locale;

        public String getTheme() {
            return theme;
        }

        public void setTheme(String theme) {
            this.theme = theme;
        }

        @JsonProperty(required = true)
        public String getLocale() {
            return locale;
        }

        public void setLocale(String locale) {
            this.locale = locale;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Email.class)})
    sealed interface Message permits Email {}

    @JsonTypeName("email")
    record Email(String to, String subject) implements Message {}

    record Outbox(List<Message> messages) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Deposit.class)})
    sealed interface Txn permits Deposit {}

    /** Names the type id among its components, which Jackson takes for itself and passes on as null. */
    @JsonTypeName("deposit")
    record Deposit(String kind, long amount) implements Txn {}

    record Ledger(Txn txn) {}

    record Item(String id, String name) {}

    record Order(@JsonIgnoreProperties("id") Item item) {}

    record Answer<T>(String reasoning, T answer) {}

    record Address(String street, String city) {}

    record Resident(String name, @JsonUnwrapped Address address) {}

    @Test
    void aValueJacksonTakesOrDropsThoughTheModelWroteIt_isNoGap() {
        ResponseModel<Ledger> ledger = ResponseModel.of(Ledger.class);
        String deposit = "{\"txn\":{\"kind\":\"deposit\",\"amount\":5}}";
        assertThat(ledger.parse(deposit).txn()).isEqualTo(new Deposit(null, 5));
        assertThat(violations(ledger, deposit)).isEmpty();
        assertThat(streamed(ledger, deposit)).isEmpty();

        ResponseModel<Order> order = ResponseModel.of(Order.class);
        String item = "{\"item\":{\"id\":\"x\",\"name\":\"n\"}}";
        assertThat(order.parse(item).item()).isEqualTo(new Item(null, "n"));
        assertThat(violations(order, item)).isEmpty();
        assertThat(streamed(order, item)).isEmpty();
    }

    record Release(String title, Integer year, java.time.LocalDate released) {}

    @Test
    void aWrittenValueJacksonReadsAsNull_isAGap_finallyAndWhenItsObjectCompletes() {
        ResponseModel<Release> model = ResponseModel.of(Release.class);
        String emptyYear = "{\"title\":\"t\",\"year\":\"\",\"released\":\"2020-01-01\"}";
        String emptyDate = "{\"title\":\"t\",\"year\":1999,\"released\":\"\"}";

        assertThat(model.parse(emptyYear).year())
                .as("Jackson's default coercion")
                .isNull();
        assertThat(violations(model, emptyYear)).containsExactly("/year must not be null");
        assertThat(streamed(model, emptyYear)).containsExactly(emptyYear.length() + " /year must not be null");
        assertThat(violations(model, emptyDate)).containsExactly("/released must not be null");
        assertThat(streamed(model, emptyDate)).containsExactly(emptyDate.length() + " /released must not be null");
        assertThat(violations(model, "{\"title\":\"t\",\"year\":\"1999\",\"released\":\"2020-01-01\"}"))
                .isEmpty();
    }

    @Test
    void aGenericRecord_isCheckedWithItsTypeArguments_finallyAsWhileStreaming() {
        ResponseModel<Answer<Idea>> model = ResponseModel.of(new TypeRef<Answer<Idea>>() {});
        String json = "{\"reasoning\":\"r\",\"answer\":{\"blurb\":\"b\"}}";

        assertThat(violations(model, json)).containsExactly("/answer/title must not be null");
        assertThat(streamed(model, json)).containsExactly((json.indexOf('}') + 1) + " /answer/title must not be null");
    }

    @Test
    void insideAnUnwrappedValue_gapsAreReported_underTheNamesTheModelWrote() {
        ResponseModel<Resident> model = ResponseModel.of(Resident.class);
        assertThat(requiredBySchema(Resident.class)).containsExactly("name", "street", "city");

        assertThat(violations(model, "{\"name\":\"n\",\"street\":\"s\",\"city\":\"c\"}"))
                .isEmpty();
        assertThat(violations(model, "{\"name\":\"n\",\"street\":\"s\"}")).containsExactly("/city must not be null");
        assertThat(violations(model, "{\"street\":\"s\",\"city\":null}"))
                .containsExactly("/name must not be null", "/city must not be null");
        String json = "{\"name\":\"n\",\"city\":\"c\"}";
        assertThat(streamed(model, json)).containsExactly(json.length() + " /street must not be null");
    }

    @Test
    void aRecordComponentLeftOutOrNull_isReported_asTheSchemaRequiresIt() {
        ResponseModel<Idea> model = ResponseModel.of(Idea.class);

        assertThat(requiredBySchema(Idea.class)).contains("title", "blurb");
        assertThat(violations(model, "{\"blurb\":\"short\"}")).containsExactly("/title must not be null");
        assertThat(violations(model, "{\"title\":null,\"blurb\":\"short\"}"))
                .containsExactly("/title must not be null");
        assertThat(violations(model, "{}"))
                .containsExactlyInAnyOrder("/title must not be null", "/blurb must not be null");
        assertThat(violations(model, "{\"title\":\"t\",\"blurb\":\"short\"}")).isEmpty();
    }

    @Test
    void aRejectedAnswer_throwsWithTheViolation_forTheReAsk() {
        ResponseModel<Idea> model = ResponseModel.of(Idea.class);

        assertThatThrownBy(() -> model.parseAndValidate("{\"blurb\":\"short\"}", ValidationContext.empty()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .containsExactly(new Violation(JsonPointer.parse("/title"), "must not be null", null)));
    }

    @Test
    void theModelsValidators_runOnlyOnAValueWithoutRequiredNulls() {
        List<String> seen = new ArrayList<>();
        ResponseModel<Idea> model = ResponseModel.builder(Idea.class)
                .validator((idea, context) -> {
                    seen.add(idea.title().toUpperCase(java.util.Locale.ROOT)); // would throw on a null title
                    return List.of(Violation.of("/title", "is taken"));
                })
                .build();

        assertThat(violations(model, "{\"blurb\":\"short\"}")).containsExactly("/title must not be null");
        assertThat(seen).isEmpty();

        String tooLong = "x".repeat(141);
        assertThat(violations(model, "{\"title\":\"t\",\"blurb\":\"" + tooLong + "\"}"))
                .as("other violations are reported with the validators'")
                .containsExactly("/blurb size must be between 0 and 140", "/title is taken");
        assertThat(seen).containsExactly("T");
    }

    /** A bean whose setter property the schema requires only through its {@code @NotNull}. */
    public static class Profile {
        @NotNull
        private String handle;

        public String getHandle() {
            return handle;
        }

        public void setHandle(String handle) {
            this.handle = handle;
        }
    }

    @Test
    void theModelsValidators_doNotMeetANullSetterPropertyMarkedNotNull() {
        List<String> seen = new ArrayList<>();
        ResponseModel<Profile> model = ResponseModel.builder(Profile.class)
                .validator((profile, context) -> {
                    seen.add(profile.getHandle().trim()); // would throw on a null handle
                    return List.of();
                })
                .build();

        assertThat(requiredBySchema(Profile.class)).containsExactly("handle");
        assertThat(violations(model, "{}")).containsExactly("/handle must not be null");
        assertThat(seen).isEmpty();
        assertThat(violations(model, "{\"handle\":\" h \"}")).isEmpty();
        assertThat(seen).containsExactly("h");
    }

    @Test
    void optionalsAndPropertiesTheSchemaLeavesOptional_mayBeMissing() {
        assertThat(requiredBySchema(Tagged.class)).doesNotContain("note");
        assertThat(violations(ResponseModel.of(Tagged.class), "{\"title\":\"t\",\"tags\":[]}"))
                .isEmpty();

        assertThat(requiredBySchema(Loose.class)).doesNotContain("note");
        assertThat(violations(ResponseModel.of(Loose.class), "{\"extra\":null,\"raw\":null}"))
                .as("Object and JsonNode are {} in the schema, which null satisfies; NON_NULL may be left out")
                .isEmpty();

        assertThat(violations(ResponseModel.of(Settings.class), "{}"))
                .as("a setter property is required only when marked so")
                .containsExactly("/locale must not be null");
    }

    record Trees(
            String name,
            tools.jackson.databind.node.ObjectNode options,
            tools.jackson.databind.node.ArrayNode extras) {}

    @Test
    void anObjectOrArrayTree_isRequired_asItsSchemaIsAnObjectOrArray_unlikeAnyJsonNode() {
        ResponseModel<Trees> model = ResponseModel.of(Trees.class);

        assertThat(requiredBySchema(Trees.class)).contains("options", "extras");
        assertThat(violations(model, "{\"name\":\"n\",\"options\":{\"a\":1},\"extras\":[]}"))
                .isEmpty();
        assertThat(violations(model, "{\"name\":\"n\",\"options\":null}"))
                .containsExactly("/options must not be null", "/extras must not be null");
    }

    @Test
    void aPropertyWhoseOwnConstraintRejectsNull_isReportedOnce_withThatConstraintsMessage() {
        assertThat(violations(ResponseModel.of(Checked.class), "{\"title\":null}"))
                .containsExactly("/title must not be blank");
        assertThat(violations(ResponseModel.of(Checked.class), "{}")).containsExactly("/title must not be blank");
    }

    /** A component the schema takes null for ({@code ["string", "null"]}), one whose @Null is another group's. */
    record Retired(
            String name,
            @Null String legacyCode,
            @Null(groups = Later.class) String note) {}

    interface Later {}

    @Test
    void aPropertyThatMustBeNull_mayBeNull_asItsSchemaSays_finallyAndWhileStreaming() {
        ResponseModel<Retired> model = ResponseModel.of(Retired.class);
        String json = "{\"name\":\"n\",\"legacyCode\":null,\"note\":\"y\"}";

        assertThat(model.schema().at("/properties/legacyCode/type").toString()).contains("null");
        assertThat(violations(model, json)).isEmpty();
        assertThat(streamed(model, json)).isEmpty();
        assertThat(violations(model, json.replace("null", "\"x\""))).containsExactly("/legacyCode must be null");
        assertThat(violations(model, "{\"name\":\"n\",\"legacyCode\":null}"))
                .as("the @Null of another group leaves note a string the schema requires")
                .containsExactly("/note must not be null");
    }

    @Test
    void aNullJacksonReplaces_isNoViolation() {
        ResponseModel<Emptied> model = ResponseModel.of(Emptied.class);

        assertThat(model.parse("{\"note\":null}").note()).isEmpty();
        assertThat(violations(model, "{\"note\":null}")).isEmpty();
    }

    @Test
    void pathsNameTheMemberAsWritten_insideListsUnionsAndUnderTheMappersNames() {
        assertThat(violations(
                        ResponseModel.of(new TypeRef<List<Idea>>() {}),
                        "{\"items\":[{\"title\":\"a\",\"blurb\":\"b\"},{\"blurb\":\"c\"}]}"))
                .containsExactly("/items/1/title must not be null");
        assertThat(violations(
                        ResponseModel.of(Outbox.class),
                        "{\"messages\":[{\"kind\":\"email\",\"to\":\"x@y.z\",\"subject\":null}]}"))
                .containsExactly("/messages/0/subject must not be null");
        assertThat(violations(ResponseModel.of(Named.class), "{\"heading\":null}"))
                .containsExactly("/heading must not be null");

        ObjectMapper snake = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
        ResponseModel<Person> person =
                ResponseModel.builder(Person.class).mapper(snake).build();
        assertThat(violations(person, "{}")).containsExactly("/full_name must not be null");
    }

    @Test
    void whileStreaming_aMissingMemberIsReportedWhenItsObjectCompletes_notBefore() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String json = "{\"items\":[{\"blurb\":\"no title\"},{\"title\":\"t\",\"blurb\":\"b\"}]}";

        assertThat(streamed(model, json)).containsExactly((json.indexOf('}') + 1) + " /items/0/title must not be null");
    }

    record Lists(
            List<String> tags,
            Set<String> labels,
            Map<String, Integer> counts,
            String[] lines,
            List<Optional<String>> maybe,
            List<Object> anything) {}

    record Checked2(List<@NotNull String> tags) {}

    record Skipping(@JsonSetter(contentNulls = Nulls.SKIP) List<String> tags) {}

    @Test
    void aNullItem_isReported_whereTheSchemasItemsDoNotAcceptNull() {
        ResponseModel<Lists> model = ResponseModel.of(Lists.class);

        assertThat(violations(
                        model,
                        "{\"tags\":[\"a\",null],\"labels\":[null],\"counts\":{\"x\":null},\"lines\":[null,\"b\"],"
                                + "\"maybe\":[null],\"anything\":[null]}"))
                .containsExactlyInAnyOrder(
                        "/tags/1 must not be null",
                        "/labels must not contain null",
                        "/counts/x must not be null",
                        "/lines/0 must not be null");
        assertThat(violations(ResponseModel.of(Checked2.class), "{\"tags\":[null]}"))
                .as("reported once where Hibernate Validator reports it too")
                .containsExactly("/tags/0 must not be null");
        assertThat(violations(ResponseModel.of(Skipping.class), "{\"tags\":[null,\"a\"]}"))
                .as("Jackson drops the null")
                .isEmpty();
        assertThat(violations(ResponseModel.of(new TypeRef<List<Idea>>() {}), "{\"items\":[null]}"))
                .containsExactly("/items/0 must not be null");
    }

    @Test
    void whileStreaming_aNullItemIsReportedAsItCompletes_notWithItsList() {
        ResponseModel<Lists> model = ResponseModel.of(Lists.class);
        String json = "{\"tags\":[null,\"a\"],\"labels\":[],\"counts\":{\"k\":null},\"lines\":[\"b\",null],"
                + "\"maybe\":[null],\"anything\":[null]}";
        ResponseModel<List<Idea>> ideas = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String items = "{\"items\":[null,{\"title\":\"t\",\"blurb\":\"b\"}]}";

        assertThat(streamed(model, json))
                .containsExactly(
                        (json.indexOf("null") + 4) + " /tags/0 must not be null",
                        (json.indexOf("null}") + 4) + " /counts/k must not be null",
                        (json.indexOf("null]") + 4) + " /lines/1 must not be null");
        assertThat(streamed(ideas, items)).containsExactly((items.indexOf("null") + 4) + " /items/0 must not be null");
    }

    private static List<String> requiredBySchema(Type type) {
        return StreamSupport.stream(JsonSchemas.generate(type).path("required").spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }
}
