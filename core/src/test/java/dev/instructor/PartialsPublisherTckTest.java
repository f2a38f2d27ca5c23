package dev.instructor;

import dev.instructor.TckStreams.Line;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;

/**
 * The Reactive Streams TCK on the partials of an {@link AsyncPartialStream}: {@code createFlowPublisher(n)} streams
 * an answer with exactly {@code n} partials, the model paced by the subscribers' demand (see
 * {@link TckStreams.Pacing}: the publisher conflates partials a subscriber is too slow for).
 */
public class PartialsPublisherTckTest extends FlowPublisherVerification<Line> {

    public PartialsPublisherTckTest() {
        super(TckStreams.environment(), TckStreams.GC_MILLIS);
    }

    @Override
    public Flow.Publisher<Line> createFlowPublisher(long elements) {
        if (elements == 0) {
            // Not applicable: every answer has a final value, and the partials publisher always sends it, so no
            // stream of partials is empty. The TCK asks for one in rule 1.5's optional empty-stream test, and in the
            // two rule 1.9 tests, which run on the elements publisher (the same subscribe path).
            throw new SkipException("a stream of partials always sends its final value, so is never empty");
        }
        TckStreams.Pacing pacing = new TckStreams.Pacing();
        return pacing.wrap(TckStreams.lines(elements, pacing, false));
    }

    @Override
    public Flow.Publisher<Line> createFailedFlowPublisher() {
        return TckStreams.failing(new TypeRef<Line>() {});
    }
}
