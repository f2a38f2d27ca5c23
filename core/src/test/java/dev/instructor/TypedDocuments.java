package dev.instructor;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.instructor.FuzzDocument.Items;
import dev.instructor.FuzzDocument.Member;
import dev.instructor.FuzzDocument.Members;
import dev.instructor.FuzzDocument.Scalar;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Random JSON documents for a Java type, mostly of the shape Jackson expects and often subtly not: scalars of the wrong
 * kind, empty strings and arrays, nulls, numbers with fractions, exponents or out of range, single values wrapped in
 * arrays, members missing, unknown, repeated or named in another case or naming convention, unknown enum constants and
 * type ids. Property names come from the type's fields ({@code @JsonProperty}, {@code @JsonAlias}), so the types must
 * declare a field per property. Longer than most classes: half of it is the pools of values to draw from, one per
 * kind of scalar, kept beside the code that draws from them.
 */
final class TypedDocuments {
    private static final String[] INTEGERS = {
        "0",
        "-0",
        "7",
        "-1",
        "127",
        "128",
        "-129",
        "255",
        "32767",
        "32768",
        "-32769",
        "65",
        "2147483647",
        "2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "1.0",
        "1.5",
        "-2.5",
        "1e2",
        "1E+2",
        "1e-2",
        "12.0e1",
        "\"12\"",
        "\"1.5\"",
        "\" 3 \"",
        "1e20",
        "0.0"
    };
    private static final String[] DECIMALS = {
        "0",
        "-0",
        "-0.0",
        "0.1",
        "1.10",
        "1.00",
        "1.5e3",
        "1E-7",
        "3.4028236e38",
        "1e39",
        "1e309",
        "-1e-400",
        "123456789012345678901234567890",
        "100",
        "\"1.5\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-0\"",
        "2.5",
        "7"
    };
    private static final String[] BOOLEANS = {"true", "false", "\"true\"", "\"False\"", "0", "1", "2", "\"yes\""};
    private static final String[] CHARS = {"\"a\"", "\"\"", "\"ab\"", "65", "\"7\"", "\"é\"", "\" \""};
    private static final String[] STRINGS = {
        "\"\"", "\"a\"", "\"Abc\"", "\" \"", "\"x y\"", "\"12\"", "\"null\"", "\"é\"", "\"RED\"", "\"2024-02-01\""
    };
    private static final String[] DATES = {
        "\"2024-02-01\"",
        "\"2024-2-1\"",
        "\"01.02.2024\"",
        "[2024,2,1]",
        "19000",
        "\"2024-02-30\"",
        "\"2024-02-01T10:00:00\""
    };
    private static final String[] TIMES = {"\"10:15\"", "\"10:15:30.5\"", "[10,15]", "\"25:00\"", "3600"};
    private static final String[] INSTANTS = {
        "\"2024-02-01T10:00:00Z\"", "1700000000", "1700000000.5", "\"1700000000\"", "\"2024-02-01\"", "-1"
    };
    private static final String[] DURATIONS = {"\"PT1H\"", "60", "1.5", "\"P1D\"", "\"1h\"", "\"PT-0.5S\""};
    private static final String[] UUIDS = {"\"123e4567-e89b-12d3-a456-426614174000\"", "\"abc\"", "\"\""};
    private static final String[] ODD = {
        "null",
        "\"\"",
        "\" \"",
        "\"x\"",
        "\"1\"",
        "\"1.5\"",
        "\"true\"",
        "0",
        "1",
        "-1",
        "1.5",
        "1e2",
        "-0",
        "-0.0",
        "2147483648",
        "true",
        "false",
        "[]",
        "{}",
        "{\"x\":1}",
        "[null]",
        "\"null\""
    };
    private static final String[] UNKNOWN = {"extra", "unknown", "x"};

    private final Random random;
    private final UnaryOperator<String> naming;
    private final int oddOdds;

    /**
     * @param oddOdds one value in this many is drawn from the wrong-kind pool
     */
    TypedDocuments(Random random, int oddOdds) {
        this.random = random;
        this.oddOdds = oddOdds;
        this.naming = naming(random);
    }

    /** Returns a document for the root type: an object (the wrapper's, when {@code wrapperKey} is set). */
    FuzzDocument root(Type type, String wrapperKey) {
        if (wrapperKey == null) {
            return valid(type, 0);
        }
        List<Member> members = new ArrayList<>();
        members.add(new Member(wrapperKey, value(type, 1)));
        if (random.nextInt(8) == 0) {
            members.add(random.nextInt(2), new Member(random.nextBoolean() ? "other" : wrapperKey, value(type, 1)));
        }
        return new Members(members);
    }

    private FuzzDocument value(Type type, int depth) {
        int roll = random.nextInt(oddOdds);
        if (roll == 0) {
            return new Scalar(pick(ODD));
        }
        if (roll == 1) {
            FuzzDocument inner = depth > 4 ? new Scalar("1") : valid(type, depth + 1);
            return new Items(random.nextInt(4) == 0 ? List.of(inner, inner) : List.of(inner));
        }
        return valid(type, depth);
    }

    private FuzzDocument valid(Type type, int depth) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized(parameterized, depth);
        }
        if (type instanceof GenericArrayType array) {
            return items(array.getGenericComponentType(), depth);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isArray()) {
            return items(raw.getComponentType(), depth);
        }
        String scalar = scalar(raw);
        if (scalar != null) {
            return new Scalar(scalar);
        }
        if (raw.isEnum()) {
            return new Scalar(enumConstant(raw));
        }
        if (raw.isAnnotationPresent(JsonTypeInfo.class)) {
            return union(raw, depth);
        }
        if (raw == Object.class) {
            return new Scalar(pick(random.nextBoolean() ? ODD : DECIMALS));
        }
        return object(raw, depth);
    }

    private FuzzDocument parameterized(ParameterizedType type, int depth) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (raw == Optional.class) {
            return random.nextInt(4) == 0 ? new Scalar("null") : valid(arguments[0], depth);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return items(arguments[0], depth);
        }
        if (Map.class.isAssignableFrom(raw)) {
            List<Member> members = new ArrayList<>();
            int size = depth > 3 ? 0 : random.nextInt(4);
            for (int i = 0; i < size; i++) {
                members.add(new Member(mapKey((Class<?>) arguments[0]), value(arguments[1], depth + 1)));
            }
            return new Members(members);
        }
        throw new IllegalArgumentException("no documents for " + type);
    }

    private FuzzDocument items(Type item, int depth) {
        List<FuzzDocument> items = new ArrayList<>();
        int size = depth > 3 ? 0 : random.nextInt(4);
        for (int i = 0; i < size; i++) {
            items.add(value(item, depth + 1));
        }
        return new Items(items);
    }

    private FuzzDocument object(Class<?> type, int depth) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, Type> property : properties(type)) {
            int roll = random.nextInt(20);
            if (roll < 2) {
                continue; // missing
            }
            FuzzDocument value = depth > 4 ? new Scalar("null") : value(property.getValue(), depth + 1);
            members.add(new Member(name(property.getKey()), value));
            if (roll == 2 && depth <= 4) {
                members.add(new Member(name(property.getKey()), value(property.getValue(), depth + 1)));
            }
        }
        if (random.nextInt(8) == 0) {
            members.add(random.nextInt(members.size() + 1), new Member(pick(UNKNOWN), new Scalar(pick(ODD))));
        }
        return new Members(members);
    }

    private FuzzDocument union(Class<?> type, int depth) {
        JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes.Type[] subtypes = type.getAnnotation(JsonSubTypes.class).value();
        JsonSubTypes.Type subtype = subtypes[random.nextInt(subtypes.length)];
        String id = subtype.name().isEmpty() ? typeName(subtype.value()) : subtype.name();
        int roll = random.nextInt(12);
        if (roll == 0) {
            id = "nope";
        } else if (roll == 1) {
            id = id.toUpperCase(Locale.ROOT);
        }
        FuzzDocument body = object(subtype.value(), depth);
        if (info.include() == JsonTypeInfo.As.WRAPPER_OBJECT) {
            return new Members(List.of(new Member(id, body)));
        }
        List<Member> members = new ArrayList<>(((Members) body).members());
        if (roll != 2) {
            String property = info.property().isEmpty() ? "@type" : info.property();
            int at = random.nextInt(3) == 0 ? random.nextInt(members.size() + 1) : 0;
            members.add(at, new Member(property, new Scalar(roll == 3 ? "1" : FuzzDocument.quote(id))));
        }
        return new Members(members);
    }

    private static String typeName(Class<?> type) {
        JsonTypeName name = type.getAnnotation(JsonTypeName.class);
        return name == null ? type.getSimpleName() : name.value();
    }

    /** Returns the JSON names of the properties of a record or bean, each with its alias when it has one. */
    private List<Map.Entry<String, Type>> properties(Class<?> type) {
        List<Map.Entry<String, Type>> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                properties.add(Map.entry(jsonName(field(type, component.getName())), component.getGenericType()));
            }
            return properties;
        }
        for (Class<?> at = type; at != Object.class; at = at.getSuperclass()) {
            for (Field field : at.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    properties.add(Map.entry(jsonName(field), field.getGenericType()));
                }
            }
        }
        return properties;
    }

    private String jsonName(Field field) {
        JsonAlias alias = field.getAnnotation(JsonAlias.class);
        if (alias != null && random.nextInt(3) == 0) {
            return alias.value()[0];
        }
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? field.getName() : property.value();
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member name: mostly as declared, else in the naming convention drawn for this document or in another case. */
    private String name(String declared) {
        int roll = random.nextInt(10);
        if (roll < 5) {
            return naming.apply(declared);
        }
        if (roll == 5) {
            return declared.toUpperCase(Locale.ROOT);
        }
        return declared;
    }

    private static UnaryOperator<String> naming(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            case 1:
                return name -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
            case 2:
                return name -> name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            case 3:
                return name -> name.toLowerCase(Locale.ROOT);
            default:
                return name -> name;
        }
    }

    private String scalar(Class<?> raw) {
        if (raw == String.class || raw == CharSequence.class) {
            return pick(STRINGS);
        } else if (raw == char.class || raw == Character.class) {
            return pick(CHARS);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return pick(BOOLEANS);
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return pick(INTEGERS);
        } else if (raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            return pick(INTEGERS);
        } else if (raw == BigInteger.class) {
            return pick(INTEGERS);
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return pick(DECIMALS);
        } else if (raw == BigDecimal.class) {
            return pick(DECIMALS);
        } else if (raw == LocalDate.class) {
            return pick(DATES);
        } else if (raw == LocalTime.class) {
            return pick(TIMES);
        } else if (raw == Instant.class) {
            return pick(INSTANTS);
        } else if (raw == Duration.class) {
            return pick(DURATIONS);
        } else if (raw == UUID.class) {
            return pick(UUIDS);
        }
        return null;
    }

    /** A constant as Jackson may read it (name, {@code @JsonProperty}, {@code @JsonValue}, index), or not. */
    private String enumConstant(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        Enum<?> constant = (Enum<?>) constants[random.nextInt(constants.length)];
        switch (random.nextInt(9)) {
            case 0:
                return FuzzDocument.quote(constant.name().toLowerCase(Locale.ROOT));
            case 1:
                return FuzzDocument.quote(constant.toString());
            case 2:
                return Integer.toString(random.nextInt(constants.length + 1));
            case 3:
                return FuzzDocument.quote(Integer.toString(constant.ordinal()));
            case 4:
                return FuzzDocument.quote("MAUVE");
            case 5:
                return FuzzDocument.quote(annotatedName(constant));
            default:
                String value = jsonValue(constant);
                return FuzzDocument.quote(value != null && random.nextBoolean() ? value : constant.name());
        }
    }

    private static String annotatedName(Enum<?> constant) {
        JsonProperty property =
                field(constant.getDeclaringClass(), constant.name()).getAnnotation(JsonProperty.class);
        return property == null ? constant.name() : property.value();
    }

    private static String jsonValue(Enum<?> constant) {
        for (Method method : constant.getDeclaringClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonValue.class)) {
                try {
                    method.setAccessible(true);
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private String mapKey(Class<?> type) {
        if (type.isEnum()) {
            String constant = enumConstant(type);
            return constant.startsWith("\"") ? constant.substring(1, constant.length() - 1) : constant;
        }
        if (type == Integer.class) {
            return pick(new String[] {"1", "-2", "01", "x", "2147483648", " 3", ""});
        }
        if (type == LocalDate.class) {
            return pick(new String[] {"2024-02-01", "2024-2-1", "bad", ""});
        }
        return pick(new String[] {"a", "b", "A", "", "a b", "é"});
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
