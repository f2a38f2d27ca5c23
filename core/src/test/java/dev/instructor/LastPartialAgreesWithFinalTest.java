package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import dev.instructor.json.PartialJsonParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The partial bound from the complete document agrees with {@link ResponseModel#parse}: the same value, or no partial
 * when Jackson rejects the document. Cases a differential fuzz of the binder found, each at chunk sizes 1, 3 and whole.
 */
class LastPartialAgreesWithFinalTest {
    record Reading(String label, int count) {}

    record Measure(double value) {}

    record Tagged(String name, Optional<String> tag) {}

    record Ident(java.util.UUID id, String name) {}

    record Account(String user, @JsonIgnore String password) {}

    record Booking(
            @JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonDeserialize(using = UpperCase.class) String code,
            String note) {}

    /** Reads a string in upper case. */
    static final class UpperCase extends StdDeserializer<String> {
        UpperCase() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return parser.getString().toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** Reads a list of strings in upper case, as a whole. */
    static final class UpperCaseList extends StdDeserializer<List<String>> {
        UpperCaseList() {
            super(List.class);
        }

        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) {
            List<String> codes = new ArrayList<>();
            for (Object code : context.readValue(parser, List.class)) {
                codes.add(String.valueOf(code).toUpperCase(java.util.Locale.ROOT));
            }
            return codes;
        }
    }

    /** Reads a map whose values are in upper case, as a whole. */
    static final class UpperCaseValues extends StdDeserializer<Map<String, String>> {
        UpperCaseValues() {
            super(Map.class);
        }

        @Override
        public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) {
            Map<String, String> values = new HashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) context.readValue(parser, Map.class)).entrySet()) {
                values.put(
                        String.valueOf(entry.getKey()),
                        String.valueOf(entry.getValue()).toUpperCase(java.util.Locale.ROOT));
            }
            return values;
        }
    }

    /** Collections and maps that the property's own deserializer reads whole. */
    record Tickets(
            @JsonDeserialize(using = UpperCaseList.class) List<String> codes,
            @JsonDeserialize(using = UpperCaseValues.class) Map<String, String> seats) {}

    /** Collections whose items Jackson reads with the property's content deserializer or as a narrower type. */
    record Codes(
            @JsonDeserialize(contentUsing = UpperCase.class) List<String> codes,
            @JsonDeserialize(contentUsing = UpperCase.class) Map<String, String> byName,
            @JsonDeserialize(contentAs = Integer.class) List<Number> counts) {}

    /** Reads a string as the list of its comma-separated parts. */
    static final class CommaSeparated extends StdDeserializer<List<String>> {
        CommaSeparated() {
            super(List.class);
        }

        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) {
            return List.of(parser.getString().split(","));
        }
    }

    /** Reads a string as it is, and JSON null as {@code "none"}. */
    static final class NoneForNull extends StdDeserializer<String> {
        NoneForNull() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return parser.getString();
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            return "none";
        }
    }

    /** Optionals whose values Jackson reads with the property's content deserializer: the list itself, not its items. */
    record Maybes(
            @JsonDeserialize(contentUsing = UpperCase.class) Optional<String> code,

            @JsonDeserialize(contentUsing = CommaSeparated.class)
            Optional<List<String>> parts,

            @JsonDeserialize(contentUsing = NoneForNull.class)
            Optional<String> label) {}

    record Nested(Optional<Optional<String>> tag) {}

    record Ranked(
            @JsonDeserialize(using = NoneForNull.class) String label, int rank) {}

    /** Says what null is only in a live read, as a deserializer that looks at its parser may. */
    static final class LiveNull extends StdDeserializer<String> {
        LiveNull() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return "read:" + parser.getString();
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            if (context.getParser() == null) {
                throw new IllegalStateException("no read under way");
            }
            return "live null";
        }
    }

    record Noted(@JsonDeserialize(using = LiveNull.class) String note, int rank) {}

    /** Reads an enum by its exact name, whatever format the property gives. */
    static final class ExactLevel extends StdDeserializer<Level> {
        ExactLevel() {
            super(Level.class);
        }

        @Override
        public Level deserialize(JsonParser parser, DeserializationContext context) {
            return Level.valueOf(parser.getString());
        }
    }

    /** Reads a box from any object, naming it after the object's text. */
    static final class BoxOfText extends StdDeserializer<Box> {
        BoxOfText() {
            super(Box.class);
        }

        @Override
        public Box deserialize(JsonParser parser, DeserializationContext context) {
            Box box = new Box();
            box.name = context.readTree(parser).toString();
            return box;
        }
    }

    /** Collections whose content deserializer meets the property's null handling or format. */
    record SetCodes(
            @JsonDeserialize(contentUsing = UpperCase.class) @JsonSetter(contentNulls = Nulls.SKIP)
            List<String> kept,

            @JsonDeserialize(contentUsing = UpperCase.class) @JsonSetter(contentNulls = Nulls.AS_EMPTY)
            Map<String, String> filled,

            @JsonDeserialize(contentUsing = UpperCase.class)
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> single,

            @JsonDeserialize(contentUsing = ExactLevel.class)
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            List<Level> levels,

            @JsonDeserialize(contentUsing = BoxOfText.class)
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            List<Box> boxes) {}

    /** Arrays and other collections whose items a content deserializer reads. */
    public static final class ArrayCodes {
        @JsonDeserialize(contentUsing = UpperCase.class)
        public String[] plain;

        @JsonDeserialize(contentUsing = UpperCase.class)
        @JsonSetter(contentNulls = Nulls.SKIP)
        public String[] kept;

        @JsonDeserialize(contentUsing = UpperCase.class)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        public String[] single;

        @JsonDeserialize(contentUsing = UpperCase.class)
        @JsonSetter(contentNulls = Nulls.AS_EMPTY)
        public java.util.Set<String> filled;

        @JsonDeserialize(contentUsing = UpperCase.class)
        public java.util.Collection<String> any;

        @Override
        public boolean equals(Object other) {
            return other instanceof ArrayCodes codes
                    && java.util.Arrays.equals(plain, codes.plain)
                    && java.util.Arrays.equals(kept, codes.kept)
                    && java.util.Arrays.equals(single, codes.single)
                    && Objects.equals(filled, codes.filled)
                    && Objects.equals(any, codes.any);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(plain);
        }

        @Override
        public String toString() {
            return "ArrayCodes[" + java.util.Arrays.toString(plain) + ", " + java.util.Arrays.toString(kept) + ", "
                    + java.util.Arrays.toString(single) + ", " + filled + ", " + any + "]";
        }
    }

    /** Optionals whose content deserializer meets the property's null handling or format, which it ignores. */
    record SetMaybes(
            @JsonDeserialize(contentUsing = CommaSeparated.class)
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            Optional<List<String>> parts,

            @JsonDeserialize(contentUsing = UpperCase.class) @JsonSetter(contentNulls = Nulls.FAIL)
            Optional<String> code,

            @JsonDeserialize(contentUsing = CommaSeparated.class) @JsonSetter(contentNulls = Nulls.SKIP)
            Optional<List<String>> codes) {}

    record FailingCodes(
            @JsonDeserialize(contentUsing = UpperCase.class) @JsonSetter(contentNulls = Nulls.FAIL)
            List<String> codes) {}

    /** A bean whose reading Jackson takes from members of the parcel's own object. */
    public static final class Parcel {
        public String id;

        @JsonUnwrapped
        public Reading reading;

        @Override
        public boolean equals(Object other) {
            return other instanceof Parcel parcel
                    && Objects.equals(id, parcel.id)
                    && Objects.equals(reading, parcel.reading);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, reading);
        }

        @Override
        public String toString() {
            return "Parcel[" + id + ", " + reading + "]";
        }
    }

    /** As {@link Parcel}, with the reading set through a setter only: Jackson still reads it from the other members. */
    public static final class SetParcel {
        public String id;

        private Reading reading;

        @JsonUnwrapped
        public void setReading(Reading reading) {
            this.reading = reading;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SetParcel parcel
                    && Objects.equals(id, parcel.id)
                    && Objects.equals(reading, parcel.reading);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, reading);
        }

        @Override
        public String toString() {
            return "SetParcel[" + id + ", " + reading + "]";
        }
    }

    /** A bean that keeps the members it has no property for. */
    public static final class Labelled {
        public String name;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        @JsonAnySetter
        public void put(String key, Object value) {
            extra.put(key, value);
        }

        Map<String, Object> extra() {
            return extra;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Labelled labelled
                    && Objects.equals(name, labelled.name)
                    && extra.equals(labelled.extra);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, extra);
        }

        @Override
        public String toString() {
            return "Labelled[" + name + ", " + extra + "]";
        }
    }

    /** A bean with a read-only list, whose getter Jackson 3 does not use as a setter (USE_GETTERS_AS_SETTERS). */
    public static final class Basket {
        public String owner;
        private final List<String> fruit = new java.util.ArrayList<>();

        public List<String> getFruit() {
            return fruit;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Basket basket && Objects.equals(owner, basket.owner) && fruit.equals(basket.fruit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, fruit);
        }

        @Override
        public String toString() {
            return "Basket[" + owner + ", " + fruit + "]";
        }
    }

    record Crate(Reading reading, Map<String, Integer> counts, List<String> labels) {}

    enum Level {
        LOW,
        HIGH
    }

    record Levels(java.util.Set<Level> levels) {}

    record Spices(List<String> spices, Map<String, String> jars) {}

    record Tally(List<Integer> counts, Map<String, Integer> sizes) {}

    record Amount(java.math.BigDecimal value) {}

    /** Lists of strings, which Jackson reads with deserializers of its own. */
    record Labels(String[] names, List<String> tags) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Labels labels
                    && java.util.Arrays.equals(names, labels.names)
                    && Objects.equals(tags, labels.tags);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(names) + Objects.hashCode(tags);
        }

        @Override
        public String toString() {
            return "Labels[" + java.util.Arrays.toString(names) + ", " + tags + "]";
        }
    }

    /** A creator property and a setter property with an alias. */
    public static final class Pin {
        private final int x;

        @JsonAlias("name")
        public String label;

        @JsonCreator
        Pin(@JsonProperty("x") int x) {
            this.x = x;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pin pin && x == pin.x && Objects.equals(label, pin.label);
        }

        @Override
        public int hashCode() {
            return Objects.hash(x, label);
        }

        @Override
        public String toString() {
            return "Pin[" + x + ", " + label + "]";
        }
    }

    record Rows(List<List<String>> rows) {}

    record Pantry(List<String> spices, java.util.Set<Integer> shelves, List<Reading> readings) {}

    @JsonIgnoreProperties({"internal"})
    record Ticket(String title, String internal) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Lenient(String title) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Circle.class)})
    sealed interface Figure permits Circle {}

    @JsonTypeName("circle")
    record Circle(double radius) implements Figure {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Note.class)
    @JsonSubTypes({@JsonSubTypes.Type(value = Note.class, name = "note")})
    interface Block {}

    record Note(String text) implements Block {}

    record Lot(Figure figure) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({@JsonSubTypes.Type(value = Beep.class, name = "beep")})
    interface Signal {}

    record Beep(int volume) implements Signal {}

    record Shelf(
            String label,
            @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> books,
            @JsonSetter(nulls = Nulls.AS_EMPTY) String note,
            @JsonSetter(nulls = Nulls.FAIL) String owner) {}

    /** A bean whose setters Jackson calls, skips or refuses for JSON null as each property says. */
    public static final class Drawer {
        public String label;

        @JsonSetter(nulls = Nulls.SKIP)
        public String colour = "oak";

        @JsonSetter(nulls = Nulls.AS_EMPTY)
        public List<String> items;

        @Override
        public boolean equals(Object other) {
            return other instanceof Drawer drawer
                    && Objects.equals(label, drawer.label)
                    && Objects.equals(colour, drawer.colour)
                    && Objects.equals(items, drawer.items);
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, colour, items);
        }

        @Override
        public String toString() {
            return "Drawer[" + label + ", " + colour + ", " + items + "]";
        }
    }

    /** Collections whose own content null handling differs from the mapper's. */
    record Shelves(
            @JsonSetter(contentNulls = Nulls.SKIP) List<String> kept,
            @JsonSetter(contentNulls = Nulls.AS_EMPTY) java.util.Set<String> filled,
            @JsonSetter(contentNulls = Nulls.SKIP) Map<String, Integer> sizes,
            @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<Integer> counts) {}

    record StrictShelf(
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> items) {}

    record StrictJars(@JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> jars) {}

    /** A bean whose field and setter collections say how their null items are read. */
    public static final class Sack {
        @JsonSetter(contentNulls = Nulls.SKIP)
        public String[] names;

        private Map<String, String> labels;

        @JsonSetter(contentNulls = Nulls.AS_EMPTY)
        public void setLabels(Map<String, String> labels) {
            this.labels = labels;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sack sack
                    && java.util.Arrays.equals(names, sack.names)
                    && Objects.equals(labels, sack.labels);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(names) + Objects.hashCode(labels);
        }

        @Override
        public String toString() {
            return "Sack[" + java.util.Arrays.toString(names) + ", " + labels + "]";
        }
    }

    /** Collections that take a lone value as their only item, as their own format says. */
    record Singles(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> tags,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            java.util.Set<Integer> ids,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<Reading> readings) {}

    /** Values in an {@code Optional} or a list of lists, which their properties' annotations reach too. */
    record Wrapped(
            @JsonSetter(contentNulls = Nulls.SKIP) Optional<List<String>> kept,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            Optional<Level> level,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            Optional<List<String>> single,

            @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<List<String>> rows) {}

    /** Enums read in any case, as each property's format says. */
    record AnyCaseLevels(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            Level level,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            List<Level> levels,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            Map<String, Level> byName) {}

    /** A bean with setters, read through properties whose format matches member names in any case. */
    public static final class Box {
        public String name;
        public int size;

        @Override
        public boolean equals(Object other) {
            return other instanceof Box box && Objects.equals(name, box.name) && size == box.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, size);
        }

        @Override
        public String toString() {
            return "Box[" + name + ", " + size + "]";
        }
    }

    record AnyCaseBoxes(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            Box box,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            List<Box> boxes,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            Reading reading) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Bus.class, name = "bus"),
        @JsonSubTypes.Type(value = Tram.class, name = "tram")
    })
    sealed interface Ride permits Bus, Tram {}

    record Bus(int seats) implements Ride {}

    record Tram(int seats, String line) implements Ride {}

    record Trip(Ride ride) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", visible = true)
    @JsonSubTypes({@JsonSubTypes.Type(value = Ferry.class, name = "ferry")})
    sealed interface Boat permits Ferry {}

    record Ferry(String kind, int decks) implements Boat {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAPrimitive_givesNoPartialOnceComplete_asJacksonRejectsIt(int chunk) {
        ResponseModel<Reading> model = ResponseModel.of(Reading.class);
        String json = "{\"label\":\"a\",\"count\":null}";

        assertThat(lastPartial(model, json, chunk)).isEmpty();
        assertThatThrownBy(() -> model.parse(json)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void missingPrimitive_agreesWithJackson(int chunk) {
        ResponseModel<Reading> model = ResponseModel.of(Reading.class);
        String json = "{\"label\":\"a\"}";

        Optional<Reading> last = lastPartial(model, json, chunk);
        Reading parsed = parsedOrNull(model, json);
        assertThat(last.orElse(null)).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void minusZeroIntoADouble_isPositiveZero_asJacksonReadsAnIntegerToken(int chunk) {
        ResponseModel<Measure> model = ResponseModel.of(Measure.class);

        for (String json : List.of("{\"value\":-0}", "{\"value\":-0.0}", "{\"value\":-0e0}", "{\"value\":-12}")) {
            assertThat(lastPartial(model, json, chunk)).as(json).contains(model.parse(json));
        }
        assertThat(Double.doubleToRawLongBits(model.parse("{\"value\":-0}").value()))
                .isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedWrapperMember_theLastOneCounts_inThePartialAndTheFinal(int chunk) {
        ResponseModel<List<String>> list = ResponseModel.of(new TypeRef<List<String>>() {});
        String json = "{\"items\":[\"a\"],\"items\":[\"b\"]}";
        assertThat(list.parse(json)).containsExactly("b");
        assertThat(lastPartial(list, json, chunk)).contains(list.parse(json));

        ResponseModel<String> text = ResponseModel.of(String.class);
        String wrapped = "{\"value\":\"a\",\"value\":\"b\"}";
        assertThat(text.parse(wrapped)).isEqualTo("b");
        assertThat(lastPartial(text, wrapped, chunk)).contains("b");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void missingOptionalCreatorProperty_isEmptyOnceItsObjectCompletes_andNullWhileOpen(int chunk) {
        ResponseModel<List<Tagged>> model = ResponseModel.of(new TypeRef<List<Tagged>>() {});
        String json = "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}";

        List<Tagged> open = partialOf(model, json.substring(0, json.indexOf("\"b\"") + 3), chunk);
        assertThat(open).containsExactly(new Tagged("a", Optional.empty()), new Tagged("b", null));
        assertThat(lastPartial(model, json, chunk)).contains(model.parse(json));
        assertThat(model.parse(json)).extracting(Tagged::tag).containsOnly(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullCreatorProperty_underFailOnNullCreatorProperties_givesNoPartialOnceComplete(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .build();
        ResponseModel<Reading> model = modelOf(Reading.class, mapper);

        for (String json : List.of("{\"label\":null,\"count\":1}", "{\"count\":1}")) {
            assertThat(lastPartial(model, json, chunk)).as(json).isEmpty();
            assertThatThrownBy(() -> model.parse(json)).as(json).isInstanceOf(ValidationException.class);
        }
        assertThat(partialOf(model, "{\"label\":null,\"count\":1 ", chunk)).isEqualTo(new Reading(null, 1));
        assertThat(lastPartial(model, "{\"label\":\"a\",\"count\":1}", chunk)).contains(new Reading("a", 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void explicitAndMissingNulls_followEachCreatorPropertysNullHandling(int chunk) {
        ResponseModel<Shelf> model = ResponseModel.of(Shelf.class);
        String nulls = "{\"label\":\"s\",\"books\":null,\"note\":null,\"owner\":\"o\"}";
        String missing = "{\"label\":\"s\",\"owner\":\"o\"}";

        for (String json : List.of(nulls, missing)) {
            assertThat(model.parse(json)).as(json).isEqualTo(new Shelf("s", List.of(), "", "o"));
            assertThat(lastPartial(model, json, chunk)).as(json).contains(model.parse(json));
        }
        String refused = "{\"label\":\"s\",\"owner\":null}";
        assertThat(lastPartial(model, refused, chunk)).isEmpty();
        assertThatThrownBy(() -> model.parse(refused)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void explicitNull_forASetter_isSkippedOrReplacedAsThePropertySays(int chunk) {
        ResponseModel<Drawer> model = ResponseModel.of(Drawer.class);
        String json = "{\"label\":\"d\",\"colour\":null,\"items\":null}";

        Drawer parsed = model.parse(json);
        assertThat(parsed.colour).isEqualTo("oak");
        assertThat(parsed.items).isEmpty();
        assertThat(lastPartial(model, json, chunk)).contains(parsed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void mapperWideNullHandling_appliesToExplicitAndMissingMembers(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY))
                .build();
        ResponseModel<Tagged> model = modelOf(Tagged.class, mapper);

        for (String json : List.of("{\"name\":null,\"tag\":null}", "{}")) {
            assertThat(model.parse(json)).as(json).isEqualTo(new Tagged("", Optional.empty()));
            assertThat(lastPartial(model, json, chunk)).as(json).contains(model.parse(json));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void ignoredRecordComponents_areNotBound_asJacksonIgnoresTheirMembers(int chunk) {
        ResponseModel<Account> accounts = ResponseModel.of(Account.class);
        ResponseModel<Ticket> tickets = ResponseModel.of(Ticket.class);
        String account = "{\"user\":\"ann\",\"password\":\"secret\"}";
        String ticket = "{\"title\":\"t\",\"internal\":\"note\"}";

        assertThat(accounts.parse(account)).isEqualTo(new Account("ann", null));
        assertThat(lastPartial(accounts, account, chunk)).contains(new Account("ann", null));
        assertThat(tickets.parse(ticket)).isEqualTo(new Ticket("t", null));
        assertThat(lastPartial(tickets, ticket, chunk)).contains(new Ticket("t", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void unknownMember_underFailOnUnknownProperties_skipsThePartialFromWhenItAppears(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        ResponseModel<Reading> model = modelOf(Reading.class, mapper);
        String json = "{\"label\":\"a\",\"extra\":\"x\",\"count\":1}";

        assertRejected(model, json, chunk);
        assertThat(partialOf(model, "{\"label\":\"a\",\"ext", chunk)).isEqualTo(new Reading("a", 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void membersJacksonIgnores_underFailOnUnknownProperties_keepThePartials(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        ResponseModel<Account> accounts = modelOf(Account.class, mapper);
        ResponseModel<Ticket> tickets = modelOf(Ticket.class, mapper);
        ResponseModel<Lenient> lenient = modelOf(Lenient.class, mapper);
        ResponseModel<Figure> figures = modelOf(Figure.class, mapper);

        assertAgrees(accounts, "{\"user\":\"ann\",\"password\":\"secret\"}", chunk);
        assertAgrees(tickets, "{\"title\":\"t\",\"internal\":\"note\"}", chunk);
        assertAgrees(lenient, "{\"title\":\"t\",\"whatever\":[1,2]}", chunk);
        assertAgrees(figures, "{\"kind\":\"circle\",\"radius\":2.5}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void singleValueForACollection_underAcceptSingleValueAsArray_isItsOnlyItem(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
        ResponseModel<Pantry> model = modelOf(Pantry.class, mapper);
        String json = "{\"spices\":\"salt\",\"shelves\":3,\"readings\":{\"label\":\"r\",\"count\":1}}";

        assertThat(model.parse(json))
                .isEqualTo(new Pantry(List.of("salt"), java.util.Set.of(3), List.of(new Reading("r", 1))));
        assertThat(lastPartial(model, json, chunk)).contains(model.parse(json));
        assertThat(lastPartial(ResponseModel.of(Pantry.class), json, chunk)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void unwrappedValue_appearsWhenItsObjectCompletes(int chunk) {
        ResponseModel<List<Parcel>> model = ResponseModel.of(new TypeRef<List<Parcel>>() {});
        String json = "{\"items\":[{\"id\":\"p1\",\"label\":\"l\",\"count\":2},{\"id\":\"p2\",\"label\":\"m\"";

        List<Parcel> open = partialOf(model, json, chunk);
        assertThat(open).hasSize(2);
        assertThat(open.get(0).reading).isEqualTo(new Reading("l", 2));
        assertThat(open.get(1).id).isEqualTo("p2");
        assertThat(open.get(1).reading).isNull();
        String complete = json + ",\"count\":3}]}";
        assertThat(lastPartial(model, complete, chunk)).contains(model.parse(complete));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void unwrappedValueSetThroughASetterOnly_appearsWhenItsObjectCompletes(int chunk) {
        ResponseModel<SetParcel> model = ResponseModel.of(SetParcel.class);
        String json = "{\"id\":\"p1\",\"label\":\"l\",\"count\":2}";

        assertThat(model.parse(json).reading).isEqualTo(new Reading("l", 2));
        assertAgrees(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void anySetter_receivesTheOtherMembersWhenItsObjectCompletes(int chunk) {
        ResponseModel<Labelled> model = ResponseModel.of(Labelled.class);
        String json = "{\"name\":\"n\",\"colour\":\"red\",\"size\":[1,2]}";

        Labelled open = partialOf(model, json.substring(0, json.length() - 1), chunk);
        assertThat(open.name).isEqualTo("n");
        assertThat(open.extra()).isEmpty();
        Labelled parsed = model.parse(json);
        assertThat(parsed.extra()).containsEntry("colour", "red").containsKey("size");
        assertThat(lastPartial(model, json, chunk)).contains(parsed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void unwrappedValue_underFailOnUnknownProperties_keepsThePartials(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        ResponseModel<Parcel> model = modelOf(Parcel.class, mapper);

        assertAgrees(model, "{\"id\":\"p\",\"label\":\"l\",\"count\":1}", chunk);
        assertThat(partialOf(model, "{\"id\":\"p\",\"label\":\"l\"", chunk).id).isEqualTo("p");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void collectionWithAContentDeserializer_readsItsItemsWithIt(int chunk) {
        ResponseModel<Codes> model = ResponseModel.of(Codes.class);
        String json = "{\"codes\":[\"ab\",\"cd\"],\"byName\":{\"x\":\"ef\"},\"counts\":[1,2]}";

        assertThat(model.parse(json)).isEqualTo(new Codes(List.of("AB", "CD"), Map.of("x", "EF"), List.of(1, 2)));
        assertAgrees(model, json, chunk);
        // While open, an item is shown once the content deserializer has read it whole.
        assertThat(partialOf(model, "{\"codes\":[\"ab\",\"c", chunk).codes()).containsExactly("AB");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void optionalWithAContentDeserializer_readsItsValueWithIt(int chunk) {
        ResponseModel<Maybes> model = ResponseModel.of(Maybes.class);
        String json = "{\"code\":\"ab\",\"parts\":\"x,y\",\"label\":\"l\"}";

        assertThat(model.parse(json))
                .isEqualTo(new Maybes(Optional.of("AB"), Optional.of(List.of("x", "y")), Optional.of("l")));
        assertAgrees(model, json, chunk);
        // While open, the value is shown once the content deserializer has read it whole.
        Maybes open = partialOf(model, "{\"code\":\"ab\",\"parts\":\"x,", chunk);
        assertThat(open.code()).contains("AB");
        assertThat(open.parts()).isNotEqualTo(Optional.of(List.of("x,")));
        // The deserializer reads the list whole: an array is not what it takes.
        assertRejected(model, "{\"parts\":[\"x\"]}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void contentDeserializer_withThePropertysNullHandlingOrFormat_agreesWithJackson(int chunk) {
        ResponseModel<SetCodes> model = ResponseModel.of(SetCodes.class);
        String json = "{\"kept\":[\"a\",null,\"b\"],\"filled\":{\"x\":null,\"y\":\"c\"},\"single\":\"d\","
                + "\"levels\":[\"LOW\"],\"boxes\":[{\"NAME\":\"n\"}]}";

        SetCodes parsed = model.parse(json);
        // Null items follow the property; the content deserializer reads the rest, a lone value included, and
        // ignores the format's case insensitivity.
        assertThat(parsed.kept()).containsExactly("A", "B");
        Map<String, String> filled = new LinkedHashMap<>();
        filled.put("x", null); // the content deserializer's empty value, null as StdDeserializer's is
        filled.put("y", "C");
        assertThat(parsed.filled()).isEqualTo(filled);
        assertThat(parsed.single()).containsExactly("D");
        assertThat(parsed.levels()).containsExactly(Level.LOW);
        assertThat(parsed.boxes()).extracting(box -> box.name).containsExactly("{\"NAME\":\"n\"}");
        assertAgrees(model, json, chunk);
        assertAgrees(model, "{\"single\":[\"e\",null]}", chunk);
        assertRejected(model, "{\"levels\":[\"low\"]}", chunk);
        assertRejected(ResponseModel.of(FailingCodes.class), "{\"codes\":[\"a\",null]}", chunk);
        ResponseModel<ArrayCodes> arrays = ResponseModel.of(ArrayCodes.class);
        String array = "{\"plain\":[\"a\",null],\"kept\":[null,\"b\"],\"single\":\"c\",\"filled\":[\"d\",null],"
                + "\"any\":[\"e\"]}";
        assertThat(arrays.parse(array).plain).containsExactly("A", null);
        assertAgrees(arrays, array, chunk);
        assertThat(partialOf(arrays, "{\"plain\":[\"a\",\"b", chunk).plain).containsExactly("A");
        // An Optional's content deserializer reads its whole value, whatever the property's null handling or format.
        ResponseModel<SetMaybes> maybes = ResponseModel.of(SetMaybes.class);
        String maybe = "{\"parts\":\"a,b\",\"code\":null,\"codes\":\"c,d\"}";
        assertThat(maybes.parse(maybe))
                .isEqualTo(new SetMaybes(
                        Optional.of(List.of("a", "b")), Optional.empty(), Optional.of(List.of("c", "d"))));
        assertAgrees(maybes, maybe, chunk);
        assertAgrees(maybes, "{\"codes\":null}", chunk);
        assertRejected(maybes, "{\"parts\":[\"a\"]}", chunk);
        // While open, a lone value is shown once the content deserializer has read it.
        SetCodes open = partialOf(model, "{\"kept\":[\"a\"],\"single\":\"d", chunk);
        assertThat(open.single()).isNotEqualTo(List.of("d"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAPropertyWhoseDeserializerNeedsALiveRead_isNeverReadAsAValue(int chunk) {
        ResponseModel<Noted> model = ResponseModel.of(Noted.class);
        String json = "{\"note\":null,\"rank\":2}";

        assertThat(model.parse(json).note()).isEqualTo("live null");
        // Outside Jackson's own read the deserializer cannot say, so the partial waits for the final.
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<Noted> binder = model.newPartialBinder();
        for (int from = 0; from < json.length(); from += chunk) {
            parser.feed(json.substring(from, Math.min(json.length(), from + chunk)));
            if (parser.current() != null) {
                binder.bind(parser.current())
                        .ifPresent(partial -> assertThat(partial.value().note()).isNull());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAPropertyReadByItsOwnDeserializer_isThatDeserializersNullValue(int chunk) {
        ResponseModel<Ranked> model = ResponseModel.of(Ranked.class);
        String json = "{\"label\":null,\"rank\":2}";

        assertThat(model.parse(json).label()).isEqualTo("none");
        assertThat(partialOf(model, "{\"label\":null,\"rank\":", chunk).label()).isEqualTo("none");
        assertAgrees(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAnOptional_wrapsItsValueDeserializersNull_asJacksonDoes(int chunk) {
        ResponseModel<Maybes> maybes = ResponseModel.of(Maybes.class);
        String json = "{\"code\":null,\"parts\":null,\"label\":null}";
        assertThat(maybes.parse(json)).isEqualTo(new Maybes(Optional.empty(), Optional.empty(), Optional.of("none")));
        assertAgrees(maybes, json, chunk);

        ResponseModel<Nested> nested = ResponseModel.of(Nested.class);
        assertThat(nested.parse("{\"tag\":null}")).isEqualTo(new Nested(Optional.of(Optional.empty())));
        assertAgrees(nested, "{\"tag\":null}", chunk);
        assertAgrees(nested, "{\"tag\":\"t\"}", chunk);
    }

    /** A mapper's String deserializer that fails, unwrapped, on anything but a string. */
    static final class StringsOnly extends StdDeserializer<String> {
        StringsOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(tools.jackson.core.JsonToken.VALUE_STRING)) {
                throw new IllegalStateException("not a string: " + parser.currentToken());
            }
            return parser.getString();
        }
    }

    record Memo(String text) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void mappersStringDeserializer_failingUnwrapped_skipsThePartial(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new tools.jackson.databind.module.SimpleModule()
                        .addDeserializer(String.class, new StringsOnly()))
                .build();
        ResponseModel<Memo> model = modelOf(Memo.class, mapper);

        assertAgrees(model, "{\"text\":\"hi\"}", chunk);
        assertRejected(model, "{\"text\":5}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void propertyWithADeserializerOfItsOwn_isReadWithIt_onceComplete(int chunk) {
        ResponseModel<Booking> model = ResponseModel.of(Booking.class);
        String json = "{\"day\":\"01.02.2024\",\"code\":\"ab\",\"note\":\"n\"}";

        assertThat(model.parse(json)).isEqualTo(new Booking(LocalDate.of(2024, 2, 1), "AB", "n"));
        assertThat(lastPartial(model, json, chunk)).contains(model.parse(json));
        Booking open = partialOf(model, "{\"day\":\"01.02.2024\",\"code\":\"ab", chunk);
        assertThat(open.day()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(open.code()).isNull();
        String isoDay = "{\"day\":\"2024-02-01\"}";
        assertRejected(model, isoDay, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void collectionOrMapWithADeserializerOfItsOwn_isReadWithIt_onceComplete(int chunk) {
        ResponseModel<Tickets> model = ResponseModel.of(Tickets.class);
        String json = "{\"codes\":[\"ab\",\"cd\"],\"seats\":{\"ab\":\"x1\"}}";

        assertThat(model.parse(json)).isEqualTo(new Tickets(List.of("AB", "CD"), Map.of("ab", "X1")));
        assertThat(lastPartial(model, json, chunk)).contains(model.parse(json));
        Tickets open = partialOf(model, "{\"codes\":[\"ab\",\"cd\"],\"seats\":{\"ab\":\"x1\"", chunk);
        assertThat(open.codes()).containsExactly("AB", "CD");
        assertThat(open.seats()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void missingPrimitive_underMapperWideAsEmpty_isItsEmptyValue(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY))
                .build();
        ResponseModel<Reading> model = modelOf(Reading.class, mapper);
        String json = "{\"label\":\"a\"}";

        assertThat(model.parse(json)).isEqualTo(new Reading("a", 0));
        assertThat(lastPartial(model, json, chunk)).contains(model.parse(json));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullMadeOfAnEmptyString_takesThePropertysNullHandling(int chunk) {
        String json = "{\"id\":\"\",\"name\":\"n\"}";
        for (Nulls nulls : List.of(Nulls.FAIL, Nulls.AS_EMPTY, Nulls.SKIP)) {
            JsonMapper mapper = JsonMapper.builder()
                    .changeDefaultNullHandling(handling -> JsonSetter.Value.forValueNulls(nulls))
                    .build();
            ResponseModel<Ident> model = modelOf(Ident.class, mapper);

            if (nulls == Nulls.FAIL) {
                assertRejected(model, json, chunk);
            } else {
                assertAgrees(model, json, chunk);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAPrimitiveCreatorProperty_underNullsSkip_givesNoPartial_asTheCreatorCannotTakeIt(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forValueNulls(Nulls.SKIP))
                .build();
        ResponseModel<Measure> model = modelOf(Measure.class, mapper);
        String json = "{\"value\":null}";

        assertRejected(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void ignoredMember_underFailOnIgnoredProperties_givesNoPartialOnceComplete(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
                .build();
        ResponseModel<Account> accounts = modelOf(Account.class, mapper);
        ResponseModel<Ticket> tickets = modelOf(Ticket.class, mapper);
        String account = "{\"user\":\"ann\",\"password\":\"secret\"}";
        String ticket = "{\"title\":\"t\",\"internal\":\"note\"}";

        assertRejected(accounts, account, chunk);
        assertRejected(tickets, ticket, chunk);
        assertAgrees(accounts, "{\"user\":\"ann\",\"other\":1}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void readOnlyProperty_underFailOnUnknownProperties_givesNoPartialOnceComplete(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        ResponseModel<Basket> model = modelOf(Basket.class, mapper);
        String json = "{\"owner\":\"o\",\"fruit\":[\"apple\"]}";

        assertRejected(model, json, chunk);
        assertAgrees(model, "{\"owner\":\"o\"}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void valueOfAnotherKindForAnObjectMapOrList_isReadByJackson(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .build();
        ResponseModel<Crate> model = modelOf(Crate.class, mapper);
        String empty = "{\"reading\":\"\",\"counts\":\" \",\"labels\":\"\"}";
        String wrapped = "{\"reading\":[{\"label\":\"a\",\"count\":1}],\"counts\":[{\"k\":2}]}";

        assertThat(model.parse(empty).reading()).isNull();
        assertAgrees(model, empty, chunk);
        assertThat(model.parse(wrapped)).isEqualTo(new Crate(new Reading("a", 1), Map.of("k", 2), null));
        assertAgrees(model, wrapped, chunk);
        String rejected = "{\"reading\":\"a\"}";
        assertRejected(model, rejected, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void unionWithoutAUsableTypeId_isReadByJackson_onceComplete(int chunk) {
        ResponseModel<Block> blocks = ResponseModel.of(Block.class);
        for (String json :
                List.of("{\"text\":\"t\"}", "{\"type\":\"nope\",\"text\":\"t\"}", "{\"type\":1,\"text\":\"t\"}")) {
            assertThat(blocks.parse(json)).as(json).isEqualTo(new Note("t"));
            assertAgrees(blocks, json, chunk);
        }
        JsonMapper lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .build();
        ResponseModel<Lot> lots = modelOf(Lot.class, lenient);
        String unknown = "{\"figure\":{\"kind\":\"square\",\"side\":2}}";
        assertThat(lots.parse(unknown)).isEqualTo(new Lot(null));
        assertAgrees(lots, unknown, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void wrapperObjectUnionWithAnotherMember_givesNoPartialOnceComplete(int chunk) {
        ResponseModel<Signal> model = ResponseModel.of(Signal.class);
        String json = "{\"beep\":{\"volume\":1},\"other\":{}}";

        assertRejected(model, json, chunk);
        assertAgrees(model, "{\"beep\":{\"volume\":1}}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullItemOfAnEnumSet_givesNoPartial_asJacksonRejectsIt(int chunk) {
        ResponseModel<Levels> model = ResponseModel.of(Levels.class);
        String json = "{\"levels\":[\"LOW\",null]}";

        assertRejected(model, json, chunk);
        assertAgrees(model, "{\"levels\":[\"LOW\"]}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullItems_followTheMappersContentNullHandling(int chunk) {
        assertFollowsContentNulls(
                Spices.class, "{\"spices\":[\"salt\",null,\"dill\"],\"jars\":{\"a\":null,\"b\":\"x\"}}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void itemReadAsNull_followsTheContentNullHandling_asANullItemDoes(int chunk) {
        assertFollowsContentNulls(Tally.class, "{\"counts\":[1,\"null\",3],\"sizes\":{\"a\":\"null\",\"b\":2}}", chunk);
    }

    /**
     * Asserts, under each content null handling of the mapper, that the partial of the complete document agrees with
     * Jackson: the same value, or none where {@code Nulls.FAIL} makes Jackson reject the document.
     */
    private static <T> void assertFollowsContentNulls(Class<T> type, String json, int chunk) {
        for (Nulls nulls : List.of(Nulls.SKIP, Nulls.AS_EMPTY, Nulls.FAIL)) {
            JsonMapper mapper = JsonMapper.builder()
                    .changeDefaultNullHandling(handling -> JsonSetter.Value.forContentNulls(nulls))
                    .build();
            ResponseModel<T> model = ResponseModel.builder(type).mapper(mapper).build();

            if (nulls == Nulls.FAIL) {
                assertRejected(model, json, chunk);
            } else {
                assertAgrees(model, json, chunk);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void integerForAFloatingPointValue_followsTheCoercionConfig(int chunk) {
        String json = "{\"value\":2}";
        for (CoercionAction action : List.of(CoercionAction.AsNull, CoercionAction.AsEmpty, CoercionAction.Fail)) {
            JsonMapper mapper = JsonMapper.builder()
                    .withCoercionConfig(
                            LogicalType.Float, config -> config.setCoercion(CoercionInputShape.Integer, action))
                    .build();
            ResponseModel<Measure> measures = modelOf(Measure.class, mapper);
            ResponseModel<Amount> amounts = modelOf(Amount.class, mapper);

            if (action == CoercionAction.Fail) {
                assertThat(lastPartial(measures, json, chunk)).isEmpty();
                assertRejected(amounts, json, chunk);
            } else {
                assertThat(measures.parse(json)).isEqualTo(new Measure(0.0));
                assertAgrees(measures, json, chunk);
                assertAgrees(amounts, json, chunk);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void exceptionEscapingJackson_rejectsTheDocument_andSkipsThePartial(int chunk) {
        // Jackson 3.1 fails with a bare StringIndexOutOfBoundsException on an empty string it is told to convert.
        JsonMapper mapper = JsonMapper.builder()
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert))
                .build();
        ResponseModel<Integer> number = modelOf(Integer.class, mapper);
        ResponseModel<Amount> amount = modelOf(Amount.class, mapper);
        ResponseModel<Tally> tally = modelOf(Tally.class, mapper);

        assertRejected(number, "{\"value\":\"\"}", chunk);
        assertRejected(tally, "{\"counts\":[\"\"]}", chunk);
        assertAgrees(amount, "{\"value\":\"\"}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void itemOfAStringListThatIsNoString_isReadAsJacksonsStringListReadsIt(int chunk) {
        // A lone String reads [] as null here; Jackson's String array deserializer rejects it as an item.
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .build();
        ResponseModel<Labels> model = modelOf(Labels.class, mapper);

        String json = "{\"names\":[\"a\",[]]}";
        assertRejected(model, json, chunk);
        assertAgrees(model, "{\"tags\":[\"a\",[],12,true]}", chunk);
        // Jackson reads an array of one string as that string, but leaves its parser inside the array.
        JsonMapper lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        ResponseModel<Basket> baskets = ResponseModel.builder(Basket.class)
                .mapper(lenient.rebuild()
                        .enable(tools.jackson.databind.MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                        .build())
                .build();
        String misread = "{\"fruit\":[[\"fig\"]]}";
        assertRejected(baskets, misread, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void collectionFilledThroughItsGetter_appearsWhenItsObjectCompletes(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(tools.jackson.databind.MapperFeature.USE_GETTERS_AS_SETTERS)
                .build();
        ResponseModel<Basket> model = modelOf(Basket.class, mapper);
        String json = "{\"owner\":\"o\",\"fruit\":[\"apple\",\"fig\"]}";

        assertThat(model.parse(json).getFruit()).containsExactly("apple", "fig");
        assertAgrees(model, json, chunk);
        Basket open = partialOf(model, json.substring(0, json.length() - 3), chunk);
        assertThat(open.owner).isEqualTo("o");
        assertThat(open.getFruit()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void propertySetTwiceAfterACreator_keepsTheFirstValue_asJacksonSetsItsBufferLastToFirst(int chunk) {
        ResponseModel<Pin> model = ResponseModel.of(Pin.class);
        String json = "{\"label\":\"first\",\"x\":1,\"name\":\"second\"}";

        assertThat(model.parse(json).label).isEqualTo("first");
        assertAgrees(model, json, chunk);
        ResponseModel<Drawer> beans = ResponseModel.of(Drawer.class);
        assertAgrees(beans, "{\"label\":\"first\",\"label\":\"second\"}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void creatorPropertyGivenTwice_doesNotStandInForAMissingOne(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .build();
        ResponseModel<Reading> model = modelOf(Reading.class, mapper);
        String json = "{\"count\":1,\"COUNT\":2}";

        assertRejected(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void ignoredRecordComponent_takesJacksonsAbsentValue_onceItsObjectCompletes(int chunk) {
        String json = "{\"user\":\"ann\"}";
        JsonMapper empty = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY))
                .build();
        ResponseModel<Account> emptied = modelOf(Account.class, empty);
        assertThat(emptied.parse(json)).isEqualTo(new Account("ann", ""));
        assertAgrees(emptied, json, chunk);

        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .build();
        ResponseModel<Account> rejected = modelOf(Account.class, strict);
        assertRejected(rejected, json, chunk);
        assertThat(partialOf(rejected, json.substring(0, json.length() - 1), chunk))
                .isEqualTo(new Account("ann", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void ignoredName_isIgnoredByARecord_evenWhereAnotherCaseNamesAProperty(int chunk) {
        // The naming strategy renames the component "Internal"; @JsonIgnoreProperties still names "internal".
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .build();
        ResponseModel<Ticket> model = modelOf(Ticket.class, mapper);
        String json = "{\"internal\":\"x\",\"title\":\"t\"}";

        assertThat(model.parse(json)).isEqualTo(new Ticket("t", null));
        assertAgrees(model, json, chunk);
        assertAgrees(model, "{\"INTERNAL\":\"x\",\"title\":\"t\"}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void emptyValuesInPlaceOfNullItems_areNotShared(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultNullHandling(handling -> JsonSetter.Value.forContentNulls(Nulls.AS_EMPTY))
                .build();
        ResponseModel<Rows> model = modelOf(Rows.class, mapper);
        String json = "{\"rows\":[null,null]}";

        assertThat(model.parse(json)).isEqualTo(new Rows(List.of(List.of(), List.of())));
        Rows rows = lastPartial(model, json, chunk).orElseThrow();
        assertThat(rows).isEqualTo(model.parse(json));
        assertThat(rows.rows().get(0)).isNotSameAs(rows.rows().get(1));
        Rows other = lastPartial(model, json, chunk).orElseThrow();
        assertThat(other.rows().get(0)).isNotSameAs(rows.rows().get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullItems_followTheirPropertysContentNullHandling(int chunk) {
        ResponseModel<Shelves> shelves = ResponseModel.of(Shelves.class);
        String json = "{\"kept\":[\"a\",null,\"b\"],\"filled\":[null,\"c\"],\"sizes\":{\"x\":null,\"y\":2},"
                + "\"counts\":[1,null]}";
        assertThat(shelves.parse(json))
                .isEqualTo(new Shelves(
                        List.of("a", "b"), java.util.Set.of("", "c"), Map.of("y", 2), java.util.Arrays.asList(1, 0)));
        assertAgrees(shelves, json, chunk);

        assertRejected(ResponseModel.of(StrictShelf.class), "{\"items\":[\"a\",null]}", chunk);
        assertRejected(ResponseModel.of(StrictJars.class), "{\"jars\":{\"a\":null}}", chunk);
        ResponseModel<Sack> sacks = ResponseModel.of(Sack.class);
        String sack = "{\"names\":[null,\"n\",null],\"labels\":{\"k\":null}}";
        assertThat(sacks.parse(sack)).isEqualTo(sacks.parse("{\"names\":[\"n\"],\"labels\":{\"k\":\"\"}}"));
        assertAgrees(sacks, sack, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void propertysAnnotations_reachTheValuesOfItsOptionalAndNestedLists(int chunk) {
        ResponseModel<Wrapped> model = ResponseModel.of(Wrapped.class);
        String json = "{\"kept\":[\"a\",null],\"level\":\"high\",\"single\":\"s\",\"rows\":[null,[null,\"b\"]]}";

        assertThat(model.parse(json))
                .isEqualTo(new Wrapped(
                        Optional.of(List.of("a")),
                        Optional.of(Level.HIGH),
                        Optional.of(List.of("s")),
                        List.of(List.of(), List.of("", "b"))));
        assertAgrees(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void singleValueForACollection_underItsPropertysAcceptSingleValueAsArray_isItsOnlyItem(int chunk) {
        ResponseModel<Singles> model = ResponseModel.of(Singles.class);
        String json = "{\"tags\":\"t\",\"ids\":3,\"readings\":{\"label\":\"r\",\"count\":1}}";

        assertThat(model.parse(json))
                .isEqualTo(new Singles(List.of("t"), java.util.Set.of(3), List.of(new Reading("r", 1))));
        assertAgrees(model, json, chunk);
        assertAgrees(model, "{\"tags\":[\"t\",\"u\"],\"ids\":[1]}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void enumValuesInAnotherCase_underTheirPropertysAcceptCaseInsensitiveValues_areRead(int chunk) {
        ResponseModel<AnyCaseLevels> model = ResponseModel.of(AnyCaseLevels.class);
        String json = "{\"level\":\"low\",\"levels\":[\"High\",\"LOW\"],\"byName\":{\"a\":\"hIGH\"}}";

        assertThat(model.parse(json))
                .isEqualTo(new AnyCaseLevels(Level.LOW, List.of(Level.HIGH, Level.LOW), Map.of("a", Level.HIGH)));
        assertAgrees(model, json, chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void membersInAnotherCase_underTheirPropertysAcceptCaseInsensitiveProperties_agreeWithJackson(int chunk) {
        ResponseModel<AnyCaseBoxes> model = ResponseModel.of(AnyCaseBoxes.class);
        String json = "{\"box\":{\"NAME\":\"b\",\"Size\":2},\"boxes\":[{\"name\":\"c\",\"SIZE\":3}]}";

        assertThat(model.parse(json).box())
                .isEqualTo(model.parse("{\"box\":{\"name\":\"b\",\"size\":2}}").box());
        assertAgrees(model, json, chunk);
        // A record's creator still matches names exactly: Jackson leaves a creator property in another case unset.
        String reading = "{\"reading\":{\"LABEL\":\"r\",\"count\":1}}";
        assertThat(model.parse(reading).reading()).isEqualTo(new Reading(null, 1));
        assertAgrees(model, reading, chunk);
        AnyCaseBoxes open = partialOf(model, reading.substring(0, reading.indexOf(",\"count")), chunk);
        assertThat(open.reading()).isEqualTo(new Reading(null, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedSetterOfABeanBuiltByACreator_keepsTheFirstValue_asJacksonDoes(int chunk) {
        ResponseModel<Pin> model = ResponseModel.of(Pin.class);
        for (String json :
                List.of("{\"x\":1,\"label\":\"a\",\"label\":\"b\"}", "{\"label\":\"a\",\"label\":\"b\",\"x\":1}")) {
            assertThat(model.parse(json).label).as(json).isEqualTo("a");
            assertAgrees(model, json, chunk);
        }
        // Never shown with the value Jackson drops, while the object is open either.
        Pin open = partialOf(model, "{\"x\":1,\"label\":\"a\",\"label\":\"b\"", chunk);
        assertThat(open == null ? null : open.label).isNotEqualTo("b");
        ResponseModel<List<Pin>> pins = ResponseModel.of(new TypeRef<List<Pin>>() {});
        assertAgrees(pins, "{\"items\":[{\"x\":1,\"label\":\"a\",\"label\":\"b\"},{\"x\":2}]}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedMemberOfARecordOrASetterBean_keepsTheLastValue_asJacksonDoes(int chunk) {
        ResponseModel<Reading> readings = ResponseModel.of(Reading.class);
        String reading = "{\"count\":1,\"label\":\"a\",\"label\":\"b\"}";
        assertThat(readings.parse(reading)).isEqualTo(new Reading("b", 1));
        assertAgrees(readings, reading, chunk);
        assertAgrees(ResponseModel.of(Pin.class), "{\"x\":1,\"x\":2}", chunk);
        assertAgrees(ResponseModel.of(Drawer.class), "{\"label\":\"a\",\"colour\":\"red\",\"label\":\"b\"}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedTypeId_choosesTheSubtypeByItsFirstValue_asJacksonDoes(int chunk) {
        ResponseModel<Trip> trips = ResponseModel.of(Trip.class);
        String json = "{\"ride\":{\"kind\":\"bus\",\"kind\":\"tram\",\"seats\":3}}";
        assertThat(trips.parse(json)).isEqualTo(new Trip(new Bus(3)));
        assertAgrees(trips, json, chunk);
        // The second id is a member the subtype does not know.
        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        assertRejected(modelOf(Trip.class, strict), json, chunk);
        // A visible id: the subtype by the first, its property the last.
        ResponseModel<Boat> boats = ResponseModel.of(Boat.class);
        String boat = "{\"kind\":\"ferry\",\"decks\":2,\"kind\":\"raft\"}";
        assertThat(boats.parse(boat)).isEqualTo(new Ferry("raft", 2));
        assertAgrees(boats, boat, chunk);
        // A wrapper object of two members, though both name the subtype.
        assertRejected(ResponseModel.of(Signal.class), "{\"beep\":{\"volume\":1},\"beep\":{\"volume\":2}}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedMember_everyValueIsRead_asJacksonReadsThem(int chunk) {
        // Jackson keeps a map's last value, but fails on an earlier one it cannot read; so does the final binding on
        // an earlier value of the wrapper's member.
        ResponseModel<Crate> crates = ResponseModel.of(Crate.class);
        assertRejected(crates, "{\"counts\":{\"a\":[],\"a\":1}}", chunk);
        assertAgrees(crates, "{\"counts\":{\"a\":2,\"b\":3,\"a\":1}}", chunk);
        assertRejected(crates, "{\"reading\":{\"label\":[],\"label\":\"b\",\"count\":1}}", chunk);
        ResponseModel<List<Reading>> readings = ResponseModel.of(new TypeRef<List<Reading>>() {});
        assertRejected(readings, "{\"items\":[{\"count\":\"x\"}],\"items\":[]}", chunk);
        assertAgrees(readings, "{\"items\":[{\"count\":1}],\"items\":[]}", chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedMember_underStrictDuplicateDetection_givesNoPartialFromWhenItAppears(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ResponseModel<Reading> readings = modelOf(Reading.class, mapper);
        String json = "{\"label\":\"a\",\"label\":\"b\",\"count\":1}";

        assertRejected(readings, json, chunk);
        assertThat(latestPartial(readings, "{\"label\":\"a\",\"label\":\"b\",\"co", chunk))
                .isEmpty();
        assertThat(latestPartial(readings, "{\"label\":\"a\",\"lab", chunk)).contains(new Reading("a", 0));
        assertAgrees(readings, "{\"label\":\"a\",\"count\":1}", chunk);
        assertRejected(modelOf(Spices.class, mapper), "{\"jars\":{\"a\":\"x\",\"a\":\"y\"}}", chunk);
        assertRejected(readings, "{\"label\":\"a\",\"extra\":[{\"k\":1,\"k\":2}],\"count\":1}", chunk);
        assertRejected(modelOf(Figure.class, mapper), "{\"kind\":\"circle\",\"kind\":\"circle\",\"radius\":1}", chunk);
        ResponseModel<Labelled> labelled =
                ResponseModel.builder(Labelled.class).mapper(mapper).build();
        assertRejected(labelled, "{\"name\":\"n\",\"other\":{\"a\":1,\"a\":1}}", chunk);
        ResponseModel<List<String>> wrapped = ResponseModel.builder(new TypeRef<List<String>>() {})
                .mapper(mapper)
                .build();
        assertRejected(wrapped, "{\"items\":[\"a\"],\"items\":[\"b\"]}", chunk);
        assertRejected(wrapped, "{\"items\":[\"a\"],\"note\":{\"b\":1,\"b\":2}}", chunk);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Spot.class, name = "spot"),
        @JsonSubTypes.Type(value = Line.class, name = "line")
    })
    sealed interface Mark permits Spot, Line {}

    record Spot(int x) implements Mark {}

    /** A subtype that is a union of its own: Jackson reads its subtypes under their own ids, and not the union's. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "style")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Plain.class, name = "plain"),
        @JsonSubTypes.Type(value = Dotted.class, name = "dotted")
    })
    sealed interface Line extends Mark permits Plain, Dotted {}

    record Plain(int width) implements Line {}

    record Dotted(int gap) implements Line {}

    record Plan(Mark mark) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void abstractSubtypeId_givesNoPartialOnceComplete_asJacksonCannotBuildIt(int chunk) {
        ResponseModel<Plan> model = ResponseModel.of(Plan.class);

        assertRejected(model, "{\"mark\":{\"kind\":\"line\",\"style\":\"dotted\",\"gap\":3}}", chunk);
        assertAgrees(model, "{\"mark\":{\"kind\":\"dotted\",\"gap\":3}}", chunk);
        assertAgrees(model, "{\"mark\":{\"kind\":\"spot\",\"x\":1}}", chunk);
    }

    /** A list Jackson merges the document's items into ({@code @JsonMerge}), after the ones it starts with. */
    static final class Playlist {
        @JsonMerge
        public List<String> songs = new ArrayList<>(List.of("intro"));

        public String title;

        @Override
        public boolean equals(Object other) {
            return other instanceof Playlist p && songs.equals(p.songs) && Objects.equals(title, p.title);
        }

        @Override
        public int hashCode() {
            return Objects.hash(songs, title);
        }

        @Override
        public String toString() {
            return title + songs;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void mergedProperty_keepsItsInitialItems_asJacksonMergesIntoThem(int chunk) {
        ResponseModel<Playlist> model = ResponseModel.of(Playlist.class);
        String json = "{\"songs\":[\"a\",\"b\"],\"title\":\"mix\"}";

        assertThat(model.parse(json).songs).containsExactly("intro", "a", "b");
        assertAgrees(model, json, chunk);
        // While open, the list is not shown with fewer items than Jackson keeps.
        assertThat(partialOf(model, json.substring(0, json.indexOf("\"b\"")), chunk).songs)
                .startsWith("intro");
    }

    /** An object Jackson identifies by a generated id, written first as {@code "@id"}. */
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class, property = "@id")
    static final class Label {
        public String text;

        @Override
        public boolean equals(Object other) {
            return other instanceof Label l && Objects.equals(text, l.text);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(text);
        }

        @Override
        public String toString() {
            return "Label[" + text + "]";
        }
    }

    record Board(String title, List<Label> labels) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void identifiedObjects_areShownAsTheyStream(int chunk) {
        ResponseModel<Board> model = ResponseModel.of(Board.class);
        String json = "{\"title\":\"b\",\"labels\":[{\"@id\":1,\"text\":\"x\"},{\"@id\":2,\"text\":\"yz\"}]}";

        assertAgrees(model, json, chunk);
        Board open = partialOf(model, json.substring(0, json.indexOf("yz") + 1), chunk);
        assertThat(open.labels()).hasSize(2);
        assertThat(open.labels().get(0).text).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void referenceToAnIdentifiedObject_isResolvedInTheLastPartial_asJacksonResolvesIt(int chunk) {
        ResponseModel<Board> model = ResponseModel.of(Board.class);
        String json = "{\"title\":\"b\",\"labels\":[{\"@id\":1,\"text\":\"x\"},1,{\"@id\":2,\"text\":\"yz\"}]}";

        Board parsed = model.parse(json);
        assertThat(parsed.labels()).hasSize(3);
        assertThat(parsed.labels().get(1)).isSameAs(parsed.labels().get(0));
        assertAgrees(model, json, chunk);
        Board open = partialOf(model, json.substring(0, json.indexOf(",1,")), chunk);
        assertThat(open.labels()).as("before the reference").hasSize(1);
    }

    /** A union Jackson tells apart by its {@code kind}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Square.class, name = "square")})
    sealed interface Tile permits Square {}

    record Square(int side) implements Tile {}

    /** Reads a tile as a square of ten times its side: unless Jackson reads the tile by its type id instead. */
    static final class TenfoldTile extends StdDeserializer<Tile> {
        TenfoldTile() {
            super(Tile.class);
        }

        @Override
        public Tile deserialize(JsonParser parser, DeserializationContext context) {
            return new Square(context.readTree(parser).path("side").asInt() * 10);
        }
    }

    record Tiles(
            @JsonDeserialize(contentUsing = TenfoldTile.class)
            List<Tile> tiles,

            @JsonDeserialize(contentUsing = TenfoldTile.class)
            Map<String, Tile> named) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void contentDeserializerOfAUnion_readsTheItemsWithTheUnionsTypeHandling_asJacksonDoes(int chunk) {
        ResponseModel<Tiles> model = ResponseModel.of(Tiles.class);
        String json = "{\"tiles\":[{\"kind\":\"square\",\"side\":2}],"
                + "\"named\":{\"a\":{\"kind\":\"square\",\"side\":3}}}";

        assertAgrees(model, json, chunk);
    }

    record Signed(String text, @JacksonInject("author") String author) {}

    /** Jackson sets {@code author} from the mapper's injectable values, not from the document. */
    static final class Jotting {
        public String text;

        @JacksonInject("author")
        public String author;

        @Override
        public boolean equals(Object other) {
            return other instanceof Jotting n && Objects.equals(text, n.text) && Objects.equals(author, n.author);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, author);
        }

        @Override
        public String toString() {
            return "Jotting[" + text + ", " + author + "]";
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void injectedValues_inTheLastPartial_asJacksonInjectsThem(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .injectableValues(new InjectableValues.Std().addValue("author", "ada"))
                .build();
        String json = "{\"text\":\"hi\"}";

        assertThat(modelOf(Signed.class, mapper).parse(json).author()).isEqualTo("ada");
        assertAgrees(modelOf(Signed.class, mapper), json, chunk);
        assertThat(modelOf(Jotting.class, mapper).parse(json).author).isEqualTo("ada");
        assertAgrees(modelOf(Jotting.class, mapper), json, chunk);
    }

    /** A union Jackson tells apart by the members present ({@code Id.DEDUCTION}), which the binder reads whole. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(ByPhone.class), @JsonSubTypes.Type(ByMail.class)})
    sealed interface Contact permits ByPhone, ByMail {}

    record ByPhone(String phone) implements Contact {}

    record ByMail(String street, int zip) implements Contact {}

    record Customer(String name, Contact contact, List<Contact> others) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void deducedUnionProperty_agreesWithJackson(int chunk) {
        ResponseModel<Customer> model = ResponseModel.of(Customer.class);

        assertAgrees(
                model,
                "{\"name\":\"n\",\"contact\":{\"zip\":1,\"street\":\"s\"},\"others\":[{\"phone\":\"1\"}]}",
                chunk);
        assertAgrees(model, "{\"name\":\"n\",\"contact\":null,\"others\":[]}", chunk);
    }

    record Directory(
            @JsonSetter(contentNulls = Nulls.SKIP) List<Contact> contacts,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<Contact> backups) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void deducedUnionItems_ofAListWithItsOwnSettings_agreeWithJackson(int chunk) {
        ResponseModel<Directory> model = ResponseModel.of(Directory.class);

        assertAgrees(
                model,
                "{\"contacts\":[{\"phone\":\"1\"},null,{\"street\":\"s\",\"zip\":2}],"
                        + "\"backups\":{\"phone\":\"2\"}}",
                chunk);
    }

    /** Reads a map key in upper case. */
    static final class UpperKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return key.toUpperCase(java.util.Locale.ROOT);
        }
    }

    record Stock(
            @JsonDeserialize(keyUsing = UpperKey.class) Map<String, Integer> counts, Map<String, List<String>> notes) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void mapKeysReadByAKeyDeserializerOfTheirOwn_asJacksonReadsThem(int chunk) {
        String json = "{\"counts\":{\"ab\":1,\"cd\":2},\"notes\":{\"x\":[\"y\"]}}";
        ResponseModel<Stock> property = ResponseModel.of(Stock.class);
        JsonMapper upper = JsonMapper.builder()
                .addModule(new SimpleModule().addKeyDeserializer(String.class, new UpperKey()))
                .build();
        ResponseModel<Stock> mapper = modelOf(Stock.class, upper);

        assertThat(property.parse(json).counts()).containsOnlyKeys("AB", "CD");
        assertAgrees(property, json, chunk);
        assertThat(mapper.parse(json).notes()).containsOnlyKeys("X");
        assertAgrees(mapper, json, chunk);
        // While open, no key is shown as it was written, since Jackson reads it otherwise.
        assertThat(partialOf(mapper, json.substring(0, json.indexOf("\"cd\"")), chunk)
                        .counts())
                .isNull();
    }

    /** Reads a string without its surrounding blanks. */
    static final class Trimmed extends StdDeserializer<String> {
        Trimmed() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return parser.getValueAsString().trim();
        }
    }

    record Memos(String title, List<String> lines, Map<String, String> byKey) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void stringsReadByADeserializerAModuleRegisters_asJacksonReadsThem(int chunk) {
        JsonMapper trimming = JsonMapper.builder()
                .addModule(new SimpleModule().addDeserializer(String.class, new Trimmed()))
                .build();
        ResponseModel<Memos> model = modelOf(Memos.class, trimming);
        String json = "{\"title\":\" t \",\"lines\":[\" a \"],\"byKey\":{\"k\":\" v \"}}";

        assertThat(model.parse(json)).isEqualTo(new Memos("t", List.of("a"), Map.of("k", "v")));
        assertAgrees(model, json, chunk);
        // While open, no string is shown as written, since Jackson reads it otherwise.
        assertThat(partialOf(model, json.substring(0, json.indexOf(" t ") + 2), chunk)
                        .title())
                .isNull();
    }

    /** Reads an integer as twice its value. */
    static final class Doubled extends StdDeserializer<Integer> {
        Doubled() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            return parser.getIntValue() * 2;
        }
    }

    record Counts(Integer boxed, int count, List<Integer> more) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void numbersReadByADeserializerAModuleRegisters_asJacksonReadsThem(int chunk) {
        JsonMapper doubling = JsonMapper.builder()
                .addModule(new SimpleModule()
                        .addDeserializer(Integer.class, new Doubled())
                        .addDeserializer(int.class, new Doubled()))
                .build();
        ResponseModel<Counts> model = modelOf(Counts.class, doubling);
        String json = "{\"boxed\":1,\"count\":2,\"more\":[3]}";

        assertThat(model.parse(json)).isEqualTo(new Counts(2, 4, List.of(6)));
        assertAgrees(model, json, chunk);
    }

    private static <T> ResponseModel<T> modelOf(Class<T> type, JsonMapper mapper) {
        return ResponseModel.builder(type).mapper(mapper).build();
    }

    /** Asserts that Jackson rejects {@code json} and that the complete document therefore has no partial. */
    private static <T> void assertRejected(ResponseModel<T> model, String json, int chunk) {
        assertThatThrownBy(() -> model.parse(json)).as(json).isInstanceOf(ValidationException.class);
        assertThat(lastPartial(model, json, chunk)).as(json).isEmpty();
    }

    /** Asserts that Jackson accepts {@code json} and that the partial of the complete document is the same value. */
    private static <T> void assertAgrees(ResponseModel<T> model, String json, int chunk) {
        T parsed = model.parse(json);
        assertThat(lastPartial(model, json, chunk)).as(json).contains(parsed);
    }

    /** Streams {@code json} in chunks of {@code chunk} chars and binds the complete value's snapshot. */
    private static <T> Optional<T> lastPartial(ResponseModel<T> model, String json, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        for (int from = 0; from < json.length(); from += Math.min(chunk, json.length() - from)) {
            parser.feed(json.substring(from, Math.min(json.length(), from + chunk)));
            if (parser.current() != null) {
                binder.bind(parser.current());
            }
        }
        return binder.bind(parser.finish()).map(PartialResult::value);
    }

    /** Streams the start of a document, {@code prefix}, in chunks of {@code chunk} chars; returns its last partial. */
    private static <T> T partialOf(ResponseModel<T> model, String prefix, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        T last = null;
        for (int from = 0; from < prefix.length(); from += Math.min(chunk, prefix.length() - from)) {
            parser.feed(prefix.substring(from, Math.min(prefix.length(), from + chunk)));
            if (parser.current() != null) {
                last = binder.bind(parser.current()).map(PartialResult::value).orElse(last);
            }
        }
        return last;
    }

    /** Streams the start of a document in chunks of {@code chunk} chars; returns the partial of its last snapshot. */
    private static <T> Optional<T> latestPartial(ResponseModel<T> model, String prefix, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        Optional<T> latest = Optional.empty();
        for (int from = 0; from < prefix.length(); from += Math.min(chunk, prefix.length() - from)) {
            parser.feed(prefix.substring(from, Math.min(prefix.length(), from + chunk)));
            if (parser.current() != null) {
                latest = binder.bind(parser.current()).map(PartialResult::value);
            }
        }
        return latest;
    }

    private static <T> T parsedOrNull(ResponseModel<T> model, String json) {
        try {
            return model.parse(json);
        } catch (ValidationException e) {
            return null;
        }
    }
}
