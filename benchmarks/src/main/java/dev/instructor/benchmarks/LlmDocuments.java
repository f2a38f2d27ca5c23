package dev.instructor.benchmarks;

import java.util.Random;

/**
 * Seeded JSON documents shaped like structured LLM output, grown to a target size in chars. Pretty-printed with
 * two-space indentation, as models usually write JSON.
 */
public final class LlmDocuments {
    private static final String[] WORDS = {
        "the",
        "quiet",
        "garden",
        "of",
        "ideas",
        "grows",
        "slowly",
        "under",
        "a",
        "patient",
        "sky",
        "while",
        "curious",
        "engineers",
        "measure",
        "every",
        "token",
        "café",
        "naïve",
        "日本",
        "façade",
        "résumé",
        "🍵"
    };

    /** Recipe instructions: about 400 chars with escapes and non-ASCII, as the benchmark brief asks. */
    private static final String INSTRUCTIONS = "Preheat the oven to 180 °C.\\nWhisk the eggs with the sugar until"
            + " pale, then fold in the flour \\\"gently\\\" so the batter stays light.\\nAdd the cr\\u00e8me fra"
            + "\\u00eeche and a pinch of salt; taste it: it should be sweet but not cloying.\\nPour into the tin"
            + " and bake 25 minutes — the top turns golden, like 日本 castella 🍰.\\nLet it rest ten minutes bef"
            + "ore slicing, then serve with a spoon of jam and a cup of matcha 🍵. Bon appétit!";

    private LlmDocuments() {}

    /** The document shapes. */
    public enum Shape {
        /** {@code {"ideas":[{"title","blurb"}...]}}. */
        IDEAS,
        /** {@code {"recipes":[{"name","prepTimeMinutes","ingredients":[...],"instructions"}...]}}. */
        RECIPES,
        /** {@code {"text":"..."}}: one string filling the whole document. */
        LONG_STRING,
        /** An object nested 20 deep whose innermost object holds a list of ideas. */
        NESTED
    }

    /**
     * Returns the document of {@code shape}, about {@code targetChars} chars long.
     *
     * @param shape what the document holds
     * @param targetChars the length to grow it to, in chars
     * @param seed the seed of its words and numbers
     */
    public static String generate(Shape shape, int targetChars, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(targetChars + 1024);
        switch (shape) {
            case IDEAS -> {
                out.append("{\n  \"ideas\": [");
                ideas(out, random, targetChars - 8, "    ");
                out.append("\n  ]\n}");
            }
            case RECIPES -> {
                out.append("{\n  \"recipes\": [");
                for (int i = 0; out.length() < targetChars - 8; i++) {
                    out.append(i == 0 ? "\n" : ",\n");
                    recipe(out, random);
                }
                out.append("\n  ]\n}");
            }
            case LONG_STRING -> {
                out.append("{\n  \"text\": \"");
                while (out.length() < targetChars - 4) {
                    out.append(words(random, 12)).append(random.nextInt(8) == 0 ? ".\\n" : " ");
                }
                out.append("\"\n}");
            }
            case NESTED -> {
                int depth = 20;
                for (int level = 1; level <= depth; level++) {
                    out.append("{\"level").append(level).append("\": ");
                }
                out.append("{\"ideas\": [");
                ideas(out, random, targetChars - 2 * depth - 4, "");
                out.append("]}");
                out.append("}".repeat(depth));
            }
        }
        return out.toString();
    }

    private static void ideas(StringBuilder out, Random random, int targetChars, String indent) {
        for (int i = 0; out.length() < targetChars; i++) {
            out.append(i == 0 ? "\n" : ",\n");
            out.append(indent).append("{\"title\": \"").append(words(random, 5)).append("\", ");
            out.append("\"blurb\": \"").append(words(random, 30)).append("\"}");
        }
    }

    private static void recipe(StringBuilder out, Random random) {
        out.append("    {\n      \"name\": \"").append(words(random, 4)).append("\",\n");
        out.append("      \"prepTimeMinutes\": ")
                .append(5 + random.nextInt(120))
                .append(",\n");
        out.append("      \"ingredients\": [");
        int ingredients = 3 + random.nextInt(6);
        for (int i = 0; i < ingredients; i++) {
            out.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(1 + random.nextInt(500))
                    .append(" g ");
            out.append(words(random, 2)).append('"');
        }
        out.append("],\n      \"instructions\": \"").append(INSTRUCTIONS).append("\"\n    }");
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return words.toString();
    }
}
