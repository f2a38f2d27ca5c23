package dev.instructor.json;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Writes seeded random JSON text: nested arrays and objects, strings with every escape, astral chars written raw
 * and as escaped surrogate pairs, numbers of every form, literals, and whitespace between tokens. Member names are
 * unique within an object, so that every completed node stays put (duplicate keys have their own tests).
 */
final class RandomJson {
    private static final String[] SIMPLE_ESCAPES = {"\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t"};
    private static final String[] WORDS = {"a", "title", "blurb", "é", "日本", "😀", "x y", "", "naïve", "𝄞"};

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    private RandomJson(long seed) {
        this.random = new Random(seed);
    }

    /** Returns a random document for {@code seed}, at most {@code maxDepth} containers deep. */
    static String document(long seed, int maxDepth) {
        RandomJson json = new RandomJson(seed);
        json.whitespace();
        json.value(maxDepth);
        json.whitespace();
        return json.out.toString();
    }

    private void value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 5);
        switch (kind) {
            case 0, 1 -> string();
            case 2 -> number();
            case 3 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
            case 4 -> number();
            case 5, 6 -> array(depth - 1);
            default -> object(depth - 1);
        }
    }

    private void array(int depth) {
        out.append('[');
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            whitespace();
            value(depth);
            whitespace();
        }
        whitespace();
        out.append(']');
    }

    private void object(int depth) {
        out.append('{');
        int size = random.nextInt(5);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < size; i++) {
            String name = WORDS[random.nextInt(WORDS.length)] + random.nextInt(100);
            if (!names.add(name)) {
                continue;
            }
            if (names.size() > 1) {
                out.append(',');
            }
            whitespace();
            out.append('"').append(name).append('"');
            whitespace();
            out.append(':');
            whitespace();
            value(depth);
            whitespace();
        }
        out.append('}');
    }

    private void string() {
        out.append('"');
        int parts = random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(8)) {
                case 0 -> out.append(SIMPLE_ESCAPES[random.nextInt(SIMPLE_ESCAPES.length)]);
                case 1 -> out.append(String.format("\\u%04x", random.nextInt(0xD800)));
                case 2 -> { // an astral char as an escaped surrogate pair, in either case
                    int codePoint = 0x10000 + random.nextInt(0x100000);
                    String pair = String.format(
                            "\\u%04x\\u%04x",
                            (int) Character.highSurrogate(codePoint), (int) Character.lowSurrogate(codePoint));
                    out.append(random.nextBoolean() ? pair : pair.toUpperCase().replace("\\U", "\\u"));
                }
                case 3 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 4 -> out.append(WORDS[random.nextInt(WORDS.length)]);
                case 5 -> out.append(String.format("\\u%04X", 0xDC00 + random.nextInt(0x400))); // lone surrogate
                default -> out.append("lorem ipsum dolor ".substring(random.nextInt(10)));
            }
        }
        out.append('"');
    }

    private void number() {
        if (random.nextBoolean()) {
            out.append('-');
        }
        if (random.nextInt(4) == 0) {
            out.append('0');
        } else {
            out.append(1 + random.nextInt(9));
            int digits = random.nextInt(random.nextInt(4) == 0 ? 25 : 4);
            for (int i = 0; i < digits; i++) {
                out.append(random.nextInt(10));
            }
        }
        if (random.nextInt(3) == 0) {
            out.append('.');
            int digits = 1 + random.nextInt(6);
            for (int i = 0; i < digits; i++) {
                out.append(random.nextInt(10));
            }
        }
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            out.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            out.append(random.nextInt(300));
        }
    }

    private void whitespace() {
        while (random.nextInt(4) == 0) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
