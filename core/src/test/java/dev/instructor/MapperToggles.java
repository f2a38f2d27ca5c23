package dev.instructor;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DatatypeFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The mapper settings {@link MapperConfigFuzzTest} draws from: every Jackson 3 feature and setting that changes what a
 * document binds to, each as a named change of a {@link JsonMapper.Builder}. Changes of one group (a naming strategy,
 * the default null handling) exclude each other.
 */
final class MapperToggles {
    /** One change of the mapper's configuration; at most one change per {@code group} is drawn. */
    record Toggle(String name, String group, UnaryOperator<JsonMapper.Builder> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Toggle> FEATURES = features();
    private static final List<Toggle> NAMING_AND_NULLS = namingAndNulls();
    private static final List<Toggle> COERCIONS = coercions();

    private MapperToggles() {}

    /**
     * Returns a random configuration of up to {@code most} changes, one per group at most: mostly features, as there
     * are few naming and null settings and very many coercion settings.
     */
    static List<Toggle> draw(Random random, int most) {
        List<Toggle> drawn = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        int count = random.nextInt(most + 1);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            List<Toggle> from = kind < 6 ? FEATURES : kind < 8 ? NAMING_AND_NULLS : COERCIONS;
            Toggle toggle = from.get(random.nextInt(from.size()));
            if (!drawn.contains(toggle) && (toggle.group() == null || groups.add(toggle.group()))) {
                drawn.add(toggle);
            }
        }
        return drawn;
    }

    static JsonMapper mapper(List<Toggle> toggles) {
        JsonMapper.Builder builder = JsonMapper.builder();
        for (Toggle toggle : toggles) {
            builder = toggle.change().apply(builder);
        }
        return builder.build();
    }

    private static List<Toggle> features() {
        List<Toggle> all = new ArrayList<>();
        for (DeserializationFeature feature : new DeserializationFeature[] {
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
            DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_FLOAT_AS_INT,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
            DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
            DeserializationFeature.USE_LONG_FOR_INTS,
            DeserializationFeature.USE_JAVA_ARRAY_FOR_JSON_ARRAY,
            DeserializationFeature.USE_NULL_FOR_MISSING_REFERENCE_VALUES,
            DeserializationFeature.FAIL_ON_INVALID_SUBTYPE,
            DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES,
            DeserializationFeature.WRAP_EXCEPTIONS,
        }) {
            boolean on = !feature.enabledByDefault();
            all.add(new Toggle((on ? "+" : "-") + feature.name(), null, b -> b.configure(feature, on)));
        }
        for (MapperFeature feature : new MapperFeature[] {
            MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES,
            MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
            MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES,
            MapperFeature.ALLOW_COERCION_OF_SCALARS,
            MapperFeature.USE_GETTERS_AS_SETTERS,
            MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS,
            MapperFeature.INFER_PROPERTY_MUTATORS,
            MapperFeature.PROPAGATE_TRANSIENT_MARKER,
            MapperFeature.FIX_FIELD_NAME_UPPER_CASE_PREFIX,
            MapperFeature.USE_BASE_TYPE_AS_DEFAULT_IMPL,
            MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES,
            MapperFeature.WRAPPERS_DEFAULT_TO_NULL,
            MapperFeature.APPLY_DEFAULT_VALUES,
            MapperFeature.USE_STATIC_TYPING,
        }) {
            boolean on = !feature.enabledByDefault();
            all.add(new Toggle((on ? "+" : "-") + feature.name(), null, b -> b.configure(feature, on)));
        }
        all.add(new Toggle(
                "+STRICT_DUPLICATE_DETECTION",
                null,
                b -> b.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)));
        for (DatatypeFeature feature : new DatatypeFeature[] {
            EnumFeature.READ_ENUMS_USING_TO_STRING,
            EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
            EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE,
            EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            EnumFeature.READ_ENUM_KEYS_USING_INDEX,
            DateTimeFeature.ALWAYS_ALLOW_STRINGIFIED_DATE_TIMESTAMPS,
            DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS,
        }) {
            boolean on = !feature.enabledByDefault();
            all.add(new Toggle((on ? "+" : "-") + feature, null, b -> b.configure(feature, on)));
        }
        return List.copyOf(all);
    }

    private static List<Toggle> namingAndNulls() {
        List<Toggle> all = new ArrayList<>();
        naming(all, "SNAKE_CASE", PropertyNamingStrategies.SNAKE_CASE);
        naming(all, "UPPER_CAMEL_CASE", PropertyNamingStrategies.UPPER_CAMEL_CASE);
        naming(all, "KEBAB_CASE", PropertyNamingStrategies.KEBAB_CASE);
        naming(all, "LOWER_CASE", PropertyNamingStrategies.LOWER_CASE);
        for (Nulls nulls : new Nulls[] {Nulls.SKIP, Nulls.AS_EMPTY, Nulls.FAIL}) {
            all.add(new Toggle(
                    "nulls " + nulls,
                    "nulls",
                    b -> b.changeDefaultNullHandling(h -> JsonSetter.Value.forValueNulls(nulls))));
        }
        for (Nulls nulls : new Nulls[] {Nulls.SKIP, Nulls.AS_EMPTY, Nulls.FAIL}) {
            all.add(new Toggle(
                    "content nulls " + nulls,
                    "nulls",
                    b -> b.changeDefaultNullHandling(h -> JsonSetter.Value.forContentNulls(nulls))));
        }
        return List.copyOf(all);
    }

    private static List<Toggle> coercions() {
        List<Toggle> all = new ArrayList<>();
        all.add(new Toggle(
                "blank is empty", null, b -> b.withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(true))));
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.EmptyString,
            CoercionInputShape.EmptyArray,
            CoercionInputShape.EmptyObject,
            CoercionInputShape.Integer,
            CoercionInputShape.Float,
            CoercionInputShape.String,
            CoercionInputShape.Boolean,
        }) {
            for (CoercionAction action : CoercionAction.values()) {
                all.add(new Toggle(
                        "coerce " + shape + " " + action,
                        "coerce " + shape,
                        b -> b.withCoercionConfigDefaults(c -> c.setCoercion(shape, action))));
                for (LogicalType type : LogicalType.values()) {
                    all.add(new Toggle(
                            "coerce " + shape + " to " + type + " " + action,
                            "coerce " + shape + " to " + type,
                            b -> b.withCoercionConfig(type, c -> c.setCoercion(shape, action))));
                }
            }
        }
        return List.copyOf(all);
    }

    private static void naming(List<Toggle> all, String name, PropertyNamingStrategy strategy) {
        all.add(new Toggle(name, "naming", b -> b.propertyNamingStrategy(strategy)));
    }
}
