package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdeasRequestTest {

    @Test
    void parse_topicAndCount() throws Exception {
        assertThat(IdeasRequest.parse("{\"topic\":\"  snack\\n\\tideas \",\"count\":7}"))
                .isEqualTo(new IdeasRequest("snack ideas", 7));
    }

    @Test
    void parse_countDefaultsToFive() throws Exception {
        assertThat(IdeasRequest.parse("{\"topic\":\"snacks\"}").count()).isEqualTo(5);
    }

    @Test
    void parse_topicOfMaximumLength() throws Exception {
        String topic = "x".repeat(200);
        assertThat(IdeasRequest.parse("{\"topic\":\"" + topic + "\"}").topic()).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"topic\":\"a\",\"count\":21}                 | count | count: must be less than or equal to 20",
                "{\"topic\":\"a\",\"count\":0}                  | count | count: must be greater than or equal to 1",
                "{\"topic\":\"a\",\"count\":-99999999999}       | count | count: must be greater than or equal to 1",
                "{\"topic\":\"a\",\"count\":99999999999}        | count | count: must be less than or equal to 20",
                "{\"topic\":\"a\",\"count\":2.5}                | count | count: must be a whole number from 1 to 20",
                "{\"topic\":\"a\",\"count\":\"5\"}              | count | count: must be a whole number from 1 to 20",
                "{\"count\":5}                                  | topic | topic: must not be blank",
                "{\"topic\":\"   \"}                            | topic | topic: must not be blank",
                "{\"topic\":7}                                  | topic | topic: must be a string",
                "{\"topic\":\"a\",\"cuont\":5}                  | cuont | cuont: unknown member; expected topic and count",
            })
    void parse_rejectsWithField(String body, String field, String message) {
        assertThatThrownBy(() -> IdeasRequest.parse(body)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void parse_rejectsTopicOverTwoHundredCharacters() {
        assertThatThrownBy(() -> IdeasRequest.parse("{\"topic\":\"" + "x".repeat(201) + "\"}"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("topic");
                    assertThat(e.getMessage()).isEqualTo("topic: must be at most 200 characters, got 201");
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"topic\":", "[1,2]", "\"snacks\"", "{\"topic\":\"a\"} {}", "''", "null"})
    void parse_rejectsMalformedOrNonObjectBodies(String body) {
        assertThatThrownBy(() -> IdeasRequest.parse(body)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.field()).isNull();
            assertThat(e.getMessage()).startsWith("body: must be a JSON object");
        });
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"00A0", "2028", "2029", "3000", "0085"})
    void parse_unicodeSpaceOrLineBreakIsWhiteSpace(String code) throws Exception {
        String space = "\\u" + code;
        assertThat(IdeasRequest.parse("{\"topic\":\"snack" + space + "ideas\"}").topic())
                .isEqualTo("snack ideas");
        assertThatThrownBy(() -> IdeasRequest.parse("{\"topic\":\"" + space + space + "\"}"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("topic: must not be blank"));
    }

    @Test
    void parse_topicRoundTripsThroughThePromptWhateverItsWhiteSpace() throws Exception {
        IdeasRequest ask = IdeasRequest.parse("{\"topic\":\"snack\\u2028ideas\",\"count\":7}");
        assertThat(IdeaPrompt.parse(IdeaPrompt.userText(ask))).contains(ask);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"topic\":\"snack\\ud800s\"}", "{\"topic\":\"snacks\\udc00\"}"})
    void parse_rejectsATopicWithAnUnpairedSurrogate(String body) {
        // Such a topic cannot be encoded as UTF-8: the model would be asked about "snack?s".
        assertThatThrownBy(() -> IdeasRequest.parse(body)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.field()).isEqualTo("topic");
            assertThat(e.getMessage()).isEqualTo("topic: must be valid Unicode text");
        });
    }

    @Test
    void parse_keepsAPairedSurrogate() throws Exception {
        assertThat(IdeasRequest.parse("{\"topic\":\"snacks \\ud83c\\udf7f\"}").topic())
                .isEqualTo("snacks \ud83c\udf7f");
    }

    @Test
    void parse_unknownMemberIsShortenedBetweenCharacters() {
        // Cut at 40 chars, the name would end in half of the emoji, which the page shows as a replacement character.
        String name = "a".repeat(39) + "\ud83d\ude00" + "b";

        assertThatThrownBy(() -> IdeasRequest.parse("{\"" + name + "\":1,\"topic\":\"x\"}"))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.field()).isEqualTo("a".repeat(39) + "…"));
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"200B", "FEFF", "200D", "2060"})
    void parse_topicOfInvisibleCharactersOnlyIsBlank(String code) {
        String invisible = "\\u" + code;
        assertThatThrownBy(() -> IdeasRequest.parse("{\"topic\":\" " + invisible + invisible + " \"}"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("topic: must not be blank"));
    }

    @Test
    void parse_keepsAJoinerInsideAnEmojiSequence() throws Exception {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        assertThat(IdeasRequest.parse("{\"topic\":\"" + family + " days out\"}").topic())
                .isEqualTo(family + " days out");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"topic\":\"a\",\"topic\":\"b\"}         | topic",
                "{\"topic\":\"a\",\"count\":1,\"count\":20} | count",
            })
    void parse_rejectsAMemberGivenTwice(String body, String field) {
        // As strict as with unknown members: which of the two was meant is a guess.
        assertThatThrownBy(() -> IdeasRequest.parse(body)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(field + ": given more than once");
        });
    }
}
