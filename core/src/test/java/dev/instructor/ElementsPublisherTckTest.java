package dev.instructor;

import java.util.List;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK on {@link AsyncPartialStream#elements}: {@code createFlowPublisher(n)} streams a JSON list
 * of {@code n} numbers, so the publisher emits exactly {@code n} elements, then completes.
 */
public class ElementsPublisherTckTest extends FlowPublisherVerification<Integer> {

    public ElementsPublisherTckTest() {
        super(TckStreams.environment(), TckStreams.GC_MILLIS);
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        return TckStreams.list(elements).elements(Integer.class);
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        return TckStreams.failing(new TypeRef<List<Integer>>() {}).elements(Integer.class);
    }
}
