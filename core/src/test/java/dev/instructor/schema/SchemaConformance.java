package dev.instructor.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A small JSON Schema checker for the keywords our schemas use, so tests can show that what Jackson writes for a
 * value is what the schema asks the model for. Not a general validator: no remote references, and only the formats
 * {@link StringFormats} knows.
 */
final class SchemaConformance {
    private final ObjectNode root;
    private final List<String> errors = new ArrayList<>();

    private SchemaConformance(ObjectNode root) {
        this.root = root;
    }

    /** The violations of {@code schema} by {@code value}, empty when it conforms. */
    static List<String> violations(ObjectNode schema, JsonNode value) {
        SchemaConformance check = new SchemaConformance(schema);
        check.check(schema, value, "$");
        return check.errors;
    }

    private boolean check(JsonNode schema, JsonNode value, String path) {
        int before = errors.size();
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            check(ref.equals("#") ? root : root.at(ref.substring(1)), value, path);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": " + value + " is not of type " + schema.get("type"));
            return false;
        }
        if (schema.has("const") && !numericEquals(schema.get("const"), value)) {
            errors.add(path + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("anyOf")) {
            checkAnyOf(schema.get("anyOf"), value, path);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, path);
        }
        if (value.isObject()) {
            checkObject(schema, value, path);
        } else if (value.isArray()) {
            checkArray(schema, value, path);
        } else if (value.isString()) {
            checkString(schema, value.asString(), path);
        } else if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), path);
        }
        return errors.size() == before;
    }

    private void checkAnyOf(JsonNode branches, JsonNode value, String path) {
        List<String> saved = new ArrayList<>(errors);
        for (JsonNode branch : branches) {
            errors.clear();
            if (check(branch, value, path)) {
                errors.clear();
                errors.addAll(saved);
                return;
            }
        }
        errors.clear();
        errors.addAll(saved);
        errors.add(path + ": " + value + " matches no anyOf branch");
    }

    private void checkObject(JsonNode schema, JsonNode value, String path) {
        JsonNode properties = schema.path("properties");
        if (schema.has("minProperties")
                && value.size() < schema.get("minProperties").asInt()) {
            errors.add(path + ": fewer than " + schema.get("minProperties") + " members");
        }
        if (schema.has("maxProperties")
                && value.size() > schema.get("maxProperties").asInt()) {
            errors.add(path + ": more than " + schema.get("maxProperties") + " members");
        }
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asString())) {
                errors.add(path + ": missing required " + name.asString());
            }
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String at = path + "." + entry.getKey();
            if (schema.get("propertyNames") instanceof ObjectNode names) {
                check(names, StringNode.valueOf(entry.getKey()), at + " (name)");
            }
            if (properties.has(entry.getKey())) {
                check(properties.get(entry.getKey()), entry.getValue(), at);
            } else if (schema.get("additionalProperties") instanceof ObjectNode additional) {
                check(additional, entry.getValue(), at);
            } else if (schema.path("additionalProperties").isBoolean()
                    && !schema.get("additionalProperties").asBoolean()) {
                errors.add(at + ": not allowed");
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            value.forEach(item -> {
                if (!seen.add(item)) {
                    errors.add(path + ": duplicate " + item);
                }
            });
        }
        JsonNode positions = schema.path("prefixItems");
        for (int i = 0; i < value.size(); i++) {
            String at = path + "[" + i + "]";
            if (i < positions.size()) {
                check(positions.get(i), value.get(i), at);
            } else if (schema.get("items") instanceof ObjectNode items) {
                check(items, value.get(i), at);
            } else if (schema.path("items").isBoolean() && !schema.get("items").asBoolean()) {
                errors.add(at + ": not allowed");
            }
        }
    }

    private void checkString(JsonNode schema, String value, String path) {
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength"));
        }
        if (schema.has("format") && !StringFormats.conforms(schema.get("format").asString(), value)) {
            errors.add(path + ": " + value + " is not in format " + schema.get("format"));
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asString())
                        .matcher(value)
                        .find()) {
            errors.add(path + ": does not match " + schema.get("pattern"));
        }
    }

    private void checkNumber(JsonNode schema, BigDecimal value, String path) {
        bound(schema, "minimum", value, path, c -> c >= 0);
        bound(schema, "maximum", value, path, c -> c <= 0);
        bound(schema, "exclusiveMinimum", value, path, c -> c > 0);
        bound(schema, "exclusiveMaximum", value, path, c -> c < 0);
    }

    private void bound(
            JsonNode schema, String keyword, BigDecimal value, String path, java.util.function.IntPredicate ok) {
        if (schema.has(keyword) && !ok.test(value.compareTo(schema.get(keyword).decimalValue()))) {
            errors.add(path + ": " + value + " violates " + keyword + " " + schema.get(keyword));
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" ->
                value.isIntegralNumber()
                        || (value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (numericEquals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean numericEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
