package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.PartialUpdate;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Reactive Streams subscriber rules, on the subscriber that pumps an async stream into a response. */
class AsyncPumpRulesTest {

    /** A subscription that records what its subscriber asked of it. */
    static final class Recorded implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    static Flow.Subscriber<? super PartialUpdate<Object>> pump() {
        HandoverStream stream = new HandoverStream();
        StructuredSse.create().streamAsync(stream, SseFormat.SNAPSHOT, new RecordingSink());
        return stream.subscriber.get();
    }

    /** Rule 2.5: a second onSubscribe is a publisher's error; its subscription is cancelled, the first kept. */
    @Test
    void aSecondSubscription_isCancelled_andTheFirstKept() {
        Flow.Subscriber<? super PartialUpdate<Object>> pump = pump();
        Recorded first = new Recorded();
        Recorded second = new Recorded();

        pump.onSubscribe(first);
        pump.onSubscribe(second);

        assertThat(second.cancelled).isTrue();
        assertThat(second.requested).hasValue(0);
        assertThat(first.cancelled).isFalse();
        assertThat(first.requested).hasValue(1);
    }

    /** Rule 2.13: a null signal is the publisher's error, thrown back, not a failure of the stream to report. */
    @Test
    void nullSignals_throwNullPointerException() {
        Flow.Subscriber<? super PartialUpdate<Object>> pump = pump();
        assertThatThrownBy(() -> pump.onSubscribe(null)).isInstanceOf(NullPointerException.class);
        Recorded subscription = new Recorded();
        pump.onSubscribe(subscription);

        assertThatThrownBy(() -> pump.onNext(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pump.onError(null)).isInstanceOf(NullPointerException.class);
        assertThat(subscription.cancelled).isFalse();
        assertThat(subscription.requested).hasValue(1);
    }
}
