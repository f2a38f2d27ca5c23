package dev.instructor.schema;

import static dev.instructor.schema.SchemaDialect.ANTHROPIC;
import static dev.instructor.schema.SchemaDialect.ANTHROPIC_STRICT;
import static dev.instructor.schema.SchemaDialect.GEMINI;
import static dev.instructor.schema.SchemaDialect.OPENAI_STRICT;
import static dev.instructor.schema.SchemaDialect.PLAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.instructor.schema.Fixtures.Address;
import dev.instructor.schema.Fixtures.Idea;
import dev.instructor.schema.Fixtures.Mood;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema and the binding agree: an answer that Jackson reads (most often what Jackson itself writes for a sample
 * value) conforms to the type's schema in every dialect, wrapped as a provider call wraps it, and reads to the
 * expected value; and an answer Jackson cannot read breaks the schema, where the schema adds a constraint for it. One
 * source of samples per fixture file; a type a dialect cannot express by design is left out of that dialect here and
 * its error checked in {@code SchemaDialectTest} or {@code JsonSchemasTest}.
 *
 * <p>Longer than a test class should be because it is the catalogue: the sample sources are most of it, and the two
 * checks come last.
 */
class BindingAgreementTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static Stream<Arguments> samples() {
        Address home = new Address("1 Main St", "Springfield");
        Samples samples = new Samples();
        samples.value(Idea.class, new Idea("Inbox zero", "Capture every note in one place."));
        samples.value(Fixtures.MovieRecommendation.class, new Fixtures.MovieRecommendation("Up", 2009, "Warm."));
        samples.value(Fixtures.Recipe.class, new Fixtures.Recipe("Tea", 3, List.of("tea", "water"), "Steep."));
        samples.value(Fixtures.LIST_OF_IDEAS, List.of(new Idea("a", "b"), new Idea("c", "d")));
        samples.value(Mood.class, Mood.CURIOUS);
        samples.value(String.class, "hello");
        samples.value(int.class, 42);
        samples.value(
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
                        Mood.HAPPY));
        samples.value(
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
        samples.value(
                Fixtures.Drawing.class,
                new Fixtures.Drawing("d", List.of(new Fixtures.Circle(1), new Fixtures.Square(2))));
        samples.value(
                Fixtures.Outbox.class,
                new Fixtures.Outbox(
                        List.of(new Fixtures.EmailMessage("a@b.io", "hi"), new Fixtures.SmsMessage("1", "yo"))));
        samples.value(
                Fixtures.Expr.class,
                new Fixtures.Add(new Fixtures.Num(1), new Fixtures.Add(new Fixtures.Num(2), new Fixtures.Num(3))),
                ANTHROPIC_STRICT); // recursive: see SchemaDialectTest
        samples.value(
                Fixtures.TreeNode.class,
                new Fixtures.TreeNode("root", List.of(new Fixtures.TreeNode("leaf", List.of()))),
                ANTHROPIC_STRICT); // recursive: see SchemaDialectTest
        samples.value(
                Fixtures.Renamed.class,
                new Fixtures.Renamed("Ada", null, 36, Fixtures.Color.GREEN, Fixtures.Priority.HIGH));
        samples.value(Fixtures.Priority.class, Fixtures.Priority.LOW);
        samples.value(Fixtures.Framed.class, new Fixtures.Framed(new Fixtures.Circle(2), "oak"));
        samples.value(Fixtures.Ordered.class, new Fixtures.Ordered("1", "2", "3"));
        samples.value(
                Fixtures.Scores.class, new Fixtures.Scores("p", Map.of("round1", 3)), OPENAI_STRICT, ANTHROPIC_STRICT);
        samples.value(
                Fixtures.Shipment.class, new Fixtures.Shipment("s1", home, new Address("2 Side St", "Shelbyville")));
        samples.value(
                Fixtures.Contact.class,
                new Fixtures.Contact(
                        "Ada", new Fixtures.EmailAddress("ada@example.org"), new Fixtures.Tags(List.of("a", "b"))));
        samples.value(Fixtures.EmailAddress.class, new Fixtures.EmailAddress("ada@example.org"));
        // Jackson drops a repeated item of a set, and the bounds count what is left.
        samples.answer(
                Fixtures.Labels.class,
                "{\"tags\":[\"a\",\"a\",\"b\"],\"groups\":[[\"c\",\"c\"]]}",
                new Fixtures.Labels(Set.of("a", "b"), List.of(Set.of("c"))));
        samples.answer(Fixtures.parameterized(Set.class, String.class), "[\"a\",\"a\"]", Set.of("a"));
        return samples.stream();
    }

    static Stream<Arguments> accessorSamples() {
        Samples samples = new Samples();
        samples.answer(
                AccessorFixtures.Signup.class,
                "{\"user\":\"ada\",\"password\":\"pw\"}",
                new AccessorFixtures.Signup("ada", "pw"));
        // Jackson also writes the computed area, and ignores it when reading: the schema leaves it out.
        samples.answer(
                AccessorFixtures.Rectangle.class, "{\"width\":2,\"height\":3}", new AccessorFixtures.Rectangle(2, 3));
        samples.answer(
                AccessorFixtures.Account.class,
                "{\"name\":\"Ada\",\"password\":\"pw\"}",
                new AccessorFixtures.Account(null, "Ada", "pw"));
        samples.answer(
                AccessorFixtures.Credentials.class,
                "{\"user\":\"ada\",\"password\":\"pw\"}",
                new AccessorFixtures.Credentials("ada", "pw"));
        samples.value(AccessorFixtures.Ignorals.class, new AccessorFixtures.Ignorals("k"));
        samples.answer(
                AccessorFixtures.SplitAccess.class,
                "{\"token\":\"t\",\"name\":\"n\"}",
                new AccessorFixtures.SplitAccess("t", "n"));
        samples.value(AccessorFixtures.Tagged.class, new AccessorFixtures.Tagged("a", null));
        samples.answer(AccessorFixtures.Versioned.class, "{\"name\":\"v\"}", new AccessorFixtures.Versioned("v", null));
        samples.value(AccessorFixtures.Link.class, new AccessorFixtures.Link("https://a.io", "A"));
        samples.answer(
                AccessorFixtures.Session.class,
                "{\"token\":\"t\",\"user\":\"u\"}",
                new AccessorFixtures.Session("t", "u"));
        samples.value(AccessorFixtures.Summary.class, new AccessorFixtures.Summary("a", null));
        samples.value(AccessorFixtures.Document.class, new AccessorFixtures.Document("t", null));
        samples.value(AccessorFixtures.Draft.class, new AccessorFixtures.Draft("t"));
        return samples.stream();
    }

    static Stream<Arguments> propertySamples() {
        Samples samples = new Samples();
        samples.value(PropertyFixtures.SnakeCased.class, new PropertyFixtures.SnakeCased("Ada", 12345));
        samples.value(PropertyFixtures.KebabBean.class, new PropertyFixtures.KebabBean("https://a.io"));
        samples.value(PropertyFixtures.Alphabetic.class, new PropertyFixtures.Alphabetic("z", "a", "m"));
        samples.value(PropertyFixtures.Reachable.class, new PropertyFixtures.Reachable("Ada", "1"));
        samples.value(PropertyFixtures.Filters.class, new PropertyFixtures.Filters(List.of("a"), 5, Optional.of("q")));
        samples.value(PropertyFixtures.Settings.class, new PropertyFixtures.Settings("dark", List.of("x"), "light"));
        samples.value(
                PropertyFixtures.Layout.class, new PropertyFixtures.Layout(new PropertyFixtures.Window(1024, 768)));
        samples.answer(
                PropertyFixtures.Widget.class,
                "{\"name\":\"w\",\"config\":\"{\\\"a\\\":1}\"}",
                new PropertyFixtures.Widget("w", "{\"a\":1}"));
        // Jackson leaves out what @JsonInclude says; OpenAI's strict mode has every property, null where absent.
        samples.value(PropertyFixtures.Reachable.class, new PropertyFixtures.Reachable("Ada", null), OPENAI_STRICT);
        samples.answer(
                PropertyFixtures.Reachable.class,
                "{\"name\":\"Ada\",\"phone\":null}",
                new PropertyFixtures.Reachable("Ada", null),
                PLAIN,
                ANTHROPIC,
                ANTHROPIC_STRICT,
                GEMINI);
        samples.value(
                PropertyFixtures.Filters.class,
                new PropertyFixtures.Filters(null, null, Optional.empty()),
                OPENAI_STRICT);
        samples.answer(
                PropertyFixtures.Filters.class,
                "{\"tags\":null,\"limit\":null,\"query\":null}",
                new PropertyFixtures.Filters(null, null, Optional.empty()),
                PLAIN,
                ANTHROPIC,
                ANTHROPIC_STRICT,
                GEMINI);
        return samples.stream();
    }

    static Stream<Arguments> creatorSamples() {
        Idea idea = new Idea("a", "b");
        Samples samples = new Samples();
        samples.value(CreatorFixtures.Coordinates.class, new CreatorFixtures.Coordinates(52.5, 13.4));
        samples.value(CreatorFixtures.Percent.class, CreatorFixtures.Percent.of(5));
        samples.value(
                CreatorFixtures.Pizza.class,
                new CreatorFixtures.Pizza.Builder()
                        .withName("margherita")
                        .withToppings(List.of("basil"))
                        .build());
        samples.value(
                CreatorFixtures.Ticket.class,
                new CreatorFixtures.Ticket.Maker().seat("A").row(3).issue());
        samples.value(CreatorFixtures.Range.class, new CreatorFixtures.Range(1, 5, "kg"));
        samples.answer(
                CreatorFixtures.Range.class,
                "{\"min\":1,\"max\":5,\"unit\":\"KG\"}",
                new CreatorFixtures.Range(1, 5, "kg"));
        samples.value(
                Fixtures.parameterized(CreatorFixtures.Labels.class, Mood.class),
                new CreatorFixtures.Labels<>(List.of(Mood.HAPPY, Mood.SAD)));
        samples.value(CreatorFixtures.Code.class, new CreatorFixtures.Code("X1"));
        samples.value(
                Fixtures.parameterized(CreatorFixtures.Boxed.class, Idea.class), new CreatorFixtures.Boxed<>(idea));
        samples.value(CreatorFixtures.Stars.class, CreatorFixtures.Stars.TWO);
        samples.value(CreatorFixtures.Status.class, CreatorFixtures.Status.UNKNOWN);
        samples.value(
                CreatorFixtures.Rated.class,
                new CreatorFixtures.Rated(
                        CreatorFixtures.Stars.THREE,
                        CreatorFixtures.Status.ACTIVE,
                        new CreatorFixtures.Code("c"),
                        CreatorFixtures.Percent.of(40)));
        samples.value(CreatorFixtures.Isbn.class, CreatorFixtures.Isbn.parse("978-0134685991"));
        samples.value(CreatorFixtures.Money.class, CreatorFixtures.Money.of("EUR", 1050));
        return samples.stream();
    }

    static Stream<Arguments> shapeSamples() {
        ShapeFixtures.Tag tag = new ShapeFixtures.Tag("x");
        ShapeFixtures.Airport ams = new ShapeFixtures.Airport("AMS", "Amsterdam");
        ShapeFixtures.Measurement measurement = new ShapeFixtures.Measurement(
                42L,
                new BigDecimal("10.50"),
                7,
                Mood.SAD,
                LocalDate.of(2024, 1, 31),
                Instant.parse("2024-01-01T00:00:00Z"),
                List.of("a"));
        Samples samples = new Samples();
        samples.value(ShapeFixtures.Level.class, ShapeFixtures.Level.HIGH);
        samples.value(ShapeFixtures.Alarm.class, new ShapeFixtures.Alarm("a", ShapeFixtures.Level.MEDIUM));
        samples.value(ShapeFixtures.Stop.class, new ShapeFixtures.Stop("A", new ShapeFixtures.GeoPoint(1, 2)));
        // Jackson 3.1 writes nested unwrapped values without the outer prefix ("lat_at", twice), but
        // reads
        // them with it, as the schema has them.
        samples.answer(
                ShapeFixtures.Trip.class,
                "{\"name\":\"t\",\"from_city\":\"A\",\"from_lat_at\":1,\"from_lon_at\":2,"
                        + "\"to_city\":\"B\",\"to_lat_at\":3,\"to_lon_at\":4}",
                new ShapeFixtures.Trip(
                        "t",
                        new ShapeFixtures.Stop("A", new ShapeFixtures.GeoPoint(1, 2)),
                        new ShapeFixtures.Stop("B", new ShapeFixtures.GeoPoint(3, 4))));
        samples.value(ShapeFixtures.Team.class, new ShapeFixtures.Team("t", List.of("a", "b")));
        samples.value(
                ShapeFixtures.Extensible.class,
                new ShapeFixtures.Extensible("n", Map.of("color", "red", "size", 3)),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.value(
                ShapeFixtures.Labelled.class,
                new ShapeFixtures.Labelled("n", Map.of("a", 1, "b", 2)),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.value(ShapeFixtures.Point.class, new ShapeFixtures.Point(1, 2));
        samples.value(
                ShapeFixtures.Polyline.class,
                new ShapeFixtures.Polyline("p", List.of(new ShapeFixtures.Point(1, 2), new ShapeFixtures.Point(3, 4))));
        samples.value(
                ShapeFixtures.Measurement.class,
                new ShapeFixtures.Measurement(
                        42L,
                        new BigDecimal("10.50"),
                        7,
                        Mood.SAD,
                        LocalDate.of(2024, 1, 31),
                        Instant.parse("2024-01-01T00:00:00Z"),
                        List.of("a")));
        samples.value(
                ShapeFixtures.Post.class, new ShapeFixtures.Post("p", List.of(tag, new ShapeFixtures.Tag("y")), tag));

        samples.value(
                ShapeFixtures.Route.class,
                new ShapeFixtures.Route(List.of(ams, new ShapeFixtures.Airport("LHR", "London")), ams));
        samples.value(ShapeFixtures.Located.class, new ShapeFixtures.Located("n", new ShapeFixtures.GeoPoint(1, 2)));
        samples.value(
                ShapeFixtures.Segment.class, new ShapeFixtures.Segment(new ShapeFixtures.GeoPoint(1, 2), null, "s"));
        samples.value(ShapeFixtures.Frame.class, frame());
        samples.value(ShapeFixtures.Board.class, board());
        samples.value(
                ShapeFixtures.Store.class,
                new ShapeFixtures.Store(
                        List.of(new ShapeFixtures.Crate(new ShapeFixtures.Bay("A", 1), "tea")),
                        new ShapeFixtures.Crate(new ShapeFixtures.Bay("B", 2), "rice")));
        samples.value(ShapeFixtures.Quota.class, new ShapeFixtures.Quota(5, new BigDecimal("9.99"), 42L, 0));
        samples.value(ShapeFixtures.Venue.class, new ShapeFixtures.Venue("Hall", new ShapeFixtures.Spot(52.37, 4.89)));
        samples.value(ShapeFixtures.Tally.class, tally(), OPENAI_STRICT, ANTHROPIC_STRICT);
        samples.value(ShapeFixtures.Grid.class, grid());
        // Trees hold anything, which the strict dialects cannot express (see SchemaDialectTest).
        samples.value(
                ShapeFixtures.Payload.class,
                new ShapeFixtures.Payload(
                        "p",
                        MAPPER.readTree("{\"a\":[1,{\"b\":null}],\"c\":\"d\"}"),
                        (ObjectNode) MAPPER.readTree("{\"x\":1}"),
                        (tools.jackson.databind.node.ArrayNode) MAPPER.readTree("[1,\"a\",{}]")),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.value(JsonNode.class, MAPPER.readTree("{\"a\":[1]}"), OPENAI_STRICT, ANTHROPIC_STRICT);
        samples.value(JsonNode.class, MAPPER.readTree("\"text\""), OPENAI_STRICT, ANTHROPIC_STRICT);
        // Jackson writes the computed getters after the values, and reads the values alone too.
        samples.value(ShapeFixtures.Span.class, new ShapeFixtures.Span(1, 4));
        samples.value(ShapeFixtures.Span.class, new ShapeFixtures.Span(2, 2));
        samples.answer(ShapeFixtures.Span.class, "[1,4]", new ShapeFixtures.Span(1, 4));
        // Jackson reads a getter's position between the values as the next value: the schema has the values alone.
        samples.answer(ShapeFixtures.Gap.class, "[2,5]", new ShapeFixtures.Gap(2, 5));
        samples.value(
                ShapeFixtures.Ruler.class,
                new ShapeFixtures.Ruler(new ShapeFixtures.Span(0, 3), new ShapeFixtures.Size(2, 3)));
        samples.value(
                ShapeFixtures.Ruler.class,
                new ShapeFixtures.Ruler(new ShapeFixtures.Span(0, 3), new ShapeFixtures.Size(0, 3)));
        samples.value(
                JsonSchemasTest.Drawing.class,
                new JsonSchemasTest.Drawing(
                        new JsonSchemasTest.Blank(),
                        new JsonSchemasTest.Square(3),
                        new JsonSchemasTest.Marker("pin", 4)));
        samples.value(
                JsonSchemasTest.Drawing.class,
                new JsonSchemasTest.Drawing(
                        new JsonSchemasTest.Blank(),
                        new JsonSchemasTest.Circle(2),
                        new JsonSchemasTest.Marker("pin", -1)));
        return samples.stream();
    }

    static Stream<Arguments> polymorphismSamples() {
        Samples samples = new Samples();
        samples.value(
                PolymorphismFixtures.Macro.class,
                new PolymorphismFixtures.Macro(
                        List.of(
                                new PolymorphismFixtures.Say("hi"),
                                new PolymorphismFixtures.Quit(),
                                new PolymorphismFixtures.Pause()),
                        new PolymorphismFixtures.Stop()));
        samples.value(PolymorphismFixtures.Command.class, new PolymorphismFixtures.Quit());
        samples.value(
                PolymorphismFixtures.Macro.class,
                new PolymorphismFixtures.Macro(List.of(), new PolymorphismFixtures.Go(3)));
        samples.value(
                PolymorphismFixtures.Mail.class,
                new PolymorphismFixtures.Mail(
                        "s",
                        List.of(
                                new PolymorphismFixtures.Note("n"),
                                new PolymorphismFixtures.Photo("u", 3),
                                new PolymorphismFixtures.Sticker("*", 2))));
        samples.value(
                PolymorphismFixtures.Catalogue.class,
                new PolymorphismFixtures.Catalogue(
                        List.of(new PolymorphismFixtures.Car(4), new PolymorphismFixtures.Bike(true)),
                        List.of(new PolymorphismFixtures.Cat("Tom"), new PolymorphismFixtures.Dog("Rex")),
                        List.of(new PolymorphismFixtures.Apple("Elstar"), new PolymorphismFixtures.Pear("Conference")),
                        List.of(
                                new PolymorphismFixtures.Deposit("deposit", 10),
                                new PolymorphismFixtures.Withdrawal("withdrawal", 5, "atm-1")),
                        List.of(new PolymorphismFixtures.ClickEvent(1, 2), new PolymorphismFixtures.PlainEvent("x")),
                        List.of(new PolymorphismFixtures.Metres(1), new PolymorphismFixtures.Feet(3)),
                        List.of(
                                new PolymorphismFixtures.Card("4111", "12/30"),
                                new PolymorphismFixtures.Transfer("NL00"))));
        samples.value(PolymorphismFixtures.Mark.class, new PolymorphismFixtures.Line(3));
        samples.value(
                Fixtures.listOf(PolymorphismFixtures.Mark.class),
                List.of(new PolymorphismFixtures.Line(3), new PolymorphismFixtures.Dot(1)));
        samples.value(PolymorphismFixtures.Delivery.class, delivery());
        samples.value(PolymorphismFixtures.Library.class, library());
        samples.value(PolymorphismFixtures.Sketch.class, sketch());
        samples.value(PolymorphismFixtures.Purse.class, purse());
        // Jackson reads the id of a member with an identity of its own where the property is declared as the member.
        String purse = MAPPER.writeValueAsString(purse());
        samples.answer(
                PolymorphismFixtures.Purse.class,
                purse.replaceFirst("\"spare\":\\{[^}]*}", "\"spare\":1")
                        .replaceFirst("\"kept\":\\{[^}]*}}", "\"kept\":\"" + ticketId(purse) + "\""),
                new PolymorphismFixtures.Purse(
                        purse().tokens(),
                        purse().main(),
                        new PolymorphismFixtures.Coin(5),
                        purse().passes(),
                        new PolymorphismFixtures.Ticket("1A")));
        // Each member as Jackson writes it in the union and as itself; a member's own identity allows its id alone.
        samples.value(PolymorphismFixtures.Till.class, till());
        String till = MAPPER.writeValueAsString(till());
        samples.answer(
                PolymorphismFixtures.Till.class,
                till.replaceFirst("\"banknotes\":\\[\\{[^}]*}]", "\"banknotes\":[2]"),
                new PolymorphismFixtures.Till(
                        till().tendered(),
                        till().last(),
                        till().banknote(),
                        List.of(till().banknote()),
                        till().cheque(),
                        till().cheques(),
                        till().voucher(),
                        till().vouchers(),
                        till().cash(),
                        till().coins()));
        return samples.stream();
    }

    static Stream<Arguments> jdkTypeSamples() throws Exception {
        Idea idea = new Idea("a", "b");
        Samples samples = new Samples();
        samples.value(
                JdkTypeFixtures.KeyedMaps.class,
                new JdkTypeFixtures.KeyedMaps(
                        Map.of(Mood.HAPPY, 1),
                        Map.of(Fixtures.Color.RED, "r"),
                        Map.of(1, "one"),
                        Map.of(LocalDate.of(2024, 1, 31), "d"),
                        Map.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), true)),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        // Jackson reads an integer key with a sign, as Integer.parseInt does.
        samples.answer(
                JdkTypeFixtures.KeyedMaps.class,
                "{\"byMood\":{},\"byColor\":{},\"byNumber\":{\"+7\":\"seven\",\"-1\":\"minus\"},\"byDate\":{},"
                        + "\"byId\":{}}",
                new JdkTypeFixtures.KeyedMaps(Map.of(), Map.of(), Map.of(7, "seven", -1, "minus"), Map.of(), Map.of()),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.value(
                JdkTypeFixtures.Nested.class,
                new JdkTypeFixtures.Nested(
                        Map.of("k", List.of(Map.of("n", 1))),
                        List.of(Set.of("a")),
                        List.of(List.of(idea)),
                        new Idea[] {idea},
                        new int[][] {{1, 2}, {3}}),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.answer(
                JdkTypeFixtures.Iterables.class,
                "{\"tags\":[\"a\",\"b\"],\"ideas\":[{\"title\":\"a\",\"blurb\":\"b\"}]}",
                new JdkTypeFixtures.Iterables(List.of("a", "b"), List.of(idea)));
        samples.value(
                Fixtures.parameterized(JdkTypeFixtures.Page.class, Idea.class),
                new JdkTypeFixtures.Page<>(List.of(idea), 1, Optional.of(idea)));
        samples.value(
                Fixtures.parameterized(
                        JdkTypeFixtures.Page.class, Fixtures.parameterized(JdkTypeFixtures.Page.class, String.class)),
                new JdkTypeFixtures.Page<>(
                        List.of(new JdkTypeFixtures.Page<>(List.of("x"), 1, Optional.empty())), 1, Optional.empty()));
        samples.value(
                JdkTypeFixtures.Inbox.class,
                new JdkTypeFixtures.Inbox(
                        new JdkTypeFixtures.Page<>(List.of(idea), 1, Optional.empty()),
                        new JdkTypeFixtures.Page<>(List.of("w"), 1, Optional.of("w"))));
        samples.value(JdkTypeFixtures.Timeline.class, timeline());
        samples.value(
                JdkTypeFixtures.Identifiers.class,
                new JdkTypeFixtures.Identifiers(
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        URI.create("https://a.io/x?y=1"),
                        new URL("https://a.io"),
                        Locale.CANADA_FRENCH,
                        Currency.getInstance("EUR"),
                        new byte[] {1, 2, 3},
                        'x',
                        'A'));
        samples.value(
                JdkTypeFixtures.Levels.class,
                new JdkTypeFixtures.Levels((byte) -128, (byte) 127, List.of((byte) 0, (byte) 1), (byte) 1));
        samples.value(
                JdkTypeFixtures.Schedule.class,
                new JdkTypeFixtures.Schedule(
                        LocalTime.of(9, 0),
                        LocalDateTime.of(2024, 1, 31, 9, 0),
                        Duration.ofMinutes(30),
                        Period.ofWeeks(1),
                        'A'));
        samples.value(
                JdkTypeFixtures.Optionals.class,
                new JdkTypeFixtures.Optionals(
                        Optional.of("t"),
                        OptionalInt.of(1),
                        OptionalLong.empty(),
                        OptionalDouble.of(0.5),
                        Optional.of(new Address("s", "c")),
                        List.of(Optional.of("a"), Optional.empty())));
        samples.value(
                JdkTypeFixtures.References.class,
                new JdkTypeFixtures.References(
                        new AtomicReference<>("n"),
                        new AtomicReference<>(new Address("s", "c")),
                        List.of(new AtomicReference<>(1), new AtomicReference<>())));
        // Absent and null both read as an empty reference, as for an Optional.
        samples.answer(
                JdkTypeFixtures.References.class,
                "{\"home\":null,\"counts\":[]}",
                new JdkTypeFixtures.References(new AtomicReference<>(), new AtomicReference<>(), List.of()),
                OPENAI_STRICT);
        samples.value(JdkTypeFixtures.Plugin.class, new JdkTypeFixtures.Plugin("p", String.class));
        // An entry is an object of one member: what a map is, but one strict dialects cannot express
        // (SchemaDialectTest).
        samples.value(
                JdkTypeFixtures.Pairs.class,
                new JdkTypeFixtures.Pairs(
                        List.of(Map.entry("a", 1), Map.entry("a", 2)), Map.entry(Mood.HAPPY, new Idea("t", "b"))),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        samples.value(
                JdkTypeFixtures.Recurrence.class,
                new JdkTypeFixtures.Recurrence(YearMonth.of(2024, 3), MonthDay.of(2, 29), ZoneOffset.ofHours(-5)));
        samples.value(
                JdkTypeFixtures.Recurrence.class,
                new JdkTypeFixtures.Recurrence(YearMonth.of(-44, 12), MonthDay.of(12, 31), ZoneOffset.UTC));
        samples.answer(
                JdkTypeFixtures.Recurrence.class,
                "{\"starts\":\"12345-01\",\"on\":\"--01-01\",\"offset\":\"+0530\"}",
                new JdkTypeFixtures.Recurrence(
                        YearMonth.of(12345, 1), MonthDay.of(1, 1), ZoneOffset.ofHoursMinutes(5, 30)));
        samples.value(JdkTypeFixtures.Timestamps.class, timestamps());
        samples.value(
                JdkTypeFixtures.Timestamps.class,
                new JdkTypeFixtures.Timestamps(
                        LocalDate.of(-44, 3, 15),
                        LocalDate.of(1969, 12, 31),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999),
                        LocalTime.MIDNIGHT,
                        OffsetTime.of(23, 59, 1, 0, ZoneOffset.ofHours(-5)),
                        YearMonth.of(1, 12),
                        MonthDay.of(2, 29),
                        Year.of(-1),
                        Instant.parse("1969-12-31T23:59:59.5Z"),
                        OffsetDateTime.of(2024, 1, 31, 12, 30, 15, 1, ZoneOffset.UTC),
                        ZonedDateTime.of(2024, 1, 31, 12, 30, 0, 0, ZoneOffset.UTC),
                        Duration.ofMillis(-1500),
                        new Date(-1),
                        DayOfWeek.SUNDAY));
        // Jackson writes the month as [12] and the instant in milliseconds; it reads these.
        samples.answer(
                JdkTypeFixtures.Billing.class,
                "{\"month\":12,\"due\":1704067200}",
                new JdkTypeFixtures.Billing(Month.DECEMBER, Instant.parse("2024-01-01T00:00:00Z")));
        return samples.stream();
    }

    /** Answers Jackson fails to read, one for each constraint the schema adds for it. */
    static Stream<Arguments> rejectedAnswers() throws java.net.MalformedURLException {
        Samples rejected = new Samples();
        rejected.rejected(JdkTypeFixtures.Iterables.class, "{\"tags\":{},\"ideas\":[]}");
        String schedule = "{\"opens\":\"09:00\",\"next\":\"2024-01-31T09:00\",\"slot\":\"PT30M\","
                + "\"cycle\":\"P1W\",\"grade\":\"A\"}";
        // Gemini takes no pattern, and no length for a string (nor Anthropic's structured outputs a length): those
        // constraints move into the description.
        rejected.rejected(JdkTypeFixtures.Schedule.class, schedule.replace("09:00\"", "09:00:00Z\""), GEMINI);
        rejected.rejected(JdkTypeFixtures.Schedule.class, schedule.replace("T09:00", "T09:00+01:00"), GEMINI);
        rejected.rejected(JdkTypeFixtures.Schedule.class, schedule.replace("PT30M", "P1W"), GEMINI);
        rejected.rejected(JdkTypeFixtures.Schedule.class, schedule.replace("P1W", "PT1H"), GEMINI);
        String recurrence = "{\"starts\":\"2024-03\",\"on\":\"--12-25\",\"offset\":\"+02:00\"}";
        String identifiers = MAPPER.writeValueAsString(new JdkTypeFixtures.Identifiers(
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                URI.create("https://a.io"),
                URI.create("https://b.io").toURL(),
                Locale.FRANCE,
                Currency.getInstance("EUR"),
                new byte[] {1},
                'x',
                'y'));
        rejected.rejected(JdkTypeFixtures.Identifiers.class, identifiers.replace("\"EUR\"", "\"euro\""), GEMINI);
        String pairs = "{\"scores\":[{\"a\":1}],\"moodIdea\":{\"HAPPY\":{\"title\":\"t\",\"blurb\":\"b\"}}}";
        // Gemini takes no member counts: they move into the description.
        rejected.rejected(
                JdkTypeFixtures.Pairs.class, pairs.replace("{\"a\":1}", "{}"), OPENAI_STRICT, ANTHROPIC_STRICT, GEMINI);
        rejected.rejected(
                JdkTypeFixtures.Pairs.class,
                pairs.replace("{\"a\":1}", "{\"a\":1,\"b\":2}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(JdkTypeFixtures.Identifiers.class, identifiers.replace("\"EUR\"", "\"eur\""), GEMINI);
        rejected.rejected(JdkTypeFixtures.Recurrence.class, recurrence.replace("2024-03", "2024-03-01"), GEMINI);
        rejected.rejected(JdkTypeFixtures.Recurrence.class, recurrence.replace("2024-03", "2024-3"), GEMINI);
        rejected.rejected(JdkTypeFixtures.Recurrence.class, recurrence.replace("--12-25", "12-25"), GEMINI);
        rejected.rejected(JdkTypeFixtures.Recurrence.class, recurrence.replace("+02:00", "UTC"), GEMINI);
        rejected.rejected(
                JdkTypeFixtures.Schedule.class,
                schedule.replace("\"A\"", "\"AB\""),
                GEMINI,
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        // Optional in OpenAI's strict mode is nullable, but Jackson fails on this null.
        rejected.rejected(PropertyFixtures.Settings.class, "{\"mode\":null,\"flags\":[],\"theme\":\"dark\"}");
        // Jackson reads an array-shaped value from an array only.
        rejected.rejected(ShapeFixtures.Polyline.class, "{\"name\":\"p\",\"points\":[{\"x\":1,\"y\":2}]}");
        // Anthropic's structured outputs take no array size beyond minItems 1: it moves into the description.
        rejected.rejected(ShapeFixtures.Polyline.class, "{\"name\":\"p\",\"points\":[[1]]}", ANTHROPIC_STRICT);
        rejected.rejected(ShapeFixtures.Segment.class, "[{\"lat\":\"north\",\"lon\":2},null,\"s\"]");
        // Jackson reads the date in the pattern only, and the strings of digits as numbers.
        String measurement = "{\"id\":\"42\",\"amount\":\"10.50\",\"count\":\"7\",\"mood\":1,"
                + "\"day\":\"31.01.2024\",\"at\":1704067200,\"tags\":[\"a\"]}";
        rejected.rejected(ShapeFixtures.Measurement.class, measurement.replace("31.01.2024", "2024-01-31"), GEMINI);
        rejected.rejected(ShapeFixtures.Measurement.class, measurement.replace("\"42\"", "\"forty-two\""), GEMINI);
        // Jackson reads map values and elements in the property's format, and map keys in their usual one.
        String tally = MAPPER.writeValueAsString(tally());
        rejected.rejected(
                ShapeFixtures.Tally.class, tally.replace("\"1\"", "\"one\""), OPENAI_STRICT, ANTHROPIC_STRICT, GEMINI);
        rejected.rejected(
                ShapeFixtures.Tally.class,
                tally.replace("[1.0,2.0]", "{\"lat\":1.0,\"lon\":2.0}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        rejected.rejected(
                ShapeFixtures.Tally.class,
                tally.replace(":\"31.01.2024\"", ":\"2024-01-31\""),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(
                ShapeFixtures.Tally.class,
                tally.replace("\"2024-01-31\"", "\"31.01.2024\""),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(
                ShapeFixtures.Tally.class, tally.replace("\"5\"", "\"five\""), OPENAI_STRICT, ANTHROPIC_STRICT, GEMINI);
        rejected.rejected(
                ShapeFixtures.Tally.class, tally.replace("\"9\"", "\"nine\""), OPENAI_STRICT, ANTHROPIC_STRICT, GEMINI);
        rejected.rejected(
                ShapeFixtures.Tally.class, tally.replace("\"true\"", "\"yes\""), OPENAI_STRICT, ANTHROPIC_STRICT);
        String grid = MAPPER.writeValueAsString(grid());
        rejected.rejected(ShapeFixtures.Grid.class, grid.replace("\"1\"", "\"one\""), GEMINI);
        rejected.rejected(ShapeFixtures.Grid.class, grid.replace("\"3\"", "\"three\""), GEMINI);
        rejected.rejected(ShapeFixtures.Grid.class, grid.replace("[7,8]", "[\"seven\",8]"));
        // Jackson needs the generated id of an object with an identity, even if nothing refers to it.
        rejected.rejected(
                ShapeFixtures.Post.class,
                "{\"title\":\"p\",\"tags\":[{\"label\":\"x\"}],\"primary\":{\"label\":\"y\"}}");
        // Jackson reads map keys as the key type's values only.
        String maps = "{\"byMood\":{},\"byColor\":{},\"byNumber\":{},\"byDate\":{},\"byId\":{}}";
        rejected.rejected(
                JdkTypeFixtures.KeyedMaps.class,
                maps.replace("\"byMood\":{}", "\"byMood\":{\"happy\":1}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(
                JdkTypeFixtures.KeyedMaps.class,
                maps.replace("\"byColor\":{}", "\"byColor\":{\"RED\":\"r\"}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(
                JdkTypeFixtures.KeyedMaps.class,
                maps.replace("\"byNumber\":{}", "\"byNumber\":{\"one\":\"x\"}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        rejected.rejected(
                JdkTypeFixtures.KeyedMaps.class,
                maps.replace("\"byDate\":{}", "\"byDate\":{\"31.01.2024\":\"x\"}"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT,
                GEMINI);
        // Jackson reads the fields of a date in their ranges, and all of them but seconds and nanoseconds; Anthropic's
        // structured outputs take neither ranges nor array sizes, which move into the description.
        String stamps = MAPPER.writeValueAsString(timestamps());
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class,
                stamps.replace("[2024,1,31]", "[2024,13,31]"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class, stamps.replace("[2024,1,31]", "[2024,1]"), ANTHROPIC_STRICT);
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class,
                stamps.replace("[2024,1,31,12,30]", "[2024,1,31,12]"),
                ANTHROPIC_STRICT);
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class,
                stamps.replace("[12,30,15,500000000]", "[24,0]"),
                OPENAI_STRICT,
                ANTHROPIC_STRICT);
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class, stamps.replace("[12,30,\"+01:00\"]", "[12,30]"), ANTHROPIC_STRICT);
        rejected.rejected(
                JdkTypeFixtures.Timestamps.class, stamps.replace("[1,31]", "[13,1]"), OPENAI_STRICT, ANTHROPIC_STRICT);
        rejected.rejected(JdkTypeFixtures.Billing.class, "{\"month\":0,\"due\":1704067200}");
        // Jackson reads generated ids as the generator's type only.
        String board = MAPPER.writeValueAsString(board());
        rejected.rejected(ShapeFixtures.Board.class, board.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "not-a-uuid"));
        rejected.rejected(ShapeFixtures.Board.class, board.replace("\"top\":1000", "\"top\":\"1000x\""));
        rejected.rejected(ShapeFixtures.Board.class, board.replace("\"exit\":\"NORTH\"", "\"exit\":\"WEST\""));
        // Jackson reads a property-shaped value in its shape only.
        String frame = MAPPER.writeValueAsString(frame());
        rejected.rejected(
                ShapeFixtures.Frame.class, frame.replace("\"corner\":[1.0,2.0]", "\"corner\":{\"lat\":1,\"lon\":2}"));
        rejected.rejected(ShapeFixtures.Frame.class, frame.replace("{\"x\":7,\"y\":8}", "[7,8]"));
        // Jackson reads an identified union member under its type id only.
        String library = MAPPER.writeValueAsString(library());
        rejected.rejected(PolymorphismFixtures.Library.class, library.replaceFirst("\\{\"chip\":(\\{[^}]*})}", "$1"));
        rejected.rejected(PolymorphismFixtures.Library.class, library.replaceFirst("\"kind\":\"image\",", ""));
        // Jackson reads no id where the property is declared as a union whose member alone has the identity.
        String purse = MAPPER.writeValueAsString(purse());
        rejected.rejected(PolymorphismFixtures.Purse.class, purse.replaceFirst("\"main\":\\{[^}]*}", "\"main\":1"));
        rejected.rejected(
                PolymorphismFixtures.Purse.class,
                purse.replaceFirst("\\{\"waiver\":\\{[^}]*}}", "\"" + ticketId(purse) + "\""));
        // Jackson needs the id of such a member in full, in the union too.
        rejected.rejected(PolymorphismFixtures.Purse.class, purse.replaceFirst("\"@id\":1,", ""));
        // Jackson reads the union's type id around a member in the union, and the member's own where declared as it.
        String till = MAPPER.writeValueAsString(till());
        rejected.rejected(
                PolymorphismFixtures.Till.class,
                till.replace("{\"kind\":\"cheque\",\"payee\":\"Ada\"}", "{\"form\":\"cheque\",\"payee\":\"Ada\"}"));
        rejected.rejected(
                PolymorphismFixtures.Till.class,
                till.replace("{\"form\":\"cheque\",\"payee\":\"Cy\"}", "{\"kind\":\"cheque\",\"payee\":\"Cy\"}"));
        rejected.rejected(
                PolymorphismFixtures.Till.class,
                till.replace("{\"kind\":\"voucher\",\"code\":\"V1\"}", "{\"code\":\"V1\"}"));
        // Jackson reads a member with shape = ARRAY from the array of its values only, after its type id.
        String sketch = MAPPER.writeValueAsString(sketch());
        rejected.rejected(
                PolymorphismFixtures.Sketch.class,
                sketch.replaceFirst("\\[3,\"red\"]", "{\"length\":3,\"colour\":\"red\"}"));
        rejected.rejected(PolymorphismFixtures.Sketch.class, sketch.replaceFirst("\\[\"dash\",(\\[[^]]*])]", "$1"));
        // Jackson reads a wrapped union member's records as records only.
        String delivery = MAPPER.writeValueAsString(delivery());
        rejected.rejected(PolymorphismFixtures.Delivery.class, delivery.replaceFirst("\\{\"street\":[^}]*}", "5"));
        rejected.rejected(
                PolymorphismFixtures.Delivery.class, delivery.replaceFirst("(\"walk\",\\{\"from\":)\\{[^}]*}", "$15"));
        return rejected.stream();
    }

    private static ShapeFixtures.Board board() {
        ShapeFixtures.Label label = new ShapeFixtures.Label("l");
        ShapeFixtures.Stamp stamp = new ShapeFixtures.Stamp("s");
        ShapeFixtures.Badge badge = new ShapeFixtures.Badge("b");
        ShapeFixtures.Gate gate = new ShapeFixtures.Gate(ShapeFixtures.Zone.NORTH, "n");
        return new ShapeFixtures.Board(
                List.of(label),
                label,
                List.of(stamp),
                stamp,
                List.of(badge),
                badge,
                List.of(gate),
                gate,
                ShapeFixtures.Zone.SOUTH);
    }

    private static ShapeFixtures.Tally tally() {
        return new ShapeFixtures.Tally(
                Map.of("a", 1),
                Map.of("home", new ShapeFixtures.GeoPoint(1, 2)),
                Map.of(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 1, 31)),
                Map.of("today", Mood.SAD),
                Map.of("weekly", List.of(5L, 6L)),
                Map.of("left", Optional.of(9)),
                List.of(Map.of("on", true)));
    }

    private static ShapeFixtures.Grid grid() {
        return new ShapeFixtures.Grid(List.of(List.of(1, 2)), new Long[] {3L}, new int[] {7, 8}, new double[] {0.5});
    }

    private static ShapeFixtures.Frame frame() {
        return new ShapeFixtures.Frame(
                "f",
                new ShapeFixtures.GeoPoint(1, 2),
                List.of(new ShapeFixtures.GeoPoint(3, 4)),
                Optional.of(new ShapeFixtures.GeoPoint(5, 6)),
                new ShapeFixtures.Dimension(2.5, null),
                new ShapeFixtures.Point(7, 8),
                new ShapeFixtures.GeoPoint(9, 10));
    }

    private static JdkTypeFixtures.Timeline timeline() {
        return new JdkTypeFixtures.Timeline(
                LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 12, 30),
                LocalTime.of(12, 30),
                OffsetDateTime.of(2024, 1, 31, 12, 30, 15, 0, ZoneOffset.UTC),
                // Jackson leaves out zero seconds, which RFC 3339 times need (and Jackson reads).
                OffsetTime.of(12, 30, 15, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2024, 1, 31, 12, 30, 0, 0, ZoneOffset.UTC),
                Instant.parse("2024-01-31T12:30:00.123Z"),
                Duration.ofMinutes(90),
                Period.ofDays(3),
                Year.of(2024),
                YearMonth.of(2024, 1),
                MonthDay.of(1, 31),
                ZoneId.of("Europe/Paris"),
                ZoneOffset.ofHours(2),
                DayOfWeek.MONDAY,
                Month.MARCH,
                new Date(0));
    }

    private static JdkTypeFixtures.Timestamps timestamps() {
        return new JdkTypeFixtures.Timestamps(
                LocalDate.of(2024, 1, 31),
                LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 12, 30),
                LocalTime.of(12, 30, 15, 500_000_000),
                OffsetTime.of(12, 30, 0, 0, ZoneOffset.ofHours(1)),
                YearMonth.of(2024, 1),
                MonthDay.of(1, 31),
                Year.of(2024),
                Instant.parse("2024-01-31T12:30:00.123Z"),
                OffsetDateTime.of(2024, 1, 31, 12, 30, 0, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2024, 1, 31, 12, 30, 0, 0, ZoneOffset.UTC),
                Duration.ofMillis(1500),
                new Date(1_706_704_200_000L),
                DayOfWeek.MONDAY);
    }

    private static PolymorphismFixtures.Library library() {
        PolymorphismFixtures.Image image = new PolymorphismFixtures.Image("a.png");
        PolymorphismFixtures.Chip chip = new PolymorphismFixtures.Chip("z80");
        PolymorphismFixtures.Pin pin = new PolymorphismFixtures.Pin(1, 2);
        PolymorphismFixtures.Book book = new PolymorphismFixtures.Book("b1", "Dune");
        PolymorphismFixtures.Voltmeter voltmeter = new PolymorphismFixtures.Voltmeter(5);
        return new PolymorphismFixtures.Library(
                List.of(image, new PolymorphismFixtures.Video("b.mp4", 3)),
                image,
                List.of(chip, new PolymorphismFixtures.Wire(4)),
                chip,
                List.of(pin, new PolymorphismFixtures.Flag("red")),
                pin,
                List.of(book),
                book,
                List.of(voltmeter, new PolymorphismFixtures.Thermometer(21.5)),
                voltmeter);
    }

    /** Each member with its own identity given in full in the union, and again in full as itself. */
    private static PolymorphismFixtures.Purse purse() {
        return new PolymorphismFixtures.Purse(
                List.of(new PolymorphismFixtures.Coin(5), new PolymorphismFixtures.Chit("iou")),
                new PolymorphismFixtures.Chit("tip"),
                new PolymorphismFixtures.Coin(10),
                List.of(new PolymorphismFixtures.Ticket("1A"), new PolymorphismFixtures.Waiver("vip")),
                new PolymorphismFixtures.Ticket("2B"));
    }

    /** The UUID Jackson gave the first ticket in {@code purse}. */
    private static String ticketId(String purse) {
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"@id\":\"([0-9a-f-]{36})\"").matcher(purse);
        return id.find() ? id.group(1) : "";
    }

    /** Each member of the union in it and as itself, the banknotes with ids 1, 2 and 3 in the order written. */
    private static PolymorphismFixtures.Till till() {
        return new PolymorphismFixtures.Till(
                List.of(
                        new PolymorphismFixtures.Banknote(5),
                        new PolymorphismFixtures.Cheque("Ada"),
                        new PolymorphismFixtures.Voucher("V1"),
                        new PolymorphismFixtures.Cash(20)),
                new PolymorphismFixtures.Cheque("Bob"),
                new PolymorphismFixtures.Banknote(10),
                List.of(new PolymorphismFixtures.Banknote(20)),
                new PolymorphismFixtures.Cheque("Cy"),
                List.of(new PolymorphismFixtures.Cheque("Di")),
                new PolymorphismFixtures.Voucher("V2"),
                List.of(new PolymorphismFixtures.Voucher("V3")),
                new PolymorphismFixtures.Cash(1),
                List.of(new PolymorphismFixtures.Cash(2)));
    }

    private static PolymorphismFixtures.Sketch sketch() {
        return new PolymorphismFixtures.Sketch(
                List.of(new PolymorphismFixtures.Dash(3, "red"), new PolymorphismFixtures.Blot(2)),
                new PolymorphismFixtures.Dash(1, "blue"));
    }

    private static PolymorphismFixtures.Delivery delivery() {
        Address home = new Address("1 Main St", "Springfield");
        Address shop = new Address("2 Side St", "Shelbyville");
        return new PolymorphismFixtures.Delivery(
                List.of(new PolymorphismFixtures.Pickup(shop), new PolymorphismFixtures.Dropoff(home, "porch")),
                new PolymorphismFixtures.Walk(home, shop),
                shop);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource({
        "samples",
        "accessorSamples",
        "propertySamples",
        "creatorSamples",
        "shapeSamples",
        "polymorphismSamples",
        "jdkTypeSamples"
    })
    void answer_conformsToSchema_andReadsToExpectedValue(
            String name, SchemaDialect dialect, Type type, JsonNode answer, Object expected) {
        ObjectNode schema = schema(type, dialect);

        assertThat(SchemaConformance.violations(schema, asProviderAnswer(type, answer)))
                .as("%s against %s", answer, schema)
                .isEmpty();
        Object read = MAPPER.readerFor(MAPPER.constructType(type)).readValue(answer);
        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectedAnswers")
    void answerJacksonRejects_violatesSchema(String name, SchemaDialect dialect, Type type, JsonNode answer) {
        ObjectNode schema = schema(type, dialect);

        assertThatThrownBy(() -> MAPPER.readerFor(MAPPER.constructType(type)).readValue(answer))
                .isInstanceOf(JacksonException.class);
        assertThat(SchemaConformance.violations(schema, asProviderAnswer(type, answer)))
                .as("%s against %s", answer, schema)
                .isNotEmpty();
    }

    /**
     * A Jackson 3.1.8 limitation the schema works around, not a gap: for a positional array ({@code shape = ARRAY})
     * Jackson writes every property it can serialize, a computed getter too, but reads the positions as the properties
     * it can set, so a getter ordered between them shifts the values after it, and Jackson reads its own output wrong
     * without failing. The schema has the positions Jackson reads; an answer conforming to it reads right, and
     * Jackson's own output breaks it, so a caller re-reading Jackson's output of such a type gets no help from it.
     */
    @ParameterizedTest
    @EnumSource(SchemaDialect.class)
    void getterBetweenPositions_jacksonMisreadsItsOwnOutput_schemaHasWhatItReads(SchemaDialect dialect) {
        ShapeFixtures.Gap gap = new ShapeFixtures.Gap(2, 5);
        String written = MAPPER.writeValueAsString(gap);

        assertThat(written).isEqualTo("[2,3,5]");
        assertThat(MAPPER.readValue(written, ShapeFixtures.Gap.class)).isEqualTo(new ShapeFixtures.Gap(2, 3));
        assertThat(MAPPER.readValue("[2,5]", ShapeFixtures.Gap.class)).isEqualTo(gap);
        ObjectNode schema = schema(ShapeFixtures.Gap.class, dialect);
        assertThat(SchemaConformance.violations(
                        schema, asProviderAnswer(ShapeFixtures.Gap.class, MAPPER.readTree(written))))
                .as("%s against %s", written, schema)
                .isNotEmpty();
        assertThat(SchemaConformance.violations(
                        schema, asProviderAnswer(ShapeFixtures.Gap.class, MAPPER.readTree("[2,5]"))))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SchemaDialect.class)
    void objectValuedPropertyId_inFullOnly(SchemaDialect dialect) {
        ShapeFixtures.Crate crate = new ShapeFixtures.Crate(new ShapeFixtures.Bay("A", 1), "tea");
        String written = MAPPER.writeValueAsString(new ShapeFixtures.Store(List.of(crate), crate));

        // Jackson writes the second occurrence as the bay alone, and reads that back as a new, empty crate.
        assertThat(written).endsWith("\"next\":{\"aisle\":\"A\",\"shelf\":1}}");
        ShapeFixtures.Store read = MAPPER.readValue(written, ShapeFixtures.Store.class);
        assertThat(read.next()).isNotEqualTo(crate).isNotSameAs(read.crates().get(0));
        assertThat(SchemaConformance.violations(schema(ShapeFixtures.Store.class, dialect), MAPPER.readTree(written)))
                .isNotEmpty();
    }

    /** A mapper whose config overrides give {@code LocalDate} a pattern and {@code Instant} the number shape. */
    private static final JsonMapper OVERRIDES = JsonMapper.builder()
            .withConfigOverride(LocalDate.class, o -> o.setFormat(JsonFormat.Value.forPattern("dd.MM.yyyy")))
            .withConfigOverride(Instant.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER)))
            .build();

    private static ShapeFixtures.Agenda agenda() {
        LocalDate day = LocalDate.of(2024, 1, 31);
        Instant at = Instant.parse("2024-01-01T00:00:00.5Z");
        return new ShapeFixtures.Agenda(
                day,
                List.of(day),
                Map.of(day, day.plusDays(1)),
                List.of(List.of(at)),
                Optional.of(at),
                new LocalDate[] {day});
    }

    /** Maps have no form in OpenAI's strict mode. */
    static Stream<SchemaDialect> mapDialects() {
        return Stream.of(PLAIN, ANTHROPIC, GEMINI);
    }

    @ParameterizedTest
    @MethodSource("mapDialects")
    void configOverrideFormat_appliesToElementsAndValues(SchemaDialect dialect) {
        ObjectNode schema = dialect.apply(JsonSchemas.generate(ShapeFixtures.Agenda.class, OVERRIDES));
        String written = OVERRIDES.writeValueAsString(agenda());

        assertThat(SchemaConformance.violations(schema, OVERRIDES.readTree(written)))
                .as("%s against %s", written, schema)
                .isEmpty();
        assertThat(OVERRIDES.readValue(written, ShapeFixtures.Agenda.class)).isEqualTo(agenda());
        // Jackson reads the elements and values in the override's format only; Gemini takes no pattern.
        for (String iso : List.of("\"days\":[\"2024-01-31\"]", "\"2024-01-31\":\"2024-02-01\"")) {
            String answer = written.replace(
                    iso.replace("2024-01-31", "31.01.2024")
                            .replace("2024-02-01", "01.02.2024")
                            .replace("\"31.01.2024\":", "\"2024-01-31\":"),
                    iso);
            assertThat(answer).isNotEqualTo(written);
            assertThatThrownBy(() -> OVERRIDES.readValue(answer, ShapeFixtures.Agenda.class))
                    .isInstanceOf(JacksonException.class);
            if (dialect != GEMINI) {
                assertThat(SchemaConformance.violations(schema, OVERRIDES.readTree(answer)))
                        .as("%s against %s", answer, schema)
                        .isNotEmpty();
            }
        }
    }

    /** Roots whose values the config overrides of {@link #OVERRIDES} shape: each type, a value, in each dialect. */
    static Stream<Arguments> overriddenRoots() {
        LocalDate day = LocalDate.of(2024, 1, 31);
        Instant at = Instant.parse("2024-01-01T00:00:00.5Z");
        List<Arguments> roots = new java.util.ArrayList<>();
        for (SchemaDialect dialect : SchemaDialect.values()) {
            roots.add(Arguments.of(LocalDate.class, day, dialect));
            roots.add(Arguments.of(Fixtures.listOf(LocalDate.class), List.of(day), dialect));
            roots.add(Arguments.of(Instant.class, at, dialect));
            roots.add(Arguments.of(Fixtures.listOf(Instant.class), List.of(at), dialect));
            roots.add(Arguments.of(Fixtures.parameterized(Optional.class, Instant.class), Optional.of(at), dialect));
        }
        return roots.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("overriddenRoots")
    void configOverrideFormat_appliesToRootValues(Type type, Object value, SchemaDialect dialect) {
        ObjectNode plain = JsonSchemas.generate(type, OVERRIDES);
        String key = JsonSchemas.wrapperKey(type);
        ObjectNode schema = dialect.apply(JsonSchemas.wrap(plain, key));
        String written = OVERRIDES.writerFor(OVERRIDES.constructType(type)).writeValueAsString(value);
        JsonNode answer = OVERRIDES.createObjectNode().set(key, OVERRIDES.readTree(written));

        assertThat(JsonSchemas.needsWrapping(plain)).isTrue();
        assertThat(SchemaConformance.violations(schema, answer))
                .as("%s against %s", answer, schema)
                .isEmpty();
        assertThat((Object) OVERRIDES.readerFor(OVERRIDES.constructType(type)).readValue(written))
                .isEqualTo(value);
        // Jackson reads a date under a pattern override in that pattern only; Gemini takes no pattern.
        if (written.contains("31.01.2024") && dialect != GEMINI) {
            String iso = written.replace("31.01.2024", "2024-01-31");
            assertThatThrownBy(() ->
                            OVERRIDES.readerFor(OVERRIDES.constructType(type)).readValue(iso))
                    .isInstanceOf(JacksonException.class);
            JsonNode isoAnswer = OVERRIDES.createObjectNode().set(key, OVERRIDES.readTree(iso));
            assertThat(SchemaConformance.violations(schema, isoAnswer))
                    .as("%s against %s", isoAnswer, schema)
                    .isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaDialect.class)
    void configOverrideFormat_undoneByThePropertysOwnFormat(SchemaDialect dialect) {
        Instant at = Instant.parse("2024-01-01T00:00:00.5Z");
        ShapeFixtures.Deadline deadline = new ShapeFixtures.Deadline(at, List.of(at), at);
        ObjectNode schema = dialect.apply(JsonSchemas.generate(ShapeFixtures.Deadline.class, OVERRIDES));
        String written = OVERRIDES.writeValueAsString(deadline);

        assertThat(written).contains("\"due\":\"2024-01-01T00:00:00.500Z\"", "\"created\":1704067200.5");
        assertThat(SchemaConformance.violations(schema, OVERRIDES.readTree(written)))
                .as("%s against %s", written, schema)
                .isEmpty();
        assertThat(OVERRIDES.readValue(written, ShapeFixtures.Deadline.class)).isEqualTo(deadline);
    }

    /** The schema a provider gets for {@code type} in {@code dialect}: generated, wrapped if need be, rewritten. */
    private static ObjectNode schema(Type type, SchemaDialect dialect) {
        ObjectNode plain = JsonSchemas.generate(type);
        if (JsonSchemas.needsWrapping(plain)) {
            plain = JsonSchemas.wrap(plain, JsonSchemas.wrapperKey(type));
        }
        return dialect.apply(plain);
    }

    /** {@code answer} as the model gives it: under the wrapper property when the type's schema is wrapped. */
    private static JsonNode asProviderAnswer(Type type, JsonNode answer) {
        if (!JsonSchemas.needsWrapping(type)) {
            return answer;
        }
        return MAPPER.createObjectNode().set(JsonSchemas.wrapperKey(type), answer);
    }
}
