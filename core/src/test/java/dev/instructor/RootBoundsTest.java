package dev.instructor;

import static dev.instructor.CheckRuns.streamed;
import static dev.instructor.CheckRuns.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A root list bounded in its type token ({@code new TypeRef<@Size(max = 3) List<Idea>>() {}}) is bounded as a list
 * property with {@code @Size} is: in the schema the provider gets, in the final validation, and while it streams.
 */
class RootBoundsTest {
    record Idea(String title) {}

    /** A type-use annotation that is no constraint: left alone. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE_USE)
    @interface Reviewed {}

    private static final String FOUR =
            "{\"items\":[{\"title\":\"a\"},{\"title\":\"b\"},{\"title\":\"c\"},{\"title\":\"d\"}]}";

    @Test
    void theSchemaOfTheWrappedList_carriesTheBounds() {
        ResponseModel<List<Idea>> bounded = ResponseModel.of(new TypeRef<@Size(min = 1, max = 3) List<Idea>>() {});
        ResponseModel<Set<Idea>> notEmpty = ResponseModel.of(new TypeRef<@NotEmpty Set<Idea>>() {});
        ResponseModel<List<Idea>> plain = ResponseModel.of(new TypeRef<List<Idea>>() {});

        assertThat(bounded.schema().at("/properties/items/maxItems").asInt()).isEqualTo(3);
        assertThat(bounded.schema().at("/properties/items/minItems").asInt()).isEqualTo(1);
        assertThat(notEmpty.schema().at("/properties/items/minItems").asInt()).isEqualTo(1);
        assertThat(notEmpty.schema().at("/properties/items").has("maxItems")).isFalse();
        assertThat(plain.schema().at("/properties/items").has("maxItems")).isFalse();
    }

    @Test
    void aRootSetsUpperBound_isDescribed_notAMaxItemsThatCountsRepeats() {
        // Jackson reads {"items":["a","a","b"]} as a set of two, which @Size(max = 2) accepts: maxItems 2 would not.
        ResponseModel<Set<String>> model = ResponseModel.of(new TypeRef<@Size(min = 1, max = 2) Set<String>>() {});

        JsonNode items = model.schema().at("/properties/items");
        assertThat(items.has("maxItems")).isFalse();
        assertThat(items.at("/minItems").asInt()).isEqualTo(1);
        assertThat(items.at("/description").asString()).contains("at most 2 distinct items");
        assertThat(model.parseAndValidate("{\"items\":[\"a\",\"a\",\"b\"]}", ValidationContext.empty()))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theFinalValue_isCheckedAgainstTheBounds() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<@Size(max = 3) List<Idea>>() {});

        assertThatThrownBy(() -> model.parseAndValidate(FOUR, ValidationContext.empty()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(v -> v.path() + " " + v.message())
                        .containsExactly("/items size must be between 0 and 3"));
        assertThat(model.parseAndValidate("{\"items\":[{\"title\":\"a\"}]}", ValidationContext.empty()))
                .containsExactly(new Idea("a"));

        ResponseModel<Idea[]> array = ResponseModel.of(new TypeRef<Idea @NotEmpty(message = "give one") []>() {});
        assertThat(violations(array, "{\"items\":[]}")).containsExactly("/items give one");
    }

    @Test
    void whileStreaming_oneItemTooMany_isReportedAsItStarts_andTooFewWhenTheListCompletes() {
        ResponseModel<List<Idea>> atMostThree = ResponseModel.of(new TypeRef<@Size(max = 3) List<Idea>>() {});
        ResponseModel<List<Idea>> atLeastTwo = ResponseModel.of(new TypeRef<@Size(min = 2) List<Idea>>() {});
        String one = "{\"items\":[{\"title\":\"a\"}]}";

        assertThat(streamed(atMostThree, FOUR))
                .containsExactly((FOUR.lastIndexOf('{') + 1) + " /items size must be between 0 and 3");
        assertThat(streamed(atMostThree, one)).isEmpty();
        assertThat(streamed(atLeastTwo, one))
                .containsExactly(one.indexOf(']') + 1 + " /items size must be between 2 and 2147483647");
    }

    @Test
    void whileStreaming_aListPastItsUpperBound_isReportedForThatBoundOnly_theLowerOneWhenItCompletes() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<@Size(min = 4) @Size(max = 2) List<Idea>>() {});
        String three = "{\"items\":[{\"title\":\"a\"},{\"title\":\"b\"},{\"title\":\"c\"}]}";

        assertThat(streamed(model, three))
                .containsExactly(
                        (three.lastIndexOf('{') + 1) + " /items size must be between 0 and 2",
                        (three.indexOf(']') + 1) + " /items size must be between 4 and 2147483647");
        assertThat(violations(model, three))
                .containsExactlyInAnyOrder(
                        "/items size must be between 0 and 2", "/items size must be between 4 and 2147483647");
    }

    @Test
    void aSet_isMeasuredOnceJacksonHasReadIt_asRepeatsCollapse() {
        ResponseModel<Set<String>> model =
                ResponseModel.of(new TypeRef<@Size(max = 3, message = "at most {max}") Set<String>>() {});
        String repeats = "{\"items\":[\"a\",\"b\",\"a\",\"c\"]}";

        assertThat(streamed(model, repeats)).isEmpty();
        assertThat(violations(model, repeats)).isEmpty();
        assertThat(violations(model, "{\"items\":[\"a\",\"b\",\"c\",\"d\"]}")).containsExactly("/items at most 3");
    }

    @Test
    void aMap_isBoundedByItsEntries_inTheSchemaFinallyAndWhileStreaming() {
        ResponseModel<Map<String, Idea>> model =
                ResponseModel.of(new TypeRef<@Size(min = 1, max = 2) Map<String, Idea>>() {});
        String three = "{\"a\":{\"title\":\"a\"},\"b\":{\"title\":\"b\"},\"c\":{\"title\":\"c\"}}";

        ObjectNode schema = model.schema();
        JsonNode map = model.isWrapped()
                ? schema.at("/properties/" + model.wrapperKey().get())
                : schema;
        assertThat(map.path("minProperties").asInt()).isEqualTo(1);
        assertThat(map.path("maxProperties").asInt()).isEqualTo(2);
        assertThat(map.has("maxItems")).isFalse();

        String json = model.isWrapped() ? "{\"" + model.wrapperKey().get() + "\":" + three + "}" : three;
        String at = model.isWrapped() ? "/" + model.wrapperKey().get() : "";
        assertThat(violations(model, json)).containsExactly(at + " size must be between 1 and 2");
        assertThat(streamed(model, json))
                .as("as soon as the third entry's value starts")
                .containsExactly((json.indexOf("\"c\":") + 5) + " " + at + " size must be between 1 and 2");
        String repeated = json.replace("\"c\":", "\"a\":");
        assertThat(streamed(model, repeated))
                .as("a key written twice is one entry")
                .isEmpty();
        assertThat(violations(model, repeated)).isEmpty();
        String empty = model.isWrapped() ? "{\"" + model.wrapperKey().get() + "\":{}}" : "{}";
        assertThat(violations(model, empty)).containsExactly(at + " size must be between 1 and 2");
        assertThat(streamed(model, empty))
                .containsExactly(
                        empty.length() - (model.isWrapped() ? 1 : 0) + " " + at + " size must be between 1 and 2");
    }

    enum Key {
        ALPHA,
        BETA
    }

    @Test
    void aMapWhoseKeysJacksonMayReadAsOne_isMeasuredOnceJacksonHasReadIt() {
        JsonMapper caseless = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        ResponseModel<Map<Key, String>> byEnum = ResponseModel.builder(
                        new TypeRef<@Size(max = 1, message = "at most {max}") Map<Key, String>>() {})
                .mapper(caseless)
                .build();
        ResponseModel<Map<UUID, String>> byId =
                ResponseModel.of(new TypeRef<@Size(max = 1, message = "at most {max}") Map<UUID, String>>() {});
        String alpha = "{\"value\":{\"alpha\":\"x\",\"ALPHA\":\"y\"}}";
        String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String ids = "{\"value\":{\"" + id + "\":\"x\",\"" + id.toUpperCase(Locale.ROOT) + "\":\"y\"}}";

        assertThat(violations(byEnum, alpha))
                .as("Jackson reads both keys as ALPHA")
                .isEmpty();
        assertThat(streamed(byEnum, alpha)).isEmpty();
        assertThat(violations(byId, ids)).as("and both ids as one").isEmpty();
        assertThat(streamed(byId, ids)).isEmpty();
        assertThat(violations(byEnum, "{\"value\":{\"alpha\":\"x\",\"beta\":\"y\"}}"))
                .containsExactly("/value at most 1");
    }

    @Test
    void aBoundsMessage_isInterpolatedAsBeanValidationInterpolatesOthers_bundleKeysIncluded() {
        ResponseModel<List<Idea>> keyed =
                ResponseModel.of(new TypeRef<@Size(max = 3, message = "{root.bound.tooMany}") List<Idea>>() {});
        ResponseModel<List<Idea>> mixed = ResponseModel.of(
                new TypeRef<
                        @Size(min = 2, message = "{jakarta.validation.constraints.Size.message}, got fewer") List<
                                Idea>>() {});

        assertThat(violations(keyed, FOUR)).containsExactly("/items no more than 3 ideas, please");
        assertThat(streamed(keyed, FOUR))
                .containsExactly((FOUR.lastIndexOf('{') + 1) + " /items no more than 3 ideas, please");
        assertThat(violations(mixed, "{\"items\":[]}"))
                .containsExactly("/items size must be between 2 and 2147483647, got fewer");
    }

    @Test
    void aClientAsksTheProviderForTheBoundedSchema() {
        String answer = "{\"items\":[{\"title\":\"a\"}]}";
        ScriptedProvider provider = new ScriptedProvider().answer(answer).answer(answer);
        Instructor client = Instructor.from(provider);
        ChatRequest request = ChatRequest.builder().model("m").user("ideas").build();

        List<Idea> ideas = client.responses().create(request, new TypeRef<@Size(max = 3) List<Idea>>() {});
        client.responses().create(request, new TypeRef<List<Idea>>() {});

        assertThat(ideas).containsExactly(new Idea("a"));
        assertThat(provider.requests
                        .get(0)
                        .schema()
                        .at("/properties/items/maxItems")
                        .asInt())
                .isEqualTo(3);
        assertThat(provider.requests.get(1).schema().at("/properties/items").has("maxItems"))
                .as("a token of the same type without the bound is another model")
                .isFalse();
    }

    @Test
    void constraintsATypeTokenCannotApply_areRejected_notIgnored() {
        assertThatThrownBy(() -> ResponseModel.of(new TypeRef<List<@NotBlank String>>() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@NotBlank on java.lang.String inside a type token is not applied");
        assertThatThrownBy(() -> ResponseModel.of(new TypeRef<@Size(max = 3) String>() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root list, set, array or map only");
        assertThatThrownBy(() -> ResponseModel.of(new TypeRef<@NotBlank String>() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@NotBlank on the response type java.lang.String");

        assertThat(ResponseModel.of(new TypeRef<@Reviewed List<@Reviewed Idea>>() {})
                        .schema()
                        .at("/properties/items")
                        .has("maxItems"))
                .isFalse();
    }
}
