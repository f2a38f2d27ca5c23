package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * String literals as {@link JsonText} writes them: plain runs are appended in bulk, so every position of an escape in
 * a run (first, last, back to back, alone) is checked against a char-at-a-time reference.
 */
class JsonTextTest {
    /** Chars that end a plain run, mixed with plain ones (Latin-1 and not). */
    private static final char[] ALPHABET = {
        'a', 'Z', ' ', 'é', '日', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\ud83c', '\udf70', '\ud800',
        '\udfff', '/'
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "\"",
                "\"quoted\"",
                "a\\b",
                "\\\\",
                "line\nbreak\r\n",
                "\u0000\u0001\u001f",
                "tab\tend\t",
                "café 日本 🍰",
                "\ud83c\udf70",
                "lone high \ud83c",
                "\ud83c",
                "\udf70 lone low",
                "\udf70\ud83c",
                "\b\f"
            })
    void writesWhatTheReferenceWrites(String text) {
        assertThat(quoted(text)).isEqualTo(reference(text));
    }

    @Test
    void randomStringsMatchTheReference() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String text = new String(chars);
            assertThat(quoted(text)).as("round %d", round).isEqualTo(reference(text));
        }
    }

    @Test
    void aStringValueRendersThroughTheSamePath() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"k\\\"\":[\"a\\u0000b\\\"\",\"\\ud83c\\udf70\\ud800\"]}");
        assertThat(parser.finish().toJson()).isEqualTo("{\"k\\\"\":[\"a\\u0000b\\\"\",\"🍰\\ud800\"]}");
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        JsonText.appendQuoted(text.toCharArray(), text.length(), out);
        return out.toString();
    }

    /** One char at a time: pairs kept, lone surrogates and control chars as {@code \\u}, the short escapes. */
    private static String reference(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\b') {
                out.append("\\b");
            } else if (c == '\f') {
                out.append("\\f");
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
