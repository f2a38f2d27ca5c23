package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineAnswersTest {

    @Test
    void fallbackTopic_isTheFirstLineCutAtSixtyChars_neverInsideAPair() {
        assertThat(OfflineAnswers.fallbackTopic("  tea  \nmore")).isEqualTo("tea");
        assertThat(OfflineAnswers.fallbackTopic("\n")).isEqualTo("ideas");
        assertThat(OfflineAnswers.fallbackTopic("a".repeat(70))).isEqualTo("a".repeat(60));
        // The emoji's halves are chars 59 and 60: the cut leaves it out whole.
        assertThat(OfflineAnswers.fallbackTopic("a".repeat(59) + "\uD83C\uDF75" + "b".repeat(10)))
                .isEqualTo("a".repeat(59));
    }
}
