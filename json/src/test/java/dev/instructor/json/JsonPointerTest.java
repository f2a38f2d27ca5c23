package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

    @Test
    void parseAndToString_roundTripTheRfcExamples() {
        // RFC 6901, section 5: "~" is written "~0" and "/" is written "~1".
        for (String text :
                List.of("", "/foo", "/foo/0", "/", "/a~1b", "/c%d", "/e^f", "/g|h", "/i\\j", "/ ", "/m~0n")) {
            assertThat(JsonPointer.parse(text).toString()).isEqualTo(text);
        }
        assertThat(JsonPointer.parse("/a~1b/m~0n").segments()).containsExactly("a/b", "m~n");
        assertThat(JsonPointer.parse("/").segments()).containsExactly("");
        assertThat(JsonPointer.parse("")).isSameAs(JsonPointer.root());
    }

    @Test
    void parse_rejectsWhatIsNotAPointer() {
        assertThatThrownBy(() -> JsonPointer.parse("foo")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPointer.parse("/a~2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPointer.parse("/a~")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_copiesItsSegments_andPointersAreValues() {
        List<String> segments = new ArrayList<>(List.of("ideas", "0"));
        JsonPointer pointer = JsonPointer.of(segments);
        segments.add("title");

        assertThat(pointer.segments()).containsExactly("ideas", "0");
        assertThat(pointer).isEqualTo(JsonPointer.parse("/ideas/0")).hasSameHashCodeAs(JsonPointer.parse("/ideas/0"));
        assertThat(pointer.append("title")).isEqualTo(JsonPointer.parse("/ideas/0/title"));
        assertThat(pointer.append(3)).isEqualTo(JsonPointer.parse("/ideas/0/3"));
        assertThat(pointer.parent()).isEqualTo(JsonPointer.parse("/ideas"));
        assertThatThrownBy(() -> pointer.segments().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> JsonPointer.root().parent()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pointer.append(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isIndex_acceptsCanonicalIndexesOnly() {
        JsonPointer pointer = JsonPointer.parse("/0/12/012/-/x/1234567890/2147483647/2147483648/12345678901");

        assertThat(pointer.isIndex(0)).isTrue();
        assertThat(pointer.isIndex(1)).isTrue();
        assertThat(pointer.isIndex(2)).isFalse();
        assertThat(pointer.isIndex(3)).isFalse();
        assertThat(pointer.isIndex(4)).isFalse();
        assertThat(pointer.isIndex(5)).isTrue();
        assertThat(pointer.isIndex(6)).isTrue();
        assertThat(pointer.isIndex(7)).as("beyond int").isFalse();
        assertThat(pointer.isIndex(8)).as("beyond int").isFalse();
    }

    @Test
    void append_nullName_rejectedWithTheArgumentNamed() {
        assertThatThrownBy(() -> JsonPointer.root().append((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void of_nullSegment_rejectedNamingItsPosition() {
        assertThatThrownBy(() -> JsonPointer.of(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("segments[1] is null");
        assertThatThrownBy(() -> JsonPointer.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("segments");
    }

    @Test
    void relativeTo_dropsTheAncestorsSegments() {
        JsonPointer title = JsonPointer.parse("/items/0/title");

        assertThat(title.relativeTo(JsonPointer.parse("/items"))).isEqualTo(JsonPointer.parse("/0/title"));
        assertThat(title.relativeTo(JsonPointer.root())).isEqualTo(title);
        assertThat(title.relativeTo(title)).isSameAs(JsonPointer.root());
        assertThat(title.relativeTo(JsonPointer.parse("/items")).append("x"))
                .isEqualTo(JsonPointer.parse("/0/title/x"));
        assertThat(JsonPointer.parse("/items").isPrefixOf(title)).isTrue();
        assertThat(JsonPointer.parse("/item").isPrefixOf(title)).isFalse();
        assertThatThrownBy(() -> title.relativeTo(JsonPointer.parse("/other")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPointer.parse("/items").relativeTo(title))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointersOfTheParser_equalParsedOnes() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a/b\": [{\"m~n\": \"x");

        assertThat(parser.activePath()).contains(JsonPointer.parse("/a~1b/0/m~0n"));
        assertThat(parser.activePath().orElseThrow().relativeTo(JsonPointer.parse("/a~1b")))
                .isEqualTo(JsonPointer.parse("/0/m~0n"));
    }
}
