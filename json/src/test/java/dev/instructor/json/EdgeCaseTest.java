package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/** Numbers too large to convert, and surrogates in member names, each checked against Jackson. */
class EdgeCaseTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bigIntegerValue_hugeExponent_failsAtOnceWithATypedError() {
        PartialArray array = (PartialArray) finish(PartialJsonParser.strict(), "[1e100000000,-2.5E+100000000,1e99999]");
        for (int i = 0; i < 2; i++) {
            PartialNumber number = (PartialNumber) array.get(i);
            assertThatThrownBy(number::bigIntegerValue)
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("too large for a BigInteger");
            assertThatThrownBy(number::longValue).isInstanceOf(ArithmeticException.class);
            assertThat(Math.abs(number.doubleValue())).isInfinite();
            assertThat(number.bigDecimalValue().scale()).isLessThanOrEqualTo(-99_999_999);
        }
        // Up to the bound, the value is computed.
        assertThat(((PartialNumber) array.get(2)).bigIntegerValue()).isEqualTo(BigInteger.TEN.pow(99_999));
    }

    @Test
    void bigDecimalValue_exponentBeyondAnIntScale_isAnArithmeticException() {
        PartialNumber number = (PartialNumber) finish(PartialJsonParser.strict(), "1e2147483649");
        assertThatThrownBy(number::bigDecimalValue)
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("exponent out of range")
                .hasCauseInstanceOf(NumberFormatException.class);
    }

    /**
     * Jackson refuses an escaped lone surrogate in a member name (and keeps one in a string value): so does the
     * parser, so that a name it shows is one Jackson binds.
     */
    @Test
    void escapedLoneSurrogateInMemberName_isRejected_asJacksonDoes() {
        List<String> rejected = List.of(
                "{\"\\ud800\": 1}",
                "{\"\\udc00\": 1}",
                "{\"a\\uDFAA\": 1}",
                "{\"\\ud800x\": 1}",
                "{\"\\ud800\\u0041\": 1}",
                "{\"\\ud800\\ud800\": 1}",
                "{\"\\ud800\\n\": 1}",
                "{\"\\udc00\\ud800\": 1}");
        for (String document : rejected) {
            assertThatThrownBy(() -> JACKSON.readTree(document))
                    .as("Jackson, %s", document)
                    .isInstanceOf(tools.jackson.core.JacksonException.class);
            for (PartialJsonParser parser : List.of(PartialJsonParser.strict(), PartialJsonParser.lenient())) {
                assertThatThrownBy(() -> finish(parser, document)).as(document).isInstanceOf(JsonSyntaxException.class);
            }
            for (int cut = 0; cut <= document.length(); cut++) {
                PartialJsonParser parser = PartialJsonParser.strict();
                int at = cut;
                assertThatThrownBy(() -> {
                            parser.feed(document.substring(0, at));
                            finish(parser, document.substring(at));
                        })
                        .as("%s cut at %d", document, cut)
                        .isInstanceOf(JsonSyntaxException.class);
            }
        }
    }

    @Test
    void escapedPairsInMemberNames_andLoneSurrogatesInValues_areKept_asJacksonKeepsThem() throws Exception {
        List<String> accepted = List.of(
                "{\"\\ud83c\\udf75\": 1}",
                "{\"x\\uD83C\\uDF75y\\ud83c\\udf75\": \"\\ud800\"}",
                "{\"a\": \"\\udc00\\ud800\", \"\\u00e9\": [\"\\ud800\"]}");
        for (String document : accepted) {
            String expected = JACKSON.writeValueAsString(JACKSON.readTree(document));
            for (int cut = 0; cut <= document.length(); cut++) {
                PartialJsonParser parser = PartialJsonParser.strict();
                parser.feed(document.substring(0, cut));
                PartialValue value = finish(parser, document.substring(cut));
                assertThat(JACKSON.writeValueAsString(JACKSON.readTree(value.toJson())))
                        .as("%s cut at %d", document, cut)
                        .isEqualTo(expected);
            }
            byte[] utf8 = document.getBytes(StandardCharsets.UTF_8);
            PartialJsonParser bytes = PartialJsonParser.strict();
            ChunkFeeder.feedBytes(bytes, utf8, 1);
            assertThat(JACKSON.writeValueAsString(
                            JACKSON.readTree(bytes.finish().toJson())))
                    .isEqualTo(expected);
        }
    }

    /** Random member names of escaped surrogates (paired or not) and other chars: accepted exactly when Jackson does. */
    @Test
    void randomEscapedSurrogatesInMemberNames_acceptedExactlyWhenJacksonAccepts() throws Exception {
        String[] pieces = {"a", "\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\ud83c\\udf75", "\\u0041", "\\n", "\u00e9"
        };
        java.util.Random random = new java.util.Random(20261122);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(5); i >= 0; i--) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            String document = "{\"" + name + "\": \"" + name + "\"}";
            String jackson;
            try {
                jackson = JACKSON.writeValueAsString(JACKSON.readTree(document.getBytes(StandardCharsets.UTF_8)));
            } catch (tools.jackson.core.JacksonException e) {
                jackson = null;
            }
            PartialJsonParser parser = PartialJsonParser.strict();
            byte[] utf8 = document.getBytes(StandardCharsets.UTF_8);
            String ours;
            try {
                ChunkFeeder.feedBytes(parser, utf8, 1 + random.nextInt(4));
                ours = JACKSON.writeValueAsString(
                        JACKSON.readTree(parser.finish().toJson()));
            } catch (JsonSyntaxException e) {
                ours = null;
            }
            assertThat(ours).as(document).isEqualTo(jackson);
        }
    }

    @Test
    void escapedLoneSurrogateInMemberName_isReportedWhereJacksonReportsIt() {
        PartialJsonParser high = PartialJsonParser.strict();
        assertThatThrownBy(() -> high.feed("{\"\\ud800x\": 1}"))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).isEqualTo(8);
                    assertThat(e.found()).isEqualTo("'x'");
                });
        assertThat(high.snapshot().orElseThrow().toJson()).isEqualTo("{}");

        PartialJsonParser notLow = PartialJsonParser.strict();
        assertThatThrownBy(() -> notLow.feed("{\"\\ud800\\u0041\": 1}"))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).isEqualTo(13);
                    assertThat(e.found()).isEqualTo("\\u0041");
                });

        PartialJsonParser low = PartialJsonParser.strict();
        assertThatThrownBy(() -> low.feed("{\"\\udc00\": 1}")).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(7);
            assertThat(e.found()).isEqualTo("\\uDC00");
        });

        PartialJsonParser open = PartialJsonParser.strict();
        open.feed("{\"\\ud800");
        assertThatThrownBy(open::finish)
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                        .isEqualTo("'\\' of the escaped low surrogate that must follow a high one in a member name"));
    }

    /** As the Javadoc of {@link PartialValue} says: equality is identity, and {@code toString()} is {@code toJson()}. */
    @Test
    void partialValues_equalOnlyWhenTheSameInstance_andPrintAsTheirJson() {
        String document = "{\"a\": [1, \"s\", null, true, false, {}], \"b\": \"open";
        PartialJsonParser first = PartialJsonParser.strict();
        first.feed(document);
        PartialJsonParser second = PartialJsonParser.strict();
        second.feed(document);
        PartialObject one = (PartialObject) first.current();
        PartialObject other = (PartialObject) second.current();
        assertThat(one).isNotEqualTo(other).isEqualTo(first.current());
        PartialArray items = (PartialArray) one.get("a");
        PartialArray otherItems = (PartialArray) other.get("a");
        for (int i = 0; i < items.size(); i++) {
            PartialValue item = items.get(i);
            assertThat(item.toString()).isEqualTo(item.toJson());
            if (item.type() == JsonType.NULL || item.type() == JsonType.BOOLEAN) {
                assertThat(item).isSameAs(otherItems.get(i));
            } else {
                assertThat(item).isNotEqualTo(otherItems.get(i));
            }
        }
        assertThat(one.toString()).isEqualTo(one.toJson()).isEqualTo(other.toJson());
        assertThat(one.get("b").toString()).isEqualTo("\"open\"");
    }

    /** Pins what {@link JsonLimits#defaults()} says of Jackson's: a Jackson upgrade that changes them shows here. */
    @Test
    void defaultLimits_areJackson2s_andDifferFromJackson3sWhereTheJavadocSays() {
        JsonLimits limits = JsonLimits.defaults();
        assertThat(limits.maxNameLength()).isEqualTo(tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_NAME_LEN);
        assertThat(limits.maxNumberLength()).isEqualTo(tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_NUM_LEN);
        assertThat(tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH).isEqualTo(500);
        assertThat(limits.maxNestingDepth()).isEqualTo(1_000);
        assertThat(tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                .isEqualTo(100_000_000);
        assertThat(limits.maxStringLength()).isEqualTo(20_000_000);
    }

    private static PartialValue finish(PartialJsonParser parser, String text) {
        parser.feed(text);
        return parser.finish();
    }
}
