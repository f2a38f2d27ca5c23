package dev.instructor.schema;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects the cases of {@link BindingAgreementTest}: a type, an answer a model might give for it and the value
 * Jackson must read from that answer, once per dialect. Most answers are what Jackson itself writes for the value; a
 * type Jackson writes differently from how it reads (a write-only property, an ignored getter) gets an explicit answer.
 */
final class Samples {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Reads what {@link #MAPPER} wrote without rounding decimals, so that {@code 10.50} reads back as written. */
    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final List<Arguments> arguments = new ArrayList<>();

    /** Adds {@code value}, answered as Jackson writes it, in every dialect but {@code except}. */
    void value(Type type, Object value, SchemaDialect... except) {
        JsonNode written =
                TREES.readTree(MAPPER.writerFor(MAPPER.constructType(type)).writeValueAsString(value));
        add(name(type), type, written, value, except);
    }

    /** Adds the answer {@code json}, from which Jackson must read {@code expected}, in every dialect but {@code except}. */
    void answer(Type type, String json, Object expected, SchemaDialect... except) {
        add(name(type) + " answer " + json, type, TREES.readTree(json), expected, except);
    }

    /**
     * Adds the answer {@code json}, which Jackson cannot read, in every dialect but {@code except}; for
     * {@link BindingAgreementTest}'s rejection test, so not to be mixed with the other kinds in one instance.
     */
    void rejected(Type type, String json, SchemaDialect... except) {
        JsonNode answer = TREES.readTree(json);
        for (SchemaDialect dialect : dialects(except)) {
            arguments.add(Arguments.of(name(type) + " " + json, dialect, type, answer));
        }
    }

    Stream<Arguments> stream() {
        return arguments.stream();
    }

    private void add(String name, Type type, JsonNode answer, Object expected, SchemaDialect... except) {
        for (SchemaDialect dialect : dialects(except)) {
            arguments.add(Arguments.of(name, dialect, type, answer, expected));
        }
    }

    private static Set<SchemaDialect> dialects(SchemaDialect... except) {
        Set<SchemaDialect> dialects = EnumSet.allOf(SchemaDialect.class);
        dialects.removeAll(List.of(except));
        return dialects;
    }

    /** The type's name without packages and enclosing classes: {@code List<Idea>}. */
    static String name(Type type) {
        return type.getTypeName().replaceAll("[\\w.]+\\$", "").replaceAll("\\b[a-z]\\w*\\.", "");
    }
}
