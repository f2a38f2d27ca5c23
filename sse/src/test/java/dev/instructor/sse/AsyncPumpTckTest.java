package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK on the subscriber that {@link StructuredSse#stream(AsyncPartialStream, SseFormat, SseSink)}
 * subscribes to a stream's updates: taken as the public method makes it, from a stream that hands its subscriber to
 * the TCK, which then plays the publisher.
 */
public class AsyncPumpTckTest extends FlowSubscriberBlackboxVerification<PartialUpdate<Object>> {

    public AsyncPumpTckTest() {
        super(new TestEnvironment(2_000, 50, 50)); // generous for a loaded 2-core machine
    }

    @Override
    @SuppressWarnings("unchecked") // it takes any update
    public Flow.Subscriber<PartialUpdate<Object>> createFlowSubscriber() {
        HandoverStream stream = new HandoverStream();
        StructuredSse.create().streamAsync(stream, SseFormat.SNAPSHOT, new RecordingSink());
        return (Flow.Subscriber<PartialUpdate<Object>>) stream.subscriber.get();
    }

    @Override
    public PartialUpdate<Object> createElement(int element) {
        return new Script().partials("{\"n\":" + element + "}").steps().get(0).update();
    }
}
