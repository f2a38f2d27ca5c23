package dev.instructor.benchmarks.binding;

import dev.instructor.benchmarks.LlmDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Seeded, repeatable benchmark documents as a model would write them, and their split into small chunks. */
final class Documents {
    private static final String[] WORDS = {
        "capture",
        "ideas",
        "speed",
        "thought",
        "notes",
        "crème",
        "fraîche",
        "jalapeño",
        "señor",
        "naïve",
        "plan",
        "organize",
        "garlic",
        "butter",
        "simmer",
        "whisk",
        "Zürich",
        "café",
        "smörgåsbord",
        "second",
        "brain"
    };

    private Documents() {}

    /** Returns {@code {"items":[{"title":..,"blurb":..},...]}} of about {@code size} chars. */
    static String ideas(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 256).append("{\"items\":[");
        boolean first = true;
        while (out.length() < size) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"title\":\"").append(words(random, 2 + random.nextInt(3)));
            out.append("\",\"blurb\":\"")
                    .append(words(random, 8 + random.nextInt(10)))
                    .append("\"}");
        }
        return out.append("]}").toString();
    }

    /**
     * Returns {@code {"items":[{"name":..,"prepTimeMinutes":..,"ingredients":[..],"instructions":..},...]}} of about
     * {@code size} chars; instructions are about 400 chars with escapes and non-ASCII text.
     */
    static String recipes(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 1024).append("{\"items\":[");
        boolean first = true;
        while (out.length() < size) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"name\":\"").append(words(random, 3));
            out.append("\",\"prepTimeMinutes\":").append(5 + random.nextInt(90));
            out.append(",\"ingredients\":[");
            int ingredients = 4 + random.nextInt(5);
            for (int i = 0; i < ingredients; i++) {
                out.append(i == 0 ? "\"" : ",\"")
                        .append(words(random, 1 + random.nextInt(2)))
                        .append('"');
            }
            out.append("],\"instructions\":\"");
            StringBuilder instructions = new StringBuilder();
            while (instructions.length() < 400) {
                instructions.append(words(random, 6)).append(". ");
                if (random.nextInt(4) == 0) {
                    instructions.append("Add \\\"").append(words(random, 1)).append("\\\" \\u00e0 la carte.\\n");
                }
            }
            out.append(instructions).append("\"}");
        }
        return out.append("]}").toString();
    }

    /**
     * Returns the engine benchmark's document of {@code shape} ({@link LlmDocuments}: pretty-printed, with text beyond
     * Latin-1, as the engine issue specifies it), its list's name changed to {@code items}, the wrapper member of a
     * list response.
     */
    static String engineDocument(LlmDocuments.Shape shape, int size) {
        String json = LlmDocuments.generate(shape, size, 42);
        String list = '"' + shape.name().toLowerCase(Locale.ROOT) + '"';
        int at = json.indexOf(list);
        return json.substring(0, at) + "\"items\"" + json.substring(at + list.length());
    }

    /** Splits {@code json} into chunks of 1 to 6 chars, as a token stream would deliver it. */
    static List<String> chunks(String json, long seed) {
        Random random = new Random(seed);
        List<String> chunks = new ArrayList<>(json.length() / 3 + 1);
        for (int at = 0; at < json.length(); ) {
            int end = Math.min(json.length(), at + 1 + random.nextInt(6));
            chunks.add(json.substring(at, end));
            at = end;
        }
        return chunks;
    }

    static String words(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
