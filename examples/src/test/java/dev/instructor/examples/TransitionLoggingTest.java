package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransitionLoggingTest {

    @Test
    void run_logsOneLinePerNewItemAndOneAtTheEnd() {
        Output out = new Output();
        int partials;
        try (ExampleProvider provider = ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            partials = TransitionLogging.run(provider, out.stream());
        }

        assertThat(partials).isGreaterThan(20);
        assertThat(out.lines()).hasSize(4);
        assertThat(out.lines().subList(0, 3))
                .containsExactly("DEBUG new item #1", "DEBUG new item #2", "DEBUG new item #3");
        assertThat(out.lines().get(3))
                .matches("INFO  3 ideas after " + partials + " partials, Usage\\[inputTokens=\\d+, outputTokens=\\d+,"
                        + " totalTokens=\\d+]");
    }
}
