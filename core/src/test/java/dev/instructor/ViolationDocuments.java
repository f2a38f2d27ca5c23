package dev.instructor;

import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the random documents of {@link ViolationPathFuzzTest}: each constrained value breaks its constraint with
 * probability {@code rate}, and a member written as Java {@code null} is left out. Member names are the Java names
 * through {@code naming}, except those the types rename with {@code @JsonProperty}. A member with an alias is written
 * under its name, under an alias, or under both in either order, each with a value of its own, so that Jackson binds
 * one of two values; a subtype with two type ids is written under either.
 */
final class ViolationDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Map keys, including ones JSON Pointer escapes and ones that look like indexes. */
    private static final String[] KEYS = {"a", "b/c", "~", "~1", "x~y/z", "", "0", "k 1", "é"};

    private final Random random;
    private final double rate;
    private final UnaryOperator<String> naming;

    ViolationDocuments(Random random, double rate, UnaryOperator<String> naming) {
        this.random = random;
        this.rate = rate;
        this.naming = naming;
    }

    JsonNode profile() {
        ObjectNode out = NODES.objectNode();
        member(out, "display_name", sometimes(this::notBlank));
        aliased(out, naming.apply("handle"), () -> sometimes(() -> sized(8)), "nick");
        aliased(out, naming.apply("age"), () -> NODES.numberNode(atLeast(1)), "years");
        member(out, naming.apply("mood"), breaks() ? null : NODES.stringNode(pick("CALM", "CROSS")));
        aliased(out, naming.apply("notes"), () -> sometimes(() -> list(this::notBlank)), "remarks");
        member(out, naming.apply("grid"), sometimes(() -> list(() -> list(() -> sized(3)))));
        aliased(out, naming.apply("counts"), () -> sometimes(() -> map(() -> NODES.numberNode(atLeast(1)))), "tallies");
        member(out, naming.apply("motto"), sometimes(this::notBlank));
        member(
                out,
                naming.apply("codes"),
                sometimes(() -> list(breaks() ? 3 + random.nextInt(2) : random.nextInt(3), () -> sized(5))));
        member(out, naming.apply("words"), sometimes(() -> list(this::notBlank)));
        return out;
    }

    JsonNode scene() {
        ObjectNode out = NODES.objectNode();
        member(out, naming.apply("plain"), sometimes(this::tag));
        member(out, naming.apply("checked"), sometimes(this::tag));
        aliased(out, naming.apply("featured"), () -> sometimes(this::tag), "shown");
        aliased(out, naming.apply("tags"), () -> sometimes(() -> list(this::tag)), "labels");
        member(out, naming.apply("checkedTags"), sometimes(() -> list(this::tag)));
        member(out, naming.apply("tagArray"), sometimes(() -> list(this::tag)));
        member(out, naming.apply("tagSet"), sometimes(() -> list(this::tag)));
        aliased(out, naming.apply("trips"), () -> sometimes(() -> map(this::trip)), "journeys");
        member(out, naming.apply("window"), sometimes(this::window));
        member(out, naming.apply("figure"), sometimes(this::figure));
        member(out, naming.apply("actions"), sometimes(() -> list(this::action)));
        member(out, naming.apply("settings"), sometimes(this::settings));
        member(out, naming.apply("sticker"), sometimes(this::sticker));
        return out;
    }

    JsonNode tag() {
        ObjectNode out = NODES.objectNode();
        aliased(
                out,
                naming.apply("label"),
                () -> breaks()
                        ? pick(NODES.stringNode(" "), NODES.stringNode("toolong"), null)
                        : NODES.stringNode("tag"),
                "name",
                "title");
        aliased(out, naming.apply("sortWeight"), () -> NODES.numberNode(atLeast(0)), "weight");
        return out;
    }

    JsonNode trip() {
        ObjectNode out = NODES.objectNode();
        String start = pick("Oslo", "Rome");
        out.put(naming.apply("start"), start);
        out.put(naming.apply("end"), breaks() ? start : "Lima");
        return out;
    }

    JsonNode window() {
        ObjectNode out = NODES.objectNode();
        int from = atLeast(0);
        aliased(out, naming.apply("from"), () -> NODES.numberNode(from), "since");
        out.put(naming.apply("to"), breaks() ? from - 1 : from + random.nextInt(3));
        return out;
    }

    JsonNode figure() {
        ObjectNode out = NODES.objectNode();
        int kind = random.nextInt(3);
        if (kind == 0) {
            out.put("kind", "circle");
            out.put(naming.apply("radius"), atLeast(1));
        } else if (kind == 1) {
            out.put("kind", "label");
            aliased(out, naming.apply("text"), this::notBlank, "caption");
            member(out, naming.apply("tags"), sometimes(() -> list(() -> sized(3))));
        } else {
            out.put("kind", "card");
            member(out, naming.apply("suit"), notBlank());
            aliased(out, naming.apply("mark"), () -> sometimes(this::tag), "badge");
        }
        return out;
    }

    JsonNode action() {
        ObjectNode body = NODES.objectNode();
        ObjectNode out = NODES.objectNode();
        if (random.nextBoolean()) {
            body.put(naming.apply("steps"), atLeast(1));
            out.set(pick("move", "walk"), body);
        } else {
            member(body, naming.apply("text"), notBlank());
            aliased(body, naming.apply("tone"), () -> sometimes(this::tag), "tune");
            out.set("say", body);
        }
        return out;
    }

    JsonNode settings() {
        ObjectNode out = NODES.objectNode();
        aliased(out, naming.apply("theme"), () -> sometimes(() -> sized(4)), "skin");
        member(
                out,
                naming.apply("fontSize"),
                breaks() ? pick(null, NODES.numberNode(7), NODES.numberNode(41)) : NODES.numberNode(12));
        out.put("width", atLeast(100));
        aliased(out, naming.apply("fonts"), () -> sometimes(() -> list(this::notBlank)), "typefaces");
        member(out, naming.apply("badge"), sometimes(this::tag));
        return out;
    }

    JsonNode sticker() {
        ObjectNode out = NODES.objectNode();
        aliased(out, naming.apply("id"), () -> NODES.numberNode(atLeast(1)), "number");
        aliased(out, naming.apply("text"), () -> sometimes(() -> sized(4)), "caption");
        aliased(out, naming.apply("marks"), () -> sometimes(() -> list(this::notBlank)), "signs");
        return out;
    }

    JsonNode wrapped(String key, JsonNode value) {
        return NODES.objectNode().set(key, value);
    }

    JsonNode list(Supplier<JsonNode> item) {
        return list(random.nextInt(random.nextInt(4) == 0 ? 8 : 4), item);
    }

    JsonNode list(int size, Supplier<JsonNode> item) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            out.add(item.get());
        }
        return out;
    }

    JsonNode map(Supplier<JsonNode> value) {
        ObjectNode out = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            out.set(KEYS[random.nextInt(KEYS.length)], value.get());
        }
        return out;
    }

    /** A string for {@code @NotBlank}: blank or JSON null when it breaks the constraint. */
    private JsonNode notBlank() {
        return breaks()
                ? pick(NODES.stringNode(""), NODES.stringNode(" \t"), NODES.nullNode())
                : NODES.stringNode(pick("a", "ok", "x y"));
    }

    /** A string for {@code @Size(max = max)}. */
    private JsonNode sized(int max) {
        int length = breaks() ? max + 1 + random.nextInt(3) : random.nextInt(max + 1);
        return NODES.stringNode("abcdefghijk".substring(0, length));
    }

    /** A number for {@code @Min(min)}; far below it too, past the JVM's cache of small boxed integers. */
    private int atLeast(int min) {
        return breaks() ? min - 1 - random.nextInt(random.nextBoolean() ? 3 : 1000) : min + random.nextInt(50);
    }

    /** Returns the value, or null (the member left out) one time in five. */
    private JsonNode sometimes(Supplier<JsonNode> value) {
        return random.nextInt(5) == 0 ? null : value.get();
    }

    private boolean breaks() {
        return random.nextDouble() < rate;
    }

    @SafeVarargs
    private <V> V pick(V... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /**
     * Writes a member under {@code name}, under one of its {@code aliases}, or under both in either order, each with a
     * value of its own; Jackson binds one of the two.
     */
    private void aliased(ObjectNode object, String name, Supplier<JsonNode> value, String... aliases) {
        String alias = aliases[random.nextInt(aliases.length)];
        int choice = random.nextInt(4);
        if (choice == 0) {
            member(object, alias, value.get());
        } else if (choice == 1) {
            boolean aliasFirst = random.nextBoolean();
            member(object, aliasFirst ? alias : name, value.get());
            member(object, aliasFirst ? name : alias, value.get());
        } else {
            member(object, name, value.get());
        }
    }

    private static void member(ObjectNode object, String name, JsonNode value) {
        if (value != null) {
            object.set(name, value);
        }
    }
}
