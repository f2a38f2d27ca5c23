package dev.instructor.examples.demo;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /ideas}: what to brainstorm about and how many ideas, checked strictly so that a bad
 * request costs no model call.
 *
 * @param topic what the ideas are for; trimmed, runs of white space made one space, 1 to {@value #MAX_TOPIC} chars
 * @param count how many ideas, {@value #MIN_COUNT} to {@value #MAX_COUNT}
 */
record IdeasRequest(String topic, int count) {
    static final int MAX_TOPIC = 200;
    static final int MIN_COUNT = 1;
    static final int MAX_COUNT = 20;
    static final int DEFAULT_COUNT = 5;

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)[\\s\\p{Cntrl}]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Cf}]*");
    private static final Set<String> MEMBERS = Set.of("topic", "count");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Reads and checks a request body.
     *
     * @throws BadRequestException naming the member at fault: malformed JSON, not an object, an unknown member, a
     *     member given twice, a missing or blank topic, a count that is not a whole number in range
     */
    static IdeasRequest parse(String body) throws BadRequestException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException(
                    "body: must be a JSON object such as {\"topic\":\"snacks\",\"count\":5}", null);
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException(
                    "body: must be a JSON object such as {\"topic\":\"snacks\",\"count\":5}", null);
        }
        for (String name : root.propertyNames()) {
            if (!MEMBERS.contains(name)) {
                // Unknown members are rejected rather than ignored: a typo such as "cuont" should not pass silently.
                throw new BadRequestException(
                        printable(name) + ": unknown member; expected topic and count", printable(name));
            }
        }
        String twice = memberGivenTwice(body);
        if (twice != null) {
            // A tree keeps the last of two; which one was meant is a guess, so neither is taken.
            throw new BadRequestException(twice + ": given more than once", twice);
        }
        return new IdeasRequest(topic(root.get("topic")), count(root.get("count")));
    }

    /** Returns the first top-level member of {@code body}, a JSON object already read, that appears twice, or null. */
    private static String memberGivenTwice(String body) {
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken(); // the object's start
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                if (!seen.add(parser.currentName())) {
                    return parser.currentName();
                }
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return null;
    }

    private static String topic(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            throw new BadRequestException("topic: must not be blank", "topic");
        }
        if (!node.isString()) {
            throw new BadRequestException("topic: must be a string", "topic");
        }
        // One line of plain text: the prompt puts the topic on a line of its own. Unicode classes, so that a no-break
        // space, an ideographic space, NEL or U+2028 counts as white space too (and cannot end the prompt's line).
        String topic = WHITE_SPACE.matcher(node.stringValue()).replaceAll(" ").trim();
        if (hasUnpairedSurrogate(topic)) {
            // JSON can escape half a character, a lone surrogate; UTF-8 cannot carry it, so the model would see "?".
            throw new BadRequestException("topic: must be valid Unicode text", "topic");
        }
        if (INVISIBLE.matcher(topic).matches()) {
            // Empty, or only format characters such as U+200B: nothing a person could read. (Kept inside a topic, where
            // a joiner may hold an emoji sequence together.)
            throw new BadRequestException("topic: must not be blank", "topic");
        }
        if (topic.length() > MAX_TOPIC) {
            throw new BadRequestException(
                    "topic: must be at most " + MAX_TOPIC + " characters, got " + topic.length(), "topic");
        }
        return topic;
    }

    private static int count(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            return DEFAULT_COUNT;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral()) {
            throw new BadRequestException(
                    "count: must be a whole number from " + MIN_COUNT + " to " + MAX_COUNT, "count");
        }
        boolean tooSmall = node.canConvertToInt() ? node.intValue() < MIN_COUNT : node.doubleValue() < 0;
        if (!tooSmall && (!node.canConvertToInt() || node.intValue() > MAX_COUNT)) {
            throw new BadRequestException("count: must be less than or equal to " + MAX_COUNT, "count");
        }
        if (tooSmall) {
            throw new BadRequestException("count: must be greater than or equal to " + MIN_COUNT, "count");
        }
        return node.intValue();
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    // A member name goes back to the page: keep it short and free of control characters.
    private static String printable(String name) {
        int cut = name.length() > 40 && Character.isHighSurrogate(name.charAt(39)) ? 39 : 40; // not inside a pair
        String shown = name.length() > 40 ? name.substring(0, cut) + "…" : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
