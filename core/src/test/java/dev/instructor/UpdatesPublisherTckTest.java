package dev.instructor;

import dev.instructor.TckStreams.Line;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;

/**
 * The Reactive Streams TCK on {@link AsyncPartialStream#updates}, with the streams of {@link PartialsPublisherTckTest}:
 * {@code createFlowPublisher(n)} streams an answer with {@code n - 1} partials, so {@code n} updates: those and the
 * final one.
 */
public class UpdatesPublisherTckTest extends FlowPublisherVerification<PartialUpdate<Line>> {

    public UpdatesPublisherTckTest() {
        super(TckStreams.environment(), TckStreams.GC_MILLIS);
    }

    @Override
    public Flow.Publisher<PartialUpdate<Line>> createFlowPublisher(long elements) {
        if (elements == 0) {
            // Not applicable, as for the partials: the final update is always sent.
            throw new SkipException("a stream of updates always sends its final update, so is never empty");
        }
        if (elements == 1) {
            // Only the final update: an answer that has ended, as a subscriber that comes late sees it.
            AsyncPartialStream<Line> ended = TckStreams.lines(1, null, false);
            ended.finalResponse().join();
            return ended.updates();
        }
        TckStreams.Pacing pacing = new TckStreams.Pacing();
        return pacing.wrap(TckStreams.lines(elements - 1, pacing, true).updates());
    }

    @Override
    public Flow.Publisher<PartialUpdate<Line>> createFailedFlowPublisher() {
        return TckStreams.failing(new TypeRef<Line>() {}).updates();
    }
}
