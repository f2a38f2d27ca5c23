package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PartialString#text()}: the chars so far, read in place from the parser's buffer. */
class PartialStringTextTest {

    @Test
    void text_showsTheCharsSoFar_andKeepsThemWhileTheStringGrows() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": \"caf\u00e9 na");
        CharSequence first = openText(parser);
        parser.feed("\u00efve \ud83c\udf75 and more text, enough to grow the buffer past its first size");
        CharSequence second = openText(parser);
        parser.feed("\", \"b\": \"x\"}");

        assertThat(first.toString()).isEqualTo("caf\u00e9 na");
        assertThat(first.length()).isEqualTo(7);
        assertThat(first.charAt(3)).isEqualTo('\u00e9');
        assertThat(second.toString())
                .isEqualTo("caf\u00e9 na\u00efve \ud83c\udf75 and more text,"
                        + " enough to grow the buffer past its first size");
        assertThat(second.toString()).startsWith(first.toString());
        PartialObject complete = (PartialObject) parser.finish();
        assertThat(((PartialString) complete.get("a")).text().toString()).isEqualTo(second.toString());
    }

    @Test
    void text_equalsAViewOfTheSameChars_andHashesLikeItsString() {
        PartialJsonParser one = PartialJsonParser.strict();
        PartialJsonParser other = PartialJsonParser.strict();
        one.feed("[\"same text");
        other.feed("[\"same text and more");
        CharSequence text = openText(one);
        CharSequence longer = openText(other);

        assertThat(text).isEqualTo(openText(one));
        assertThat(text).isEqualTo(longer.subSequence(0, 9));
        assertThat(text).isNotEqualTo(longer);
        assertThat(text.hashCode()).isEqualTo("same text".hashCode());
        assertThat(longer.subSequence(5, 9).hashCode()).isEqualTo("text".hashCode());
        assertThat(text).isNotEqualTo("same text"); // as CharSequence says: only toString() compares with a String
    }

    @Test
    void text_keepsItsHash_whileTheParserWritesPastIt() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[\"na\u00efve");
        CharSequence text = openText(parser);
        int hash = text.hashCode();
        parser.feed(" text that lands in the same buffer, right after the chars the view shows\"]");

        assertThat(hash).isEqualTo("na\u00efve".hashCode());
        assertThat(text.hashCode()).isEqualTo(hash);
        assertThat(text.subSequence(0, 2).hashCode()).isEqualTo("na".hashCode());
        assertThat(openTextOf(parser.finish())).isNotEqualTo(text);
    }

    @Test
    void subSequence_readsItsOwnRange_andChecksBounds() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("\"0123456789");
        CharSequence text = openText(parser);
        CharSequence middle = text.subSequence(2, 7);

        assertThat(middle.toString()).isEqualTo("23456");
        assertThat(middle.charAt(0)).isEqualTo('2');
        assertThat(middle.subSequence(1, 3).toString()).isEqualTo("34");
        assertThat(text.subSequence(4, 4).length()).isZero();
        assertThatThrownBy(() -> middle.charAt(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> middle.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.subSequence(3, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.subSequence(5, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static CharSequence openTextOf(PartialValue array) {
        return ((PartialString) ((PartialArray) array).get(0)).text();
    }

    private static CharSequence openText(PartialJsonParser parser) {
        return ((PartialString) OpenPath.leaf(parser.snapshot().orElseThrow())).text();
    }
}
