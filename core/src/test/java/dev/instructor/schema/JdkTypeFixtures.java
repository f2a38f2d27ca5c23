package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
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
import java.util.Arrays;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Caller types made of JDK value types, maps with non-string keys, and generic containers. */
final class JdkTypeFixtures {
    private JdkTypeFixtures() {}

    record Timeline(
            LocalDate date,
            LocalDateTime local,
            LocalTime time,
            OffsetDateTime offset,
            OffsetTime offsetTime,
            ZonedDateTime zoned,
            Instant instant,
            Duration duration,
            Period period,
            Year year,
            YearMonth yearMonth,
            MonthDay monthDay,
            ZoneId zone,
            ZoneOffset zoneOffset,
            DayOfWeek weekday,
            Month month,
            Date legacy) {}

    /**
     * Dates and times with {@code shape = NUMBER}: Jackson writes the local ones as arrays of their fields (a
     * {@code LocalDate} with {@code NUMBER_INT} as its epoch day), instants as seconds with a fraction, and
     * {@code Date} as milliseconds. Offsets and zones are UTC, as Jackson reads timestamps in UTC.
     */
    record Timestamps(
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) LocalDate day,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) LocalDate epochDay,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) LocalDateTime local,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) LocalTime time,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) OffsetTime offsetTime,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) YearMonth yearMonth,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) MonthDay monthDay,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Year year,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant instant,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) OffsetDateTime offset,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) ZonedDateTime zoned,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Duration duration,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Date legacy,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) DayOfWeek weekday) {}

    /**
     * Numeric shapes Jackson writes in a form it does not read back: a {@code Month} as {@code [3]} (it reads the
     * month's number, 1 to 12), an {@code Instant} with {@code NUMBER_INT} as milliseconds (it reads whole numbers as
     * seconds).
     */
    record Billing(
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Month month,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) Instant due) {}

    /** JDK value types Jackson writes as strings; equal by content, the array included. */
    record Identifiers(
            UUID id, URI uri, URL url, Locale locale, Currency currency, byte[] bytes, char initial, Character grade) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identifiers i
                    && Objects.equals(id, i.id)
                    && Objects.equals(uri, i.uri)
                    && Objects.equals(String.valueOf(url), String.valueOf(i.url))
                    && Objects.equals(locale, i.locale)
                    && Objects.equals(currency, i.currency)
                    && Arrays.equals(bytes, i.bytes)
                    && initial == i.initial
                    && Objects.equals(grade, i.grade);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, uri, locale, currency, Arrays.hashCode(bytes), initial, grade);
        }
    }

    /** Bytes, which Jackson writes and reads as numbers (a {@code byte[]} alone is a base64 string). */
    record Levels(
            byte level,
            Byte boxed,
            List<Byte> history,
            @jakarta.validation.constraints.Min(1) byte least) {}

    /** Times Jackson reads more narrowly than JSON Schema's formats allow. */
    record Schedule(LocalTime opens, LocalDateTime next, Duration slot, Period cycle, char grade) {}

    /** A class, which Jackson reads from its name; its own fields are classes again. */
    record Plugin(String name, Class<?> type) {}

    /** Strings Jackson reads in one ISO form only, which victools takes for any string. */
    record Recurrence(YearMonth starts, MonthDay on, ZoneOffset offset) {}

    record Optionals(
            Optional<String> text,
            OptionalInt count,
            OptionalLong total,
            OptionalDouble ratio,
            Optional<Fixtures.Address> address,
            List<Optional<String>> maybes) {}

    /**
     * {@code AtomicReference}s, which Jackson reads as it reads an {@code Optional}: the value itself, an empty
     * reference for null or absent. Equal when they hold equal values, as {@code AtomicReference} compares identity.
     */
    record References(
            AtomicReference<String> note,
            AtomicReference<Fixtures.Address> home,
            List<AtomicReference<Integer>> counts) {
        @Override
        public boolean equals(Object other) {
            return other instanceof References r
                    && Objects.equals(held(note), held(r.note))
                    && Objects.equals(held(home), held(r.home))
                    && Objects.equals(
                            counts.stream().map(References::held).toList(),
                            r.counts.stream().map(References::held).toList());
        }

        @Override
        public int hashCode() {
            return Objects.hash(held(note), held(home));
        }

        private static Object held(AtomicReference<?> reference) {
            return reference == null ? "no reference" : reference.get();
        }
    }

    /** Map entries, which Jackson reads from an object of exactly one member: the key and its value. */
    record Pairs(List<Map.Entry<String, Integer>> scores, Map.Entry<Fixtures.Mood, Fixtures.Idea> moodIdea) {}

    /** Maps whose keys Jackson writes as strings from enums, numbers, dates and UUIDs. */
    record KeyedMaps(
            Map<Fixtures.Mood, Integer> byMood,
            Map<Fixtures.Color, String> byColor,
            Map<Integer, String> byNumber,
            Map<LocalDate, String> byDate,
            Map<UUID, Boolean> byId) {}

    record Nested(
            Map<String, List<Map<String, Integer>>> deep,
            List<Set<String>> groups,
            List<List<Fixtures.Idea>> pages,
            Fixtures.Idea[] array,
            int[][] matrix) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Nested n
                    && deep.equals(n.deep)
                    && groups.equals(n.groups)
                    && pages.equals(n.pages)
                    && Arrays.equals(array, n.array)
                    && Arrays.deepEquals(matrix, n.matrix);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deep, groups, pages, Arrays.hashCode(array), Arrays.deepHashCode(matrix));
        }
    }

    /** A generic record, used through a parameterized type. */
    record Page<T>(List<T> items, int total, Optional<T> first) {}

    /** A record with generic components bound by its own declaration. */
    record Inbox(Page<Fixtures.Idea> ideas, Page<String> words) {}

    /** {@code Iterable} properties, which Jackson reads as it reads a {@code Collection}: from an array. */
    record Iterables(Iterable<String> tags, Iterable<Fixtures.Idea> ideas) {}
}
