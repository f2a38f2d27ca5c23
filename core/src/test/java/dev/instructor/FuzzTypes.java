package dev.instructor;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The response types of {@link MapperConfigFuzzTest}: records, beans with setters, {@code @JsonCreator} classes, nested
 * records, lists, sets, maps with other keys than strings, {@code Optional}s, enums read by {@code @JsonValue},
 * {@code @JsonProperty} and {@code @JsonEnumDefaultValue}, unions by type id property and by wrapper object,
 * {@code java.time} values, {@code BigDecimal}, primitives of every kind, arrays. {@link TypedDocuments} writes
 * documents for them from their fields, so each declares a field per property.
 */
final class FuzzTypes {
    private FuzzTypes() {}

    enum Colour {
        RED,
        GREEN,
        @JsonProperty("bleu")
        BLUE,
        @JsonEnumDefaultValue
        OTHER
    }

    enum Level {
        LOW,
        HIGH;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT) + "!";
        }
    }

    enum Grade {
        TOP("t"),
        MID("m");

        private final String code;

        Grade(String code) {
            this.code = code;
        }

        @JsonValue
        String code() {
            return code;
        }
    }

    record Item(String name, int qty) {}

    record Numbers(int i, long l, short s, byte b, double d, float f, boolean z, char c) {}

    record Boxes(
            Integer i,
            Long l,
            Short s,
            Byte b,
            Double d,
            Float f,
            Boolean z,
            Character c,
            BigDecimal amount,
            BigInteger big) {}

    record Order(
            String id,
            List<Item> items,
            Set<String> tags,
            Map<String, Integer> counts,
            Optional<String> note,
            Colour colour,
            Level level,
            Grade grade) {}

    record Keys(Map<Integer, String> byNumber, Map<Colour, Integer> byColour, Map<LocalDate, String> byDay) {}

    record Times(LocalDate day, LocalTime at, Instant instant, Duration took, UUID id) {}

    record Arrays(String[] names, int[] counts, char[] letters, Item[] items, List<long[]> rows) {}

    record Envelope(
            Order order,
            Optional<Item> item,
            List<List<Integer>> grid,
            Map<String, Item> byName,
            Optional<Integer> size,
            Object extra) {}

    /** A bean of fields and setters, with initial values a missing or skipped member keeps. */
    public static final class Profile {
        public String name;
        public int age = 5;

        @JsonAlias("nick")
        public String handle;

        public List<Level> levels;

        @JsonIgnore
        public String secret;

        public Colour colour = Colour.RED;
        public double score;
        private Set<Integer> lucky;

        public void setLucky(Set<Integer> lucky) {
            this.lucky = lucky;
        }
    }

    /** A {@code @JsonCreator} class with a required creator property and a setter property. */
    public static final class Point {
        private final int x;
        private final Integer y;
        public String label;

        @JsonCreator
        Point(@JsonProperty("x") int x, @JsonProperty(value = "y", required = true) Integer y) {
            this.x = x;
            this.y = y;
        }
    }

    /** A list property with a getter and no setter: Jackson adds to the getter's list. */
    public static final class Basket {
        private final List<String> fruit = new ArrayList<>();
        public String owner;

        public List<String> getFruit() {
            return fruit;
        }
    }

    /** A bean Jackson also makes from a string, with its one-string constructor. */
    public static final class Tag {
        public String name;

        public Tag() {}

        public Tag(String name) {
            this.name = name;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Square.class, name = "square")
    })
    sealed interface Figure permits Circle, Square {}

    record Circle(double radius) implements Figure {}

    record Square(int side, String label) implements Figure {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({@JsonSubTypes.Type(Click.class), @JsonSubTypes.Type(Press.class)})
    interface Event {}

    @JsonTypeName("click")
    record Click(int x, int y) implements Event {}

    @JsonTypeName("press")
    record Press(char key, boolean shift) implements Event {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Note.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Note.class, name = "note"),
        @JsonSubTypes.Type(value = Link.class, name = "link")
    })
    interface Block {}

    record Note(String text) implements Block {}

    record Link(String url, Optional<String> title) implements Block {}

    record Drawing(Figure main, List<Figure> more, Event event, Block block, Map<String, Event> named) {}

    /** Annotations that give a property Jackson's attention of its own. */
    @JsonIgnoreProperties({"internal"})
    record Annotated(
            @JsonIgnore String password,
            String internal,
            @JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> tags,
            @JsonSetter(nulls = Nulls.FAIL) String owner,
            @JsonProperty(required = true) String id) {}

    /** Collections, maps and beans that their properties' own annotations make Jackson read otherwise. */
    record Formatted(
            @JsonSetter(contentNulls = Nulls.SKIP) List<String> kept,
            @JsonSetter(contentNulls = Nulls.AS_EMPTY) Map<String, Integer> sizes,
            @JsonSetter(contentNulls = Nulls.FAIL) Set<Level> levels,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<Item> items,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            List<Colour> colours,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            Item item,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            List<Profile> profiles,

            @JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            Set<String> tags) {}

    /** A bean whose delegating creator Jackson uses for every shape of value, objects included. */
    public static final class Code {
        public String value;

        public Code() {}

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Code of(String value) {
            Code code = new Code();
            code.value = value;
            return code;
        }
    }

    /** A bean with an unwrapped record and an any-setter, which Jackson reads whole. */
    public static final class Parcel {
        public String id;

        @JsonUnwrapped
        public Item item;

        private final Map<String, Object> rest = new LinkedHashMap<>();

        @JsonAnySetter
        void put(String key, Object value) {
            rest.put(key, value);
        }
    }

    /** The response types: classes and {@link TypeRef}s. */
    static final List<Object> ALL = List.of(
            Numbers.class,
            Boxes.class,
            Order.class,
            Keys.class,
            Times.class,
            Arrays.class,
            Envelope.class,
            Profile.class,
            Point.class,
            Basket.class,
            Tag.class,
            Drawing.class,
            Figure.class,
            Colour.class,
            String.class,
            new TypeRef<List<Item>>() {},
            new TypeRef<Set<Level>>() {},
            new TypeRef<Map<String, Item>>() {},
            new TypeRef<Optional<Item>>() {},
            new TypeRef<Map<String, List<Item>>>() {},
            Annotated.class,
            Formatted.class,
            Code.class,
            Parcel.class);
}
