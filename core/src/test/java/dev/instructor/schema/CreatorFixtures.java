package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonPOJOBuilder;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * Caller types Jackson builds through something other than a setter per field: creators, builders, compact record
 * constructors, and value objects and enums written through {@code @JsonValue}.
 */
final class CreatorFixtures {
    private CreatorFixtures() {}

    /** Read through a factory whose parameters, and written through getters whose names, differ from the fields. */
    static final class Money {
        private final String code;
        private final long cents;

        private Money(String code, long cents) {
            this.code = code;
            this.cents = cents;
        }

        @JsonCreator
        static Money of(@JsonProperty("currency") String currency, @JsonProperty("amount") long amount) {
            return new Money(currency, amount);
        }

        public String getCurrency() {
            return code;
        }

        public long getAmount() {
            return cents;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money m && code.equals(m.code) && cents == m.cents;
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, cents);
        }
    }

    /** A properties-mode constructor next to a getter-less field Jackson fills through it. */
    static final class Coordinates {
        private final double lat;
        private final double lon;

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Coordinates(@JsonProperty("lat") double lat, @JsonProperty("lon") double lon) {
            this.lat = lat;
            this.lon = lon;
        }

        @JsonProperty("lat")
        double lat() {
            return lat;
        }

        @JsonProperty("lon")
        double lon() {
            return lon;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Coordinates c && lat == c.lat && lon == c.lon;
        }

        @Override
        public int hashCode() {
            return Objects.hash(lat, lon);
        }
    }

    /** A value object read through a delegating factory from the int it writes. */
    static final class Percent {
        private final int value;

        private Percent(int value) {
            this.value = value;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Percent of(int value) {
            return new Percent(value);
        }

        @JsonValue
        int value() {
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Percent p && value == p.value;
        }

        @Override
        public int hashCode() {
            return value;
        }
    }

    /** Immutable, read through its builder. */
    @JsonDeserialize(builder = Pizza.Builder.class)
    static final class Pizza {
        private final String name;
        private final List<String> toppings;

        private Pizza(String name, List<String> toppings) {
            this.name = name;
            this.toppings = toppings;
        }

        public String getName() {
            return name;
        }

        public List<String> getToppings() {
            return toppings;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pizza p && Objects.equals(name, p.name) && Objects.equals(toppings, p.toppings);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, toppings);
        }

        /** Jackson's default builder naming: {@code withName}, {@code build}. */
        @JsonPOJOBuilder
        static final class Builder {
            private String name;
            private List<String> toppings = List.of();

            Builder withName(String name) {
                this.name = name;
                return this;
            }

            Builder withToppings(List<String> toppings) {
                this.toppings = toppings;
                return this;
            }

            Pizza build() {
                return new Pizza(name, toppings);
            }
        }
    }

    /** A builder with its own naming, one of its setters renamed, and a differently named build method. */
    @JsonDeserialize(builder = Ticket.Maker.class)
    static final class Ticket {
        private final String seat;
        private final int row;

        private Ticket(String seat, int row) {
            this.seat = seat;
            this.row = row;
        }

        public String getSeat() {
            return seat;
        }

        @JsonProperty("row_number")
        public int getRow() {
            return row;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ticket t && Objects.equals(seat, t.seat) && row == t.row;
        }

        @Override
        public int hashCode() {
            return Objects.hash(seat, row);
        }

        @JsonPOJOBuilder(withPrefix = "", buildMethodName = "issue")
        static final class Maker {
            private String seat;
            private int row;

            Maker seat(String seat) {
                this.seat = seat;
                return this;
            }

            @JsonProperty("row_number")
            Maker row(int row) {
                this.row = row;
                return this;
            }

            Ticket issue() {
                return new Ticket(seat, row);
            }
        }
    }

    /** A compact constructor that checks and normalises what Jackson passes it. */
    record Range(int min, int max, String unit) {
        Range {
            if (min > max) {
                throw new IllegalArgumentException("min > max");
            }
            unit = unit.toLowerCase(Locale.ROOT);
        }
    }

    /** {@code @JsonValue} on a generic record component: written as a list of {@code T}. */
    record Labels<T>(@JsonValue List<T> values) {}

    /** {@code @JsonValue} on a field, read back through a single-argument constructor. */
    static final class Code {
        @JsonValue
        private final String code;

        @JsonCreator
        Code(String code) {
            this.code = code;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Code c && code.equals(c.code);
        }

        @Override
        public int hashCode() {
            return code.hashCode();
        }
    }

    /** A generic class whose {@code @JsonValue} method returns its type parameter. */
    static final class Boxed<T> {
        private final T content;

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        Boxed(T content) {
            this.content = content;
        }

        @JsonValue
        T content() {
            return content;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Boxed<?> b && Objects.equals(content, b.content);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(content);
        }
    }

    /** Written by a scalar serializer, read through a string factory: a string to Jackson, though it has fields. */
    @JsonSerialize(using = ToStringSerializer.class)
    static final class Isbn {
        private final String group;
        private final String number;

        private Isbn(String group, String number) {
            this.group = group;
            this.number = number;
        }

        @JsonCreator
        static Isbn parse(String text) {
            int dash = text.indexOf('-');
            return new Isbn(text.substring(0, dash), text.substring(dash + 1));
        }

        @Override
        public String toString() {
            return group + "-" + number;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Isbn i && toString().equals(i.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }

    /** An enum written as the number its {@code @JsonValue} field holds. */
    enum Stars {
        ONE(1),
        TWO(2),
        THREE(3);

        @JsonValue
        private final int count;

        Stars(int count) {
            this.count = count;
        }
    }

    /** An enum with a default for unknown values (used when the mapper enables it). */
    enum Status {
        ACTIVE,
        RETIRED,
        @JsonEnumDefaultValue
        UNKNOWN
    }

    record Rated(Stars stars, Status status, Code code, Percent share) {}
}
