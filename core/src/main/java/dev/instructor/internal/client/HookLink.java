package dev.instructor.internal.client;

import dev.instructor.InstructorListener;
import dev.instructor.InstructorRetryException;

/**
 * The first link: tells the client's listeners (logging included) what the rest of the chain decided: a rejected
 * answer, and its re-ask or the rejection that ends the call. The outcome itself (onComplete, onError) is told by the
 * run, once and as it ends, so that a listener's Error in telling it cannot make the run tell another.
 */
final class HookLink implements AttemptInterceptor {

    @Override
    public Decision intercept(AttemptEnd end, Chain chain) {
        Decision decision = chain.proceed(end);
        InstructorListener listener = end.plan().listener;
        if (decision instanceof Decision.Reask reask) {
            listener.onValidationFailure(reask.rejected().violations(), end.attempt());
            listener.onRetry(reask.rejected().violations(), end.attempt() + 1);
        } else if (decision instanceof Decision.Fail fail) {
            if (fail.error() instanceof InstructorRetryException retry) {
                listener.onValidationFailure(retry.lastViolations(), end.attempt());
            }
        }
        return decision;
    }
}
