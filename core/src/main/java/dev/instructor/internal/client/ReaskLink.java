package dev.instructor.internal.client;

import dev.instructor.FailedAttempt;
import dev.instructor.InstructorRetryException;
import dev.instructor.ValidationException;
import dev.instructor.Violation;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a rejected answer into a re-ask while attempts remain, and into an {@link InstructorRetryException} once they
 * are spent. Provider failures (transport, truncation, refusal) are not re-asked: another try would not fix them,
 * and the transport already retried what can be retried.
 */
final class ReaskLink implements AttemptInterceptor {

    @Override
    public Decision intercept(AttemptEnd end, Chain chain) {
        Decision decision = chain.proceed(end);
        if (!(decision instanceof Decision.Fail fail) || !(fail.error() instanceof ValidationException rejected)) {
            return decision;
        }
        List<Violation> violations = rejected.violations();
        FailedAttempt failed = new FailedAttempt(end.attempt(), end.rawText(), violations, end.usage());
        if (end.attempt() > end.plan().maxRetries()) {
            List<FailedAttempt> all = new ArrayList<>(end.earlierAttempts());
            all.add(failed);
            return new Decision.Fail(new InstructorRetryException(all));
        }
        // A gateway may send a call without an id (read as empty); the replayed call and its result need one to pair.
        String id = end.toolCallId();
        String toolCallId = id != null && !id.isBlank() ? id : "call_" + end.attempt();
        ProviderEvent.ToolCall call =
                new ProviderEvent.ToolCall(toolCallId, end.plan().schemaName, end.toolCallSignature());
        List<Message> turns =
                Message.reask(end.plan().mode, end.previousOutput(), call, feedback(end.plan().mode, violations));
        return new Decision.Reask(turns, failed);
    }

    /**
     * The text the model reads: Python Instructor's wording, with our JSON-pointer violations. Only a tool call has a
     * function to recall; in the other modes the model wrote its JSON as text.
     */
    static String feedback(Mode mode, List<Violation> violations) {
        return "Your answer failed validation:\n" + Violation.render(violations)
                + (mode == Mode.TOOLS
                        ? "\nRecall the function correctly and answer again with the whole corrected JSON."
                        : "\nPlease answer again with the whole corrected JSON.");
    }
}
