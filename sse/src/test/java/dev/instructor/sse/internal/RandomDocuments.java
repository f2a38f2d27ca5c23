package dev.instructor.sse.internal;

import java.util.Random;

/**
 * Writes seeded random JSON text for property tests: nested containers, long and short strings with escapes,
 * non-ASCII and astral characters, member names that need JSON Pointer escaping, numbers, literals and, when asked,
 * repeated member names.
 */
final class RandomDocuments {
    private static final String[] WORDS = {
        "a",
        "title",
        "blurb",
        "é",
        "日本",
        "😀",
        "x y",
        "",
        "naïve",
        "𝄞",
        "a/b",
        "~t",
        "\\\"q\\\"",
        "\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        "tab\\t"
    };

    private final Random random;
    private final boolean repeatKeys;
    private final StringBuilder out = new StringBuilder();

    private RandomDocuments(Random random, boolean repeatKeys) {
        this.random = random;
        this.repeatKeys = repeatKeys;
    }

    /** Returns a random document at most {@code depth} containers deep. */
    static String document(Random random, int depth, boolean repeatKeys) {
        RandomDocuments json = new RandomDocuments(random, repeatKeys);
        json.container(depth);
        return json.out.toString();
    }

    private void value(int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 4)) {
            case 0, 1 -> string();
            case 2 ->
                out.append(
                        new String[] {"0", "-12", "3.25", "1e3", "-0.5E-2", "12345678901234567890"}[random.nextInt(6)]);
            case 3 -> out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
            default -> container(depth - 1);
        }
    }

    private void container(int depth) {
        boolean array = random.nextBoolean();
        out.append(array ? '[' : '{');
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (random.nextInt(4) == 0) {
                out.append(' ');
            }
            if (!array) {
                String key = repeatKeys && random.nextInt(3) == 0 ? "k" : WORDS[random.nextInt(WORDS.length)] + i;
                out.append('"').append(key).append("\":");
            }
            value(depth);
        }
        out.append(array ? ']' : '}');
    }

    private void string() {
        out.append('"');
        int words = random.nextInt(4) == 0 ? 40 + random.nextInt(80) : random.nextInt(6);
        for (int i = 0; i < words; i++) {
            out.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextBoolean()) {
                out.append(' ');
            }
        }
        out.append('"');
    }
}
