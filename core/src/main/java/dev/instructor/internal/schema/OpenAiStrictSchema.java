package dev.instructor.internal.schema;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a plain schema for OpenAI Structured Outputs with {@code strict: true} (Chat Completions
 * {@code response_format} and Responses {@code text.format}, and strict function tools).
 *
 * <p>Followed: OpenAI's "Supported schemas" section of the Structured Outputs guide (platform.openai.com/docs/guides/
 * structured-outputs, as published in late 2025). Supported types string, number, boolean, integer, object, array,
 * enum, anyOf; supported keywords: strings {@code pattern} and {@code format} (date-time, time, date, duration, email,
 * hostname, ipv4, ipv6, uuid), numbers {@code multipleOf}, {@code maximum}, {@code exclusiveMaximum},
 * {@code minimum}, {@code exclusiveMinimum}, arrays {@code minItems}, {@code maxItems}; {@code $defs}/{@code $ref}
 * including recursion; {@code const}. Required: every property listed in {@code required}, optional ones expressed as
 * nullable; {@code additionalProperties: false} on every object; the root an object, not {@code anyOf}. Not
 * supported: {@code allOf}, {@code not}, {@code if/then/else}, {@code dependentRequired}, {@code dependentSchemas},
 * and (a known API behaviour, not in that list) keywords beside {@code $ref}.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Keywords outside the supported list that carry meaning ({@code minLength}, {@code maxLength},
 *       {@code uniqueItems}, {@code contentEncoding}, an unsupported {@code format}, ...) move into the description
 *       text; {@code $schema}, {@code default}, {@code examples}, {@code title}, {@code readOnly}, {@code writeOnly},
 *       {@code deprecated} are dropped.
 *   <li>A property that was optional becomes required and nullable: {@code "type": ["T", "null"]} (with
 *       {@code null} added to an {@code enum}), or {@code anyOf [..., {"type": "null"}]} for references and unions.
 *       The binder therefore sees {@code null} where the plain schema would have had the property missing.
 *   <li>{@code oneOf} becomes {@code anyOf}; a {@code $ref} with sibling keywords (a described nested record) is
 *       replaced by a copy of its definition carrying those keywords, as OpenAI's own SDK does.
 *   <li>A map ({@code additionalProperties} with a schema) cannot be expressed: strict mode requires
 *       {@code additionalProperties: false}, so the rewrite fails with {@link IllegalArgumentException} naming the
 *       property's path. Use a list of entries, or non-strict mode.
 *   <li>A schema that allows any value (from {@code Object} or {@code JsonNode}) fails the same way: strict mode
 *       needs a type everywhere.
 *   <li>A positional array ({@code prefixItems}, from {@code @JsonFormat(shape = ARRAY)}, a date Jackson writes as
 *       numbers, or {@code @JsonTypeInfo(include = WRAPPER_ARRAY)}) is not in the supported list: it becomes one
 *       {@code items} schema ({@code anyOf} the positions' schemas where they differ), keeping {@code minItems} and
 *       {@code maxItems}, with the order in the description ({@link PositionalArrays#flatten}). What Jackson writes
 *       still conforms; an answer with its values in the wrong places conforms too, and fails in the binding, which
 *       is the most this mode can say.
 *   <li>A root that is not an object fails with {@link IllegalArgumentException}: wrap it first
 *       ({@code JsonSchemas.wrap}).
 * </ul>
 */
public final class OpenAiStrictSchema {
    private static final Set<String> SUPPORTED_FORMATS =
            Set.of("date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid");

    private static final Set<String> MOVED_TO_DESCRIPTION = Set.of(
            "minLength",
            "maxLength",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "minContains",
            "maxContains",
            "contentEncoding");

    private static final Set<String> DROPPED =
            Set.of("$schema", "$id", "$comment", "default", "examples", "title", "readOnly", "writeOnly", "deprecated");

    private OpenAiStrictSchema() {}

    /** Returns the strict-mode form of {@code schema}, a new tree. */
    public static ObjectNode rewrite(ObjectNode schema) {
        if (!SchemaWrapping.isObjectRoot(schema)) {
            throw new IllegalArgumentException("OpenAI strict mode needs an object schema at the root, not "
                    + describe(schema) + "; wrap it first with JsonSchemas.wrap");
        }
        ObjectNode root = schema.deepCopy();
        return new OpenAiStrictSchema.Pass(schema).node(root, "");
    }

    private static String describe(ObjectNode schema) {
        if (schema.has("anyOf") || schema.has("oneOf")) {
            return "a union (anyOf)";
        }
        return schema.has("type") ? "type " + schema.get("type") : "a schema without a type";
    }

    /** One rewrite, holding the original root to resolve references against. */
    private record Pass(ObjectNode original) {
        ObjectNode node(ObjectNode node, String path) {
            AllOfParts.merge(node); // the dialect takes no allOf: its parts are merged, not dropped
            ObjectNode current = References.inlineWithSiblings(original, node);
            if (current.has("oneOf")) {
                current.set("anyOf", current.remove("oneOf"));
            }
            if (current.has("prefixItems") || current.path("items").isBoolean()) {
                PositionalArrays.flatten(current); // before the titles that name its positions are dropped
            }
            DROPPED.forEach(current::remove);
            JsonNode format = current.get("format");
            if (format != null && !SUPPORTED_FORMATS.contains(format.asString())) {
                ConstraintText.moveToDescription(current, Set.of("format"));
            }
            ConstraintText.moveToDescription(current, MOVED_TO_DESCRIPTION);
            Nullability.allowNullInEnum(current);
            if (!constrainsType(current)) {
                throw new IllegalArgumentException("OpenAI strict mode needs a type for every value, but the schema at "
                        + (path.isEmpty() ? "/" : path) + " allows anything (an Object or JsonNode property?)");
            }
            if (current.has("properties") || Subschemas.isObject(current)) {
                closeObject(current, path);
            }
            Subschemas.rewriteChildren(current, path, this::node);
            return current;
        }

        private static boolean constrainsType(ObjectNode node) {
            return node.has("type")
                    || node.has("$ref")
                    || node.has("anyOf")
                    || node.has("enum")
                    || node.has("const")
                    || node.has("properties");
        }

        private static void closeObject(ObjectNode node, String path) {
            JsonNode additional = node.get("additionalProperties");
            if (additional != null && (additional.isObject() || additional.asBoolean(false))) {
                throw new IllegalArgumentException("OpenAI strict mode cannot express a map (an object with"
                        + " additionalProperties) at " + (path.isEmpty() ? "/" : path) + "; use a list of entries"
                        + " or a record, or turn strict mode off");
            }
            node.put("additionalProperties", false);
            ObjectNode properties = node.has("properties") ? (ObjectNode) node.get("properties") : null;
            if (properties == null) {
                node.putObject("properties");
                node.putArray("required");
                return;
            }
            Set<String> wasRequired = new HashSet<>();
            node.path("required").forEach(name -> wasRequired.add(name.asString()));
            ArrayNode required = node.putArray("required");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                required.add(property.getKey());
                if (!wasRequired.contains(property.getKey()) && property.getValue() instanceof ObjectNode schema) {
                    properties.set(property.getKey(), Nullability.nullable(schema));
                }
            }
        }
    }
}
