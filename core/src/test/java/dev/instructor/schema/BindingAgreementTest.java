package dev.instructor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema and the binding agree: what Jackson writes for a sample value conforms to the type's schema in every
 * dialect (wrapped as a provider call wraps it), and reads back to an equal value.
 */
class BindingAgreementTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static Stream<Arguments> samples() {
        Fixtures.Address home = new Fixtures.Address("1 Main St", "Springfield");
        List<Arguments> samples = new ArrayList<>();
        add(samples, Fixtures.Idea.class, new Fixtures.Idea("Inbox zero", "Capture every note in one place."));
        add(samples, Fixtures.MovieRecommendation.class, new Fixtures.MovieRecommendation("Up", 2009, "Warm."));
        add(samples, Fixtures.Recipe.class, new Fixtures.Recipe("Tea", 3, List.of("tea", "water"), "Steep."));
        add(samples, Fixtures.LIST_OF_IDEAS, List.of(new Fixtures.Idea("a", "b"), new Fixtures.Idea("c", "d")));
        add(samples, Fixtures.Mood.class, Fixtures.Mood.CURIOUS);
        add(samples, String.class, "hello");
        add(samples, int.class, 42);
        add(
                samples,
                Fixtures.Profile.class,
                new Fixtures.Profile(
                        "Ada",
                        Optional.empty(),
                        Set.of("math"),
                        new BigDecimal("10.50"),
                        BigInteger.TEN,
                        LocalDate.of(1815, 12, 10),
                        Instant.parse("2024-01-01T00:00:00Z"),
                        Duration.ofMinutes(5),
                        home,
                        Optional.of(home),
                        List.of(List.of(1, 2), List.of(3)),
                        Fixtures.Mood.HAPPY));
        add(
                samples,
                Fixtures.Constrained.class,
                new Fixtures.Constrained(
                        List.of("a", "b"),
                        5,
                        new BigDecimal("1.5"),
                        1,
                        0,
                        -1.5,
                        (short) 0,
                        "slug",
                        "a@b.io",
                        "x",
                        OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC),
                        LocalTime.NOON));
        add(
                samples,
                Fixtures.Drawing.class,
                new Fixtures.Drawing("d", List.of(new Fixtures.Circle(1), new Fixtures.Square(2))));
        add(
                samples,
                Fixtures.Outbox.class,
                new Fixtures.Outbox(
                        List.of(new Fixtures.EmailMessage("a@b.io", "hi"), new Fixtures.SmsMessage("1", "yo"))));
        add(
                samples,
                Fixtures.Expr.class,
                new Fixtures.Add(new Fixtures.Num(1), new Fixtures.Add(new Fixtures.Num(2), new Fixtures.Num(3))));
        add(
                samples,
                Fixtures.TreeNode.class,
                new Fixtures.TreeNode("root", List.of(new Fixtures.TreeNode("leaf", List.of()))));
        add(
                samples,
                Fixtures.Renamed.class,
                new Fixtures.Renamed("Ada", null, 36, Fixtures.Color.GREEN, Fixtures.Priority.HIGH));
        add(samples, Fixtures.Priority.class, Fixtures.Priority.LOW);
        add(samples, Fixtures.Framed.class, new Fixtures.Framed(new Fixtures.Circle(2), "oak"));
        add(samples, Fixtures.Ordered.class, new Fixtures.Ordered("1", "2", "3"));
        add(samples, Fixtures.Scores.class, new Fixtures.Scores("p", Map.of("round1", 3)));
        add(
                samples,
                Fixtures.Shipment.class,
                new Fixtures.Shipment("s1", home, new Fixtures.Address("2 Side St", "Shelbyville")));
        add(
                samples,
                Fixtures.Contact.class,
                new Fixtures.Contact(
                        "Ada", new Fixtures.EmailAddress("ada@example.org"), new Fixtures.Tags(List.of("a", "b"))));
        add(samples, Fixtures.EmailAddress.class, new Fixtures.EmailAddress("ada@example.org"));
        return samples.stream();
    }

    private static void add(List<Arguments> samples, Type type, Object value) {
        for (SchemaDialect dialect : SchemaDialect.values()) {
            if (!(type == Fixtures.Scores.class && dialect == SchemaDialect.OPENAI_STRICT)) {
                samples.add(Arguments.of(type.getTypeName().replaceAll("[\\w.]+\\$", ""), dialect, type, value));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void jacksonOutput_conformsToSchema_andReadsBack(String name, SchemaDialect dialect, Type type, Object value) {
        JsonNode written = MAPPER.valueToTree(value);
        ObjectNode plain = JsonSchemas.generate(type);
        JsonNode answer = written;
        boolean wrapped = JsonSchemas.needsWrapping(plain);
        if (wrapped) {
            plain = JsonSchemas.wrap(plain, JsonSchemas.wrapperKey(type));
            answer = MAPPER.createObjectNode().set(JsonSchemas.wrapperKey(type), written);
        }

        ObjectNode schema = dialect.apply(plain);

        assertThat(SchemaConformance.violations(schema, answer))
                .as("%s against %s", answer, schema)
                .isEmpty();
        JsonNode unwrapped = wrapped ? answer.get(JsonSchemas.wrapperKey(type)) : answer;
        Object read = MAPPER.readerFor(MAPPER.constructType(type)).readValue(unwrapped);
        assertThat(read).isEqualTo(value);
    }
}
