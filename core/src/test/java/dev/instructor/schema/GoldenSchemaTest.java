package dev.instructor.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins the exact schema, in every dialect, of a set of representative types: files
 * {@code src/test/resources/schema/golden/<case>.<dialect>.json}, compared as JSON trees. Run with
 * {@code -Dgolden.update=true} to rewrite the files from the current output, then review the diff.
 */
class GoldenSchemaTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "schema", "golden");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Case name to type; every schema is wrapped as a provider call would wrap it. */
    private static final Map<String, Type> CASES = Map.ofEntries(
            Map.entry("idea", Fixtures.Idea.class),
            Map.entry("movie-recommendation", Fixtures.MovieRecommendation.class),
            Map.entry("recipe", Fixtures.Recipe.class),
            Map.entry("list-of-ideas", Fixtures.LIST_OF_IDEAS),
            Map.entry("enum", Fixtures.Mood.class),
            Map.entry("string", String.class),
            Map.entry("int", int.class),
            Map.entry("profile", Fixtures.Profile.class),
            Map.entry("scores-map", Fixtures.Scores.class),
            Map.entry("constrained", Fixtures.Constrained.class),
            Map.entry("sealed-union", Fixtures.Drawing.class),
            Map.entry("type-info-union", Fixtures.Outbox.class),
            Map.entry("union-root", Fixtures.Expr.class),
            Map.entry("self-referential", Fixtures.TreeNode.class),
            Map.entry("json-annotations", Fixtures.Renamed.class),
            Map.entry("json-value-enum", Fixtures.Priority.class),
            Map.entry("pojo-bean", Fixtures.Person.class),
            Map.entry("unwrapped-bean", Fixtures.Shipment.class),
            Map.entry("unwrapped-descriptions", ShapeFixtures.Venue.class),
            Map.entry("value-objects", Fixtures.Contact.class),
            Map.entry("value-object-root", Fixtures.EmailAddress.class),
            Map.entry("type-id-kinds", PolymorphismFixtures.Catalogue.class),
            Map.entry("java-time", JdkTypeFixtures.Timeline.class),
            Map.entry("jdk-values", JdkTypeFixtures.Identifiers.class),
            Map.entry("accessor-properties", AccessorFixtures.Link.class),
            Map.entry("creator-properties", CreatorFixtures.Money.class),
            Map.entry("any-properties", ShapeFixtures.Labelled.class),
            Map.entry("json-include", PropertyFixtures.Filters.class),
            Map.entry("setter-nulls", PropertyFixtures.Settings.class),
            Map.entry("array-shape", ShapeFixtures.Polyline.class),
            Map.entry("array-shape-references", ShapeFixtures.Segment.class),
            Map.entry("property-shapes", ShapeFixtures.Frame.class),
            Map.entry("numeric-dates", JdkTypeFixtures.Timestamps.class),
            Map.entry("wrapper-array-union", Fixtures.listOf(PolymorphismFixtures.Mark.class)),
            Map.entry("property-formats", ShapeFixtures.Measurement.class),
            Map.entry("number-strings", ShapeFixtures.Quota.class),
            Map.entry("generated-identity", ShapeFixtures.Post.class),
            Map.entry("property-identity", ShapeFixtures.Route.class),
            Map.entry("identity-unions", PolymorphismFixtures.Library.class),
            Map.entry("union-member-contexts", PolymorphismFixtures.Till.class),
            Map.entry("id-generators", ShapeFixtures.Board.class),
            Map.entry("optionals", JdkTypeFixtures.Optionals.class),
            Map.entry("atomic-references", JdkTypeFixtures.References.class),
            Map.entry("map-keys", JdkTypeFixtures.KeyedMaps.class),
            Map.entry("map-value-formats", ShapeFixtures.Tally.class),
            Map.entry("element-formats", ShapeFixtures.Grid.class),
            Map.entry("json-trees", ShapeFixtures.Payload.class),
            Map.entry("map-entries", JdkTypeFixtures.Pairs.class),
            Map.entry("empty-union-members", PolymorphismFixtures.Macro.class));

    /** Cases with a map, which has no strict-mode form (OpenAI's or Anthropic's); SchemaDialectTest checks the error. */
    private static final Set<String> NOT_STRICT =
            Set.of("scores-map", "any-properties", "map-keys", "map-value-formats", "json-trees", "map-entries");

    /** Recursive cases, which Anthropic's structured outputs cannot express; SchemaDialectTest checks the error. */
    private static final Set<String> RECURSIVE = Set.of("self-referential", "union-root");

    static Stream<Arguments> cases() {
        List<Arguments> arguments = new ArrayList<>();
        CASES.keySet().stream().sorted().forEach(name -> {
            for (SchemaDialect dialect : SchemaDialect.values()) {
                boolean strict = dialect == SchemaDialect.OPENAI_STRICT || dialect == SchemaDialect.ANTHROPIC_STRICT;
                if (!(NOT_STRICT.contains(name) && strict)
                        && !(RECURSIVE.contains(name) && dialect == SchemaDialect.ANTHROPIC_STRICT)) {
                    arguments.add(Arguments.of(name, dialect));
                }
            }
        });
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("cases")
    void schema_matchesGolden(String name, SchemaDialect dialect) throws IOException {
        ObjectNode actual = dialect.apply(JsonSchemas.generateWrapped(CASES.get(name)));
        Path file = GOLDEN.resolve(
                name + "." + dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual.toPrettyString() + "\n");
            return;
        }
        if (!Files.exists(file)) {
            fail(
                    "No golden file " + file + "; run with -Dgolden.update=true to create it. Actual:%n%s",
                    actual.toPrettyString());
        }
        JsonNode expected = MAPPER.readTree(Files.readString(file));
        // Reparsed, so that a BigDecimal 1 from victools equals the int 1 read from the file, as in JSON.
        assertThat(MAPPER.readTree(actual.toString()))
                .as("%s (rerun with -Dgolden.update=true if the change is intended)", file)
                .isEqualTo(expected);
    }
}
