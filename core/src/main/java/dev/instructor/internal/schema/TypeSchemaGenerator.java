package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.TypeScope;
import com.github.victools.jsonschema.generator.impl.module.FlattenedOptionalModule;
import com.github.victools.jsonschema.generator.impl.module.FlattenedWrapperModule;
import com.github.victools.jsonschema.module.jackson.JsonPropertySorter;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.instructor.Description;
import jakarta.validation.groups.Default;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates plain JSON Schema (draft 2020-12) for Java types as Jackson binds them, on top of victools'
 * jsonschema-generator with its Jakarta Validation module.
 *
 * <p>Implementation notes. Properties are what the mapper's deserializer reads ({@link JacksonProperties}), under its
 * names: fields (records: their components) where Jackson reads one, in declaration order unless
 * {@code @JsonPropertyOrder} says otherwise, then properties without a field of their name, described through their
 * getter ({@link ReadPropertiesDefinitionProvider}). A property is required when it is primitive, carries
 * {@code @NotNull/@NotBlank/@NotEmpty} or {@code @JsonProperty(required = true)}, fails on null, or is a creator
 * parameter (a record component) whose type is not an {@code Optional} and that Jackson does not leave out when
 * writing: a record has no defaults, so every component the caller did not mark optional is expected, as Instructor
 * expects every field without a default ({@link PropertyRules}).
 * {@code Optional} properties are nullable; read-only properties ({@code @JsonProperty(access = READ_ONLY)}, computed
 * getters) are left out, as Jackson ignores them when reading. Every object schema except a map's, or one with an
 * any-setter, says {@code additionalProperties: false}.
 *
 * <p>Where victools' view of a type differs from Jackson's, ours decides, each asking the mapper:
 * <ul>
 *   <li>a type the mapper's config override gives a format is in that format wherever no property's own says
 *       otherwise ({@link TypeFormatDefinitionProvider});
 *   <li>enums are what the mapper writes ({@link EnumDefinitionProvider}), a value object is its {@code @JsonValue}
 *       ({@link JsonValueDefinitionProvider}), a class Jackson writes as a string or number is one
 *       ({@link ScalarDefinitionProvider}), a few JDK types are as narrow as Jackson reads them
 *       ({@link JdkTypeDefinitionProvider}), and Jackson's trees as wide ({@link JsonTreeDefinitionProvider});
 *   <li>a class with {@code @JsonFormat(shape = ARRAY)} is that array ({@link ArrayShapeDefinitionProvider}), one
 *       with an object identity the object or its id ({@link IdentityDefinitionProvider}), and a property's
 *       {@code @JsonFormat} gives it its shape (an array of an object's values, too) or pattern
 *       ({@link PropertyFormatDefinitionProvider});
 *   <li>polymorphism follows the mapper's type info with the discriminator first ({@link PolymorphicTypes}),
 *       {@code @JsonUnwrapped} values are flattened into their enclosing object
 *       ({@link UnwrappedDefinitionProvider}), and a map's keys are the names Jackson reads ({@link MapKeyNames}).
 * </ul>
 *
 * <p>Instances are safe to share between threads.
 */
public final class TypeSchemaGenerator {
    private static final Set<String> NUMERIC_KEYWORDS =
            Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");

    private final SchemaGenerator generator;

    /** A generator that reads polymorphic type information through {@code mapper}'s configuration. */
    public TypeSchemaGenerator(ObjectMapper mapper) {
        SchemaGeneratorConfigBuilder builder =
                new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON);
        builder.with(
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.DUPLICATE_MEMBER_ATTRIBUTE_CLEANUP_AT_THE_END,
                // Asks the nullable check below about a property's items too: an Optional item may be null.
                Option.NULLABLE_ARRAY_ITEMS_ALLOWED);
        // victools' own module takes an Optional<List<T>> property's Optional for its items' too: see OptionalItems.
        builder.without(Option.FLATTENED_OPTIONALS).with(new OptionalItems());
        // Jackson reads an AtomicReference as it reads an Optional: the value itself, or null.
        builder.with(new ReferenceItems<>(AtomicReference.class));
        // Registered before the Jakarta module (which applies itself at build time), so these resolvers win.
        JacksonPolymorphism polymorphism = new JacksonPolymorphism(mapper);
        JacksonProperties properties = new JacksonProperties(mapper, polymorphism);
        PropertyRules rules = new PropertyRules(properties);
        PolymorphicTypes polymorphicTypes = new PolymorphicTypes(polymorphism);
        ArrayShapeDefinitionProvider arrayShapes = new ArrayShapeDefinitionProvider(mapper, polymorphicTypes);
        IdentityDefinitionProvider identities = new IdentityDefinitionProvider(mapper, polymorphicTypes);
        FormattedValues formattedValues = new FormattedValues(mapper);
        TypeFormatDefinitionProvider typeFormats = new TypeFormatDefinitionProvider(mapper, formattedValues);
        // In order: the config overrides' formats before the types' usual forms; each of the last four builds on the
        // definition the providers after it give.
        builder.forTypesInGeneral()
                .withCustomDefinitionProvider(typeFormats)
                .withCustomDefinitionProvider(new JdkTypeDefinitionProvider())
                .withCustomDefinitionProvider(new JsonTreeDefinitionProvider())
                .withCustomDefinitionProvider(new EnumDefinitionProvider(mapper))
                .withCustomDefinitionProvider(new JsonValueDefinitionProvider(mapper))
                .withCustomDefinitionProvider(new ScalarDefinitionProvider(mapper))
                .withCustomDefinitionProvider(arrayShapes)
                .withCustomDefinitionProvider(identities)
                .withCustomDefinitionProvider(new UnwrappedDefinitionProvider(polymorphicTypes, properties))
                .withCustomDefinitionProvider(new ReadPropertiesDefinitionProvider(properties, polymorphicTypes))
                .withSubtypeResolver(new UnionMembers(polymorphicTypes, polymorphism, identities::hasIdentity))
                .withDefinitionNamingStrategy(new UnionMemberNaming())
                .withTypeAttributeOverride(polymorphicTypes)
                .withTypeAttributeOverride(new MapKeyNames(mapper))
                .withTypeAttributeOverride(new SetItems())
                .withDescriptionResolver(TypeSchemaGenerator::typeDescription)
                .withPropertySorter(new JsonPropertySorter(false));
        PropertyFormatDefinitionProvider formats =
                new PropertyFormatDefinitionProvider(mapper, rules, arrayShapes, formattedValues, typeFormats);
        IgnoredMembersDefinitionProvider ignoredMembers = new IgnoredMembersDefinitionProvider(mapper, rules);
        // Last of the member providers: it asks victools for the member's schema, which skips the providers before it.
        NestedElements nestedElements = new NestedElements();
        builder.forFields()
                .withCustomDefinitionProvider(formats::forField)
                .withCustomDefinitionProvider(ignoredMembers::forField)
                .withCustomDefinitionProvider(nestedElements.fields)
                .withIgnoreCheck(rules::isIgnored)
                .withPropertyNameOverrideResolver(rules::name)
                .withDescriptionResolver(TypeSchemaGenerator::propertyDescription)
                .withInstanceAttributeOverride(UnexpressedConstraints::describe)
                .withInstanceAttributeOverride(MapKeyConstraints::describe)
                .withRequiredCheck(rules::isRequired)
                .withNullableCheck(TypeSchemaGenerator::nullableIfOptional);
        // Methods are never collected as properties; these describe the getters ReadPropertiesDefinitionProvider uses.
        builder.forMethods()
                .withCustomDefinitionProvider(formats::forMethod)
                .withCustomDefinitionProvider(ignoredMembers::forMethod)
                .withCustomDefinitionProvider(nestedElements.methods)
                .withDescriptionResolver(TypeSchemaGenerator::propertyDescription)
                .withInstanceAttributeOverride(UnexpressedConstraints::describe)
                .withInstanceAttributeOverride(MapKeyConstraints::describe)
                .withRequiredCheck(rules::isRequired)
                .withNullableCheck(TypeSchemaGenerator::nullableIfOptional);
        // Only the default group's constraints: validation checks those, and the schema promises no others.
        builder.with(new FullMatchValidationModule(
                        JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS)
                .forValidationGroups(Default.class));
        SchemaGeneratorConfig config = builder.build();
        this.generator = new SchemaGenerator(config, new JacksonTypeContext(config));
    }

    /** The plain schema for {@code type}, a new tree on every call. */
    public ObjectNode generate(Type type) {
        ObjectNode schema = generator.generateSchema(type);
        return tidy(schema, "");
    }

    /**
     * Removes {@code additionalProperties} where victools puts it on a node that is not an object schema (a nullable
     * enum's {@code anyOf}, for one): it is meaningless there and strict providers reject stray keywords. Writes the
     * sentences providers noted for descriptions ({@link ConstraintText#appendLater}). Puts the
     * Jakarta bounds of a number Jackson writes as a string ({@code @JsonFormat(shape = STRING) @Min(1) int}) into its
     * description: beside {@code type: string} the numeric keywords would constrain nothing, but the bound still
     * holds, as our validation checks it on the bound value.
     */
    private static ObjectNode tidy(ObjectNode node, String path) {
        if (node.has("additionalProperties") && !node.has("properties") && !Subschemas.isObject(node)) {
            node.remove("additionalProperties");
        }
        mergeRepeatedParts(node);
        ConstraintText.appendPending(node);
        if (node.has("type") && !Subschemas.hasType(node, "number") && !Subschemas.hasType(node, "integer")) {
            ConstraintText.moveToDescription(node, NUMERIC_KEYWORDS);
        }
        Subschemas.rewriteChildren(node, path, TypeSchemaGenerator::tidy);
        return node;
    }

    /**
     * Removes an {@code allOf} whose parts only repeat the node's schema (or, on a node of nothing else, its first
     * part) and add at most a description. victools splits a map property's schema so, both sides alike, and merges
     * them back only when it knows every keyword: the marker of {@link ConstraintText#appendLater} (an enum written as
     * numbers, as a map's values) stops it, and Gemini, which takes no {@code allOf}, would lose the whole map.
     */
    private static void mergeRepeatedParts(ObjectNode node) {
        if (!(node.get("allOf") instanceof ArrayNode parts)
                || parts.isEmpty()
                || !(parts.get(0) instanceof ObjectNode)) {
            return;
        }
        ObjectNode merged = node.deepCopy();
        merged.remove("allOf");
        int from = 0;
        if (merged.isEmpty()) {
            merged = ((ObjectNode) parts.get(0)).deepCopy();
            from = 1;
        }
        for (int i = from; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof ObjectNode part)) {
                return;
            }
            for (Map.Entry<String, JsonNode> keyword : part.properties()) {
                JsonNode known = merged.get(keyword.getKey());
                boolean annotation = keyword.getKey().equals("description");
                if (known == null ? !annotation : !known.equals(keyword.getValue())) {
                    return; // a constraint of its own: keep the allOf
                }
            }
            merged.setAll(part);
        }
        node.removeAll();
        node.setAll(merged);
    }

    private static String typeDescription(TypeScope scope) {
        Class<?> type = scope.getType().getErasedType();
        Description description = type.getAnnotation(Description.class);
        if (description != null) {
            return description.value();
        }
        JsonClassDescription jackson = type.getAnnotation(JsonClassDescription.class);
        return jackson == null ? null : jackson.value();
    }

    /** Our {@link Description} wins over Jackson's {@code @JsonPropertyDescription}, on the field or its getter. */
    private static String propertyDescription(MemberScope<?, ?> member) {
        Description description = member.getAnnotationConsideringFieldAndGetter(Description.class);
        if (description != null) {
            return description.value();
        }
        JsonPropertyDescription jackson = member.getAnnotationConsideringFieldAndGetter(JsonPropertyDescription.class);
        return jackson == null ? null : jackson.value();
    }

    /**
     * victools' flattening of {@code Optional}, except that the items of an {@code Optional<List<T>>} are not nullable:
     * the Optional is the list's, and an item the model leaves null is rejected (as in any {@code List<T>}).
     */
    private static final class OptionalItems extends FlattenedOptionalModule {
        @Override
        protected boolean hasMemberWrapperType(MemberScope<?, ?> member) {
            if (member.isFakeContainerItemScope() && !member.getContext().isContainerType(member.getDeclaredType())) {
                return false;
            }
            return super.hasMemberWrapperType(member);
        }
    }

    /** What {@link OptionalItems} does for an {@code Optional}, for another reference type Jackson reads alike. */
    private static final class ReferenceItems<W> extends FlattenedWrapperModule<W> {
        ReferenceItems(Class<W> type) {
            super(type);
        }

        @Override
        protected boolean hasMemberWrapperType(MemberScope<?, ?> member) {
            if (member.isFakeContainerItemScope() && !member.getContext().isContainerType(member.getDeclaredType())) {
                return false;
            }
            return super.hasMemberWrapperType(member);
        }
    }

    private static Boolean nullableIfOptional(MemberScope<?, ?> member) {
        return PropertyRules.isOptional(member.getType().getErasedType()) ? Boolean.TRUE : null;
    }
}
