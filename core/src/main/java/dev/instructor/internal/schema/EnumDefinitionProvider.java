package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.lang.reflect.Executable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Describes an enum as the {@code enum} of exactly the values the mapper writes for its constants (where it reads them
 * back). Asking the mapper covers {@code @JsonValue}, {@code @JsonProperty} on constants, mix-ins and enum features in
 * one place, and keeps the schema and the binding in agreement.
 */
final class EnumDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;

    EnumDefinitionProvider(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> type = javaType.getErasedType();
        if (!type.isEnum()) {
            return null;
        }
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        ArrayNode values = definition.arrayNode();
        boolean strings = true;
        boolean integers = true;
        boolean numbers = true;
        boolean allRead = true;
        for (Object constant : type.getEnumConstants()) {
            JsonNode value = readable(type, (Enum<?>) constant);
            if (value == null) {
                allRead = false; // read by a factory of the type's own from values the mapper does not write
                continue;
            }
            strings &= value.isString();
            integers &= value.isIntegralNumber();
            numbers &= value.isNumber();
            values.add(value);
        }
        if (values.isEmpty()) {
            // No value is known to read as a constant: the factory's parameter says what the model may write.
            String parameterType = factoryParameterType(type);
            Type parameter = factoryParameter(type);
            if (parameterType != null) {
                definition.put("type", parameterType);
            } else if (parameter != null) {
                // A factory of another type (a record, a list): Jackson reads that value and hands it to the factory.
                // victools fills a reference in only once generation ends, and copies a custom definition's members
                // before: held in an allOf, it is filled in where it stands (the tidying merges the allOf away).
                definition
                        .putArray("allOf")
                        .add(context.createDefinitionReference(
                                context.getTypeContext().resolve(parameter)));
            }
            return new CustomDefinition(definition, true);
        }
        if (strings) {
            definition.put("type", "string");
        } else if (integers) {
            definition.put("type", "integer");
        } else if (numbers) {
            definition.put("type", "number");
        }
        definition.set("enum", values);
        if (integers && allRead) {
            nameNumbers(definition, type, values);
        }
        return new CustomDefinition(definition, true);
    }

    /**
     * Returns the value the mapper writes for {@code constant} if it reads that back as the constant, else the first of
     * its name and its {@code toString()} that it reads so: a mapper may write what it does not read
     * ({@code WRITE_ENUMS_TO_LOWERCASE} without {@code ACCEPT_CASE_INSENSITIVE_ENUMS}, {@code
     * WRITE_ENUMS_USING_TO_STRING} without {@code READ_ENUMS_USING_TO_STRING}), and an answer holding it fails the
     * binding. Null when none reads back (a {@code @JsonCreator} factory that reads codes of its own): the schema then
     * leaves the constant out, as an answer holding any of those values fails the binding or reads as another constant,
     * or as null.
     */
    private JsonNode readable(Class<?> type, Enum<?> constant) {
        JsonNode written = mapper.valueToTree(constant);
        if (readsAs(written, type, constant)) {
            return written;
        }
        for (String candidate : new String[] {constant.name(), constant.toString()}) {
            JsonNode text = StringNode.valueOf(candidate);
            if (readsAs(text, type, constant)) {
                return text;
            }
        }
        return null;
    }

    /**
     * The JSON type of the one parameter of the type's {@code @JsonCreator} factory or constructor, or null when
     * there is none, or it takes something else than a string, number or boolean.
     */
    private static String factoryParameterType(Class<?> type) {
        Type generic = factoryParameter(type);
        if (generic != null) {
            Class<?> parameter = generic instanceof Class<?> raw ? raw : Object.class;
            if (CharSequence.class.isAssignableFrom(parameter)) {
                return "string";
            }
            if (parameter == int.class
                    || parameter == long.class
                    || parameter == short.class
                    || parameter == byte.class
                    || parameter == Integer.class
                    || parameter == Long.class
                    || parameter == Short.class
                    || parameter == Byte.class
                    || parameter == java.math.BigInteger.class) {
                return "integer";
            }
            if (parameter == double.class || parameter == float.class || Number.class.isAssignableFrom(parameter)) {
                return "number";
            }
            if (parameter == boolean.class || parameter == Boolean.class) {
                return "boolean";
            }
        }
        return null;
    }

    /**
     * The type of the one parameter of the type's {@code @JsonCreator} factory or constructor, or null when there is
     * none.
     */
    private static Type factoryParameter(Class<?> type) {
        List<Executable> creators = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        creators.addAll(List.of(type.getDeclaredMethods()));
        for (Executable creator : creators) {
            JsonCreator annotation = creator.getAnnotation(JsonCreator.class);
            if (annotation != null
                    && annotation.mode() != JsonCreator.Mode.DISABLED
                    && creator.getParameterCount() == 1) {
                return creator.getGenericParameterTypes()[0];
            }
        }
        return null;
    }

    private boolean readsAs(JsonNode value, Class<?> type, Enum<?> constant) {
        try {
            return mapper.treeToValue(value, type) == constant;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * Says in {@code schema}'s description which constant each of {@code numbers} (one per constant, in declaration
     * order) stands for: an enum written as numbers ({@code @JsonFormat(shape = NUMBER)},
     * {@code WRITE_ENUMS_USING_INDEX}) is otherwise a list of integers the model cannot tell apart.
     */
    static void nameNumbers(ObjectNode schema, Class<?> type, ArrayNode numbers) {
        Object[] constants = type.getEnumConstants();
        List<String> pairs = new ArrayList<>(constants.length);
        for (int i = 0; i < constants.length; i++) {
            pairs.add(numbers.get(i).asString() + " = " + ((Enum<?>) constants[i]).name());
        }
        ConstraintText.appendLater(schema, "The numbers stand for: " + String.join(", ", pairs) + ".");
    }
}
