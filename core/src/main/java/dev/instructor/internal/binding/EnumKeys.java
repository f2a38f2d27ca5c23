package dev.instructor.internal.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.util.ClassUtil;

/**
 * The keys of a map keyed by an enum ({@code Map<Day, V>}, {@code EnumMap<Day, V>}, {@code TreeMap<Day, V>}): each
 * written name is read into its constant by the key deserializer Jackson reads it with, so that names,
 * {@code @JsonProperty} and {@code @JsonValue} constants, {@code @JsonEnumDefaultValue} and the mapper's enum
 * features ({@code READ_ENUMS_USING_TO_STRING}, {@code ACCEPT_CASE_INSENSITIVE_ENUMS}, ...) read as in the final
 * binding. A map reads each name once, when its member first shows (the engine shows a member once its key is
 * complete), never per partial.
 */
final class EnumKeys {
    private final KeyDeserializer reader;
    private final JavaType mapType;
    /** A name Jackson reads as a key of this map. */
    private final String sample;

    private EnumKeys(KeyDeserializer reader, JavaType mapType, String sample) {
        this.reader = reader;
        this.mapType = mapType;
        this.sample = sample;
    }

    /**
     * Returns the keys of {@code mapType}, or null when its keys are not an enum read by Jackson's own key deserializer
     * (a module's one is left to the final binding: the map is shown once complete).
     *
     * @param written the name the mapper writes a constant under, one of the names tried as {@link #sample()}
     */
    static EnumKeys of(JavaType mapType, DeserializationContext context, Function<Object, String> written) {
        JavaType keyType = mapType.getKeyType();
        if (keyType == null || !keyType.isEnumImplType()) {
            return null;
        }
        KeyDeserializer reader;
        try {
            reader = context.findKeyDeserializer(keyType, null);
        } catch (JacksonException e) {
            return null;
        }
        if (reader == null || !ClassUtil.isJacksonStdImpl(reader)) {
            return null;
        }
        for (Object constant : keyType.getRawClass().getEnumConstants()) {
            for (String name : names((Enum<?>) constant, written)) {
                if (reads(reader, name, context)) {
                    return new EnumKeys(reader, mapType, name);
                }
            }
        }
        return null;
    }

    private static List<String> names(Enum<?> constant, Function<Object, String> written) {
        List<String> names = new ArrayList<>(3);
        names.add(constant.name());
        names.add(constant.toString());
        try {
            names.add(written.apply(constant));
        } catch (RuntimeException e) {
            // The mapper cannot write it: the other names may still read.
        }
        return names;
    }

    private static boolean reads(KeyDeserializer reader, String name, DeserializationContext context) {
        try {
            return reader.deserializeKey(name, context) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Returns the key Jackson reads {@code name} as; null when it reads an unknown name as null
     * ({@code EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL}), and then leaves the member out.
     *
     * @throws SkipPartial when Jackson rejects the name, as the final binding will
     */
    Object read(String name, DeserializationContext context) {
        try {
            return reader.deserializeKey(name, context);
        } catch (JacksonException e) {
            throw new SkipPartial(
                    "cannot read the key \"" + name + "\" of " + mapType.toCanonical() + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new SkipPartial("cannot read the key \"" + name + "\" of " + mapType.toCanonical() + ": " + e);
        }
    }

    /** Returns a name Jackson reads as a key of this map: a document of one member asks how it reads a null value. */
    String sample() {
        return sample;
    }
}
