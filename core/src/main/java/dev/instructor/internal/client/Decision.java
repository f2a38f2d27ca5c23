package dev.instructor.internal.client;

import dev.instructor.FailedAttempt;
import dev.instructor.json.PartialValue;
import dev.instructor.spi.Message;
import java.util.List;

/** What a structured run does after an attempt ends: the answer of the {@link AttemptInterceptor} chain. */
sealed interface Decision {

    /**
     * The answer is valid: the run ends with it.
     *
     * @param value the bound, validated value (unwrapped)
     * @param document the answer's JSON document, wrapper included
     */
    record Accept(Object value, PartialValue document) implements Decision {}

    /**
     * Ask the model again.
     *
     * @param turns the messages to append to the conversation
     * @param rejected the attempt asked about: its output, why it was rejected and its tokens
     */
    record Reask(List<Message> turns, FailedAttempt rejected) implements Decision {}

    /**
     * The run fails.
     *
     * @param error what the caller receives
     */
    record Fail(Throwable error) implements Decision {}
}
