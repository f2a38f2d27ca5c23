package dev.instructor.schema;

import dev.instructor.internal.schema.SchemaWrapping;
import dev.instructor.internal.schema.TypeSchemaGenerator;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas for Java types, as Jackson binds them: the schema an LLM is asked to fill for a caller's record, POJO,
 * enum, collection or scalar type. Output is plain JSON Schema draft 2020-12; {@link SchemaDialect} rewrites it for a
 * provider.
 *
 * <h2>What is generated</h2>
 * <ul>
 *   <li>Records and POJOs become objects whose properties are what the mapper's deserializer reads, under its names:
 *       fields (records: components), then properties read through accessors or creators without a field of their
 *       name (Jackson 3 calls {@code getURL()/setURL()} {@code URL}). Jackson's rules decide: {@code @JsonProperty}
 *       names and access, {@code @JsonIgnore}, {@code @JsonIgnoreProperties}, {@code @JsonIncludeProperties},
 *       {@code @JsonIgnoreType}, {@code @JsonNaming} and the mapper's naming strategy, builders; properties Jackson
 *       writes but does not read (read-only, computed getters) are left out, and {@code @JsonAlias} changes nothing.
 *       Declaration order unless {@code @JsonPropertyOrder} says otherwise; {@code additionalProperties: false}, or
 *       the any-setter's value type for a class with {@code @JsonAnySetter}.
 *   <li>Required: primitives; properties marked {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} or
 *       {@code @JsonProperty(required = true)}; and every creator parameter (record component) that is not an
 *       {@code Optional}, since a record has no defaults. {@code Optional<T>} properties are never required and may
 *       be {@code null}.
 *   <li>Descriptions from {@link dev.instructor.Description}, {@code @JsonClassDescription} and
 *       {@code @JsonPropertyDescription}; constraints from Jakarta Validation ({@code @Size}, {@code @Min},
 *       {@code @Max}, {@code @DecimalMin}, {@code @DecimalMax}, {@code @Positive}, {@code @PositiveOrZero},
 *       {@code @Negative}, {@code @NegativeOrZero}, {@code @Pattern}, {@code @Email}).
 *   <li>Enums as {@code enum} of the strings Jackson writes ({@code @JsonValue}, {@code @JsonProperty} on constants);
 *       {@code Set} with its items' distinctness and a {@code @Size(max)} in its description, not as {@code
 *       uniqueItems} or {@code maxItems}, since Jackson drops a repeat; {@code Map<String, T>} as {@code
 *       additionalProperties: T};
 *       {@code java.time} types as strings with {@code format} {@code date}, {@code date-time}, {@code time} or
 *       {@code duration} ({@code LocalDateTime} and {@code LocalTime} have no offset, so a pattern instead of a
 *       format; {@code Duration} and {@code Period} add a pattern for the parts Jackson reads); other JDK values
 *       Jackson writes as strings or numbers ({@code URL}, {@code Locale}, {@code Year}) as those.
 *   <li>Jackson's shapes: a class with {@code @JsonFormat(shape = ARRAY)} as the array of its values
 *       ({@code prefixItems}) as Jackson reads them (Jackson 3.1 also writes a computed getter's value among them,
 *       but reads no position for it: one ordered between the values shifts them, so Jackson misreads its own output
 *       of such a type, while an answer conforming to the schema reads right); a property's {@code @JsonFormat} as
 *       Jackson applies it (numbers as strings, enums as ordinals, dates in their pattern, or as the timestamps or
 *       arrays of fields Jackson writes for
 *       {@code shape = NUMBER}, with the unit in the description; objects as arrays of their values); a class with
 *       {@code @JsonIdentityInfo} as {@code anyOf} the object (with its generated id as first property, or after
 *       the type id) or the id of one given earlier; an object identified by a property Jackson writes as an object
 *       or array is in full only, as Jackson reads no reference to it (and none at all where that property is a
 *       creator parameter: such a type is rejected with {@link IllegalArgumentException}).
 *   <li>A type used more than once or recursively is defined once under {@code $defs} and referenced with
 *       {@code $ref}; a type referring back to the root refers to {@code "#"}.
 * </ul>
 *
 * <h2>Polymorphism</h2>
 * A type Jackson reads polymorphically ({@code @JsonTypeInfo} on it or a supertype, with subtypes from
 * {@code @JsonSubTypes}, from a sealed type's permitted subclasses, or registered on the mapper) becomes
 * {@code anyOf} over its concrete subtypes. With {@code include = PROPERTY} (Jackson's default) each subtype's
 * object lists the type-id property first, as a required string {@code const} holding the id Jackson writes (for
 * {@code Id.NAME} without {@code @JsonTypeName}, the class name without its package, e.g. {@code "Shapes$Circle"}).
 * In the union a subtype carries the union's type id, as Jackson reads it there, even where the subtype has
 * {@code @JsonTypeInfo} of its own (or {@code Id.NONE}), which applies where a property is declared as the subtype;
 * such a subtype, and one with an identity of its own, is defined twice, as {@code "Base.Sub"} in the union and
 * {@code "Sub"} elsewhere. {@code WRAPPER_OBJECT}, {@code WRAPPER_ARRAY} (an {@code [id, value]} pair, which
 * OpenAI's strict mode only approximates) and {@code Id.DEDUCTION} are supported too; {@code EXTERNAL_PROPERTY} is rejected with
 * {@link IllegalArgumentException}, as the type id sits outside the value. A sealed interface or abstract class
 * <em>without</em> {@code @JsonTypeInfo} is rejected with {@link IllegalArgumentException}: Jackson 3.1 writes such
 * values without any type id and cannot read them back, so no schema could make the model's answer bindable. Annotate
 * it with {@code @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)}.
 *
 * <h2>Top-level wrapping</h2>
 * Providers accept only an object at the root. For a type whose schema is not a plain object (a list, an enum, a
 * string, a number, an abstract polymorphic type) {@link #needsWrapping(Type)} is true and {@link #wrap(ObjectNode,
 * String)} puts the schema under one required property, {@link #ITEMS} for arrays and collections and {@link #VALUE}
 * otherwise ({@link #wrapperKey(Type)}); the model's answer is then unwrapped from that property.
 *
 * <p>All methods are pure functions, safe to call from any thread; each returns a new tree.
 */
public final class JsonSchemas {
    /** The wrapper property holding an array or collection root: {@value}. */
    public static final String ITEMS = "items";

    /** The wrapper property holding any other non-object root: {@value}. */
    public static final String VALUE = "value";

    private JsonSchemas() {}

    /**
     * Returns the plain JSON Schema for {@code type}, reading polymorphic type information with a default
     * {@link JsonMapper}.
     *
     * @param type a {@link Class} or a generic type such as a {@link ParameterizedType} for {@code List<Idea>}
     * @throws IllegalArgumentException if Jackson could not bind the type from any JSON the schema allows (see the
     *     class comment on polymorphism)
     */
    public static ObjectNode generate(Type type) {
        return DefaultGenerator.INSTANCE.generate(Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns the plain JSON Schema for {@code type}, reading polymorphic type information (mix-ins, registered
     * subtypes) through {@code mapper}, which should be the mapper that binds the answer. Dates and durations are
     * asked for as ISO strings even where {@code mapper} writes them as timestamps
     * ({@code DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS}): it reads those strings too, and a model writes a date
     * more reliably than it computes epoch seconds or an array of fields. A property's own {@code @JsonFormat}
     * still shapes its schema, and so does a format the mapper's config override gives a type
     * ({@code withConfigOverride(Instant.class, o -> o.setFormat(...))}), wherever a value of that type is: in a
     * property, an element, a map value, or the root ({@code List<Instant>}, {@code Instant}), as Jackson applies it.
     *
     * @throws IllegalArgumentException as {@link #generate(Type)}
     */
    public static ObjectNode generate(Type type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        // Built per call: cheap next to an LLM request, and a cache keyed by mapper would keep mappers alive.
        return new TypeSchemaGenerator(Objects.requireNonNull(mapper, "mapper")).generate(type);
    }

    /**
     * Returns whether the schema of {@code type}, read with a default mapper, must be wrapped in an object before a
     * provider accepts it; {@link dev.instructor.ResponseModel#isWrapped()} answers for the model's own mapper.
     */
    public static boolean needsWrapping(Type type) {
        return needsWrapping(generate(type));
    }

    /** Returns whether {@code schema}'s root is anything but a plain object schema (with {@code properties}). */
    public static boolean needsWrapping(ObjectNode schema) {
        return !SchemaWrapping.isObjectRoot(schema);
    }

    /**
     * Returns the wrapper property for {@code type}: {@link #ITEMS} for arrays, {@code Iterable}s and their
     * subtypes, {@link #VALUE} for everything else, a Jackson {@code JsonNode} among them unless it is an
     * {@code ArrayNode}: a tree iterates its children, but holds any value.
     */
    public static String wrapperKey(Type type) {
        Class<?> raw = rawClass(Objects.requireNonNull(type, "type"));
        boolean list = raw.isArray()
                || (Iterable.class.isAssignableFrom(raw)
                        && (!JsonNode.class.isAssignableFrom(raw) || ArrayNode.class.isAssignableFrom(raw)));
        return list ? ITEMS : VALUE;
    }

    /**
     * Returns {@code {"type":"object","properties":{key: schema},"required":[key],"additionalProperties":false}},
     * with {@code schema}'s {@code $schema} and {@code $defs} moved to the new root so that its references still
     * resolve; a reference to the old root ({@code "#"}) is redirected to a definition holding it.
     *
     * @param schema the schema to wrap; not modified
     * @param key the wrapper property, normally {@link #wrapperKey(Type)}
     */
    public static ObjectNode wrap(ObjectNode schema, String key) {
        return SchemaWrapping.wrap(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(key, "key"));
    }

    /**
     * Returns the schema a provider accepts for {@code type}: {@link #generate(Type)}, wrapped under
     * {@link #wrapperKey(Type)} if {@link #needsWrapping(ObjectNode)}. It is read with a default mapper and without a
     * type token's root bounds; the schema a call sends is {@link dev.instructor.ResponseModel#schema()}, which uses
     * the model's mapper and bounds.
     */
    public static ObjectNode generateWrapped(Type type) {
        ObjectNode schema = generate(type);
        return needsWrapping(schema) ? wrap(schema, wrapperKey(type)) : schema;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    /** Holds the shared generator, built on first use. */
    private static final class DefaultGenerator {
        static final TypeSchemaGenerator INSTANCE =
                new TypeSchemaGenerator(JsonMapper.builder().build());
    }
}
