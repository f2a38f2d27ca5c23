package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The line and column of an error count a carriage return alone, a line feed alone, and both in a row each as one
 * line end, wherever they are between tokens: as Jackson counts them, and as the lenient prelude counts the lines
 * before the value, so that one document is never counted two ways.
 */
class LineEndingsTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Invalid documents whose line ends between tokens are of every kind, the error after them. */
    private static final List<String> DOCUMENTS = List.of(
            "\r\r[x]",
            "{\r\"a\":1,\r\"b\" 2}",
            "{\r\n\"a\":1,\r\"b\":\n\r[1,\r\n\r\n2 3]}",
            "[1,\r\n\n\r\r\n x]",
            "{\"a\":1}\r\r\n\n\r x",
            "[\r\t\r 1,\r\n\"s\"\r:]");

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void strict_lineAndColumn_countEveryKindOfLineEnd_asJacksonDoes(int size) {
        for (String document : DOCUMENTS) {
            TokenStreamLocation jackson = jacksonErrorLocation(document);
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.strict();
                assertThatThrownBy(() -> ChunkFeeder.feed(parser, document, size, utf8))
                        .as("%s (utf8 %s)", document, utf8)
                        .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                            assertThat(e.offset()).isEqualTo(jackson.getCharOffset());
                            assertThat(e.line()).isEqualTo(jackson.getLineNr());
                            assertThat(e.column()).isEqualTo(jackson.getColumnNr());
                        });
            }
        }
    }

    /**
     * In lenient mode the prelude counts a carriage return alone as a line end (as CommonMark does); the value's
     * line ends are counted the same way, also where the prelude holds a bracket over them.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void lenient_lineEndsInsideTheValue_countAsThoseBeforeIt(int size) {
        for (String answer : List.of(
                "{\r\"a\":1,\r\"b\" 2}",
                "Sure:\r{\"a\":1,\r\r\"b\" 2}",
                "Sure:\r\n```json\r\n{\r\n\"a\":1,\r\"b\" 2}",
                "Sure:\r[1,\r\n2,\n\r\"b\" 2]")) {
            long line = answer.lines().count();
            long column = answer.length() - Math.max(answer.lastIndexOf('\r'), answer.lastIndexOf('\n')) - 2;
            PartialJsonParser parser = PartialJsonParser.lenient();
            assertThatThrownBy(() -> ChunkFeeder.feedChars(parser, answer, size))
                    .as(answer)
                    .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                        assertThat(e.offset()).isEqualTo(answer.length() - 2);
                        assertThat(e.line()).isEqualTo(line);
                        assertThat(e.column()).isEqualTo(column);
                    });
        }
    }

    private static TokenStreamLocation jacksonErrorLocation(String document) {
        try {
            MAPPER.readTree(document);
        } catch (JacksonException e) {
            return e.getLocation();
        }
        throw new AssertionError("Jackson accepts " + document);
    }
}
