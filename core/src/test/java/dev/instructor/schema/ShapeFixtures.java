package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonBackReference;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonManagedReference;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import dev.instructor.Description;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Caller types Jackson writes in a shape other than one object member per field: {@code @JsonFormat} shapes and
 * patterns, any-properties, unwrapped values, back references and object identities.
 */
final class ShapeFixtures {
    private ShapeFixtures() {}

    /** Written as {@code [x, y]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"x", "y"})
    record Point(int x, int y) {}

    record Polyline(String name, List<Point> points) {}

    /** Written as {@code [from, to, label]}, each of them possibly null; the points are objects. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"from", "to", "label"})
    public static class Segment {
        public GeoPoint from;
        public GeoPoint to;
        public String label;

        public Segment() {}

        Segment(GeoPoint from, GeoPoint to, String label) {
            this.from = from;
            this.to = to;
            this.label = label;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Segment s
                    && Objects.equals(from, s.from)
                    && Objects.equals(to, s.to)
                    && Objects.equals(label, s.label);
        }

        @Override
        public int hashCode() {
            return Objects.hash(from, to, label);
        }
    }

    /** Per-property shapes and patterns. */
    record Measurement(
            @JsonFormat(shape = JsonFormat.Shape.STRING) long id,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Integer count,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Fixtures.Mood mood,
            @JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> tags) {}

    /** An enum written as its ordinal wherever it appears. */
    @JsonFormat(shape = JsonFormat.Shape.NUMBER)
    enum Level {
        LOW,
        MEDIUM,
        HIGH
    }

    record Alarm(String name, Level level) {}

    /** Members beyond {@code name} go to and come from a map. */
    public static class Extensible {
        private String name;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        public Extensible() {}

        Extensible(String name, Map<String, Object> extra) {
            this.name = name;
            this.extra.putAll(extra);
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @JsonAnyGetter
        public Map<String, Object> extra() {
            return extra;
        }

        @JsonAnySetter
        public void put(String key, Object value) {
            extra.put(key, value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Extensible e && Objects.equals(name, e.name) && extra.equals(e.extra);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, extra);
        }
    }

    /** Any-properties of one value type on a record component. */
    record Labelled(
            String name, @JsonAnySetter @JsonAnyGetter Map<String, Integer> counts) {}

    record GeoPoint(double lat, double lon) {}

    /** A record unwrapping a component, which Jackson reads through the canonical constructor. */
    record Located(
            String name, @JsonUnwrapped(prefix = "at_") GeoPoint at) {}

    /** Unwraps a {@link GeoPoint} with a suffix. */
    public static class Stop {
        private String city;

        @JsonUnwrapped(suffix = "_at")
        private GeoPoint point;

        public Stop() {}

        Stop(String city, GeoPoint point) {
            this.city = city;
            this.point = point;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public GeoPoint getPoint() {
            return point;
        }

        public void setPoint(GeoPoint point) {
            this.point = point;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stop s && Objects.equals(city, s.city) && Objects.equals(point, s.point);
        }

        @Override
        public int hashCode() {
            return Objects.hash(city, point);
        }
    }

    /** Unwraps two {@link Stop}s, each unwrapping a point in turn: {@code from_lat_at}. */
    public static class Trip {
        private String name;

        @JsonUnwrapped(prefix = "from_")
        private Stop from;

        @JsonUnwrapped(prefix = "to_")
        private Stop to;

        public Trip() {}

        Trip(String name, Stop from, Stop to) {
            this.name = name;
            this.from = from;
            this.to = to;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Stop getFrom() {
            return from;
        }

        public void setFrom(Stop from) {
            this.from = from;
        }

        public Stop getTo() {
            return to;
        }

        public void setTo(Stop to) {
            this.to = to;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Trip t
                    && Objects.equals(name, t.name)
                    && Objects.equals(from, t.from)
                    && Objects.equals(to, t.to);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, from, to);
        }
    }

    /** A parent whose members point back to it; Jackson writes the back reference nowhere. */
    public static class Team {
        private String name;

        @JsonManagedReference
        private List<Member> members = new ArrayList<>();

        public Team() {}

        Team(String name, List<String> memberNames) {
            this.name = name;
            for (String memberName : memberNames) {
                Member member = new Member();
                member.setName(memberName);
                member.setTeam(this);
                members.add(member);
            }
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<Member> getMembers() {
            return members;
        }

        public void setMembers(List<Member> members) {
            this.members = members;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Team t && Objects.equals(name, t.name) && Objects.equals(members, t.members);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, members);
        }
    }

    /** A member of a {@link Team}; equal when named alike and in teams of the same name. */
    public static class Member {
        private String name;

        @JsonBackReference
        private Team team;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Team getTeam() {
            return team;
        }

        public void setTeam(Team team) {
            this.team = team;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Member m
                    && Objects.equals(name, m.name)
                    && Objects.equals(team == null ? null : team.name, m.team == null ? null : m.team.name);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name);
        }
    }

    /** Written in full the first time, then as the number Jackson generated for it ({@code "@id"}). */
    @JsonIdentityInfo(generator = ObjectIdGenerators.IntSequenceGenerator.class)
    record Tag(String label) {}

    record Post(String title, List<Tag> tags, Tag primary) {}

    /** Written in full the first time, then as its {@code code}. */
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "code")
    record Airport(String code, String city) {}

    record Route(List<Airport> stops, Airport hub) {}

    /** A bean written as {@code [value, unit]} where a property says so; either may be null. */
    @JsonPropertyOrder({"value", "unit"})
    public static class Dimension {
        private String unit;
        private Double value;

        public Dimension() {}

        Dimension(Double value, String unit) {
            this.value = value;
            this.unit = unit;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }

        public Double getValue() {
            return value;
        }

        public void setValue(Double value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Dimension d && Objects.equals(unit, d.unit) && Objects.equals(value, d.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unit, value);
        }
    }

    /**
     * Shapes given by the property, not the class: objects written as arrays of their values (a single one, the
     * elements of a list, the content of an optional), and an array-shaped class written as an object.
     */
    record Frame(
            String name,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) GeoPoint corner,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) List<GeoPoint> outline,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Optional<GeoPoint> anchor,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Dimension width,
            @JsonFormat(shape = JsonFormat.Shape.OBJECT) Point origin,
            GeoPoint centre) {}

    /**
     * Property formats Jackson applies to a map's values (never to its keys, which stay ISO dates here), through
     * nested maps, lists and optionals, and to maps in a list.
     */
    record Tally(
            @JsonFormat(shape = JsonFormat.Shape.STRING) Map<String, Integer> counts,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Map<String, GeoPoint> places,
            @JsonFormat(pattern = "dd.MM.yyyy") Map<LocalDate, LocalDate> due,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Map<String, Fixtures.Mood> moods,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Map<String, List<Long>> series,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Map<String, Optional<Integer>> spare,
            @JsonFormat(shape = JsonFormat.Shape.STRING) List<Map<String, Boolean>> flags) {}

    /**
     * An array of its values with computed getters after them: Jackson writes {@code [from, to, length, label]} and
     * reads the first two, ignoring the rest.
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Span(int from, int to) {
        public int getLength() {
            return to - from;
        }

        public String getLabel() {
            return from == to ? null : from + ".." + to;
        }
    }

    /**
     * An array of its values with a computed getter ordered between them: Jackson writes {@code [from, width, to]},
     * but reads the positions as its readable properties, {@code [from, to]}, ignoring any value after them; so it
     * reads its own output wrong ({@code to} from the width), and the schema has what it reads.
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"from", "width", "to"})
    record Gap(int from, int to) {
        public int getWidth() {
            return to - from;
        }
    }

    /** An object with computed getters, which Jackson writes after its components; one of a caller type, or null. */
    record Size(int width, int height) {
        public int getArea() {
            return width * height;
        }

        public Span getWidths() {
            return width == 0 ? null : new Span(0, width);
        }
    }

    /** Both as properties, the second with {@code shape = ARRAY}: {@code [width, height, area, widths]}. */
    record Ruler(
            Span span,
            @JsonFormat(shape = JsonFormat.Shape.ARRAY) Size frame) {}

    /**
     * Instants whose own {@code @JsonFormat} undoes a config override of {@code shape = NUMBER}: Jackson writes and
     * reads the ISO string where the property says so, the number elsewhere.
     */
    record Deadline(
            @JsonFormat(shape = JsonFormat.Shape.STRING) Instant due,
            @JsonFormat(shape = JsonFormat.Shape.STRING) List<Instant> reminders,
            Instant created) {}

    /**
     * Dates and instants that a mapper's config override for their type gives a format ({@code BindingAgreementTest}
     * sets {@code dd.MM.yyyy} for {@code LocalDate}, {@code shape = NUMBER} for {@code Instant}): Jackson applies it to
     * a plain property, a collection's elements, a map's values (not its keys), at every depth, and an optional's
     * content.
     */
    record Agenda(
            LocalDate day,
            List<LocalDate> days,
            Map<LocalDate, LocalDate> moved,
            List<List<Instant>> stamps,
            Optional<Instant> next,
            LocalDate[] spare) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Agenda agenda
                    && Objects.equals(day, agenda.day)
                    && Objects.equals(days, agenda.days)
                    && Objects.equals(moved, agenda.moved)
                    && Objects.equals(stamps, agenda.stamps)
                    && Objects.equals(next, agenda.next)
                    && Arrays.equals(spare, agenda.spare);
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, days, moved, stamps, next, Arrays.hashCode(spare));
        }

        @Override
        public String toString() {
            return "Agenda" + List.of(day, days, moved, stamps, next, Arrays.toString(spare));
        }
    }

    /**
     * Property formats Jackson applies to the elements of lists and object arrays at every depth, and not to the
     * numbers of a primitive array, which it writes as numbers (and reads from strings too).
     */
    record Grid(
            @JsonFormat(shape = JsonFormat.Shape.STRING) List<List<Integer>> rows,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Long[] ids,
            @JsonFormat(shape = JsonFormat.Shape.STRING) int[] scores,
            @JsonFormat(shape = JsonFormat.Shape.STRING) double[] weights) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Grid grid
                    && rows.equals(grid.rows)
                    && Arrays.equals(ids, grid.ids)
                    && Arrays.equals(scores, grid.scores)
                    && Arrays.equals(weights, grid.weights);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rows, Arrays.hashCode(ids), Arrays.hashCode(scores), Arrays.hashCode(weights));
        }

        @Override
        public String toString() {
            return "Grid" + List.of(rows, Arrays.toString(ids), Arrays.toString(scores), Arrays.toString(weights));
        }
    }

    /** Written in full the first time, then as the random string Jackson generated for it ({@code "@id"}). */
    @JsonIdentityInfo(generator = ObjectIdGenerators.StringIdGenerator.class)
    record Label(String text) {}

    /** Written in full the first time, then as the UUID Jackson generated for it ({@code "uid"}). */
    @JsonIdentityInfo(generator = ObjectIdGenerators.UUIDGenerator.class, property = "uid")
    record Stamp(String text) {}

    /** Written in full the first time, then as the number its own generator gave it. */
    @JsonIdentityInfo(generator = SerialNumbers.class)
    record Badge(String text) {}

    /** A caller's id generator: numbers from 1000, as {@code Long}s. */
    public static final class SerialNumbers extends CountingIdGenerator<Long> {
        public SerialNumbers() {
            this(Object.class, 1000);
        }

        private SerialNumbers(Class<?> scope, long next) {
            super(scope, 1000, next);
        }

        @Override
        CountingIdGenerator<Long> copy(Class<?> scope, long next) {
            return new SerialNumbers(scope, next);
        }

        @Override
        Long idOf(long count) {
            return count;
        }
    }

    enum Zone {
        NORTH,
        SOUTH
    }

    /** Written in full the first time, then as its zone: an enum, which other properties refer to as well. */
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "zone")
    record Gate(Zone zone, String name) {}

    /** A place Jackson writes as an object. */
    record Bay(String aisle, int shelf) {}

    /**
     * Identified by an object through a setter-read property: Jackson writes a later occurrence as the {@link Bay}
     * alone, and reads that back as a new crate with neither bay nor content, so the schema has the crate in full only.
     */
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "bay")
    public static class Crate {
        private Bay bay;
        private String content;

        public Crate() {}

        Crate(Bay bay, String content) {
            this.bay = bay;
            this.content = content;
        }

        public Bay getBay() {
            return bay;
        }

        public void setBay(Bay bay) {
            this.bay = bay;
        }

        public String getContent() {
            return content;
        }

        public void setContent(String content) {
            this.content = content;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Crate crate
                    && Objects.equals(bay, crate.bay)
                    && Objects.equals(content, crate.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bay, content);
        }
    }

    record Store(List<Crate> crates, Crate next) {}

    /** Identified by an object through its creator, which Jackson 3.1 binds empty: no answer reads. */
    @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "bay")
    record Pallet(Bay bay, String content) {}

    /** One property of each kind of id, each value written twice. */
    record Board(
            List<Label> labels,
            Label pinned,
            List<Stamp> stamps,
            Stamp latest,
            List<Badge> badges,
            Badge top,
            List<Gate> gates,
            Gate exit,
            Zone closed) {}

    /** Numbers written as strings, with bounds that a string schema cannot carry as keywords. */
    record Quota(
            @JsonFormat(shape = JsonFormat.Shape.STRING) @Min(1) @Max(100)
            int seats,

            @JsonFormat(shape = JsonFormat.Shape.STRING)
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("1000.00")
            BigDecimal price,

            @JsonFormat(shape = JsonFormat.Shape.STRING) @Positive
            Long account,

            @Min(0) int spare) {}

    @Description("A point on Earth, in decimal degrees.")
    record Spot(
            double lat, @Description("East of Greenwich") double lon) {}

    /** Unwraps a described value under a described property: both descriptions go to the flattened members. */
    @Description("A place to meet.")
    record Venue(
            String name,

            @Description("Where the main entrance is") @JsonUnwrapped(prefix = "entrance_")
            Spot entrance) {}

    /** Jackson's own trees: any value, any object, any array, as Jackson reads them. */
    record Payload(String name, JsonNode arguments, ObjectNode options, ArrayNode extras) {}
}
