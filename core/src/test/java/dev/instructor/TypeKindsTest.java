package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Every supported kind of type, streamed at several chunk sizes: partials agree with the final, which is Jackson's. */
class TypeKindsTest {
    enum Mood {
        HAPPY,
        SAD
    }

    enum Level {
        LOW("low"),
        HIGH("high");

        private final String code;

        Level(String code) {
            this.code = code;
        }

        @JsonValue
        String code() {
            return code;
        }
    }

    record Idea(String title, String blurb) {}

    record Scalars(
            int count,
            long big,
            double ratio,
            boolean flag,
            Integer boxed,
            Double missing,
            BigDecimal price,
            LocalDate day,
            Instant at,
            Mood mood,
            Level level,
            char initial,
            UUID id) {}

    /** A bean bound through its no-arg constructor and setters. */
    static final class Bean {
        private String name;

        @JsonProperty("full_title")
        @JsonPropertyDescription("The whole title")
        private String title;

        private int number;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public int getNumber() {
            return number;
        }

        @JsonAlias("n")
        public void setNumber(int number) {
            this.number = number;
        }

        static Bean of(String name, String title, int number) {
            Bean bean = new Bean();
            bean.name = name;
            bean.title = title;
            bean.number = number;
            return bean;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bean
                    && Objects.equals(((Bean) other).name, name)
                    && Objects.equals(((Bean) other).title, title)
                    && ((Bean) other).number == number;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, title, number);
        }

        @Override
        public String toString() {
            return "Bean[" + name + ", " + title + ", " + number + "]";
        }
    }

    /** A class bound through a {@code @JsonCreator} constructor. */
    static final class Created {
        private final String label;
        private final int weight;

        @JsonCreator
        Created(@JsonProperty("label") String label, @JsonProperty("weight") int weight) {
            this.label = label;
            this.weight = weight;
        }

        public String getLabel() {
            return label;
        }

        public int getWeight() {
            return weight;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Created
                    && Objects.equals(((Created) other).label, label)
                    && ((Created) other).weight == weight;
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, weight);
        }

        @Override
        public String toString() {
            return "Created[" + label + ", " + weight + "]";
        }
    }

    record Containers(
            Optional<String> nick,
            Optional<String> none,
            Optional<List<Idea>> ideas,
            Set<String> tags,
            Map<String, Integer> scores,
            List<List<Integer>> grid) {}

    record Deep(int depth, String note) {}

    record Inner(String label, Deep deep) {}

    record Outer(String name, Inner inner, List<Inner> inners) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Circle.class), @JsonSubTypes.Type(Square.class)})
    sealed interface Figure permits Circle, Square {}

    @JsonTypeName("circle")
    record Circle(double radius, String color) implements Figure {}

    @JsonTypeName("square")
    record Square(double side) implements Figure {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Pet permits Dog, Cat {}

    record Dog(String name, boolean good) implements Pet {}

    record Cat(String name, int lives) implements Pet {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    sealed interface Action permits Move, Say {}

    record Move(int dx, int dy) implements Action {}

    record Say(String text) implements Action {}

    record Drawing(List<Figure> figures, Pet pet, List<Action> actions) {}

    record TreeNode(String name, List<TreeNode> children) {}

    /** A value object: Jackson writes and reads it as its {@code @JsonValue} string. */
    record Email(@JsonValue String value) {}

    record Contact(String name, Email email, List<Email> others) {}

    record SnakeCase(String firstName, int itemCount) {}

    private static final ObjectMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    static Stream<Arguments> cases() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {
            ResponseModel.of(Scalars.class),
            new Scalars(
                    42,
                    9_000_000_000L,
                    0.25,
                    true,
                    7,
                    null,
                    new BigDecimal("19.990"),
                    LocalDate.of(2024, 2, 29),
                    Instant.parse("2024-01-02T03:04:05Z"),
                    Mood.SAD,
                    Level.HIGH,
                    'q',
                    UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
        });
        cases.add(new Object[] {ResponseModel.of(Bean.class), Bean.of("Ann", "Dr. Ann Smith", 3)});
        cases.add(new Object[] {ResponseModel.of(Created.class), new Created("heavy", 90)});
        cases.add(new Object[] {
            ResponseModel.of(Containers.class),
            new Containers(
                    Optional.of("Al"),
                    Optional.empty(),
                    Optional.of(List.of(new Idea("a", "b"), new Idea("c", "d"))),
                    new HashSet<>(List.of("red", "green", "blue")),
                    orderedMap("x", 1, "y", 2),
                    List.of(List.of(1, 2), List.of(), List.of(3)))
        });
        cases.add(new Object[] {
            ResponseModel.of(Outer.class),
            new Outer(
                    "top",
                    new Inner("in", new Deep(2, "deep note")),
                    List.of(new Inner("a", new Deep(3, "x")), new Inner("b", null)))
        });
        cases.add(new Object[] {
            ResponseModel.of(Drawing.class),
            new Drawing(
                    List.of(new Circle(1.5, "red"), new Square(2), new Circle(0.5, "blue")),
                    new Cat("Tom", 9),
                    List.of(new Move(1, -1), new Say("hi")))
        });
        cases.add(new Object[] {
            ResponseModel.of(TreeNode.class),
            new TreeNode(
                    "root",
                    List.of(new TreeNode("a", List.of(new TreeNode("a1", List.of()))), new TreeNode("b", List.of())))
        });
        cases.add(new Object[] {
            ResponseModel.builder(SnakeCase.class).mapper(SNAKE).build(), new SnakeCase("Ada", 4)
        });
        cases.add(new Object[] {
            ResponseModel.of(Contact.class),
            new Contact("Ann", new Email("ann@example.org"), List.of(new Email("a@b.io"), new Email("c@d.io")))
        });
        cases.add(new Object[] {ResponseModel.of(Email.class), new Email("root@example.org")});
        cases.add(new Object[] {ResponseModel.of(Mood.class), Mood.HAPPY});
        cases.add(new Object[] {ResponseModel.of(Level.class), Level.LOW});
        cases.add(new Object[] {ResponseModel.of(String.class), "plain \"text\" with ünïcode"});
        cases.add(new Object[] {ResponseModel.of(Integer.class), 12345});
        cases.add(new Object[] {ResponseModel.of(int.class), 77});
        cases.add(new Object[] {ResponseModel.of(Figure.class), new Square(3)});
        cases.add(new Object[] {
            ResponseModel.of(new TypeRef<List<List<String>>>() {}), List.of(List.of("a", "b"), List.of("c"))
        });
        cases.add(new Object[] {
            ResponseModel.of(new TypeRef<Map<String, Idea>>() {}),
            orderedMap("one", new Idea("t1", "b1"), "two", new Idea("t2", "b2"))
        });
        cases.add(new Object[] {
            ResponseModel.of(new TypeRef<Optional<List<Idea>>>() {}), Optional.of(List.of(new Idea("t", "b")))
        });
        List<Arguments> out = new ArrayList<>();
        for (Object[] c : cases) {
            for (int chunk : new int[] {1, 3, Streamer.WHOLE}) {
                out.add(Arguments.of(c[0], c[1], chunk));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in chunks of {2}")
    @MethodSource("cases")
    <T> void stream_partialsAgreeWithFinal(ResponseModel<T> model, T expected, int chunkSize) {
        ObjectMapper mapper = model.mapper();
        String json = model.wrapperKey()
                .map(key -> mapper.writeValueAsString(Map.of(key, mapper.valueToTree(expected))))
                .orElseGet(() -> mapper.writeValueAsString(expected));

        Streamer.Run<T> run = Streamer.stream(model, json, chunkSize);

        assertThat(run.result()).isEqualTo(expected).isEqualTo(jackson(model, json));
        assertThat(run.skipReasons()).allSatisfy(reason -> assertThat(reason).doesNotContain("cannot"));
        assertThat(run.partials()).isNotEmpty();
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(expected);
        Streamer.assertConsistent(model, run);
    }

    private static <T> T jackson(ResponseModel<T> model, String json) {
        ObjectMapper mapper = model.mapper();
        JavaType type = mapper.getTypeFactory().constructType(model.type());
        return model.wrapperKey().isPresent()
                ? mapper.readValue(
                        mapper.writeValueAsString(
                                mapper.readTree(json).get(model.wrapperKey().get())),
                        type)
                : mapper.readValue(json, type);
    }

    private static <V> Map<String, V> orderedMap(String k1, V v1, String k2, V v2) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
