package dev.instructor;

import dev.instructor.json.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A random JSON document before it is written: objects may repeat an earlier key, and the tree knows where, so a test
 * can tell which values a repeat replaced and write the document with any of them keeping its first value. Strings are
 * written with random escapes ({@code \\uXXXX} for any char, surrogate pairs included) so that chunks split them
 * anywhere.
 */
sealed interface JsonTree {
    /** A value written as given: a number, literal or string already in JSON. */
    record Literal(String json) implements JsonTree {}

    /** An array. */
    record ArrayValue(List<JsonTree> items) implements JsonTree {}

    /** An object; a member with {@code repeat} set repeats the key of an earlier one. */
    record ObjectValue(List<Member> members) implements JsonTree {}

    /** One member as written. */
    record Member(String key, JsonTree value, boolean repeat) {}

    /** A member to generate: its key and its value, drawn anew for a repeat. */
    record Field(String key, Supplier<JsonTree> value) {}

    /** Returns the JSON text, repeats included. */
    default String write(Random random) {
        return write(random, Set.of());
    }

    /**
     * Returns the JSON text with the repeats of the members at {@code firstOnly} left out: those keep the value first
     * written for them, every other repeated key the last.
     */
    default String write(Random random, Set<JsonPointer> firstOnly) {
        StringBuilder out = new StringBuilder();
        write(this, JsonPointer.root(), random, firstOnly, out);
        return out.toString();
    }

    /** Adds to {@code out} the pointer of every member whose key is repeated in its object. */
    default void collectRepeated(JsonPointer at, Set<JsonPointer> out) {
        if (this instanceof ArrayValue array) {
            for (int i = 0; i < array.items().size(); i++) {
                array.items().get(i).collectRepeated(at.append(i), out);
            }
        } else if (this instanceof ObjectValue object) {
            for (Member member : object.members()) {
                if (member.repeat()) {
                    out.add(at.append(member.key()));
                }
                member.value().collectRepeated(at.append(member.key()), out);
            }
        }
    }

    /** Returns a string value, escaped at random. */
    static JsonTree string(Random random, String text) {
        return new Literal(quote(random, text));
    }

    /** Returns an object of {@code fields} in order; one in {@code 1 / repeatOdds} repeats one key, anywhere after it. */
    static JsonTree object(Random random, int repeatOdds, List<Field> fields) {
        List<Member> members = new ArrayList<>();
        for (Field field : fields) {
            members.add(new Member(field.key(), field.value().get(), false));
        }
        if (!fields.isEmpty() && random.nextInt(repeatOdds) == 0) {
            int first = random.nextInt(fields.size());
            Field again = fields.get(first);
            int at = first + 1 + random.nextInt(members.size() - first);
            members.add(at, new Member(again.key(), again.value().get(), true));
        }
        return new ObjectValue(members);
    }

    private static void write(
            JsonTree tree, JsonPointer at, Random random, Set<JsonPointer> firstOnly, StringBuilder out) {
        if (tree instanceof Literal raw) {
            out.append(raw.json());
        } else if (tree instanceof ArrayValue array) {
            out.append('[');
            for (int i = 0; i < array.items().size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(array.items().get(i), at.append(i), random, firstOnly, out);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Member member : ((ObjectValue) tree).members()) {
                JsonPointer path = at.append(member.key());
                if (member.repeat() && firstOnly.contains(path)) {
                    continue;
                }
                out.append(first ? "" : ",").append(quote(random, member.key())).append(':');
                write(member.value(), path, random, firstOnly, out);
                first = false;
            }
            out.append('}');
        }
    }

    /**
     * Writes {@code text} as a JSON string, each char escaped as {@code \\uXXXX} one time in six; the two halves of a
     * surrogate pair are escaped alike, since Jackson rejects a raw low surrogate after an escaped high one in a name.
     */
    static String quote(Random random, String text) {
        StringBuilder out = new StringBuilder("\"");
        boolean escapePair = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isLowSurrogate(c) ? escapePair : random.nextInt(6) == 0;
            escapePair = escape;
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < ' ' || escape) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
