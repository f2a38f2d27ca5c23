package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.json.PartialJsonParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partial bound from the complete document agrees with {@link ResponseModel#parse}: the same value, or no partial
 * when Jackson rejects the document. Cases a differential fuzz of the binder found, each at chunk sizes 1, 3 and whole.
 */
class LastPartialAgreesWithFinalTest {
    record Reading(String label, int count) {}

    record Measure(double value) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void nullForAPrimitive_givesNoPartialOnceComplete_asJacksonRejectsIt(int chunk) {
        ResponseModel<Reading> model = ResponseModel.of(Reading.class);
        String json = "{\"label\":\"a\",\"count\":null}";

        assertThat(lastPartial(model, json, chunk)).isEmpty();
        assertThatThrownBy(() -> model.parse(json)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void missingPrimitive_agreesWithJackson(int chunk) {
        ResponseModel<Reading> model = ResponseModel.of(Reading.class);
        String json = "{\"label\":\"a\"}";

        Optional<Reading> last = lastPartial(model, json, chunk);
        Reading parsed = parsedOrNull(model, json);
        assertThat(last.orElse(null)).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void minusZeroIntoADouble_isPositiveZero_asJacksonReadsAnIntegerToken(int chunk) {
        ResponseModel<Measure> model = ResponseModel.of(Measure.class);

        for (String json : List.of("{\"value\":-0}", "{\"value\":-0.0}", "{\"value\":-0e0}", "{\"value\":-12}")) {
            assertThat(lastPartial(model, json, chunk)).as(json).contains(model.parse(json));
        }
        assertThat(Double.doubleToRawLongBits(model.parse("{\"value\":-0}").value()))
                .isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void repeatedWrapperMember_theLastOneCounts_inThePartialAndTheFinal(int chunk) {
        ResponseModel<List<String>> list = ResponseModel.of(new TypeRef<List<String>>() {});
        String json = "{\"items\":[\"a\"],\"items\":[\"b\"]}";
        assertThat(list.parse(json)).containsExactly("b");
        assertThat(lastPartial(list, json, chunk)).contains(list.parse(json));

        ResponseModel<String> text = ResponseModel.of(String.class);
        String wrapped = "{\"value\":\"a\",\"value\":\"b\"}";
        assertThat(text.parse(wrapped)).isEqualTo("b");
        assertThat(lastPartial(text, wrapped, chunk)).contains("b");
    }

    /** Streams {@code json} in chunks of {@code chunk} chars and binds the complete value's snapshot. */
    private static <T> Optional<T> lastPartial(ResponseModel<T> model, String json, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        for (int from = 0; from < json.length(); from += Math.min(chunk, json.length() - from)) {
            parser.feed(json.substring(from, Math.min(json.length(), from + chunk)));
            if (parser.current() != null) {
                binder.bind(parser.current());
            }
        }
        return binder.bind(parser.finish()).map(PartialResult::value);
    }

    private static <T> T parsedOrNull(ResponseModel<T> model, String json) {
        try {
            return model.parse(json);
        } catch (ValidationException e) {
            return null;
        }
    }
}
