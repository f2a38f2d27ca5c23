package dev.instructor.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.instructor.Description;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaDialectTest {
    /** Every representative type whose schema each dialect can express. */
    static Stream<Type> types() {
        return Stream.of(
                Fixtures.Idea.class,
                Fixtures.MovieRecommendation.class,
                Fixtures.Recipe.class,
                Fixtures.LIST_OF_IDEAS,
                Fixtures.Mood.class,
                String.class,
                int.class,
                Fixtures.Profile.class,
                Fixtures.Constrained.class,
                Fixtures.Drawing.class,
                Fixtures.Outbox.class,
                Fixtures.Expr.class,
                Fixtures.TreeNode.class,
                Fixtures.Renamed.class,
                Fixtures.Priority.class,
                Fixtures.Person.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    void openAiStrict_everyObjectClosedAndFullyRequired(Type type) {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generateWrapped(type));

        walk(schema, "", (node, path) -> {
            if (node.has("properties") || "object".equals(node.path("type").asString(null))) {
                assertThat(node.path("additionalProperties").isBoolean())
                        .as("additionalProperties at %s", path)
                        .isTrue();
                assertThat(node.get("additionalProperties").asBoolean())
                        .as(path)
                        .isFalse();
                assertThat(names(node.get("required")))
                        .as("required at %s", path)
                        .containsExactlyElementsOf(node.get("properties").propertyNames());
            }
            assertThat(node.has("$ref") && node.size() > 1)
                    .as("keywords beside $ref at %s", path)
                    .isFalse();
            assertThat(node.propertyNames())
                    .as("unsupported keywords at %s", path)
                    .doesNotContain("oneOf", "allOf", "minLength", "maxLength", "uniqueItems", "$schema");
        });
    }

    @Test
    void openAiStrict_optionalBecomesRequiredAndNullable() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(Fixtures.Person.class));

        assertThat(schema.at("/properties/name/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.at("/properties/age/type").asString()).isEqualTo("integer");
    }

    @Test
    void openAiStrict_nullableEnumAndReference() {
        ObjectNode plain =
                (ObjectNode) JsonSchemas.generate(Fixtures.Idea.class).deepCopy();
        ObjectNode properties = (ObjectNode) plain.get("properties");
        properties
                .putObject("mood")
                .put("type", "string")
                .putArray("enum")
                .add("A")
                .add("B");
        properties.putObject("address").put("$ref", "#/$defs/Address").put("description", "Home");
        plain.putObject("$defs").putObject("Address").put("type", "object").putObject("properties");

        ObjectNode strict = SchemaDialect.OPENAI_STRICT.apply(plain);

        assertThat(strict.at("/properties/mood/enum").toString()).isEqualTo("[\"A\",\"B\",null]");
        assertThat(strict.at("/properties/address/description").asString()).isEqualTo("Home");
        assertThat(strict.at("/properties/address/anyOf/1/type").asString()).isEqualTo("null");
        assertThat(names(strict.get("required"))).contains("mood", "address");
    }

    @Test
    void openAiStrict_unsupportedKeywordsMoveIntoDescription() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(Fixtures.Idea.class));

        assertThat(schema.at("/properties/blurb/maxLength").isMissingNode()).isTrue();
        assertThat(schema.at("/properties/blurb/description").asString())
                .isEqualTo("Must have at most 140 characters.");
    }

    record Attachment(String name, byte[] bytes) {}

    @Test
    void openAiStrict_contentEncodingMovesIntoDescription() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(Attachment.class));

        assertThat(schema.at("/properties/bytes").toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"Must be base64-encoded.\"}");
    }

    @Test
    void gemini_contentEncodingMovesIntoDescription() {
        // responseJsonSchema does not list contentEncoding; dropped, the model would not know to write base64.
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generate(Attachment.class));

        assertThat(schema.at("/properties/bytes").toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"Must be base64-encoded.\"}");
    }

    @Test
    void openAiStrict_keepsSupportedConstraints() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(Fixtures.Constrained.class));

        assertThat(schema.at("/properties/rating/minimum").asInt()).isEqualTo(1);
        assertThat(schema.at("/properties/ratio/exclusiveMinimum").asDouble()).isEqualTo(0.5);
        assertThat(schema.at("/properties/words/maxItems").asInt()).isEqualTo(5);
        assertThat(schema.at("/properties/slug/pattern").asString()).isEqualTo("^[a-z]+$");
        assertThat(schema.at("/properties/email/format").asString()).isEqualTo("email");
    }

    @Test
    void openAiStrict_mapRejectedWithItsPath() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Scores.class);

        assertThatThrownBy(() -> SchemaDialect.OPENAI_STRICT.apply(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/points");
    }

    @Test
    void anthropicStrict_mapRejectedWithItsPath_beforeTheApiAnswers400() {
        // Structured outputs want additionalProperties: false on every object and reject any other value.
        ObjectNode schema = JsonSchemas.generate(Fixtures.Scores.class);

        assertThatThrownBy(() -> SchemaDialect.ANTHROPIC_STRICT.apply(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/points")
                .hasMessageContaining("Mode.TOOLS");
    }

    @Test
    void anthropicStrict_untypedValueRejectedWithItsPath_asOpenAiStrictIs() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Idea.class);
        ((ObjectNode) schema.get("properties")).putObject("anything");

        assertThatThrownBy(() -> SchemaDialect.ANTHROPIC_STRICT.apply(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/anything")
                .hasMessageContaining("Mode.TOOLS");
    }

    @Test
    void strictDialects_jsonTreeRejectedWithItsPath_insteadOfAskingForAnEmptyObject() {
        ObjectNode schema = JsonSchemas.generate(ShapeFixtures.Payload.class);

        for (SchemaDialect strict : List.of(SchemaDialect.OPENAI_STRICT, SchemaDialect.ANTHROPIC_STRICT)) {
            assertThatThrownBy(() -> strict.apply(schema))
                    .as("%s", strict)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("(?s).*/properties/(arguments|options|extras)\\b.*");
        }
    }

    @Test
    void strictDialects_mapEntryRejectedWithItsPath_asAMapIs() {
        ObjectNode schema = JsonSchemas.generate(JdkTypeFixtures.Pairs.class);

        for (SchemaDialect strict : List.of(SchemaDialect.OPENAI_STRICT, SchemaDialect.ANTHROPIC_STRICT)) {
            assertThatThrownBy(() -> strict.apply(schema))
                    .as("%s", strict)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/properties/scores/items");
        }
    }

    @Test
    void anthropicStrict_recursiveSchemaRejected_whichTheGrammarCannotExpress() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.TreeNode.class);

        assertThat(SchemaDialect.OPENAI_STRICT.apply(schema)).isNotNull();
        assertThatThrownBy(() -> SchemaDialect.ANTHROPIC_STRICT.apply(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recursive")
                .hasMessageContaining("Mode.TOOLS");
    }

    @Test
    void openAiStrict_positionalArray_oneItemsSchemaWithTheOrderInWords() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(ShapeFixtures.Polyline.class));

        ObjectNode point = (ObjectNode) schema.at("/properties/points/items");
        assertThat(point.has("prefixItems")).isFalse();
        assertThat(point.get("items").toString()).isEqualTo("{\"type\":\"integer\"}");
        assertThat(point.get("minItems").asInt()).isEqualTo(2);
        assertThat(point.get("maxItems").asInt()).isEqualTo(2);
        assertThat(point.get("description").asString()).isEqualTo("Items in order: x, y.");
    }

    @Test
    void openAiStrict_positionalArrayOfDifferentKinds_itemsAnyOfThem() {
        ObjectNode schema = SchemaDialect.OPENAI_STRICT.apply(
                JsonSchemas.generateWrapped(Fixtures.listOf(PolymorphismFixtures.Mark.class)));

        ObjectNode line = (ObjectNode) schema.at("/properties/items/items/anyOf/0");
        assertThat(line.at("/items/anyOf/0/const").asString()).isEqualTo("line");
        assertThat(line.at("/items/anyOf/1/properties/length/type").asString()).isEqualTo("integer");
        assertThat(line.get("description").asString()).isEqualTo("Items in order: \"line\", object.");
    }

    @Test
    void openAiStrict_untypedValueRejectedWithItsPath() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Idea.class);
        ((ObjectNode) schema.get("properties")).putObject("anything");

        assertThatThrownBy(() -> SchemaDialect.OPENAI_STRICT.apply(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/anything");
    }

    @ParameterizedTest
    @EnumSource(
            value = SchemaDialect.class,
            names = {"OPENAI_STRICT", "ANTHROPIC"})
    void nonObjectRoot_rejected(SchemaDialect dialect) {
        ObjectNode list = JsonSchemas.generate(Fixtures.LIST_OF_IDEAS);

        assertThatThrownBy(() -> dialect.apply(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JsonSchemas.wrap");
    }

    @ParameterizedTest
    @MethodSource("types")
    void gemini_onlySupportedKeywords(Type type) {
        Set<String> supported = Set.of(
                "$id",
                "$defs",
                "$ref",
                "$anchor",
                "type",
                "format",
                "title",
                "description",
                "enum",
                "items",
                "prefixItems",
                "minItems",
                "maxItems",
                "minimum",
                "maximum",
                "anyOf",
                "properties",
                "additionalProperties",
                "required",
                "propertyOrdering");
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generateWrapped(type));

        walk(schema, "", (node, path) -> {
            assertThat(supported).as("keywords at %s", path).containsAll(node.propertyNames());
            if (node.has("$ref")) {
                assertThat(node.size()).as("keywords beside $ref at %s", path).isEqualTo(1);
            }
            if (node.get("properties") instanceof ObjectNode properties && !properties.isEmpty()) {
                assertThat(names(node.get("propertyOrdering"))).containsExactlyElementsOf(properties.propertyNames());
            }
        });
    }

    record Tally(
            @jakarta.validation.constraints.Size(min = 1, max = 1)
            Map<String, Integer> counts) {}

    @Test
    void gemini_mapKeyConstraintsMoveIntoTheDescription() {
        // responseJsonSchema has no propertyNames; dropped, the model would not know an enum map's keys.
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generate(JdkTypeFixtures.KeyedMaps.class));

        assertThat(schema.at("/properties/byMood/description").asString())
                .isEqualTo("Must have keys that are one of \"HAPPY\", \"SAD\", \"CURIOUS\".");
        assertThat(schema.at("/properties/byNumber/description").asString())
                .isEqualTo("Must have keys that match the regular expression ^[-+]?[0-9]+$.");
        assertThat(schema.at("/properties/byDate/description").asString()).isEqualTo("Must have keys in date format.");
    }

    record KeyLengths(
            Map<@jakarta.validation.constraints.Size(min = 2, max = 3) String, Integer> byCode,
            List<Map<@jakarta.validation.constraints.NotBlank String, Integer>> rows) {}

    @Test
    void gemini_mapKeyLengthsMoveIntoTheDescription() {
        // Bean Validation holds each key to these lengths; Gemini takes no propertyNames to say it.
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generate(KeyLengths.class));

        assertThat(schema.at("/properties/byCode/description").asString())
                .isEqualTo("Must have keys of at least 2 characters and of at most 3 characters.");
        assertThat(schema.at("/properties/rows/items/description").asString())
                .isEqualTo("Must have keys of at least 1 character.");
    }

    @Test
    void gemini_mapSizeInTheDescription_oneEntryInTheSingular() {
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generate(Tally.class));

        assertThat(schema.at("/properties/counts/description").asString())
                .isEqualTo("Must have at least 1 entry and have at most 1 entry.");
    }

    @Test
    void gemini_constBecomesEnum() {
        ObjectNode schema = SchemaDialect.GEMINI.apply(JsonSchemas.generate(Fixtures.Circle.class));

        assertThat(schema.at("/properties/@type/enum").toString()).isEqualTo("[\"Fixtures$Circle\"]");
    }

    /** An enum Jackson writes as numbers, described on the type and on the property. */
    @Description("How the reader feels")
    @JsonFormat(shape = JsonFormat.Shape.NUMBER)
    enum Mood {
        HAPPY,
        SAD
    }

    record Diary(@Description("Today's mood") Mood mood) {}

    @ParameterizedTest
    @EnumSource(
            value = SchemaDialect.class,
            names = {"GEMINI", "OPENAI_STRICT"})
    void dialectsWithoutAllOf_mergeItsParts_keepingTheTypeAndBothDescriptions(SchemaDialect dialect) {
        ObjectNode plain = JsonSchemas.generate(Diary.class);
        assertThat(plain.at("/properties/mood").has("allOf"))
                .as("the plain schema splits them")
                .isTrue();

        JsonNode mood = dialect.apply(plain).at("/properties/mood");

        assertThat(mood.has("allOf")).isFalse();
        assertThat(mood.at("/enum").toString()).isEqualTo("[0,1]");
        assertThat(mood.at("/type").toString()).contains("integer");
        assertThat(mood.at("/description").asString()).contains("Today's mood").contains("0 = HAPPY, 1 = SAD");
    }

    @Test
    void anthropic_dropsSchemaKeywordOnly() {
        ObjectNode plain = JsonSchemas.generate(Fixtures.Constrained.class);
        ObjectNode expected = plain.deepCopy();
        expected.remove("$schema");

        assertThat(SchemaDialect.ANTHROPIC.apply(plain)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(SchemaDialect.class)
    void apply_neverModifiesItsInput(SchemaDialect dialect) {
        for (Type type : List.of(Fixtures.Profile.class, Fixtures.Drawing.class, Fixtures.Idea.class)) {
            ObjectNode plain = JsonSchemas.generate(type);
            ObjectNode before = plain.deepCopy();

            ObjectNode result = dialect.apply(plain);

            assertThat(plain).isEqualTo(before);
            assertThat(result).isNotSameAs(plain);
        }
    }

    /** Visits every schema node: the root, properties, definitions, items and union branches. */
    private static void walk(JsonNode node, String path, BiConsumer<ObjectNode, String> visitor) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        visitor.accept(object, path);
        for (String map : List.of("properties", "$defs")) {
            for (Map.Entry<String, JsonNode> entry : object.path(map).properties()) {
                walk(entry.getValue(), path + "/" + map + "/" + entry.getKey(), visitor);
            }
        }
        for (String single : List.of("items", "additionalProperties")) {
            walk(object.get(single), path + "/" + single, visitor);
        }
        for (String union : List.of("anyOf", "oneOf", "allOf")) {
            JsonNode branches = object.path(union);
            for (int i = 0; i < branches.size(); i++) {
                walk(branches.get(i), path + "/" + union + "/" + i, visitor);
            }
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> names.add(n.asString()));
        }
        return names;
    }
}
