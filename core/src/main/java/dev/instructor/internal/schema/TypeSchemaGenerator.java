package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.TypeScope;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jackson.JsonPropertySorter;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.instructor.Description;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates plain JSON Schema (draft 2020-12) for Java types as Jackson binds them, on top of victools'
 * jsonschema-generator with its Jackson and Jakarta Validation modules.
 *
 * <p>Implementation notes. Properties are fields (records: their components), in declaration order unless
 * {@code @JsonPropertyOrder} says otherwise, named and filtered by Jackson annotations. A property is required when it
 * is primitive, carries {@code @NotNull/@NotBlank/@NotEmpty} or {@code @JsonProperty(required = true)}, or is a record
 * component whose type is not an {@code Optional}: a record has no defaults, so every component the caller did not
 * mark optional is expected, as Instructor expects every field without a default. {@code Optional} properties are
 * nullable; read-only properties ({@code @JsonProperty(access = READ_ONLY)}) are left out, as Jackson ignores them
 * when reading. Every object schema except a map's says {@code additionalProperties: false}.
 *
 * <p>Where victools' view of a type differs from Jackson's, ours decides: enums list what the mapper writes
 * ({@link EnumDefinitionProvider}), a value object is its {@code @JsonValue} ({@link JsonValueDefinitionProvider}), a class Jackson writes as a
 * string or number is one ({@link ScalarDefinitionProvider}), polymorphism follows the mapper's type info with the discriminator first
 * ({@link PolymorphicTypes}), the mapper's naming strategy applies ({@link MapperNaming}), {@code @JsonUnwrapped}
 * values are flattened into their enclosing object ({@link UnwrappedDefinitionProvider}), and a few JDK types get
 * Jackson's shape ({@link JdkTypeDefinitionProvider}).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TypeSchemaGenerator {
    private final SchemaGenerator generator;

    /** A generator that reads polymorphic type information through {@code mapper}'s configuration. */
    public TypeSchemaGenerator(ObjectMapper mapper) {
        SchemaGeneratorConfigBuilder builder =
                new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON);
        builder.with(
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.DUPLICATE_MEMBER_ATTRIBUTE_CLEANUP_AT_THE_END);
        // Registered before the modules (which apply themselves at build time), so these resolvers win.
        PolymorphicTypes polymorphicTypes = new PolymorphicTypes(new JacksonPolymorphism(mapper));
        builder.forTypesInGeneral()
                .withCustomDefinitionProvider(new JdkTypeDefinitionProvider())
                .withCustomDefinitionProvider(new EnumDefinitionProvider(mapper))
                .withCustomDefinitionProvider(new JsonValueDefinitionProvider(mapper))
                .withCustomDefinitionProvider(new ScalarDefinitionProvider(mapper))
                .withCustomDefinitionProvider(new UnwrappedDefinitionProvider())
                .withSubtypeResolver(polymorphicTypes)
                .withTypeAttributeOverride(polymorphicTypes)
                .withDescriptionResolver(TypeSchemaGenerator::typeDescription)
                .withArrayUniqueItemsResolver(TypeSchemaGenerator::uniqueItems)
                .withPropertySorter(new JsonPropertySorter(false));
        builder.forFields()
                .withIgnoreCheck(TypeSchemaGenerator::isReadOnly)
                .withPropertyNameOverrideResolver(new MapperNaming(mapper)::rename)
                .withDescriptionResolver(TypeSchemaGenerator::propertyDescription)
                .withRequiredCheck(TypeSchemaGenerator::isRequired)
                .withNullableCheck(field -> isOptional(field) ? Boolean.TRUE : null);
        builder.with(new JacksonSchemaModule(
                JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                JacksonOption.SKIP_SUBTYPE_LOOKUP,
                JacksonOption.IGNORE_TYPE_INFO_TRANSFORM));
        builder.with(new JakartaValidationModule(
                JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
        this.generator = new SchemaGenerator(builder.build());
    }

    /** The plain schema for {@code type}, a new tree on every call. */
    public ObjectNode generate(Type type) {
        ObjectNode schema = generator.generateSchema(type);
        return tidy(schema, "");
    }

    /**
     * Removes {@code additionalProperties} where victools puts it on a node that is not an object schema (a nullable
     * enum's {@code anyOf}, for one): it is meaningless there and strict providers reject stray keywords.
     */
    private static ObjectNode tidy(ObjectNode node, String path) {
        if (node.has("additionalProperties") && !node.has("properties") && !Subschemas.isObject(node)) {
            node.remove("additionalProperties");
        }
        Subschemas.rewriteChildren(node, path, TypeSchemaGenerator::tidy);
        return node;
    }

    private static String typeDescription(TypeScope scope) {
        Description description = scope.getType().getErasedType().getAnnotation(Description.class);
        return description == null ? null : description.value();
    }

    private static String propertyDescription(FieldScope field) {
        Description description = field.getAnnotationConsideringFieldAndGetter(Description.class);
        return description == null ? null : description.value();
    }

    private static Boolean uniqueItems(TypeScope scope) {
        return Set.class.isAssignableFrom(scope.getType().getErasedType()) ? Boolean.TRUE : null;
    }

    /** A read-only property is written by Jackson but ignored when reading, so the model need not produce it. */
    private static boolean isReadOnly(FieldScope field) {
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        return property != null && property.access() == JsonProperty.Access.READ_ONLY;
    }

    private static boolean isRequired(FieldScope field) {
        if (field.getType().isPrimitive()) {
            return true;
        }
        return field.getDeclaringType().getErasedType().isRecord() && !isOptional(field);
    }

    private static boolean isOptional(MemberScope<?, ?> member) {
        Class<?> type = member.getType().getErasedType();
        return type == Optional.class
                || type == OptionalInt.class
                || type == OptionalLong.class
                || type == OptionalDouble.class;
    }
}
