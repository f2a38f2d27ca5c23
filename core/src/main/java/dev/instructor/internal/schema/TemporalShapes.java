package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a date, time or duration with a numeric {@code @JsonFormat} shape ({@code NUMBER}, {@code NUMBER_INT},
 * {@code NUMBER_FLOAT}) as Jackson 3.1 writes and reads it, which is not always a number:
 * <ul>
 *   <li>{@code LocalDate}: {@code [year, month, day]}; with {@code NUMBER_INT}, the days since 1970-01-01.
 *   <li>{@code LocalDateTime}, {@code LocalTime}: {@code [year, month, day, hour, minute]} and {@code [hour, minute]},
 *       then the second if the time has seconds or a fraction, then the fraction. {@code OffsetTime} the same, with the
 *       offset ({@code "+01:00"}) last. {@code YearMonth}: {@code [year, month]}; {@code MonthDay}:
 *       {@code [month, day]}. Each field within its range, as Jackson fails on any other.
 *   <li>{@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}: seconds since 1970-01-01T00:00:00Z, with the
 *       fraction of a second as decimals; {@code Duration}: seconds, likewise. Jackson writes whole milliseconds
 *       instead where the format's {@code WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS} is off; where the format does not
 *       say, the first three follow the shape ({@code NUMBER_INT} milliseconds, {@code NUMBER_FLOAT} decimals), then
 *       the mapper's setting, which alone decides for {@code Duration}, whatever the shape. Jackson reads a whole
 *       number as seconds while {@code READ_DATE_TIMESTAMPS_AS_NANOSECONDS} is on (the default): the schema follows
 *       the reading, so where Jackson writes milliseconds it asks for whole seconds, and Jackson's own output reads
 *       back 1000 times too late.
 *   <li>{@code Date}, {@code Calendar}: whole milliseconds since 1970-01-01T00:00:00Z.
 *   <li>{@code Month}: its number, 1 to 12 under {@code ONE_BASED_MONTHS} (Jackson 3's default), else 0 to 11.
 *       Jackson writes {@code [3]}, which it does not read; the schema asks for what it reads.
 * </ul>
 * The units go into the description: nothing else tells the model seconds from milliseconds.
 */
final class TemporalShapes {
    private static final String EPOCH = "1970-01-01T00:00:00Z";
    private static final String OFFSET = "^(Z|[+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?)$";

    private final ObjectMapper mapper;

    TemporalShapes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Fills {@code schema} with the form of {@code type} under the numeric {@code format}; null for other types. */
    ObjectNode describe(Class<?> type, JsonFormat.Value format, ObjectNode schema) {
        boolean wholeNumber = format.getShape() == JsonFormat.Shape.NUMBER_INT;
        if (type == LocalDate.class) {
            return wholeNumber
                    ? schema.put("type", "integer").put("description", "Days since 1970-01-01.")
                    : fields(schema, 3, 3).add(year(schema)).add(month(schema)).add(day(schema)).schema;
        }
        if (type == LocalDateTime.class) {
            Fields fields =
                    fields(schema, 5, 7).add(year(schema)).add(month(schema)).add(day(schema));
            return time(fields, format).schema;
        }
        if (type == LocalTime.class) {
            return time(fields(schema, 2, 4), format).schema;
        }
        if (type == OffsetTime.class) {
            return offsetTime(schema, format);
        }
        if (type == YearMonth.class) {
            return fields(schema, 2, 2).add(year(schema)).add(month(schema)).schema;
        }
        if (type == MonthDay.class) {
            return fields(schema, 2, 2).add(month(schema)).add(day(schema)).schema;
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return seconds(schema, format, true, " since " + EPOCH);
        }
        if (type == Duration.class) {
            return seconds(schema, format, false, "");
        }
        if (Date.class.isAssignableFrom(type) || Calendar.class.isAssignableFrom(type)) {
            return schema.put("type", "integer").put("description", "Milliseconds since " + EPOCH + ".");
        }
        if (type == Month.class) {
            int first = mapper.deserializationConfig().isEnabled(DateTimeFeature.ONE_BASED_MONTHS) ? 1 : 0;
            ArrayNode numbers = schema.put("type", "integer").putArray("enum");
            for (int i = first; i < first + 12; i++) {
                numbers.add(i);
            }
            return schema.put("description", first == 1 ? "The month's number, 1 for January." : "0 for January.");
        }
        return null;
    }

    /**
     * A point in time or a duration as a number of seconds or milliseconds: a decimal number of seconds where Jackson
     * writes nanoseconds, else whole seconds or milliseconds as Jackson reads a whole number. Jackson decides in the
     * order of {@code JSR310FormattedSerializerBase.useNanoseconds}: the format's own feature, then (for a point in
     * time, {@code byShape}, not a duration) {@code NUMBER_INT} for milliseconds and {@code NUMBER_FLOAT} for
     * nanoseconds, then the mapper's setting.
     */
    private ObjectNode seconds(ObjectNode schema, JsonFormat.Value format, boolean byShape, String since) {
        Boolean writeNanos = format.getFeature(JsonFormat.Feature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS);
        if (writeNanos == null && byShape && format.getShape() == JsonFormat.Shape.NUMBER_INT) {
            writeNanos = false;
        } else if (writeNanos == null && byShape && format.getShape() == JsonFormat.Shape.NUMBER_FLOAT) {
            writeNanos = true;
        }
        boolean decimal = writeNanos != null
                ? writeNanos
                : mapper.serializationConfig().isEnabled(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS);
        boolean wholeSeconds = readsNanoseconds(format);
        if (decimal) {
            return schema.put("type", "number")
                    .put(
                            "description",
                            "Seconds" + since + ", with any fraction of a second as decimals"
                                    + (wholeSeconds ? "." : " (a number without a decimal point is milliseconds)."));
        }
        return schema.put("type", "integer")
                .put("description", (wholeSeconds ? "Seconds" : "Milliseconds") + since + ".");
    }

    /** The hour and minute, then the second and its fraction, both of which Jackson leaves out when zero. */
    private Fields time(Fields fields, JsonFormat.Value format) {
        ObjectNode schema = fields.schema;
        fields.add(bounded(schema, "hour", 0, 23)).add(bounded(schema, "minute", 0, 59));
        fields.add(bounded(schema, "second", 0, 59));
        return readsNanoseconds(format)
                ? fields.add(bounded(schema, "nanosecond", 0, 999_999_999))
                : fields.add(bounded(schema, "millisecond", 0, 999));
    }

    /** The offset follows the fields Jackson may leave out, so each length is its own array. */
    private ObjectNode offsetTime(ObjectNode schema, JsonFormat.Value format) {
        ArrayNode lengths = schema.putArray("anyOf");
        for (int length = 3; length <= 5; length++) {
            ObjectNode array = lengths.addObject();
            Fields fields = time(fields(array, length, length), format);
            ArrayNode positions = fields.positions;
            while (positions.size() > length - 1) {
                positions.remove(positions.size() - 1);
            }
            ObjectNode offset = array.objectNode().put("type", "string").put("pattern", OFFSET);
            fields.add(PositionalArrays.titled(offset, "offset"));
        }
        return schema;
    }

    private boolean readsNanoseconds(JsonFormat.Value format) {
        Boolean own = format.getFeature(JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
        return own != null
                ? own
                : mapper.deserializationConfig().isEnabled(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
    }

    private static Fields fields(ObjectNode schema, int min, int max) {
        schema.put("type", "array");
        ArrayNode positions = schema.putArray("prefixItems");
        PositionalArrays.close(schema, min, max);
        return new Fields(schema, positions);
    }

    private static ObjectNode year(ObjectNode factory) {
        return PositionalArrays.titled(factory.objectNode().put("type", "integer"), "year");
    }

    private static ObjectNode month(ObjectNode factory) {
        return bounded(factory, "month", 1, 12);
    }

    private static ObjectNode day(ObjectNode factory) {
        return bounded(factory, "day", 1, 31);
    }

    private static ObjectNode bounded(ObjectNode factory, String title, int minimum, int maximum) {
        ObjectNode field = factory.objectNode().put("type", "integer");
        return PositionalArrays.titled(field.put("minimum", minimum).put("maximum", maximum), title);
    }

    /** An array schema and its positions, filled in order. */
    private record Fields(ObjectNode schema, ArrayNode positions) {
        Fields add(ObjectNode position) {
            positions.add(position);
            return this;
        }
    }
}
