package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.PartialValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireBytesTest {

    @Test
    void delta_pacedAtFivePartialsPerEvent_staysWithinThreeTimesFinalJson() {
        String json = WireBytes.ideas(20_000, new Random(42));
        List<PartialValue> snapshots = WireBytes.chunked(json, new Random(7), 6);
        long finalBytes = json.getBytes(StandardCharsets.UTF_8).length;
        long done = finalBytes + "event: done\ndata: \n\n".length();

        long paced = WireBytes.deltaBytes(snapshots, 5)[1] + done;
        long every = WireBytes.deltaBytes(snapshots, 1)[1] + done;
        long snapshot = WireBytes.snapshotBytes(snapshots, 5)[1] + done;

        assertThat(paced).isLessThan(3 * finalBytes);
        assertThat(every).isLessThan(5 * finalBytes);
        // The snapshot format grows with the square: already two orders of magnitude worse at 20 KB.
        assertThat(snapshot).isGreaterThan(100 * finalBytes);
    }
}
