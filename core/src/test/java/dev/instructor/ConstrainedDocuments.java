package dev.instructor;

import dev.instructor.JsonTree.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes random documents of the constrained types of {@link StreamingChecksFuzzTest}, each value breaking its
 * constraints about half the time: blank and over-long text with escapes, non-ASCII chars and surrogate pairs, numbers
 * at and past their bounds, missing members, nulls, union objects with their type id anywhere among their members, and
 * now and then a repeated key. A member with an alias is written under either name, now and then under both: the
 * checks report a property with several names once its object is complete, when the member Jackson keeps (the last)
 * is known; they report the first value of a repeated key as written. One document in five may also
 * hold values of the wrong kind (a string for a list, a list for a string, a number too large for its type), which the
 * final binding rejects.
 */
final class ConstrainedDocuments {
    /** One object in this many repeats a key. */
    private static final int REPEAT_ODDS = 30;

    private static final String[] PIECES = {
        "a",
        "b",
        "c",
        "x",
        "y",
        "z",
        "Q",
        "0",
        "7",
        "5",
        " ",
        "-",
        "é",
        "日",
        "\uD83D\uDE00",
        "\n",
        "\"",
        "\\",
        "/",
        "\u3000",
        "\u0001"
    };
    private static final String[] BLANKS = {"", " ", "  \n", "\u3000", "\t"};
    private static final String[] WRONG_KINDS = {
        "\"wrong kind\"",
        "[1,2,3,4,5]",
        "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\"]",
        "{\"x\":1}",
        "12345678901234567890",
        "true",
        "1.5",
        "\"a string much longer than any bound here\""
    };

    private final Random random;
    private final boolean wrongKinds;

    ConstrainedDocuments(Random random) {
        this.random = random;
        this.wrongKinds = random.nextInt(5) == 0;
    }

    /** A {@code Profile}. */
    JsonTree profile() {
        List<Field> fields = new ArrayList<>();
        optional(fields, "full_name", () -> nullable(() -> string(random.nextInt(4) == 0 ? blank() : text(16))));
        aliased(fields, "tags", "keywords", () -> list(0, 5, () -> string(random.nextBoolean() ? blank() : text(6))));
        optional(fields, "codes", () -> list(0, 4, () -> string(text(5))));
        optional(fields, "age", () -> nullable(() -> number(-5, 130)));
        required(fields, "visits", () -> oneOf("0", "1", "-1", "9000000000", "-9000000000", "42"));
        required(fields, "score", () -> oneOf("-5", "-5.5", "10.5", "10.50001", "1e1", "1.1e1", "-0.0", "3"));
        optional(fields, "price", () -> oneOf("0", "99.99", "99.990", "100", "-1", "1E+2", "0.001", "null"));
        optional(fields, "slug", () -> string(random.nextBoolean() ? "bright-idea" : text(8)));
        optional(fields, "aliases", () -> list(0, 2, () -> string(text(4))));
        optional(fields, "home", () -> nullable(this::address));
        optional(fields, "work", () -> nullable(this::address));
        optional(fields, "nickname", () -> nullable(() -> string(text(7))));
        optional(fields, "motto", () -> nullable(() -> string(text(7))));
        optional(fields, "office", () -> nullable(this::address));
        optional(fields, "counts", this::counts);
        optional(fields, "figure", () -> nullable(this::figure));
        optional(fields, "figures", () -> list(0, 5, this::figure));
        required(fields, "stay", this::stay);
        optional(fields, "trip", () -> nullable(this::trip));
        optional(fields, "labels", () -> list(0, 4, () -> string(oneOfText("x", "y", "x", "z"))));
        optional(fields, "lines", () -> list(0, 4, () -> string(text(3))));
        optional(fields, "rows", () -> list(0, 3, () -> list(0, 4, () -> string(text(3)))));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    /** A {@code List<Idea>}, wrapped as the provider is asked for it. */
    JsonTree ideas() {
        return JsonTree.object(random, REPEAT_ODDS, List.of(new Field("items", () -> list(0, 4, this::idea))));
    }

    private JsonTree idea() {
        List<Field> fields = new ArrayList<>();
        String title = random.nextBoolean() ? blank() : text(8);
        aliased(fields, "title", "headline", () -> string(title));
        optional(fields, "blurb", () -> string(random.nextInt(4) == 0 ? title : text(30)));
        required(fields, "votes", () -> number(-1, 3));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    private JsonTree address() {
        List<Field> fields = new ArrayList<>();
        optional(fields, either("city", "town"), () -> string(random.nextBoolean() ? blank() : text(6)));
        optional(fields, "zip", () -> string(random.nextBoolean() ? "12345" : text(7)));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    private JsonTree counts() {
        List<Field> fields = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            // Distinct keys: a key written twice is a repeat, whose first value the checks may report as it completes,
            // so only the object's marked repeats (which the property test knows of) write one.
            String key = text(3);
            if (keys.add(key)) {
                fields.add(new Field(key, () -> number(-1, 3)));
            }
        }
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    /** A circle or a square, its type id anywhere among its members. */
    private JsonTree figure() {
        List<Field> fields = new ArrayList<>();
        String kind;
        if (random.nextBoolean()) {
            kind = "circle";
            optional(fields, "radius", () -> oneOf("1", "0", "-2.5", "0.1"));
            optional(fields, either("color", "colour"), () -> string(text(9)));
        } else {
            kind = "square";
            optional(fields, "side", () -> oneOf("10", "10.0", "10.01", "3", "1e2"));
            optional(fields, "marks", () -> list(0, 3, () -> string(random.nextBoolean() ? blank() : text(3))));
        }
        fields.add(random.nextInt(fields.size() + 1), new Field("kind", () -> string(kind)));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    private JsonTree stay() {
        List<Field> fields = new ArrayList<>();
        required(fields, "nights", () -> number(0, 16));
        required(fields, either("max_nights", "limit"), () -> number(0, 16));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    private JsonTree trip() {
        List<Field> fields = new ArrayList<>();
        String from = oneOfText("Oslo", "Rome", "Lima");
        optional(fields, "from", () -> nullable(() -> string(from)));
        optional(fields, "to", () -> string(random.nextBoolean() ? from : "Kyiv"));
        return JsonTree.object(random, REPEAT_ODDS, fields);
    }

    /** Returns a member's name or its alias, the name two times in three. */
    private String either(String name, String alias) {
        return random.nextInt(3) == 0 ? alias : name;
    }

    /**
     * Adds a member for a property with an alias, under either name, and now and then one under the other name too,
     * of which Jackson keeps the last.
     */
    private void aliased(List<Field> fields, String name, String alias, Supplier<JsonTree> value) {
        String first = either(name, alias);
        optional(fields, first, value);
        if (random.nextInt(6) == 0) {
            optional(fields, first.equals(name) ? alias : name, value);
        }
    }

    /** Adds a member present nine times in ten. */
    private void optional(List<Field> fields, String key, Supplier<JsonTree> value) {
        if (random.nextInt(10) != 0) {
            required(fields, key, value);
        }
    }

    /** Adds a member, with a value of the wrong kind now and then in a document that may hold them. */
    private void required(List<Field> fields, String key, Supplier<JsonTree> value) {
        fields.add(new Field(key, () -> wrongKinds && random.nextInt(6) == 0 ? wrongKind() : value.get()));
    }

    private JsonTree wrongKind() {
        return new JsonTree.Literal(WRONG_KINDS[random.nextInt(WRONG_KINDS.length)]);
    }

    private JsonTree nullable(Supplier<JsonTree> value) {
        return random.nextInt(10) == 0 ? new JsonTree.Literal("null") : value.get();
    }

    private JsonTree list(int least, int most, Supplier<JsonTree> item) {
        List<JsonTree> items = new ArrayList<>();
        for (int i = least + random.nextInt(most - least + 1); i > 0; i--) {
            items.add(item.get());
        }
        return new JsonTree.ArrayValue(items);
    }

    private JsonTree string(String text) {
        return JsonTree.string(random, text);
    }

    private JsonTree number(int least, int most) {
        return new JsonTree.Literal(Integer.toString(least + random.nextInt(most - least + 1)));
    }

    private JsonTree oneOf(String... literals) {
        return new JsonTree.Literal(oneOfText(literals));
    }

    private String oneOfText(String... texts) {
        return texts[random.nextInt(texts.length)];
    }

    private String blank() {
        return BLANKS[random.nextInt(BLANKS.length)];
    }

    /** Returns text of 0 to {@code most} UTF-16 chars, or one more when it ends in a surrogate pair. */
    private String text(int most) {
        int length = random.nextInt(most + 1);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(
                    random.nextInt(3) == 0
                            ? PIECES[random.nextInt(PIECES.length)]
                            : "abcdefgh".charAt(random.nextInt(8)));
        }
        return out.toString();
    }
}
