package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.PartialUpdate;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** A time limit whose timer fired just as the answer ended must not cancel the call that already succeeded. */
class TimeLimitAfterDoneTest {

    @Test
    void timeLimitRunningAfterDone_doesNotCancelTheStream() {
        ManualTime time = new ManualTime();
        Queue<Runnable> writerTasks = new ConcurrentLinkedQueue<>();
        StructuredSse sse = StructuredSse.builder()
                .scheduler(time)
                .time(time::nanoTime, writerTasks::add)
                .heartbeat(Duration.ZERO)
                .partialInterval(Duration.ZERO)
                .timeLimit(Duration.ofSeconds(30))
                .build();
        HandoverStream stream = new HandoverStream();
        RecordingSink sink = new RecordingSink();
        sse.streamAsync(stream, SseFormat.SNAPSHOT, sink);
        var pump = stream.subscriber.get();
        pump.onSubscribe(new AsyncPumpRulesTest.Recorded());

        time.advance(Duration.ofSeconds(30)); // the timer fires; its work waits for a writer thread
        Runnable timeUp = writerTasks.remove();
        PartialUpdate<Object> last = new Script().finish("1").steps().get(0).update();
        pump.onNext(last); // meanwhile the answer ends, written on a writer thread of its own
        writerTasks.forEach(Runnable::run);
        timeUp.run();

        assertThat(sink.text()).isEqualTo("event: done\ndata: 1\n\n");
        assertThat(stream.finalResponse()).isNotCancelled();
    }
}
