package dev.instructor.internal.binding;

import dev.instructor.json.PartialBoolean;
import dev.instructor.json.PartialNumber;
import dev.instructor.json.PartialValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * A value shown only once complete: numbers, booleans, enums, {@code java.time} types, and anything Jackson binds
 * with a deserializer we do not look inside. The common JSON-native cases take a fast path; everything else is read by
 * Jackson from the node's JSON text, so coercions, {@code @JsonValue} enums and custom deserializers behave exactly as
 * in the final binding. The slot memo makes that read happen once per completed node.
 */
public final class ValueShape extends Shape {
    private enum Kind {
        INT,
        LONG,
        DOUBLE,
        BOOLEAN,
        BIG_DECIMAL,
        BIG_INTEGER,
        OTHER
    }

    private final TextReader reader;
    private final Kind kind;
    private final Object nullValue;

    /** The null value of a deserializer that would not say what it is outside a read: asked at each JSON null. */
    private static final Object ASK_NULL = new Object();

    /** The deserializer asked for the null value when {@link #nullValue} is {@link #ASK_NULL}; null otherwise. */
    private final ValueDeserializer<Object> nullAsker;
    /** Whether Jackson rejects JSON {@code null} here: a primitive, under the mapper's FAIL_ON_NULL_FOR_PRIMITIVES. */
    private final boolean rejectsNull;
    /**
     * Whether an integer is read as this floating-point type as is: unless a coercion config says otherwise for
     * integers into {@code LogicalType.Float} (then Jackson reads it as null, empty or not at all).
     */
    private final boolean integersConvert;

    ValueShape(JavaType type, ObjectReader reader) {
        this(type, reader, TextReader.of(reader), kindOf(type.getRawClass()));
    }

    private ValueShape(JavaType type, ObjectReader config, TextReader reader, Kind kind) {
        this(type, config, reader, kind, primitiveDefault(type.getRawClass()), null);
    }

    private ValueShape(
            JavaType type,
            ObjectReader config,
            TextReader reader,
            Kind kind,
            Object nullValue,
            ValueDeserializer<Object> nullAsker) {
        super(type);
        this.reader = reader;
        this.kind = kind;
        this.nullValue = nullValue;
        this.nullAsker = nullAsker;
        this.rejectsNull = type.isPrimitive() && config.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.integersConvert =
                config.getConfig().findCoercionAction(LogicalType.Float, type.getRawClass(), CoercionInputShape.Integer)
                        == CoercionAction.TryConvert;
    }

    /**
     * Returns the shape of a property that Jackson reads with a deserializer of its own ({@code @JsonFormat} or
     * {@code @JsonDeserialize} on the property): its values are read with that deserializer, never by a fast path.
     */
    static ValueShape ofProperty(JavaType type, ObjectMapper mapper, ValueDeserializer<Object> deserializer) {
        TextReader reader = TextReader.of(mapper, type, deserializer);
        Object nullValue = primitiveDefault(type.getRawClass());
        try {
            // Jackson reads a JSON null with the property's deserializer's null value ("none", say), not as null.
            Object own = deserializer.getNullValue(mapper._deserializationContext());
            nullValue = own != null ? own : nullValue;
        } catch (RuntimeException e) {
            // It refuses null, or needs the context of a live read: asked again then, as Jackson asks it.
            return new ValueShape(type, mapper.readerFor(type), reader, Kind.OTHER, ASK_NULL, deserializer);
        }
        return new ValueShape(type, mapper.readerFor(type), reader, Kind.OTHER, nullValue, null);
    }

    /** Returns the shape of a value that {@code reader} reads, never by a fast path. */
    static ValueShape readBy(JavaType type, ObjectMapper mapper, TextReader reader) {
        return new ValueShape(type, mapper.readerFor(type), reader, Kind.OTHER);
    }

    @Override
    Object bindNull() {
        return nullValue == ASK_NULL ? null : nullValue;
    }

    /** JSON null, as Jackson reads it for the property: its deserializer's null value, asked in a live read. */
    private Object askNull(BindContext context) {
        try {
            return nullAsker.getNullValue(context.jackson);
        } catch (RuntimeException e) {
            throw new SkipPartial("cannot read null as " + type.toCanonical() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean showsIncomplete() {
        return false;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!value.isComplete()) {
            return ABSENT;
        }
        switch (value.type()) {
            case NULL:
                if (rejectsNull) {
                    throw new SkipPartial("cannot read null as " + type.toCanonical()
                            + " (DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)");
                }
                return nullValue == ASK_NULL ? askNull(context) : nullValue;
            case NUMBER:
                Object number = fastNumber((PartialNumber) value);
                if (number != null) {
                    return number;
                }
                break;
            case BOOLEAN:
                if (kind == Kind.BOOLEAN) {
                    return ((PartialBoolean) value).value();
                }
                break;
            default:
                break;
        }
        return read(value);
    }

    private Object fastNumber(PartialNumber number) {
        switch (kind) {
            case INT:
                if (number.isIntegral() && number.text().length() < 10) {
                    return (int) number.longValue();
                }
                return null;
            case LONG:
                if (number.isIntegral() && number.text().length() < 19) {
                    return number.longValue();
                }
                return null;
            case DOUBLE:
                if (number.isIntegral() && !integersConvert) {
                    return null;
                }
                // Jackson reads an integer token as an integer first, so -0 becomes 0.0, not -0.0.
                double value = number.doubleValue();
                return value == 0 && number.isIntegral() ? 0.0 : value;
            case BIG_DECIMAL:
                return number.isIntegral() && !integersConvert ? null : number.bigDecimalValue();
            case BIG_INTEGER:
                return number.isIntegral() ? number.bigIntegerValue() : null;
            default:
                return null;
        }
    }

    private Object read(PartialValue value) {
        return TextReader.readComplete(reader, value, type);
    }

    /** Returns whether values of {@code raw} are read by a fast path rather than by Jackson. */
    static boolean hasFastPath(Class<?> raw) {
        return kindOf(raw) != Kind.OTHER;
    }

    private static Kind kindOf(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return Kind.INT;
        } else if (raw == long.class || raw == Long.class) {
            return Kind.LONG;
        } else if (raw == double.class || raw == Double.class) {
            return Kind.DOUBLE;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (raw == BigDecimal.class) {
            return Kind.BIG_DECIMAL;
        } else if (raw == BigInteger.class) {
            return Kind.BIG_INTEGER;
        }
        return Kind.OTHER;
    }

    /** Returns the default value of a primitive type, as a missing creator argument gets; null otherwise. */
    static Object primitiveDefault(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        } else if (raw == char.class) {
            return '\0';
        } else if (raw == byte.class) {
            return (byte) 0;
        } else if (raw == short.class) {
            return (short) 0;
        } else if (raw == int.class) {
            return 0;
        } else if (raw == long.class) {
            return 0L;
        } else if (raw == float.class) {
            return 0f;
        }
        return 0d;
    }
}
