package dev.instructor.internal.client;

import dev.instructor.InstructorListener;
import dev.instructor.InstructorRetryException;

/**
 * The first link: tells the client's listeners (logging included) what the rest of the chain decided: a rejected
 * answer and its re-ask, or the failure. An accepted value is told by the run once it has shown it, as showing it
 * may still fail the run.
 */
final class HookLink implements AttemptInterceptor {

    @Override
    public Decision intercept(AttemptEnd end, Chain chain) {
        Decision decision = chain.proceed(end);
        InstructorListener listener = end.plan().listener;
        if (decision instanceof Decision.Reask reask) {
            listener.onValidationFailure(reask.violations(), end.attempt());
            listener.onRetry(reask.violations(), end.attempt() + 1);
        } else if (decision instanceof Decision.Fail fail) {
            if (fail.error() instanceof InstructorRetryException retry) {
                listener.onValidationFailure(retry.lastViolations(), end.attempt());
            }
            listener.onError(fail.error());
        }
        return decision;
    }
}
