package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random prose made of the pieces the prelude reacts to (backtick and tilde runs, fences of every kind,
 * reasoning markers, brackets, quote marks, blockquote markers, line breaks of every kind) followed by a value: whatever the text, the outcome (the
 * value, or the error with its offset, line and column) is the same fed whole, in random chunks of chars, and as UTF-8
 * bytes in random chunks.
 */
class LenientPreludeFuzzTest {
    /** The pieces the prose is made of; {@link StartsInsideReasoningTest} makes reasoning of them too. */
    static final String[] PIECES = {
        "`",
        "``",
        "```",
        "````",
        "```json",
        "```JSON ",
        "```python",
        "```js",
        "~",
        "~~",
        "~~~",
        "~~~~",
        "~~~json",
        "~~~ JSON\r\n",
        "~~~python",
        " {.json}",
        " {#id ",
        "```{",
        "~~~json [",
        "\n",
        "\r",
        "\r\n",
        " ",
        "  ",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "1",
        "x",
        "n",
        "<think>",
        "</think>",
        "<thinking>",
        "</thinking>",
        "[THINK]",
        "[/THINK]",
        "[/THINK",
        "THINK]",
        "<|channel|>analysis<|message|>",
        "<|channel|>analysis",
        "<|end|>",
        "<|en",
        "<|start|>assistant<|channel|>final<|message|>",
        "analysis",
        "assistantfinal",
        "'",
        "\u201c",
        "\u201d",
        "> ",
        "> ```json\n",
        "<seed:think>",
        "</seed:think>",
        "\u25c1think\u25b7",
        "\u25c1/think\u25b7",
        "\u25c1",
        "<",
        ">",
        "[1]",
        "[note]",
        "{\"a\": 0}",
        "[{\"b\": 2}]",
        "- [ ] ",
        "\u00e9",
        "\ud83c\udf75",
        ":",
        "42"
    };

    @Test
    void randomProse_sameOutcome_wholeInChunksAndAsBytes() {
        Random random = new Random(20261122);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            text.append(random.nextBoolean() ? "{\"v\": [1, \"s\"]}" : "[true]").append(" ```\n");
            String document = text.toString();
            for (boolean expectObject : new boolean[] {false, true}) {
                String whole = outcome(parser(expectObject), document, random, Integer.MAX_VALUE, false);
                String chars = outcome(parser(expectObject), document, random, 4, false);
                String bytes = outcome(parser(expectObject), document, random, 4, true);
                assertThat(chars).as("round %d, chars: %s", round, document).isEqualTo(whole);
                assertThat(bytes.replaceAll("at offset \\d+", ""))
                        .as("round %d, bytes: %s", round, document)
                        .isEqualTo(whole.replaceAll("at offset \\d+", ""));
            }
        }
    }

    /**
     * The same prose before a value whose lines start with blockquote markers: read as the value where its first
     * bracket is on a quoted line, an error at a marker elsewhere, and the same outcome however it is fed.
     */
    @Test
    void randomProse_beforeAValueOnQuotedLines_sameOutcome_wholeInChunksAndAsBytes() {
        String[] values = {
            "> {\"v\":\n> [1,\r\n>\n>  \"s\"]}", "> [\n> {\"b\": 2}\n> ]", "{\"v\":\n> 1}", "> > {\"v\": 1\n> > }"
        };
        Random random = new Random(20261123);
        for (int round = 0; round < 10_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(8);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String document = text.append(values[random.nextInt(values.length)]).toString();
            for (boolean expectObject : new boolean[] {false, true}) {
                String whole = outcome(parser(expectObject), document, random, Integer.MAX_VALUE, false);
                String chars = outcome(parser(expectObject), document, random, 3, false);
                String bytes = outcome(parser(expectObject), document, random, 3, true);
                assertThat(chars).as("round %d, chars: %s", round, document).isEqualTo(whole);
                assertThat(bytes.replaceAll("at offset \\d+", ""))
                        .as("round %d, bytes: %s", round, document)
                        .isEqualTo(whole.replaceAll("at offset \\d+", ""));
            }
        }
    }

    private static PartialJsonParser parser(boolean expectObject) {
        return PartialJsonParser.builder()
                .lenient(true)
                .expectObject(expectObject)
                .build();
    }

    static String outcome(PartialJsonParser parser, String document, Random random, int maxSize, boolean utf8) {
        try {
            if (utf8) {
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                for (int from = 0; from < bytes.length; ) {
                    int n = Math.min(bytes.length - from, 1 + random.nextInt(maxSize));
                    parser.feed(bytes, from, n);
                    from += n;
                }
            } else {
                for (int from = 0; from < document.length(); ) {
                    int n = (int)
                            Math.min(document.length() - from, 1 + (long) random.nextInt(Math.min(maxSize, 1 << 20)));
                    if (maxSize == Integer.MAX_VALUE) {
                        n = document.length() - from;
                    }
                    parser.feed(document, from, n);
                    from += n;
                }
            }
            return parser.finish().toJson();
        } catch (JsonParseException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
