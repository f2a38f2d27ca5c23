package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.jsonFormatVisitors.JsonBooleanFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonIntegerFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonNumberFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonStringFormatVisitor;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class that Jackson writes as a JSON string, number or boolean through its own serializer, where victools
 * would describe it as an object of its fields: JDK value types such as {@code URL}, {@code Locale} and
 * {@code ZoneId} (strings) or {@code Year} (an integer), and caller classes with a scalar
 * serializer ({@code @JsonSerialize(using = ToStringSerializer.class)}).
 *
 * <p>The kind of value comes from the mapper's own serializer (its JSON format visitor). Only the kind: the formats
 * Jackson's java.time serializers declare are not what they write ({@code YearMonth} claims {@code date-time}), so
 * none is given; and only where victools' standard definition is an object, so that the types victools knows (with
 * their formats) keep its definition.
 */
final class ScalarDefinitionProvider implements CustomDefinitionProviderV2 {
    /**
     * The mapper's writer with dates and durations as strings. The schema asks the model for ISO strings whatever the
     * caller's mapper writes, as the mapper reads them too (see {@code JsonSchemas}); and under
     * {@code WRITE_DATES_AS_TIMESTAMPS} a {@code MonthDay}'s serializer announces an array, which made it an object
     * schema, though it writes and reads a string all the same.
     */
    private final ObjectWriter writer;

    /** The types whose standard definition this thread is making, to be left alone when met again inside it. */
    private final ThreadLocal<Set<ResolvedType>> asking = ThreadLocal.withInitial(HashSet::new);

    ScalarDefinitionProvider(ObjectMapper mapper) {
        this.writer = mapper.writer()
                .without(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .without(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isPrimitive()
                || raw.isArray()
                || raw.isEnum()
                || Modifier.isAbstract(raw.getModifiers())
                || Map.class.isAssignableFrom(raw)
                || context.getTypeContext().isContainerType(javaType)) {
            return null;
        }
        String kind = scalarKind(raw);
        if (kind == null || !isObjectByDefault(javaType, context)) {
            return null;
        }
        ObjectNode definition = context.getGeneratorConfig().createObjectNode().put("type", kind);
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
    }

    /**
     * Whether victools' own definition of {@code type} is an object. A type met again among its own fields while this
     * is asked ({@code Class}, whose fields are classes) is taken for one: asking again would never end, and its
     * definition is then the scalar, so that the fields of its standard definition, which is dropped, refer to none.
     */
    private boolean isObjectByDefault(ResolvedType type, SchemaGenerationContext context) {
        Set<ResolvedType> asking = this.asking.get();
        if (!asking.add(type)) {
            return true;
        }
        try {
            return Subschemas.isObject(context.createStandardDefinition(type, this));
        } finally {
            asking.remove(type);
            if (asking.isEmpty()) {
                this.asking.remove(); // a generator is made per call: leave the thread nothing of it
            }
        }
    }

    /** The JSON type Jackson's serializer for {@code type} writes, when it is a scalar one; null otherwise. */
    private String scalarKind(Class<?> type) {
        ScalarKind visitor = new ScalarKind();
        try {
            writer.acceptJsonFormatVisitor(type, visitor);
        } catch (JacksonException | IllegalArgumentException e) {
            return null; // no serializer Jackson could describe: leave the type to victools
        }
        return visitor.kind;
    }

    /** Records which scalar kind a serializer announces; every other kind leaves it null. */
    private static final class ScalarKind extends JsonFormatVisitorWrapper.Base {
        private String kind;

        @Override
        public JsonStringFormatVisitor expectStringFormat(JavaType type) {
            kind = "string";
            return null;
        }

        @Override
        public JsonNumberFormatVisitor expectNumberFormat(JavaType type) {
            kind = "number";
            return null;
        }

        @Override
        public JsonIntegerFormatVisitor expectIntegerFormat(JavaType type) {
            kind = "integer";
            return null;
        }

        @Override
        public JsonBooleanFormatVisitor expectBooleanFormat(JavaType type) {
            kind = "boolean";
            return null;
        }
    }
}
