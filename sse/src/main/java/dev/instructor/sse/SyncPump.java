package dev.instructor.sse;

import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.sse.internal.StreamSession;
import java.util.Iterator;

/** Reads a {@link PartialStream} on the calling thread and writes its updates to a session. */
final class SyncPump {
    private SyncPump() {}

    static void run(PartialStream<?> stream, StreamSession session, StructuredSse sse) {
        try (stream) {
            session.start();
            Iterator<? extends PartialUpdate<?>> updates = stream.updates().iterator();
            while (!session.isFinished() && updates.hasNext()) {
                PartialUpdate<?> update = updates.next();
                if (update.isFinal()) {
                    session.done(sse.finalJson(update.value(), stream.responseModel()), update.attempt());
                    return;
                }
                session.progress(update.json(), update.attempt());
            }
            if (!session.isFinished()) {
                // The updates ended without a final one: the stream's own answer is the authority. Attempt 1
                // announces nothing new: the attempt is not known here.
                session.done(sse.finalJson(stream.getFinalResponse(), stream.responseModel()), 1);
            }
        } catch (RuntimeException | Error e) {
            // An Error too: the client must get its error event, and the model stop, whatever failed.
            // After the client left, closing the stream makes iteration throw; the session ignores that.
            sse.fail(session, e, stream.responseModel());
        }
    }
}
