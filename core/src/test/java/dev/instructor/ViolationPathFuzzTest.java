package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.instructor.json.PartialJsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded random documents over constrained types (renamed and snake-cased members, a setter bean, a bean with a
 * creator and setters, nested records with and without {@code @Valid}, lists of lists, maps whose keys need escaping,
 * optionals, sets, arrays, an enum, unions with the type id as a property and as a wrapper object, class-level
 * constraints, {@code @AssertTrue} getters, wrapped roots), each constrained value breaking its constraint at a
 * per-document rate, about half the time on average. A member with an alias is written under its name, its alias, or
 * both in either order (Jackson then binds one of them), and a subtype with two type ids under either. For
 * each document the final validation must report exactly the violations Hibernate Validator finds when it validates
 * every record and bean of the value ({@link HibernateViolations}), each once, and each path must resolve in the
 * document: to the rejected value for a constraint on a value (or to the absent member for a rejected {@code null}), to
 * the object for a class-level constraint or a getter (whose name prefixes the message), and to the array for anything
 * inside an element of a set, whose order is not the document's. A failure names the seed and shows the document.
 *
 * <p>Longer than most test classes: the constrained types it fuzzes are its fixture, and the generator that writes
 * their documents is {@link ViolationDocuments}.
 */
class ViolationPathFuzzTest {
    enum Mood {
        CALM,
        CROSS
    }

    record Profile(
            @JsonProperty("display_name") @NotBlank String displayName,
            @JsonAlias("nick") @Size(max = 8) String handle,
            @JsonAlias("years") @Min(1) int age,
            @NotNull Mood mood,
            @JsonAlias("remarks") List<@NotBlank String> notes,
            List<List<@Size(max = 3) String>> grid,
            @JsonAlias("tallies") Map<String, @Min(1) Integer> counts,
            Optional<@NotBlank String> motto,
            @Size(max = 2) String[] codes,
            Set<@NotBlank String> words) {}

    record Tag(
            @JsonAlias({"name", "title"}) @NotBlank @Size(max = 6)
            String label,

            @JsonAlias("weight") @Min(0) int sortWeight) {}

    @DistinctEnds
    record Trip(String start, String end) implements DistinctEnds.Ends {}

    record Window(@JsonAlias("since") @Min(0) int from, int to) {
        @AssertTrue(message = "from must not exceed to")
        public boolean isOrdered() {
            return from <= to;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Label.class, name = "label"),
        @JsonSubTypes.Type(value = Card.class, name = "card")
    })
    sealed interface Figure permits Circle, Label, Card {}

    record Circle(@Min(1) int radius) implements Figure {}

    record Label(@JsonAlias("caption") @NotBlank String text, List<@Size(max = 3) String> tags) implements Figure {}

    record Card(@NotBlank String suit, @JsonAlias("badge") Tag mark) implements Figure {}

    /** Move has a second type id, which the model may write instead of the first. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({
        @JsonSubTypes.Type(
                value = Move.class,
                names = {"move", "walk"}),
        @JsonSubTypes.Type(Say.class)
    })
    sealed interface Action permits Move, Say {}

    @JsonTypeName("move")
    record Move(@Min(1) int steps) implements Action {}

    @JsonTypeName("say")
    record Say(
            @NotBlank String text, @JsonAlias("tune") @Valid Tag tone) implements Action {}

    /** A bean bound through its setters, constrained on fields and on a getter. */
    public static final class Settings {
        @Size(max = 4)
        private String theme;

        @NotNull
        @Min(8)
        private Integer fontSize;

        @JsonProperty("width")
        @Min(100)
        private int lineWidth;

        private List<@NotBlank String> fonts;
        private Tag badge;

        public String getTheme() {
            return theme;
        }

        @JsonAlias("skin")
        public void setTheme(String theme) {
            this.theme = theme;
        }

        public Integer getFontSize() {
            return fontSize;
        }

        public void setFontSize(Integer fontSize) {
            this.fontSize = fontSize;
        }

        public int getLineWidth() {
            return lineWidth;
        }

        public void setLineWidth(int lineWidth) {
            this.lineWidth = lineWidth;
        }

        public List<String> getFonts() {
            return fonts;
        }

        @JsonAlias("typefaces")
        public void setFonts(List<String> fonts) {
            this.fonts = fonts;
        }

        public Tag getBadge() {
            return badge;
        }

        public void setBadge(Tag badge) {
            this.badge = badge;
        }

        @AssertTrue(message = "font size must be under 40")
        public boolean isReadable() {
            return fontSize == null || fontSize < 40;
        }
    }

    /**
     * A bean built by a creator, with properties Jackson sets after it: of a name and its alias both written, the
     * first counts.
     */
    public static final class Sticker {
        @Min(1)
        private final int id;

        @Size(max = 4)
        private String text;

        private List<@NotBlank String> marks;

        @JsonCreator
        Sticker(@JsonProperty("id") @JsonAlias("number") int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }

        public String getText() {
            return text;
        }

        @JsonAlias("caption")
        public void setText(String text) {
            this.text = text;
        }

        public List<String> getMarks() {
            return marks;
        }

        @JsonAlias("signs")
        public void setMarks(List<String> marks) {
            this.marks = marks;
        }
    }

    record Scene(
            Tag plain,
            @Valid Tag checked,
            @JsonAlias("shown") Optional<Tag> featured,
            @JsonAlias("labels") List<Tag> tags,
            List<@Valid Tag> checkedTags,
            Tag[] tagArray,
            Set<Tag> tagSet,
            @JsonAlias("journeys") Map<String, Trip> trips,
            Window window,
            Figure figure,
            List<Action> actions,
            Settings settings,
            Sticker sticker) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes(@JsonSubTypes.Type(value = Jump.class, name = "jump"))
    sealed interface Hop permits Jump {}

    record Jump(@Min(1) int height) implements Hop {}

    /** Getters that Bean Validation sees as properties and JSON does not have. */
    private static final Set<String> GETTERS = Set.of("ordered", "readable");

    private static final ObjectMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    @Test
    void profile_pathsPointAtTheRejectedValues() {
        fuzz(ResponseModel.of(Profile.class), 200, ViolationDocuments::profile, UnaryOperator.identity());
    }

    @Test
    void profileWithSnakeCaseMapper_pathsPointAtTheRejectedValues() {
        fuzz(
                ResponseModel.builder(Profile.class).mapper(SNAKE_CASE).build(),
                100,
                ViolationDocuments::profile,
                ViolationPathFuzzTest::snakeCase);
    }

    @Test
    void scene_nestedBeansReportedOnceWhereTheyAre() {
        fuzz(ResponseModel.of(Scene.class), 200, ViolationDocuments::scene, UnaryOperator.identity());
    }

    @Test
    void sceneWithSnakeCaseMapper_nestedBeansReportedOnceWhereTheyAre() {
        fuzz(
                ResponseModel.builder(Scene.class).mapper(SNAKE_CASE).build(),
                150,
                ViolationDocuments::scene,
                ViolationPathFuzzTest::snakeCase);
    }

    @Test
    void wrappedList_pathsIncludeTheWrapper() {
        ResponseModel<List<Tag>> model = ResponseModel.of(new TypeRef<List<Tag>>() {});
        fuzz(model, 100, d -> d.wrapped("items", d.list(d::tag)), UnaryOperator.identity());
    }

    @Test
    void wrappedMap_pathsIncludeTheWrapperAndEscapedKeys() {
        ResponseModel<Map<String, Window>> model = ResponseModel.of(new TypeRef<Map<String, Window>>() {});
        fuzz(model, 100, d -> d.wrapped("value", d.map(d::window)), UnaryOperator.identity());
    }

    @Test
    void wrappedUnion_pathsIncludeTheWrapper() {
        fuzz(ResponseModel.of(Figure.class), 100, d -> d.wrapped("value", d.figure()), UnaryOperator.identity());
    }

    @Test
    void wrappedSet_itemsReportedOnTheSet() {
        ResponseModel<Set<Window>> model = ResponseModel.of(new TypeRef<Set<Window>>() {});
        fuzz(model, 100, d -> d.wrapped("items", d.list(d::window)), UnaryOperator.identity());
    }

    @Test
    void wrapperObjectUnion_namedInJsonSubTypes_pathHasTheTypeId() {
        check(
                ResponseModel.of(new TypeRef<List<Hop>>() {}),
                JsonMapper.shared().readTree("{\"items\":[{\"jump\":{\"height\":0}}]}"),
                "type id from @JsonSubTypes");
    }

    private static <T> void fuzz(
            ResponseModel<T> model,
            int seeds,
            Function<ViolationDocuments, JsonNode> document,
            UnaryOperator<String> naming) {
        for (long seed = 0; seed < seeds; seed++) {
            Random random = new Random(seed);
            JsonNode tree = document.apply(new ViolationDocuments(random, random.nextDouble(), naming));
            check(model, tree, "seed " + seed + ", " + model);
        }
    }

    /**
     * Checks that the violations reported for {@code document} and Hibernate Validator's pair off one to one, each
     * reported one pointing where its partner is in the document.
     */
    private static <T> void check(ResponseModel<T> model, JsonNode document, String label) {
        String json = document.toString();
        T value = model.parse(json);
        List<Violation> reported = reported(model, json);
        String context = label + "\ndocument: " + json + "\nreported: " + reported;
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(json);
        // Each bound value of its own: arrays among the rejected values are equal only by content.
        assertThat(model.validate(value, parser.finish(), ValidationContext.empty()))
                .as("%s\nvalidated with the engine's document", context)
                .extracting(v -> v.path() + " " + v.message())
                .containsExactlyInAnyOrderElementsOf(
                        reported.stream().map(v -> v.path() + " " + v.message()).toList());
        HibernateViolations hibernate = new HibernateViolations(value, ViolationPathFuzzTest.class);
        List<ConstraintViolation<Object>> expected = hibernate.all();

        // Per pair: null when the reported one is Hibernate Validator's and points where it is, "" when the message or
        // value differs, otherwise why it does not point there.
        String[][] problems = new String[expected.size()][reported.size()];
        for (int i = 0; i < expected.size(); i++) {
            for (int j = 0; j < reported.size(); j++) {
                problems[i][j] = reports(reported.get(j), expected.get(i))
                        ? misplaced(reported.get(j), expected.get(i), hibernate.inSet(expected.get(i)), document)
                        : "";
            }
        }
        int[] partners = pairOff(problems, reported.size());
        for (int i = 0; i < expected.size(); i++) {
            List<String> near = new ArrayList<>();
            for (int j = 0; j < reported.size(); j++) {
                if (problems[i][j] != null && !problems[i][j].isEmpty()) {
                    near.add(reported.get(j) + ": " + problems[i][j]);
                }
            }
            assertThat(partners)
                    .as(
                            "%s\nHibernate Validator's %s is not reported once where it is;"
                                    + " with its message and value: %s",
                            context, expected.get(i), near)
                    .contains(i);
        }
        for (int j = 0; j < reported.size(); j++) {
            if (partners[j] < 0 && isRequiredLeftNull(reported.get(j), document)) {
                continue; // the schema's own requirement, not a constraint of Hibernate Validator's
            }
            assertThat(partners[j])
                    .as("%s\n%s is not Hibernate Validator's", context, reported.get(j))
                    .isNotNegative();
        }
    }

    /**
     * Returns true when {@code violation} reports what the schema requires left null: {@code must not be null} at a
     * member of an object that the document leaves out or writes as null, or at a null item, or {@code must not
     * contain null} on an array (a set) that holds one.
     */
    private static boolean isRequiredLeftNull(Violation violation, JsonNode document) {
        if (violation.rejectedValue() != null || violation.path().isRoot()) {
            return false;
        }
        JsonNode at = document.at(violation.path().toString());
        if (violation.message().equals("must not contain null")) {
            return at.isArray() && at.valueStream().anyMatch(JsonNode::isNull);
        }
        JsonNode parent = document.at(violation.path().parent().toString());
        return violation.message().equals("must not be null")
                && (parent.isObject() || parent.isArray())
                && (at.isMissingNode() || at.isNull());
    }

    /** Returns the violations {@code parseAndValidate} reports for {@code json}: paths name the members written. */
    private static List<Violation> reported(ResponseModel<?> model, String json) {
        try {
            model.parseAndValidate(json, ValidationContext.empty());
            return List.of();
        } catch (ValidationException e) {
            return e.violations();
        }
    }

    /**
     * Returns the partner of each reported violation among Hibernate Validator's, or -1: a maximum matching (Kuhn's
     * augmenting paths) of the pairs whose problem is null, so that equal-looking violations cannot steal a partner.
     */
    private static int[] pairOff(String[][] problems, int reported) {
        int[] partners = new int[reported];
        Arrays.fill(partners, -1);
        for (int i = 0; i < problems.length; i++) {
            pairOff(i, problems, partners, new boolean[reported]);
        }
        return partners;
    }

    private static boolean pairOff(int expected, String[][] problems, int[] partners, boolean[] tried) {
        for (int j = 0; j < partners.length; j++) {
            if (problems[expected][j] == null && !tried[j]) {
                tried[j] = true;
                if (partners[j] < 0 || pairOff(partners[j], problems, partners, tried)) {
                    partners[j] = expected;
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns true when {@code reported} has {@code violation}'s message (perhaps prefixed by a name) and value. */
    private static boolean reports(Violation reported, ConstraintViolation<Object> violation) {
        return (reported.message().equals(violation.getMessage())
                        || reported.message().endsWith(": " + violation.getMessage()))
                && Objects.deepEquals(reported.rejectedValue(), violation.getInvalidValue());
    }

    /**
     * Returns why {@code reported} does not point where {@code violation} is in the document, or null when it does.
     */
    private static String misplaced(
            Violation reported, ConstraintViolation<Object> violation, boolean inSet, JsonNode document) {
        JsonNode node = document.at(reported.path().toString());
        Path.Node declared = HibernateViolations.declaredOn(violation);
        boolean onBean = declared.getKind() == ElementKind.BEAN;
        boolean onGetter = !onBean && GETTERS.contains(declared.getName());
        Object rejected = reported.rejectedValue();
        if (inSet) {
            return node.isArray() && (onBean || onGetter || rejected == null || holds(node, rejected))
                    ? null
                    : "an element of a set is reported on the set, which holds the rejected value";
        }
        if (onBean) {
            return node.isObject() && reported.message().equals(violation.getMessage())
                    ? null
                    : "a class-level constraint points at the object";
        }
        if (onGetter) {
            return node.isObject() && reported.message().equals(declared.getName() + ": " + violation.getMessage())
                    ? null
                    : "a getter points at the object and names itself in the message";
        }
        if (!reported.message().equals(violation.getMessage())) {
            return "the message is Hibernate Validator's";
        }
        if (reported.path().isRoot()) {
            return "a property or element is not the root";
        }
        Object element = HibernateViolations.elementIndexOrKey(violation);
        JsonNode parent = document.at(reported.path().parent().toString());
        String last = reported.path().segments().get(reported.path().depth() - 1);
        if (element != null ? !last.equals(element.toString()) : !parent.isObject()) {
            return element != null
                    ? "the path ends with the element's index or key " + element
                    : "a property is a member of an object";
        }
        if (rejected == null && node.isMissingNode()) {
            return parent.isObject() ? null : "a rejected null points at a value or an absent member of an object";
        }
        return sameValue(node, rejected) ? null : "the path points at the rejected value, not at " + node;
    }

    /** Returns true when {@code node} or a value inside it holds {@code value}. */
    private static boolean holds(JsonNode node, Object value) {
        if (sameValue(node, value)) {
            return true;
        }
        for (JsonNode child : node.values()) {
            if (holds(child, value)) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when {@code node} holds {@code value}: strings and enums as text, numbers by value. */
    private static boolean sameValue(JsonNode node, Object value) {
        if (value == null) {
            return node.isNull();
        }
        if (value instanceof String || value instanceof Enum) {
            String text = value instanceof Enum<?> e ? e.name() : (String) value;
            return node.isString() && node.stringValue().equals(text);
        }
        if (value instanceof Number number) {
            return node.isNumber() && node.decimalValue().compareTo(new BigDecimal(number.toString())) == 0;
        }
        if (value instanceof Boolean flag) {
            return node.isBoolean() && node.booleanValue() == flag;
        }
        if (value instanceof Collection<?> items) {
            return node.isArray() && node.size() == items.size();
        }
        if (value.getClass().isArray()) {
            return node.isArray() && node.size() == Array.getLength(value);
        }
        if (value instanceof Map<?, ?> entries) {
            return node.isObject() && node.size() == entries.size();
        }
        return node.isObject();
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(Character.isUpperCase(c) ? "_" + Character.toLowerCase(c) : String.valueOf(c));
        }
        return out.toString();
    }
}
