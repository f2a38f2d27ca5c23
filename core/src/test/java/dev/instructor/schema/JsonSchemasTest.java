package dev.instructor.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonKey;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.instructor.Description;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.node.ObjectNode;

class JsonSchemasTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void generate_recordComponentsInDeclarationOrder_allRequired() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Recipe.class);

        assertThat(schema.get("properties").propertyNames())
                .containsExactly("name", "prepTimeMinutes", "ingredients", "instructions");
        assertThat(names(schema.get("required")))
                .containsExactly("name", "prepTimeMinutes", "ingredients", "instructions");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    record Geo(double lat, String label) {}

    record GeoAddress(String street, Geo geo) {}

    record GeosAddress(String street, List<Geo> geos, Map<String, Geo> named, Optional<Geo> main) {}

    record PrefixedGeo(
            String name, @JsonUnwrapped(prefix = "home_") GeoAddress address) {}

    record PlainGeo(String name, @JsonUnwrapped GeoAddress address) {}

    record PrefixedGeos(
            String name, @JsonUnwrapped(prefix = "home_") GeosAddress address) {}

    record MaybeLists(Optional<List<String>> tags, Optional<Set<Geo>> geos, List<Optional<Geo>> maybes) {}

    @Test
    void generate_optionalList_theListIsNullable_notItsItems() {
        ObjectNode schema = JsonSchemas.generate(MaybeLists.class);

        assertThat(schema.at("/properties/tags/type").toString()).isEqualTo("[\"array\",\"null\"]");
        assertThat(schema.at("/properties/tags/items").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(schema.at("/properties/geos/items").toString()).isEqualTo("{\"$ref\":\"#/$defs/Geo\"}");
        assertThat(schema.at("/properties/maybes/items/anyOf").toString())
                .as("an Optional item may be null")
                .contains("{\"type\":\"null\"}");
        // As validation has it: a null item in an Optional<List<T>> is rejected.
        assertThat(dev.instructor.ResponseModel.of(MaybeLists.class)
                        .validate(
                                new MaybeLists(
                                        Optional.of(java.util.Arrays.asList("a", null)), Optional.empty(), List.of()),
                                dev.instructor.ValidationContext.empty()))
                .extracting(v -> v.path().toString())
                .containsExactly("/tags/1");
    }

    record OptionalObjects(Map<String, Optional<Geo>> byName, List<List<Optional<Geo>>> pages) {}

    @Test
    void generate_optionalObject_firstMetThroughTheOptional_isThatObjectOrNull() {
        ObjectNode root = JsonSchemas.generate(Fixtures.parameterized(Optional.class, Geo.class));
        ObjectNode rootList = JsonSchemas.generate(Fixtures.listOf(Fixtures.parameterized(Optional.class, Geo.class)));
        ObjectNode nested = JsonSchemas.generate(OptionalObjects.class);

        assertThat(root.toString()).as("a root Optional may be empty").contains("{\"type\":\"null\"}");
        assertThat(JsonSchemas.needsWrapping(root)).isTrue();
        assertThat(root.toString()).contains("\"lat\"");
        for (JsonNode optional : List.of(
                rootList.at("/items"),
                nested.at("/properties/byName/additionalProperties"),
                nested.at("/properties/pages/items/items"))) {
            assertThat(optional.toString())
                    .as("the object's schema, not {} (any value)")
                    .contains("{\"type\":\"null\"}")
                    .containsAnyOf("\"lat\"", "\"$ref\":\"#/$defs/Geo\"");
        }
    }

    @Test
    void responseModel_rootOptionalObject_takesNullForEmpty() {
        var model = dev.instructor.ResponseModel.of(new dev.instructor.TypeRef<Optional<Geo>>() {});

        assertThat(model.wrapperKey()).contains("value");
        assertThat(model.parse("{\"value\":null}")).isEmpty();
        assertThat(model.parse("{\"value\":{\"lat\":1.5,\"label\":\"x\"}}")).contains(new Geo(1.5, "x"));
    }

    @Test
    void generate_prefixedUnwrappedValueHoldingAnObject_rejected_asJacksonCannotReadItsOwnOutput() {
        JsonMapper mapper = JsonMapper.builder().build();
        String written = mapper.writeValueAsString(new PrefixedGeo("n", new GeoAddress("s", new Geo(1, "x"))));
        assertThatThrownBy(() -> mapper.readValue(written, PrefixedGeo.class))
                .as("Jackson 3.1 renames the nested object's members when it reads: " + written);

        assertThatThrownBy(() -> JsonSchemas.generate(PrefixedGeo.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PrefixedGeo.address is @JsonUnwrapped with a prefix or suffix")
                .hasMessageContaining("property \"geo\" is an object");
        assertThatThrownBy(() -> dev.instructor.ResponseModel.of(PrefixedGeo.class))
                .as("when the model is built, not when it is first asked for")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonSchemas.generate(PlainGeo.class)
                        .at("/properties/geo/$ref")
                        .isMissingNode())
                .as("without a prefix the nested object reads as written")
                .isFalse();
        assertThat(JsonSchemas.generate(PrefixedGeos.class).get("properties").propertyNames())
                .as("lists, maps and optionals of objects read as written")
                .contains("home_geos", "home_named", "home_main");
    }

    /** Two unions of one simple name, each with its own type id, sharing a member read as itself elsewhere. */
    static final class Left {
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
        @JsonSubTypes(@JsonSubTypes.Type(value = Coin.class, name = "coin"))
        interface Token {}
    }

    static final class Right {
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
        @JsonSubTypes(@JsonSubTypes.Type(value = Coin.class, name = "c"))
        interface Token {}
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Coin(int value) implements Left.Token, Right.Token {}

    /** Each type twice, so that victools gives it a definition rather than inlining it. */
    record Purse(Left.Token left, Right.Token right, Coin coin, Left.Token left2, Right.Token right2, Coin coin2) {}

    @Test
    void generate_oneMemberOfTwoUnionsOfOneSimpleName_getsDistinctDefinitions() {
        ObjectNode schema = JsonSchemas.generate(Purse.class);

        assertThat(schema.get("$defs").propertyNames())
                .containsExactlyInAnyOrder("Token.Coin-1", "Token.Coin-2", "Coin");
        JsonNode left = schema.at(schema.at("/properties/left/$ref").asString().substring(1));
        JsonNode right =
                schema.at(schema.at("/properties/right/$ref").asString().substring(1));
        assertThat(left.at("/required/0").asString()).isEqualTo("kind");
        assertThat(right.at("/required/0").asString()).isEqualTo("type");
    }

    @Test
    void generate_unionMemberReadOtherwiseAsItself_namedAfterTheUnionBesideItsOwnDefinition() {
        ObjectNode schema = JsonSchemas.generate(PolymorphismFixtures.Till.class);

        // Cash is read alike in the union and as itself: one definition serves both.
        assertThat(schema.get("$defs").propertyNames())
                .containsExactlyInAnyOrder(
                        "Tender.Banknote", "Banknote", "Tender.Cheque", "Cheque", "Tender.Voucher", "Voucher", "Cash");
        JsonNode properties = schema.get("properties");
        assertThat(properties.at("/cash/$ref").asString()).isEqualTo("#/$defs/Cash");
        assertThat(properties.at("/coins/items/$ref").asString()).isEqualTo("#/$defs/Cash");
        assertThat(properties.at("/last/anyOf/3/$ref").asString()).isEqualTo("#/$defs/Cash");
        assertThat(schema.at("/$defs/Tender.Cheque/required/0").asString()).isEqualTo("kind");
        assertThat(schema.at("/$defs/Cheque/required/0").asString()).isEqualTo("form");
        assertThat(schema.at("/$defs/Tender.Voucher/required/0").asString()).isEqualTo("kind");
        assertThat(schema.at("/$defs/Voucher/properties").propertyNames()).containsExactly("code");
    }

    @Test
    void generate_objectValuedPropertyIdReadThroughACreator_rejected() {
        // Jackson 3.1 binds such an id empty: {"bay": {"aisle": "A", "shelf": 1}} fails on the shelf it read as null.
        assertThatThrownBy(() -> MAPPER.readValue(
                        "{\"bay\":{\"aisle\":\"A\",\"shelf\":1},\"content\":\"x\"}", ShapeFixtures.Pallet.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);

        assertThatThrownBy(() -> JsonSchemas.generate(ShapeFixtures.Pallet.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ShapeFixtures.Pallet.class.getName())
                .hasMessageContaining("\"bay\"");
    }

    @Test
    void generate_jsonPropertyOrderFirstThenDeclarationOrder() throws Exception {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Ordered.class);

        assertThat(schema.get("properties").propertyNames()).containsExactly("second", "first", "third");
        assertThat(schema.get("properties").propertyNames())
                .containsExactlyElementsOf(
                        MAPPER.valueToTree(new Fixtures.Ordered("1", "2", "3")).propertyNames());
    }

    @Test
    void generate_validationConstraints() {
        JsonNode recipe = JsonSchemas.generate(Fixtures.Recipe.class).get("properties");
        JsonNode idea = JsonSchemas.generate(Fixtures.Idea.class).get("properties");

        assertThat(recipe.at("/prepTimeMinutes/minimum").asInt()).isEqualTo(1);
        assertThat(recipe.at("/ingredients/minItems").asInt()).isEqualTo(1);
        assertThat(idea.at("/blurb/maxLength").asInt()).isEqualTo(140);
    }

    @Test
    void generate_boundsOfANumberWrittenAsAString_inItsDescription() {
        JsonNode quota = JsonSchemas.generate(ShapeFixtures.Quota.class).get("properties");

        assertThat(quota.get("seats").has("minimum")).isFalse();
        assertThat(quota.at("/seats/type").asString()).isEqualTo("string");
        assertThat(quota.at("/seats/description").asString()).isEqualTo("Must be at least 1 and be at most 100.");
        assertThat(quota.at("/price/description").asString())
                .isEqualTo("Must be greater than 0 and be at most 1000.00.");
        assertThat(quota.at("/account/description").asString()).isEqualTo("Must be greater than 0.");
        assertThat(quota.at("/spare/minimum").asInt()).isZero();
    }

    /** Every numeric type Jackson can write as a string, each property named for its type. */
    record NumberStrings(
            @JsonFormat(shape = JsonFormat.Shape.STRING) int primitiveInt,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Integer boxedInt,
            @JsonFormat(shape = JsonFormat.Shape.STRING) long primitiveLong,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Long boxedLong,
            @JsonFormat(shape = JsonFormat.Shape.STRING) short primitiveShort,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Byte boxedByte,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger bigInteger,
            @JsonFormat(shape = JsonFormat.Shape.STRING) double primitiveDouble,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Double boxedDouble,
            @JsonFormat(shape = JsonFormat.Shape.STRING) float primitiveFloat,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bigDecimal) {}

    @Test
    void numberWrittenAsAString_patternMatchesWhatJacksonReads() {
        ObjectNode schema = JsonSchemas.generate(NumberStrings.class);
        List<String> candidates = List.of(
                "5",
                "-5",
                "+5",
                "05",
                " 5",
                "5 ",
                " 5 ",
                "\t5\n",
                "\u00015",
                "5\u0000",
                "\u00a05",
                "5 5",
                "5.",
                ".5",
                "-.5",
                "+.5",
                "5.0",
                "1e3",
                "1E+3",
                "1.5e-3",
                ".5e3",
                "5.e3",
                "1.e+3",
                "-0",
                "NaN",
                "Infinity",
                "-Infinity",
                "+Infinity",
                "INF",
                "-INF",
                "+INF",
                "INFINITY",
                "-NaN",
                "+NaN",
                " NaN ",
                "nan",
                "infinity",
                "-inf",
                "Infinity5",
                "5d",
                "5f",
                "5D",
                "0x10",
                "0x1p3",
                "1_000",
                "1,000",
                "e3",
                ".",
                "-",
                "+",
                "--5",
                "5e");
        List<String> disagreements = new ArrayList<>();
        for (String property : schema.get("properties").propertyNames()) {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(
                    schema.at("/properties/" + property + "/pattern").asString());
            for (String candidate : candidates) {
                ObjectNode answer = MAPPER.createObjectNode();
                schema.get("properties").propertyNames().forEach(name -> answer.put(name, "1"));
                answer.put(property, candidate);
                boolean read;
                try {
                    MAPPER.treeToValue(answer, NumberStrings.class);
                    read = true;
                } catch (tools.jackson.core.JacksonException e) {
                    read = false;
                }
                if (read != pattern.matcher(candidate).find()) {
                    disagreements.add(property + (read ? " reads " : " rejects ") + "\"" + candidate + "\"");
                }
            }
        }
        // Not asked: an empty or blank string, which Jackson reads as null into a boxed number, as a required
        // property's null is not; digits of other scripts ("\u0665"), which Integer.parseInt reads; values out of
        // range, which no pattern can count.
        assertThat(disagreements).isEmpty();
    }

    @Test
    void generate_unwrappedTwice_eachLevelsDescriptionOnTheFlattenedProperties() {
        JsonNode properties = JsonSchemas.generate(Itinerary.class).get("properties");

        assertThat(properties.propertyNames()).containsExactly("name", "home_city", "home_at_lat", "home_at_lon");
        assertThat(properties.at("/home_at_lat/description").asString())
                .isEqualTo("Degrees. A point on Earth. Where one lives");
        assertThat(properties.at("/home_city/description").asString()).isEqualTo("Where one lives");
    }

    @Test
    void generate_descriptionFromAnnotations() {
        JsonNode movie = JsonSchemas.generate(Fixtures.MovieRecommendation.class);
        JsonNode renamed = JsonSchemas.generate(Fixtures.Renamed.class);
        JsonNode profile = JsonSchemas.generate(Fixtures.Profile.class);

        assertThat(movie.at("/properties/reason/description").asString())
                .isEqualTo("One sentence explaining why this movie fits");
        assertThat(renamed.at("/properties/color/description").asString()).isEqualTo("Favourite colour");
        assertThat(profile.at("/$defs/Address/description").asString()).isEqualTo("A postal address");
        assertThat(profile.at("/properties/home/description").asString()).isEqualTo("Where the person lives");
    }

    @Test
    void generate_jacksonDescriptions_ourAnnotationWins() {
        ObjectNode city = JsonSchemas.generate(Fixtures.City.class);

        assertThat(city.get("description").asString()).isEqualTo("A city and its population");
        assertThat(city.at("/properties/population/description").asString()).isEqualTo("Wins over Jackson's");
    }

    @Test
    void generate_optionalIsNullableAndNotRequired() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Profile.class);

        assertThat(names(schema.get("required")))
                .doesNotContain("nickname", "work")
                .contains("name", "home");
        assertThat(schema.at("/properties/nickname/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.at("/properties/work/anyOf").toString()).contains("\"null\"", "#/$defs/Address");
    }

    record Listing(String title, Optional<String> subtitle, OptionalInt rank) {}

    @Test
    void generate_failOnMissingCreatorProperties_everyCreatorPropertyRequired_asJacksonFailsWithoutIt() {
        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .build();

        assertThat(names(JsonSchemas.generate(Listing.class, strict).get("required")))
                .containsExactly("title", "subtitle", "rank");
        assertThatThrownBy(() -> strict.readValue("{\"title\":\"t\",\"rank\":1}", Listing.class))
                .hasMessageContaining("subtitle");
        assertThat(names(JsonSchemas.generate(Listing.class).get("required"))).containsExactly("title");
    }

    record Memo(
            String title,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note,
            Optional<String> tag) {}

    @Test
    void generate_failOnNullCreatorProperties_creatorPropertyJacksonOmitsWhenNullIsRequired_asItFailsWithoutIt() {
        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .build();

        assertThat(names(JsonSchemas.generate(Memo.class, strict).get("required")))
                .containsExactly("title", "note");
        assertThatThrownBy(() -> strict.readValue("{\"title\":\"t\"}", Memo.class))
                .hasMessageContaining("note");
        assertThat(names(JsonSchemas.generate(Memo.class).get("required"))).containsExactly("title");
    }

    @Test
    void generate_pojoRequiresOnlyPrimitivesAndNotNull() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Person.class);

        assertThat(names(schema.get("required"))).containsExactly("age", "active", "emails");
    }

    @Test
    void generate_jacksonNamesAndIgnores() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Renamed.class);

        assertThat(schema.get("properties").propertyNames()).containsExactly("full_name", "age", "color", "priority");
    }

    @Test
    void generate_enumValuesAreWhatJacksonWrites() throws Exception {
        for (Class<? extends Enum<?>> type :
                List.of(Fixtures.Priority.class, Fixtures.Color.class, Fixtures.Mood.class)) {
            List<String> written = new ArrayList<>();
            for (Enum<?> constant : type.getEnumConstants()) {
                written.add(MAPPER.valueToTree(constant).asString());
            }
            assertThat(names(JsonSchemas.generate(type).get("enum")))
                    .as(type.getName())
                    .isEqualTo(written);
        }
        assertThat(names(JsonSchemas.generate(Fixtures.Priority.class).get("enum")))
                .containsExactly("low", "high");
    }

    @Test
    void generate_enumValues_whereTheMapperWritesWhatItCannotRead_areTheValuesItReads() throws Exception {
        JsonMapper lowerCase = JsonMapper.builder()
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .build();
        JsonNode values = JsonSchemas.generate(Fixtures.Mood.class, lowerCase).get("enum");

        List<Fixtures.Mood> read = new ArrayList<>();
        for (JsonNode value : values) {
            read.add(lowerCase.treeToValue(value, Fixtures.Mood.class));
        }
        assertThat(read).containsExactly(Fixtures.Mood.values());
        assertThat(names(JsonSchemas.generate(Fixtures.Color.class, lowerCase).get("enum")))
                .containsExactly("red", "green");
    }

    /** An enum whose map keys Jackson writes with {@code @JsonKey}, which it does not read back. */
    enum Tier {
        GOLD,
        SILVER;

        @JsonKey
        String key() {
            return "tier-" + name();
        }
    }

    record Quotas(Map<Tier, Integer> byTier, Map<Fixtures.Mood, Integer> byMood) {}

    @Test
    void generate_enumMapKeys_areNamesJacksonReadsBack() throws Exception {
        JsonMapper byIndex = JsonMapper.builder()
                .enable(EnumFeature.WRITE_ENUM_KEYS_USING_INDEX)
                .build();
        for (JsonMapper mapper : List.of(MAPPER, byIndex)) {
            JsonNode properties = JsonSchemas.generate(Quotas.class, mapper).get("properties");
            for (String property : List.of("byTier", "byMood")) {
                for (String key : names(properties.at("/" + property + "/propertyNames/enum"))) {
                    String json = "{\"byTier\":{},\"byMood\":{},\"" + property + "\":{\"" + key + "\":1}}";
                    assertThat(mapper.readValue(json, Quotas.class)).as(json).isNotNull();
                }
            }
        }
        assertThat(names(JsonSchemas.generate(Quotas.class).at("/properties/byTier/propertyNames/enum")))
                .containsExactly("GOLD", "SILVER");
    }

    /** An enum Jackson writes as numbers, whose schema names each number in its description. */
    enum Level {
        LOW(1),
        HIGH(9);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        @JsonValue
        int code() {
            return code;
        }
    }

    record Levels(Map<String, Level> byName) {}

    record TeamLevels(@Description("Per team.") Map<String, Level> byName) {}

    @Test
    void generate_mapOfNumberedEnum_oneObjectSchema_thatGeminiKeeps() {
        for (Class<?> type : List.of(Levels.class, TeamLevels.class)) {
            ObjectNode schema = JsonSchemas.generate(type);
            JsonNode map = schema.at("/properties/byName");
            assertThat(map.toString()).as(type.getSimpleName()).doesNotContain("allOf");
            assertThat(map.path("type").asString()).as(type.getSimpleName()).isEqualTo("object");
            assertThat(names(map.at("/additionalProperties/enum")))
                    .as(type.getSimpleName())
                    .containsExactly("1", "9");
            assertThat(names(SchemaDialect.GEMINI.apply(schema).at("/properties/byName/additionalProperties/enum")))
                    .as(type.getSimpleName())
                    .containsExactly("1", "9");
        }
        assertThat(JsonSchemas.generate(Levels.class)
                        .at("/properties/byName/additionalProperties/description")
                        .asString())
                .isEqualTo("The numbers stand for: 1 = LOW, 9 = HIGH.");
    }

    @Test
    void generate_setBound_countsDistinctItemsInWords() {
        JsonNode labels = JsonSchemas.generate(Fixtures.Labels.class).get("properties");

        assertThat(labels.get("tags").has("maxItems")).isFalse();
        assertThat(labels.at("/tags/description").asString()).contains("at most 2 distinct items");
        assertThat(labels.at("/groups/items").has("maxItems")).isFalse();
        assertThat(labels.at("/groups/items/description").asString()).contains("at most 1 distinct item.");
        assertThat(JsonSchemas.generate(Fixtures.parameterized(Set.class, String.class))
                        .path("description")
                        .asString())
                .contains("distinct");
    }

    @Test
    void generate_scalarsCollectionsAndTime() {
        JsonNode profile = JsonSchemas.generate(Fixtures.Profile.class).get("properties");
        JsonNode scores = JsonSchemas.generate(Fixtures.Scores.class).get("properties");

        // Jackson drops a set's repeats, so the schema tells of distinct items and does not reject a repeat.
        assertThat(profile.get("tags").has("uniqueItems")).isFalse();
        assertThat(profile.at("/tags/description").asString()).contains("distinct");
        assertThat(profile.at("/balance/type").asString()).isEqualTo("number");
        assertThat(profile.at("/visits/type").asString()).isEqualTo("integer");
        assertThat(profile.at("/birthday/format").asString()).isEqualTo("date");
        assertThat(profile.at("/lastSeen/format").asString()).isEqualTo("date-time");
        assertThat(profile.at("/session/format").asString()).isEqualTo("duration");
        assertThat(profile.at("/grid/items/items/type").asString()).isEqualTo("integer");
        assertThat(scores.at("/points/additionalProperties/type").asString()).isEqualTo("integer");
    }

    @Test
    void generate_sealedUnion_discriminatorFirstWithJacksonsTypeIds() throws Exception {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Drawing.class);
        JsonNode branches = schema.at("/properties/shapes/items/anyOf");

        assertThat(branches.size()).isEqualTo(2);
        for (Fixtures.Shape shape : List.of(new Fixtures.Circle(1), new Fixtures.Square(2))) {
            JsonNode written =
                    MAPPER.readTree(MAPPER.writerFor(Fixtures.Shape.class).writeValueAsString(shape));
            JsonNode branch = branchFor(schema, branches, written.get("@type").asString());
            assertThat(branch.get("properties").propertyNames().iterator().next())
                    .isEqualTo("@type");
            assertThat(branch.get("required").get(0).asString()).isEqualTo("@type");
            assertThat(branch.get("properties").propertyNames()).containsExactlyElementsOf(written.propertyNames());
        }
    }

    @Test
    void generate_jsonTypeInfoUnion_customPropertyAndNames() throws Exception {
        ObjectNode schema = JsonSchemas.generate(Fixtures.Outbox.class);
        JsonNode branches = schema.at("/properties/messages/items/anyOf");

        for (Fixtures.Message message :
                List.of(new Fixtures.EmailMessage("a@b.c", "hi"), new Fixtures.SmsMessage("123", "yo"))) {
            JsonNode written =
                    MAPPER.readTree(MAPPER.writerFor(Fixtures.Message.class).writeValueAsString(message));
            JsonNode branch = branchFor(schema, branches, written.get("kind").asString());
            assertThat(branch.get("properties").propertyNames()).containsExactlyElementsOf(written.propertyNames());
        }
    }

    @Test
    void generate_subtypesRegisteredOnTheMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .registerSubtypes(new NamedType(Registered.class, "registered"))
                .build();

        ObjectNode schema = JsonSchemas.generate(OpenBase.class, mapper);

        // With one subtype the union collapses into that subtype's object.
        assertThat(schema.at("/properties/@type/const").asString()).isEqualTo("registered");
        assertThatThrownBy(() -> JsonSchemas.generate(OpenBase.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("knows no concrete subtype");
    }

    @Test
    void generate_sealedWithoutTypeInfo_rejectedBecauseJacksonCannotReadIt() {
        assertThatThrownBy(() -> JsonSchemas.generate(Fixtures.Unannotated.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Fixtures.Unannotated.class.getName())
                .hasMessageContaining("@JsonTypeInfo");
        // The premise: Jackson 3 writes no type id for it and cannot read it back.
        assertThatThrownBy(() -> MAPPER.readValue("{\"a\":\"x\"}", Fixtures.Unannotated.class))
                .isInstanceOf(tools.jackson.databind.DatabindException.class);
    }

    @Test
    void generate_wrapperArrayTypeInfo_typeIdThenValue() {
        ObjectNode schema = JsonSchemas.generate(ArrayWrapped.class);

        assertThat(schema.at("/prefixItems/0/const").asString()).isEqualTo("JsonSchemasTest$ArrayWrappedImpl");
        assertThat(schema.at("/prefixItems/1/properties/y/type").asString()).isEqualTo("integer");
        assertThat(schema.get("maxItems").asInt()).isEqualTo(2);
        assertThat(MAPPER.valueToTree(new ArrayWrappedImpl(1)).toString())
                .isEqualTo("[\"JsonSchemasTest$ArrayWrappedImpl\",{\"y\":1}]");
    }

    @Test
    void generate_typeInfoOnAProperty_rejectedBecauseTheSchemaDescribesTypes() {
        assertThatThrownBy(() -> JsonSchemas.generate(PolymorphismFixtures.Envelope.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EXTERNAL_PROPERTY")
                .hasMessageContaining("property body of " + PolymorphismFixtures.Envelope.class.getName());
        assertThat(MAPPER.valueToTree(new PolymorphismFixtures.Envelope(new PolymorphismFixtures.Note("n")))
                        .propertyNames())
                .contains("format");
    }

    @Test
    void generate_selfReference_usesRefInsteadOfLooping() {
        ObjectNode schema = JsonSchemas.generate(Fixtures.TreeNode.class);

        assertThat(schema.at("/properties/children/items/$ref").asString()).isEqualTo("#");
    }

    @Test
    void needsWrapping_onlyForNonObjectRoots() {
        assertThat(JsonSchemas.needsWrapping(Fixtures.Idea.class)).isFalse();
        assertThat(JsonSchemas.needsWrapping(Fixtures.Person.class)).isFalse();
        assertThat(JsonSchemas.needsWrapping(Fixtures.Circle.class)).isFalse();
        assertThat(JsonSchemas.needsWrapping(Fixtures.LIST_OF_IDEAS)).isTrue();
        assertThat(JsonSchemas.needsWrapping(Fixtures.Mood.class)).isTrue();
        assertThat(JsonSchemas.needsWrapping(String.class)).isTrue();
        assertThat(JsonSchemas.needsWrapping(int.class)).isTrue();
        assertThat(JsonSchemas.needsWrapping(BigDecimal.class)).isTrue();
        assertThat(JsonSchemas.needsWrapping(LocalDate.class)).isTrue();
        assertThat(JsonSchemas.needsWrapping(Fixtures.Shape.class)).isTrue();
    }

    @Test
    void wrapperKey_itemsForCollectionsValueOtherwise() {
        assertThat(JsonSchemas.wrapperKey(Fixtures.LIST_OF_IDEAS))
                .isEqualTo(JsonSchemas.ITEMS)
                .isEqualTo("items");
        assertThat(JsonSchemas.wrapperKey(Fixtures.parameterized(Set.class, String.class)))
                .isEqualTo("items");
        assertThat(JsonSchemas.wrapperKey(String[].class)).isEqualTo("items");
        assertThat(JsonSchemas.wrapperKey(int.class))
                .isEqualTo(JsonSchemas.VALUE)
                .isEqualTo("value");
        assertThat(JsonSchemas.wrapperKey(Fixtures.Mood.class)).isEqualTo("value");
        assertThat(JsonSchemas.wrapperKey(Fixtures.parameterized(Optional.class, String.class)))
                .isEqualTo("value");
        assertThat(JsonSchemas.wrapperKey(Fixtures.parameterized(Map.class, String.class, String.class)))
                .isEqualTo("value");
        // A tree is Iterable over its children, but holds any value; only an ArrayNode is a list.
        assertThat(JsonSchemas.wrapperKey(tools.jackson.databind.JsonNode.class))
                .isEqualTo("value");
        assertThat(JsonSchemas.wrapperKey(tools.jackson.databind.node.ObjectNode.class))
                .isEqualTo("value");
        assertThat(JsonSchemas.wrapperKey(tools.jackson.databind.node.ArrayNode.class))
                .isEqualTo("items");
    }

    @Test
    void wrap_movesDefinitionsToRootAndLeavesInputAlone() {
        ObjectNode list = JsonSchemas.generate(Fixtures.listOf(Fixtures.Address.class));
        list.putObject("$defs").putObject("Unused").put("type", "string");
        ObjectNode before = list.deepCopy();

        ObjectNode wrapped = JsonSchemas.wrap(list, "items");

        assertThat(list).isEqualTo(before);
        assertThat(wrapped.get("$schema")).isEqualTo(list.get("$schema"));
        assertThat(wrapped.at("/$defs/Unused")).isEqualTo(list.at("/$defs/Unused"));
        assertThat(wrapped.at("/properties/items/type").asString()).isEqualTo("array");
        assertThat(wrapped.at("/properties/items/$defs").isMissingNode()).isTrue();
        assertThat(names(wrapped.get("required"))).containsExactly("items");
        assertThat(wrapped.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void wrap_rootReferenceIsRedirectedToADefinition() {
        ObjectNode inner = JsonSchemas.generate(Fixtures.listOf(String.class));
        inner.putObject("properties").putObject("self").put("$ref", "#");

        ObjectNode wrapped = JsonSchemas.wrap(inner, "value");

        assertThat(wrapped.at("/properties/value/$ref").asString()).isEqualTo("#/$defs/Root");
        assertThat(wrapped.at("/$defs/Root/properties/self/$ref").asString()).isEqualTo("#/$defs/Root");
    }

    @Test
    void generate_returnsIndependentTrees() {
        ObjectNode first = JsonSchemas.generate(Fixtures.Idea.class);
        first.put("mutated", true);

        assertThat(JsonSchemas.generate(Fixtures.Idea.class).has("mutated")).isFalse();
    }

    @Test
    void generate_jdkTypesAsJacksonWritesThem() {
        ObjectNode schema = JsonSchemas.generate(JdkTypes.class);

        assertThat(schema.at("/properties/count/type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(schema.at("/properties/average/type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(schema.at("/properties/bytes/type").asString()).isEqualTo("string");
        assertThat(schema.at("/properties/bytes/contentEncoding").asString()).isEqualTo("base64");
        assertThat(schema.at("/properties/mood/anyOf").toString()).contains("\"null\"", "HAPPY");
        assertThat(schema.at("/properties/mood").has("additionalProperties")).isFalse();
        assertThat(JsonSchemas.generate(Fixtures.parameterized(Optional.class, String.class))
                        .get("type")
                        .toString())
                .isEqualTo("[\"string\",\"null\"]");
    }

    @Test
    void generate_abstractUnionKeepsItsDescription() {
        ObjectNode schema = JsonSchemas.generate(Described.class);

        assertThat(schema.get("description").asString()).isEqualTo("Either kind");
        assertThat(schema.get("anyOf").size()).isEqualTo(2);
    }

    @Test
    void generate_mapperNamingStrategyForImplicitNamesOnly() throws Exception {
        JsonMapper snake = JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .build();
        Fixtures.Renamed value = new Fixtures.Renamed("Ada", "s", 36, Fixtures.Color.RED, Fixtures.Priority.LOW);

        ObjectNode schema = JsonSchemas.generate(Fixtures.Renamed.class, snake);
        ObjectNode recipe = JsonSchemas.generate(Fixtures.Recipe.class, snake);

        assertThat(schema.get("properties").propertyNames())
                .containsExactlyElementsOf(snake.valueToTree(value).propertyNames());
        assertThat(recipe.get("properties").propertyNames()).contains("prep_time_minutes");
    }

    private static JsonNode branchFor(ObjectNode root, JsonNode branches, String typeId) {
        for (JsonNode branch : branches) {
            JsonNode resolved =
                    branch.has("$ref") ? root.at(branch.get("$ref").asString().substring(1)) : branch;
            for (JsonNode property : resolved.get("properties")) {
                if (typeId.equals(property.path("const").asString(null))) {
                    return resolved;
                }
            }
        }
        throw new AssertionError("No branch with type id " + typeId + " in " + branches);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    interface OpenBase {}

    @Description("A point on Earth")
    record Position(
            @Description("Degrees") double lat,
            @Description("Degrees") double lon) {}

    record Residence(
            String city, @JsonUnwrapped(prefix = "at_") Position at) {}

    record Itinerary(
            String name,

            @Description("Where one lives") @JsonUnwrapped(prefix = "home_")
            Residence home) {}

    record JdkTypes(OptionalInt count, OptionalDouble average, byte[] bytes, Optional<Fixtures.Mood> mood) {}

    @Description("Either kind")
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Described permits KindA, KindB {}

    record KindA(int a) implements Described {}

    record KindB(int b) implements Described {}

    record Registered(String x) implements OpenBase {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    @JsonSubTypes(@JsonSubTypes.Type(ArrayWrappedImpl.class))
    interface ArrayWrapped {}

    record ArrayWrappedImpl(int y) implements ArrayWrapped {}

    record Calendar(LocalDate day, MonthDay birthday, Instant at, List<LocalDate> holidays) {}

    @Test
    void timestampMapper_asksForIsoStrings_whichItReads() {
        JsonMapper timestamps = JsonMapper.builder()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();

        ObjectNode schema = JsonSchemas.generate(Calendar.class, timestamps);

        // MonthDay's serializer announces an array under timestamps, though it writes a string: it was an object.
        assertThat(schema).isEqualTo(JsonSchemas.generate(Calendar.class));
        assertThat(schema.at("/properties/birthday/type").asString()).isEqualTo("string");
        Calendar read = timestamps.readValue(
                "{\"day\":\"2024-01-31\",\"birthday\":\"--02-29\",\"at\":\"2024-01-31T10:00:00Z\","
                        + "\"holidays\":[\"2024-12-25\"]}",
                Calendar.class);
        assertThat(read)
                .isEqualTo(new Calendar(
                        LocalDate.of(2024, 1, 31),
                        MonthDay.of(2, 29),
                        Instant.parse("2024-01-31T10:00:00Z"),
                        List.of(LocalDate.of(2024, 12, 25))));
    }

    @Description("How the reader feels")
    @JsonFormat(shape = JsonFormat.Shape.NUMBER)
    enum Mood {
        HAPPY,
        SAD
    }

    record Diary(
            @Description("Today's mood") Mood mood,
            @Description("Yesterday's") Mood yesterday) {}

    @Test
    void enumWrittenAsNumbers_keepsItsDescriptions_andNamesEachNumber() {
        ObjectNode schema = JsonSchemas.generate(Diary.class);

        // victools keeps the type's and the property's descriptions apart, in an allOf.
        assertThat(schema.at("/properties/mood/allOf/0/description").asString())
                .isEqualTo("How the reader feels. The numbers stand for: 0 = HAPPY, 1 = SAD.");
        assertThat(schema.at("/properties/mood/allOf/1/description").asString()).isEqualTo("Today's mood");
        assertThat(schema.toString()).doesNotContain("x-instructor");
    }

    /** The unit of a numeric timestamp follows Jackson's order: the format's feature, the shape, then the mapper. */
    record Stamps(
            @JsonFormat(shape = JsonFormat.Shape.NUMBER_FLOAT)
            Instant fraction,

            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) Instant whole,

            @JsonFormat(
                    shape = JsonFormat.Shape.NUMBER_INT,
                    with = JsonFormat.Feature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            Instant own,

            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) Duration span) {}

    @Test
    void generate_numericTimestamps_unitAsJacksonWritesIt() throws Exception {
        JsonMapper millis = JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .build();
        Instant instant = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);
        // The premise: NUMBER_FLOAT writes decimals whatever the mapper says; Duration ignores the shape.
        assertThat(millis.writeValueAsString(new Stamps(instant, instant, instant, Duration.ofMillis(2500))))
                .isEqualTo("{\"fraction\":1700000000.500000000,\"whole\":1700000000500,"
                        + "\"own\":1700000000.500000000,\"span\":2500}");
        assertThat(MAPPER.writeValueAsString(new Stamps(instant, instant, instant, Duration.ofMillis(2500))))
                .endsWith("\"span\":2.500000000}");

        JsonNode properties = JsonSchemas.generate(Stamps.class, millis).get("properties");
        assertThat(properties.at("/fraction/type").asString()).isEqualTo("number");
        assertThat(properties.at("/whole/type").asString()).isEqualTo("integer");
        assertThat(properties.at("/own/type").asString()).isEqualTo("number");
        assertThat(properties.at("/span/type").asString()).isEqualTo("integer");
        assertThat(JsonSchemas.generate(Stamps.class)
                        .at("/properties/span/type")
                        .asString())
                .isEqualTo("number");
    }

    /** Jackson writes a date or time with {@code shape = ARRAY} as with {@code NUMBER}; a {@code Date} as before. */
    record Arrayed(
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) LocalDate day,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Instant instant,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Month month,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Date legacy) {}

    @Test
    void generate_dateWithArrayShape_asJacksonWritesIt() throws Exception {
        Arrayed value = new Arrayed(
                LocalDate.of(2024, 1, 2), Instant.ofEpochSecond(1_700_000_000L), Month.MARCH, new Date(1000));
        // The premise.
        assertThat(MAPPER.writeValueAsString(value))
                .isEqualTo("{\"day\":[2024,1,2],\"instant\":1700000000.000000000,\"month\":[3],"
                        + "\"legacy\":\"1970-01-01T00:00:01.000Z\"}");

        JsonNode properties = JsonSchemas.generate(Arrayed.class).get("properties");
        assertThat(properties.at("/day/type").asString()).isEqualTo("array");
        assertThat(properties.at("/instant/type").asString()).isEqualTo("number");
        assertThat(properties.at("/month/type").asString()).isEqualTo("integer");
        assertThat(properties.at("/legacy/type").asString()).isEqualTo("string");
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Blank() {}

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    record Tagged(String name) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({@JsonSubTypes.Type(value = Square.class, name = "sq"), @JsonSubTypes.Type(Circle.class)})
    sealed interface Figure permits Square, Circle {}

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Square(int side) implements Figure {}

    record Circle(int radius) implements Figure {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
    @JsonSubTypes(@JsonSubTypes.Type(value = Marker.class, name = "pin"))
    sealed interface Pin permits Marker {}

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Marker(String kind, int at) implements Pin {}

    record Drawing(Blank blank, Figure figure, Pin pin) {}

    record Labels(Tagged tagged) {}

    @Test
    void generate_arrayShapeOnAClass_emptyWrappedAndIdentified() throws Exception {
        // The premise: Jackson writes [], {"sq":[3]} and, for a type id property, [id, [values]]; it reads them back.
        Drawing value = new Drawing(new Blank(), new Square(3), new Marker("pin", 4));
        String drawing = MAPPER.writeValueAsString(value);
        assertThat(drawing).isEqualTo("{\"blank\":[],\"figure\":{\"sq\":[3]},\"pin\":[\"pin\",[\"pin\",4]]}");
        assertThat(MAPPER.readValue(drawing, Drawing.class)).isEqualTo(value);

        ObjectNode schema = JsonSchemas.generate(Drawing.class);
        assertThat(schema.at("/properties/blank/maxItems").asInt()).isZero();
        assertThat(schema.at("/properties/figure/anyOf/0/properties/sq/prefixItems/0/title")
                        .asString())
                .isEqualTo("side");
        assertThat(schema.toString()).doesNotContain("\"prefixItems\":[]");
        assertThat(SchemaDialect.OPENAI_STRICT.apply(schema).toString()).doesNotContain("\"anyOf\":[]");

        // Jackson writes an identified class with shape = ARRAY as an object, and cannot read that back.
        String labels = MAPPER.writeValueAsString(new Labels(new Tagged("n")));
        assertThatThrownBy(() -> MAPPER.readValue(labels, Labels.class)).hasMessageContaining("non-Array");
        assertThatThrownBy(() -> JsonSchemas.generate(Labels.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Tagged.class.getName())
                .hasMessageContaining("@JsonIdentityInfo");
    }

    /** Written as the array of its values: a definition of its own, which victools fills in only at the end. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Serial(String prefix, int number) {}

    /** Identified by a property of a caller type, which other properties use as well. */
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "serial")
    record Part(Serial serial, String name) {}

    /** Identified by ids a caller's generator makes, of a caller type. */
    @JsonIdentityInfo(generator = SerialIds.class, property = "@serial")
    record Unit(String name) {}

    record Inventory(Part part, Part again, Serial loose) {}

    record Crates(Unit unit, Unit same) {}

    /** Identified by ids a caller's generator makes as lists. */
    @JsonIdentityInfo(generator = ListIds.class)
    record Pallet(String name) {}

    /** A caller's id generator whose ids are lists of numbers. */
    public static final class ListIds extends CountingIdGenerator<List<Integer>> {
        public ListIds() {
            this(Object.class, 1);
        }

        private ListIds(Class<?> scope, long next) {
            super(scope, 1, next);
        }

        @Override
        CountingIdGenerator<List<Integer>> copy(Class<?> scope, long next) {
            return new ListIds(scope, next);
        }

        @Override
        List<Integer> idOf(long count) {
            return List.of(1, 2);
        }
    }

    record Pallets(Pallet first, Pallet again) {}

    @Test
    void generate_generatedIdsOfObjectsOrArrays_rejectedBecauseJacksonCannotReadThem() {
        Unit unit = new Unit("crate");
        String crates = MAPPER.writeValueAsString(new Crates(unit, unit));
        Pallet pallet = new Pallet("p");
        String pallets = MAPPER.writeValueAsString(new Pallets(pallet, pallet));
        // The premise: Jackson writes the ids as arrays, and fails to read a reference written so.
        assertThat(crates).contains("\"@serial\":[\"u\",1]", "\"same\":[\"u\",1]");
        assertThat(pallets).contains("\"@id\":[1,2]", "\"again\":[1,2]");
        assertThatThrownBy(() -> MAPPER.readValue(crates, Crates.class))
                .isInstanceOf(tools.jackson.databind.DatabindException.class);
        assertThatThrownBy(() -> MAPPER.readValue(pallets, Pallets.class))
                .isInstanceOf(tools.jackson.databind.DatabindException.class);

        assertThatThrownBy(() -> JsonSchemas.generate(Crates.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Unit.class.getName())
                .hasMessageContaining("\"@serial\"")
                .hasMessageContaining("@JsonIdentityInfo");
        assertThatThrownBy(() -> JsonSchemas.generate(Pallets.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Pallet.class.getName())
                .hasMessageContaining("\"@id\"");
    }

    /** A caller's id generator whose ids are {@link Serial}s. */
    public static final class SerialIds extends CountingIdGenerator<Serial> {
        public SerialIds() {
            this(Object.class, 1);
        }

        private SerialIds(Class<?> scope, long next) {
            super(scope, 1, next);
        }

        @Override
        CountingIdGenerator<Serial> copy(Class<?> scope, long next) {
            return new SerialIds(scope, next);
        }

        @Override
        Serial idOf(long count) {
            return new Serial("u", (int) count);
        }
    }

    @Test
    void generate_idOfACallerTypeReadThroughACreator_rejected() {
        Inventory value = inventory();
        String written = MAPPER.writeValueAsString(value);
        // Jackson writes a reference as the id's array, and in 3.1.8 reads no Part at all, not even one in full.
        assertThat(written).contains("\"again\":[\"p\",1]");
        assertThatThrownBy(() -> MAPPER.readValue("{\"serial\":[\"p\",1],\"name\":\"bolt\"}", Part.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);

        assertThatThrownBy(() -> JsonSchemas.generate(Inventory.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Part.class.getName())
                .hasMessageContaining("\"serial\"");
    }

    static Inventory inventory() {
        Part part = new Part(new Serial("p", 1), "bolt");
        return new Inventory(part, part, new Serial("l", 2));
    }

    record Injected(String text, @JacksonInject("author") String author) {}

    record InjectedOrGiven(
            String text,

            @JacksonInject(value = "author", useInput = OptBoolean.TRUE)
            String author) {}

    @Test
    void generate_injectedCreatorProperty_isNotRequired_andLeftOutWhereJacksonIgnoresTheMember() {
        JsonMapper mapper = JsonMapper.builder()
                .injectableValues(new InjectableValues.Std().addValue("author", "ada"))
                .build();
        String json = "{\"text\":\"t\",\"author\":\"bob\"}";
        assertThat(mapper.readValue(json, Injected.class).author())
                .as("Jackson injects the value whatever the member says")
                .isEqualTo("ada");
        assertThat(mapper.readValue(json, InjectedOrGiven.class).author()).isEqualTo("bob");

        ObjectNode injected = JsonSchemas.generate(Injected.class, mapper);
        assertThat(injected.get("properties").propertyNames()).containsExactly("text");
        assertThat(injected.get("required").toString()).isEqualTo("[\"text\"]");
        ObjectNode given = JsonSchemas.generate(InjectedOrGiven.class, mapper);
        assertThat(given.get("properties").propertyNames()).containsExactly("text", "author");
        assertThat(given.get("required").toString())
                .as("the model may leave it to the injection")
                .isEqualTo("[\"text\"]");
    }

    /** A validation group the default validation does not check. */
    interface Draft {}

    record Grouped(
            @Size(max = 2, groups = Draft.class) List<String> tags,
            @Size(max = 3) List<String> others) {}

    /** A bean whose field is required only in the {@link Draft} group. */
    static final class GroupedBean {
        @NotNull(groups = Draft.class)
        public String name;

        @NotNull
        public String title;
    }

    record Deadline(
            @Description("The amount.") @jakarta.validation.constraints.Digits(integer = 3, fraction = 2)
            BigDecimal price,

            @jakarta.validation.constraints.Future LocalDate due,
            @jakarta.validation.constraints.PastOrPresent Instant seen,
            List<@jakarta.validation.constraints.Past LocalDate> history,
            @jakarta.validation.constraints.AssertTrue boolean agreed,
            @jakarta.validation.constraints.Null String reserved,

            @jakarta.validation.constraints.Future(groups = Draft.class)
            LocalDate later) {}

    @Test
    void generate_constraintsWithoutAKeyword_areInTheDescription_soTheModelIsTold() {
        JsonNode properties = JsonSchemas.generate(Deadline.class).get("properties");

        assertThat(properties.at("/price/description").asString())
                .startsWith("The amount.")
                .contains("3 integer digits", "2 fraction digits");
        assertThat(properties.at("/due/description").asString()).contains("future");
        assertThat(properties.at("/seen/description").asString()).contains("past");
        assertThat(properties.at("/history/items/description").asString()).contains("past");
        assertThat(properties.at("/history").has("description")).isFalse();
        assertThat(properties.at("/agreed/description").asString()).contains("true");
        assertThat(properties.at("/reserved/description").asString()).contains("be null");
        assertThat(properties.at("/later").has("description"))
                .as("a constraint of another group is not checked, so not described")
                .isFalse();
        for (SchemaDialect dialect : SchemaDialect.values()) {
            assertThat(dialect.apply(JsonSchemas.generate(Deadline.class)).toString())
                    .as(dialect.name())
                    .contains("future");
        }
    }

    record Coded(
            Map<@jakarta.validation.constraints.Size(min = 2, max = 3) String, Integer> byCode,
            Map<@jakarta.validation.constraints.Pattern(regexp = "[a-z]+") String, Integer> bySlug,
            Map<@jakarta.validation.constraints.Size(max = 1, groups = Draft.class) String, Integer> drafted) {}

    @Test
    void generate_constraintsOnMapKeys_areThePropertyNames_asValidationChecksTheKeys() {
        ObjectNode schema = JsonSchemas.generate(Coded.class);
        JsonNode properties = schema.get("properties");

        assertThat(properties.at("/byCode/propertyNames/minLength").asInt()).isEqualTo(2);
        assertThat(properties.at("/byCode/propertyNames/maxLength").asInt()).isEqualTo(3);
        assertThat(properties.at("/bySlug/propertyNames/pattern").asString()).isEqualTo("^(?:[a-z]+)$");
        assertThat(properties.at("/drafted").has("propertyNames")).isFalse();
        String answer = "{\"byCode\":{\"abcd\":1},\"bySlug\":{\"A1\":1},\"drafted\":{\"ab\":1}}";
        dev.instructor.ResponseModel<Coded> model = dev.instructor.ResponseModel.of(Coded.class);
        assertThat(model.validate(model.parse(answer), dev.instructor.ValidationContext.empty()))
                .extracting(violation -> violation.path().toString())
                .containsExactlyInAnyOrder("/byCode/abcd", "/bySlug/A1");
        assertThat(SchemaConformance.violations(
                        schema,
                        tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer)))
                .hasSize(2);
        assertThat(SchemaDialect.GEMINI.apply(JsonSchemas.generate(Coded.class)).toString())
                .contains("keys");
    }

    record Labelled(
            @jakarta.validation.constraints.NotBlank String label,
            List<@jakarta.validation.constraints.NotBlank String> tags,

            @jakarta.validation.constraints.NotBlank(groups = Draft.class)
            String draft) {}

    @Test
    void generate_notBlank_isDescribed_asALengthAloneAcceptsWhitespaceTheValidationRejects() {
        ObjectNode schema = JsonSchemas.generate(Labelled.class);
        JsonNode properties = schema.get("properties");

        assertThat(properties.at("/label/description").asString()).contains("not be blank");
        assertThat(properties.at("/tags/items/description").asString()).contains("not be blank");
        assertThat(properties.at("/draft").has("description")).isFalse();
        dev.instructor.ResponseModel<Labelled> model = dev.instructor.ResponseModel.of(Labelled.class);
        assertThat(SchemaConformance.violations(
                        schema,
                        tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .readTree("{\"label\":\" \",\"tags\":[\"a\"],\"draft\":\"d\"}")))
                .as("minLength alone lets a blank label through")
                .isEmpty();
        assertThat(model.validate(
                        model.parse("{\"label\":\" \",\"tags\":[\"a\"],\"draft\":\"d\"}"),
                        dev.instructor.ValidationContext.empty()))
                .isNotEmpty();
        for (SchemaDialect dialect : SchemaDialect.values()) {
            assertThat(dialect.apply(JsonSchemas.generate(Labelled.class)).toString())
                    .as(dialect.name())
                    .contains("not be blank");
        }
    }

    @Test
    void generate_constraintsOfAnotherGroupThanTheDefault_areLeftOut_asValidationDoesNotCheckThem() {
        ObjectNode grouped = JsonSchemas.generate(Grouped.class);
        ObjectNode bean = JsonSchemas.generate(GroupedBean.class);

        assertThat(grouped.at("/properties/tags").has("maxItems")).isFalse();
        assertThat(grouped.at("/properties/others/maxItems").asInt()).isEqualTo(3);
        assertThat(bean.get("required").toString()).isEqualTo("[\"title\"]");
        dev.instructor.ResponseModel<GroupedBean> model = dev.instructor.ResponseModel.of(GroupedBean.class);
        assertThat(model.validate(model.parse("{\"title\":\"t\"}"), dev.instructor.ValidationContext.empty()))
                .as("the default validation accepts the bean without a name")
                .isEmpty();
    }

    record Pair(String kept, String dropped) {}

    record Pairs(
            @JsonIgnoreProperties("dropped") Pair one,
            @JsonIgnoreProperties("dropped") List<Pair> many,
            Pair whole) {}

    @Test
    void generate_propertysJsonIgnoreProperties_leavesTheIgnoredMembersOutOfItsObjects() {
        String json = "{\"one\":{\"kept\":\"k\",\"dropped\":\"d\"},\"many\":[{\"kept\":\"k\",\"dropped\":\"d\"}],"
                + "\"whole\":{\"kept\":\"k\",\"dropped\":\"d\"}}";
        Pairs read = MAPPER.readValue(json, Pairs.class);
        assertThat(read.one().dropped()).as("Jackson ignores the member").isNull();
        assertThat(read.many().get(0).dropped()).isNull();
        assertThat(read.whole().dropped()).isEqualTo("d");

        ObjectNode schema = JsonSchemas.generate(Pairs.class);

        for (String at : List.of("/properties/one", "/properties/many/items")) {
            JsonNode pair = schema.at(at);
            assertThat(pair.get("properties").propertyNames()).as(at).containsExactly("kept");
            assertThat(pair.get("required").toString()).as(at).isEqualTo("[\"kept\"]");
        }
        JsonNode whole = schema.at("/properties/whole");
        whole = whole.has("$ref") ? schema.at(whole.get("$ref").asString().substring(1)) : whole;
        assertThat(whole.get("properties").propertyNames()).containsExactly("kept", "dropped");
        dev.instructor.ResponseModel<Pairs> model = dev.instructor.ResponseModel.of(Pairs.class);
        String answer = "{\"one\":{\"kept\":\"k\"},\"many\":[{\"kept\":\"k\"}],"
                + "\"whole\":{\"kept\":\"k\",\"dropped\":\"d\"}}";
        assertThat(model.validate(model.parse(answer), dev.instructor.ValidationContext.empty()))
                .as("an answer to the schema is valid")
                .isEmpty();
    }

    /** An enum Jackson reads only through its factory, from a one-letter code. */
    enum Grade {
        LOW,
        HIGH,
        UNUSED;

        @JsonCreator
        static Grade of(String code) {
            return switch (code) {
                case "l" -> LOW;
                case "h" -> HIGH;
                default -> null;
            };
        }
    }

    /** An enum Jackson reads only through its factory, from a number. */
    enum Code {
        FIRST,
        SECOND;

        @JsonCreator
        static Code of(int number) {
            return number == 1 ? FIRST : SECOND;
        }
    }

    record Grades(Grade level, Code code) {}

    record Rank(int points) {}

    /** An enum Jackson reads only through its factory, from an object. */
    enum Medal {
        BRONZE,
        GOLD;

        @JsonCreator
        static Medal of(Rank rank) {
            return rank.points() > 10 ? GOLD : BRONZE;
        }
    }

    record Tiers(Medal tier) {}

    @Test
    void generate_enumReadThroughAFactoryOfAnObject_isThatObjectsSchema() {
        ObjectNode schema = JsonSchemas.generate(Tiers.class);
        JsonNode answer = MAPPER.readTree("{\"tier\":{\"points\":12}}");

        assertThat(MAPPER.treeToValue(answer, Tiers.class)).isEqualTo(new Tiers(Medal.GOLD));
        assertThat(SchemaConformance.violations(schema, answer))
                .as("%s", schema)
                .isEmpty();
        assertThat(SchemaConformance.violations(schema, MAPPER.readTree("{\"tier\":\"GOLD\"}")))
                .as("%s", schema)
                .isNotEmpty();
        assertThat(SchemaDialect.OPENAI_STRICT
                        .apply(schema)
                        .at("/properties/tier")
                        .toString())
                .contains("points");
    }

    @Test
    void generate_enumReadThroughAFactory_listsOnlyValuesJacksonReadsAsAConstant_andTheFactorysType() {
        ObjectNode schema = JsonSchemas.generate(Grades.class);

        for (String property : List.of("level", "code")) {
            JsonNode values = schema.at("/properties/" + property + "/enum");
            for (JsonNode value : values) {
                assertThat(MAPPER.treeToValue(value, (Class<?>) (property.equals("level") ? Grade.class : Code.class)))
                        .as("%s of %s", value, property)
                        .isNotNull();
            }
        }
        assertThat(schema.at("/properties/level/type").asString()).isEqualTo("string");
        assertThat(schema.at("/properties/code/type").asString()).isEqualTo("integer");
        assertThat(MAPPER.readValue("{\"level\":\"h\",\"code\":1}", Grades.class))
                .isEqualTo(new Grades(Grade.HIGH, Code.FIRST));
    }

    record WrappedItems(
            List<Optional<@Size(max = 2) String>> notes,
            Optional<List<@Size(max = 3) String>> tags,
            Optional<Map<@Size(max = 4) String, Boolean>> flags) {}

    @Test
    void typeUseConstraint_throughAnOptional_isWritten() {
        ObjectNode schema = JsonSchemas.generate(WrappedItems.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        // Bean Validation checks each of these constraints through the Optional:
        assertThat(validator.validate(
                        new WrappedItems(List.of(Optional.of("abc")), Optional.empty(), Optional.empty())))
                .hasSize(1);
        assertThat(validator.validate(new WrappedItems(List.of(), Optional.of(List.of("abcd")), Optional.empty())))
                .hasSize(1);
        assertThat(validator.validate(
                        new WrappedItems(List.of(), Optional.empty(), Optional.of(Map.of("abcde", true)))))
                .hasSize(1);
        // and the schema tells the model of them.
        assertThat(schema.at("/properties/notes/items/maxLength").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/tags/items/maxLength").asInt()).isEqualTo(3);
        assertThat(schema.at("/properties/flags/propertyNames/maxLength").asInt())
                .isEqualTo(4);
    }

    record OptionalList(Optional<List<@Size(max = 2) String>> tags) {}

    @Test
    void itemConstraint_inAnOptionalList_boundsTheItems_notTheList() {
        ObjectNode schema = JsonSchemas.generate(OptionalList.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        // Bean Validation bounds each string, not the number of them:
        assertThat(validator.validate(new OptionalList(Optional.of(List.of("a", "b", "c")))))
                .isEmpty();
        assertThat(validator.validate(new OptionalList(Optional.of(List.of("abc")))))
                .hasSize(1);
        // nor does the schema.
        assertThat(schema.at("/properties/tags/items/maxLength").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/tags").has("maxItems"))
                .as("%s", schema)
                .isFalse();
    }

    record NestedElements(
            List<List<@Size(max = 3) String>> grid,
            List<@Size(max = 2) List<@jakarta.validation.constraints.NotBlank String>> rows,
            List<Set<@jakarta.validation.constraints.Min(1) Integer>> counts,
            Optional<List<List<@Size(max = 4) String>>> pages) {}

    record NestedMapValues(
            Map<String, Optional<@Size(max = 5) String>> notes,
            Map<String, List<@Size(max = 6) String>> byKey,
            List<Map<String, List<@Size(min = 2) String>>> tables,
            Map<String, Map<@Size(max = 2) String, List<@Size(max = 1) String>>> nested) {}

    @Test
    void typeUseConstraint_twoContainersDeep_isWritten_inEveryDialect() {
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
        // Bean Validation checks each of these constraints, however deep:
        assertThat(validator.validate(
                        new NestedElements(List.of(List.of("abcd")), List.of(), List.of(), Optional.empty())))
                .hasSize(1);
        assertThat(validator.validate(
                        new NestedElements(List.of(), List.of(List.of(" ")), List.of(Set.of(0)), Optional.empty())))
                .hasSize(2);
        assertThat(validator.validate(
                        new NestedElements(List.of(), List.of(), List.of(), Optional.of(List.of(List.of("abcde"))))))
                .hasSize(1);
        assertThat(validator.validate(new NestedMapValues(
                        Map.of("k", Optional.of("abcdef")),
                        Map.of("k", List.of("abcdefg")),
                        List.of(Map.of("k", List.of("a"))),
                        Map.of("k", Map.of("abc", List.of("ab"))))))
                .hasSize(5);

        // and the schema tells the model of them.
        ObjectNode schema = JsonSchemas.generate(NestedElements.class);
        assertThat(schema.at("/properties/grid/items/items/maxLength").asInt())
                .as("%s", schema)
                .isEqualTo(3);
        assertThat(schema.at("/properties/rows/items/maxItems").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/rows/items/items/minLength").asInt()).isEqualTo(1);
        assertThat(schema.at("/properties/rows/items/items/description").asString())
                .contains("not be blank");
        assertThat(schema.at("/properties/counts/items/items/minimum").asInt()).isEqualTo(1);
        assertThat(schema.at("/properties/pages/items/items/maxLength").asInt()).isEqualTo(4);
        ObjectNode maps = JsonSchemas.generate(NestedMapValues.class);
        assertThat(maps.at("/properties/notes/additionalProperties/maxLength").asInt())
                .as("%s", maps)
                .isEqualTo(5);
        assertThat(maps.at("/properties/byKey/additionalProperties/items/maxLength")
                        .asInt())
                .isEqualTo(6);
        assertThat(maps.at("/properties/tables/items/additionalProperties/items/minLength")
                        .asInt())
                .isEqualTo(2);
        assertThat(maps.at("/properties/nested/additionalProperties/propertyNames/maxLength")
                        .asInt())
                .isEqualTo(2);
        assertThat(maps.at("/properties/nested/additionalProperties/additionalProperties/items/maxLength")
                        .asInt())
                .isEqualTo(1);
        // A strict dialect, which takes no maxLength, says it in words at the same depth.
        ObjectNode strict = SchemaDialect.OPENAI_STRICT.apply(JsonSchemas.generate(NestedElements.class));
        assertThat(strict.at("/properties/grid/items/items/description").asString())
                .contains("at most 3 characters");
        assertThat(strict.at("/properties/grid/items/items").has("maxLength")).isFalse();
    }

    record OptionalValues(
            Optional<@Size(max = 5) String> note,
            Optional<@Size(max = 2) List<String>> tags,
            Optional<@jakarta.validation.constraints.Future LocalDate> due) {}

    @Test
    void typeUseConstraint_onAnOptionalPropertysValue_isWritten() {
        ObjectNode schema = JsonSchemas.generate(OptionalValues.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(new OptionalValues(Optional.of("abcdef"), Optional.empty(), Optional.empty())))
                .hasSize(1);
        assertThat(validator.validate(
                        new OptionalValues(Optional.empty(), Optional.of(List.of("a", "b", "c")), Optional.empty())))
                .hasSize(1);
        assertThat(validator.validate(
                        new OptionalValues(Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2000, 1, 1)))))
                .hasSize(1);
        assertThat(schema.at("/properties/due/description").asString()).contains("be in the future");
        assertThat(schema.at("/properties/note/maxLength").asInt())
                .as("%s", schema)
                .isEqualTo(5);
        assertThat(schema.at("/properties/tags/maxItems").asInt()).isEqualTo(2);
    }

    record KeyedRows(List<Map<@Size(max = 2) String, Integer>> rows, Map<@Size(max = 3) String, Integer> totals) {}

    @Test
    void mapKeyConstraint_ofAMapInAList_isWritten() {
        ObjectNode schema = JsonSchemas.generate(KeyedRows.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(new KeyedRows(List.of(Map.of("abc", 1)), Map.of())))
                .hasSize(1);
        assertThat(schema.at("/properties/rows/items/propertyNames/maxLength").asInt())
                .as("%s", schema)
                .isEqualTo(2);
        assertThat(schema.at("/properties/totals/propertyNames/maxLength").asInt())
                .isEqualTo(3);
    }

    record Codes(
            @jakarta.validation.constraints.Pattern(regexp = "[a-z]+")
            String slug,

            List<@jakarta.validation.constraints.Pattern(regexp = "ab|cd") String> pairs,

            @jakarta.validation.constraints.Pattern(regexp = "^[0-9]+$")
            String digits) {}

    @Test
    void pattern_isAFullMatch_asBeanValidationMatchesIt() {
        ObjectNode schema = JsonSchemas.generate(Codes.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        Map<String, List<String>> samples = Map.of(
                "/properties/slug/pattern", List.of("abc", "ABCabc", "abc1", ""),
                "/properties/pairs/items/pattern", List.of("ab", "cd", "abcd", "xab", "cdx"),
                "/properties/digits/pattern", List.of("123", "12a", "a12"));
        for (Map.Entry<String, List<String>> sample : samples.entrySet()) {
            // JSON Schema's pattern is an ECMA-262 regular expression matched anywhere in the string (a search).
            java.util.regex.Pattern pattern =
                    java.util.regex.Pattern.compile(schema.at(sample.getKey()).asString());
            for (String text : sample.getValue()) {
                Codes codes = sample.getKey().contains("slug")
                        ? new Codes(text, List.of(), "1")
                        : sample.getKey().contains("pairs")
                                ? new Codes("a", List.of(text), "1")
                                : new Codes("a", List.of(), text);
                assertThat(pattern.matcher(text).find())
                        .as(sample.getKey() + " on \"" + text + "\"")
                        .isEqualTo(validator.validate(codes).isEmpty());
            }
        }
        assertThat(schema.at("/properties/digits/pattern").asString()).isEqualTo("^[0-9]+$");
    }

    record Words(
            @jakarta.validation.constraints.Pattern(regexp = "\\A[a-z]+\\z")
            String word,

            @jakarta.validation.constraints.Pattern(regexp = "[0-9]+\\Z")
            String number,

            @jakarta.validation.constraints.Pattern(regexp = "[\\\\]\\\\z")
            String escaped) {}

    @Test
    void pattern_withJavaInputAnchors_isWrittenWithTheAnchorsEcmaReads() {
        ObjectNode schema = JsonSchemas.generate(Words.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        Map<String, List<String>> samples = Map.of(
                "word", List.of("abc", "Aabcz", "abc1"),
                "number", List.of("12", "a12", "12a"),
                "escaped", List.of("\\\\z", "\\z", "\\\\zz"));
        for (Map.Entry<String, List<String>> sample : samples.entrySet()) {
            String pattern =
                    schema.at("/properties/" + sample.getKey() + "/pattern").asString();
            // ECMA-262 has no \A, \z or \Z: it reads them as the letters. Java reads them as anchors, so the
            // agreement below holds only once none is left.
            assertThat(pattern.replace("\\\\", "")).as(pattern).doesNotContain("\\A", "\\z", "\\Z");
            for (String text : sample.getValue()) {
                Words words = new Words(
                        sample.getKey().equals("word") ? text : "a",
                        sample.getKey().equals("number") ? text : "1",
                        sample.getKey().equals("escaped") ? text : "\\\\z");
                assertThat(java.util.regex.Pattern.compile(pattern)
                                .matcher(text)
                                .find())
                        .as(pattern + " on \"" + text + "\"")
                        .isEqualTo(validator.validate(words).isEmpty());
            }
        }
    }

    record Caseless(
            @jakarta.validation.constraints.Pattern(
                    regexp = "[a-z]+",
                    flags = jakarta.validation.constraints.Pattern.Flag.CASE_INSENSITIVE)
            String word) {}

    @Test
    void patternWithFlags_isDescribed_asNoPatternKeywordCarriesThem() {
        ObjectNode schema = JsonSchemas.generate(Caseless.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        JsonNode word = schema.at("/properties/word");
        for (String text : List.of("abc", "Hello", "ab1", "")) {
            boolean valid = validator.validate(new Caseless(text)).isEmpty();
            if (word.has("pattern")) {
                assertThat(java.util.regex.Pattern.compile(word.get("pattern").asString())
                                .matcher(text)
                                .find())
                        .as(word.get("pattern").asString() + " on \"" + text + "\"")
                        .isEqualTo(valid);
            }
        }
        assertThat(word.path("description").asString()).contains("[a-z]+", "CASE_INSENSITIVE");
    }

    record JavaOnly(
            @jakarta.validation.constraints.Pattern(regexp = "\\Qa.b\\E")
            String quoted,

            @jakarta.validation.constraints.Pattern(regexp = "(?i)[a-z]+")
            String inlineFlag,

            @jakarta.validation.constraints.Pattern(regexp = "a++b")
            String possessive,

            @jakarta.validation.constraints.Pattern(regexp = "(?>ab|a)c")
            String atomic,

            @jakarta.validation.constraints.Pattern(regexp = "\\p{Alpha}+")
            String javaClass,

            @jakarta.validation.constraints.Pattern(regexp = "\\h\\R")
            String spaces,

            @jakarta.validation.constraints.Pattern(regexp = "[a-z&&[^e]]+")
            String intersection,

            @jakarta.validation.constraints.Pattern(regexp = "[\\\\]\\\\p")
            String escaped) {}

    @Test
    void pattern_withJavaOnlyConstructs_isDescribed_asEcmaReadsThemOtherwise() {
        ObjectNode schema = JsonSchemas.generate(JavaOnly.class);

        for (String name :
                List.of("quoted", "inlineFlag", "possessive", "atomic", "javaClass", "spaces", "intersection")) {
            JsonNode property = schema.at("/properties/" + name);
            assertThat(property.has("pattern")).as(name + ": " + property).isFalse();
            assertThat(property.path("description").asString())
                    .as(name)
                    .startsWith("Must match the Java regular expression ");
        }
        // A literal backslash before p (and a class of one backslash) is read alike by both: still a pattern.
        JsonNode escaped = schema.at("/properties/escaped");
        assertThat(java.util.regex.Pattern.compile(escaped.path("pattern").asString())
                        .matcher("\\\\p")
                        .find())
                .as(escaped.toString())
                .isTrue();
        assertThat(escaped.has("description")).isFalse();
    }

    record Mailboxes(
            @jakarta.validation.constraints.Email String plain,

            @jakarta.validation.constraints.Email(
                    regexp = "[a-z]+@example\\.com",
                    flags = jakarta.validation.constraints.Pattern.Flag.CASE_INSENSITIVE)
            String caseless,

            @jakarta.validation.constraints.Email(regexp = "\\p{Lower}+@example\\.com")
            String javaOnly) {}

    @Test
    void emailWithRegexpNotWritable_isDescribed_andKeepsItsFormat() {
        ObjectNode schema = JsonSchemas.generate(Mailboxes.class);
        JsonNode plain = schema.at("/properties/plain");

        JsonNode caseless = schema.at("/properties/caseless");
        assertThat(caseless.has("pattern")).as(caseless.toString()).isFalse();
        assertThat(caseless.path("format")).isEqualTo(plain.path("format"));
        assertThat(caseless.path("description").asString()).contains("[a-z]+@example\\.com", "CASE_INSENSITIVE");

        JsonNode javaOnly = schema.at("/properties/javaOnly");
        assertThat(javaOnly.has("pattern")).as(javaOnly.toString()).isFalse();
        assertThat(javaOnly.path("format")).isEqualTo(plain.path("format"));
        assertThat(javaOnly.path("description").asString()).contains("\\p{Lower}+@example\\.com");
    }

    record Codewords(
            @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+")
            @jakarta.validation.constraints.Pattern(regexp = ".*[0-9].*")
            @jakarta.validation.constraints.Pattern(regexp = "\\p{Lower}.*")
            String code) {}

    @Test
    void patternList_everyPatternIsWrittenOrDescribed_asBeanValidationChecksThemAll() {
        ObjectNode schema = JsonSchemas.generate(Codewords.class);
        jakarta.validation.Validator validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

        JsonNode code = schema.at("/properties/code");
        java.util.regex.Pattern written =
                java.util.regex.Pattern.compile(code.path("pattern").asString());
        for (String text : List.of("ab1", "ab", "1ab", "AB1")) {
            // Where the written pattern accepts a value validation rejects, the description must name the others.
            if (written.matcher(text).find()) {
                continue;
            }
            assertThat(validator.validate(new Codewords(text))).as(text).isNotEmpty();
        }
        String description = code.path("description").asString();
        for (String regexp : List.of("[a-z0-9]+", ".*[0-9].*", "\\p{Lower}.*")) {
            assertThat(code.path("pattern").asString().contains(regexp) || description.contains(regexp))
                    .as(regexp + " in " + code)
                    .isTrue();
        }
    }
}
