package dev.instructor.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcmaPatternsTest {
    @Test
    void readsAlike_commonPortableConstructs() {
        for (String pattern : List.of(
                "[a-z]+",
                "^[0-9]{2,4}$",
                "a*?b+?c??d{2}?",
                "(?:ab|cd)(?=x)(?!y)",
                "[^\\]\\-a-z]",
                "\\\\p",
                "\\x41\\u00e9\\.\\(",
                "\\d\\w\\D\\W",
                "^[A-Z][a-z]+\\s\\S+$",
                "\\bword\\B")) {
            assertThat(EcmaPatterns.readsAlike(pattern)).as(pattern).isTrue();
        }
    }

    @Test
    void readsAlike_notForJavaOnlyOrDifferentlyReadConstructs() {
        for (String pattern : List.of(
                "a{2}+", "a?+", "[]a]", "[a[b]]", "(?<name>a)", "(?<=a)b", "\\1", "a}", "x{a}", "\\\\\\p{L}", "[a-z")) {
            assertThat(EcmaPatterns.readsAlike(pattern)).as(pattern).isFalse();
        }
    }
}
