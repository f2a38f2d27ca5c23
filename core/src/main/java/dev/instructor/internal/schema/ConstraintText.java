package dev.instructor.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves validation keywords a provider rejects out of a schema node and into its description, as a sentence the
 * model reads ("Must have at most 140 characters."). The constraint keeps guiding the model, and our own validation
 * (against the Java type's annotations) still enforces it on the answer.
 */
final class ConstraintText {
    /** Where {@link #appendLater} keeps a sentence until generation ends; never left in a schema. */
    private static final String PENDING = "x-instructor-pending-description";

    private ConstraintText() {}

    /** Removes each of {@code keywords} present in {@code node} and appends its sentence to the description. */
    static void moveToDescription(ObjectNode node, Set<String> keywords) {
        List<String> phrases = new ArrayList<>();
        for (String keyword : List.copyOf(node.propertyNames())) {
            if (keywords.contains(keyword)) {
                String phrase = phrase(keyword, node.get(keyword));
                node.remove(keyword);
                if (phrase != null) {
                    phrases.add(phrase);
                }
            }
        }
        if (phrases.isEmpty()) {
            return;
        }
        appendSentence(node, "Must " + String.join(" and ", phrases) + ".");
    }

    /** Appends {@code sentence} to {@code node}'s description, after a full stop if the description lacks one. */
    static void appendSentence(ObjectNode node, String sentence) {
        node.put("description", joinSentences(node.path("description").asString(""), sentence));
    }

    /**
     * Notes {@code sentence} to be appended to {@code node}'s description once the schema is generated
     * ({@link #appendPending}). A definition provider cannot write it at once: victools fills in the type's and the
     * property's descriptions only where a definition has none, so one written early would replace them, and one
     * already there on a property makes victools split the two into an {@code allOf}.
     */
    static void appendLater(ObjectNode node, String sentence) {
        JsonNode pending = node.get(PENDING);
        node.put(PENDING, pending == null ? sentence : joinSentences(pending.asString(), sentence));
    }

    /** Appends the sentences {@link #appendLater} noted on {@code node}, if any, to its description. */
    static void appendPending(ObjectNode node) {
        JsonNode pending = node.remove(PENDING);
        if (pending != null) {
            appendSentence(node, pending.asString());
        }
    }

    /** Returns {@code first} and {@code second} as one text, with a full stop between if {@code first} lacks one. */
    private static String joinSentences(String first, String second) {
        String existing = first.strip();
        if (existing.isEmpty()) {
            return second;
        }
        String separator = existing.endsWith(".") || existing.endsWith("!") || existing.endsWith("?") ? " " : ". ";
        return existing + separator + second;
    }

    private static String phrase(String keyword, JsonNode value) {
        String v = value.isString() ? value.asString() : value.toString();
        return switch (keyword) {
            case "minLength" -> "have at least " + v + (v.equals("1") ? " character" : " characters");
            case "maxLength" -> "have at most " + v + (v.equals("1") ? " character" : " characters");
            case "minItems" -> "have at least " + v + (v.equals("1") ? " item" : " items");
            case "maxItems" -> "have at most " + v + (v.equals("1") ? " item" : " items");
            case "uniqueItems" -> value.asBoolean() ? "have no duplicate items" : null;
            case "minProperties" -> "have at least " + v + (v.equals("1") ? " entry" : " entries");
            case "maxProperties" -> "have at most " + v + (v.equals("1") ? " entry" : " entries");
            case "minimum" -> "be at least " + v;
            case "maximum" -> "be at most " + v;
            case "exclusiveMinimum" -> "be greater than " + v;
            case "exclusiveMaximum" -> "be less than " + v;
            case "multipleOf" -> "be a multiple of " + v;
            case "pattern" -> "match the regular expression " + v;
            case "format" -> "be in " + v + " format";
            case "contentEncoding" -> "be " + v + "-encoded";
            case "propertyNames" -> keyPhrase(value);
            default -> null;
        };
    }

    /** Describes the values, lengths, pattern or format a map's keys must have; null when the key schema has none. */
    private static String keyPhrase(JsonNode keys) {
        List<String> phrases = new ArrayList<>();
        List<String> lengths = new ArrayList<>();
        for (String bound : List.of("minLength", "maxLength")) {
            JsonNode length = keys.get(bound);
            if (length != null && length.isNumber()) {
                // "have at least 2 characters" as "of at least 2 characters"
                lengths.add("of " + phrase(bound, length).substring("have ".length()));
            }
        }
        if (!lengths.isEmpty()) {
            phrases.add("have keys " + String.join(" and ", lengths));
        }
        if (keys.get("enum") instanceof ArrayNode values) {
            List<String> quoted = new ArrayList<>();
            values.forEach(value -> quoted.add(value.toString()));
            phrases.add("have keys that are one of " + String.join(", ", quoted));
        }
        if (keys.path("pattern").isString()) {
            phrases.add("have keys that match the regular expression "
                    + keys.path("pattern").asString());
        }
        if (keys.path("format").isString()) {
            phrases.add("have keys in " + keys.path("format").asString() + " format");
        }
        return phrases.isEmpty() ? null : String.join(" and ", phrases);
    }
}
