package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingVsBatchTest {

    @Test
    void run_sameResultAndTokensButStreamShowsSomethingFirst() {
        Output out = new Output();
        try (ExampleProvider provider =
                ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, ExampleProvider.LLM_PACE)) {
            StreamingVsBatch.run(provider, out.stream());
        }

        List<String> lines = new ArrayList<>(out.lines());
        assertThat(lines).hasSize(5);
        assertThat(lines.remove(0)).matches("warm-up: first call \\d+ ms");
        assertThat(lines.get(0)).matches("batch:  nothing to show for \\d+ ms, then 3 ideas");
        assertThat(lines.get(1))
                .matches("stream: first idea on screen after \\d+ ms, \\d+ partials, all 3 validated"
                        + " after \\d+ ms");
        assertThat(lines.get(2)).matches("tokens: batch (\\d+), stream \\1");
        assertThat(lines.get(3)).isEqualTo("same result: true");
        long batchMillis = millisAfter(lines.get(0), "for ");
        long firstMillis = millisAfter(lines.get(1), "after ");
        // At 25 ms a token the whole answer takes over a second; the first idea shows within a few tokens.
        assertThat(batchMillis).isGreaterThan(1000);
        assertThat(firstMillis).isLessThan(batchMillis / 2);
    }

    private static long millisAfter(String line, String marker) {
        String rest = line.substring(line.indexOf(marker) + marker.length());
        return Long.parseLong(rest.substring(0, rest.indexOf(" ms")));
    }
}
