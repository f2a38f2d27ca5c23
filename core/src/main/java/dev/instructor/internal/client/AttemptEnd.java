package dev.instructor.internal.client;

import dev.instructor.FailedAttempt;
import dev.instructor.Usage;
import dev.instructor.Violation;
import dev.instructor.json.PartialValue;
import dev.instructor.spi.ProviderException;
import java.util.List;

/**
 * How one attempt ended, as the links of the {@link AttemptInterceptor} chain see it.
 *
 * @param plan the call's plan
 * @param attempt 1 for the first request
 * @param rawText every text delta of the attempt, concatenated
 * @param previousOutput the output to show the model in a re-ask: valid JSON in tool modes, the raw text otherwise
 * @param toolCallId the id of the attempt's tool call, or {@code null}
 * @param toolCallSignature the signature of the attempt's tool call, or {@code null}
 * @param document the complete JSON document, or {@code null} when there is none (syntax error, early abort)
 * @param syntaxError why the text is not one JSON document, or {@code null}
 * @param earlyViolations what fail-fast found mid-stream; empty when the attempt ran to its end
 * @param failure the provider's failure, or {@code null}
 * @param earlierAttempts the attempts before this one, first attempt first (all of them rejected)
 * @param usage the tokens of this attempt
 * @param totalUsage the tokens of all attempts so far, this one included
 */
record AttemptEnd(
        CallPlan<?> plan,
        int attempt,
        String rawText,
        String previousOutput,
        String toolCallId,
        String toolCallSignature,
        PartialValue document,
        String syntaxError,
        List<Violation> earlyViolations,
        ProviderException failure,
        List<FailedAttempt> earlierAttempts,
        Usage usage,
        Usage totalUsage) {}
