package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSplitterTest {

    @Test
    void split_wordsWithLeadingSpaceAndJsonPunctuation() {
        assertThat(TokenSplitter.split("{\"title\":\"Note Ninja\"}"))
                .containsExactly("{\"", "title", "\":\"", "Note", " Ninja", "\"}");
    }

    @Test
    void split_longWordsInParts() {
        assertThat(TokenSplitter.split(" extraordinary")).containsExactly(" extraor", "dinary");
    }

    @Test
    void split_joinsBackToTheText() {
        String text = "[{\"title\":\"Café ☕ Club\",\"blurb\":\"Tiny  steps, 42 wins — \\\"quoted\\\" 😀 ok.\"}]";
        List<String> pieces = TokenSplitter.split(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allMatch(piece -> !piece.isEmpty() && piece.length() <= 8);
        assertThat(pieces).noneMatch(piece -> Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
    }
}
